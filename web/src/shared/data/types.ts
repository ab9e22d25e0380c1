// The dApp's one data interface. Two implementations sit behind it: `chain.ts` (ledger events folded in the
// browser, plus view calls) and `subgraph.ts` (GraphQL). Screens only ever see these types.
import type { ContributionStatusName } from "@cosmolocal/sdk";
import type { Address, Hash, Hex } from "viem";

export interface TokenInfo {
  address: Address;
  symbol: string;
  decimals: number;
}

export interface IncomeEvent {
  account: Address;
  amount: bigint;
  blockNumber: bigint;
  txHash: Hash;
}

/** Open books of one income token: everything paid in, everything paid out, and the flows. */
export interface IncomeBook {
  token: TokenInfo;
  received: bigint;
  claimed: bigint;
  deposits: IncomeEvent[];
  claims: IncomeEvent[];
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

export interface Kind {
  id: number;
  name: string;
  weight: number;
  active: boolean;
}

export interface Project {
  id: bigint;
  name: string;
  metadataURI: string;
  creator: Address;
  quorum: number;
  evaluationWindow: number;
  minScore: number;
  totalPoints: bigint;
  kinds: Kind[];
  members: Member[];
  /** Newest first. */
  contributions: Contribution[];
  /** ETH first, then accepted ERC-20s. */
  income: IncomeBook[];
}

export interface LedgerReader {
  readonly source: "chain" | "subgraph";
  projects(): Promise<Project[]>;
  project(id: bigint): Promise<Project | undefined>;
}
