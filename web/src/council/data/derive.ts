// What the council's figures are at a point in chain time, from folded events or subgraph rows (pure): the Governor's
// proposal state, the quorum and majority at a snapshot, the seats held then; on the chain reader's side, whether a
// block came before a time, told by the block times the events give away.
import type { ProposalStateName } from "./types";
import type { OperationStatus } from "./fold";

/** quorumDenominator() of GovernorVotesQuorumFraction. */
export const QUORUM_DENOMINATOR = 100n;

/** FOR votes a proposal needs, and vetoes that cancel it: a strict majority of the seats at its snapshot. */
export const majorityOf = (seats: bigint): bigint => seats / 2n + 1n;

/** ThresholdsCouncil.quorum: the larger of `numerator` % of the seats and a strict majority of them. */
export function quorumOf(seats: bigint, numerator: bigint): bigint {
  const fraction = (seats * numerator) / QUORUM_DENOMINATOR;
  const majority = majorityOf(seats);
  return fraction > majority ? fraction : majority;
}

/** What a proposal's state follows from. */
export interface StateInputs {
  executed: boolean;
  canceled: boolean;
  snapshot: number;
  deadline: number;
  eta: number;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  quorum: bigint;
  majority: bigint;
  /** The status of the timelock operation it was queued as (a queued proposal whose operation ran is Executed). */
  operation?: OperationStatus;
}

/** Governor.state (with GovernorTimelockControl and ThresholdsCouncil's vote rule) at chain time `now`. */
export function proposalState(p: StateInputs, now: number): ProposalStateName {
  if (p.executed) return "Executed";
  if (p.canceled) return "Canceled";
  if (p.snapshot >= now) return "Pending";
  if (p.deadline >= now) return "Active";
  const quorumReached = p.forVotes + p.abstainVotes >= p.quorum;
  const succeeded = p.forVotes > p.againstVotes && p.forVotes >= p.majority;
  if (!quorumReached || !succeeded) return "Defeated";
  if (p.eta === 0) return "Succeeded";
  if (p.operation === "Done") return "Executed";
  if (p.operation === "Cancelled") return "Canceled";
  return "Queued";
}

/** Pending, Active, Succeeded and Queued proposals still wait for something. */
export const isOpen = (state: ProposalStateName): boolean =>
  state === "Pending" || state === "Active" || state === "Succeeded" || state === "Queued";

/** A value that changes at points in time: the last step at or before `time` holds (0n before the first). */
export function valueAt(steps: readonly { time: number; value: bigint }[], time: number): bigint {
  let value = 0n;
  for (const s of steps) if (s.time <= time) value = s.value;
  return value;
}

/** Seats held at chain time `time`, of seats given at `seatedAt` and taken at `unseatedAt` (if ever). */
export function seatsAt(seats: readonly { seatedAt: number; unseatedAt?: number }[], time: number): bigint {
  let n = 0n;
  for (const s of seats) if (s.seatedAt <= time && !(s.unseatedAt !== undefined && s.unseatedAt <= time)) n++;
  return n;
}

/**
 * Block times known on the chain side, sorted by block. Times never decrease with the block number, so a block is
 * at or before time T if a later-or-equal block known is, and after T if an earlier-or-equal block known is.
 */
export class BlockTimes {
  private readonly blocks: bigint[];
  private readonly times: number[];

  constructor(known: Iterable<readonly [bigint, number]>) {
    const sorted = [...known].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.blocks = sorted.map((k) => k[0]);
    this.times = sorted.map((k) => k[1]);
  }

  /** Whether `block`'s time is at or before `time`; undefined when the known blocks do not tell. */
  atOrBefore(block: bigint, time: number): boolean | undefined {
    // The first known block >= `block`.
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.blocks[mid] < block) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.blocks.length && this.times[lo] <= time) return true;
    if (lo < this.blocks.length && this.blocks[lo] === block) return false;
    if (lo > 0 && this.times[lo - 1] > time) return false;
    return undefined;
  }
}
