// Candidacies (requests to join, approvals counted per round as the contract does, withdrawals) and own accounts:
// admitted, deposits, withdrawals, level changes, leaving and the board's write-off of arrears. Each change of an
// account settles it at the event's index first (what it gave to others since its snapshot, rounded up as the
// contract), checks the balance the event states against it, and records an entry of the member's statement.
import { BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  AdmissionApproved,
  ArrearsWrittenOff,
  CandidacyWithdrawn,
  Deposited,
  JoinRequested,
  LevelChanged,
  MemberAdmitted,
  MemberLeft,
  Withdrawn,
} from "../../../generated/Commonfare/Commonfare";
import {
  Circle,
  CircleAdmissionApproval,
  CircleBoardMember,
  CircleCandidacy,
  CircleMember,
} from "../../../generated/schema";
import { stampEvent } from "../../utils/events";
import { childId, numberAccountId } from "../../utils/ids";
import { mulDivCeil } from "../../utils/math";
import {
  accountEntry,
  addToPool,
  checkEqual,
  countAtLevel,
  getMember,
  INDEX_SCALE,
  loadCircle,
  loadLevel,
  loadMember,
  saveCircle,
  setLevel,
  settle,
} from "./entities";

function loadCandidacy(member: CircleMember): CircleCandidacy {
  return CircleCandidacy.load(member.candidacy!)!;
}

export function handleJoinRequested(event: JoinRequested): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  circle.candidateCount += 1;
  circle.save();
  const member = getMember(event, p.circleId, p.candidate, p.level);
  member.status = "Candidate";
  setLevel(member, loadLevel(circle.id, p.level));
  member.balance = BigInt.zero();
  member.snapshot = BigInt.zero();
  member.candidacyCount += 1;

  const candidacy = new CircleCandidacy(childId(member.id, member.candidacyCount.toString()));
  candidacy.circle = circle.id;
  candidacy.member = member.id;
  candidacy.candidate = p.candidate;
  candidacy.round = member.candidacyCount;
  candidacy.level = p.level;
  candidacy.status = "Pending";
  candidacy.approvals = 0;
  candidacy.admittedByBoard = false;
  candidacy.requestedAt = event.block.timestamp;
  candidacy.save();
  member.candidacy = candidacy.id;
  member.save();
}

export function handleCandidacyWithdrawn(event: CandidacyWithdrawn): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  circle.candidateCount -= 1;
  circle.save();
  const member = loadMember(event, p.circleId, p.candidate);
  member.status = "None";
  member.save();
  const candidacy = loadCandidacy(member);
  candidacy.status = "Withdrawn";
  candidacy.closedAt = event.block.timestamp;
  candidacy.save();
}

export function handleAdmissionApproved(event: AdmissionApproved): void {
  const p = event.params;
  const member = loadMember(event, p.circleId, p.candidate);
  member.save();
  const candidacy = loadCandidacy(member);
  candidacy.approvals = p.approvals;
  if (p.byBoard) candidacy.admittedByBoard = true;
  candidacy.save();
  if (p.byBoard) {
    const board = CircleBoardMember.load(numberAccountId(p.circleId, p.approver))!;
    board.admissionCount += 1;
    board.save();
  }

  const approval = new CircleAdmissionApproval(childId(candidacy.id, p.approver.toHexString()));
  approval.candidacy = candidacy.id;
  approval.approver = p.approver;
  approval.byBoard = p.byBoard;
  approval.approvals = p.approvals;
  stampEvent(approval, event);
  approval.save();
}

/** A candidate (or the founder, who never was one) becomes a member: its account opens at 0, settled at `index`. */
export function handleMemberAdmitted(event: MemberAdmitted): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  checkEqual("index at admission", circle.id, circle.index, p.index);
  const member = getMember(event, p.circleId, p.member, p.level);
  if (member.status == "Candidate") {
    circle.candidateCount -= 1;
    const candidacy = loadCandidacy(member);
    candidacy.status = "Admitted";
    candidacy.closedAt = event.block.timestamp;
    candidacy.save();
  }
  const level = loadLevel(circle.id, p.level);
  setLevel(member, level);
  member.status = "Member";
  member.balance = BigInt.zero();
  member.snapshot = p.index;
  member.claimableFrom = p.claimableFrom;
  member.levelChangeableFrom = event.block.timestamp.plus(circle.levelChangeGap);
  member.memberships += 1;
  member.joinedAt = event.block.timestamp;
  member.leftAt = null;
  member.removed = false;
  member.removedBy = null;
  member.save();
  level.memberCount += 1;
  level.save();
  circle.memberCount += 1;
  circle.fundingWeight = circle.fundingWeight.plus(member.monthlyDeposit);
  saveCircle(circle);
  accountEntry(event, member, "Admitted", BigInt.zero(), BigInt.zero(), p.index).save();
}

/** Settles `account` at `index`, which must be the circle's (no event here raises it); returns what it gave. */
function settled(event: ethereum.Event, circle: Circle, account: CircleMember, index: BigInt): BigInt {
  checkEqual("index", circle.id, circle.index, index);
  return settle(account, index);
}

export function handleDeposited(event: Deposited): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  const member = loadMember(event, p.circleId, p.member);
  const given = settled(event, circle, member, p.index);
  checkEqual("balance after a deposit", member.id, member.balance.plus(p.amount), p.balance);
  member.balance = p.balance;
  member.deposited = member.deposited.plus(p.amount);
  member.save();
  circle.deposited = circle.deposited.plus(p.amount);
  addToPool(event, circle, p.amount);
  saveCircle(circle);
  accountEntry(event, member, "Deposited", p.amount, given, p.index).save();
}

export function handleWithdrawn(event: Withdrawn): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  const member = loadMember(event, p.circleId, p.member);
  const given = settled(event, circle, member, p.index);
  checkEqual("balance after a withdrawal", member.id, member.balance.minus(p.amount), p.balance);
  member.balance = p.balance;
  member.withdrawn = member.withdrawn.plus(p.amount);
  member.save();
  circle.withdrawn = circle.withdrawn.plus(p.amount);
  addToPool(event, circle, p.amount.neg());
  saveCircle(circle);
  accountEntry(event, member, "Withdrawn", p.amount, given, p.index).save();
}

/** Settled at the old level, then at the new one; the funding weight follows (a claimant cannot change level). */
export function handleLevelChanged(event: LevelChanged): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  const member = loadMember(event, p.circleId, p.member);
  const given = settled(event, circle, member, p.index);
  checkEqual("balance at a level change", member.id, member.balance, p.balance);
  const from = member.monthlyDeposit;
  setLevel(member, loadLevel(circle.id, p.toLevel));
  member.balance = p.balance;
  member.claimableFrom = p.claimableFrom;
  member.levelChangeableFrom = event.block.timestamp.plus(circle.levelChangeGap);
  member.save();
  countAtLevel(circle.id, p.fromLevel, -1);
  countAtLevel(circle.id, p.toLevel, 1);
  circle.fundingWeight = circle.fundingWeight.minus(from).plus(member.monthlyDeposit);
  saveCircle(circle);
  const entry = accountEntry(event, member, "LevelChanged", BigInt.zero(), given, p.index);
  entry.fromLevel = p.fromLevel;
  entry.save();
}

/** A funding member leaves the circle (its weight and place freed); its account closes at 0. */
function closeAccount(circle: Circle, member: CircleMember, event: ethereum.Event): void {
  countAtLevel(circle.id, member.level, -1);
  circle.memberCount -= 1;
  circle.fundingWeight = circle.fundingWeight.minus(member.monthlyDeposit);
  member.status = "None";
  member.balance = BigInt.zero();
  member.leftAt = event.block.timestamp;
}

/** The member takes its whole balance (`amount`). */
export function handleMemberLeft(event: MemberLeft): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  const member = loadMember(event, p.circleId, p.member);
  const given = settled(event, circle, member, p.index);
  checkEqual("balance when leaving", member.id, member.balance, p.amount);
  const entry = accountEntry(event, member, "Left", p.amount, given, p.index);
  entry.save();
  closeAccount(circle, member, event);
  member.leftWith = member.leftWith.plus(p.amount);
  member.save();
  circle.leftPaid = circle.leftPaid.plus(p.amount);
  circle.leftCount += 1;
  addToPool(event, circle, p.amount.neg());
  saveCircle(circle);
}

/**
 * The board removed a member in arrears: settled at the index before (its balance is −arrears), then its arrears are
 * taken from the other funding members by raising the index to `index`.
 */
export function handleArrearsWrittenOff(event: ArrearsWrittenOff): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  const member = loadMember(event, p.circleId, p.member);
  const before = circle.index;
  const given = settle(member, before);
  checkEqual("arrears written off", member.id, member.balance.neg(), p.arrears);
  const others = circle.fundingWeight.minus(member.monthlyDeposit);
  checkEqual("index after a write-off", circle.id, before.plus(mulDivCeil(p.arrears, INDEX_SCALE, others)), p.index);
  const entry = accountEntry(event, member, "WrittenOff", p.arrears, given, before);
  entry.raisedIndex = p.index;
  entry.save();
  closeAccount(circle, member, event);
  member.arrearsWrittenOff = member.arrearsWrittenOff.plus(p.arrears);
  member.removed = true;
  member.removedBy = p.by;
  member.save();
  circle.index = p.index;
  circle.writtenOff = circle.writtenOff.plus(p.arrears);
  circle.removedCount += 1;
  saveCircle(circle);
}
