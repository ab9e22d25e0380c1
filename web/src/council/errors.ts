// The thresholds council's custom errors (ThresholdsCouncil/Governor, CouncilSeat, CouncilTimelock) in plain sentences,
// from their named arguments, accounts by name; and the Governor's proposal states.
import type { councilSeatAbi, councilTimelockAbi, thresholdsCouncilAbi } from "@cosmolocal/sdk";
import type { Hex } from "viem";
import type { ErrorTable, WordContext } from "../shared/errorWords";
import { shortHash } from "../shared/format";

/** Governor proposal states, as OpenZeppelin's `IGovernor.ProposalState` enum. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
const TIMELOCK_STATES = ["unset", "waiting", "ready", "done"];
/** The names whose bit is set in an OpenZeppelin state bitmap (bit i = state i). */
const statesIn = (bitmap: Hex, names: readonly string[]) => names.filter((_, i) => (BigInt(bitmap) >> BigInt(i)) & 1n);
const proposalState = (state: number) => PROPOSAL_STATES[state]?.toLowerCase() ?? `in state ${state}`;

type CouncilAbi = readonly [...typeof thresholdsCouncilAbi, ...typeof councilSeatAbi, ...typeof councilTimelockAbi];

export const councilErrors: ErrorTable<CouncilAbi, Pick<WordContext, "name">> = {
  // ThresholdsCouncil (OpenZeppelin Governor and the council's veto)
  GovernorAlreadyCastVote: ({ voter }, { name }) => `${name(voter)} has already voted on this proposal.`,
  GovernorInsufficientProposerVotes: ({ proposer, votes, threshold }, { name }) =>
    `${name(proposer)} has ${votes} council vote${votes === 1n ? "" : "s"} and needs ${threshold} to propose: only seated members propose.`,
  GovernorInvalidProposalLength: () => "Every action of a proposal needs a target, a value and call data.",
  GovernorNonexistentProposal: ({ proposalId }) => `Proposal ${shortHash(proposalId.toString())} does not exist.`,
  GovernorUnexpectedProposalState: ({ current, expectedStates }) =>
    `The proposal is ${proposalState(current)}; this needs it to be ${statesIn(expectedStates, PROPOSAL_STATES).join(" or ").toLowerCase()}.`,
  GovernorOnlyExecutor: ({ account }, { name }) => `${name(account)} is not the council's executor (its timelock).`,
  GovernorProposalQueueingNotRequired: () => "This proposal does not need queueing.",
  GovernorAlreadyQueuedProposal: () => "This proposal is already queued in the timelock.",
  GovernorProposalQueueingFailed: () => "The timelock did not accept the proposal for queueing.",
  GovernorRestrictedProposer: ({ proposer }, { name }) =>
    `${name(proposer)} may not submit this proposal (its description restricts the proposer).`,
  GovernorUnableToCancel: ({ account }, { name }) =>
    `${name(account)} cannot cancel this proposal now (only its proposer, while pending).`,
  GovernorInvalidVoteType: () => "A vote is for, against or abstain.",
  GovernorInvalidVoteParams: () => "This vote takes no extra parameters.",
  GovernorInvalidSignature: ({ voter }, { name }) => `The vote signature does not match ${name(voter)}.`,
  GovernorInvalidVotingPeriod: () => "The voting period must be longer than 0.",
  GovernorInvalidQuorumFraction: () => "The quorum must be a fraction of at most 100 %.",
  GovernorDisabledDeposit: () => "The council does not accept deposits.",
  VetoNotOpen: ({ state }) =>
    `The proposal is ${proposalState(state)}: a veto is only possible once it has passed and until it runs (succeeded or queued).`,
  NoSeatAtSnapshot: ({ account }, { name }) =>
    `${name(account)} held no council seat when voting on this proposal opened, so cannot veto it.`,
  AlreadyVetoed: ({ account }, { name }) => `${name(account)} has already vetoed this proposal.`,
  ERC6372InconsistentClock: () => "The council's clock does not match its seats' clock.",
  // CouncilTimelock
  FailedCall: () => "An action of the proposal failed without a reason.",
  TimelockUnexpectedOperationState: ({ expectedStates }) =>
    statesIn(expectedStates, TIMELOCK_STATES).includes("ready")
      ? "The timelock delay has not passed yet (or the operation already ran): wait for the ETA, then execute."
      : `The timelock operation is not ${statesIn(expectedStates, TIMELOCK_STATES).join(" or ")}.`,
  TimelockInsufficientDelay: ({ delay, minDelay }) =>
    `A delay of ${delay} s is below the timelock's minimum of ${minDelay} s.`,
  TimelockUnexecutedPredecessor: () => "An earlier timelock operation this depends on has not run yet.",
  TimelockUnauthorizedCaller: ({ caller }, { name }) => `Only the timelock itself may do this, not ${name(caller)}.`,
  TimelockInvalidOperationLength: () => "Every action of the operation needs a target, a value and call data.",
  AccessControlUnauthorizedAccount: ({ account }, { name }) => `${name(account)} lacks the timelock role this needs.`,
  AccessControlBadConfirmation: () => "A role can only be renounced by the account that holds it, for itself.",
  // CouncilSeat (ERC-721 votes)
  AlreadySeated: ({ member }, { name }) => `${name(member)} already holds a council seat.`,
  NotSeated: ({ member }, { name }) => `${name(member)} holds no council seat.`,
  SeatNotTransferable: ({ seatId }) => `Seat #${seatId} cannot be transferred: the council seats and unseats members.`,
  OwnableUnauthorizedAccount: ({ account }, { name }) =>
    `${name(account)} is not the council's timelock: only a council decision seats or unseats members.`,
  OwnableInvalidOwner: ({ owner }, { name }) => `${name(owner)} cannot own the council's seats.`,
  ERC721NonexistentToken: ({ tokenId }) => `Seat #${tokenId} does not exist (any more).`,
  ERC721IncorrectOwner: ({ sender, tokenId }, { name }) => `${name(sender)} does not hold seat #${tokenId}.`,
  ERC721InsufficientApproval: ({ operator, tokenId }, { name }) => `${name(operator)} may not move seat #${tokenId}.`,
  ERC721InvalidApprover: ({ approver }, { name }) => `${name(approver)} cannot approve seats.`,
  ERC721InvalidOperator: ({ operator }, { name }) => `${name(operator)} cannot be approved as an operator.`,
  ERC721InvalidOwner: ({ owner }, { name }) => `${name(owner)} cannot hold seats.`,
  ERC721InvalidReceiver: ({ receiver }, { name }) => `${name(receiver)} cannot receive a seat.`,
  ERC721InvalidSender: ({ sender }, { name }) => `${name(sender)} cannot give up a seat this way.`,
  ERC5805FutureLookup: () => "Votes cannot be read at a future time.",
  VotesExpiredSignature: ({ expiry }) => `The signed delegation expired (at ${expiry}).`,
  InvalidAccountNonce: ({ account, currentNonce }, { name }) =>
    `This signature of ${name(account)} was already used (next nonce ${currentNonce}).`,
  ECDSAInvalidSignature: () => "The signature is not valid.",
  ECDSAInvalidSignatureLength: ({ length }) => `A signature of ${length} bytes is not valid.`,
  ECDSAInvalidSignatureS: () => "The signature is malleable (its s value is too high) and is refused.",
  CheckpointUnorderedInsertion: () => "Votes cannot be recorded for a time before the last recorded one.",
  SafeCastOverflowedUintDowncast: ({ bits, value }) => `${value} does not fit in ${bits} bits.`,
  // EIP-712 domain strings (raised only when the council or its seats are deployed with an over-long name)
  InvalidShortString: () => "The council's signing domain name is malformed.",
  StringTooLong: ({ str }) => `The text “${str}” is too long for the council's signing domain.`,
};
