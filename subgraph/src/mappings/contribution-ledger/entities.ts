// The contribution ledger's projects, members, income totals and members' incomes as the handlers load and create
// them, and the role bookkeeping shared by grants and revocations.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import { IncomeTotal, Member, MemberIncome, Project, RoleChange } from "../../../generated/schema";
import { contributionLedger } from "../../utils/constants.generated";
import { eventId, stampEvent } from "../../utils/events";
import { childId, numberAccountId } from "../../utils/ids";

export function projectKey(projectId: BigInt): string {
  return projectId.toString();
}

export function kindKey(projectId: BigInt, kindId: i32): string {
  return childId(projectId.toString(), kindId.toString());
}

/** `<projectId>-<account>` */
export function memberKey(projectId: BigInt, account: Address): string {
  return numberAccountId(projectId, account);
}

/** `<projectId>-<token>` */
export function incomeKey(projectId: BigInt, token: Address): string {
  return numberAccountId(projectId, token);
}

/** Loads a project; the contract emits nothing for unknown projects, so it always exists. */
export function loadProject(projectId: BigInt): Project {
  return Project.load(projectKey(projectId))!;
}

export function getOrCreateMember(projectId: BigInt, account: Address, event: ethereum.Event): Member {
  const id = memberKey(projectId, account);
  let member = Member.load(id);
  if (member == null) {
    member = new Member(id);
    member.project = projectKey(projectId);
    member.account = account;
    member.roles = 0;
    member.isMember = false;
    member.isCoordinator = false;
    member.points = BigInt.zero();
    member.contributionCount = 0;
    member.acceptedCount = 0;
    member.evaluationCount = 0;
    member.createdAtTimestamp = event.block.timestamp;
  }
  return member;
}

/** A member's income in one token (`<projectId>-<account>-<token>`), created with nothing claimed and no debt. */
export function getOrCreateMemberIncome(projectId: BigInt, member: Member, token: Bytes): MemberIncome {
  const id = member.id + "-" + token.toHexString();
  let income = MemberIncome.load(id);
  if (income == null) {
    income = new MemberIncome(id);
    income.project = projectKey(projectId);
    income.member = member.id;
    income.account = member.account;
    income.incomeTotal = numberAccountId(projectId, token);
    income.token = token;
    income.claimed = BigInt.zero();
    income.debt = BigInt.zero();
  }
  return income;
}

export function createIncomeTotal(projectId: BigInt, token: Address, by: Address, event: ethereum.Event): IncomeTotal {
  const total = new IncomeTotal(incomeKey(projectId, token));
  total.project = projectKey(projectId);
  total.token = token;
  total.received = BigInt.zero();
  total.claimed = BigInt.zero();
  total.accIncomePerPoint = BigInt.zero();
  total.depositCount = 0;
  total.claimCount = 0;
  total.addedBy = by;
  total.addedAtTimestamp = event.block.timestamp;
  total.save();
  return total;
}

/** Applies a role change to a member and the project's role counters; returns the member (saved). */
export function applyRoles(project: Project, member: Member, roles: i32): Member {
  const wasMember = (member.roles & contributionLedger.MEMBER_ROLE) != 0;
  const wasCoordinator = (member.roles & contributionLedger.COORDINATOR_ROLE) != 0;
  const isMember = (roles & contributionLedger.MEMBER_ROLE) != 0;
  const isCoordinator = (roles & contributionLedger.COORDINATOR_ROLE) != 0;
  if (isMember && !wasMember) project.memberCount += 1;
  if (!isMember && wasMember) project.memberCount -= 1;
  if (isCoordinator && !wasCoordinator) project.coordinatorCount += 1;
  if (!isCoordinator && wasCoordinator) project.coordinatorCount -= 1;
  member.roles = roles;
  member.isMember = isMember;
  member.isCoordinator = isCoordinator;
  member.save();
  return member;
}

export function recordRoleChange(
  event: ethereum.Event,
  projectId: BigInt,
  member: Member,
  account: Address,
  role: i32,
  granted: boolean,
  by: Address,
): void {
  const change = new RoleChange(eventId(event));
  change.project = projectKey(projectId);
  change.member = member.id;
  change.account = account;
  change.role = role;
  change.granted = granted;
  change.by = by;
  change.rolesAfter = member.roles;
  stampEvent(change, event);
  change.save();
}
