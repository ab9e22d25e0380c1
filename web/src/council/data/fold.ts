// The council's events folded into plain state (pure; no chain reads): the Governor's proposals, votes, vetoes,
// queueing and settings, the seat token's seats and votes, the timelock's operations and delay. The ABI the three
// contracts' logs are decoded with is `councilEventsAbi`.
import { councilSeatAbi, councilTimelockAbi, thresholdsCouncilAbi } from "@cosmolocal/sdk";
import { getAddress, keccak256, toBytes, zeroAddress, type Address, type Hex } from "viem";
import type { DecodedLog, EventFold } from "../../shared/data/logs";
import type { Vote } from "./types";

/** The three council contracts' ABIs in one: the events of all three decode with it. */
export const councilEventsAbi = [...thresholdsCouncilAbi, ...councilSeatAbi, ...councilTimelockAbi] as const;
export type CouncilEventsAbi = typeof councilEventsAbi;
export type CouncilLog = DecodedLog<CouncilEventsAbi>;

/** A timelock operation's life (TimelockController): scheduled, then done or cancelled. */
export type OperationStatus = "Pending" | "Done" | "Cancelled";

export interface ProposalRecord {
  /** 1-based, in the order proposed. */
  number: number;
  id: bigint;
  proposer: Address;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
  descriptionHash: Hex;
  /** voteStart and voteEnd (chain time, seconds). */
  snapshot: number;
  deadline: number;
  createdBlock: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  votes: Vote[];
  vetoes: bigint;
  vetoers: Address[];
  /** ProposalQueued's ETA (0 until queued) and the timelock operation scheduled with it. */
  eta: number;
  operation?: Hex;
  executed: boolean;
  canceled: boolean;
}

export interface SeatRecord {
  member: Address;
  seatId: bigint;
  delegation: string;
  seated: boolean;
  seatedBlock: bigint;
  unseatedBlock?: bigint;
}

export interface CouncilState {
  votingDelay: number;
  votingPeriod: number;
  proposalThreshold: bigint;
  quorumNumerator: bigint;
  timelock: Address;
  /** The timelock's delay (MinDelayChange). */
  minDelay: number;
  /** Every QuorumNumeratorUpdated, oldest first (the quorum of a proposal is the one at its snapshot). */
  quorumChanges: { block: bigint; value: bigint }[];
  /** By seat id (ids are given in order from 1). */
  seats: Map<bigint, SeatRecord>;
  /** Votes and delegate per account (lower-case), from DelegateVotesChanged and DelegateChanged. */
  votes: Map<string, bigint>;
  delegates: Map<string, Address>;
  /** In the order proposed (index = number - 1). */
  proposals: ProposalRecord[];
  /** Proposal id -> index in `proposals`. */
  index: Map<bigint, number>;
  operations: Map<Hex, OperationStatus>;
  /** The operation the last CallScheduled named, and its transaction (ProposalQueued follows it in that one). */
  scheduled?: { tx: Hex; id: Hex };
  /** Block times the events tell: a proposal's creation (voteStart - votingDelay) and queueing (eta - delay). */
  blockTimes: Map<bigint, number>;
}

function proposalOf(state: CouncilState, id: bigint): ProposalRecord | undefined {
  const i = state.index.get(id);
  return i === undefined ? undefined : state.proposals[i];
}

function vote(
  state: CouncilState,
  log: { args: { voter: Address; proposalId: bigint; support: number; weight: bigint; reason: string } },
) {
  const p = proposalOf(state, log.args.proposalId);
  if (!p) return;
  const { voter, support, weight, reason } = log.args;
  p.votes.push({ voter: getAddress(voter), support, weight, reason });
  if (support === 0) p.againstVotes += weight;
  else if (support === 1) p.forVotes += weight;
  else p.abstainVotes += weight;
}

export const councilFold: EventFold<CouncilEventsAbi, CouncilState> = {
  initial: () => ({
    votingDelay: 0,
    votingPeriod: 0,
    proposalThreshold: 0n,
    quorumNumerator: 0n,
    timelock: zeroAddress,
    minDelay: 0,
    quorumChanges: [],
    seats: new Map(),
    votes: new Map(),
    delegates: new Map(),
    proposals: [],
    index: new Map(),
    operations: new Map(),
    blockTimes: new Map(),
  }),

  apply(state, logs) {
    for (const log of logs) {
      switch (log.eventName) {
        case "ProposalCreated": {
          const a = log.args;
          state.index.set(a.proposalId, state.proposals.length);
          state.proposals.push({
            number: state.proposals.length + 1,
            id: a.proposalId,
            proposer: getAddress(a.proposer),
            targets: a.targets.map((t) => getAddress(t)),
            values: [...a.values],
            calldatas: [...a.calldatas],
            description: a.description,
            descriptionHash: keccak256(toBytes(a.description)),
            snapshot: Number(a.voteStart),
            deadline: Number(a.voteEnd),
            createdBlock: log.blockNumber,
            forVotes: 0n,
            againstVotes: 0n,
            abstainVotes: 0n,
            votes: [],
            vetoes: 0n,
            vetoers: [],
            eta: 0,
            executed: false,
            canceled: false,
          });
          state.blockTimes.set(log.blockNumber, Number(a.voteStart) - state.votingDelay);
          break;
        }
        case "VoteCast":
        case "VoteCastWithParams":
          vote(state, log);
          break;
        case "VetoCast": {
          const p = proposalOf(state, log.args.proposalId);
          if (p) {
            p.vetoes = log.args.vetoes;
            p.vetoers.push(getAddress(log.args.voter));
          }
          break;
        }
        case "ProposalQueued": {
          const p = proposalOf(state, log.args.proposalId);
          if (!p) break;
          p.eta = Number(log.args.etaSeconds);
          if (state.scheduled?.tx === log.transactionHash) p.operation = state.scheduled.id;
          state.blockTimes.set(log.blockNumber, p.eta - state.minDelay);
          break;
        }
        case "ProposalExecuted": {
          const p = proposalOf(state, log.args.proposalId);
          if (p) p.executed = true;
          break;
        }
        case "ProposalCanceled": {
          const p = proposalOf(state, log.args.proposalId);
          if (p) p.canceled = true;
          break;
        }
        case "VotingDelaySet":
          state.votingDelay = Number(log.args.newVotingDelay);
          break;
        case "VotingPeriodSet":
          state.votingPeriod = Number(log.args.newVotingPeriod);
          break;
        case "ProposalThresholdSet":
          state.proposalThreshold = log.args.newProposalThreshold;
          break;
        case "QuorumNumeratorUpdated":
          state.quorumNumerator = log.args.newQuorumNumerator;
          state.quorumChanges.push({ block: log.blockNumber, value: log.args.newQuorumNumerator });
          break;
        case "TimelockChange":
          state.timelock = getAddress(log.args.newTimelock);
          break;
        case "MemberSeated":
          state.seats.set(log.args.seatId, {
            member: getAddress(log.args.member),
            seatId: log.args.seatId,
            delegation: log.args.delegation,
            seated: true,
            seatedBlock: log.blockNumber,
          });
          break;
        case "MemberUnseated": {
          const s = state.seats.get(log.args.seatId);
          if (s) {
            s.seated = false;
            s.unseatedBlock = log.blockNumber;
          }
          break;
        }
        case "DelegateChanged":
          state.delegates.set(log.args.delegator.toLowerCase(), getAddress(log.args.toDelegate));
          break;
        case "DelegateVotesChanged":
          state.votes.set(log.args.delegate.toLowerCase(), log.args.newVotes);
          break;
        case "CallScheduled":
          state.operations.set(log.args.id, "Pending");
          state.scheduled = { tx: log.transactionHash, id: log.args.id };
          break;
        case "CallExecuted":
          state.operations.set(log.args.id, "Done");
          break;
        case "Cancelled":
          state.operations.set(log.args.id, "Cancelled");
          break;
        case "MinDelayChange":
          state.minDelay = Number(log.args.newDuration);
          break;
      }
    }
  },
};
