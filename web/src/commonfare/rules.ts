// What a circle's rules (ICommonfare's notice) allow a person now, decided in the browser as Commonfare decides it: a
// claim's months begun and due, its next month and its end; who may confirm it; and the refusal the contract would give
// a withdrawal, a level change, leaving, a report or an approval — the same error and arguments, so a form words it
// exactly as the decoded revert (../errors.ts). A deposit's own refusals (over the cap) are left to the contract's
// answer to its simulation. Times are Unix seconds of the chain.
import { contractConstants, type commonfareAbi } from "@cosmolocal/sdk";
import type { Address, ContractErrorName } from "viem";
import type { ErrorArgsOf } from "../shared/errorWords";
import { sameAddress } from "../shared/format";
import type { Circle, Claim, Member } from "./data/types";
import { monthsBegun } from "./math";

/** The length of a gift month, in seconds (Commonfare.MONTH, 30 days). */
export const MONTH = Number(contractConstants.Commonfare.constants.MONTH);

type CommonfareAbi = typeof commonfareAbi;
type ErrorName = ContractErrorName<CommonfareAbi>;
/** One of Commonfare's errors with its arguments, as the contract would revert with it. */
export type Refusal = { [N in ErrorName]: { name: N; args: ErrorArgsOf<CommonfareAbi, N> } }[ErrorName];

const refuse = <N extends ErrorName>(name: N, args: ErrorArgsOf<CommonfareAbi, N>) => ({ name, args }) as Refusal;

/** Whether the account counts as a member (ICommonfare's status Member or Claiming). */
export const inCircle = (m: Pick<Member, "status"> | undefined) => m?.status === "Member" || m?.status === "Claiming";

/** A claim's months now: begun, due (begun and not collected), the next month's start (0: none left), its end. */
export function claimSchedule(claim: Pick<Claim, "startedAt" | "monthsPaid" | "maxMonths" | "state">, now: number) {
  const running = claim.state === "Running";
  const begun = running ? monthsBegun(claim.startedAt, now, MONTH, claim.maxMonths) : 0;
  return {
    begun,
    due: running ? begun - claim.monthsPaid : 0,
    /** The first month not yet begun (0: every month has begun, or the claim does not run). */
    nextMonthAt: running && begun < claim.maxMonths ? claim.startedAt + begun * MONTH : 0,
    /** After it, anyone may end the claim (endClaim); 0 before it started. */
    endsAt: claim.startedAt === 0 ? 0 : claim.startedAt + claim.maxMonths * MONTH,
  };
}

/** The date `NothingDue` names for a running claim: the start of the first month not yet paid (0: none left). */
export const nextUnpaidMonthAt = (claim: Pick<Claim, "startedAt" | "monthsPaid" | "maxMonths">) =>
  claim.monthsPaid < claim.maxMonths ? claim.startedAt + claim.monthsPaid * MONTH : 0;

/** The confirmations a claim still needs: its buddy's (whether it is missing) and the board's (how many more). */
export function confirmationsMissing(
  claim: Pick<Claim, "buddyConfirmed" | "boardConfirmations">,
  rules: Circle["rules"],
) {
  return {
    buddy: !claim.buddyConfirmed,
    board: Math.max(0, rules.boardConfirmations - claim.boardConfirmations),
  };
}

/**
 * How `me` may confirm a waiting claim (as its buddy while a member, else as a board member), or the contract's
 * refusal: NoOpenClaim unless it waits, NotConfirmer for the claimant and anyone else, AlreadyConfirmed for a second.
 */
export function confirmAs(
  claim: Claim,
  me: Address,
  mine: Member | undefined,
  isBoard: boolean,
): { as: "buddy" | "board" } | { refusal: Refusal } {
  const circleId = claim.circleId;
  if (claim.state !== "Reported") return { refusal: refuse("NoOpenClaim", { circleId, claimant: claim.claimant }) };
  const asBuddy = sameAddress(me, claim.buddy) && inCircle(mine);
  if (sameAddress(me, claim.claimant) || (!asBuddy && !isBoard))
    return { refusal: refuse("NotConfirmer", { circleId, claimant: claim.claimant, account: me }) };
  if (claim.confirmations.some((x) => sameAddress(x.confirmer, me)))
    return { refusal: refuse("AlreadyConfirmed", { circleId, claimId: claim.id, confirmer: me }) };
  return { as: asBuddy ? "buddy" : "board" };
}

/** The contract's refusal of a withdrawal of `amount` by `m` from a circle whose pool is `pool`, if any. */
export function withdrawRefusal(circleId: bigint, me: Address, m: Member | undefined, amount: bigint, pool: bigint) {
  if (!m || !inCircle(m)) return refuse("NotCircleMember", { circleId, account: me });
  if (m.arrears > 0n) return refuse("InArrears", { circleId, member: me, arrears: m.arrears });
  if (amount === 0n || amount > m.available)
    return refuse("WithdrawalAboveAvailable", { circleId, member: me, amount, available: m.available });
  if (pool < amount) return refuse("PoolShort", { circleId, needed: amount, pool });
  return undefined;
}

/** The contract's refusal of `m` leaving a circle whose pool is `pool`, if any. */
export function leaveRefusal(circleId: bigint, me: Address, m: Member | undefined, pool: bigint) {
  if (!m || !inCircle(m)) return refuse("NotCircleMember", { circleId, account: me });
  if (m.openClaimId !== undefined) return refuse("ClaimOpen", { circleId, member: me, claimId: m.openClaimId });
  if (m.arrears > 0n) return refuse("InArrears", { circleId, member: me, arrears: m.arrears });
  if (pool < m.balance) return refuse("PoolShort", { circleId, needed: m.balance, pool });
  return undefined;
}

/** The contract's refusal of `m` moving to `level` at `now`, if any. */
export function changeLevelRefusal(circle: Circle, me: Address, m: Member | undefined, level: number, now: number) {
  const circleId = circle.id;
  if (level < 0 || level >= circle.levels.length) return refuse("UnknownLevel", { circleId, level });
  if (!m || !inCircle(m)) return refuse("NotCircleMember", { circleId, account: me });
  if (m.openClaimId !== undefined) return refuse("ClaimOpen", { circleId, member: me, claimId: m.openClaimId });
  if (level === m.level || now < m.levelChangeableFrom)
    return refuse("LevelChangeNotAllowed", {
      circleId,
      member: me,
      toLevel: level,
      changeableFrom: m.levelChangeableFrom,
    });
  if (m.arrears > 0n) return refuse("InArrears", { circleId, member: me, arrears: m.arrears });
  const cap = circle.levels[level].monthlyDeposit * BigInt(circle.rules.capMonths);
  if (m.balance > cap) return refuse("BalanceAboveNewCap", { circleId, member: me, cap, balance: m.balance });
  return undefined;
}

/** The contract's refusal of `m` reporting a claim with `buddy` (its record `buddyRecord`) at `now`, if any. */
export function reportRefusal(
  circle: Circle,
  me: Address,
  m: Member | undefined,
  buddy: Address | undefined,
  buddyRecord: Member | undefined,
  now: number,
) {
  const circleId = circle.id;
  if (!m || !inCircle(m)) return refuse("NotCircleMember", { circleId, account: me });
  if (m.openClaimId !== undefined) return refuse("ClaimAlreadyOpen", { circleId, member: me, claimId: m.openClaimId });
  if (circle.members < circle.rules.minMembers)
    return refuse("CircleTooSmall", { circleId, members: circle.members, minMembers: circle.rules.minMembers });
  if (now < m.claimableFrom) return refuse("WaitingPeriod", { circleId, member: me, claimableFrom: m.claimableFrom });
  if (m.arrears > 0n) return refuse("InArrears", { circleId, member: me, arrears: m.arrears });
  if (buddy !== undefined && (sameAddress(buddy, me) || !inCircle(buddyRecord)))
    return refuse("InvalidBuddy", { circleId, buddy });
  return undefined;
}

/** The contract's refusal of `me` approving `candidate`, if any (a board member need not be a member). */
export function approveRefusal(
  circle: Circle,
  me: Address,
  mine: Member | undefined,
  isBoard: boolean,
  candidate: Member,
) {
  const circleId = circle.id;
  if (candidate.status !== "Candidate") return refuse("NotCandidate", { circleId, account: candidate.account });
  if (!isBoard) {
    if (!inCircle(mine)) return refuse("NotCircleMember", { circleId, account: me });
    if (candidate.candidacy?.approvers.some((a) => sameAddress(a, me)))
      return refuse("AlreadyApproved", { circleId, candidate: candidate.account, approver: me });
  }
  const admits = isBoard || (candidate.candidacy?.approvals ?? 0) + 1 >= circle.rules.admissionVotes;
  if (admits && circle.members >= circle.rules.maxMembers)
    return refuse("CircleFull", { circleId, maxMembers: circle.rules.maxMembers });
  return undefined;
}

/**
 * The contract's refusal of a deposit of `amount` by `m`, if any: ZeroDeposit, NotCircleMember, or DepositOverCap with
 * the balance it would leave (a deposit repays arrears first: the balance just rises).
 */
export function depositRefusal(circleId: bigint, me: Address, m: Member | undefined, amount: bigint) {
  if (amount === 0n) return refuse("ZeroDeposit", {});
  if (!m || !inCircle(m)) return refuse("NotCircleMember", { circleId, account: me });
  const balanceAfter = m.balance + amount;
  if (balanceAfter > m.cap) return refuse("DepositOverCap", { circleId, member: me, cap: m.cap, balanceAfter });
  return undefined;
}
