// The solidarity circles' subgraph reader against a stand-in graph-node holding the entities the mapping writes for the
// story the chain reader's test folds (./chain.test.ts): the same views to the wei — accounts settled in the browser
// from their snapshot with the circle's index read in the same request, the claim with its confirmations, and the pool
// and burn after each change walked back from now through the account entries and gifts (merged by event id, paged
// with the pool and burn carried in the cursor); every filter sent as one `where` variable with the cursor in it.
import { getAddress, keccak256, stringToHex, type Address } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ABOVE_EVERY_ID } from "../../shared/data/pages";
import { eventLogId, hash32, stubGraphql } from "../../shared/data/testing";
import { given, indexStep, NO_BURN } from "../math";
import { claimWhere, createCommonfareSubgraphReader, memberWhere } from "./subgraph";
import { COMMONFARE_PAGE, COVER_PAGE, IN_CIRCLE, MEMBERS_PAGE } from "./types";

const URL = "http://subgraph.test/graphql";
const account = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const [BEA, KIM, INES, CYRUS, OTHER] = [0xb0, 0xa1, 0xa2, 0xc0, 0xd0].map(account);
const DEUR = getAddress("0x000000000000000000000000000000000000de00");
const low = (a: string) => a.toLowerCase();
const dEUR = (n: number) => BigInt(Math.round(n * 1_000_000));
const T = 1_700_000_000;
const WAIT = 90 * 86_400;
const GAP = 180 * 86_400;
const STEP = indexStep(dEUR(1_500), dEUR(105));
const NOTE = keccak256(stringToHex("cannot work: note kept by Ines"));
const reader = () => createCommonfareSubgraphReader(URL);

type Vars = Record<string, unknown> & { where?: Record<string, unknown>; first?: number };
/** Answers each operation by name; records the variables of every request. */
const serve = (answers: Record<string, (v: Vars) => unknown>) => stubGraphql((op, v) => answers[op](v as Vars));
afterEach(() => vi.unstubAllGlobals());

const LEVELS = [
  { level: 1, monthlyDeposit: "70000000", monthlyBenefit: "1500000000" },
  { level: 0, monthlyDeposit: "35000000", monthlyBenefit: "750000000" },
];
const circleRow = {
  circleId: "1",
  founder: low(BEA),
  currency: { currency: low(DEUR) },
  capMonths: 36,
  floorMonths: 6,
  maxGiftMonths: 24,
  minMembers: 2,
  maxMembers: 50,
  waitingPeriod: String(WAIT),
  levelChangeGap: String(GAP),
  admissionVotes: 3,
  boardConfirmations: 1,
  levels: LEVELS,
  board: [{ account: low(BEA) }],
  memberCount: 2,
  claimantCount: 0,
  candidateCount: 0,
  fundingWeight: String(dEUR(105)),
  index: STEP.toString(),
  pool: "1840000001",
  burn: "0",
  coverMonths1e2: null,
  deposited: String(dEUR(4_200)),
  withdrawn: String(dEUR(100)),
  leftPaid: "759999999",
  giftsPaid: String(dEUR(1_500)),
  writtenOff: "0",
  claimCount: 1,
  foundedAt: String(T),
  foundedAtBlock: "5001",
  foundedTransaction: hash32(5_001_000),
};
const settleRow = { index: STEP.toString(), capMonths: 36, floorMonths: 6, levels: LEVELS };

const memberRow = (who: Address, over: object = {}) => ({
  id: `1-${low(who)}`,
  account: low(who),
  status: "Member",
  level: 1,
  balance: "0",
  snapshot: "0",
  claimableFrom: String(T + WAIT),
  levelChangeableFrom: String(T + GAP),
  deposited: "0",
  withdrawn: "0",
  leftWith: "0",
  received: "0",
  givenToOthers: "0",
  arrearsWrittenOff: "0",
  memberships: 1,
  joinedAt: String(T),
  leftAt: null,
  removed: false,
  candidacy: null,
  claim: null,
  ...over,
});
const MEMBERS = [
  memberRow(KIM, {
    level: 0,
    balance: "420000000",
    snapshot: STEP.toString(),
    deposited: "420000000",
    received: "1500000000",
    levelChangeableFrom: String(T + 396 + GAP),
    candidacy: {
      round: 1,
      level: 1,
      status: "Admitted",
      approvals: 0,
      requestedAt: String(T + 12),
      approvalList: [{ approver: low(BEA) }],
    },
    claim: { claimId: "1", status: "Ended" },
  }),
  memberRow(INES, {
    status: "None",
    level: 0,
    snapshot: STEP.toString(),
    deposited: "1260000000",
    leftWith: "759999999",
    givenToOthers: "500000001",
    leftAt: String(T + 372),
  }),
  // Bea: settled at her withdrawal (after the gift), 1,419.999999 left.
  memberRow(BEA, {
    balance: "1419999999",
    snapshot: STEP.toString(),
    deposited: "2520000000",
    withdrawn: "100000000",
    givenToOthers: "1000000001",
  }),
  memberRow(OTHER, {
    status: "None",
    level: 0,
    memberships: 0,
    joinedAt: null,
    claimableFrom: "0",
    levelChangeableFrom: "0",
    candidacy: {
      round: 1,
      level: 0,
      status: "Withdrawn",
      approvals: 1,
      requestedAt: String(T + 12),
      approvalList: [{ approver: low(KIM) }],
    },
  }),
];

/** Member rows `where` holds (circle, statuses, account, level, the id cursor), by id, as graph-node does. */
const membersWhere = (v: Vars) =>
  MEMBERS.filter((m) => {
    const w = v.where!;
    return (
      (w.status_in === undefined || (w.status_in as string[]).includes(m.status)) &&
      (w.account === undefined || w.account === m.account) &&
      (w.level === undefined || w.level === m.level) &&
      m.id > (w.id_gt as string)
    );
  })
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .slice(0, v.first);

describe("the solidarity circles' subgraph reader", () => {
  it("maps a circle: rules, levels by index, board, books; no burn is unbounded cover", async () => {
    const calls = serve({ Circle: (v) => ({ circle: v.id === "1" ? circleRow : null }) });
    expect(await reader().circle(1n)).toEqual({
      id: 1n,
      founder: BEA,
      rules: {
        currency: DEUR,
        capMonths: 36,
        floorMonths: 6,
        maxGiftMonths: 24,
        minMembers: 2,
        maxMembers: 50,
        waitingPeriod: WAIT,
        levelChangeGap: GAP,
        admissionVotes: 3,
        boardConfirmations: 1,
      },
      levels: [
        { monthlyDeposit: dEUR(35), monthlyBenefit: dEUR(750) },
        { monthlyDeposit: dEUR(70), monthlyBenefit: dEUR(1_500) },
      ],
      board: [BEA],
      foundedAt: T,
      members: 2,
      claimants: 0,
      candidates: 0,
      fundingWeight: dEUR(105),
      index: STEP,
      pool: 1_840_000_001n,
      burn: 0n,
      coverMonths1e2: NO_BURN,
      deposited: dEUR(4_200),
      withdrawn: dEUR(100),
      paidOnLeaving: 759_999_999n,
      giftsPaid: dEUR(1_500),
      writtenOff: 0n,
      claimCount: 1,
      blockNumber: 5001n,
      txHash: hash32(5_001_000),
    });
    expect(await reader().circle(2n)).toBeUndefined();
    expect(calls.map((c) => c.variables)).toEqual([{ id: "1" }, { id: "2" }]);
    serve({ Circle: () => ({ circle: { ...circleRow, burn: "1500000000", coverMonths1e2: "122" } }) });
    expect(await reader().circle(1n)).toMatchObject({ burn: dEUR(1_500), coverMonths1e2: 122n });
  });

  it("pages circles by id after the last one", async () => {
    const rows = Array.from({ length: COMMONFARE_PAGE + 1 }, (_, i) => ({ ...circleRow, circleId: String(i + 1) }));
    const calls = serve({
      Circles: (v) => ({
        circles: rows.filter((r) => BigInt(r.circleId) > BigInt(v.where!.circleId_gt as string)).slice(0, v.first),
      }),
    });
    const first = await reader().circles();
    expect([first.items.length, first.next]).toEqual([COMMONFARE_PAGE, String(COMMONFARE_PAGE)]);
    const rest = await reader().circles(first.next);
    expect([rest.items.map((c) => c.id), rest.next]).toEqual([[BigInt(COMMONFARE_PAGE + 1)], undefined]);
    expect(calls.map((c) => c.variables)).toEqual([
      { where: { circleId_gt: "0" }, first: COMMONFARE_PAGE + 1 },
      { where: { circleId_gt: String(COMMONFARE_PAGE) }, first: COMMONFARE_PAGE + 1 },
    ]);
  });

  it("settles members from their snapshot with the circle's index read in the same request, as the chain reader", async () => {
    const calls = serve({
      CircleMembers: (v) => ({ circle: v.circle === "1" ? settleRow : null, circleMembers: membersWhere(v) }),
      CircleMember: (v) => ({ circle: settleRow, circleMember: MEMBERS.find((m) => m.id === v.id) ?? null }),
    });
    const page = await reader().members(1n, { statuses: IN_CIRCLE });
    expect(calls[0].variables).toEqual({
      circle: "1",
      where: { circle: "1", status_in: ["Member", "Claiming"], id_gt: "" },
      first: MEMBERS_PAGE + 1,
    });
    expect(page.items.map((m) => m.account)).toEqual([KIM, BEA]);
    expect(page.next).toBeUndefined();
    const [kim, bea] = page.items;
    // The chain reader's figures for the same story (chain.test.ts), to the wei.
    expect(bea).toMatchObject({
      status: "Member",
      level: 1,
      balance: 1_419_999_999n,
      gifted: 1_000_000_001n,
      givenSinceSnapshot: 0n,
      deposited: dEUR(2_520),
      withdrawn: dEUR(100),
      arrears: 0n,
      cap: dEUR(2_520),
      floor: dEUR(420),
      available: 999_999_999n,
      memberships: 1,
      joinedAt: T,
    });
    expect(kim).toMatchObject({
      level: 0,
      balance: dEUR(420),
      gifted: 0n,
      received: dEUR(1_500),
      cap: dEUR(1_260),
      candidacy: { round: 1, level: 1, status: "Admitted", approvals: 0, approvers: [BEA], requestedAt: T + 12 },
    });
    // An ended claim is not open.
    expect(kim.openClaimId).toBeUndefined();
    expect(1_840_000_001n - kim.balance - bea.balance).toBe(2n);

    // A member snapshotted before a gift gives its share now, rounded up: Bea at index 0 with 2,520 gives 1,000.000001.
    serve({
      CircleMember: () => ({
        circle: settleRow,
        circleMember: memberRow(BEA, { balance: "2520000000", snapshot: "0", givenToOthers: "0" }),
      }),
    });
    expect(await reader().member(1n, BEA)).toMatchObject({
      balance: dEUR(2_520) - given(dEUR(70), STEP, 0n),
      givenSinceSnapshot: 1_000_000_001n,
      gifted: 1_000_000_001n,
    });

    const members = serve({
      CircleMember: (v) => ({ circle: settleRow, circleMember: MEMBERS.find((m) => m.id === v.id) ?? null }),
    });
    expect(await reader().member(1n, INES)).toMatchObject({
      status: "None",
      balance: 0n,
      leftWith: 759_999_999n,
      gifted: 500_000_001n,
      leftAt: T + 372,
    });
    expect(await reader().member(1n, OTHER)).toMatchObject({
      memberships: 0,
      candidacy: { status: "Withdrawn", approvals: 1, approvers: [KIM] },
    });
    expect(await reader().member(1n, CYRUS)).toBeUndefined();
    expect(members[0].variables).toEqual({ circle: "1", id: `1-${low(INES)}` });
    expect(members[2].variables).toEqual({ circle: "1", id: `1-${low(CYRUS)}` });
  });

  it("sends every member and claim filter in one `where` with the cursor", async () => {
    expect(memberWhere(1n, {})).toEqual({ circle: "1" });
    expect(memberWhere(2n, { statuses: ["Candidate"], account: BEA, level: 0 })).toEqual({
      circle: "2",
      status_in: ["Candidate"],
      account: low(BEA),
      level: 0,
    });
    expect(claimWhere(1n, { claimant: KIM, buddy: INES, states: ["Reported"] })).toEqual({
      circle: "1",
      claimantAccount: low(KIM),
      buddy: low(INES),
      status_in: ["Reported"],
    });
    const calls = serve({
      CircleMembers: (v) => ({ circle: settleRow, circleMembers: membersWhere(v) }),
      CircleClaims: () => ({ circleClaims: [] }),
    });
    expect((await reader().members(1n, { level: 0 }, `1-${low(KIM)}`)).items.map((m) => m.account)).toEqual([
      INES,
      OTHER,
    ]);
    expect(calls[0].variables.where).toEqual({ circle: "1", level: 0, id_gt: `1-${low(KIM)}` });
    await reader().claims(1n, { states: ["Reported", "Running"], buddy: INES });
    await reader().claims(1n, {}, "7");
    expect(calls.slice(1).map((c) => c.variables)).toEqual([
      {
        where: { circle: "1", buddy: low(INES), status_in: ["Reported", "Running"], claimId_lt: ABOVE_EVERY_ID },
        first: COMMONFARE_PAGE + 1,
      },
      { where: { circle: "1", claimId_lt: "7" }, first: COMMONFARE_PAGE + 1 },
    ]);
    // A circle the subgraph does not know: no members.
    serve({ CircleMembers: () => ({ circle: null, circleMembers: [] }) });
    expect((await reader().members(9n, {})).items).toEqual([]);
  });

  it("maps a claim with its confirmations in order, and pages claims newest first", async () => {
    const claimRow = (id: number, over: object = {}) => ({
      claimId: String(id),
      claimantAccount: low(KIM),
      buddy: low(INES),
      noteHash: NOTE,
      benefit: "1500000000",
      maxMonths: 24,
      status: "Ended",
      buddyConfirmed: true,
      boardConfirmations: 1,
      reportedAt: String(T + 240),
      startedAt: String(T + 264),
      monthsPaid: 1,
      received: "1500000000",
      ended: true,
      endedAt: String(T + 360),
      recovered: true,
      withdrawn: false,
      withdrawnAt: null,
      // Out of order as a page may give ties: the reader orders by time, then confirmer.
      confirmations: [
        { confirmer: low(CYRUS), asBuddy: false, timestamp: String(T + 264) },
        { confirmer: low(INES), asBuddy: true, timestamp: String(T + 252) },
      ],
      ...over,
    });
    const rows = Array.from({ length: COMMONFARE_PAGE + 1 }, (_, i) =>
      claimRow(
        i + 1,
        i === 0
          ? {}
          : {
              status: "Withdrawn",
              ended: false,
              endedAt: null,
              withdrawn: true,
              withdrawnAt: String(T + 999),
              startedAt: "0",
              recovered: false,
              confirmations: [],
            },
      ),
    );
    serve({
      CircleClaims: (v) => ({
        circleClaims: rows
          .filter((r) => BigInt(r.claimId) < BigInt(v.where!.claimId_lt as string))
          .sort((a, b) => Number(b.claimId) - Number(a.claimId))
          .slice(0, v.first),
      }),
    });
    const first = await reader().claims(1n, {});
    expect(first.items[0]).toMatchObject({ id: BigInt(COMMONFARE_PAGE + 1), state: "Withdrawn", endedAt: T + 999 });
    expect(first.next).toBe("2");
    const last = await reader().claims(1n, {}, first.next);
    expect(last.next).toBeUndefined();
    expect(last.items).toEqual([
      {
        id: 1n,
        circleId: 1n,
        claimant: KIM,
        buddy: INES,
        noteHash: NOTE,
        benefit: dEUR(1_500),
        maxMonths: 24,
        state: "Ended",
        reportedAt: T + 240,
        buddyConfirmed: true,
        boardConfirmations: 1,
        confirmations: [
          { confirmer: INES, asBuddy: true, at: T + 252 },
          { confirmer: CYRUS, asBuddy: false, at: T + 264 },
        ],
        startedAt: T + 264,
        monthsPaid: 1,
        received: dEUR(1_500),
        endedAt: T + 360,
        recovered: true,
      },
    ]);
  });

  it("walks the pool and burn back from now through entries and gifts, as the chain reader folds them", async () => {
    const id = (block: number, index: number) => eventLogId(block, index);
    const entry = (block: number, index: number, kind: string, amount: string, level = 1) => ({
      id: id(block, index),
      kind,
      amount,
      level,
      blockNumber: String(block),
      timestamp: String(T + block),
    });
    const entries = [
      entry(10, 11, "Deposited", "2520000000"),
      entry(10, 12, "Deposited", "420000000"),
      entry(10, 13, "Deposited", "1260000000", 0),
      entry(22, 17, "ClaimStarted", "0"),
      entry(30, 19, "ClaimEnded", "0"),
      entry(31, 20, "Withdrawn", "100000000"),
      entry(32, 21, "Left", "759999999", 0),
    ];
    const gifts = [{ id: id(22, 18), amount: "1500000000", blockNumber: "22", timestamp: String(T + 22) }];
    const before = <R extends { id: string }>(rows: R[], v: Record<string, unknown>, first: number) =>
      rows
        .filter((r) => r.id < (v.id_lt as string))
        .sort((a, b) => (a.id < b.id ? 1 : -1))
        .slice(0, first);
    const calls = serve({
      CircleCover: (v) => ({
        circle: { pool: "1840000001", burn: "0", levels: LEVELS },
        circleAccountEntries: before(entries, v.entries as Record<string, unknown>, v.first!),
        circleGiftCollections: before(gifts, v.gifts as Record<string, unknown>, v.first!),
      }),
    });
    const page = await reader().coverHistory(1n);
    expect(page.items.map((p) => [p.cause, p.pool, p.burn, p.at])).toEqual([
      ["MemberLeft", 1_840_000_001n, 0n, T + 32],
      ["Withdrawn", dEUR(2_600), 0n, T + 31],
      ["ClaimEnded", dEUR(2_700), 0n, T + 30],
      ["GiftCollected", dEUR(2_700), dEUR(1_500), T + 22],
      ["ClaimStarted", dEUR(4_200), dEUR(1_500), T + 22],
      ["Deposited", dEUR(4_200), 0n, T + 10],
      ["Deposited", dEUR(2_940), 0n, T + 10],
      ["Deposited", dEUR(2_520), 0n, T + 10],
    ]);
    expect(page.items[0]).toMatchObject({ id: id(32, 21), blockNumber: 32n });
    expect(page.next).toBeUndefined();
    expect(calls[0].variables).toEqual({
      circle: "1",
      entries: {
        circle: "1",
        kind_in: ["Deposited", "Withdrawn", "Left", "ClaimStarted", "ClaimEnded"],
        id_lt: `0x${"ff".repeat(12)}`,
      },
      gifts: { circle: "1", id_lt: `0x${"ff".repeat(12)}` },
      first: COVER_PAGE + 1,
    });
  });

  it("pages the cover history, carrying the pool and burn in the cursor", async () => {
    // COVER_PAGE + 1 deposits of 1 each: the pool now is COVER_PAGE + 1.
    const entries = Array.from({ length: COVER_PAGE + 1 }, (_, i) => ({
      id: eventLogId(100 + i, 0),
      kind: "Deposited",
      amount: "1",
      level: 0,
      blockNumber: String(100 + i),
      timestamp: String(T + i),
    }));
    const calls = serve({
      CircleCover: (v) => ({
        circle: { pool: String(COVER_PAGE + 1), burn: "0", levels: LEVELS },
        circleAccountEntries: entries
          .filter((r) => r.id < ((v.entries as Record<string, unknown>).id_lt as string))
          .sort((a, b) => (a.id < b.id ? 1 : -1))
          .slice(0, v.first),
        circleGiftCollections: [],
      }),
    });
    const first = await reader().coverHistory(1n);
    expect(first.items.length).toBe(COVER_PAGE);
    expect(first.items[0].pool).toBe(BigInt(COVER_PAGE + 1));
    expect(first.items.at(-1)!.pool).toBe(2n);
    expect(first.next).toBe(`${eventLogId(101, 0)}/1/0`);
    const older = await reader().coverHistory(1n, first.next);
    expect([older.items.map((p) => [p.pool, p.at]), older.next]).toEqual([[[1n, T]], undefined]);
    expect((calls[1].variables.entries as Record<string, unknown>).id_lt).toBe(eventLogId(101, 0));
    serve({ CircleCover: () => ({ circle: null, circleAccountEntries: [], circleGiftCollections: [] }) });
    expect((await reader().coverHistory(9n)).items).toEqual([]);
  });
});
