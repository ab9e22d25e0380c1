// Mapping of the thresholds council: three data sources share this file. ThresholdsCouncil (OpenZeppelin Governor:
// proposals, votes, settings), CouncilSeat (non-transferable ERC721Votes seats: members, delegation, voting power)
// and CouncilTimelock (TimelockController: scheduled, executed and cancelled operations, min delay, roles).
//
// Contract calls (eth_call): the governor's name() and token() once; quorum(voteStart) and vetoesNeeded(proposalId)
// (the strict majority of seats) at a proposal's first vote or its queueing (both are only defined once the snapshot
// has passed); and, when a proposal is queued, the timelock's
// hashOperationBatch(targets, values, calldatas, 0, salt) with salt = bytes20(governor) ^ descriptionHash (as
// GovernorTimelockControl computes it), because ProposalQueued does not name the timelock operation it created.
import { Address, BigInt, ByteArray, Bytes, crypto, ethereum, log } from "@graphprotocol/graph-ts";
import {
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalQueued,
  ProposalThresholdSet,
  QuorumNumeratorUpdated,
  ThresholdsCouncil as GovernorContract,
  TimelockChange,
  VetoCast,
  VoteCast,
  VoteCastWithParams,
  VotingDelaySet,
  VotingPeriodSet,
} from "../generated/ThresholdsCouncil/ThresholdsCouncil";
import { CouncilTimelock as TimelockContract } from "../generated/ThresholdsCouncil/CouncilTimelock";
import {
  DelegateChanged,
  DelegateVotesChanged,
  MemberSeated,
  MemberUnseated,
  OwnershipTransferred,
  Transfer,
} from "../generated/CouncilSeat/CouncilSeat";
import {
  CallExecuted,
  CallSalt,
  CallScheduled,
  Cancelled,
  MinDelayChange,
  RoleGranted,
  RoleRevoked,
} from "../generated/CouncilTimelock/CouncilTimelock";
import {
  Council,
  CouncilMember,
  CouncilSeat,
  CouncilSeatToken,
  CouncilSettingChange,
  CouncilTimelock,
  Proposal,
  TimelockOperation,
  TimelockRoleChange,
  Veto,
  Vote,
} from "../generated/schema";

const PROPOSED = "Proposed";
const QUEUED = "Queued";
const EXECUTED = "Executed";
const CANCELED = "Canceled";

// ------------------------------------------------------------------------------------------------- ids

function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

function roleHash(name: string): Bytes {
  return Bytes.fromByteArray(crypto.keccak256(ByteArray.fromUTF8(name)));
}

function contains(list: Bytes[], item: Bytes): boolean {
  for (let i = 0; i < list.length; i++) if (list[i].equals(item)) return true;
  return false;
}

function without(list: Bytes[], item: Bytes): Bytes[] {
  const out = new Array<Bytes>(0);
  for (let i = 0; i < list.length; i++) if (!list[i].equals(item)) out.push(list[i]);
  return out;
}

// ---------------------------------------------------------------------------------------------- members

function getMember(account: Address, timestamp: BigInt): CouncilMember {
  const id = account.toHexString();
  let m = CouncilMember.load(id);
  if (m == null) {
    m = new CouncilMember(id);
    m.account = account;
    m.seated = false;
    m.votes = BigInt.zero();
    m.voteCount = 0;
    m.proposalCount = 0;
    m.updatedAtTimestamp = timestamp;
  }
  return m;
}

// ---------------------------------------------------------------------------------------------- governor

/** The council entity; its first event (the constructor's settings) creates it and reads name() and token(). */
function getCouncil(event: ethereum.Event): Council {
  const id = event.address.toHexString();
  let council = Council.load(id);
  if (council == null) {
    council = new Council(id);
    council.address = event.address;
    const contract = GovernorContract.bind(event.address);
    const name = contract.try_name();
    const token = contract.try_token();
    council.name = name.reverted ? "" : name.value;
    council.seatToken = token.reverted ? Address.zero() : token.value;
    council.timelock = Address.zero();
    council.votingDelay = BigInt.zero();
    council.votingPeriod = BigInt.zero();
    council.proposalThreshold = BigInt.zero();
    council.quorumNumerator = BigInt.zero();
    council.proposalCount = 0;
    council.queuedCount = 0;
    council.executedCount = 0;
    council.canceledCount = 0;
    council.voteCount = 0;
    council.vetoCount = 0;
    council.createdAtBlock = event.block.number;
    council.createdAtTimestamp = event.block.timestamp;
  }
  return council;
}

function settingChange(event: ethereum.Event, setting: string): CouncilSettingChange {
  const change = new CouncilSettingChange(eventId(event));
  change.contract = event.address;
  change.setting = setting;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  return change;
}

function numericSetting(event: ethereum.Event, setting: string, oldValue: BigInt, newValue: BigInt): void {
  const change = settingChange(event, setting);
  change.oldValue = oldValue;
  change.newValue = newValue;
  change.save();
}

export function handleVotingDelaySet(event: VotingDelaySet): void {
  const council = getCouncil(event);
  council.votingDelay = event.params.newVotingDelay;
  council.save();
  numericSetting(event, "VotingDelay", event.params.oldVotingDelay, event.params.newVotingDelay);
}

export function handleVotingPeriodSet(event: VotingPeriodSet): void {
  const council = getCouncil(event);
  council.votingPeriod = event.params.newVotingPeriod;
  council.save();
  numericSetting(event, "VotingPeriod", event.params.oldVotingPeriod, event.params.newVotingPeriod);
}

export function handleProposalThresholdSet(event: ProposalThresholdSet): void {
  const council = getCouncil(event);
  council.proposalThreshold = event.params.newProposalThreshold;
  council.save();
  numericSetting(event, "ProposalThreshold", event.params.oldProposalThreshold, event.params.newProposalThreshold);
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdated): void {
  const council = getCouncil(event);
  council.quorumNumerator = event.params.newQuorumNumerator;
  council.save();
  numericSetting(event, "QuorumNumerator", event.params.oldQuorumNumerator, event.params.newQuorumNumerator);
}

export function handleTimelockChange(event: TimelockChange): void {
  const council = getCouncil(event);
  council.timelock = event.params.newTimelock;
  council.save();
  const change = settingChange(event, "Timelock");
  change.oldAddress = event.params.oldTimelock;
  change.newAddress = event.params.newTimelock;
  change.save();
}

function loadProposal(proposalId: BigInt): Proposal {
  const proposal = Proposal.load(proposalId.toString());
  if (proposal == null) log.critical("ThresholdsCouncil: event for unknown proposal {}", [proposalId.toString()]);
  return proposal!;
}

/** quorum(voteStart) and vetoesNeeded(proposalId), once the snapshot has passed (the calls revert before). */
function fetchQuorum(proposal: Proposal, event: ethereum.Event): void {
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
  proposal.vetoes = BigInt.zero();
  proposal.createdAtBlock = event.block.number;
  proposal.createdAtTimestamp = event.block.timestamp;
  proposal.createdTransaction = event.transaction.hash;
  proposal.save();
}

function recordVote(
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
  vote.blockNumber = event.block.number;
  vote.timestamp = event.block.timestamp;
  vote.transactionHash = event.transaction.hash;
  vote.save();
  proposal.voteCount += 1;
  fetchQuorum(proposal, event);
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

function cancelProposal(proposal: Proposal, timestamp: BigInt): void {
  if (proposal.state == CANCELED) return;
  proposal.state = CANCELED;
  proposal.canceledAt = timestamp;
  proposal.save();
  const council = Council.load(proposal.council);
  if (council != null) {
    council.canceledCount += 1;
    council.save();
  }
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
  proposal.save();
  const member = getMember(p.voter, event.block.timestamp);
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
  const veto = new Veto(eventId(event));
  veto.proposal = proposal.id;
  veto.voter = member.id;
  veto.vetoes = p.vetoes;
  veto.needed = p.needed;
  veto.blockNumber = event.block.number;
  veto.timestamp = event.block.timestamp;
  veto.transactionHash = event.transaction.hash;
  veto.save();
  const council = getCouncil(event);
  council.vetoCount += 1;
  council.save();
}

// ------------------------------------------------------------------------------------------------- seats

function getSeatToken(event: ethereum.Event): CouncilSeatToken {
  const id = event.address.toHexString();
  let token = CouncilSeatToken.load(id);
  if (token == null) {
    token = new CouncilSeatToken(id);
    token.address = event.address;
    token.owner = Address.zero();
    token.seatsIssued = 0;
    token.activeSeats = 0;
  }
  return token;
}

export function handleSeatOwnershipTransferred(event: OwnershipTransferred): void {
  const token = getSeatToken(event);
  token.owner = event.params.newOwner;
  token.save();
}

/** Mint: a new seat; burn: the seat is taken (seats never move between members). */
export function handleSeatTransfer(event: Transfer): void {
  const p = event.params;
  const token = getSeatToken(event);
  const id = p.tokenId.toString();
  if (p.from.equals(Address.zero())) {
    const member = getMember(p.to, event.block.timestamp);
    member.save();
    const seat = new CouncilSeat(id);
    seat.seatId = p.tokenId;
    seat.seatToken = event.address;
    seat.member = member.id;
    seat.delegation = "";
    seat.active = true;
    seat.seatedAt = event.block.timestamp;
    seat.seatedTransaction = event.transaction.hash;
    seat.save();
    token.seatsIssued += 1;
    token.activeSeats += 1;
  } else if (p.to.equals(Address.zero())) {
    const seat = CouncilSeat.load(id);
    if (seat != null) {
      seat.active = false;
      seat.unseatedAt = event.block.timestamp;
      seat.unseatedTransaction = event.transaction.hash;
      seat.save();
    }
    token.activeSeats -= 1;
  } else {
    log.warning("CouncilSeat: seat {} moved between members", [id]);
  }
  token.save();
}

export function handleMemberSeated(event: MemberSeated): void {
  const p = event.params;
  const seat = CouncilSeat.load(p.seatId.toString());
  if (seat != null) {
    seat.delegation = p.delegation;
    seat.save();
  }
  const member = getMember(p.member, event.block.timestamp);
  member.seated = true;
  member.seat = p.seatId.toString();
  member.delegation = p.delegation;
  member.seatedAt = event.block.timestamp;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

export function handleMemberUnseated(event: MemberUnseated): void {
  const member = getMember(event.params.member, event.block.timestamp);
  member.seated = false;
  member.seat = null;
  member.unseatedAt = event.block.timestamp;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

export function handleDelegateChanged(event: DelegateChanged): void {
  const member = getMember(event.params.delegator, event.block.timestamp);
  member.delegate = event.params.toDelegate;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  const member = getMember(event.params.delegate, event.block.timestamp);
  member.votes = event.params.newVotes;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

// ---------------------------------------------------------------------------------------------- timelock

function getTimelock(event: ethereum.Event): CouncilTimelock {
  const id = event.address.toHexString();
  let timelock = CouncilTimelock.load(id);
  if (timelock == null) {
    timelock = new CouncilTimelock(id);
    timelock.address = event.address;
    timelock.minDelay = BigInt.zero();
    timelock.proposers = [];
    timelock.cancellers = [];
    timelock.executors = [];
    timelock.admins = [];
    timelock.operationCount = 0;
  }
  return timelock;
}

function roleName(role: Bytes): string {
  if (role.equals(Bytes.fromHexString("0x0000000000000000000000000000000000000000000000000000000000000000")))
    return "DEFAULT_ADMIN";
  if (role.equals(roleHash("PROPOSER_ROLE"))) return "PROPOSER";
  if (role.equals(roleHash("CANCELLER_ROLE"))) return "CANCELLER";
  if (role.equals(roleHash("EXECUTOR_ROLE"))) return "EXECUTOR";
  return role.toHexString();
}

function changeRole(event: ethereum.Event, role: Bytes, account: Address, sender: Address, granted: boolean): void {
  const timelock = getTimelock(event);
  const name = roleName(role);
  let list: Bytes[] = [];
  if (name == "DEFAULT_ADMIN") list = timelock.admins;
  else if (name == "PROPOSER") list = timelock.proposers;
  else if (name == "CANCELLER") list = timelock.cancellers;
  else if (name == "EXECUTOR") list = timelock.executors;
  if (granted && !contains(list, account)) list.push(account);
  if (!granted) list = without(list, account);
  if (name == "DEFAULT_ADMIN") timelock.admins = list;
  else if (name == "PROPOSER") timelock.proposers = list;
  else if (name == "CANCELLER") timelock.cancellers = list;
  else if (name == "EXECUTOR") timelock.executors = list;
  timelock.save();
  const change = new TimelockRoleChange(eventId(event));
  change.timelock = timelock.id;
  change.role = role;
  change.roleName = name;
  change.account = account;
  change.granted = granted;
  change.sender = sender;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function handleTimelockRoleGranted(event: RoleGranted): void {
  changeRole(event, event.params.role, event.params.account, event.params.sender, true);
}

export function handleTimelockRoleRevoked(event: RoleRevoked): void {
  changeRole(event, event.params.role, event.params.account, event.params.sender, false);
}

export function handleMinDelayChange(event: MinDelayChange): void {
  const timelock = getTimelock(event);
  timelock.minDelay = event.params.newDuration;
  timelock.save();
  numericSetting(event, "MinDelay", event.params.oldDuration, event.params.newDuration);
}

/** One call of a scheduled batch; index 0 starts the operation (again, if it was cancelled before). */
export function handleCallScheduled(event: CallScheduled): void {
  const p = event.params;
  const timelock = getTimelock(event);
  let operation = TimelockOperation.load(p.id);
  if (operation == null || p.index.isZero()) {
    if (operation == null) {
      operation = new TimelockOperation(p.id);
      timelock.operationCount += 1;
      timelock.save();
    }
    operation.timelock = timelock.id;
    operation.targets = [];
    operation.values = [];
    operation.datas = [];
    operation.salt = Bytes.fromHexString("0x0000000000000000000000000000000000000000000000000000000000000000");
    operation.status = "Pending";
    operation.executedCallCount = 0;
    operation.executedAt = null;
    operation.executedTransaction = null;
    operation.cancelledAt = null;
  }
  const targets = operation.targets;
  targets.push(p.target);
  operation.targets = targets;
  const values = operation.values;
  values.push(p.value);
  operation.values = values;
  const datas = operation.datas;
  datas.push(p.data);
  operation.datas = datas;
  operation.predecessor = p.predecessor;
  operation.delay = p.delay;
  operation.eta = event.block.timestamp.plus(p.delay);
  operation.scheduledAt = event.block.timestamp;
  operation.scheduledTransaction = event.transaction.hash;
  operation.save();
}

export function handleCallSalt(event: CallSalt): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) return;
  operation.salt = event.params.salt;
  operation.save();
}

export function handleCallExecuted(event: CallExecuted): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) {
    log.warning("CouncilTimelock: executed unknown operation {}", [event.params.id.toHexString()]);
    return;
  }
  operation.status = "Done";
  operation.executedCallCount += 1;
  operation.executedAt = event.block.timestamp;
  operation.executedTransaction = event.transaction.hash;
  operation.save();
}

/** A cancelled operation; its proposal (if any) is canceled too (Governor.state reports Canceled). */
export function handleCancelled(event: Cancelled): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) return;
  operation.status = "Cancelled";
  operation.cancelledAt = event.block.timestamp;
  operation.save();
  const proposalId = operation.proposal;
  if (proposalId !== null) {
    const proposal = Proposal.load(proposalId);
    if (proposal != null) cancelProposal(proposal, event.block.timestamp);
  }
}
