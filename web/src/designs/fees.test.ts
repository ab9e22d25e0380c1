// The dApp's fee arithmetic against values worked out by hand from FeeSplit.sol and DesignCommons.payPeriods: fees
// for units and periods, each ancestor's share rounded down with every remainder left to the design's project, and
// which periods a licence may still pay for before its expiry.
import { parseEther } from "viem";
import { describe, expect, it } from "vitest";
import {
  amountIn,
  bpsText,
  feeForPeriods,
  feeForUnits,
  lastPeriodStart,
  maxPeriods,
  paidUntilAfter,
  periodsBeyondExpiry,
  splitFee,
} from "./fees";

const ancestor = (designId: bigint, shareBps: number) => ({ designId, projectId: designId + 100n, shareBps });

describe("fees for units and periods", () => {
  it("multiplies the quantity by the terms' rate; a commons licence pays no unit fee", () => {
    const terms = { feePerUnit: parseEther("0.0025"), feePerPeriod: 7n };
    expect(feeForUnits(terms, 40n)).toBe(parseEther("0.1"));
    expect(feeForUnits(terms, 40n, "commercial")).toBe(100_000_000_000_000_000n);
    expect(feeForUnits(terms, 40n, "commons")).toBe(0n);
    expect(feeForUnits({ feePerUnit: 0n }, 1_000n)).toBe(0n);
    expect(feeForPeriods(terms, 3)).toBe(21n);
    expect(feeForPeriods(terms, 3n)).toBe(21n);
    // The contract's widths: a uint128 quantity times a uint96 rate is exact.
    expect(feeForUnits({ feePerUnit: 2n ** 96n - 1n }, 2n ** 128n - 1n)).toBe((2n ** 96n - 1n) * (2n ** 128n - 1n));
  });
});

describe("splitting a fee", () => {
  it("rounds each ancestor's share down and leaves every remainder to the design's project", () => {
    // 1001 × 1000 / 10000 = 100.1 → 100; 1001 × 333 / 10000 = 33.33 → 33; 1001 × 1 / 10000 = 0.1001 → 0.
    const split = splitFee(1001n, [ancestor(1n, 1000), ancestor(2n, 333), ancestor(3n, 1)]);
    expect(split.ancestors.map((a) => a.amount)).toEqual([100n, 33n, 0n]);
    expect(split.project).toBe(868n);
    expect(split.ancestors[1]).toEqual({ designId: 2n, projectId: 102n, shareBps: 333, amount: 33n });
  });

  it("splits a round fee exactly, and a fee too small for any share wholly to the project", () => {
    const half = splitFee(parseEther("1"), [ancestor(1n, 2500), ancestor(2n, 2500)]);
    expect(half.ancestors.map((a) => a.amount)).toEqual([parseEther("0.25"), parseEther("0.25")]);
    expect(half.project).toBe(parseEther("0.5"));
    expect(splitFee(9_999n, [ancestor(1n, 1), ancestor(2n, 1)]).project).toBe(9_999n);
    expect(splitFee(0n, [ancestor(1n, 5000)])).toEqual({
      ancestors: [{ ...ancestor(1n, 5000), amount: 0n }],
      project: 0n,
    });
    expect(splitFee(77n, [])).toEqual({ ancestors: [], project: 77n });
  });

  it("parts always sum to the fee, to the wei", () => {
    const shares = [4999, 1, 0, 17];
    for (const fee of [1n, 3n, 10_001n, 123_456_789n, parseEther("3.3333")]) {
      const split = splitFee(
        fee,
        shares.map((s, i) => ancestor(BigInt(i + 1), s)),
      );
      const parts = split.ancestors.reduce((sum, a) => sum + a.amount, split.project);
      expect(parts).toBe(fee);
      for (const a of split.ancestors) expect(a.amount).toBe((fee * BigInt(a.shareBps)) / 10_000n);
    }
  });
});

describe("paying periods before the licence expires", () => {
  // Taken at 1000, valid until 1100, periods of 30 seconds.
  const fresh = { paidUntil: 1000, expiresAt: 1100 };

  it("extends paid time from the later of paidUntil and now", () => {
    expect(paidUntilAfter(1000, 1000, 2, 30)).toBe(1060);
    expect(paidUntilAfter(1000, 1050, 2, 30)).toBe(1110); // a lapse is not paid for
    expect(paidUntilAfter(1080, 1010, 1, 30)).toBe(1110);
    expect(lastPeriodStart(1000, 1000, 4, 30)).toBe(1090);
  });

  it("refuses periods whose last one starts at or after the expiry, as the contract does", () => {
    // 4 periods: the last starts at 1090 < 1100; 5: at 1120.
    expect(periodsBeyondExpiry(fresh, 30, 4, 1000)).toBe(false);
    expect(periodsBeyondExpiry(fresh, 30, 5, 1000)).toBe(true);
    expect(maxPeriods(fresh, 30, 1000)).toBe(4);
    // A last period starting exactly at the expiry is refused.
    const at = { paidUntil: 1000, expiresAt: 1090 };
    expect(periodsBeyondExpiry(at, 30, 4, 1000)).toBe(true);
    expect(periodsBeyondExpiry(at, 30, 3, 1000)).toBe(false);
    expect(maxPeriods(at, 30, 1000)).toBe(3);
    // Paid ahead: from 1080 one period fits; paid through the expiry: none.
    expect(maxPeriods({ paidUntil: 1080, expiresAt: 1100 }, 30, 1010)).toBe(1);
    expect(maxPeriods({ paidUntil: 1100, expiresAt: 1100 }, 30, 1010)).toBe(0);
    expect(periodsBeyondExpiry({ paidUntil: 1100, expiresAt: 1100 }, 30, 1, 1010)).toBe(true);
    // After a lapse, from now: 1050 + 30 = 1080 < 1100 still starts a period; 1110 does not.
    expect(maxPeriods(fresh, 30, 1050)).toBe(2);
    expect(maxPeriods(fresh, 30, 1100)).toBe(0);
  });

  it("agrees with the contract's test for every count around the limit", () => {
    for (const [licence, length, now] of [
      [fresh, 30, 1000],
      [{ paidUntil: 5_000, expiresAt: 86_400 * 365 }, 86_400 * 30, 9_999],
      [{ paidUntil: 0, expiresAt: 7 }, 1, 3],
    ] as const) {
      const max = maxPeriods(licence, length, now);
      for (let p = 1; p <= max + 3; p++) expect(periodsBeyondExpiry(licence, length, p, now)).toBe(p > max);
    }
  });
});

describe("shares and amounts as text", () => {
  it("writes basis points as a percentage and amounts in their currency", () => {
    expect(bpsText(1250)).toBe("12.5 %");
    expect(bpsText(5000n)).toBe("50 %");
    expect(amountIn({ decimals: 6, symbol: "USDC" })(1_234_567_891n)).toBe("1,234.567891 USDC");
    expect(amountIn({ decimals: 18, symbol: "ETH" })(parseEther("0.5"))).toBe("0.5 ETH");
  });
});
