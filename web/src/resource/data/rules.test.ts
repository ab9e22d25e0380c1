// The registry's arithmetic in the browser against values worked out by hand from HarvestControlRule.sol and the
// registry's views: seasons by time, the hockey-stick rule, closed periods, opening terms, carry-over, projections.
import { describe, expect, it } from "vitest";
import {
  carryGain,
  carryIn,
  closures,
  emptySeason,
  holdingView,
  maxHoldingAt,
  openingTerms,
  ruleCapOf,
  seasonAt,
  seasonStart,
  seasonView,
  termsOf,
  WAD,
  type StockState,
} from "./rules";
import type { StoredSeason } from "./types";

const HOLDER = "0x00000000000000000000000000000000000000A1";
const cal = { firstSeasonStart: 1_000n, seasonLength: 100 };

describe("seasons by time", () => {
  it("numbers seasons from 1 at firstSeasonStart, 0 before", () => {
    expect([999, 1_000, 1_099, 1_100, 1_350].map((t) => seasonAt(cal, t))).toEqual([0, 1, 1, 2, 4]);
    expect([1, 2, 4].map((n) => seasonStart(cal, n))).toEqual([1_000, 1_100, 1_300]);
  });

  it("places the closed periods in a season and finds the one now and the next", () => {
    const info = {
      ...cal,
      closedPeriods: [
        { start: 10, end: 20 },
        { start: 50, end: 60 },
      ],
    };
    const c = closures(info, 2, 1_115);
    expect(c.periods).toEqual([
      { from: 1_110, until: 1_120 },
      { from: 1_150, until: 1_160 },
    ]);
    expect([c.start, c.end, c.now, c.next]).toEqual([1_100, 1_200, { from: 1_110, until: 1_120 }, c.periods[1]]);
    expect(closures(info, 2, 1_170)).toMatchObject({ now: undefined, next: undefined });
  });
});

describe("harvest rule", () => {
  const rule = {
    targetRate: WAD / 5n,
    precautionaryBiomass: 1_000n * WAD,
    limitBiomass: 400n * WAD,
    maxRiseBps: 0,
    maxCutBps: 0,
  };
  it("is zero at or below Blim, F x B at or above Bpa, linear between (rounding down)", () => {
    expect(ruleCapOf(rule, 400n * WAD)).toBe(0n);
    expect(ruleCapOf(rule, 2_000n * WAD)).toBe(400n * WAD);
    expect(ruleCapOf(rule, 1_000n * WAD)).toBe(200n * WAD);
    // Half way between Blim and Bpa: half of F x Bpa.
    expect(ruleCapOf(rule, 700n * WAD)).toBe(100n * WAD);
    expect(ruleCapOf(rule, 400n * WAD + 1n)).toBe((200n * WAD) / (600n * WAD));
  });
});

describe("opening terms and carry-over", () => {
  it("takes the carry into the cap, shares the rest per share and limits the carry per share", () => {
    expect(openingTerms(1_000n, 45n, 10n, 1_000n)).toEqual({
      carryVoided: false,
      carriedIn: 45n,
      allocationPerShare: 95n,
      carryLimitPerShare: 9n,
    });
  });

  it("voids a carry that does not fit the cap", () => {
    expect(openingTerms(30n, 45n, 10n, 1_000n)).toEqual({
      carryVoided: true,
      carriedIn: 0n,
      allocationPerShare: 3n,
      carryLimitPerShare: 0n,
    });
  });

  it("carryGain is min(high, limit) - min(low, limit)", () => {
    expect([carryGain(20n, 600n, 60n), carryGain(5n, 20n, 60n), carryGain(50n, 400n, 40n)]).toEqual([40n, 15n, 0n]);
  });

  it("carries into a season: nothing in season 1 or when void; the unused part up to the limit; else the whole limit", () => {
    const slot = { season: 1, entitlement: 5n, seasonShares: 6n };
    expect(carryIn(false, 1, undefined, 6n, 10n)).toBe(0n);
    expect(carryIn(true, 2, slot, 6n, 10n)).toBe(0n);
    expect(carryIn(false, 2, slot, 6n, 10n)).toBe(5n);
    expect(carryIn(false, 2, { ...slot, entitlement: 500n }, 6n, 10n)).toBe(60n);
    // Untouched in the previous season: its whole limit from the shares it holds now.
    expect(carryIn(false, 3, slot, 4n, 10n)).toBe(40n);
  });
});

describe("views derived from stored seasons (getSeason, holdingOf, maxHolding)", () => {
  const season = (s: Partial<StoredSeason>): StoredSeason => ({ ...emptySeason(), ...s });
  const state: StockState = {
    info: { ...cal, totalShares: 10, openedSeason: 1, carryOverBps: 1_000, concentrationCapBps: 5_000 },
    seasons: new Map([
      [
        1,
        season({
          assessed: true,
          cap: 1_000n,
          opened: true,
          allocationPerShare: 100n,
          carryLimitPerShare: 10n,
          landed: 365n,
          carryForward: 45n,
        }),
      ],
      [2, season({ assessed: true, cap: 900n })],
    ]),
  };

  it("an opened season is as stored; a future one has no terms", () => {
    const s1 = seasonView(state, 1, 1_150);
    expect([s1.allocationPerShare, s1.carryLimitPerShare, s1.carryForward, s1.landed, s1.start, s1.end]).toEqual([
      100n,
      10n,
      45n,
      365n,
      1_000,
      1_100,
    ]);
    expect(seasonView(state, 2, 1_050)).toMatchObject({ cap: 900n, allocationPerShare: 0n, carriedIn: 0n });
  });

  it("a started, unopened season shows what opening it now would give", () => {
    expect(termsOf(state, 2)).toEqual({
      carryVoided: false,
      carriedIn: 45n,
      allocationPerShare: 85n,
      carryLimitPerShare: 8n,
    });
    expect(seasonView(state, 2, 1_150)).toMatchObject({ carriedIn: 45n, allocationPerShare: 85n, carryForward: 80n });
    // Season 3 has no assessment: cap 0, the carry of season 2's projection (80) is void.
    expect(seasonView(state, 3, 1_250)).toMatchObject({
      cap: 0n,
      carryVoided: true,
      carriedIn: 0n,
      allocationPerShare: 0n,
    });
  });

  it("holdingOf: settled as stored, otherwise projected with the pending carry-in", () => {
    const slot = { season: 1, seasonShares: 6n, entitlement: 5n, landed: 15n, carriedIn: 0n, received: 0n, sent: 580n };
    expect(holdingView(state, 1_050, HOLDER, 6n, slot)).toMatchObject({
      season: 1n,
      settled: true,
      allocated: 600n,
      entitlement: 5n,
      landed: 15n,
      carryLimit: 60n,
      sent: 580n,
    });
    expect(holdingView(state, 1_150, HOLDER, 6n, slot)).toMatchObject({
      season: 2n,
      settled: false,
      seasonShares: 6n,
      allocated: 510n,
      pendingCarryIn: 5n,
      carriedIn: 5n,
      entitlement: 515n,
      landed: 0n,
      carryLimit: 48n,
    });
    expect(holdingView(state, 999, HOLDER, 6n, undefined)).toMatchObject({ season: 0n, shares: 6n, entitlement: 0n });
  });

  it("maxHolding is the current season's stored cap times the concentration cap", () => {
    expect([maxHoldingAt(state, 1_050), maxHoldingAt(state, 1_150), maxHoldingAt(state, 999)]).toEqual([
      500n,
      450n,
      0n,
    ]);
  });
});
