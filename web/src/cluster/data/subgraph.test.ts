// The cluster exchange's subgraph reader against a stand-in graph-node: the mapping onto the screens' views (an intent's
// terms and its last change's time, an order's record with its offer's place and unit, its steps, null fields left
// out, the totals, all zero before the exchange's first event), each filter sent as one `where` variable with the
// cursor in it, and the paging (intent and order ids newest first, boards by id, one row more than a page to tell
// whether more follow).
import { getAddress, stringToHex, zeroHash } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ABOVE_EVERY_ID } from "../../shared/data/pages";
import { hash32, stubGraphql } from "../../shared/data/testing";
import { createClusterSubgraphReader } from "./subgraph";
import { CLUSTER_PAGE, LIVE_STATES } from "./types";

const URL = "http://subgraph.test/graphql";
const EXCHANGE = getAddress("0x000000000000000000000000000000000000c1a5");
const account = (i: number) => getAddress(`0x${(0x1000 + i).toString(16).padStart(40, "0")}`);
const low = (a: string) => a.toLowerCase();
const reader = () => createClusterSubgraphReader(URL, EXCHANGE);
const PCS = stringToHex("pcs", { size: 8 });

type Vars = Record<string, unknown> & { where?: Record<string, unknown>; first?: number; after?: string };
/** Answers each operation by name; records the variables of every request. */
const serve = (answers: Record<string, (v: Vars) => unknown>) => stubGraphql((op, v) => answers[op](v as Vars));

afterEach(() => vi.unstubAllGlobals());

const intentRow = <O extends object>(id: number, over: O = {} as O) => ({
  intentId: String(id),
  owner: low(account(1)),
  side: id % 2 ? "Offer" : "Need",
  category: "7",
  unit: "pcs",
  unitBytes: PCS,
  designId: "0",
  spec: zeroHash,
  quantity: "100",
  price: "10",
  start: "1700000000",
  end: "1800000000",
  lat: 44_493_700,
  lon: -1_343_000,
  maxDistance: "20000",
  matched: "30",
  remaining: "70",
  active: true,
  version: 1,
  orderCount: 2,
  postedAt: String(1_700_000_000 + id),
  postedAtBlock: String(40 + id),
  postedTransaction: hash32(1_000 + id),
  withdrawnAt: null,
  changes: [{ timestamp: String(1_700_000_100 + id) }],
  ...over,
});
const orderRow = <O extends object>(id: number, over: O = {} as O) => ({
  orderId: String(id),
  offerId: "1",
  needId: "2",
  producer: low(account(1)),
  buyer: low(account(2)),
  designId: "3",
  quantity: "30",
  price: "11",
  matchedAt: "1700000500",
  dueBy: "1800000000",
  promisedAt: "0",
  shippedAt: "0",
  state: "Matched",
  offer: { category: "7", unit: "pcs", unitBytes: PCS, lat: 44_493_700, lon: 11_343_000 },
  acceptedAt: null,
  inProductionAt: null,
  deliveredAt: null,
  cancelledAt: null,
  disputedAt: null,
  deliveredQuantity: "0",
  amount: null,
  obligationId: null,
  deliveredBy: null,
  disputeReason: null,
  cancelledBy: null,
  returned: "0",
  matchedAtBlock: String(50 + id),
  matchedTransaction: hash32(2_000 + id),
  ...over,
});
/** Rows `where` holds before its cursor, newest first by `key`, as graph-node does with `…_lt`, `first`. */
const newest = <T>(rows: T[], key: (r: T) => bigint, cursor: string, v: Vars) =>
  rows
    .filter((r) => key(r) < BigInt(v.where![cursor] as string))
    .sort((a, b) => (key(a) < key(b) ? 1 : -1))
    .slice(0, v.first);

describe("the cluster exchange's subgraph reader", () => {
  it("info: the exchange's totals by its lower-case address; all zero before its first event", async () => {
    const counts = {
      intentCount: 9,
      offerCount: 5,
      needCount: 4,
      activeOfferCount: 3,
      activeNeedCount: 2,
      orderCount: 12,
      matchedOrderCount: 1,
      acceptedOrderCount: 2,
      inProductionOrderCount: 3,
      shippedOrderCount: 1,
      deliveredOrderCount: 4,
      cancelledOrderCount: 0,
      disputedOrderCount: 1,
      quantityMatched: "500",
      quantityReturned: "20",
      quantityDelivered: "300",
      obligationCount: 4,
      creditSettled: "123456789012345678901",
    };
    const calls = serve({ ClusterExchange: () => ({ clusterExchange: counts }) });
    expect(await reader().info()).toEqual({
      intentCount: 9,
      offerCount: 5,
      needCount: 4,
      activeOfferCount: 3,
      activeNeedCount: 2,
      orderCount: 12,
      ordersByState: { Matched: 1, Accepted: 2, InProduction: 3, Shipped: 1, Delivered: 4, Cancelled: 0, Disputed: 1 },
      quantityMatched: 500n,
      quantityReturned: 20n,
      quantityDelivered: 300n,
      obligationCount: 4,
      creditSettled: 123_456_789_012_345_678_901n,
    });
    expect(calls[0].variables).toEqual({ exchange: low(EXCHANGE) });

    serve({ ClusterExchange: () => ({ clusterExchange: null }) });
    const empty = await reader().info();
    expect(empty).toMatchObject({ intentCount: 0, orderCount: 0, quantityMatched: 0n, creditSettled: 0n });
    expect(Object.values(empty.ordersByState)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it("categories: by id, a page after the last id", async () => {
    const board = (category: number) => ({
      id: `${category}-${PCS}`,
      category: String(category),
      unit: "pcs",
      unitBytes: PCS,
      activeOfferCount: 1,
      activeNeedCount: 2,
      openOfferQuantity: "10",
      openNeedQuantity: "20",
      matchedQuantity: "30",
      deliveredQuantity: "5",
      orderCount: 3,
    });
    const rows = Array.from({ length: CLUSTER_PAGE + 1 }, (_, i) => board(i + 1)).sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    const calls = serve({
      ClusterCategories: (v) => ({ clusterCategories: rows.filter((r) => r.id > v.after!).slice(0, v.first) }),
    });
    const first = await reader().categories();
    expect(first.items[0]).toEqual({
      category: 1,
      unit: PCS,
      unitText: "pcs",
      activeOfferCount: 1,
      activeNeedCount: 2,
      openOfferQuantity: 10n,
      openNeedQuantity: 20n,
      matchedQuantity: 30n,
      deliveredQuantity: 5n,
      orderCount: 3,
    });
    expect(first.next).toBe(rows[CLUSTER_PAGE - 1].id);
    const last = await reader().categories(first.next);
    expect(last.items.map((b) => b.category)).toEqual([Number(rows[CLUSTER_PAGE].category)]);
    expect(last.next).toBeUndefined();
    expect(calls.map((c) => c.variables)).toEqual([
      { after: "", first: CLUSTER_PAGE + 1 },
      { after: rows[CLUSTER_PAGE - 1].id, first: CLUSTER_PAGE + 1 },
    ]);
  });

  it("intents: every filter in one `where` with the cursor, newest first, pages of any size", async () => {
    const rows = Array.from({ length: CLUSTER_PAGE + 2 }, (_, i) => intentRow(i + 1));
    const calls = serve({
      ClusterIntents: (v) => ({ clusterIntents: newest(rows, (r) => BigInt(r.intentId), "intentId_lt", v) }),
      ClusterIntent: (v) =>
        v.id === "4"
          ? { clusterIntent: intentRow(4, { active: false, withdrawnAt: "1700000900", version: 3 }) }
          : { clusterIntent: null },
    });
    const first = await reader().intents({});
    expect(calls[0].variables).toEqual({ where: { intentId_lt: ABOVE_EVERY_ID }, first: CLUSTER_PAGE + 1 });
    expect(first.items[0]).toEqual({
      id: BigInt(CLUSTER_PAGE + 2),
      terms: {
        owner: account(1),
        side: "need",
        category: 7,
        unit: PCS,
        designId: 0n,
        spec: zeroHash,
        quantity: 100n,
        price: 10n,
        start: 1_700_000_000,
        end: 1_800_000_000,
        lat: 44_493_700,
        lon: -1_343_000,
        maxDistance: 20_000,
      },
      unitText: "pcs",
      matched: 30n,
      remaining: 70n,
      active: true,
      version: 1,
      orderCount: 2,
      postedAt: 1_700_000_000 + CLUSTER_PAGE + 2,
      updatedAt: 1_700_000_100 + CLUSTER_PAGE + 2,
      blockNumber: BigInt(40 + CLUSTER_PAGE + 2),
      txHash: hash32(1_000 + CLUSTER_PAGE + 2),
    });
    expect(first.next).toBe("3");
    const last = await reader().intents({}, first.next);
    expect(last.items.map((i) => i.id)).toEqual([2n, 1n]);
    expect(last.next).toBeUndefined();
    expect(calls[1].variables).toEqual({ where: { intentId_lt: "3" }, first: CLUSTER_PAGE + 1 });

    // Every filter at once: the side as the schema's enum, the owner and the unit in lower case, open = active with
    // something unmatched and its end not passed, the box's bounds included.
    const small = await reader().intents(
      {
        side: "offer",
        owner: account(1),
        category: 7,
        unit: PCS.toUpperCase().replace("0X", "0x") as typeof PCS,
        openAt: 1_750_000_000,
        box: { latMin: 44_000_000, latMax: 45_000_000, lonMin: -2_000_000, lonMax: 0 },
      },
      "10",
      4,
    );
    expect(calls[2].variables).toEqual({
      where: {
        side: "Offer",
        owner: low(account(1)),
        category: "7",
        unitBytes: PCS,
        active: true,
        remaining_gt: "0",
        end_gte: "1750000000",
        lat_gte: 44_000_000,
        lat_lte: 45_000_000,
        lon_gte: -2_000_000,
        lon_lte: 0,
        intentId_lt: "10",
      },
      first: 5,
    });
    expect(small.items.map((i) => i.id)).toEqual([9n, 8n, 7n, 6n]);
    expect(small.next).toBe("6");
    expect((await reader().intents({ side: "need" })).items).toHaveLength(CLUSTER_PAGE);
    expect(calls[3].variables).toMatchObject({ where: { side: "Need", intentId_lt: ABOVE_EVERY_ID } });

    expect(await reader().intent(4n)).toMatchObject({
      id: 4n,
      active: false,
      version: 3,
      withdrawnAt: 1_700_000_900,
      updatedAt: 1_700_000_104,
    });
    expect(calls.at(-1)!.variables).toEqual({ id: "4" });
    expect(await reader().intent(99n)).toBeUndefined();
  });

  it("orders: the record, its offer's unit and place, null fields left out; filters and paging", async () => {
    const rows = Array.from({ length: CLUSTER_PAGE + 1 }, (_, i) => orderRow(i + 1));
    const delivered = {
      ...orderRow(7),
      state: "Delivered",
      promisedAt: "1750000000",
      shippedAt: "1700000900",
      acceptedAt: "1700000700",
      deliveredAt: "1700001000",
      disputedAt: "1700000950",
      deliveredQuantity: "6",
      amount: "66",
      obligationId: "12",
      deliveredBy: low(account(9)),
      disputeReason: hash32(0xbad),
    };
    const step = (state: string, actor: number, at: number, over: object = {}) => ({
      state,
      actor: low(account(actor)),
      at: String(at),
      promisedAt: null,
      quantity: null,
      amount: null,
      obligationId: null,
      reason: null,
      blockNumber: String(at - 1_699_999_000),
      transactionHash: hash32(at),
      ...over,
    });
    const calls = serve({
      ClusterOrders: (v) => ({ clusterOrders: newest(rows, (r) => BigInt(r.orderId), "orderId_lt", v) }),
      ClusterOrder: (v) => ({
        clusterOrder:
          v.id === "7"
            ? {
                ...delivered,
                steps: [
                  step("Matched", 5, 1_700_000_500, { quantity: "30" }),
                  step("Accepted", 1, 1_700_000_700, { promisedAt: "1750000000" }),
                  step("Shipped", 1, 1_700_000_900),
                  step("Disputed", 2, 1_700_000_950, { reason: hash32(0xbad) }),
                  step("Delivered", 9, 1_700_001_000, { quantity: "6", amount: "66", obligationId: "12" }),
                ],
              }
            : null,
      }),
    });
    const first = await reader().orders({});
    expect(first.items[0]).toEqual({
      id: BigInt(CLUSTER_PAGE + 1),
      record: {
        offerId: 1n,
        needId: 2n,
        producer: account(1),
        buyer: account(2),
        designId: 3n,
        quantity: 30n,
        price: 11n,
        matchedAt: 1_700_000_500,
        dueBy: 1_800_000_000,
        promisedAt: 0,
        shippedAt: 0,
        state: "Matched",
      },
      category: 7,
      unit: PCS,
      unitText: "pcs",
      lat: 44_493_700,
      lon: 11_343_000,
      deliveredQuantity: 0n,
      returned: 0n,
      blockNumber: BigInt(51 + CLUSTER_PAGE),
      txHash: hash32(2_001 + CLUSTER_PAGE),
    });
    expect(first.next).toBe("2");
    expect((await reader().orders({}, first.next)).items.map((o) => o.id)).toEqual([1n]);
    await reader().orders({ producer: account(1), buyer: account(2), states: LIVE_STATES }, "5");
    await reader().orders({ states: [] });
    expect(calls.map((c) => c.variables)).toEqual([
      { where: { orderId_lt: ABOVE_EVERY_ID }, first: CLUSTER_PAGE + 1 },
      { where: { orderId_lt: "2" }, first: CLUSTER_PAGE + 1 },
      {
        where: {
          producer: low(account(1)),
          buyer: low(account(2)),
          state_in: [...LIVE_STATES],
          orderId_lt: "5",
        },
        first: CLUSTER_PAGE + 1,
      },
      { where: { state_in: [], orderId_lt: ABOVE_EVERY_ID }, first: CLUSTER_PAGE + 1 },
    ]);

    const o = (await reader().order(7n))!;
    expect(o).toMatchObject({
      record: { state: "Delivered", promisedAt: 1_750_000_000, shippedAt: 1_700_000_900 },
      acceptedAt: 1_700_000_700,
      deliveredAt: 1_700_001_000,
      disputedAt: 1_700_000_950,
      deliveredQuantity: 6n,
      amount: 66n,
      obligationId: 12n,
      deliveredBy: account(9),
      disputeReason: hash32(0xbad),
    });
    for (const absent of ["inProductionAt", "cancelledAt", "cancelledBy"]) expect(o).not.toHaveProperty(absent);
    expect(o.steps).toEqual(
      [
        { state: "Matched", actor: account(5), at: 1_700_000_500, quantity: 30n, blockNumber: 1_500n },
        { state: "Accepted", actor: account(1), at: 1_700_000_700, promisedAt: 1_750_000_000, blockNumber: 1_700n },
        { state: "Shipped", actor: account(1), at: 1_700_000_900, blockNumber: 1_900n },
        { state: "Disputed", actor: account(2), at: 1_700_000_950, reason: hash32(0xbad), blockNumber: 1_950n },
        {
          state: "Delivered",
          actor: account(9),
          at: 1_700_001_000,
          quantity: 6n,
          amount: 66n,
          obligationId: 12n,
          blockNumber: 2_000n,
        },
      ].map((st) => ({ ...st, txHash: hash32(st.at) })),
    );
    expect(calls.at(-1)!.variables).toEqual({ id: "7" });
    expect(await reader().order(8n)).toBeUndefined();
  });
});
