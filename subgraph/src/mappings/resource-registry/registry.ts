// The registry's council and its handover, resource registration, and the history of each resource's rule, quota
// policy and closed periods.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  ClosedPeriodsSet,
  CouncilChanged,
  CouncilHandoverCancelled,
  CouncilHandoverProposed,
  HarvestRuleSet,
  QuotaPolicySet,
  ResourceRegistered,
} from "../../../generated/ResourceRegistry/ResourceRegistry";
import {
  ClosedPeriodsChange,
  HarvestRuleChange,
  QuotaPolicyChange,
  RegistryCouncilChange,
  RegistryCouncilHandover,
  Resource,
} from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { getRegistry, isRegistration, loadResource, recordParameterChange, touch } from "./entities";

export function handleCouncilChanged(event: CouncilChanged): void {
  const registry = getRegistry(event);
  registry.council = event.params.newCouncil;
  registry.pendingCouncil = null;
  registry.save();
  const change = new RegistryCouncilChange(eventId(event));
  change.registry = registry.id;
  change.previousCouncil = event.params.previousCouncil;
  change.newCouncil = event.params.newCouncil;
  stampEvent(change, event);
  change.save();
}

export function councilHandover(event: ethereum.Event, action: string, council: Address, pending: Address): void {
  const registry = getRegistry(event);
  registry.pendingCouncil = action == "Proposed" ? pending : null;
  registry.save();
  const handover = new RegistryCouncilHandover(eventId(event));
  handover.registry = registry.id;
  handover.action = action;
  handover.council = council;
  handover.pendingCouncil = pending;
  stampEvent(handover, event);
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
  recordParameterChange(change, resource, initial, event);
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
  recordParameterChange(change, resource, initial, event);
  change.carryOverBps = event.params.carryOverBps;
  change.concentrationCapBps = event.params.concentrationCapBps;
  if (!initial) {
    change.previousCarryOverBps = resource.carryOverBps;
    change.previousConcentrationCapBps = resource.concentrationCapBps;
  }
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
  recordParameterChange(change, resource, initial, event);
  change.starts = starts;
  change.ends = ends;
  if (!initial) {
    change.previousStarts = resource.closedPeriodStarts;
    change.previousEnds = resource.closedPeriodEnds;
  }
  change.save();
  resource.closedPeriodStarts = starts;
  resource.closedPeriodEnds = ends;
  touch(resource, event);
}
