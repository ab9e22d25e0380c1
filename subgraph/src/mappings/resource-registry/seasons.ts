// Assessments and seasons. When season n opens every holder with shares, or with a position in n-1 that may carry
// over, gets a projected HolderSeason (settled = false) following the contract's lazy `_carryIn`.
import { BigInt, Bytes } from "@graphprotocol/graph-ts";
import { AssessmentPosted, SeasonClosed, SeasonOpened } from "../../../generated/ResourceRegistry/ResourceRegistry";
import { Assessment, HolderSeason, Resource, Season, SeasonClosing } from "../../../generated/schema";
import { eventId } from "../../utils/events";
import { minBig } from "../../utils/math";
import { countAction } from "./accreditations";
import {
  ASSESSOR,
  getSeason,
  loadResource,
  newHolderSeason,
  recordSeasonEvent,
  seasonKey,
  sharesOf,
  touch,
} from "./entities";

export function handleAssessmentPosted(event: AssessmentPosted): void {
  const p = event.params;
  const resource = loadResource(p.resourceId);
  const season = getSeason(resource, p.season);
  const previous = Season.load(seasonKey(p.resourceId, p.season.minus(BigInt.fromI32(1))));
  const assessment = new Assessment(eventId(event));
  recordSeasonEvent(assessment, resource, season, event);
  assessment.assessor = p.assessor;
  assessment.biomass = p.biomass;
  assessment.reportHash = p.reportHash;
  assessment.ruleCap = p.ruleCap;
  assessment.cap = p.cap;
  assessment.stepBounded = !p.cap.equals(p.ruleCap);
  assessment.previousCap = previous == null ? BigInt.zero() : previous.cap;
  assessment.targetRate = resource.targetRate;
  assessment.precautionaryBiomass = resource.precautionaryBiomass;
  assessment.limitBiomass = resource.limitBiomass;
  assessment.maxRiseBps = resource.maxRiseBps;
  assessment.maxCutBps = resource.maxCutBps;
  assessment.save();

  season.assessed = true;
  season.assessment = assessment.id;
  season.assessor = p.assessor;
  season.biomass = p.biomass;
  season.ruleCap = p.ruleCap;
  season.cap = p.cap;
  season.stepBounded = assessment.stepBounded;
  season.reportHash = p.reportHash;
  season.save();
  resource.lastAssessedSeason = season.number;
  touch(resource, event);
  countAction(p.resourceId, ASSESSOR, p.assessor);
}

/**
 * The carry `holder` gets into `season` if it is not touched before settling (the contract's `_carryIn`):
 * `previous` is its position in the season before (null if none).
 */
export function projectedCarry(
  season: Season,
  previousSeason: Season | null,
  previous: HolderSeason | null,
  shares: BigInt,
): BigInt {
  if (season.carryVoided || season.number == 1 || previousSeason == null) return BigInt.zero();
  if (previous != null && previous.settled) return minBig(previous.entitlement, previous.carryLimit);
  return shares.times(previousSeason.carryLimitPerShare);
}

export function project(
  resource: Resource,
  season: Season,
  previousSeason: Season | null,
  holder: Bytes,
  timestamp: BigInt,
): void {
  if (HolderSeason.load(season.id + "-" + holder.toHexString()) != null) return;
  const shares = sharesOf(resource.resourceId, holder);
  let previous: HolderSeason | null = null;
  if (previousSeason != null) previous = HolderSeason.load(previousSeason.id + "-" + holder.toHexString());
  const carriedIn = projectedCarry(season, previousSeason, previous, shares);
  if (shares.isZero() && carriedIn.isZero()) return;
  const hs = newHolderSeason(resource, season, holder, timestamp);
  hs.seasonShares = shares;
  hs.allocated = shares.times(season.allocationPerShare);
  hs.carriedIn = carriedIn;
  hs.entitlement = hs.allocated.plus(carriedIn);
  hs.carryLimit = shares.times(season.carryLimitPerShare);
  hs.save();
}

export function handleSeasonOpened(event: SeasonOpened): void {
  const p = event.params;
  const resource = loadResource(p.resourceId);
  const season = getSeason(resource, p.season);
  season.opened = true;
  season.openedAt = event.block.timestamp;
  season.cap = p.cap;
  season.carriedIn = p.carriedIn;
  season.carryVoided = p.carryVoided;
  season.allocationPerShare = p.allocationPerShare;
  season.carryLimitPerShare = p.carryLimitPerShare;
  season.allocated = resource.totalShares.times(p.allocationPerShare);
  season.unallocated = p.cap.minus(p.carriedIn).minus(season.allocated);
  // The contract's accumulator starts as if every share carried its whole limit (untouched holders do).
  season.carryForward = resource.totalShares.times(p.carryLimitPerShare);
  season.save();
  resource.openedSeason = season.number;
  resource.currentSeason = season.id;
  touch(resource, event);

  // Projected positions: holders of the previous season (they may carry over) and every share holder.
  const previousSeason =
    season.number > 1 ? Season.load(seasonKey(p.resourceId, p.season.minus(BigInt.fromI32(1)))) : null;
  if (previousSeason != null) {
    const previousPositions = previousSeason.holders.load();
    for (let i = 0; i < previousPositions.length; i++) {
      project(resource, season, previousSeason, previousPositions[i].holder, event.block.timestamp);
    }
  }
  const balances = resource.shareBalances.load();
  for (let i = 0; i < balances.length; i++) {
    if (balances[i].balance.gt(BigInt.zero())) {
      project(resource, season, previousSeason, balances[i].holder, event.block.timestamp);
    }
  }
}

export function handleSeasonClosed(event: SeasonClosed): void {
  const p = event.params;
  const resource = loadResource(p.resourceId);
  const season = getSeason(resource, p.season);
  const closing = new SeasonClosing(eventId(event));
  recordSeasonEvent(closing, resource, season, event);
  closing.cap = p.cap;
  closing.landed = p.landed;
  closing.carriedOver = p.carriedOver;
  closing.leftInSea = p.leftInSea;
  closing.save();
  season.closed = true;
  season.closedAt = event.block.timestamp;
  season.carriedOver = p.carriedOver;
  season.leftInSea = p.leftInSea;
  season.closing = closing.id;
  season.save();
  resource.totalCarriedOver = resource.totalCarriedOver.plus(p.carriedOver);
  resource.totalLeftInSea = resource.totalLeftInSea.plus(p.leftInSea);
  touch(resource, event);
}
