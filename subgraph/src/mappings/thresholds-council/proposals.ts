// Proposals, votes and vetoes. quorum(voteStart) and vetoesNeeded are read at a proposal's first vote or queueing;
// a queued proposal's timelock operation id is read with hashOperationBatch (ProposalQueued does not name it).
import { Address, BigInt, ByteArray, Bytes, crypto, ethereum, log } from "@graphprotocol/graph-ts";
import { CouncilTimelock as TimelockContract } from "../../../generated/ThresholdsCouncil/CouncilTimelock";
import {
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalQueued,
  ThresholdsCouncil as GovernorContract,
  VetoCast,
  VoteCast,
  VoteCastWithParams,
} from "../../../generated/ThresholdsCouncil/ThresholdsCouncil";
import { Proposal, TimelockOperation, Veto, Vote } from "../../../generated/schema";
import { cancelProposal, EXECUTED, getMember, PROPOSED, QUEUED } from "../../utils/council";
import { eventId, stampEvent } from "../../utils/events";
import { getCouncil } from "./settings";

export function loadProposal(proposalId: BigInt): Proposal {
  const proposal = Proposal.load(proposalId.toString());
  if (proposal == null) log.critical("ThresholdsCouncil: event for unknown proposal {}", [proposalId.toString()]);
  return proposal!;
}

/** quorum(voteStart) and vetoesNeeded(proposalId), once the snapshot has passed (the calls revert before). */
export function fetchQuorum(proposal: Proposal, event: ethereum.Event): void {
  if (event.block.timestamp.le(proposal.voteStart)) return;
  const governor = GovernorContract.bind(event.address);
  if (proposal.quorum === null) {
    const quorum = governor.try_quorum(proposal.voteStart);
    if (!quorum.reverted) proposal.quorum = quorum.value;
  }
  if (proposal.majority === null) {
    const majority = governor.try_vetoesNeeded(proposal.proposalId);
    if (!majority.reverted) proposal.majority = majority.value;
  }
}

/** Whether the votes so far carry the proposal: quorum reached, more FOR than AGAINST, FOR a strict majority of seats. */
export function updatePassing(proposal: Proposal): void {
  const quorum = proposal.quorum;
  const majority = proposal.majority;
  proposal.passing =
    quorum !== null &&
    majority !== null &&
    proposal.forVotes.plus(proposal.abstainVotes).ge(quorum) &&
    proposal.forVotes.gt(proposal.againstVotes) &&
    proposal.forVotes.ge(majority);
}

export function handleProposalCreated(event: ProposalCreated): void {
  const p = event.params;
  const council = getCouncil(event);
  council.proposalCount += 1;
  council.save();
  const proposer = getMember(p.proposer, event.block.timestamp);
  proposer.proposalCount += 1;
  proposer.updatedAtTimestamp = event.block.timestamp;
  proposer.save();
  const proposal = new Proposal(p.proposalId.toString());
  proposal.proposalId = p.proposalId;
  proposal.number = council.proposalCount;
  proposal.council = council.id;
  proposal.proposer = proposer.id;
  const targets = new Array<Bytes>(0);
  for (let i = 0; i < p.targets.length; i++) targets.push(p.targets[i]);
  proposal.targets = targets;
  proposal.values = p.values;
  proposal.signatures = p.signatures;
  proposal.calldatas = p.calldatas;
  proposal.description = p.description;
  proposal.descriptionHash = Bytes.fromByteArray(crypto.keccak256(ByteArray.fromUTF8(p.description)));
  proposal.voteStart = p.voteStart;
  proposal.voteEnd = p.voteEnd;
  proposal.state = PROPOSED;
  proposal.forVotes = BigInt.zero();
  proposal.againstVotes = BigInt.zero();
  proposal.abstainVotes = BigInt.zero();
  proposal.voteCount = 0;
  proposal.passing = false;
  proposal.vetoes = BigInt.zero();
  proposal.createdAtBlock = event.block.number;
  proposal.createdAtTimestamp = event.block.timestamp;
  proposal.createdTransaction = event.transaction.hash;
  proposal.save();
}

export function recordVote(
  event: ethereum.Event,
  voter: Address,
  proposalId: BigInt,
  support: i32,
  weight: BigInt,
  reason: string,
  params: Bytes | null,
): void {
  const proposal = loadProposal(proposalId);
  const vote = new Vote(eventId(event));
  vote.proposal = proposal.id;
  const member = getMember(voter, event.block.timestamp);
  member.voteCount += 1;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
  vote.voter = member.id;
  if (support == 0) {
    vote.support = "Against";
    proposal.againstVotes = proposal.againstVotes.plus(weight);
  } else if (support == 1) {
    vote.support = "For";
    proposal.forVotes = proposal.forVotes.plus(weight);
  } else {
    vote.support = "Abstain";
    proposal.abstainVotes = proposal.abstainVotes.plus(weight);
  }
  vote.weight = weight;
  vote.reason = reason;
  if (params !== null) vote.params = params;
  stampEvent(vote, event);
  vote.save();
  proposal.voteCount += 1;
  fetchQuorum(proposal, event);
  updatePassing(proposal);
  proposal.save();
  const council = getCouncil(event);
  council.voteCount += 1;
  council.save();
}

export function handleVoteCast(event: VoteCast): void {
  const p = event.params;
  recordVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, null);
}

export function handleVoteCastWithParams(event: VoteCastWithParams): void {
  const p = event.params;
  recordVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, p.params);
}

export function handleProposalQueued(event: ProposalQueued): void {
  const proposal = loadProposal(event.params.proposalId);
  const council = getCouncil(event);
  council.queuedCount += 1;
  council.save();
  proposal.state = QUEUED;
  proposal.eta = event.params.etaSeconds;
  proposal.queuedAt = event.block.timestamp;
  fetchQuorum(proposal, event);
  updatePassing(proposal);
  // The timelock operation GovernorTimelockControl scheduled: salt = bytes20(governor) ^ descriptionHash.
  const salt = new Bytes(32);
  for (let i = 0; i < 32; i++) {
    salt[i] = i < 20 ? proposal.descriptionHash[i] ^ event.address[i] : proposal.descriptionHash[i];
  }
  const targets = new Array<Address>(0);
  for (let i = 0; i < proposal.targets.length; i++) targets.push(Address.fromBytes(proposal.targets[i]));
  const operationId = TimelockContract.bind(Address.fromBytes(council.timelock)).try_hashOperationBatch(
    targets,
    proposal.values,
    proposal.calldatas,
    Bytes.fromHexString("0x0000000000000000000000000000000000000000000000000000000000000000"),
    salt,
  );
  if (!operationId.reverted) {
    const operation = TimelockOperation.load(operationId.value);
    if (operation != null) {
      operation.proposal = proposal.id;
      operation.save();
      proposal.timelockOperation = operation.id;
    }
  }
  proposal.save();
}

export function handleProposalExecuted(event: ProposalExecuted): void {
  const proposal = loadProposal(event.params.proposalId);
  proposal.state = EXECUTED;
  proposal.executedAt = event.block.timestamp;
  proposal.executedTransaction = event.transaction.hash;
  proposal.save();
  const council = getCouncil(event);
  council.executedCount += 1;
  council.save();
}

export function handleProposalCanceled(event: ProposalCanceled): void {
  cancelProposal(loadProposal(event.params.proposalId), event.block.timestamp);
}

/** A veto; the one that reaches the majority is followed by ProposalCanceled (and the timelock's Cancelled). */
export function handleVetoCast(event: VetoCast): void {
  const p = event.params;
  const proposal = loadProposal(p.proposalId);
  proposal.vetoes = p.vetoes;
  proposal.majority = p.needed;
  updatePassing(proposal);
  proposal.save();
  const member = getMember(p.voter, event.block.timestamp);
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
  const veto = new Veto(eventId(event));
  veto.proposal = proposal.id;
  veto.voter = member.id;
  veto.vetoes = p.vetoes;
  veto.needed = p.needed;
  stampEvent(veto, event);
  veto.save();
  const council = getCouncil(event);
  council.vetoCount += 1;
  council.save();
}
