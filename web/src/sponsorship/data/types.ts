// The sponsorship module's reader interface and its views: the paymaster's settings and totals, what it paid per
// period and per member in a period, the sponsored operations, members' own budgets and the allowed call targets, the
// same from the chain reader and from the subgraph reader. Amounts are wei.
import type { Address, Hash, Hex } from "viem";
import type { Page } from "../../shared/data/pages.ts";

/** The paymaster's settings (its events') and its totals over every period. */
export interface PaymasterInfo {
  /** The council's timelock. */
  owner: Address;
  /** The account ownership was offered to and that has not accepted it yet. */
  pendingOwner?: Address;
  /** Wei per period of members without a budget of their own. */
  defaultBudget: bigint;
  /** The most a coordinator may give one member, wei per period. */
  coordinatorBudgetCap: bigint;
  sponsoredCount: number;
  totalSpent: bigint;
  ownBudgetCount: number;
  allowedTargetCount: number;
}

/** One sponsored operation (GasSponsored). */
export interface Sponsorship {
  /** The event's id: block number (8 bytes) ++ log index (4 bytes), hex; the list's cursor. */
  id: Hex;
  /** The operation's sender (the EntryPoint's UserOperationEvent in the same transaction names it, with its hash). */
  member: Address;
  period: number;
  /** Wei charged to the member's budget. */
  cost: bigint;
  blockNumber: bigint;
  txHash: Hash;
}

/** What the paymaster paid in one period, over every member. */
export interface PeriodSpending {
  period: number;
  spent: bigint;
  count: number;
  /** Members sponsored in the period. */
  members: number;
}

/** What one member spent of its budget in one period. */
export interface MemberSpending {
  member: Address;
  period: number;
  spent: bigint;
  count: number;
}

/** A member's budget of its own (set by the owner or a coordinator; the default applies to everyone else). */
export interface OwnBudget {
  member: Address;
  /** Wei per period (0: not sponsored). */
  amount: bigint;
  setBy: Address;
  /** The block it was last set in. */
  blockNumber: bigint;
}

/** A contract sponsored operations may call. */
export interface CallTarget {
  target: Address;
  /** The block it was (last) allowed in. */
  blockNumber: bigint;
}

/** Rows per page of every list of the sponsorship screen. */
export const SPONSORSHIP_PAGE = 50;
/** The most periods one `periods` call spans (graph-node's largest `first`). */
export const MAX_PERIODS = 1_000;

const lower = (a: string) => a.toLowerCase();
/** The order of the lists by account both readers return: by lower-case address. */
export const byAddress =
  <T>(key: (x: T) => string) =>
  (a: T, b: T) =>
    lower(key(a)) < lower(key(b)) ? -1 : lower(key(a)) > lower(key(b)) ? 1 : 0;

/** The sponsorship module's reads, one method per screen need; the chain reader and the subgraph reader implement it. */
export interface SponsorshipReader {
  readonly source: "chain" | "subgraph";
  /** Settings and totals (the page's figures; the budget form's cap). */
  info(): Promise<PaymasterInfo>;
  /** The periods `from`..`to` (at most MAX_PERIODS) in which the paymaster paid anything, oldest first (the chart). */
  periods(from: number, to: number): Promise<PeriodSpending[]>;
  /** Members' spending in `period`, by address, a page after the lower-case address `after`. */
  spendingPage(period: number, after?: string): Promise<Page<MemberSpending>>;
  /** Sponsored operations, newest first, a page after the id `after`. */
  sponsorships(after?: string): Promise<Page<Sponsorship>>;
  /** Members with a budget of their own, by address, a page after the lower-case address `after`. */
  budgetPage(after?: string): Promise<Page<OwnBudget>>;
  /** The allowed call targets, by address, a page after the lower-case address `after`. */
  targetPage(after?: string): Promise<Page<CallTarget>>;
}
