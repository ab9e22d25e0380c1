// Shared fixtures of the Commonfare tests: the contract owned by a stand-in for the council's timelock, a euro
// stablecoin with 18 decimals it accepts, and circle 1 ("Broodfonds Oost") founded with Broodfonds-like rules (a
// minimum of 5 members instead of 20, so that most tests stay quick) and three levels. Helpers admit and fund members,
// found further circles, and read the open books (CF-1) back from the views and the events.
import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";
import type { Commonfare, ICommonfare } from "../../types/ethers-contracts/index.ts";

export const conn = await network.create();
export const { ethers, networkHelpers } = conn;

export type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

export const DAY = 86_400n;
export const MONTH = 30n * DAY;
export const WAITING = 90n * DAY;
export const GAP = 180n * DAY;
export const SCALE = 10n ** 18n;
export const Status = { None: 0n, Candidate: 1n, Member: 2n, Claiming: 3n } as const;

/** `n` whole units of an 18-decimal currency (fractions as a decimal string). */
export const u = (n: number | string) => ethers.parseUnits(String(n), 18);
/** `n` whole units of a 6-decimal currency. */
export const u6 = (n: number | string) => ethers.parseUnits(String(n), 6);
/** The hash of a private note a claimant keeps (only the hash is on chain). */
export const note = (text: string) => ethers.id(`note: ${text}`);

/** `ceil(a / b)` on non-negative integers. */
export const ceilDiv = (a: bigint, b: bigint) => (a === 0n ? 0n : (a - 1n) / b + 1n);
/** GiftMath.indexStep: `ceil(amount * 1e18 / fundingWeight)`. */
export const indexStep = (amount: bigint, fundingWeight: bigint) => ceilDiv(amount * SCALE, fundingWeight);
/** GiftMath.given: what an account of monthly deposit `weight` gave between indexes `snapshot` and `index`. */
export const given = (weight: bigint, index: bigint, snapshot = 0n) => ceilDiv(weight * (index - snapshot), SCALE);
export const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

export type Rules = {
  currency: string;
  capMonths: number;
  floorMonths: number;
  maxGiftMonths: number;
  minMembers: number;
  maxMembers: number;
  waitingPeriod: bigint;
  levelChangeGap: bigint;
  admissionVotes: number;
  boardConfirmations: number;
};
export type Level = { monthlyDeposit: bigint; monthlyBenefit: bigint };

/** The three levels of circle 1: 50 → 1,000, 75 → 1,500 and 100 → 2,000 a month. */
export const LEVELS: Level[] = [
  { monthlyDeposit: u(50), monthlyBenefit: u(1_000) },
  { monthlyDeposit: u(75), monthlyBenefit: u(1_500) },
  { monthlyDeposit: u(100), monthlyBenefit: u(2_000) },
];

/** The rules of circle 1 in `currency`, with `overrides`. */
export function rules(currency: string, overrides: Partial<Rules> = {}): Rules {
  return {
    currency,
    capMonths: 36,
    floorMonths: 6,
    maxGiftMonths: 24,
    minMembers: 5,
    maxMembers: 50,
    waitingPeriod: WAITING,
    levelChangeGap: GAP,
    admissionVotes: 2,
    boardConfirmations: 1,
    ...overrides,
  };
}

/** The timestamp of the block that mined `tx`. */
export async function txTime(tx: ContractTransactionResponse | Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  const block = await ethers.provider.getBlock(receipt!.blockNumber);
  return BigInt(block!.timestamp);
}

/** The contract, the accepted currency and circle 1, founded by `founder` (level 0) with the board `boardA`, `boardB`
 * (not members). Nobody else has joined yet. */
export async function deployCommonfare() {
  const [council, founder, boardA, boardB, outsider, ...rest] = await ethers.getSigners();
  const commonfare = await ethers.deployContract("Commonfare", [council.address]);
  const token = await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 18]);
  await commonfare.connect(council).setCurrency(token, true);
  await commonfare.connect(founder).foundCircle(rules(await token.getAddress()), LEVELS, [boardA, boardB], 0);
  return { commonfare, token, council, founder, boardA, boardB, outsider, rest, circleId: 1n };
}

export type Base = Awaited<ReturnType<typeof deployCommonfare>>;
type Token = Base["token"];

/** `who` asks to join `circleId` at `level` and a board member admits it at once. */
export async function admit(s: Base, who: Signer, level: number, circleId = 1n, board: Signer = s.boardA) {
  await s.commonfare.connect(who).requestJoin(circleId, level);
  await s.commonfare.connect(board).approveCandidate(circleId, who.address);
}

/** Mints `amount` of `token` to `who` and approves the contract for it. */
export async function mintTo(s: Base, who: Signer, amount: bigint, token: Token = s.token) {
  await token.mint(who.address, amount);
  await token.connect(who).approve(await s.commonfare.getAddress(), amount);
}

/** `who` deposits `amount` into its own account in `circleId` (minted and approved first). */
export async function fund(s: Base, who: Signer, amount: bigint, circleId = 1n, token: Token = s.token) {
  await mintTo(s, who, amount, token);
  return s.commonfare.connect(who).deposit(circleId, amount);
}

/**
 * Circle 1 with five members past their waiting period: the founder (level 0), alice (1), bob (2), carol (0) and dave
 * (1), each admitted by boardA and having deposited 12 months of its level. Funding weight 350; pool 4,200. erin and
 * frank are outsiders who may ask to join.
 */
export async function deployCircle() {
  const s = await deployCommonfare();
  const [alice, bob, carol, dave, erin, frank, ...spare] = s.rest;
  const levels = [0, 1, 2, 0, 1];
  const members = [s.founder, alice, bob, carol, dave];
  for (const [i, m] of members.entries()) {
    if (i > 0) await admit(s, m, levels[i]);
    await fund(s, m, 12n * LEVELS[levels[i]].monthlyDeposit);
  }
  await networkHelpers.time.increase(WAITING);
  return { ...s, alice, bob, carol, dave, erin, frank, spare, members, levels };
}

export type Circle = Awaited<ReturnType<typeof deployCircle>>;

/**
 * Circle 1 as in {deployCircle}, except that carol deposited only one month (50): bob (level 2) reported a claim that
 * alice and boardA confirmed, and collected his first month (2,000) among the funding weight 250 (index 8e18). Each
 * funding member gave 40 per unit of level: the founder 400 (200 left), alice 600 (300), dave 600 (300) and carol 400,
 * which leaves her 350 in arrears. Bob's account is frozen at 1,200; the pool holds 1,650.
 */
export async function deployArrears() {
  const s = await deployCommonfare();
  const [alice, bob, carol, dave, erin, frank, ...spare] = s.rest;
  const levels = [0, 1, 2, 0, 1];
  const members = [s.founder, alice, bob, carol, dave];
  for (const [i, m] of members.entries()) if (i > 0) await admit(s, m, levels[i]);
  for (const [i, m] of members.entries()) await fund(s, m, (m === carol ? 1n : 12n) * LEVELS[levels[i]].monthlyDeposit);
  await networkHelpers.time.increase(WAITING);
  const claimId = await startClaim(s, bob, alice);
  await s.commonfare.connect(bob).collectGift(1n);
  return { ...s, alice, bob, carol, dave, erin, frank, spare, members, levels, claimId };
}

/** `claimant` reports a claim naming `buddy`, who confirms it, then `board` (boardA): the claim starts. Returns its id. */
export async function startClaim(s: Base, claimant: Signer, buddy: Signer, circleId = 1n, board: Signer = s.boardA) {
  await s.commonfare.connect(claimant).reportClaim(circleId, buddy.address, note(`${claimant.address} is ill`));
  const id = (await s.commonfare.claimOf(circleId, claimant.address)).id;
  await s.commonfare.connect(buddy).confirmClaim(circleId, claimant.address);
  await s.commonfare.connect(board).confirmClaim(circleId, claimant.address);
  return id;
}

/** Founds a further circle in `currency` by `founder` (at `founderLevel`); returns its id. */
export async function found(
  s: Base,
  founder: Signer,
  r: Rules,
  levels: Level[] = LEVELS,
  board: Signer[] = [s.boardA, s.boardB],
  founderLevel = 0,
): Promise<bigint> {
  await s.commonfare.connect(founder).foundCircle(r, levels, board, founderLevel);
  return s.commonfare.circleCount();
}

/** `n` fresh accounts (deterministic addresses, impersonated, each with 100 ETH for gas) named by `label`. */
export async function accounts(label: string, n: number): Promise<Signer[]> {
  const out: Signer[] = [];
  for (let i = 0; i < n; i++) {
    const address = ethers.getAddress(ethers.dataSlice(ethers.id(`commonfare ${label} ${i}`), 12));
    await networkHelpers.impersonateAccount(address);
    await networkHelpers.setBalance(address, 100n * SCALE);
    out.push(await ethers.getSigner(address));
  }
  return out;
}

/** The levels of the worked example of docs/commonfare.md, in a 6-decimal stablecoin: 35 → 750, 70 → 1,500 and
 * 105 → 2,250 (with 6 decimals, each account's share is rounded up too, not only the index step). */
export const LEVELS6: Level[] = [
  { monthlyDeposit: u6(35), monthlyBenefit: u6(750) },
  { monthlyDeposit: u6(70), monthlyBenefit: u6(1_500) },
  { monthlyDeposit: u6(105), monthlyBenefit: u6(2_250) },
];

/**
 * Two circles in a 6-decimal stablecoin with the rules of the docs (minimum 20, maximum 50 members): circle 2 of 20
 * members and circle 3 of 50, both with the levels {LEVELS6} in turn (member i at level i mod 3), each member having
 * deposited 12 months, past the waiting period. Circle 1 (the 18-decimal one of {deployCommonfare}) is untouched.
 */
export async function deployCircles20and50() {
  const s = await deployCommonfare();
  const usdc = await ethers.deployContract("MockERC20", ["Demo Dollar", "dUSD", 6]);
  await s.commonfare.connect(s.council).setCurrency(usdc, true);
  const r = rules(await usdc.getAddress(), { minMembers: 20, maxMembers: 50 });
  const circles: { circleId: bigint; members: Signer[]; levels: number[] }[] = [];
  for (const size of [20, 50]) {
    const members = await accounts(`circle of ${size}`, size);
    const levels = members.map((_, i) => i % 3);
    const circleId = await found(s, members[0], r, LEVELS6);
    for (const [i, m] of members.entries()) {
      if (i > 0) await admit(s, m, levels[i], circleId);
      await fund(s, m, 12n * LEVELS6[levels[i]].monthlyDeposit, circleId, usdc);
    }
    circles.push({ circleId, members, levels });
  }
  await networkHelpers.time.increase(WAITING);
  return { ...s, usdc, circle20: circles[0], circle50: circles[1] };
}

/** Every account that was ever admitted into `circleId` (from the events). */
async function everMembers(commonfare: Commonfare, circleId: bigint): Promise<string[]> {
  const admitted = await commonfare.queryFilter(commonfare.filters.MemberAdmitted(circleId));
  return [...new Set(admitted.map((e) => e.args.member))];
}

/**
 * A circle's open books (CF-1), read back from the views and the events:
 * - `balances`: the sum of its accounts' balances (negative for arrears), and `arrears` the sum of the negative ones;
 * - `held`: the rounding held, `pool - balances`;
 * - `bound`: the stated bound on it, at most `W / 1e18 + 1` wei per gift or write-off (W the weight it was taken
 *   from), plus 1 wei per settlement (every event that settles an account) and per account still open;
 * - `flows`: deposits − withdrawals − payouts on leaving − gifts paid, from the events.
 */
export async function books(commonfare: Commonfare, circleId: bigint) {
  const c: ICommonfare.CircleViewStructOutput = await commonfare.circleOf(circleId);
  const members = await everMembers(commonfare, circleId);
  const all = await Promise.all(members.map((m) => commonfare.balanceOf(circleId, m)));
  const balances = sum(all);
  const arrears = -sum(all.filter((b) => b < 0n));
  const deposited = await commonfare.queryFilter(commonfare.filters.Deposited(circleId));
  const withdrawn = await commonfare.queryFilter(commonfare.filters.Withdrawn(circleId));
  const left = await commonfare.queryFilter(commonfare.filters.MemberLeft(circleId));
  const gifts = await commonfare.queryFilter(commonfare.filters.GiftCollected(circleId));
  const writeOffs = await commonfare.queryFilter(commonfare.filters.ArrearsWrittenOff(circleId));
  const levelChanges = await commonfare.queryFilter(commonfare.filters.LevelChanged(circleId));
  const starts = await commonfare.queryFilter(commonfare.filters.ClaimStarted(circleId));
  const flows =
    sum(deposited.map((e) => e.args.amount)) -
    sum(withdrawn.map((e) => e.args.amount)) -
    sum(left.map((e) => e.args.amount)) -
    sum(gifts.map((e) => e.args.amount));
  let bound = 0n;
  for (const g of gifts) bound += g.args.fundingWeight / SCALE + 1n;
  for (const w of writeOffs) {
    // The weight a write-off was taken from is the circle's funding weight right after it (the removed member's
    // weight already taken out).
    const after = await commonfare.circleOf(circleId, { blockTag: w.blockNumber });
    bound += after.fundingWeight / SCALE + 1n;
  }
  const settlements =
    deposited.length + withdrawn.length + left.length + writeOffs.length + levelChanges.length + starts.length;
  bound += BigInt(settlements + members.length);
  return { pool: c.pool, balances, arrears, held: c.pool - balances, bound, flows, circle: c };
}

/** Checks CF-1 for `circleId`: pool = balances + rounding held, 0 <= held <= its stated bound, and pool = the flows. */
export async function checkBooks(commonfare: Commonfare, circleId: bigint) {
  const b = await books(commonfare, circleId);
  expect(b.held, `CF-1: rounding held in circle ${circleId}`).to.be.at.least(0n).and.at.most(b.bound);
  expect(b.flows, `CF-1: deposits - payouts of circle ${circleId}`).to.equal(b.pool);
  return b;
}
