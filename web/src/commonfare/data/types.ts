// The commonfare circles' reader interface and its views: a circle's rules, levels, board and open books; its members
// (candidates, members, claimants and former members) with their own accounts settled to the circle's gift index in the
// browser (./settle.ts, GiftMath's exact rounding); claims with their confirmations and months paid; and the pool and
// burn after each change (the cover chart). The same from the chain reader and from the subgraph reader. Amounts are in
// the circle's currency's base units; times are Unix seconds.
import type { Address, Hash, Hex } from "viem";
import type { Page } from "../../shared/data/pages.ts";

export type { Page };

/** Rows per page of the claims and circles lists. */
export const COMMONFARE_PAGE = 20;
/** Rows per page of a circle's members: a whole circle (at most MAX_MEMBERS = 100) fits in one. */
export const MEMBERS_PAGE = 100;
/** Points per page of a circle's pool history (the cover chart shows the newest page). */
export const COVER_PAGE = 200;

/**
 * An account's place in a circle (ICommonfare.Status): an outsider (never asked, withdrew its request, left or was
 * removed), a candidate, a member funding gifts, or a member whose claim runs.
 */
export const MEMBER_STATUSES = ["None", "Candidate", "Member", "Claiming"] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** The statuses of a circle's members (claimants included, candidates not), as ICommonfare counts them. */
export const IN_CIRCLE: readonly MemberStatus[] = ["Member", "Claiming"];

/** A claim: reported (waiting for its confirmations), running, ended, or withdrawn before it started. */
export const CLAIM_STATES = ["Reported", "Running", "Ended", "Withdrawn"] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];
/** Claims still open: waiting for confirmations or running. */
export const OPEN_CLAIMS: readonly ClaimState[] = ["Reported", "Running"];

/** ICommonfare.Level. */
export interface Level {
  monthlyDeposit: bigint;
  monthlyBenefit: bigint;
}

/** ICommonfare.Rules. */
export interface CircleRules {
  currency: Address;
  capMonths: number;
  floorMonths: number;
  maxGiftMonths: number;
  minMembers: number;
  maxMembers: number;
  waitingPeriod: number;
  levelChangeGap: number;
  admissionVotes: number;
  boardConfirmations: number;
}

/** A circle: its rules, levels and board, and its open books now (ICommonfare.CircleView and more). */
export interface Circle {
  id: bigint;
  founder: Address;
  rules: CircleRules;
  levels: Level[];
  /** The board now (resigned members left out), by address. */
  board: Address[];
  foundedAt: number;
  /** Members (claimants included), claimants, and candidates waiting for admission. */
  members: number;
  claimants: number;
  candidates: number;
  /** The monthly deposits of the members who fund gifts (claimants excluded). */
  fundingWeight: bigint;
  /** The gift index (gifts taken per unit of monthly deposit, 1e18-scaled). */
  index: bigint;
  /** The circle's money the contract holds. */
  pool: bigint;
  /** The monthly benefits of the running claims. */
  burn: bigint;
  /** Months of cover × 100 at the current burn (NO_BURN: nothing burns), as circleOf gives it. */
  coverMonths1e2: bigint;
  /** Every deposit, withdrawal, payout on leaving and gift paid; the arrears the board wrote off. */
  deposited: bigint;
  withdrawn: bigint;
  paidOnLeaving: bigint;
  giftsPaid: bigint;
  writtenOff: bigint;
  /** Claims reported in the circle. */
  claimCount: number;
  /** The block and transaction that founded it. */
  blockNumber: bigint;
  txHash: Hash;
}

/** A request to join: the level asked for, and the approvals it gathered. */
export interface Candidacy {
  /** The account's round-th request to this circle. */
  round: number;
  level: number;
  status: "Pending" | "Admitted" | "Withdrawn";
  /** Members' approvals (a board member's admits at once and is not counted). */
  approvals: number;
  /** Who approved it (members and board members), by address. */
  approvers: Address[];
  requestedAt: number;
}

/**
 * An account's record in a circle as the readers keep it: its own account settled at the gift index `snapshot` (its
 * last deposit, withdrawal, level change, admission, claim start or end), and its books over every membership.
 */
export interface MemberRecord {
  circleId: bigint;
  account: Address;
  status: MemberStatus;
  /** Its level (the one it asked for while a candidate; its last one once it left). */
  level: number;
  /** The own account at `snapshot` (negative: arrears; 0 once it left). */
  settledBalance: bigint;
  snapshot: bigint;
  /** Paid in, taken out, and paid out on leaving; gifts received as a claimant (to its wallet). */
  deposited: bigint;
  withdrawn: bigint;
  leftWith: bigint;
  received: bigint;
  /** Taken from its account for others' gifts and write-offs, up to `snapshot`. */
  settledGifted: bigint;
  /** Its arrears the board wrote off when it removed it. */
  writtenOff: bigint;
  /** Admissions (one per membership); the latest; when its latest membership ended, and whether by removal. */
  memberships: number;
  joinedAt?: number;
  leftAt?: number;
  removed: boolean;
  /** When it may report a claim, and next change its level. */
  claimableFrom: number;
  levelChangeableFrom: number;
  /** Its latest request to join. */
  candidacy?: Candidacy;
  /** Its open claim (reported or running), if any. */
  openClaimId?: bigint;
}

/** A member with its account settled to the circle's index now, in the browser (./settle.ts). */
export interface Member extends MemberRecord {
  /** The level's monthly deposit (its funding weight) and benefit. */
  monthlyDeposit: bigint;
  monthlyBenefit: bigint;
  /** The own account now (negative: arrears) and what it owes the circle (0 when the balance is not negative). */
  balance: bigint;
  arrears: bigint;
  /** Gifts and write-offs taken from the account in all, and since `snapshot` (not yet settled on chain). */
  gifted: bigint;
  givenSinceSnapshot: bigint;
  /** The most the account may hold, and what a withdrawal must leave, at its level. */
  cap: bigint;
  floor: bigint;
  /** What it may withdraw now (above the floor, 0 in arrears), and what a deposit may add before the cap. */
  available: bigint;
  room: bigint;
}

/** Which members a list shows (every given field must hold). */
export interface MemberFilter {
  /** Only these statuses (none given: every account that ever asked to join). */
  statuses?: readonly MemberStatus[];
  account?: Address;
  level?: number;
}

/** One confirmation of a claim. */
export interface Confirmation {
  confirmer: Address;
  asBuddy: boolean;
  at: number;
}

/** A claim: its terms when reported, its confirmations, and the months of gifts paid. */
export interface Claim {
  id: bigint;
  circleId: bigint;
  claimant: Address;
  buddy: Address;
  /** The hash of the claimant's private note (the zero hash: none). */
  noteHash: Hex;
  /** The monthly gift and the most months it may receive. */
  benefit: bigint;
  maxMonths: number;
  state: ClaimState;
  reportedAt: number;
  buddyConfirmed: boolean;
  boardConfirmations: number;
  /** In the order they came (by time, then by confirmer's address). */
  confirmations: Confirmation[];
  /** When its gifts started (0: waiting for confirmations). */
  startedAt: number;
  monthsPaid: number;
  /** Gifts collected in all. */
  received: bigint;
  /** When it ended or was withdrawn; whether it ended on the claimant's word (recovered). */
  endedAt?: number;
  recovered: boolean;
}

/** Which claims a list shows (every given field must hold). */
export interface ClaimFilter {
  claimant?: Address;
  buddy?: Address;
  states?: readonly ClaimState[];
}

/** What changed the pool or the burn. */
export const COVER_CAUSES = [
  "Deposited",
  "Withdrawn",
  "MemberLeft",
  "ClaimStarted",
  "GiftCollected",
  "ClaimEnded",
] as const;
export type CoverCause = (typeof COVER_CAUSES)[number];

/** The circle's pool and burn after one change: a point of the cover chart. */
export interface CoverPoint {
  /** The event's id (block ++ log index, as the subgraph's event ids): in chain order. */
  id: Hex;
  at: number;
  blockNumber: bigint;
  cause: CoverCause;
  pool: bigint;
  burn: bigint;
}

/** The commonfare read path: one method per screen need, each list a page. */
export interface CommonfareReader {
  readonly source: "chain" | "subgraph";
  /** Circles by id, oldest first. */
  circles(after?: string): Promise<Page<Circle>>;
  /** One circle (undefined: no such circle). */
  circle(id: bigint): Promise<Circle | undefined>;
  /** A circle's members matching `filter`, settled now, by account (lower-case hex order); MEMBERS_PAGE a page. */
  members(circleId: bigint, filter: MemberFilter, after?: string): Promise<Page<Member>>;
  /** One account's record in a circle, settled now (undefined: it never asked to join). */
  member(circleId: bigint, account: Address): Promise<Member | undefined>;
  /** A circle's claims matching `filter`, newest first. */
  claims(circleId: bigint, filter: ClaimFilter, after?: string): Promise<Page<Claim>>;
  /** The pool and burn after each change, newest first (COVER_PAGE a page). */
  coverHistory(circleId: bigint, after?: string): Promise<Page<CoverPoint>>;
}
