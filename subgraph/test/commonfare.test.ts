// Mapping test of Commonfare: a story on the real contract (Commonfare owned by a stand-in for the council's timelock,
// a MockERC20 currency) emitting every event it can — currencies accepted and removed, a circle of six founded with
// three levels and a board of three, admissions by a board member and by members' votes, a candidacy withdrawn and
// asked again (its approvals counted per round), deposits (one repaying arrears), a withdrawal, a level raised and one
// lowered, claims reported, confirmed by buddies and the board, started and collected over time warps, ended on the
// claimant's word, at its last month and by a stranger after its maximum duration, a claim withdrawn and one closed
// when the board removed its claimant in arrears, a member leaving and joining again, a board member resigning, a second
// circle in the same currency, the two-step ownership — fed to the compiled mapping and compared with the views:
// circleOf, rulesOf, levelsOf, isBoardMember, accountOf and balanceOf (each account settled from the entity with the
// circle's index, now and at the block of every entry of its statement), approvalsOf, claimOf, hasConfirmed, the
// token's balance; the open books checked against sums of the events (CF-1, to the wei).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LogDescription } from "ethers";
import { processLogsAcross, type PlainEntity, type SubgraphRuntime } from "@cosmolocal/graph-test-runtime";
import { contractConstants } from "@cosmolocal/sdk";
import type { Commonfare, MockERC20 } from "../../types/ethers-contracts/index.ts";
import { assertAbiCovered, assertEntitiesAndNoErrors, entityLookup } from "./checks.ts";
import {
  chainLogs,
  connect,
  lower,
  parsedEvents,
  send,
  storeGraphQL,
  subgraphRuntime,
  ZERO,
  type Log,
} from "./setup.ts";

/** Entity type(s) each event creates or updates. */
const EVENT_ENTITIES: Record<string, string[]> = {
  OwnershipTransferred: ["Commonfare", "CommonfareOwnershipChange"],
  OwnershipTransferStarted: ["CommonfareOwnershipChange"],
  CurrencySet: ["CommonfareCurrency", "CommonfareCurrencyChange"],
  CircleFounded: ["Circle", "CircleLevel", "CircleBoardMember"],
  BoardMemberResigned: ["CircleBoardMember"],
  JoinRequested: ["CircleMember", "CircleCandidacy"],
  CandidacyWithdrawn: ["CircleCandidacy"],
  AdmissionApproved: ["CircleAdmissionApproval"],
  MemberAdmitted: ["CircleMember", "CircleAccountEntry"],
  Deposited: ["CircleAccountEntry"],
  Withdrawn: ["CircleAccountEntry"],
  LevelChanged: ["CircleAccountEntry"],
  MemberLeft: ["CircleAccountEntry"],
  ArrearsWrittenOff: ["CircleAccountEntry"],
  ClaimReported: ["CircleClaim"],
  ClaimWithdrawn: ["CircleClaim"],
  ClaimConfirmed: ["CircleClaimConfirmation"],
  ClaimStarted: ["CircleAccountEntry"],
  GiftCollected: ["CircleGiftCollection"],
  ClaimEnded: ["CircleAccountEntry"],
};
/** The statement entry kind of each event that settles an account. */
const ENTRY_KINDS: Record<string, string> = {
  MemberAdmitted: "Admitted",
  Deposited: "Deposited",
  Withdrawn: "Withdrawn",
  LevelChanged: "LevelChanged",
  ClaimStarted: "ClaimStarted",
  ClaimEnded: "ClaimEnded",
  MemberLeft: "Left",
  ArrearsWrittenOff: "WrittenOff",
};
const { Status: STATUS } = contractConstants.Commonfare.enums;
const { MONTH } = contractConstants.Commonfare.constants;
const DAY = 24 * 3600;
const SCALE = 10n ** 18n;
const MAX_UINT = 2n ** 256n - 1n;
/** `n` whole dEUR (6 decimals). */
const eur = (n: number) => BigInt(Math.round(n * 1e6));
const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const memberId = (circleId: bigint, account: string) => `${circleId}-${lower(account)}`;

const conn = await connect();
const { ethers, networkHelpers } = conn;
type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

/** Rules of circle 1 (ICommonfare.Rules without the currency). */
const RULES = {
  capMonths: 36,
  floorMonths: 3,
  maxGiftMonths: 3,
  minMembers: 5,
  maxMembers: 8,
  waitingPeriod: 30 * DAY,
  levelChangeGap: 60 * DAY,
  admissionVotes: 2,
  boardConfirmations: 1,
};
/** Levels of circle 1: odd amounts, so that every index step and share rounds. */
const LEVELS = [
  { monthlyDeposit: 33_333_333n, monthlyBenefit: 200_000_007n },
  { monthlyDeposit: 50_000_001n, monthlyBenefit: 300_000_003n },
  { monthlyDeposit: 77_777_777n, monthlyBenefit: 450_000_011n },
];

describe("subgraph · commonfare mapping on real Commonfare events", () => {
  let cf: Commonfare;
  let token: MockERC20;
  let other: MockERC20;
  let address: string;
  let rt: SubgraphRuntime;
  let logs: Log[];
  let signers: Signer[];
  const p = {} as Record<
    "owner" | "founder" | "a" | "b" | "c" | "d" | "e" | "g" | "boardX" | "boardY" | "stranger" | "founder2" | "heir",
    Signer
  >;

  before(async () => {
    signers = await ethers.getSigners();
    const names = [
      "owner",
      "founder",
      "a",
      "b",
      "c",
      "d",
      "e",
      "g",
      "boardX",
      "boardY",
      "stranger",
      "founder2",
      "heir",
    ] as const;
    names.forEach((n, i) => (p[n] = signers[i]));
    const { owner, founder, a, b, c, d, e, g, boardX, boardY, stranger, founder2, heir } = p;
    cf = (await ethers.deployContract("Commonfare", [owner.address])) as unknown as Commonfare;
    token = (await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 6])) as unknown as MockERC20;
    other = (await ethers.deployContract("MockERC20", ["Other Euro", "oEUR", 6])) as unknown as MockERC20;
    address = lower(await cf.getAddress());
    for (const s of [founder, a, b, c, d, e, founder2]) {
      await send(token.mint(s.address, eur(10_000)));
      await send(token.connect(s).approve(address, MAX_UINT));
    }
    const wait = (days: number) => networkHelpers.time.increase(days * DAY);

    // Currencies: dEUR accepted; another accepted and removed again.
    await send(cf.connect(owner).setCurrency(await token.getAddress(), true));
    await send(cf.connect(owner).setCurrency(await other.getAddress(), true));
    await send(cf.connect(owner).setCurrency(await other.getAddress(), false));

    // Circle 1: the founder at level 1, a board of two outsiders and the founder.
    const rules = { currency: await token.getAddress(), ...RULES };
    await send(cf.connect(founder).foundCircle(rules, LEVELS, [boardX.address, boardY.address, founder.address], 1));
    const circle = 1n;
    // Admissions: a by a board member; b by two members' votes; c by a board member; d by a member then a board
    // member; e by two members; g asks, is approved once, withdraws, and asks again (approved once: still waiting).
    await send(cf.connect(a).requestJoin(circle, 0));
    await send(cf.connect(boardX).approveCandidate(circle, a.address));
    await send(cf.connect(b).requestJoin(circle, 1));
    await send(cf.connect(a).approveCandidate(circle, b.address));
    await send(cf.connect(founder).approveCandidate(circle, b.address));
    await send(cf.connect(c).requestJoin(circle, 2));
    await send(cf.connect(boardY).approveCandidate(circle, c.address));
    await send(cf.connect(d).requestJoin(circle, 0));
    await send(cf.connect(a).approveCandidate(circle, d.address));
    await send(cf.connect(boardX).approveCandidate(circle, d.address));
    await send(cf.connect(e).requestJoin(circle, 0));
    await send(cf.connect(b).approveCandidate(circle, e.address));
    await send(cf.connect(c).approveCandidate(circle, e.address));
    await send(cf.connect(g).requestJoin(circle, 1));
    await send(cf.connect(c).approveCandidate(circle, g.address));
    await send(cf.connect(g).withdrawCandidacy(circle));
    await send(cf.connect(g).requestJoin(circle, 2));
    await send(cf.connect(d).approveCandidate(circle, g.address));

    // Deposits (d twice; e little: it will fall into arrears).
    for (const [s, amount] of [
      [founder, 1_500],
      [a, 1_000],
      [b, 1_200],
      [c, 2_000],
      [d, 100],
      [d, 50],
      [e, 45],
    ] as const)
      await send(cf.connect(s).deposit(circle, eur(amount)));

    // Past the waiting period and the level-change gap: a raises its level (a new waiting period); the founder takes
    // out what the lower level's cap would not hold, then lowers its level.
    await wait(61);
    await send(cf.connect(a).changeLevel(circle, 2));
    await send(cf.connect(founder).withdraw(circle, eur(400)));
    await send(cf.connect(founder).changeLevel(circle, 0));

    // Claims: e reports one (buddy: the founder) that nobody confirms; d reports one and withdraws it; b's is confirmed
    // by its buddy c and a board member, and b collects its first month at once.
    await send(cf.connect(e).reportClaim(circle, founder.address, ethers.ZeroHash));
    await send(cf.connect(d).reportClaim(circle, e.address, ethers.id("d's note")));
    await send(cf.connect(d).withdrawClaim(circle));
    await send(cf.connect(b).reportClaim(circle, c.address, ethers.id("b's note")));
    await send(cf.connect(c).confirmClaim(circle, b.address));
    await send(cf.connect(boardX).confirmClaim(circle, b.address));
    await send(cf.connect(b).collectGift(circle));
    // A month later, b's second month: e is in arrears; the board removes it (its waiting claim closes).
    await wait(30);
    await send(cf.connect(b).collectGift(circle));
    assert.ok((await cf.balanceOf(circle, e.address)) < 0n, "e is in arrears");
    await send(cf.connect(boardY).removeInArrears(circle, e.address));
    // Ten days later b recovers, with nothing due.
    await wait(10);
    await send(cf.connect(b).recover(circle));

    // a's claim (buddy: the founder, who is also on the board and confirms as the buddy), confirmed by boardY: three
    // months, the last ending it.
    await send(cf.connect(a).reportClaim(circle, founder.address, ethers.id("a's note")));
    await send(cf.connect(founder).confirmClaim(circle, a.address));
    await send(cf.connect(boardY).confirmClaim(circle, a.address));
    await send(cf.connect(a).collectGift(circle));
    await wait(30);
    await send(cf.connect(a).collectGift(circle));
    assert.ok((await cf.balanceOf(circle, d.address)) < 0n, "d is in arrears");
    await send(cf.connect(d).deposit(circle, eur(600)));
    assert.ok((await cf.balanceOf(circle, d.address)) > 0n, "d repaid its arrears");
    await wait(30);
    await send(cf.connect(a).collectGift(circle));
    assert.equal((await cf.claimOf(circle, a.address)).monthsPaid, 3n);

    // c's claim (buddy d), confirmed by boardX; nobody collects; after its maximum duration a stranger ends it, paying
    // its three months at once.
    await send(cf.connect(c).reportClaim(circle, d.address, ethers.id("c's note")));
    await send(cf.connect(d).confirmClaim(circle, c.address));
    await send(cf.connect(boardX).confirmClaim(circle, c.address));
    await wait(95);
    await send(cf.connect(stranger).endClaim(circle, c.address));

    // d leaves with its balance, asks again and is admitted by a board member; boardY resigns.
    await send(cf.connect(d).leave(circle));
    await send(cf.connect(d).requestJoin(circle, 1));
    await send(cf.connect(boardX).approveCandidate(circle, d.address));
    await send(cf.connect(d).deposit(circle, eur(80)));
    await send(cf.connect(boardY).resignFromBoard(circle));
    // The founder's claim (buddy b), confirmed by boardX, runs still: one month collected, the second begun.
    await send(cf.connect(founder).reportClaim(circle, b.address, ethers.id("founder's note")));
    await send(cf.connect(b).confirmClaim(circle, founder.address));
    await send(cf.connect(boardX).confirmClaim(circle, founder.address));
    await send(cf.connect(founder).collectGift(circle));
    await wait(35);

    // Circle 2 in the same currency: its founder alone, on its own board.
    await send(
      cf
        .connect(founder2)
        .foundCircle(
          { ...rules, minMembers: 2, maxMembers: 3, boardConfirmations: 1 },
          [{ monthlyDeposit: 10_000_000n, monthlyBenefit: 90_000_000n }],
          [founder2.address],
          0,
        ),
    );
    await send(cf.connect(founder2).deposit(2n, eur(100)));

    // Ownership: offered to heir, withdrawn, offered again and accepted.
    await send(cf.connect(owner).transferOwnership(heir.address));
    await send(cf.connect(owner).transferOwnership(ZERO));
    await send(cf.connect(owner).transferOwnership(heir.address));
    await send(cf.connect(heir).acceptOwnership());

    logs = await chainLogs(ethers.provider, [address]);
    rt = subgraphRuntime("Commonfare", address);
    await processLogsAcross(ethers.provider, [rt], logs);
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => rt);
  const events = (name: string) => parsedEvents(logs, name, { [address]: cf.interface });
  const rows = (type: string, where: (e: PlainEntity) => boolean = () => true) => rt.store.all(type).filter(where);
  /** The accounts of the story (every signer that took part, and some that did not). */
  const accounts = () => signers.slice(0, 15).map((s) => s.address);
  /** A member entity's balance now: settled with its circle's index while it funds gifts (see schema.graphql). */
  const settledNow = (m: PlainEntity) => {
    const circle = entity("Circle", m.circle as string);
    const pending =
      m.status === "Member"
        ? ceilDiv((m.monthlyDeposit as bigint) * ((circle.index as bigint) - (m.snapshot as bigint)), SCALE)
        : 0n;
    return { balance: (m.balance as bigint) - pending, given: (m.givenToOthers as bigint) + pending };
  };
  const ofCircle = (circleId: bigint) => (e: LogDescription) => e.args.circleId === circleId;

  it("every event of the ABI has a handler, exported by the WASM; every log handled, without errors", () => {
    assertAbiCovered(rt, "Commonfare", []);
    assert.equal(rt.handled.length, logs.length, "every Commonfare log had a handler");
    assert.deepEqual([...new Set(rt.handled.map((h) => h.name))].sort(), Object.keys(EVENT_ENTITIES).sort());
    // The mapping checks every balance and index an event states against its own settlement (log.error otherwise).
    assertEntitiesAndNoErrors(rt, EVENT_ENTITIES);
  });

  it("the contract, its currencies and ownership = owner, pendingOwner, isCurrency, circleCount, balanceOf", async () => {
    const c = entity("Commonfare", address);
    assert.deepEqual(
      [c.owner, c.pendingOwner ?? ZERO, c.circleCount, c.claimCount],
      [
        lower(await cf.owner()),
        lower(await cf.pendingOwner()),
        Number(await cf.circleCount()),
        events("ClaimReported").length,
      ],
    );
    assert.equal(c.owner, lower(p.heir.address));
    const currencies = rows("CommonfareCurrency");
    assert.equal(currencies.length, 2);
    for (const cur of currencies) {
      const erc20 = await ethers.getContractAt("MockERC20", cur.currency as string);
      assert.equal(cur.accepted, await cf.isCurrency(cur.currency as string), cur.id as string);
      assert.equal(cur.pool, await erc20.balanceOf(address), `${cur.id}: the contract holds its circles' pools`);
      const circles = rows("Circle", (x) => x.currency === cur.id);
      assert.equal(cur.circleCount, circles.length);
      assert.equal(cur.pool, sum(circles.map((x) => x.pool as bigint)));
    }
    assert.equal(c.acceptedCurrencyCount, currencies.filter((x) => x.accepted).length);
    assert.deepEqual(
      rows("CommonfareCurrencyChange").map((x) => [x.currency, x.accepted]),
      events("CurrencySet").map((e) => [lower(e.args.currency), e.args.accepted]),
    );
    assert.deepEqual(
      rows("CommonfareOwnershipChange").map((x) => [x.action, x.newOwner]),
      [
        ["Transferred", lower(p.owner.address)],
        ["Offered", lower(p.heir.address)],
        ["Offered", ZERO],
        ["Offered", lower(p.heir.address)],
        ["Transferred", lower(p.heir.address)],
      ],
    );
  });

  it("each circle: rulesOf, levelsOf, circleOf (its open books now), isBoardMember of its board", async () => {
    const count = await cf.circleCount();
    assert.equal(rt.store.count("Circle"), Number(count));
    for (let id = 1n; id <= count; id++) {
      const c = entity("Circle", String(id));
      const r = await cf.rulesOf(id);
      assert.deepEqual(
        [
          c.currency,
          c.capMonths,
          c.floorMonths,
          c.maxGiftMonths,
          c.minMembers,
          c.maxMembers,
          c.waitingPeriod,
          c.levelChangeGap,
          c.admissionVotes,
          c.boardConfirmations,
        ],
        [
          lower(r.currency),
          Number(r.capMonths),
          Number(r.floorMonths),
          Number(r.maxGiftMonths),
          Number(r.minMembers),
          Number(r.maxMembers),
          r.waitingPeriod,
          r.levelChangeGap,
          Number(r.admissionVotes),
          Number(r.boardConfirmations),
        ],
        `rules of circle ${id}`,
      );
      const levels = await cf.levelsOf(id);
      assert.equal(c.levelCount, levels.length);
      for (const [i, lv] of levels.entries()) {
        const row = entity("CircleLevel", `${id}-${i}`);
        assert.deepEqual(
          [row.level, row.monthlyDeposit, row.monthlyBenefit, row.cap, row.floor],
          [i, lv.monthlyDeposit, lv.monthlyBenefit, lv.monthlyDeposit * r.capMonths, lv.monthlyDeposit * r.floorMonths],
        );
        // Members at the level now (claimants included), from accountOf of every account.
        let atLevel = 0;
        for (const acc of accounts()) {
          const v = await cf.accountOf(id, acc);
          if (v.status >= 2n && Number(v.level) === i) atLevel++;
        }
        assert.equal(row.memberCount, atLevel, `members at level ${id}-${i}`);
      }
      const v = await cf.circleOf(id);
      assert.deepEqual(
        [c.memberCount, c.claimantCount, c.fundingWeight, c.index, c.pool, c.burn, c.coverMonths1e2 ?? MAX_UINT],
        [Number(v.members), Number(v.claimants), v.fundingWeight, v.index, v.pool, v.burn, v.coverMonths1e2],
        `circleOf(${id})`,
      );
      const founded = events("CircleFounded").find(ofCircle(id))!;
      assert.equal(c.founder, lower(founded.args.founder));
      let boardSize = 0;
      for (const acc of founded.args.board as string[]) {
        const row = entity("CircleBoardMember", memberId(id, acc));
        assert.equal(row.active, await cf.isBoardMember(id, acc), `board member ${row.id}`);
        if (row.active) boardSize++;
      }
      assert.equal(c.boardSize, boardSize);
      assert.equal(rows("CircleBoardMember", (b) => b.circle === c.id).length, founded.args.board.length);
    }
    const one = entity("Circle", "1");
    assert.deepEqual([one.boardSize, one.memberCount, one.claimantCount, one.candidateCount], [2, 5, 1, 1]);
    assert.ok((one.index as bigint) > 0n && one.coverMonths1e2 != null);
    assert.equal(entity("Circle", "2").coverMonths1e2 ?? null, null, "no burn: no cover figure");
  });

  it("each account = accountOf and balanceOf, its balance settled from the entity with the circle's index", async () => {
    for (const id of [1n, 2n]) {
      for (const acc of accounts()) {
        const v = await cf.accountOf(id, acc);
        const m = rt.store.entity("CircleMember", memberId(id, acc));
        if (!m) {
          assert.equal(v.status, 0n, `${id}-${acc} has no entity and is an outsider`);
          continue;
        }
        assert.equal(m.status, STATUS[Number(v.status)], `status of ${m.id}`);
        const now = settledNow(m);
        assert.equal(now.balance, await cf.balanceOf(id, acc), `balanceOf ${m.id}`);
        if (v.status === 0n) {
          assert.equal(m.balance, 0n);
          continue;
        }
        assert.deepEqual(
          [m.level, now.balance, m.cap, m.floor, m.claimableFrom, m.levelChangeableFrom],
          [Number(v.level), v.balance, v.cap, v.floor, v.claimableFrom, v.levelChangeableFrom],
          `accountOf ${m.id}`,
        );
      }
    }
    const e = entity("CircleMember", memberId(1n, p.e.address));
    assert.deepEqual([e.status, e.removed, e.removedBy, e.balance], ["None", true, lower(p.boardY.address), 0n]);
    const d = entity("CircleMember", memberId(1n, p.d.address));
    assert.deepEqual([d.status, d.memberships, d.removed, d.leftAt ?? null], ["Member", 2, false, null]);
    assert.equal(entity("CircleMember", memberId(1n, p.founder.address)).status, "Claiming");
  });

  it("each account's books = the events' sums; deposited − withdrawn − leftWith − given + written off = balance", () => {
    for (const m of rows("CircleMember")) {
      const circleId = BigInt(m.circle as string);
      const mine = (name: string, field: string) =>
        sum(
          events(name)
            .filter((e) => e.args.circleId === circleId && lower(e.args[field]) === m.account)
            .map((e) => (e.args.amount ?? e.args.arrears) as bigint),
        );
      assert.deepEqual(
        [m.deposited, m.withdrawn, m.leftWith, m.arrearsWrittenOff, m.received],
        [
          mine("Deposited", "member"),
          mine("Withdrawn", "member"),
          mine("MemberLeft", "member"),
          mine("ArrearsWrittenOff", "member"),
          mine("GiftCollected", "claimant"),
        ],
        `books of ${m.id}`,
      );
      const now = settledNow(m);
      assert.equal(
        (m.deposited as bigint) -
          (m.withdrawn as bigint) -
          (m.leftWith as bigint) -
          now.given +
          (m.arrearsWrittenOff as bigint),
        now.balance,
        `the account of ${m.id} adds up`,
      );
      const entries = rows("CircleAccountEntry", (x) => x.member === m.id);
      assert.equal(sum(entries.map((x) => x.given as bigint)), m.givenToOthers, `statement of ${m.id}`);
    }
  });

  it("each circle's open books = the events' sums; pool − Σ balances = the rounding held ≥ 0 (CF-1)", async () => {
    for (const c of rows("Circle")) {
      const id = c.circleId as bigint;
      const total = (name: string, field: string) =>
        sum(
          events(name)
            .filter(ofCircle(id))
            .map((e) => e.args[field] as bigint),
        );
      assert.deepEqual(
        [c.deposited, c.withdrawn, c.leftPaid, c.giftsPaid, c.writtenOff, BigInt(c.giftMonthsPaid as number)],
        [
          total("Deposited", "amount"),
          total("Withdrawn", "amount"),
          total("MemberLeft", "amount"),
          total("GiftCollected", "amount"),
          total("ArrearsWrittenOff", "arrears"),
          total("GiftCollected", "months"),
        ],
        `totals of circle ${id}`,
      );
      const pool = c.pool as bigint;
      assert.equal(
        pool,
        (c.deposited as bigint) - (c.withdrawn as bigint) - (c.leftPaid as bigint) - (c.giftsPaid as bigint),
      );
      assert.equal(pool, (await cf.circleOf(id)).pool);
      const members = rows("CircleMember", (m) => m.circle === c.id);
      const balances = sum(members.map((m) => settledNow(m).balance));
      const held = pool - balances;
      assert.ok(held >= 0n, `rounding held in circle ${id}`);
      assert.equal(
        sum(members.map((m) => settledNow(m).given)),
        (c.giftsPaid as bigint) + (c.writtenOff as bigint) + held,
      );
      // Counts.
      assert.deepEqual(
        [c.claimCount, c.leftCount, c.removedCount, c.pendingClaimCount],
        [
          events("ClaimReported").filter(ofCircle(id)).length,
          events("MemberLeft").filter(ofCircle(id)).length,
          events("ArrearsWrittenOff").filter(ofCircle(id)).length,
          rows("CircleClaim", (x) => x.circle === c.id && x.status === "Reported").length,
        ],
      );
      assert.equal(c.candidateCount, members.filter((m) => m.status === "Candidate").length);
    }
    const one = entity("Circle", "1");
    assert.ok((one.writtenOff as bigint) > 0n && (one.leftPaid as bigint) > 0n && (one.withdrawn as bigint) > 0n);
  });

  it("candidacies: their rounds and approvals = approvalsOf while pending, as the events counted them", async () => {
    const candidacies = rows("CircleCandidacy");
    assert.equal(candidacies.length, events("JoinRequested").length);
    for (const k of candidacies) {
      const approvals = rows("CircleAdmissionApproval", (x) => x.candidacy === k.id);
      assert.equal(k.approvals, approvals.filter((x) => !x.byBoard).length, `approvals of ${k.id}`);
      assert.equal(
        k.admittedByBoard,
        approvals.some((x) => x.byBoard),
      );
      const m = entity("CircleMember", k.member as string);
      const latest = m.candidacy === k.id;
      const onChain = await cf.approvalsOf(BigInt(m.circle as string), m.account as string);
      if (latest && k.status === "Pending") assert.equal(k.approvals, Number(onChain), k.id as string);
      else assert.ok(k.status !== "Pending", `${k.id}: only the latest candidacy may wait`);
      if (k.status === "Admitted") assert.ok(k.approvals === 2 || k.admittedByBoard, `${k.id} admitted`);
    }
    const g = entity("CircleMember", memberId(1n, p.g.address));
    assert.deepEqual([g.status, g.candidacyCount, g.candidacy], ["Candidate", 2, `${g.id}-2`]);
    assert.deepEqual(
      [entity("CircleCandidacy", `${g.id}-1`).status, entity("CircleCandidacy", `${g.id}-2`).approvals],
      ["Withdrawn", 1],
    );
    assert.equal(await cf.approvalsOf(1n, p.g.address), 1n);
    assert.equal(
      entity("CircleCandidacy", `${memberId(1n, p.d.address)}-1`).approvals,
      1,
      "d: one vote, then a board member",
    );
    assert.equal(
      entity("CircleBoardMember", memberId(1n, p.boardX.address)).admissionCount,
      events("AdmissionApproved").filter((e) => e.args.byBoard && lower(e.args.approver) === lower(p.boardX.address))
        .length,
    );
  });

  it("claims = claimOf (months due now from the entity), confirmations = hasConfirmed", async () => {
    const claims = rows("CircleClaim");
    assert.equal(claims.length, events("ClaimReported").length);
    const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    for (const m of rows("CircleMember", (x) => x.claim != null)) {
      const cl = entity("CircleClaim", m.claim as string);
      const v = await cf.claimOf(BigInt(m.circle as string), m.account as string);
      const begun =
        cl.status === "Running"
          ? BigInt(Math.min(Number((now - (cl.startedAt as bigint)) / BigInt(MONTH)) + 1, cl.maxMonths as number))
          : 0n;
      const due = cl.status === "Running" ? begun - BigInt(cl.monthsPaid as number) : 0n;
      assert.deepEqual(
        [
          cl.claimId,
          cl.buddy,
          cl.startedAt,
          cl.buddyConfirmed,
          cl.boardConfirmations,
          cl.monthsPaid,
          cl.maxMonths,
          cl.benefit,
          due,
        ],
        [
          v.id,
          lower(v.buddy),
          v.startedAt,
          v.buddyConfirmed,
          Number(v.boardConfirmations),
          Number(v.monthsPaid),
          Number(v.maxMonths),
          v.benefit,
          v.monthsDue,
        ],
        `claimOf ${m.id}`,
      );
    }
    for (const cl of claims) {
      const gifts = rows("CircleGiftCollection", (x) => x.claim === cl.id);
      assert.equal(cl.received, sum(gifts.map((x) => x.amount as bigint)));
      assert.equal(
        cl.monthsPaid,
        gifts.reduce((n, x) => n + (x.months as number), 0),
      );
      for (const acc of accounts()) {
        const row = rt.store.entity("CircleClaimConfirmation", `${cl.id}-${lower(acc)}`);
        assert.equal(!!row, await cf.hasConfirmed(cl.claimId as bigint, acc), `hasConfirmed(${cl.id}, ${acc})`);
      }
    }
    const byClaimant = (s: Signer) => claims.filter((x) => x.claimantAccount === lower(s.address));
    assert.deepEqual(
      [p.b, p.a, p.c, p.d, p.e, p.founder].map((s) => byClaimant(s).map((x) => [x.status, x.recovered, x.monthsPaid])),
      [
        [["Ended", true, 2]],
        [["Ended", false, 3]],
        [["Ended", false, 3]],
        [["Withdrawn", false, 0]],
        [["Withdrawn", false, 0]],
        [["Running", false, 1]],
      ],
    );
    const founderClaim = byClaimant(p.founder)[0];
    assert.equal((await cf.claimOf(1n, p.founder.address)).monthsDue, 1n, "a month begun and not collected");
    assert.ok(founderClaim.indexAtStart != null && founderClaim.balanceAtStart != null);
    assert.equal(
      rows("CircleGiftCollection", (x) => x.claim === byClaimant(p.c)[0].id)[0].months,
      3,
      "endClaim paid three months at once",
    );
  });

  it("each gift: the index rose by ceil(amount × 1e18 / fundingWeight) = circleOf(id).index at its block", async () => {
    const gifts = rows("CircleGiftCollection");
    const collected = events("GiftCollected");
    assert.equal(gifts.length, collected.length);
    for (const [i, g] of gifts.entries()) {
      const e = collected[i];
      assert.deepEqual(
        [g.claim, g.claimant, g.months, g.amount, g.monthsPaid, g.fundingWeight, g.index],
        [
          String(e.args.claimId),
          lower(e.args.claimant),
          Number(e.args.months),
          e.args.amount,
          Number(e.args.monthsPaid),
          e.args.fundingWeight,
          e.args.index,
        ],
      );
      assert.equal(g.indexStep, ceilDiv((g.amount as bigint) * SCALE, g.fundingWeight as bigint), `step of gift ${i}`);
      const at = { blockTag: Number(g.blockNumber) };
      const before = { blockTag: Number(g.blockNumber) - 1 };
      assert.equal(g.index, (await cf.circleOf(BigInt(g.circle as string), at)).index);
      assert.equal(
        (g.index as bigint) - (g.indexStep as bigint),
        (await cf.circleOf(BigInt(g.circle as string), before)).index,
      );
    }
  });

  it("each statement entry = the account (balanceOf) and the circle's index (circleOf) at its block", async () => {
    const entries = rows("CircleAccountEntry");
    for (const [name, kind] of Object.entries(ENTRY_KINDS))
      assert.equal(entries.filter((x) => x.kind === kind).length, events(name).length, kind);
    for (const x of entries) {
      const m = entity("CircleMember", x.member as string);
      const circleId = BigInt(m.circle as string);
      const at = { blockTag: Number(x.blockNumber) };
      const before = { blockTag: Number(x.blockNumber) - 1 };
      if (x.kind === "Left" || x.kind === "WrittenOff") {
        // The account closed: it held `balance` at the index before (-arrears when written off).
        assert.equal(await cf.balanceOf(circleId, m.account as string, at), 0n);
        assert.equal(await cf.balanceOf(circleId, m.account as string, before), x.balance);
        assert.equal(x.balance, x.kind === "Left" ? x.amount : -(x.amount as bigint));
        assert.equal(x.index, (await cf.circleOf(circleId, before)).index);
        // A write-off raises the index; leaving does not.
        assert.equal(x.raisedIndex ?? x.index, (await cf.circleOf(circleId, at)).index);
        continue;
      }
      assert.equal(await cf.balanceOf(circleId, m.account as string, at), x.balance, `entry ${x.id} of ${m.id}`);
      assert.equal(x.index, (await cf.circleOf(circleId, at)).index, `index of entry ${x.id}`);
      assert.equal(x.level, Number((await cf.accountOf(circleId, m.account as string, at)).level));
    }
    // Every deposit and withdrawal left what its event says.
    for (const name of ["Deposited", "Withdrawn"]) {
      for (const e of events(name)) {
        const x = entries.find(
          (y) =>
            y.kind === ENTRY_KINDS[name] &&
            y.member === memberId(e.args.circleId, e.args.member) &&
            y.amount === e.args.amount &&
            y.balance === e.args.balance,
        );
        assert.ok(x, `${name} ${e.args.member} ${e.args.amount}`);
      }
    }
  });

  it("graph-node's queries: a circle's members by balance, its running claims and a statement", async () => {
    const gql = storeGraphQL(rt.store, (await ethers.provider.getBlock("latest"))!);
    const result = await gql.execute(
      `{
        circle(id: "1") {
          memberCount index
          members(where: { status_in: [Member, Claiming] }, orderBy: deposited, orderDirection: desc) { account status deposited }
          claims(where: { status: Running }) { claimId claimant { account } gifts { months amount } }
        }
        circleAccountEntries(where: { member: "${memberId(1n, p.d.address)}" }, orderBy: id) { kind amount given }
      }`,
    );
    assert.deepEqual(result.errors ?? [], []);
    const data = result.data as {
      circle: {
        memberCount: number;
        members: { account: string; deposited: string }[];
        claims: { claimant: { account: string }; gifts: unknown[] }[];
      };
      circleAccountEntries: { kind: string }[];
    };
    assert.equal(data.circle.members.length, data.circle.memberCount);
    assert.deepEqual(
      data.circle.members.map((m) => BigInt(m.deposited)),
      [...data.circle.members.map((m) => BigInt(m.deposited))].sort((x, y) => (x < y ? 1 : x > y ? -1 : 0)),
    );
    assert.deepEqual(
      data.circle.claims.map((c) => [c.claimant.account, c.gifts.length]),
      [[lower(p.founder.address), 1]],
    );
    assert.deepEqual(
      data.circleAccountEntries.map((x) => x.kind),
      ["Admitted", "Deposited", "Deposited", "Deposited", "Left", "Admitted", "Deposited"],
    );
  });
});
