// What the council's screens show, whichever source read it: the council's settings and seats, its open proposals'
// timing, and a page of proposals (newest first) with their state, votes, vetoes and calls.
import type { Address, Hex } from "viem";
import { PROPOSAL_STATES } from "../errors";

export type ProposalStateName = (typeof PROPOSAL_STATES)[number];
export const VOTE_LABELS = ["Against", "For", "Abstain"] as const;

export interface Vote {
  voter: Address;
  support: number;
  weight: bigint;
  reason: string;
}

export interface Seat {
  member: Address;
  seatId: bigint;
  delegation: string;
  /** Holds this seat now (false once unseated). */
  seated: boolean;
  /** Its holder's votes now (1 while seated). */
  votes: bigint;
  delegate: Address;
}

/** When a proposal's stages begin and end (chain time, seconds), for the dev clock and the tab count. */
export interface ProposalTiming {
  /** Position in the council's proposals (1-based, oldest first): the number people use. */
  number: number;
  state: ProposalStateName;
  /** Voting opens once the chain's time is past the snapshot and closes once it is past the deadline. */
  snapshot: number;
  deadline: number;
  /** Executable from this chain time once queued (0 when not queued). */
  eta: number;
}

export interface Proposal extends ProposalTiming {
  id: bigint;
  proposer: Address;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  descriptionHash: Hex;
  description: string;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  /** For + abstain votes needed (at the snapshot; before it, what the seats give now). */
  quorum: bigint;
  /** FOR votes needed, and vetoes that cancel it: a strict majority of the seats at the snapshot (the seats now
   * before the snapshot). */
  majority: bigint;
  /** Vetoes cast so far, and who cast them (VetoCast). */
  vetoes: bigint;
  vetoers: Address[];
  votes: Vote[];
  /** The votes the reader's account held at the snapshot (undefined without an account or before the snapshot). */
  myWeight?: bigint;
}

/** The council as every screen of the module sees it. */
export interface CouncilOverview {
  /** The block read, and its time. */
  block: bigint;
  time: number;
  name: string;
  votingDelay: number;
  votingPeriod: number;
  timelockDelay: number;
  quorumPercent: bigint;
  proposalThreshold: bigint;
  timelock: Address;
  proposalCount: number;
  /** Pending, Active, Succeeded and Queued proposals, newest first. */
  open: ProposalTiming[];
  /** Every seat given (seated or not), by seat id. */
  seats: Seat[];
}

/** A page of proposals, newest first. */
export interface ProposalPage {
  /** Every proposal made (the page's numbers count down from here). */
  total: number;
  proposals: Proposal[];
}

/** Proposals per page of the proposals tab. */
export const PROPOSALS_PER_PAGE = 10;

/** The numbers of page `page` (0 = newest): from `top` down to `bottom` (inclusive). */
export function pageNumbers(total: number, page: number, size = PROPOSALS_PER_PAGE): { top: number; bottom: number } {
  const top = total - page * size;
  return { top, bottom: Math.max(1, top - size + 1) };
}

/** Read with the council: which source, and the figures both sources give. */
export interface CouncilReader {
  readonly source: "chain" | "subgraph";
  /** Settings, seats and the open proposals (the page head, the new-proposal form, the seats tab). */
  overview(): Promise<CouncilOverview>;
  /** Proposals `page` (0 = newest) of `size`, with `me`'s votes at each snapshot. */
  proposals(page: number, size: number, me?: Address): Promise<ProposalPage>;
}
