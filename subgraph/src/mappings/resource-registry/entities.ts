// The registry's entities as the handlers load and create them: registry, resources, seasons and holders' seasonal
// positions (settled or projected), with their ids.
import { Address, BigInt, Bytes, Entity, ethereum, log } from "@graphprotocol/graph-ts";
import { HolderSeason, Resource, ResourceRegistry, Season } from "../../../generated/schema";
import { holdingBalance } from "../../utils/erc1155";
import { stampEvent } from "../../utils/events";

export const ASSESSOR = "Assessor";

export const BUYER = "Buyer";

export function seasonKey(resourceId: BigInt, season: BigInt): string {
  return resourceId.toString() + "-" + season.toString();
}

export function holderSeasonKey(resourceId: BigInt, season: BigInt, holder: Address): string {
  return seasonKey(resourceId, season) + "-" + holder.toHexString();
}

export function getRegistry(event: ethereum.Event): ResourceRegistry {
  const id = event.address.toHexString();
  let registry = ResourceRegistry.load(id);
  if (registry == null) {
    registry = new ResourceRegistry(id);
    registry.address = event.address;
    registry.council = Address.zero();
    registry.resourceCount = 0;
    registry.createdAtBlock = event.block.number;
    registry.createdAtTimestamp = event.block.timestamp;
  }
  return registry;
}

export function loadResource(resourceId: BigInt): Resource {
  const resource = Resource.load(resourceId.toString());
  if (resource == null) {
    log.critical("ResourceRegistry: event for unknown resource {}", [resourceId.toString()]);
  }
  return resource!;
}

/** Whether `event` is part of the registration of `resource` (its initial rule, policy and closed periods). */
export function isRegistration(resource: Resource, event: ethereum.Event): boolean {
  return resource.createdTransaction.equals(event.transaction.hash);
}

export function getSeason(resource: Resource, season: BigInt): Season {
  const id = seasonKey(resource.resourceId, season);
  let s = Season.load(id);
  if (s == null) {
    s = new Season(id);
    s.resource = resource.id;
    s.number = season.toI32();
    s.startsAt = resource.firstSeasonStart.plus(season.minus(BigInt.fromI32(1)).times(resource.seasonLength));
    s.endsAt = s.startsAt.plus(resource.seasonLength);
    s.assessed = false;
    s.biomass = BigInt.zero();
    s.ruleCap = BigInt.zero();
    s.cap = BigInt.zero();
    s.stepBounded = false;
    s.opened = false;
    s.carriedIn = BigInt.zero();
    s.carryVoided = false;
    s.allocationPerShare = BigInt.zero();
    s.carryLimitPerShare = BigInt.zero();
    s.allocated = BigInt.zero();
    s.unallocated = BigInt.zero();
    s.landed = BigInt.zero();
    s.landingCount = 0;
    s.carryForward = BigInt.zero();
    s.transferred = BigInt.zero();
    s.transferCount = 0;
    s.closed = false;
    s.carriedOver = BigInt.zero();
    s.leftInSea = BigInt.zero();
  }
  return s;
}

/** Quota shares `holder` holds now (= balanceOf). */
export function sharesOf(resourceId: BigInt, holder: Bytes): BigInt {
  return holdingBalance("ShareBalance", resourceId.toString(), holder);
}

export function newHolderSeason(resource: Resource, season: Season, holder: Bytes, timestamp: BigInt): HolderSeason {
  const hs = new HolderSeason(season.id + "-" + holder.toHexString());
  hs.resource = resource.id;
  hs.season = season.id;
  hs.seasonNumber = season.number;
  hs.holder = holder;
  hs.settled = false;
  hs.seasonShares = BigInt.zero();
  hs.allocated = BigInt.zero();
  hs.carriedIn = BigInt.zero();
  hs.received = BigInt.zero();
  hs.sent = BigInt.zero();
  hs.landed = BigInt.zero();
  hs.entitlement = BigInt.zero();
  hs.carryLimit = BigInt.zero();
  hs.updatedAtTimestamp = timestamp;
  return hs;
}

/** A settled position (transfers and landings come after the holder's EntitlementSettled in the same call). */
export function loadPosition(resource: Resource, season: Season, holder: Address, event: ethereum.Event): HolderSeason {
  let hs = HolderSeason.load(season.id + "-" + holder.toHexString());
  if (hs == null) {
    log.warning("ResourceRegistry: {} has no position in season {} of resource {}", [
      holder.toHexString(),
      season.number.toString(),
      resource.id,
    ]);
    hs = newHolderSeason(resource, season, holder, event.block.timestamp);
  }
  return hs;
}

export function touch(resource: Resource, event: ethereum.Event): void {
  resource.updatedAtTimestamp = event.block.timestamp;
  resource.save();
}

/** Sets an event-log entity's resource, season and seasonNumber, and its block fields. */
export function recordSeasonEvent(entity: Entity, resource: Resource, season: Season, event: ethereum.Event): void {
  entity.setString("resource", resource.id);
  entity.setString("season", season.id);
  entity.setI32("seasonNumber", season.number);
  stampEvent(entity, event);
}

/**
 * Sets the fields every parameter change (rule, quota policy, closed periods) shares: its resource, whether it is
 * part of the registration, who executed it under which council, and its block fields.
 */
export function recordParameterChange(
  entity: Entity,
  resource: Resource,
  initial: boolean,
  event: ethereum.Event,
): void {
  entity.setString("resource", resource.id);
  entity.setBoolean("initial", initial);
  entity.setBytes("executedBy", event.transaction.from);
  entity.setBytes("council", getRegistry(event).council);
  stampEvent(entity, event);
}
