// The registry's arithmetic as pure functions (contracts/resource/HarvestControlRule.sol and ResourceRegistry's
// views): seasons by time, the harvest rule, opening terms and carry-over, and `getSeason` / `holdingOf` / `maxHolding`
// derived from the stored state both readers rebuild (chain events or subgraph entities).
import type { Hex } from "viem";
import { unitOf, type Unit } from "../../shared/units";
import type { ClosedPeriod, HarvestRule, HolderSlot, Holding, ResourceInfo, SeasonInfo, StoredSeason } from "./types";

export const WAD = 10n ** 18n;
export const BPS = 10_000n;
/** Amounts of a resource carry 18 decimals of its unit. */
export const RESOURCE_DECIMALS = 18;
export const MAX_CLOSED_PERIODS = 4;

type Calendar = Pick<ResourceInfo, "firstSeasonStart" | "seasonLength">;

/** The season running at unix time `time` (0 before season 1). */
export function seasonAt(info: Calendar, time: number): number {
  const start = Number(info.firstSeasonStart);
  return time < start ? 0 : Math.floor((time - start) / info.seasonLength) + 1;
}

/** The unix time season `season` starts. */
export function seasonStart(info: Calendar, season: number): number {
  return Number(info.firstSeasonStart) + (season - 1) * info.seasonLength;
}

/** The unit of a resource ("t"), with 18 decimals. */
export function resourceUnit(symbol: string): Unit {
  return unitOf({ decimals: RESOURCE_DECIMALS, symbol });
}

/** The cap the harvest rule gives for `biomass`, rounding down like the contract (for drawing the rule). */
export function ruleCapOf(rule: HarvestRule, biomass: bigint): bigint {
  const limit = rule.limitBiomass;
  const bpa = rule.precautionaryBiomass;
  if (biomass <= limit) return 0n;
  if (biomass >= bpa) return (rule.targetRate * biomass) / WAD;
  return (((rule.targetRate * bpa) / WAD) * (biomass - limit)) / (bpa - limit);
}

/** The closed periods of `season` as unix times, and the one `time` falls in (if any) or the next one. */
export function closures(info: Calendar & { closedPeriods: readonly ClosedPeriod[] }, season: number, time: number) {
  const start = seasonStart(info, season);
  const periods = info.closedPeriods.map((p) => ({ from: start + p.start, until: start + p.end }));
  const now = periods.find((p) => time >= p.from && time < p.until);
  const next = periods.find((p) => p.from > time);
  return { start, end: start + info.seasonLength, periods, now, next };
}

/** The terms a season opens with (HarvestControlRule.openingTerms). */
export interface OpeningTerms {
  carryVoided: boolean;
  carriedIn: bigint;
  allocationPerShare: bigint;
  carryLimitPerShare: bigint;
}

/** HarvestControlRule.openingTerms: the carry is inside the cap (void if it does not fit), the rest shared per share. */
export function openingTerms(cap: bigint, carried: bigint, totalShares: bigint, carryOverBps: bigint): OpeningTerms {
  const carryVoided = carried > cap;
  const carriedIn = carryVoided ? 0n : carried;
  const allocationPerShare = (cap - carriedIn) / totalShares;
  return { carryVoided, carriedIn, allocationPerShare, carryLimitPerShare: (allocationPerShare * carryOverBps) / BPS };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** HarvestControlRule.carryGain: min(high, limit) - min(low, limit). */
export function carryGain(low: bigint, high: bigint, limit: bigint): bigint {
  return min(high, limit) - min(low, limit);
}

/** A season nothing happened to yet. */
export function emptySeason(): StoredSeason {
  return {
    assessed: false,
    biomass: 0n,
    ruleCap: 0n,
    cap: 0n,
    reportHash: `0x${"0".repeat(64)}` as Hex,
    opened: false,
    carryVoided: false,
    carriedIn: 0n,
    allocationPerShare: 0n,
    carryLimitPerShare: 0n,
    landed: 0n,
    carryForward: 0n,
    closed: false,
    leftInSea: 0n,
  };
}

/** What the views need of a resource: its calendar and policy, and its stored seasons by number. */
export interface StockState {
  info: Pick<
    ResourceInfo,
    "firstSeasonStart" | "seasonLength" | "totalShares" | "openedSeason" | "carryOverBps" | "concentrationCapBps"
  >;
  seasons: ReadonlyMap<number, StoredSeason>;
}

const stored = (s: StockState, n: number) => s.seasons.get(n) ?? emptySeason();

/**
 * The registry's `_terms`: the opening terms of season `n` (1 <= n <= current), stored once opened, otherwise
 * projected from the last opened season as if nobody touched the seasons in between.
 */
export function termsOf(s: StockState, n: number): OpeningTerms {
  const season = stored(s, n);
  if (season.opened) return season;
  const total = BigInt(s.info.totalShares);
  const bps = BigInt(s.info.carryOverBps);
  const opened = s.info.openedSeason;
  let carried = opened > 0 ? stored(s, opened).carryForward : 0n;
  let terms: OpeningTerms = { carryVoided: false, carriedIn: 0n, allocationPerShare: 0n, carryLimitPerShare: 0n };
  for (let k = opened + 1; k <= n; k++) {
    terms = openingTerms(stored(s, k).cap, carried, total, bps);
    carried = total * terms.carryLimitPerShare;
  }
  return terms;
}

/** `getSeason(n)` at unix time `time`, with the season's times and, once closed, what it carried over. */
export function seasonView(s: StockState, n: number, time: number): SeasonInfo {
  const season = stored(s, n);
  const start = seasonStart(s.info, n);
  const out: SeasonInfo = {
    ...season,
    carryVoided: false,
    carriedIn: 0n,
    allocationPerShare: 0n,
    carryLimitPerShare: 0n,
    carryForward: 0n,
    season: n,
    start,
    end: start + s.info.seasonLength,
    carriedOver: season.closed ? season.cap - season.landed - season.leftInSea : undefined,
  };
  if (season.opened) {
    const { carryVoided, carriedIn, allocationPerShare, carryLimitPerShare, carryForward } = season;
    Object.assign(out, { carryVoided, carriedIn, allocationPerShare, carryLimitPerShare, carryForward });
  } else if (n !== 0 && n <= seasonAt(s.info, time)) {
    // Started but not opened yet: what opening it now would give.
    const t = termsOf(s, n);
    Object.assign(out, { ...t, carryForward: BigInt(s.info.totalShares) * t.carryLimitPerShare });
  }
  return out;
}

/** Seasons 1..max(current, last assessed) at `time`, oldest first. */
export function seasonViews(s: StockState & { info: { lastAssessedSeason: number } }, time: number): SeasonInfo[] {
  const last = Math.max(seasonAt(s.info, time), s.info.lastAssessedSeason);
  return Array.from({ length: last }, (_, i) => seasonView(s, i + 1, time));
}

/** The registry's `_carryIn`: the carry into `current` of a holder last settled in `slot.season`. */
export function carryIn(
  voided: boolean,
  current: number,
  slot: Pick<HolderSlot, "season" | "entitlement" | "seasonShares"> | undefined,
  shares: bigint,
  previousLimitPerShare: bigint,
): bigint {
  if (voided || current === 1) return 0n;
  if (slot && slot.season === current - 1) return min(slot.entitlement, slot.seasonShares * previousLimitPerShare);
  return shares * previousLimitPerShare;
}

/** `holdingOf(holder)` at unix time `time`: `shares` held now and its last settled `slot` (if any). */
export function holdingView(
  s: StockState,
  time: number,
  holder: Holding["holder"],
  shares: bigint,
  slot: HolderSlot | undefined,
): Holding {
  const current = seasonAt(s.info, time);
  const h: Holding = {
    holder,
    season: BigInt(current),
    shares,
    seasonShares: 0n,
    settled: false,
    allocated: 0n,
    pendingCarryIn: 0n,
    entitlement: 0n,
    landed: 0n,
    carryLimit: 0n,
    carriedIn: 0n,
    received: 0n,
    sent: 0n,
  };
  if (current === 0) return h;
  const t = termsOf(s, current);
  if (slot && slot.season === current) {
    Object.assign(h, {
      settled: true,
      seasonShares: slot.seasonShares,
      entitlement: slot.entitlement,
      landed: slot.landed,
      carriedIn: slot.carriedIn,
      received: slot.received,
      sent: slot.sent,
    });
  } else {
    const previousLimit = current > 1 ? termsOf(s, current - 1).carryLimitPerShare : 0n;
    h.seasonShares = shares;
    h.pendingCarryIn = h.carriedIn = carryIn(t.carryVoided, current, slot, shares, previousLimit);
    h.entitlement = shares * t.allocationPerShare + h.pendingCarryIn;
  }
  h.allocated = h.seasonShares * t.allocationPerShare;
  h.carryLimit = h.seasonShares * t.carryLimitPerShare;
  return h;
}

/** A holding worth listing: shares, entitlement or landings this season. */
export const holdsSomething = (h: Holding) => h.shares > 0n || h.entitlement > 0n || h.landed > 0n;

/** `maxHolding`: the current season's stored cap x the concentration cap. */
export function maxHoldingAt(s: StockState, time: number): bigint {
  return (stored(s, seasonAt(s.info, time)).cap * BigInt(s.info.concentrationCapBps)) / BPS;
}
