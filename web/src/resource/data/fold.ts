// The registry's events folded into plain state (pure; structured-cloneable): per resource its configuration, stored
// seasons (assessment, opening, landed, the carry-forward accumulator, closing), share balances, holders' settled
// slots, accreditations, buyer approvals, landings and entitlement transfers — everything the views derive from.
import type { resourceRegistryAbi } from "@cosmolocal/sdk";
import { getAddress, type Address } from "viem";
import type { DecodedLog, EventFold } from "../../shared/data/logs";
import { carryGain, emptySeason } from "./rules";
import type { EntitlementMove, HolderSlot, Landing, ResourceInfo, StoredSeason } from "./types";

type Abi = typeof resourceRegistryAbi;
export type RegistryLog = DecodedLog<Abi>;

export interface ResourceState {
  id: bigint;
  info: ResourceInfo;
  seasons: Map<number, StoredSeason>;
  /** Quota shares held now, by lower-case address. */
  shares: Map<string, bigint>;
  /** Every account that held shares or entitlement (lower case → checksummed). */
  accounts: Map<string, Address>;
  /** Holders' positions in the last season they were settled into. */
  slots: Map<string, HolderSlot>;
  assessors: Map<string, Address>;
  buyers: Map<string, Address>;
  /** holder (lower case) → buyers it approves (lower case → checksummed). */
  approvals: Map<string, Map<string, Address>>;
  /** Chain order (index = position). */
  landings: Landing[];
  transfers: EntitlementMove[];
}

export interface RegistryState {
  /** By resource id in decimal. */
  resources: Map<string, ResourceState>;
}

const ZERO = /^0x0{40}$/i;
const lower = (a: string) => a.toLowerCase();

function newResource(id: bigint, a: RegistryLog & { eventName: "ResourceRegistered" }): ResourceState {
  return {
    id,
    info: {
      name: a.args.name,
      unit: a.args.unit,
      firstSeasonStart: a.args.firstSeasonStart,
      seasonLength: a.args.seasonLength,
      totalShares: a.args.totalShares,
      openedSeason: 0,
      lastAssessedSeason: 0,
      rule: { targetRate: 0n, precautionaryBiomass: 0n, limitBiomass: 0n, maxRiseBps: 0, maxCutBps: 0 },
      carryOverBps: 0,
      concentrationCapBps: 0,
      closedPeriods: [],
    },
    seasons: new Map(),
    shares: new Map(),
    accounts: new Map(),
    slots: new Map(),
    assessors: new Map(),
    buyers: new Map(),
    approvals: new Map(),
    landings: [],
    transfers: [],
  };
}

function season(r: ResourceState, n: number): StoredSeason {
  let s = r.seasons.get(n);
  if (!s) r.seasons.set(n, (s = emptySeason()));
  return s;
}

function toggle(m: Map<string, Address>, a: Address, on: boolean) {
  if (on) m.set(lower(a), getAddress(a));
  else m.delete(lower(a));
}

function moveShares(r: ResourceState, from: Address, to: Address, amount: bigint) {
  if (!ZERO.test(from)) r.shares.set(lower(from), (r.shares.get(lower(from)) ?? 0n) - amount);
  if (!ZERO.test(to)) {
    r.shares.set(lower(to), (r.shares.get(lower(to)) ?? 0n) + amount);
    r.accounts.set(lower(to), getAddress(to));
  }
}

/** A holder's slot in the season it was settled into (the contract emits EntitlementSettled before any change). */
function slotOf(r: ResourceState, holder: Address, n: number): HolderSlot {
  const s = r.slots.get(lower(holder));
  if (s && s.season === n) return s;
  // Unreachable on the registry's events; kept total so a missing settlement cannot throw.
  const fresh: HolderSlot = {
    season: n,
    seasonShares: r.shares.get(lower(holder)) ?? 0n,
    entitlement: 0n,
    landed: 0n,
    carriedIn: 0n,
    received: 0n,
    sent: 0n,
  };
  r.slots.set(lower(holder), fresh);
  return fresh;
}

/** Applies one decoded registry log to the state. */
export function applyLog(state: RegistryState, log: RegistryLog): void {
  if (log.eventName === "ResourceRegistered") {
    const id = log.args.resourceId;
    state.resources.set(id.toString(), newResource(id, log));
    return;
  }
  if (log.eventName === "TransferSingle" || log.eventName === "TransferBatch") {
    const { from, to } = log.args;
    const moves: [bigint, bigint][] =
      log.eventName === "TransferSingle"
        ? [[log.args.id, log.args.value]]
        : log.args.ids.map((id, i) => [id, log.args.values[i]]);
    for (const [id, value] of moves) {
      const r = state.resources.get(id.toString());
      if (r) moveShares(r, from, to, value);
    }
    return;
  }
  if (!("resourceId" in log.args)) return; // council handover, operator approvals, URI: not shown here
  const r = state.resources.get(log.args.resourceId.toString());
  if (!r) return;
  switch (log.eventName) {
    case "HarvestRuleSet": {
      const { targetRate, precautionaryBiomass, limitBiomass, maxRiseBps, maxCutBps } = log.args.rule;
      r.info.rule = { targetRate, precautionaryBiomass, limitBiomass, maxRiseBps, maxCutBps };
      break;
    }
    case "QuotaPolicySet":
      r.info.carryOverBps = log.args.carryOverBps;
      r.info.concentrationCapBps = log.args.concentrationCapBps;
      break;
    case "ClosedPeriodsSet":
      r.info.closedPeriods = log.args.periods.map((p) => ({ start: p.start, end: p.end }));
      break;
    case "AssessorAccreditationSet":
      toggle(r.assessors, log.args.assessor, log.args.accredited);
      break;
    case "BuyerRegistrationSet":
      toggle(r.buyers, log.args.buyer, log.args.registered);
      break;
    case "BuyerApprovalSet": {
      const k = lower(log.args.holder);
      const m = r.approvals.get(k) ?? new Map<string, Address>();
      toggle(m, log.args.buyer, log.args.approved);
      r.approvals.set(k, m);
      break;
    }
    case "AssessmentPosted": {
      const n = Number(log.args.season);
      Object.assign(season(r, n), {
        assessed: true,
        biomass: log.args.biomass,
        ruleCap: log.args.ruleCap,
        cap: log.args.cap,
        reportHash: log.args.reportHash,
      });
      r.info.lastAssessedSeason = n;
      break;
    }
    case "SeasonOpened": {
      const n = Number(log.args.season);
      const a = log.args;
      Object.assign(season(r, n), {
        opened: true,
        cap: a.cap,
        carryVoided: a.carryVoided,
        carriedIn: a.carriedIn,
        allocationPerShare: a.allocationPerShare,
        carryLimitPerShare: a.carryLimitPerShare,
        carryForward: BigInt(r.info.totalShares) * a.carryLimitPerShare,
      });
      r.info.openedSeason = n;
      break;
    }
    case "SeasonClosed":
      Object.assign(season(r, Number(log.args.season)), {
        closed: true,
        landed: log.args.landed,
        leftInSea: log.args.leftInSea,
      });
      break;
    case "EntitlementSettled": {
      const holder = log.args.holder;
      r.accounts.set(lower(holder), getAddress(holder));
      r.slots.set(lower(holder), {
        season: Number(log.args.season),
        seasonShares: r.shares.get(lower(holder)) ?? 0n,
        entitlement: log.args.allocated + log.args.carriedIn,
        landed: 0n,
        carriedIn: log.args.carriedIn,
        received: 0n,
        sent: 0n,
      });
      break;
    }
    case "EntitlementTransferred": {
      const n = Number(log.args.season);
      const { from, to, amount } = log.args;
      const s = season(r, n);
      const sender = slotOf(r, from, n);
      const recipient = slotOf(r, to, n);
      const fromBefore = sender.entitlement;
      const toBefore = recipient.entitlement;
      sender.entitlement -= amount;
      sender.sent += amount;
      recipient.entitlement += amount;
      recipient.received += amount;
      s.carryForward +=
        carryGain(toBefore, recipient.entitlement, recipient.seasonShares * s.carryLimitPerShare) -
        carryGain(sender.entitlement, fromBefore, sender.seasonShares * s.carryLimitPerShare);
      r.accounts.set(lower(to), getAddress(to));
      r.transfers.push({
        index: r.transfers.length,
        from: getAddress(from),
        to: getAddress(to),
        season: n,
        amount,
        blockNumber: log.blockNumber,
        txHash: log.transactionHash,
      });
      break;
    }
    case "Landed": {
      const n = Number(log.args.season);
      const { holder, buyer, amount, ticket } = log.args;
      const s = season(r, n);
      const h = slotOf(r, holder, n);
      const before = h.entitlement;
      h.entitlement -= amount;
      h.landed += amount;
      s.carryForward -= carryGain(h.entitlement, before, h.seasonShares * s.carryLimitPerShare);
      s.landed += amount;
      r.landings.push({
        index: r.landings.length,
        holder: getAddress(holder),
        buyer: getAddress(buyer),
        season: n,
        amount,
        ticket,
        blockNumber: log.blockNumber,
        txHash: log.transactionHash,
      });
      break;
    }
  }
}

/** The registry's fold for the incremental log reader. */
export const registryFold: EventFold<Abi, RegistryState> = {
  initial: () => ({ resources: new Map() }),
  apply(state, logs) {
    for (const log of logs) applyLog(state, log);
  },
};
