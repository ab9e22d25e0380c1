// The views of the contribution screens (ContributionLedger) and the one interface both readers implement: the
// chain reader (./chain.ts, events folded by ./fold.ts) and the subgraph reader (./subgraph.ts).
import type { ContributionStatusName } from "@cosmolocal/sdk";
import type { Address, Hash, Hex } from "viem";
import type { TokenInfo } from "../../shared/data/tokens";

export type { TokenInfo };

/** Totals of one income token: everything paid in and everything paid out. */
export interface IncomeBook {
  token: TokenInfo;
  received: bigint;
  claimed: bigint;
}

/** One payment in (a deposit, `account` paid) or out (a claim, `account` received). */
export interface Payment {
  flow: "in" | "out";
  token: TokenInfo;
  account: Address;
  amount: bigint;
  blockNumber: bigint;
  txHash: Hash;
}

export interface Evaluation {
  evaluator: Address;
  score: number;
  commentHash: Hex;
}

export interface Contribution {
  id: bigint;
  projectId: bigint;
  contributor: Address;
  submitter: Address;
  kindId: number;
  quantity: bigint;
  evidenceHash: Hex;
  evidenceURI: string;
  closesAt: number;
  quorum: number;
  minScore: number;
  status: ContributionStatusName;
  evaluations: Evaluation[];
  /** Twice the median score, set once settled. */
  medianScoreX2: number;
  points: bigint;
}

export interface Member {
  account: Address;
  /** Role bits: MEMBER_ROLE | COORDINATOR_ROLE. */
  roles: number;
  points: bigint;
}

/** The connected account in one project: its roles, points and its income per token. */
export interface Me extends Member {
  /** Per income token (lower-case address): claimed so far, and claimable now (the ledger's `claimable`). */
  income: Record<string, { claimed: bigint; claimable: bigint }>;
}

export interface Kind {
  id: number;
  name: string;
  weight: number;
  active: boolean;
}

/** A project as the project list shows it. */
export interface ProjectSummary {
  id: bigint;
  name: string;
  totalPoints: bigint;
  /** Accounts holding the member role. */
  memberCount: number;
  pendingCount: number;
  acceptedCount: number;
  /** ETH first, then accepted ERC-20s in the order they were accepted. */
  income: IncomeBook[];
}

/** A project's header and books: its policy, kinds, counts and income totals (its lists are read separately). */
export interface Project extends ProjectSummary {
  metadataURI: string;
  creator: Address;
  quorum: number;
  evaluationWindow: number;
  minScore: number;
  kinds: Kind[];
  contributionCount: number;
  /** Payments in and out so far. */
  paymentCount: number;
}

/** The first rows of a list that can grow without bound, and whether there are more. */
export interface Page<T> {
  items: T[];
  more: boolean;
}

export interface ContributionReader {
  readonly source: "chain" | "subgraph";
  /** The `first` projects by id. */
  projects(first: number): Promise<Page<ProjectSummary>>;
  project(id: bigint): Promise<Project | undefined>;
  /** `account`'s roles, points and income in the project (all zero when it never took part). */
  me(projectId: bigint, account: Address): Promise<Me>;
  /** The `first` (at most 1,000) members by points, most first; accounts holding no role and no points left out. */
  members(projectId: bigint, first: number): Promise<Page<Member>>;
  /** The newest `first` contributions, of `contributor` only when given. */
  contributions(projectId: bigint, first: number, contributor?: Address): Promise<Page<Contribution>>;
  /** Every pending contribution (the evaluation queue and the windows to close), oldest first. */
  pending(projectId: bigint): Promise<Contribution[]>;
  /** The newest `first` payments in and out, newest first. */
  payments(projectId: bigint, first: number): Promise<Page<Payment>>;
}
