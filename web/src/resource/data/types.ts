// What the resource screens show ("Fishcoin"): resources, a stock's public view, holdings, landings, transfers, and
// the one reader interface both sources (chain events, subgraph) implement.
import type { Address, Hex } from "viem";
import type { Page } from "../../shared/data/pages";
import type { Unit } from "../../shared/units";

/** The harvest control rule (the contract's `HarvestRule`). */
export interface HarvestRule {
  targetRate: bigint;
  precautionaryBiomass: bigint;
  limitBiomass: bigint;
  maxRiseBps: number;
  maxCutBps: number;
}

/** A closed period as seconds from the start of every season: [start, end). */
export interface ClosedPeriod {
  start: number;
  end: number;
}

/** A resource's configuration and progress, as `getResource` returns it. */
export interface ResourceInfo {
  name: string;
  unit: string;
  firstSeasonStart: bigint;
  seasonLength: number;
  totalShares: number;
  openedSeason: number;
  lastAssessedSeason: number;
  rule: HarvestRule;
  carryOverBps: number;
  concentrationCapBps: number;
  closedPeriods: readonly ClosedPeriod[];
}

/** A season as the contract stores it (the fields `getSeason` returns for an opened or untouched season). */
export interface StoredSeason {
  assessed: boolean;
  biomass: bigint;
  ruleCap: bigint;
  cap: bigint;
  reportHash: Hex;
  opened: boolean;
  carryVoided: boolean;
  carriedIn: bigint;
  allocationPerShare: bigint;
  carryLimitPerShare: bigint;
  landed: bigint;
  /** While open: the carry the next season would receive if the season ended now. */
  carryForward: bigint;
  closed: boolean;
  leftInSea: bigint;
}

/** A season as `getSeason` shows it (a started, unopened season with the terms opening it now would give). */
export interface SeasonInfo extends StoredSeason {
  season: number;
  start: number;
  end: number;
  /** Once closed: what went on to the next season (cap - landed - left in the sea). */
  carriedOver?: bigint;
}

/** A holder's last settled season (the contract's holding slot), with what its events add. */
export interface HolderSlot {
  season: number;
  seasonShares: bigint;
  entitlement: bigint;
  landed: bigint;
  /** Carry-over received when settled into `season` (EntitlementSettled). */
  carriedIn: bigint;
  received: bigint;
  sent: bigint;
}

/** A holder's position in the current season, as `holdingOf` returns it, with its carry-in and moves. */
export interface Holding {
  holder: Address;
  season: bigint;
  shares: bigint;
  seasonShares: bigint;
  settled: boolean;
  allocated: bigint;
  pendingCarryIn: bigint;
  entitlement: bigint;
  landed: bigint;
  carryLimit: bigint;
  /** Carry-over received into this season (from EntitlementSettled, or pending). */
  carriedIn: bigint;
  /** Entitlement received from and sent to other holders this season. */
  received: bigint;
  sent: bigint;
}

export interface Landing {
  /** Position among the resource's landings (0 = the first). */
  index: number;
  holder: Address;
  buyer: Address;
  season: number;
  amount: bigint;
  ticket: Hex;
  blockNumber: bigint;
  txHash: Hex;
}

export interface EntitlementMove {
  /** Position among the resource's entitlement transfers (0 = the first). */
  index: number;
  from: Address;
  to: Address;
  season: number;
  amount: bigint;
  blockNumber: bigint;
  txHash: Hex;
}

/** A registered resource: its id (also its quota-share token id), configuration and unit. */
export interface Resource {
  id: bigint;
  info: ResourceInfo;
  unit: Unit;
}

/** Every registered resource, at a block. */
export interface ResourceSnapshot {
  block: bigint;
  /** The block's timestamp: the chain's time for every figure. */
  time: number;
  resources: Resource[];
}

/** The public view of one stock at a block. */
export interface Stock extends Resource {
  block: bigint;
  time: number;
  /** The season running at `time` (0 before season 1). */
  current: number;
  /** Seasons 1..max(current, last assessed), oldest first (index = season - 1). */
  seasons: SeasonInfo[];
  assessors: Address[];
  buyers: Address[];
  /** Most a recipient may hold or land in the current season. */
  maxHolding: bigint;
  /** Accounts holding quota shares now. */
  holderCount: number;
  landingCount: number;
  transferCount: number;
}

/** Items per page of the landings and transfers lists. */
export const LIST_PAGE = 25;
/** Holders per page of the holders table. */
export const HOLDERS_PAGE = 50;

export type { Page } from "../../shared/data/pages";

export interface LandingFilter {
  holder?: Address;
  buyer?: Address;
}

export interface ResourceReader {
  readonly source: "chain" | "subgraph";
  /** Every registered resource (for the selector and the council's actions). */
  resources(): Promise<ResourceSnapshot>;
  /** One stock's public view: its seasons with their reports, assessors, buyers; undefined if not registered. */
  stock(id: bigint): Promise<Stock | undefined>;
  /** The current season's holdings, a page at a time (by holder address), holders with nothing left out. */
  holders(id: bigint, after?: string): Promise<Page<Holding>>;
  /** One account's current-season position (a zero position if it holds nothing). */
  holding(id: bigint, account: Address): Promise<Holding>;
  /** The buyers `holder` allows to record its landings. */
  approvals(id: bigint, holder: Address): Promise<Address[]>;
  /** Landings, newest first, optionally of one holder or by one buyer. */
  landings(id: bigint, filter: LandingFilter, after?: string): Promise<Page<Landing>>;
  /** Entitlement transfers, newest first. */
  transfers(id: bigint, after?: string): Promise<Page<EntitlementMove>>;
}
