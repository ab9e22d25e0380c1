// GiftMath in the browser against figures worked out by hand: the index step and each share rounded up (so the
// accounts always give at least the gift; the pool keeps the difference), a member settled once after several gifts
// giving ceil of the whole rise (not the sum of each gift's ceiling), months begun by the second, months of cover
// rounded down, and a member settled to the index as Commonfare.accountOf settles it.
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { settleMember } from "./data/settle";
import type { MemberRecord } from "./data/types";
import {
  balanceAt,
  coverMonths,
  coverMonths1e2,
  given,
  indexStep,
  monthsBegun,
  mulDivCeil,
  NO_BURN,
  SCALE,
} from "./math";

const DAY = 86_400;
const MONTH = 30 * DAY;
/** dEUR has 6 decimals. */
const dEUR = (n: number) => BigInt(Math.round(n * 1_000_000));

describe("GiftMath's rounding, by hand", () => {
  it("rounds a product's quotient up, and only when it has a remainder", () => {
    expect(mulDivCeil(10n, SCALE, 3n)).toBe(3_333_333_333_333_333_334n);
    expect(mulDivCeil(9n, SCALE, 3n)).toBe(3n * SCALE);
    expect(mulDivCeil(0n, 5n, 7n)).toBe(0n);
    expect(() => mulDivCeil(1n, 1n, 0n)).toThrow(RangeError);
  });

  it("a gift of 10 among weights 1 and 2: the index rises by ⌈10e18/3⌉, the accounts give 4 and 7 (1 held)", () => {
    const step = indexStep(10n, 3n);
    expect(step).toBe(3_333_333_333_333_333_334n);
    // 1 × 3.333…334 = 3.333…334 → 4; 2 × 3.333…334 = 6.666…668 → 7.
    expect(given(1n, step, 0n)).toBe(4n);
    expect(given(2n, step, 0n)).toBe(7n);
    expect(given(1n, step, 0n) + given(2n, step, 0n) - 10n).toBe(1n);
    // A second gift of 5: ⌈5e18/3⌉ = 1.666…667e18, the index 5.000…001e18. Settled once: ⌈5.000…001⌉ = 6 and
    // ⌈10.000…002⌉ = 11, the sums of each gift's shares (4 + 2, 7 + 4).
    const index = step + indexStep(5n, 3n);
    expect(index).toBe(5_000_000_000_000_000_001n);
    expect(given(1n, index, 0n)).toBe(6n);
    expect(given(2n, index, 0n)).toBe(11n);
    expect(given(2n, index, step)).toBe(4n);
    expect(() => given(1n, 0n, 1n)).toThrow(RangeError);
  });

  it("a month's gift of 1,500 dEUR among 1,295 dEUR of monthly deposits: each level's share, rounded up", () => {
    // 1,500 / 1,295 = 1.158301 158301 158301 158… (the block 158301 repeats): the step is …158302.
    const step = indexStep(dEUR(1_500), dEUR(1_295));
    expect(step).toBe(1_158_301_158_301_158_302n);
    // 35 × 1.158301158… = 40.540540 54… dEUR → 40.540541; 70 × → 81.081081 08… → 81.081082; 105 × → 121.621621 62…
    expect(given(dEUR(35), step, 0n)).toBe(40_540_541n);
    expect(given(dEUR(70), step, 0n)).toBe(81_081_082n);
    expect(given(dEUR(105), step, 0n)).toBe(121_621_622n);
    // Three months collected one at a time, the member settled once: ⌈3 × 40.540540 54…⌉ = 121.621622, not
    // 3 × 40.540541 = 121.621623 (the whole rise is rounded once).
    const three = 3n * step;
    expect(given(dEUR(35), three, 0n)).toBe(121_621_622n);
    expect(given(dEUR(70), three, 0n)).toBe(243_243_244n);
    expect(given(dEUR(105), three, 0n)).toBe(364_864_865n);
  });

  it("a funding member's balance falls by its share; a claimant's is frozen", () => {
    const account = { balance: dEUR(630), snapshot: 0n };
    const step = indexStep(dEUR(1_500), dEUR(1_295));
    expect(balanceAt({ ...account, funding: true }, dEUR(35), step)).toBe(dEUR(630) - 40_540_541n);
    expect(balanceAt({ ...account, funding: false }, dEUR(35), step)).toBe(dEUR(630));
  });
});

describe("months of a claim and months of cover", () => {
  it("begins month k at startedAt + k × MONTH, the first at once, at most the maximum", () => {
    const start = 1_700_000_000;
    expect(monthsBegun(0, start, MONTH, 24)).toBe(0);
    expect(monthsBegun(start, start - 1, MONTH, 24)).toBe(0);
    expect(monthsBegun(start, start, MONTH, 24)).toBe(1);
    expect(monthsBegun(start, start + MONTH - 1, MONTH, 24)).toBe(1);
    expect(monthsBegun(start, start + MONTH, MONTH, 24)).toBe(2);
    expect(monthsBegun(start, start + 2 * MONTH + 5, MONTH, 24)).toBe(3);
    expect(monthsBegun(start, start + 100 * MONTH, MONTH, 24)).toBe(24);
  });

  it("holds pool × 100 / burn, rounded down; no burn is unbounded", () => {
    expect(coverMonths1e2(dEUR(3_000), dEUR(1_500))).toBe(200n);
    expect(coverMonths1e2(1n, 3n)).toBe(33n);
    expect(coverMonths1e2(dEUR(10_000), dEUR(2_250))).toBe(444n);
    expect(coverMonths1e2(5n, 0n)).toBe(NO_BURN);
    expect(coverMonths(444n)).toBe(4.44);
    expect(coverMonths(NO_BURN)).toBe(Infinity);
  });
});

describe("a member settled to its circle's index", () => {
  const record = (over: Partial<MemberRecord> = {}): MemberRecord => ({
    circleId: 1n,
    account: getAddress("0x00000000000000000000000000000000000000a1"),
    status: "Member",
    level: 0,
    settledBalance: dEUR(630),
    snapshot: 0n,
    deposited: dEUR(630),
    withdrawn: 0n,
    leftWith: 0n,
    received: 0n,
    settledGifted: 0n,
    writtenOff: 0n,
    memberships: 1,
    removed: false,
    claimableFrom: 0,
    levelChangeableFrom: 0,
    ...over,
  });
  const circle = {
    index: indexStep(dEUR(1_500), dEUR(1_295)),
    levels: [
      { monthlyDeposit: dEUR(35), monthlyBenefit: dEUR(750) },
      { monthlyDeposit: dEUR(70), monthlyBenefit: dEUR(1_500) },
    ],
    rules: { capMonths: 36, floorMonths: 6 },
  };

  it("gives its share since the snapshot: balance, gifted, cap, floor, what it may withdraw and deposit", () => {
    const m = settleMember(record(), circle);
    expect(m).toMatchObject({
      monthlyDeposit: dEUR(35),
      monthlyBenefit: dEUR(750),
      givenSinceSnapshot: 40_540_541n,
      balance: dEUR(630) - 40_540_541n,
      gifted: 40_540_541n,
      arrears: 0n,
      cap: dEUR(1_260),
      floor: dEUR(210),
      available: dEUR(420) - 40_540_541n,
      room: dEUR(630) + 40_540_541n,
    });
    // deposited − withdrawn − leftWith − gifted + written off = the balance (the subgraph's per-account books).
    expect(m.deposited - m.withdrawn - m.leftWith - m.gifted + m.writtenOff).toBe(m.balance);
  });

  it("is frozen while claiming, shows arrears when the share exceeds the balance, and nothing once out", () => {
    expect(settleMember(record({ status: "Claiming" }), circle)).toMatchObject({ balance: dEUR(630), gifted: 0n });
    const poor = settleMember(record({ settledBalance: dEUR(20), level: 1 }), circle);
    expect(poor).toMatchObject({ balance: dEUR(20) - 81_081_082n, arrears: 81_081_082n - dEUR(20), available: 0n });
    expect(poor.room).toBe(dEUR(2_520) - poor.balance);
    const left = settleMember(record({ status: "None", settledBalance: 0n, memberships: 1 }), circle);
    expect(left).toMatchObject({ balance: 0n, available: 0n, room: 0n, givenSinceSnapshot: 0n });
  });
});
