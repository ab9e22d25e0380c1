// What a circle's rules allow, decided in the browser as Commonfare decides it: a claim's months due and next month by
// the second, who may confirm it (buddy while a member, board, never the claimant, never twice), and the refusal the
// contract would give a withdrawal, a level change, leaving, a report, an approval and a deposit — each in the order
// the contract checks, with the arguments it reverts with.
import { getAddress, zeroHash, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { settleMember } from "./data/settle";
import type { Circle, Claim, Member, MemberRecord } from "./data/types";
import {
  approveRefusal,
  changeLevelRefusal,
  claimSchedule,
  confirmAs,
  confirmationsMissing,
  depositRefusal,
  leaveRefusal,
  MONTH,
  nextUnpaidMonthAt,
  reportRefusal,
  withdrawRefusal,
} from "./rules";

const account = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const [KIM, INES, CYRUS, BEA, OTHER] = [0xa1, 0xa2, 0xa3, 0xa4, 0xa5].map(account);
const T = 1_800_000_000;
const dEUR = (n: number) => BigInt(Math.round(n * 1_000_000));

const circle: Circle = {
  id: 1n,
  founder: BEA,
  rules: {
    currency: account(0xde),
    capMonths: 36,
    floorMonths: 6,
    maxGiftMonths: 24,
    minMembers: 20,
    maxMembers: 50,
    waitingPeriod: 90 * 86_400,
    levelChangeGap: 180 * 86_400,
    admissionVotes: 3,
    boardConfirmations: 1,
  },
  levels: [
    { monthlyDeposit: dEUR(35), monthlyBenefit: dEUR(750) },
    { monthlyDeposit: dEUR(70), monthlyBenefit: dEUR(1_500) },
  ],
  board: [BEA, CYRUS],
  foundedAt: T - 400 * 86_400,
  members: 20,
  claimants: 0,
  candidates: 1,
  fundingWeight: dEUR(1_000),
  index: 0n,
  pool: dEUR(20_000),
  burn: 0n,
  coverMonths1e2: 0n,
  deposited: dEUR(20_000),
  withdrawn: 0n,
  paidOnLeaving: 0n,
  giftsPaid: 0n,
  writtenOff: 0n,
  claimCount: 0,
  blockNumber: 1n,
  txHash: zeroHash,
};

const member = (who: Address, over: Partial<MemberRecord> = {}): Member =>
  settleMember(
    {
      circleId: 1n,
      account: who,
      status: "Member",
      level: 1,
      settledBalance: dEUR(700),
      snapshot: 0n,
      deposited: dEUR(700),
      withdrawn: 0n,
      leftWith: 0n,
      received: 0n,
      settledGifted: 0n,
      writtenOff: 0n,
      memberships: 1,
      removed: false,
      claimableFrom: T - 1,
      levelChangeableFrom: T - 1,
      ...over,
    },
    circle,
  );

const claim = (over: Partial<Claim> = {}): Claim => ({
  id: 4n,
  circleId: 1n,
  claimant: KIM,
  buddy: INES,
  noteHash: zeroHash,
  benefit: dEUR(1_500),
  maxMonths: 3,
  state: "Running",
  reportedAt: T,
  buddyConfirmed: true,
  boardConfirmations: 1,
  confirmations: [],
  startedAt: T,
  monthsPaid: 0,
  received: 0n,
  recovered: false,
  ...over,
});

describe("a claim's months", () => {
  it("has its first month due at once and the next beginning a MONTH later, by the second", () => {
    expect(MONTH).toBe(30 * 86_400);
    expect(claimSchedule(claim(), T)).toEqual({ begun: 1, due: 1, nextMonthAt: T + MONTH, endsAt: T + 3 * MONTH });
    expect(claimSchedule(claim({ monthsPaid: 1 }), T + MONTH - 1)).toMatchObject({ due: 0, nextMonthAt: T + MONTH });
    expect(claimSchedule(claim({ monthsPaid: 1 }), T + MONTH)).toMatchObject({ due: 1, nextMonthAt: T + 2 * MONTH });
    // Past the maximum: every month has begun, none is next.
    expect(claimSchedule(claim({ monthsPaid: 2 }), T + 5 * MONTH)).toMatchObject({ begun: 3, due: 1, nextMonthAt: 0 });
    // Not started: nothing due, no end yet.
    expect(claimSchedule(claim({ state: "Reported", startedAt: 0 }), T)).toEqual({
      begun: 0,
      due: 0,
      nextMonthAt: 0,
      endsAt: 0,
    });
    // NothingDue names the first month not yet paid.
    expect(nextUnpaidMonthAt(claim({ monthsPaid: 2 }))).toBe(T + 2 * MONTH);
    expect(nextUnpaidMonthAt(claim({ monthsPaid: 3 }))).toBe(0);
  });

  it("still needs its buddy's confirmation and the board's", () => {
    expect(confirmationsMissing({ buddyConfirmed: false, boardConfirmations: 0 }, circle.rules)).toEqual({
      buddy: true,
      board: 1,
    });
    expect(confirmationsMissing({ buddyConfirmed: true, boardConfirmations: 2 }, circle.rules)).toEqual({
      buddy: false,
      board: 0,
    });
  });
});

describe("who confirms a claim", () => {
  const waiting = claim({ state: "Reported", startedAt: 0, buddyConfirmed: false, boardConfirmations: 0 });
  it("its buddy while a member, a board member (member or not); never the claimant, nobody else, nobody twice", () => {
    expect(confirmAs(waiting, INES, member(INES), false)).toEqual({ as: "buddy" });
    expect(confirmAs(waiting, CYRUS, undefined, true)).toEqual({ as: "board" });
    // A buddy on the board confirms as buddy; a buddy who left confirms only if on the board.
    expect(confirmAs(waiting, INES, member(INES), true)).toEqual({ as: "buddy" });
    expect(confirmAs(waiting, INES, member(INES, { status: "None" }), false)).toEqual({
      refusal: { name: "NotConfirmer", args: { circleId: 1n, claimant: KIM, account: INES } },
    });
    expect(confirmAs(waiting, KIM, member(KIM), true)).toEqual({
      refusal: { name: "NotConfirmer", args: { circleId: 1n, claimant: KIM, account: KIM } },
    });
    expect(confirmAs(waiting, OTHER, member(OTHER), false)).toMatchObject({ refusal: { name: "NotConfirmer" } });
    const once = { ...waiting, confirmations: [{ confirmer: CYRUS, asBuddy: false, at: T }] };
    expect(confirmAs(once, CYRUS, undefined, true)).toEqual({
      refusal: { name: "AlreadyConfirmed", args: { circleId: 1n, claimId: 4n, confirmer: CYRUS } },
    });
    expect(confirmAs(claim(), CYRUS, undefined, true)).toEqual({
      refusal: { name: "NoOpenClaim", args: { circleId: 1n, claimant: KIM } },
    });
  });
});

describe("what the contract would refuse", () => {
  it("a withdrawal: not a member, in arrears, above what is over the floor (or nothing), more than the pool", () => {
    const m = member(KIM); // 700 dEUR, floor 420: 280 available.
    expect(m.available).toBe(dEUR(280));
    expect(withdrawRefusal(1n, KIM, m, dEUR(280), circle.pool)).toBeUndefined();
    expect(withdrawRefusal(1n, KIM, m, dEUR(280) + 1n, circle.pool)).toEqual({
      name: "WithdrawalAboveAvailable",
      args: { circleId: 1n, member: KIM, amount: dEUR(280) + 1n, available: dEUR(280) },
    });
    expect(withdrawRefusal(1n, KIM, m, 0n, circle.pool)).toMatchObject({ name: "WithdrawalAboveAvailable" });
    expect(withdrawRefusal(1n, KIM, undefined, 1n, circle.pool)).toMatchObject({ name: "NotCircleMember" });
    const poor = member(KIM, { settledBalance: -5n });
    expect(withdrawRefusal(1n, KIM, poor, 1n, circle.pool)).toEqual({
      name: "InArrears",
      args: { circleId: 1n, member: KIM, arrears: 5n },
    });
    expect(withdrawRefusal(1n, KIM, m, dEUR(10), dEUR(5))).toMatchObject({ name: "PoolShort" });
  });

  it("leaving: with a claim open, in arrears, or more than the pool holds", () => {
    expect(leaveRefusal(1n, KIM, member(KIM), circle.pool)).toBeUndefined();
    expect(leaveRefusal(1n, KIM, member(KIM, { openClaimId: 4n }), circle.pool)).toEqual({
      name: "ClaimOpen",
      args: { circleId: 1n, member: KIM, claimId: 4n },
    });
    expect(leaveRefusal(1n, KIM, member(KIM, { settledBalance: -1n }), circle.pool)).toMatchObject({
      name: "InArrears",
    });
    expect(leaveRefusal(1n, KIM, member(KIM), dEUR(1))).toEqual({
      name: "PoolShort",
      args: { circleId: 1n, needed: dEUR(700), pool: dEUR(1) },
    });
    expect(leaveRefusal(1n, KIM, member(KIM, { status: "None" }), circle.pool)).toMatchObject({
      name: "NotCircleMember",
    });
  });

  it("a level change: unknown level, same level or before the gap, arrears, balance above the new cap", () => {
    const m = member(KIM, { levelChangeableFrom: T + 10 });
    expect(changeLevelRefusal(circle, KIM, m, 0, T + 10)).toBeUndefined();
    expect(changeLevelRefusal(circle, KIM, m, 0, T + 9)).toEqual({
      name: "LevelChangeNotAllowed",
      args: { circleId: 1n, member: KIM, toLevel: 0, changeableFrom: T + 10 },
    });
    expect(changeLevelRefusal(circle, KIM, m, 1, T + 10)).toMatchObject({ name: "LevelChangeNotAllowed" });
    expect(changeLevelRefusal(circle, KIM, m, 2, T + 10)).toEqual({
      name: "UnknownLevel",
      args: { circleId: 1n, level: 2 },
    });
    // Level 0's cap is 36 × 35 = 1,260 dEUR.
    const rich = member(KIM, { settledBalance: dEUR(1_260) + 1n });
    expect(changeLevelRefusal(circle, KIM, rich, 0, T)).toEqual({
      name: "BalanceAboveNewCap",
      args: { circleId: 1n, member: KIM, cap: dEUR(1_260), balance: dEUR(1_260) + 1n },
    });
    expect(changeLevelRefusal(circle, KIM, member(KIM, { openClaimId: 2n }), 0, T)).toMatchObject({
      name: "ClaimOpen",
    });
  });

  it("a report: a claim open, a circle too small, the waiting period, arrears, an invalid buddy", () => {
    const m = member(KIM);
    expect(reportRefusal(circle, KIM, m, INES, member(INES), T)).toBeUndefined();
    expect(reportRefusal(circle, KIM, member(KIM, { claimableFrom: T + 1 }), INES, member(INES), T)).toEqual({
      name: "WaitingPeriod",
      args: { circleId: 1n, member: KIM, claimableFrom: T + 1 },
    });
    expect(reportRefusal({ ...circle, members: 19 }, KIM, m, INES, member(INES), T)).toEqual({
      name: "CircleTooSmall",
      args: { circleId: 1n, members: 19, minMembers: 20 },
    });
    expect(reportRefusal(circle, KIM, m, KIM, m, T)).toEqual({
      name: "InvalidBuddy",
      args: { circleId: 1n, buddy: KIM },
    });
    expect(reportRefusal(circle, KIM, m, OTHER, undefined, T)).toMatchObject({ name: "InvalidBuddy" });
    expect(reportRefusal(circle, KIM, member(KIM, { openClaimId: 3n }), INES, member(INES), T)).toMatchObject({
      name: "ClaimAlreadyOpen",
    });
    // No buddy chosen yet: only what the member's own standing decides.
    expect(reportRefusal(circle, KIM, m, undefined, undefined, T)).toBeUndefined();
  });

  it("an approval: a member once, a board member at once, never beyond the circle's size", () => {
    const candidate = member(OTHER, {
      status: "Candidate",
      candidacy: { round: 1, level: 0, status: "Pending", approvals: 1, approvers: [INES], requestedAt: T },
    });
    expect(approveRefusal(circle, KIM, member(KIM), false, candidate)).toBeUndefined();
    expect(approveRefusal(circle, INES, member(INES), false, candidate)).toEqual({
      name: "AlreadyApproved",
      args: { circleId: 1n, candidate: OTHER, approver: INES },
    });
    expect(approveRefusal(circle, OTHER, undefined, false, candidate)).toMatchObject({ name: "NotCircleMember" });
    expect(approveRefusal(circle, CYRUS, undefined, true, candidate)).toBeUndefined();
    expect(approveRefusal(circle, KIM, member(KIM), false, member(OTHER))).toMatchObject({ name: "NotCandidate" });
    // A full circle: the approval that would admit is refused; one that only counts is not.
    const full = { ...circle, members: 50 };
    expect(approveRefusal(full, CYRUS, undefined, true, candidate)).toEqual({
      name: "CircleFull",
      args: { circleId: 1n, maxMembers: 50 },
    });
    expect(approveRefusal(full, KIM, member(KIM), false, candidate)).toBeUndefined();
    const third = { ...candidate, candidacy: { ...candidate.candidacy!, approvals: 2 } };
    expect(approveRefusal(full, KIM, member(KIM), false, third)).toMatchObject({ name: "CircleFull" });
  });

  it("a deposit: zero, not a member, or above the cap (arrears repaid first: the balance just rises)", () => {
    const m = member(KIM); // 700 of a 2,520 dEUR cap.
    expect(depositRefusal(1n, KIM, m, dEUR(1_820))).toBeUndefined();
    expect(depositRefusal(1n, KIM, m, dEUR(1_820) + 1n)).toEqual({
      name: "DepositOverCap",
      args: { circleId: 1n, member: KIM, cap: dEUR(2_520), balanceAfter: dEUR(2_520) + 1n },
    });
    expect(depositRefusal(1n, KIM, m, 0n)).toEqual({ name: "ZeroDeposit", args: {} });
    expect(depositRefusal(1n, KIM, undefined, 1n)).toMatchObject({ name: "NotCircleMember" });
    const poor = member(KIM, { settledBalance: -dEUR(10) });
    expect(depositRefusal(1n, KIM, poor, dEUR(2_530))).toBeUndefined();
  });
});
