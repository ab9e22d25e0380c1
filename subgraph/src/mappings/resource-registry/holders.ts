// Holders' seasonal positions: settlement (the first touch in a season confirms or creates the projection),
// entitlement transfers and landings (numbered per resource, and kept in the season's carry-forward accumulator).
import { BigInt, log } from "@graphprotocol/graph-ts";
import {
  EntitlementSettled,
  EntitlementTransferred,
  Landed,
} from "../../../generated/ResourceRegistry/ResourceRegistry";
import { EntitlementTransfer, HolderSeason, Landing } from "../../../generated/schema";
import { eventId } from "../../utils/events";
import { minBig } from "../../utils/math";
import { countAction } from "./accreditations";
import {
  BUYER,
  getSeason,
  loadPosition,
  loadResource,
  newHolderSeason,
  recordSeasonEvent,
  sharesOf,
  touch,
} from "./entities";

/** HarvestControlRule.carryGain: how much more of `limit` a holding of `high` carries than one of `low`. */
function carryGain(low: BigInt, high: BigInt, limit: BigInt): BigInt {
  return minBig(high, limit).minus(minBig(low, limit));
}

export function handleEntitlementSettled(event: EntitlementSettled): void {
  const p = event.params;
  const resource = loadResource(p.resourceId);
  const season = getSeason(resource, p.season);
  let hs = HolderSeason.load(season.id + "-" + p.holder.toHexString());
  if (hs == null) {
    hs = newHolderSeason(resource, season, p.holder, event.block.timestamp);
  } else if (!hs.settled && (!hs.allocated.equals(p.allocated) || !hs.carriedIn.equals(p.carriedIn))) {
    log.warning("ResourceRegistry: projected position of {} in season {} was {} + {}, settled at {} + {}", [
      p.holder.toHexString(),
      season.number.toString(),
      hs.allocated.toString(),
      hs.carriedIn.toString(),
      p.allocated.toString(),
      p.carriedIn.toString(),
    ]);
  }
  const shares = sharesOf(p.resourceId, p.holder);
  hs.settled = true;
  hs.seasonShares = shares;
  hs.allocated = p.allocated;
  hs.carriedIn = p.carriedIn;
  hs.received = BigInt.zero();
  hs.sent = BigInt.zero();
  hs.landed = BigInt.zero();
  hs.entitlement = p.allocated.plus(p.carriedIn);
  hs.carryLimit = shares.times(season.carryLimitPerShare);
  hs.updatedAtTimestamp = event.block.timestamp;
  hs.save();
}

export function handleEntitlementTransferred(event: EntitlementTransferred): void {
  const p = event.params;
  const resource = loadResource(p.resourceId);
  const season = getSeason(resource, p.season);
  const from = loadPosition(resource, season, p.from, event);
  const fromBefore = from.entitlement;
  from.sent = from.sent.plus(p.amount);
  from.entitlement = from.entitlement.minus(p.amount);
  from.updatedAtTimestamp = event.block.timestamp;
  from.save();
  const to = loadPosition(resource, season, p.to, event);
  const toBefore = to.entitlement;
  to.received = to.received.plus(p.amount);
  to.entitlement = to.entitlement.plus(p.amount);
  to.updatedAtTimestamp = event.block.timestamp;
  to.save();
  season.transferred = season.transferred.plus(p.amount);
  season.transferCount += 1;
  // The sender's carry can only shrink, the recipient's only grow (as in transferEntitlement).
  season.carryForward = season.carryForward
    .plus(carryGain(toBefore, to.entitlement, to.carryLimit))
    .minus(carryGain(from.entitlement, fromBefore, from.carryLimit));
  season.save();
  const index = resource.entitlementTransferCount;
  resource.entitlementTransferCount += 1;
  touch(resource, event);
  const transfer = new EntitlementTransfer(eventId(event));
  recordSeasonEvent(transfer, resource, season, event);
  transfer.index = index;
  transfer.from = p.from;
  transfer.to = p.to;
  transfer.amount = p.amount;
  transfer.fromPosition = from.id;
  transfer.toPosition = to.id;
  transfer.save();
}

export function handleLanded(event: Landed): void {
  const p = event.params;
  const resource = loadResource(p.resourceId);
  const season = getSeason(resource, p.season);
  const position = loadPosition(resource, season, p.holder, event);
  const before = position.entitlement;
  position.landed = position.landed.plus(p.amount);
  position.entitlement = position.entitlement.minus(p.amount);
  position.updatedAtTimestamp = event.block.timestamp;
  position.save();
  season.landed = season.landed.plus(p.amount);
  season.landingCount += 1;
  season.carryForward = season.carryForward.minus(carryGain(position.entitlement, before, position.carryLimit));
  season.save();
  const index = resource.landingCount;
  resource.totalLanded = resource.totalLanded.plus(p.amount);
  resource.landingCount += 1;
  touch(resource, event);
  countAction(p.resourceId, BUYER, p.buyer);
  const landing = new Landing(eventId(event));
  recordSeasonEvent(landing, resource, season, event);
  landing.index = index;
  landing.holder = p.holder;
  landing.buyer = p.buyer;
  landing.amount = p.amount;
  landing.ticket = p.ticket;
  landing.position = position.id;
  landing.save();
}
