// Mapping of the resource-cap registry (ResourceRegistry, IResourceRegistry). One handler per event the contract
// emits, including ERC-1155's TransferSingle / TransferBatch (quota shares, token id = resource id) and
// ApprovalForAll. Everything is computed from events; no eth_call.
//
// Per-holder seasons follow the contract's lazy accounting. When season n opens (SeasonOpened), every holder with
// shares, or with a position in season n-1 that may carry over, gets a projected HolderSeason (settled = false):
// allocated = shares x allocationPerShare and carriedIn = the contract's `_carryIn` (0 when the carry was voided or
// n = 1; min(entitlement, carryLimit) of its n-1 position when it was touched in n-1; shares x carryLimitPerShare(n-1)
// otherwise). EntitlementSettled, the holder's first touch in the season, confirms the projection (a mismatch is
// logged as a warning) or creates the position (a holder without shares at the opening). Transfers and landings
// only ever touch settled holders, so received / sent / landed start from the settlement.
import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  ApprovalForAll,
  AssessmentPosted,
  AssessorAccreditationSet,
  BuyerApprovalSet,
  BuyerRegistrationSet,
  ClosedPeriodsSet,
  CouncilChanged,
  CouncilHandoverCancelled,
  CouncilHandoverProposed,
  EntitlementSettled,
  EntitlementTransferred,
  HarvestRuleSet,
  Landed,
  QuotaPolicySet,
  ResourceRegistered,
  SeasonClosed,
  SeasonOpened,
  TransferBatch,
  TransferSingle,
} from "../generated/ResourceRegistry/ResourceRegistry";
import {
  Accreditation,
  AccreditationChange,
  Assessment,
  BuyerApproval,
  ClosedPeriodsChange,
  EntitlementTransfer,
  HarvestRuleChange,
  HolderSeason,
  Landing,
  QuotaPolicyChange,
  RegistryCouncilChange,
  RegistryCouncilHandover,
  Resource,
  ResourceRegistry,
  Season,
  SeasonClosing,
  ShareBalance,
  ShareOperatorApproval,
  ShareTransfer,
} from "../generated/schema";

const ASSESSOR = "Assessor";
const BUYER = "Buyer";

// ------------------------------------------------------------------------------------------------- ids

function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

function seasonKey(resourceId: BigInt, season: BigInt): string {
  return resourceId.toString() + "-" + season.toString();
}

function holderSeasonKey(resourceId: BigInt, season: BigInt, holder: Address): string {
  return seasonKey(resourceId, season) + "-" + holder.toHexString();
}

function balanceKey(resourceId: BigInt, holder: Address): string {
  return resourceId.toString() + "-" + holder.toHexString();
}

function minBig(a: BigInt, b: BigInt): BigInt {
  return a.lt(b) ? a : b;
}

// -------------------------------------------------------------------------------------------- entities

function getRegistry(event: ethereum.Event): ResourceRegistry {
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

function loadResource(resourceId: BigInt): Resource {
  const resource = Resource.load(resourceId.toString());
  if (resource == null) {
    log.critical("ResourceRegistry: event for unknown resource {}", [resourceId.toString()]);
  }
  return resource!;
}

/** Whether `event` is part of the registration of `resource` (its initial rule, policy and closed periods). */
function isRegistration(resource: Resource, event: ethereum.Event): boolean {
  return resource.createdTransaction.equals(event.transaction.hash);
}

function getSeason(resource: Resource, season: BigInt): Season {
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
    s.transferred = BigInt.zero();
    s.transferCount = 0;
    s.closed = false;
    s.carriedOver = BigInt.zero();
    s.leftInSea = BigInt.zero();
  }
  return s;
}

function getShareBalance(resource: Resource, holder: Address, event: ethereum.Event): ShareBalance {
  const id = balanceKey(resource.resourceId, holder);
  let b = ShareBalance.load(id);
  if (b == null) {
    b = new ShareBalance(id);
    b.resource = resource.id;
    b.holder = holder;
    b.balance = BigInt.zero();
    b.updatedAtTimestamp = event.block.timestamp;
  }
  return b;
}

function sharesOf(resourceId: BigInt, holder: Bytes): BigInt {
  const b = ShareBalance.load(resourceId.toString() + "-" + holder.toHexString());
  return b == null ? BigInt.zero() : b.balance;
}

function newHolderSeason(resource: Resource, season: Season, holder: Bytes, timestamp: BigInt): HolderSeason {
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
function loadPosition(resource: Resource, season: Season, holder: Address, event: ethereum.Event): HolderSeason {
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

function touch(resource: Resource, event: ethereum.Event): void {
  resource.updatedAtTimestamp = event.block.timestamp;
  resource.save();
}

// ---------------------------------------------------------------------------------------------- council

export function handleCouncilChanged(event: CouncilChanged): void {
  const registry = getRegistry(event);
  registry.council = event.params.newCouncil;
  registry.pendingCouncil = null;
  registry.save();
  const change = new RegistryCouncilChange(eventId(event));
  change.registry = registry.id;
  change.previousCouncil = event.params.previousCouncil;
  change.newCouncil = event.params.newCouncil;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

function councilHandover(event: ethereum.Event, action: string, council: Address, pending: Address): void {
  const registry = getRegistry(event);
  registry.pendingCouncil = action == "Proposed" ? pending : null;
  registry.save();
  const handover = new RegistryCouncilHandover(eventId(event));
  handover.registry = registry.id;
  handover.action = action;
  handover.council = council;
  handover.pendingCouncil = pending;
  handover.blockNumber = event.block.number;
  handover.timestamp = event.block.timestamp;
  handover.transactionHash = event.transaction.hash;
  handover.save();
}

export function handleCouncilHandoverProposed(event: CouncilHandoverProposed): void {
  councilHandover(event, "Proposed", event.params.council, event.params.pendingCouncil);
}

export function handleCouncilHandoverCancelled(event: CouncilHandoverCancelled): void {
  councilHandover(event, "Cancelled", event.params.council, event.params.pendingCouncil);
}

export function handleResourceRegistered(event: ResourceRegistered): void {
  const registry = getRegistry(event);
  registry.resourceCount += 1;
  registry.save();
  const p = event.params;
  const resource = new Resource(p.resourceId.toString());
  resource.resourceId = p.resourceId;
  resource.registry = registry.id;
  resource.name = p.name;
  resource.unit = p.unit;
  resource.firstSeasonStart = p.firstSeasonStart;
  resource.seasonLength = p.seasonLength;
  resource.totalShares = p.totalShares;
  resource.targetRate = BigInt.zero();
  resource.precautionaryBiomass = BigInt.zero();
  resource.limitBiomass = BigInt.zero();
  resource.maxRiseBps = 0;
  resource.maxCutBps = 0;
  resource.carryOverBps = 0;
  resource.concentrationCapBps = 0;
  resource.closedPeriodStarts = [];
  resource.closedPeriodEnds = [];
  resource.openedSeason = 0;
  resource.lastAssessedSeason = 0;
  resource.holderCount = 0;
  resource.totalLanded = BigInt.zero();
  resource.totalCarriedOver = BigInt.zero();
  resource.totalLeftInSea = BigInt.zero();
  resource.landingCount = 0;
  resource.entitlementTransferCount = 0;
  resource.shareTransferCount = 0;
  resource.createdAtBlock = event.block.number;
  resource.createdAtTimestamp = event.block.timestamp;
  resource.createdTransaction = event.transaction.hash;
  resource.updatedAtTimestamp = event.block.timestamp;
  resource.save();
}

export function handleHarvestRuleSet(event: HarvestRuleSet): void {
  const resource = loadResource(event.params.resourceId);
  const rule = event.params.rule;
  const initial = isRegistration(resource, event);
  const change = new HarvestRuleChange(eventId(event));
  change.resource = resource.id;
  change.initial = initial;
  change.targetRate = rule.targetRate;
  change.precautionaryBiomass = rule.precautionaryBiomass;
  change.limitBiomass = rule.limitBiomass;
  change.maxRiseBps = rule.maxRiseBps;
  change.maxCutBps = rule.maxCutBps;
  if (!initial) {
    change.previousTargetRate = resource.targetRate;
    change.previousPrecautionaryBiomass = resource.precautionaryBiomass;
    change.previousLimitBiomass = resource.limitBiomass;
    change.previousMaxRiseBps = resource.maxRiseBps;
    change.previousMaxCutBps = resource.maxCutBps;
  }
  change.executedBy = event.transaction.from;
  change.council = getRegistry(event).council;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
  resource.targetRate = rule.targetRate;
  resource.precautionaryBiomass = rule.precautionaryBiomass;
  resource.limitBiomass = rule.limitBiomass;
  resource.maxRiseBps = rule.maxRiseBps;
  resource.maxCutBps = rule.maxCutBps;
  touch(resource, event);
}

export function handleQuotaPolicySet(event: QuotaPolicySet): void {
  const resource = loadResource(event.params.resourceId);
  const initial = isRegistration(resource, event);
  const change = new QuotaPolicyChange(eventId(event));
  change.resource = resource.id;
  change.initial = initial;
  change.carryOverBps = event.params.carryOverBps;
  change.concentrationCapBps = event.params.concentrationCapBps;
  if (!initial) {
    change.previousCarryOverBps = resource.carryOverBps;
    change.previousConcentrationCapBps = resource.concentrationCapBps;
  }
  change.executedBy = event.transaction.from;
  change.council = getRegistry(event).council;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
  resource.carryOverBps = event.params.carryOverBps;
  resource.concentrationCapBps = event.params.concentrationCapBps;
  touch(resource, event);
}

export function handleClosedPeriodsSet(event: ClosedPeriodsSet): void {
  const resource = loadResource(event.params.resourceId);
  const initial = isRegistration(resource, event);
  const periods = event.params.periods;
  const starts = new Array<BigInt>(0);
  const ends = new Array<BigInt>(0);
  for (let i = 0; i < periods.length; i++) {
    starts.push(periods[i].start);
    ends.push(periods[i].end);
  }
  const change = new ClosedPeriodsChange(eventId(event));
  change.resource = resource.id;
  change.initial = initial;
  change.starts = starts;
  change.ends = ends;
  if (!initial) {
    change.previousStarts = resource.closedPeriodStarts;
    change.previousEnds = resource.closedPeriodEnds;
  }
  change.executedBy = event.transaction.from;
  change.council = getRegistry(event).council;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
  resource.closedPeriodStarts = starts;
  resource.closedPeriodEnds = ends;
  touch(resource, event);
}

function setAccreditation(
  event: ethereum.Event,
  resourceId: BigInt,
  kind: string,
  account: Address,
  active: boolean,
): void {
  const resource = loadResource(resourceId);
  const id = resource.id + "-" + kind + "-" + account.toHexString();
  let a = Accreditation.load(id);
  if (a == null) {
    a = new Accreditation(id);
    a.resource = resource.id;
    a.kind = kind;
    a.account = account;
    a.actionCount = 0;
  }
  a.active = active;
  a.updatedAtTimestamp = event.block.timestamp;
  a.save();
  const change = new AccreditationChange(eventId(event));
  change.resource = resource.id;
  change.accreditation = id;
  change.kind = kind;
  change.account = account;
  change.active = active;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

function countAction(resourceId: BigInt, kind: string, account: Address): void {
  const a = Accreditation.load(resourceId.toString() + "-" + kind + "-" + account.toHexString());
  if (a != null) {
    a.actionCount += 1;
    a.save();
  }
}

export function handleAssessorAccreditationSet(event: AssessorAccreditationSet): void {
  setAccreditation(event, event.params.resourceId, ASSESSOR, event.params.assessor, event.params.accredited);
}

export function handleBuyerRegistrationSet(event: BuyerRegistrationSet): void {
  setAccreditation(event, event.params.resourceId, BUYER, event.params.buyer, event.params.registered);
}

export function handleBuyerApprovalSet(event: BuyerApprovalSet): void {
  const resource = loadResource(event.params.resourceId);
  const id = resource.id + "-" + event.params.holder.toHexString() + "-" + event.params.buyer.toHexString();
  let approval = BuyerApproval.load(id);
  if (approval == null) {
    approval = new BuyerApproval(id);
    approval.resource = resource.id;
    approval.holder = event.params.holder;
    approval.buyer = event.params.buyer;
  }
  approval.approved = event.params.approved;
  approval.updatedAtTimestamp = event.block.timestamp;
  approval.save();
}

// ---------------------------------------------------------------------------------------------- science

export function handleAssessmentPosted(event: AssessmentPosted): void {
  const p = event.params;
  const resource = loadResource(p.resourceId);
  const season = getSeason(resource, p.season);
  const previous = Season.load(seasonKey(p.resourceId, p.season.minus(BigInt.fromI32(1))));
  const assessment = new Assessment(eventId(event));
  assessment.resource = resource.id;
  assessment.season = season.id;
  assessment.seasonNumber = season.number;
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
  assessment.blockNumber = event.block.number;
  assessment.timestamp = event.block.timestamp;
  assessment.transactionHash = event.transaction.hash;
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

// ---------------------------------------------------------------------------------------------- seasons

/**
 * The carry `holder` gets into `season` if it is not touched before settling (the contract's `_carryIn`):
 * `previous` is its position in the season before (null if none).
 */
function projectedCarry(
  season: Season,
  previousSeason: Season | null,
  previous: HolderSeason | null,
  shares: BigInt,
): BigInt {
  if (season.carryVoided || season.number == 1 || previousSeason == null) return BigInt.zero();
  if (previous != null && previous.settled) return minBig(previous.entitlement, previous.carryLimit);
  return shares.times(previousSeason.carryLimitPerShare);
}

function project(
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
  closing.resource = resource.id;
  closing.season = season.id;
  closing.seasonNumber = season.number;
  closing.cap = p.cap;
  closing.landed = p.landed;
  closing.carriedOver = p.carriedOver;
  closing.leftInSea = p.leftInSea;
  closing.blockNumber = event.block.number;
  closing.timestamp = event.block.timestamp;
  closing.transactionHash = event.transaction.hash;
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

// ---------------------------------------------------------------------------------------------- holders

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
  from.sent = from.sent.plus(p.amount);
  from.entitlement = from.entitlement.minus(p.amount);
  from.updatedAtTimestamp = event.block.timestamp;
  from.save();
  const to = loadPosition(resource, season, p.to, event);
  to.received = to.received.plus(p.amount);
  to.entitlement = to.entitlement.plus(p.amount);
  to.updatedAtTimestamp = event.block.timestamp;
  to.save();
  season.transferred = season.transferred.plus(p.amount);
  season.transferCount += 1;
  season.save();
  resource.entitlementTransferCount += 1;
  touch(resource, event);
  const transfer = new EntitlementTransfer(eventId(event));
  transfer.resource = resource.id;
  transfer.season = season.id;
  transfer.seasonNumber = season.number;
  transfer.from = p.from;
  transfer.to = p.to;
  transfer.amount = p.amount;
  transfer.fromPosition = from.id;
  transfer.toPosition = to.id;
  transfer.blockNumber = event.block.number;
  transfer.timestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();
}

export function handleLanded(event: Landed): void {
  const p = event.params;
  const resource = loadResource(p.resourceId);
  const season = getSeason(resource, p.season);
  const position = loadPosition(resource, season, p.holder, event);
  position.landed = position.landed.plus(p.amount);
  position.entitlement = position.entitlement.minus(p.amount);
  position.updatedAtTimestamp = event.block.timestamp;
  position.save();
  season.landed = season.landed.plus(p.amount);
  season.landingCount += 1;
  season.save();
  resource.totalLanded = resource.totalLanded.plus(p.amount);
  resource.landingCount += 1;
  touch(resource, event);
  countAction(p.resourceId, BUYER, p.buyer);
  const landing = new Landing(eventId(event));
  landing.resource = resource.id;
  landing.season = season.id;
  landing.seasonNumber = season.number;
  landing.holder = p.holder;
  landing.buyer = p.buyer;
  landing.amount = p.amount;
  landing.ticket = p.ticket;
  landing.position = position.id;
  landing.blockNumber = event.block.number;
  landing.timestamp = event.block.timestamp;
  landing.transactionHash = event.transaction.hash;
  landing.save();
}

// ----------------------------------------------------------------------------------------------- shares

function moveShares(
  event: ethereum.Event,
  id: Bytes,
  batchIndex: i32,
  operator: Address,
  from: Address,
  to: Address,
  resourceId: BigInt,
  amount: BigInt,
): void {
  const resource = loadResource(resourceId);
  if (!from.equals(Address.zero())) {
    const b = getShareBalance(resource, from, event);
    b.balance = b.balance.minus(amount);
    b.updatedAtTimestamp = event.block.timestamp;
    b.save();
    if (b.balance.isZero() && amount.gt(BigInt.zero())) resource.holderCount -= 1;
  }
  if (!to.equals(Address.zero())) {
    const b = getShareBalance(resource, to, event);
    if (b.balance.isZero() && amount.gt(BigInt.zero())) resource.holderCount += 1;
    b.balance = b.balance.plus(amount);
    b.updatedAtTimestamp = event.block.timestamp;
    b.save();
  }
  resource.shareTransferCount += 1;
  touch(resource, event);
  const transfer = new ShareTransfer(id);
  transfer.resource = resource.id;
  transfer.operator = operator;
  transfer.from = from;
  transfer.to = to;
  transfer.amount = amount;
  if (batchIndex >= 0) transfer.batchIndex = batchIndex;
  transfer.blockNumber = event.block.number;
  transfer.timestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();
}

export function handleTransferSingle(event: TransferSingle): void {
  const p = event.params;
  moveShares(event, eventId(event), -1, p.operator, p.from, p.to, p.id, p.value);
}

export function handleTransferBatch(event: TransferBatch): void {
  const p = event.params;
  const ids = p.ids;
  const values = p.values;
  for (let i = 0; i < ids.length; i++) {
    moveShares(event, eventId(event).concatI32(i), i, p.operator, p.from, p.to, ids[i], values[i]);
  }
}

export function handleApprovalForAll(event: ApprovalForAll): void {
  const registry = getRegistry(event);
  registry.save();
  const id = event.params.account.toHexString() + "-" + event.params.operator.toHexString();
  let approval = ShareOperatorApproval.load(id);
  if (approval == null) {
    approval = new ShareOperatorApproval(id);
    approval.registry = registry.id;
    approval.holder = event.params.account;
    approval.operator = event.params.operator;
  }
  approval.approved = event.params.approved;
  approval.updatedAtTimestamp = event.block.timestamp;
  approval.save();
}
