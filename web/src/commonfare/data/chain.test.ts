// The solidarity circles' chain reader over a stand-in RPC serving real, ABI-encoded Commonfare logs, folded by
// ./fold.ts: a circle founded, candidates admitted by the board or the members (one withdrawing), deposits, a claim
// confirmed by its buddy and the board, a month of gifts taken from the funding members pro rata (each share rounded up,
// the pool keeping the rest), the claim ended, a withdrawal, a member leaving with its balance, a level change and a
// board member resigning; every account settled in the browser to the wei; the books, the claims with their
// confirmations, the pool and burn after each change; the filters as the subgraph reader sends them, pages, reads
// bounded from the deployment block and incremental (a refresh reads only the new blocks), and block times read only
// for the rows shown whose time no event states.
import { commonfareAbi } from "@cosmolocal/sdk";
import { getAddress, keccak256, stringToHex, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { IncrementalLogReader } from "../../shared/data/logs";
import { encodeLog, eventLogId, fakeChain, tally } from "../../shared/data/testing";
import { given, indexStep, NO_BURN } from "../math";
import { createCommonfareChainReader } from "./chain";
import { commonfareFold } from "./fold";
import { COMMONFARE_PAGE, COVER_PAGE, IN_CIRCLE } from "./types";

const CONTRACT = getAddress("0x00000000000000000000000000000000000c0f4e");
const DEUR = getAddress("0x000000000000000000000000000000000000de00");
const account = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const [BEA, KIM, INES, CYRUS, OTHER] = [0xb0, 0xa1, 0xa2, 0xc0, 0xd0].map(account);
const DEPLOYED = 5_000n;
/** Every block's time: 12 s apart. */
const timeOf = (block: bigint) => 1_700_000_000n + block * 12n;
const at = (block: bigint) => Number(timeOf(block));
const b = (n: number) => DEPLOYED + BigInt(n);
const dEUR = (n: number) => BigInt(Math.round(n * 1_000_000));
const WAIT = 90 * 86_400;
const GAP = 180 * 86_400;

const RULES = {
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
};
const LEVELS = [
  { monthlyDeposit: dEUR(35), monthlyBenefit: dEUR(750) },
  { monthlyDeposit: dEUR(70), monthlyBenefit: dEUR(1_500) },
];

let logIndex = 0;
/** A Commonfare log of `eventName` with `args` in `block`, ABI-encoded as a node returns it. */
const log = (eventName: string, args: Record<string, unknown>, block: bigint) =>
  encodeLog(commonfareAbi, eventName, args, { address: CONTRACT, block, logIndex: logIndex++ });
const founded = (circleId: bigint, founder: Address, block: bigint, founderLevel = 1) =>
  log("CircleFounded", { circleId, founder, rules: RULES, levels: LEVELS, board: [BEA, CYRUS], founderLevel }, block);
const admitted = (circleId: bigint, member: Address, level: number, index: bigint, block: bigint) =>
  log("MemberAdmitted", { circleId, member, level, claimableFrom: at(block) + WAIT, index }, block);

function setup(head: bigint) {
  const { chain, client } = fakeChain({ head, time: timeOf });
  const events = new IncrementalLogReader({
    client,
    abi: commonfareAbi,
    addresses: [CONTRACT],
    fromBlock: DEPLOYED,
    fold: commonfareFold,
    maxRange: 2_000n,
  });
  return { chain, reader: createCommonfareChainReader(events, client) };
}

/** The month's gift (1,500 dEUR) among Bea (70) and Ines (35): the index rises by ⌈1,500e18 / 105⌉. */
const STEP = indexStep(dEUR(1_500), dEUR(105));
const NOTE = keccak256(stringToHex("cannot work: note kept by Ines"));

/** The story of circle 1, in blocks 1 to 34. */
function story() {
  return [
    founded(1n, BEA, b(1)),
    admitted(1n, BEA, 1, 0n, b(1)),
    log("JoinRequested", { circleId: 1n, candidate: KIM, level: 1 }, b(2)),
    log("JoinRequested", { circleId: 1n, candidate: INES, level: 0 }, b(2)),
    log("JoinRequested", { circleId: 1n, candidate: OTHER, level: 0 }, b(2)),
    log("AdmissionApproved", { circleId: 1n, candidate: KIM, approver: BEA, byBoard: true, approvals: 0 }, b(3)),
    admitted(1n, KIM, 1, 0n, b(3)),
    log("AdmissionApproved", { circleId: 1n, candidate: INES, approver: BEA, byBoard: true, approvals: 0 }, b(3)),
    admitted(1n, INES, 0, 0n, b(3)),
    log("AdmissionApproved", { circleId: 1n, candidate: OTHER, approver: KIM, byBoard: false, approvals: 1 }, b(4)),
    log("CandidacyWithdrawn", { circleId: 1n, candidate: OTHER }, b(5)),
    // Bea and Ines fill their accounts to the cap; Kim deposits six months.
    log("Deposited", { circleId: 1n, member: BEA, amount: dEUR(2_520), balance: dEUR(2_520), index: 0n }, b(10)),
    log("Deposited", { circleId: 1n, member: KIM, amount: dEUR(420), balance: dEUR(420), index: 0n }, b(10)),
    log("Deposited", { circleId: 1n, member: INES, amount: dEUR(1_260), balance: dEUR(1_260), index: 0n }, b(10)),
    // Kim cannot work: Ines (buddy) and Cyrus (board) confirm; her claim starts and she collects a month at once.
    log(
      "ClaimReported",
      {
        circleId: 1n,
        claimId: 1n,
        claimant: KIM,
        buddy: INES,
        noteHash: NOTE,
        benefit: dEUR(1_500),
        maxMonths: 24,
      },
      b(20),
    ),
    log("ClaimConfirmed", { circleId: 1n, claimId: 1n, confirmer: INES, asBuddy: true, boardConfirmations: 0 }, b(21)),
    log(
      "ClaimConfirmed",
      { circleId: 1n, claimId: 1n, confirmer: CYRUS, asBuddy: false, boardConfirmations: 1 },
      b(22),
    ),
    log(
      "ClaimStarted",
      { circleId: 1n, claimId: 1n, claimant: KIM, startedAt: at(b(22)), balance: dEUR(420), index: 0n },
      b(22),
    ),
    log(
      "GiftCollected",
      {
        circleId: 1n,
        claimId: 1n,
        claimant: KIM,
        months: 1,
        amount: dEUR(1_500),
        monthsPaid: 1,
        fundingWeight: dEUR(105),
        index: STEP,
      },
      b(22),
    ),
    log("ClaimEnded", { circleId: 1n, claimId: 1n, claimant: KIM, monthsPaid: 1, recovered: true, index: STEP }, b(30)),
    // Bea withdraws 100 dEUR; Ines leaves with her balance; Kim moves to level 1's… level 0; Cyrus leaves the board.
    log("Withdrawn", { circleId: 1n, member: BEA, amount: dEUR(100), balance: 1_419_999_999n, index: STEP }, b(31)),
    log("MemberLeft", { circleId: 1n, member: INES, amount: 759_999_999n, index: STEP }, b(32)),
    log(
      "LevelChanged",
      {
        circleId: 1n,
        member: KIM,
        fromLevel: 1,
        toLevel: 0,
        balance: dEUR(420),
        claimableFrom: at(b(3)) + WAIT,
        index: STEP,
      },
      b(33),
    ),
    log("BoardMemberResigned", { circleId: 1n, boardMember: CYRUS }, b(34)),
  ];
}

describe("the solidarity circles' chain reader", () => {
  it("folds a circle's books, members, claims and cover from the events alone, settling accounts to the wei", async () => {
    const { chain, reader } = setup(b(3_000));
    chain.logs.push(...story());

    const circle = await reader.circle(1n);
    // One head request, 3,001 blocks from the deployment in two ranges, no view call, no block time (the founding's
    // time is its founder's admission's).
    expect(tally(chain)).toMatchObject({ getBlock: 1, getLogs: 2, readContract: 0, blockTimes: [] });
    expect(chain.ranges).toEqual([
      { from: DEPLOYED, to: DEPLOYED + 1_999n },
      { from: DEPLOYED + 2_000n, to: b(3_000) },
    ]);
    // Bea gave ⌈70 × step⌉ = 1,000.000001, Ines ⌈35 × step⌉ = 500.000001: the pool keeps 0.000002 of rounding.
    expect(given(dEUR(70), STEP, 0n)).toBe(1_000_000_001n);
    expect(given(dEUR(35), STEP, 0n)).toBe(500_000_001n);
    expect(circle).toEqual({
      id: 1n,
      founder: BEA,
      rules: RULES,
      levels: LEVELS,
      board: [BEA],
      foundedAt: at(b(1)),
      members: 2,
      claimants: 0,
      candidates: 0,
      fundingWeight: dEUR(70) + dEUR(35),
      index: STEP,
      pool: dEUR(4_200) - dEUR(1_500) - dEUR(100) - 759_999_999n,
      burn: 0n,
      coverMonths1e2: NO_BURN,
      deposited: dEUR(4_200),
      withdrawn: dEUR(100),
      paidOnLeaving: 759_999_999n,
      giftsPaid: dEUR(1_500),
      writtenOff: 0n,
      claimCount: 1,
      blockNumber: b(1),
      txHash: expect.any(String),
    });

    const members = (await reader.members(1n, { statuses: IN_CIRCLE })).items;
    // By account: Kim (0x…a1) before Bea (0x…b0).
    expect(members.map((m) => m.account)).toEqual([KIM, BEA]);
    const [kim, bea] = members;
    expect(bea).toMatchObject({
      status: "Member",
      level: 1,
      balance: 1_419_999_999n,
      gifted: 1_000_000_001n,
      givenSinceSnapshot: 0n,
      deposited: dEUR(2_520),
      withdrawn: dEUR(100),
      received: 0n,
      arrears: 0n,
      cap: dEUR(2_520),
      floor: dEUR(420),
      available: 999_999_999n,
      memberships: 1,
      joinedAt: at(b(1)),
      claimableFrom: at(b(1)) + WAIT,
      levelChangeableFrom: at(b(1)) + GAP,
    });
    // Kim's account was frozen while she claimed: she gave nothing; she received the month; her level changed at b(33).
    expect(kim).toMatchObject({
      status: "Member",
      level: 0,
      balance: dEUR(420),
      gifted: 0n,
      received: dEUR(1_500),
      cap: dEUR(1_260),
      levelChangeableFrom: at(b(33)) + GAP,
      candidacy: { round: 1, level: 1, status: "Admitted", approvals: 0, approvers: [BEA], requestedAt: at(b(2)) },
    });
    expect(kim.openClaimId).toBeUndefined();
    // The pool less every account: the rounding held.
    expect(circle!.pool - kim.balance - bea.balance).toBe(2n);

    // Ines left with her whole balance; the other candidate withdrew its request.
    const ines = await reader.member(1n, INES);
    expect(ines).toMatchObject({
      status: "None",
      memberships: 1,
      removed: false,
      balance: 0n,
      leftWith: 759_999_999n,
      gifted: 500_000_001n,
      leftAt: at(b(32)),
    });
    expect(ines!.deposited - ines!.withdrawn - ines!.leftWith - ines!.gifted).toBe(ines!.balance);
    expect(await reader.member(1n, OTHER)).toMatchObject({
      status: "None",
      memberships: 0,
      candidacy: { status: "Withdrawn", approvals: 1, approvers: [KIM] },
    });
    expect(await reader.member(1n, CYRUS)).toBeUndefined();
    expect(await reader.member(2n, BEA)).toBeUndefined();

    // The claim, its confirmations in order, the month paid.
    const [claim] = (await reader.claims(1n, {})).items;
    expect(claim).toEqual({
      id: 1n,
      circleId: 1n,
      claimant: KIM,
      buddy: INES,
      noteHash: NOTE,
      benefit: dEUR(1_500),
      maxMonths: 24,
      state: "Ended",
      reportedAt: at(b(20)),
      buddyConfirmed: true,
      boardConfirmations: 1,
      confirmations: [
        { confirmer: INES, asBuddy: true, at: at(b(21)) },
        { confirmer: CYRUS, asBuddy: false, at: at(b(22)) },
      ],
      startedAt: at(b(22)),
      monthsPaid: 1,
      received: dEUR(1_500),
      endedAt: at(b(30)),
      recovered: true,
    });

    // The pool and burn after each change, newest first; the claim's start and gift share their block's known time.
    const cover = (await reader.coverHistory(1n)).items;
    expect(cover.map((p) => [p.cause, p.pool, p.burn, p.at])).toEqual([
      ["MemberLeft", 1_840_000_001n, 0n, at(b(32))],
      ["Withdrawn", dEUR(2_600), 0n, at(b(31))],
      ["ClaimEnded", dEUR(2_700), 0n, at(b(30))],
      ["GiftCollected", dEUR(2_700), dEUR(1_500), at(b(22))],
      ["ClaimStarted", dEUR(4_200), dEUR(1_500), at(b(22))],
      ["Deposited", dEUR(4_200), 0n, at(b(10))],
      ["Deposited", dEUR(2_940), 0n, at(b(10))],
      ["Deposited", dEUR(2_520), 0n, at(b(10))],
    ]);
    expect(cover[0].id).toBe(eventLogId(b(32), Number(chain.logs[21].logIndex)));
  });

  it("lists as the subgraph reader filters: statuses, account, level; claims by claimant, buddy and state", async () => {
    const { chain, reader } = setup(b(100));
    chain.logs.push(...story());
    const accounts = async (f: Parameters<typeof reader.members>[1]) =>
      (await reader.members(1n, f)).items.map((m) => m.account);
    expect(await accounts({})).toEqual([KIM, INES, BEA, OTHER]);
    expect(await accounts({ statuses: ["None"] })).toEqual([INES, OTHER]);
    expect(await accounts({ statuses: ["Candidate"] })).toEqual([]);
    expect(await accounts({ level: 0 })).toEqual([KIM, INES, OTHER]);
    expect(await accounts({ account: BEA.toLowerCase() as Address, statuses: IN_CIRCLE })).toEqual([BEA]);
    const claims = async (f: Parameters<typeof reader.claims>[1]) =>
      (await reader.claims(1n, f)).items.map((c) => c.id);
    expect(await claims({ claimant: KIM })).toEqual([1n]);
    expect(await claims({ buddy: INES.toLowerCase() as Address, states: ["Ended"] })).toEqual([1n]);
    expect(await claims({ states: ["Reported", "Running"] })).toEqual([]);
    expect(await claims({ claimant: BEA })).toEqual([]);
    expect((await reader.members(9n, {})).items).toEqual([]);
    expect((await reader.claims(9n, {})).items).toEqual([]);
    expect(await reader.circle(9n)).toBeUndefined();
  });

  it("follows a claim as it runs, a member in arrears and its removal, and reads only the new blocks on refresh", async () => {
    const { chain, reader } = setup(b(40));
    chain.logs.push(...story().slice(0, 14)); // up to the deposits
    expect((await reader.circle(1n))!.members).toBe(3);
    const read = tally(chain).getLogs;

    // Kim's claim starts (a claimant's account is frozen, she stops funding) and a month is paid: W = 105.
    chain.logs.push(
      log(
        "ClaimReported",
        { circleId: 1n, claimId: 1n, claimant: KIM, buddy: INES, noteHash: NOTE, benefit: dEUR(1_500), maxMonths: 24 },
        b(50),
      ),
      log(
        "ClaimConfirmed",
        { circleId: 1n, claimId: 1n, confirmer: INES, asBuddy: true, boardConfirmations: 0 },
        b(51),
      ),
    );
    chain.head = b(60);
    const waiting = (await reader.claims(1n, { states: ["Reported"] })).items;
    expect(waiting.map((c) => [c.id, c.buddyConfirmed, c.boardConfirmations, c.state])).toEqual([
      [1n, true, 0, "Reported"],
    ]);
    expect((await reader.member(1n, KIM))!.openClaimId).toBe(1n);
    // The refresh read the 20 new blocks only.
    expect(tally(chain).getLogs).toBe(read + 1);
    expect(chain.ranges.at(-1)).toEqual({ from: b(41), to: b(60) });

    chain.logs.push(
      log(
        "ClaimConfirmed",
        { circleId: 1n, claimId: 1n, confirmer: CYRUS, asBuddy: false, boardConfirmations: 1 },
        b(61),
      ),
      log(
        "ClaimStarted",
        { circleId: 1n, claimId: 1n, claimant: KIM, startedAt: at(b(61)), balance: dEUR(420), index: 0n },
        b(61),
      ),
    );
    chain.head = b(61);
    const running = await reader.circle(1n);
    expect(running).toMatchObject({ claimants: 1, fundingWeight: dEUR(105), burn: dEUR(1_500), coverMonths1e2: 280n });
    expect((await reader.member(1n, KIM))!.status).toBe("Claiming");

    // Two months at once from Bea and Ines: ⌈3,000e18/105⌉; Ines (1,260) gives ⌈35 × 28.571…⌉ = 1,000.000001 (no
    // arrears yet); then a third month from Ines alone in arrears would be fronted — here Bea withdraws first.
    const two = indexStep(dEUR(3_000), dEUR(105));
    chain.logs.push(
      log(
        "GiftCollected",
        {
          circleId: 1n,
          claimId: 1n,
          claimant: KIM,
          months: 2,
          amount: dEUR(3_000),
          monthsPaid: 2,
          fundingWeight: dEUR(105),
          index: two,
        },
        b(70),
      ),
    );
    chain.head = b(70);
    const ines = await reader.member(1n, INES);
    expect(ines).toMatchObject({ balance: dEUR(1_260) - given(dEUR(35), two, 0n), givenSinceSnapshot: 1_000_000_001n });
    const third = two + indexStep(dEUR(1_500), dEUR(105));
    chain.logs.push(
      log(
        "GiftCollected",
        {
          circleId: 1n,
          claimId: 1n,
          claimant: KIM,
          months: 1,
          amount: dEUR(1_500),
          monthsPaid: 3,
          fundingWeight: dEUR(105),
          index: third,
        },
        b(80),
      ),
    );
    chain.head = b(80);
    // Ines: 1,260 − ⌈35 × 42.857…⌉ = 1,260 − 1,500.000001 = −240.000001 (in arrears); Bea 2,520 − 3,000.000001.
    const poor = await reader.member(1n, INES);
    expect(poor).toMatchObject({ balance: -240_000_001n, arrears: 240_000_001n, available: 0n });
    expect(poor!.room).toBe(dEUR(1_260) + 240_000_001n);
    // The board removes Ines: her arrears are taken from Bea (the only other funder) through the index.
    const writeOff = third + indexStep(240_000_001n, dEUR(70));
    chain.logs.push(
      log("ArrearsWrittenOff", { circleId: 1n, member: INES, by: BEA, arrears: 240_000_001n, index: writeOff }, b(90)),
    );
    chain.head = b(90);
    expect(await reader.member(1n, INES)).toMatchObject({
      status: "None",
      removed: true,
      writtenOff: 240_000_001n,
      balance: 0n,
      gifted: 1_500_000_001n,
      leftAt: at(b(90)),
    });
    const bea = await reader.member(1n, BEA);
    expect(bea!.balance).toBe(dEUR(2_520) - given(dEUR(70), writeOff, 0n));
    expect(await reader.circle(1n)).toMatchObject({
      members: 2,
      fundingWeight: dEUR(70),
      index: writeOff,
      writtenOff: 240_000_001n,
      giftsPaid: dEUR(4_500),
    });
    // Block times read so far: none but the rows' own (reports and confirmations, the removal).
    expect(tally(chain).blockTimes.every((x) => [b(50), b(51), b(61), b(90), b(2), b(5)].includes(x))).toBe(true);
  });

  it("pages circles by id, claims newest first, and the cover history newest first", async () => {
    const { chain, reader } = setup(b(2_000));
    const n = COMMONFARE_PAGE + 2;
    for (let i = 1; i <= n; i++) chain.logs.push(founded(BigInt(i), BEA, b(i)), admitted(BigInt(i), BEA, 1, 0n, b(i)));
    // Circle 1: n claims by n members one after another (each reported and withdrawn), and deposits enough to page
    // the cover history.
    for (let i = 1; i <= n; i++) {
      const who = account(0x1000 + i);
      chain.logs.push(
        log("JoinRequested", { circleId: 1n, candidate: who, level: 0 }, b(100 + i)),
        admitted(1n, who, 0, 0n, b(100 + i)),
        log(
          "ClaimReported",
          {
            circleId: 1n,
            claimId: BigInt(i),
            claimant: who,
            buddy: BEA,
            noteHash: NOTE,
            benefit: dEUR(750),
            maxMonths: 24,
          },
          b(200 + i),
        ),
        log("ClaimWithdrawn", { circleId: 1n, claimId: BigInt(i), claimant: who }, b(300 + i)),
      );
    }
    for (let i = 1; i <= COVER_PAGE + 1; i++)
      chain.logs.push(
        log("Deposited", { circleId: 1n, member: BEA, amount: 1n, balance: BigInt(i), index: 0n }, b(1_000 + i)),
      );
    const first = await reader.circles();
    expect(first.items.map((c) => c.id)).toEqual(Array.from({ length: COMMONFARE_PAGE }, (_, i) => BigInt(i + 1)));
    const rest = await reader.circles(first.next);
    expect([rest.items.map((c) => c.id), rest.next]).toEqual([[BigInt(n - 1), BigInt(n)], undefined]);

    const claims = await reader.claims(1n, {});
    expect(claims.items.map((c) => c.id)).toEqual(Array.from({ length: COMMONFARE_PAGE }, (_, i) => BigInt(n - i)));
    expect(claims.items[0]).toMatchObject({ state: "Withdrawn", endedAt: at(b(300 + n)) });
    expect((await reader.claims(1n, {}, claims.next)).items.map((c) => c.id)).toEqual([2n, 1n]);

    const cover = await reader.coverHistory(1n);
    expect(cover.items.length).toBe(COVER_PAGE);
    expect(cover.items[0].pool).toBe(BigInt(COVER_PAGE + 1));
    const older = await reader.coverHistory(1n, cover.next);
    expect([older.items.map((p) => p.pool), older.next]).toEqual([[1n], undefined]);
  });
});
