// The subgraph reader against a stand-in GraphQL endpoint serving the entities the mapping keeps for the fold
// test's story (subgraph/src/mappings/resource-registry): seasons and holdings derived like getSeason / holdingOf
// before and after season 2 opens, accreditations, approvals, and landings paged newest first by index.
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubGraphql } from "../../shared/data/testing";
import { createResourceSubgraphReader } from "./subgraph";
import { LIST_PAGE } from "./types";

const A = "0x00000000000000000000000000000000000000a1";
const B = "0x00000000000000000000000000000000000000b2";
const C = "0x00000000000000000000000000000000000000c3";
const D = "0x00000000000000000000000000000000000000d4";
const DARA = "0x00000000000000000000000000000000000000da";
const HAL = "0x0000000000000000000000000000000000000011";
const HASH = `0x${"ab".repeat(32)}`;

const resource = (openedSeason: number) => ({
  id: "1",
  name: "Plaice",
  unit: "t",
  firstSeasonStart: "1000",
  seasonLength: "100",
  totalShares: "10",
  openedSeason,
  lastAssessedSeason: 2,
  targetRate: "200000000000000000",
  precautionaryBiomass: "1000",
  limitBiomass: "400",
  maxRiseBps: 2000,
  maxCutBps: 1000,
  carryOverBps: 1000,
  concentrationCapBps: 5000,
  closedPeriodStarts: ["10"],
  closedPeriodEnds: ["20"],
  holderCount: 2,
  landingCount: 30,
  entitlementTransferCount: 1,
});
const season = (number: number, s: Record<string, unknown>) => ({
  number,
  assessed: true,
  biomass: "0",
  ruleCap: "0",
  cap: "0",
  reportHash: HASH,
  opened: false,
  carryVoided: false,
  carriedIn: "0",
  allocationPerShare: "0",
  carryLimitPerShare: "0",
  landed: "0",
  carryForward: "0",
  closed: false,
  leftInSea: "0",
  ...s,
});
const position = (holder: string, seasonNumber: number, p: Record<string, unknown>) => ({
  holder,
  seasonNumber,
  settled: true,
  seasonShares: "0",
  allocated: "0",
  carriedIn: "0",
  received: "0",
  sent: "0",
  landed: "0",
  entitlement: "0",
  carryLimit: "0",
  ...p,
});

/** Season 2 started (time 1150) but not opened: what the mapping holds after season 1's events. */
const before = {
  time: 1_150,
  resource: resource(1),
  seasons: [
    season(2, { biomass: "4500", ruleCap: "900", cap: "900" }),
    season(1, {
      biomass: "5000",
      ruleCap: "1000",
      cap: "1000",
      opened: true,
      allocationPerShare: "100",
      carryLimitPerShare: "10",
      landed: "365",
      carryForward: "45",
    }),
  ],
  positions: [
    position(A, 1, {
      seasonShares: "6",
      allocated: "600",
      sent: "580",
      landed: "15",
      entitlement: "5",
      carryLimit: "60",
    }),
    position(B, 1, { seasonShares: "4", allocated: "400", landed: "350", entitlement: "50", carryLimit: "40" }),
    position(C, 1, { received: "580", entitlement: "580" }),
  ],
  shares: { [A]: "6", [B]: "4" } as Record<string, string>,
};
/** Season 2 opened (season 1 closed), B settled into it and moved a share to D. */
const after = {
  ...before,
  resource: resource(2),
  seasons: [
    season(2, {
      biomass: "4500",
      ruleCap: "900",
      cap: "900",
      opened: true,
      carriedIn: "45",
      allocationPerShare: "85",
      carryLimitPerShare: "8",
      carryForward: "80",
    }),
    { ...before.seasons[1], closed: true, leftInSea: "590" },
  ],
  positions: [
    ...before.positions,
    position(A, 2, {
      settled: false,
      seasonShares: "6",
      allocated: "510",
      carriedIn: "5",
      entitlement: "515",
      carryLimit: "48",
    }),
    position(B, 2, { seasonShares: "4", allocated: "340", carriedIn: "40", entitlement: "380", carryLimit: "32" }),
    position(D, 2, {}),
  ],
  shares: { [A]: "6", [B]: "3", [D]: "1" } as Record<string, string>,
};
/** 30 landings, alternating holders A and B, index i landing i + 1 units. */
const landings = Array.from({ length: 30 }, (_, i) => ({
  index: i,
  holder: i % 2 ? A : B,
  buyer: HAL,
  seasonNumber: 1,
  amount: String(i + 1),
  ticket: HASH,
  blockNumber: String(100 + i),
  transactionHash: `0x${(i + 1).toString(16).padStart(64, "0")}`,
}));

/** Answers the reader's queries from `world` with graph-node's where / orderBy / first semantics for these fields. */
function serve(world: typeof before) {
  return stubGraphql((op, variables) => {
    const v = variables as { id?: string; after?: string; season?: string; first: number; before: number } & {
      holder: string;
      holders?: string[];
    };
    const meta = { _meta: { block: { number: 50, timestamp: world.time } } };
    const data = (() => {
      switch (op) {
        case "Resources":
          return { ...meta, resources: v.after === "" ? [world.resource] : [] };
        case "Stock":
          return {
            ...meta,
            resource: v.id === "1" ? world.resource : null,
            seasons: world.seasons,
            accreditations: [
              { kind: "Assessor", account: DARA },
              { kind: "Buyer", account: HAL },
            ],
          };
        case "Positions": {
          const n = Number(String(v.season).split("-")[1]);
          const rows = world.positions.filter((p) => p.seasonNumber === n && p.holder > v.after!);
          return { holderSeasons: rows.sort((x, y) => (x.holder < y.holder ? -1 : 1)).slice(0, v.first) };
        }
        case "SharesOf":
          return {
            shareBalances: v
              .holders!.filter((h) => world.shares[h])
              .map((h) => ({ holder: h, balance: world.shares[h] })),
          };
        case "Holding": {
          const mine = world.positions.filter((p) => p.holder === v.holder);
          return {
            shareBalance: world.shares[v.holder] ? { balance: world.shares[v.holder] } : null,
            holderSeasons: mine.sort((x, y) => y.seasonNumber - x.seasonNumber).slice(0, 1),
          };
        }
        case "Approvals":
          return { buyerApprovals: v.holder === A ? [{ buyer: HAL }] : [] };
        case "Landings":
        case "HolderLandings":
          return {
            landings: landings
              .filter((l) => l.index < v.before && (!v.holder || l.holder === v.holder))
              .reverse()
              .slice(0, v.first),
          };
      }
      throw new Error(`unexpected query ${op}`);
    })();
    return data;
  });
}

afterEach(() => vi.unstubAllGlobals());

const reader = () => createResourceSubgraphReader("http://subgraph.test/graphql");

describe("resource subgraph reader", () => {
  it("lists the resources with their configuration, at the indexed block", async () => {
    serve(before);
    const list = await reader().resources();
    expect([list.block, list.time, list.resources.length]).toEqual([50n, 1_150, 1]);
    expect(list.resources[0].info).toMatchObject({
      name: "Plaice",
      totalShares: 10,
      rule: { targetRate: 2n * 10n ** 17n, precautionaryBiomass: 1_000n, limitBiomass: 400n },
      closedPeriods: [{ start: 10, end: 20 }],
    });
    expect(list.resources[0].unit.fmt(1_500n * 10n ** 18n)).toBe("1,500 t");
  });

  it("a stock before season 2 opens: season 2 projected from season 1's carry-forward, like getSeason", async () => {
    const seen = serve(before);
    const s = (await reader().stock(1n))!;
    expect([s.current, s.seasons.length, s.maxHolding, s.landingCount]).toEqual([2, 2, 450n, 30]);
    expect(s.seasons[1]).toMatchObject({ opened: false, carriedIn: 45n, allocationPerShare: 85n, carryForward: 80n });
    expect(s.seasons[0]).toMatchObject({ opened: true, landed: 365n, carryForward: 45n, carriedOver: undefined });
    expect([s.assessors, s.buyers].map((x) => x.map((a) => a.toLowerCase()))).toEqual([[DARA], [HAL]]);
    expect(seen.map((c) => c.op)).toEqual(["Stock"]);
    expect(await reader().stock(2n)).toBeUndefined();
  });

  it("holdings before season 2 opens: carry-in pending from the settled season-1 positions, like holdingOf", async () => {
    serve(before);
    const page = await reader().holders(1n);
    expect(page.next).toBeUndefined();
    expect(page.items.map((h) => [h.holder.toLowerCase(), h.entitlement, h.pendingCarryIn, h.carryLimit])).toEqual([
      [A, 515n, 5n, 48n],
      [B, 380n, 40n, 32n],
    ]);
    const c = await reader().holding(1n, C as `0x${string}`);
    expect([c.shares, c.entitlement, c.settled]).toEqual([0n, 0n, false]);
  });

  it("holdings once season 2 opened: the season's positions as the mapping keeps them, shares now", async () => {
    serve(after);
    const s = (await reader().stock(1n))!;
    expect(s.seasons[0]).toMatchObject({ closed: true, carriedOver: 45n, leftInSea: 590n });
    const b = await reader().holding(1n, B as `0x${string}`);
    expect([b.settled, b.shares, b.seasonShares, b.allocated, b.carriedIn, b.pendingCarryIn, b.entitlement]).toEqual([
      true,
      3n,
      4n,
      340n,
      40n,
      0n,
      380n,
    ]);
    const a = await reader().holding(1n, A as `0x${string}`);
    expect([a.settled, a.pendingCarryIn, a.entitlement, a.carryLimit]).toEqual([false, 5n, 515n, 48n]);
    // D holds a share but nothing of season 2: listed for its share.
    const holders = await reader().holders(1n);
    expect(holders.items.map((h) => [h.holder.toLowerCase(), h.shares])).toEqual([
      [A, 6n],
      [B, 3n],
      [D, 1n],
    ]);
  });

  it("approvals of a holder", async () => {
    serve(before);
    expect((await reader().approvals(1n, A as `0x${string}`)).map((a) => a.toLowerCase())).toEqual([HAL]);
    expect(await reader().approvals(1n, B as `0x${string}`)).toEqual([]);
  });

  it("landings newest first, a page at a time by index, all or of one holder", async () => {
    serve(before);
    const first = await reader().landings(1n, {});
    expect([first.items.length, first.items[0].index, first.items[LIST_PAGE - 1].index, first.next]).toEqual([
      LIST_PAGE,
      29,
      5,
      "5",
    ]);
    expect([first.items[0].amount, first.items[0].blockNumber]).toEqual([30n, 129n]);
    const second = await reader().landings(1n, {}, first.next);
    expect([second.items.map((l) => l.index), second.next]).toEqual([[4, 3, 2, 1, 0], undefined]);
    const mine = await reader().landings(1n, { holder: A as `0x${string}` });
    expect(mine.items.map((l) => l.index)).toEqual([29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1]);
  });
});
