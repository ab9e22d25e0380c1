// The cluster exchange's chain reader over a stand-in RPC serving real, ABI-encoded ClusterExchange logs, folded by
// ./fold.ts: the exchange's totals, the boards per category and unit (an update moving an intent between them, a
// withdrawal taking it off), intents' matched and unmatched parts, orders' records (parties, design and due date from
// the intents' terms when matched, the match's time from its block) through every step, a cancellation returning its
// quantity, disputes resolved both ways; block times read once, only for posts, changes and matches; every list newest
// first in pages (boards by id), each filter as the subgraph reader sends it; and the matcher's load of open intents.
import { clusterExchangeAbi } from "@cosmolocal/sdk";
import { getAddress, stringToHex, zeroHash, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { IncrementalLogReader } from "../../shared/data/logs";
import { encodeLog, fakeChain, hash32, tally } from "../../shared/data/testing";
import { createClusterChainReader } from "./chain";
import { clusterFold, unitTextOf } from "./fold";
import { loadOpenIntents } from "./index";
import { CLUSTER_PAGE, LIVE_STATES, type ClusterIntent, type IntentFilter, type OrderFilter } from "./types";

const EXCHANGE = getAddress("0x000000000000000000000000000000000000c1a5");
const ALICE = getAddress("0x00000000000000000000000000000000000000a1");
const BOB = getAddress("0x00000000000000000000000000000000000000b0");
const CAROL = getAddress("0x00000000000000000000000000000000000000c0");
const MATCHER = getAddress("0x00000000000000000000000000000000000000e0");
const STEWARD = getAddress("0x00000000000000000000000000000000000000f0");
const DEPLOYED = 5_000n;
const PCS = stringToHex("pcs", { size: 8 });
const KG = stringToHex("kg", { size: 8 });
const LAT = 44_493_700;
const LON = 11_343_000;
const END = 1_800_000_000;
/** Every block's time: 12 s apart. */
const timeOf = (block: bigint) => 1_700_000_000n + block * 12n;
const at = (block: bigint) => Number(timeOf(block));
const b = (n: number) => DEPLOYED + BigInt(n);

let logIndex = 0;
/** A ClusterExchange log of `eventName` with `args` in `block`, ABI-encoded as a node returns it. */
const log = (eventName: string, args: Record<string, unknown>, block: bigint) =>
  encodeLog(clusterExchangeAbi, eventName, args, { address: EXCHANGE, block, logIndex: logIndex++ });

type Terms = {
  owner: Address;
  side: number;
  category: number;
  unit: Hex;
  designId: bigint;
  spec: Hex;
  quantity: bigint;
  price: bigint;
  start: number;
  end: number;
  lat: number;
  lon: number;
  maxDistance: number;
};
/** An offer (side 0) or need (1) of `owner`: 100 pcs of category 7 at 10, at the city centre (needs 1,000 µ° north). */
const terms = (owner: Address, side: number, over: Partial<Terms> = {}): Terms => ({
  owner,
  side,
  category: 7,
  unit: PCS,
  designId: 0n,
  spec: zeroHash,
  quantity: 100n,
  price: 10n,
  start: 1_700_000_000,
  end: END,
  lat: side === 0 ? LAT : LAT + 1_000,
  lon: LON,
  maxDistance: 20_000,
  ...over,
});
const posted = (intentId: bigint, t: Terms, block: bigint) =>
  log("IntentPosted", { intentId, owner: t.owner, side: t.side, terms: t }, block);
const matched = (orderId: bigint, offerId: bigint, needId: bigint, quantity: bigint, price: bigint, block: bigint) =>
  log("OrderMatched", { orderId, offerId, needId, quantity, price, matcher: MATCHER }, block);

function setup(head: bigint) {
  const { chain, client } = fakeChain({ head, time: timeOf });
  const events = new IncrementalLogReader({
    client,
    abi: clusterExchangeAbi,
    addresses: [EXCHANGE],
    fromBlock: DEPLOYED,
    fold: clusterFold,
    maxRange: 2_000n,
  });
  return { chain, reader: createClusterChainReader(events, client) };
}

const ids = async (p: Promise<{ items: { id: bigint }[] }>) => (await p).items.map((x) => x.id);

describe("the cluster exchange's chain reader", () => {
  it("folds intents, boards, orders through every step and the totals from the events alone", async () => {
    const { chain, reader } = setup(b(3_000));
    const stools = terms(ALICE, 0, { designId: 3n });
    const seats = terms(BOB, 1, { quantity: 60n, price: 12n, end: END - 100 });
    const flour = terms(CAROL, 0, { unit: KG, quantity: 500n, price: 2n });
    const bread = terms(BOB, 1, { unit: KG, quantity: 200n, price: 3n });
    const beans = terms(CAROL, 0, { unit: KG, quantity: 30n, price: 9n });
    const moved = { ...beans, unit: PCS, quantity: 40n };
    const rice = terms(BOB, 1, { unit: KG, quantity: 10n });
    const reason = hash32(0xbad);
    chain.logs.push(
      posted(1n, stools, b(1)),
      posted(2n, seats, b(1)),
      posted(3n, flour, b(2)),
      posted(4n, bread, b(2)),
      posted(5n, beans, b(3)),
      // Carol's beans move to the pcs board; Bob's rice is withdrawn at once.
      log("IntentUpdated", { intentId: 5n, terms: moved }, b(4)),
      posted(6n, rice, b(5)),
      log("IntentWithdrawn", { intentId: 6n, matched: 0n }, b(6)),
      // One batch of four orders.
      matched(1n, 1n, 2n, 30n, 11n, b(10)),
      matched(2n, 3n, 4n, 100n, 3n, b(10)),
      matched(3n, 5n, 2n, 20n, 10n, b(10)),
      matched(4n, 1n, 2n, 10n, 11n, b(10)),
      // Order 1 confirmed; order 2 cancelled by its buyer; carol withdraws her pcs offer, then declines order 3.
      log("OrderAccepted", { orderId: 1n, promisedAt: END - 1_000, at: at(b(20)) }, b(20)),
      log("OrderInProduction", { orderId: 1n, at: at(b(21)) }, b(21)),
      log("OrderShipped", { orderId: 1n, at: at(b(22)) }, b(22)),
      log(
        "OrderDelivered",
        { orderId: 1n, obligationId: 9n, quantity: 30n, amount: 330n, by: BOB, at: at(b(23)) },
        b(23),
      ),
      log("OrderCancelled", { orderId: 2n, by: BOB, returned: 100n, at: at(b(24)) }, b(24)),
      log("IntentWithdrawn", { intentId: 5n, matched: 20n }, b(25)),
      log("OrderCancelled", { orderId: 3n, by: CAROL, returned: 20n, at: at(b(26)) }, b(26)),
      // Order 4 disputed and resolved to 6 of 10 delivered; order 5 disputed and resolved to a cancellation.
      log("OrderAccepted", { orderId: 4n, promisedAt: END - 2_000, at: at(b(30)) }, b(30)),
      log("OrderShipped", { orderId: 4n, at: at(b(31)) }, b(31)),
      log("OrderDisputed", { orderId: 4n, reason, at: at(b(32)) }, b(32)),
      log(
        "OrderDelivered",
        { orderId: 4n, obligationId: 12n, quantity: 6n, amount: 66n, by: STEWARD, at: at(b(40)) },
        b(40),
      ),
      // Alice holds no licence on design 3: the exchange says so (order 1's delivery was reported).
      log("ProductionReportSkipped", { orderId: 4n, designId: 3n, producer: ALICE, outcome: 2 }, b(40)),
      matched(5n, 1n, 2n, 5n, 11n, b(50)),
      log("OrderAccepted", { orderId: 5n, promisedAt: END - 3_000, at: at(b(51)) }, b(51)),
      log("OrderShipped", { orderId: 5n, at: at(b(52)) }, b(52)),
      log("OrderDisputed", { orderId: 5n, reason, at: at(b(53)) }, b(53)),
      log("OrderCancelled", { orderId: 5n, by: STEWARD, returned: 0n, at: at(b(54)) }, b(54)),
    );

    const info = await reader.info();
    // One head request, 3,001 blocks in two ranges, no view call, no block time.
    expect(tally(chain)).toMatchObject({ getBlock: 1, getLogs: 2, readContract: 0, blockTimes: [] });
    expect(info).toEqual({
      intentCount: 6,
      offerCount: 3,
      needCount: 3,
      activeOfferCount: 2,
      activeNeedCount: 2,
      orderCount: 5,
      ordersByState: { Matched: 0, Accepted: 0, InProduction: 0, Shipped: 0, Delivered: 2, Cancelled: 3, Disputed: 0 },
      quantityMatched: 165n,
      quantityReturned: 120n,
      quantityDelivered: 36n,
      obligationCount: 2,
      creditSettled: 396n,
    });

    // Boards by id ("7-0x6b67…" before "7-0x7063…"): what is open on each side, matched less returned, delivered.
    expect((await reader.categories()).items).toEqual([
      {
        category: 7,
        unit: KG,
        unitText: "kg",
        activeOfferCount: 1,
        activeNeedCount: 1,
        openOfferQuantity: 500n,
        openNeedQuantity: 200n,
        matchedQuantity: 0n,
        deliveredQuantity: 0n,
        orderCount: 1,
      },
      {
        category: 7,
        unit: PCS,
        unitText: "pcs",
        activeOfferCount: 1,
        activeNeedCount: 1,
        openOfferQuantity: 55n,
        openNeedQuantity: 15n,
        matchedQuantity: 45n,
        deliveredQuantity: 36n,
        orderCount: 4,
      },
    ]);

    const beansView = await reader.intent(5n);
    // Its post, its last change (the withdrawal) read once each.
    expect(tally(chain).blockTimes).toEqual([b(3), b(25)]);
    expect(beansView).toEqual({
      id: 5n,
      terms: { ...moved, owner: CAROL, side: "offer" },
      unitText: "pcs",
      matched: 0n,
      remaining: 40n,
      active: false,
      version: 2,
      orderCount: 1,
      postedAt: at(b(3)),
      updatedAt: at(b(25)),
      withdrawnAt: at(b(25)),
      blockNumber: b(3),
      txHash: chain.logs[4].transactionHash!,
    } satisfies ClusterIntent);
    expect(await reader.intent(1n)).toMatchObject({
      matched: 45n,
      remaining: 55n,
      active: true,
      version: 1,
      orderCount: 3,
      updatedAt: at(b(1)),
    });
    expect(await reader.intent(2n)).toMatchObject({ matched: 45n, remaining: 15n, orderCount: 4 });
    expect(await reader.intent(3n)).toMatchObject({ matched: 0n, remaining: 500n, orderCount: 1 });
    expect(await reader.intent(7n)).toBeUndefined();

    const before = tally(chain).blockTimes.length;
    const delivered = await reader.order(1n);
    // Only the match's block: every later step's time comes in its event.
    expect(tally(chain).blockTimes.slice(before)).toEqual([b(10)]);
    expect(delivered).toEqual({
      id: 1n,
      record: {
        offerId: 1n,
        needId: 2n,
        producer: ALICE,
        buyer: BOB,
        designId: 3n,
        quantity: 30n,
        price: 11n,
        matchedAt: at(b(10)),
        dueBy: END - 100,
        promisedAt: END - 1_000,
        shippedAt: at(b(22)),
        state: "Delivered",
      },
      category: 7,
      unit: PCS,
      unitText: "pcs",
      lat: LAT,
      lon: LON,
      acceptedAt: at(b(20)),
      inProductionAt: at(b(21)),
      deliveredAt: at(b(23)),
      deliveredQuantity: 30n,
      amount: 330n,
      obligationId: 9n,
      deliveredBy: BOB,
      licenceReport: "Reported",
      returned: 0n,
      blockNumber: b(10),
      txHash: chain.logs[8].transactionHash!,
      steps: [
        { state: "Matched", actor: MATCHER, at: at(b(10)), quantity: 30n },
        { state: "Accepted", actor: ALICE, at: at(b(20)), promisedAt: END - 1_000 },
        { state: "InProduction", actor: ALICE, at: at(b(21)) },
        { state: "Shipped", actor: ALICE, at: at(b(22)) },
        { state: "Delivered", actor: BOB, at: at(b(23)), quantity: 30n, amount: 330n, obligationId: 9n },
      ].map((st, i) => ({
        ...st,
        blockNumber: [b(10), b(20), b(21), b(22), b(23)][i],
        txHash: chain.logs[[8, 12, 13, 14, 15][i]].transactionHash!,
      })),
    });
    // An order made of an offer since moved and withdrawn: its offer's current unit; its quantity returned.
    expect(await reader.order(3n)).toMatchObject({
      record: { producer: CAROL, buyer: BOB, designId: 0n, state: "Cancelled", promisedAt: 0, shippedAt: 0 },
      unit: PCS,
      cancelledBy: CAROL,
      cancelledAt: at(b(26)),
      returned: 20n,
      deliveredQuantity: 0n,
    });
    const partial = (await reader.order(4n))!;
    expect(partial).toMatchObject({
      record: { state: "Delivered", shippedAt: at(b(31)), promisedAt: END - 2_000 },
      disputeReason: reason,
      disputedAt: at(b(32)),
      deliveredQuantity: 6n,
      amount: 66n,
      obligationId: 12n,
      deliveredBy: STEWARD,
      licenceReport: "NoLicence",
    });
    expect(partial.steps.map((st) => [st.state, st.actor])).toEqual([
      ["Matched", MATCHER],
      ["Accepted", ALICE],
      ["Shipped", ALICE],
      ["Disputed", BOB],
      ["Delivered", STEWARD],
    ]);
    expect(partial.steps[3].reason).toBe(reason);
    const resolved = (await reader.order(5n))!;
    expect(resolved).toMatchObject({ record: { state: "Cancelled" }, returned: 0n, cancelledBy: STEWARD });
    expect(resolved.steps.at(-1)).toMatchObject({ state: "Cancelled", actor: STEWARD, quantity: 0n });
    expect(resolved).not.toHaveProperty("deliveredAt");
    expect(await reader.order(6n)).toBeUndefined();

    // Filters, as the subgraph reader sends them.
    const intents = (f: IntentFilter) => ids(reader.intents(f));
    expect(await intents({})).toEqual([6n, 5n, 4n, 3n, 2n, 1n]);
    expect(await intents({ side: "offer" })).toEqual([5n, 3n, 1n]);
    expect(await intents({ owner: BOB.toLowerCase() as Address, side: "need" })).toEqual([6n, 4n, 2n]);
    expect(await intents({ unit: PCS })).toEqual([5n, 2n, 1n]);
    expect(await intents({ unit: KG.toUpperCase().replace("0X", "0x") as Hex, category: 7 })).toEqual([6n, 4n, 3n]);
    expect(await intents({ category: 8 })).toEqual([]);
    // Open: active, something unmatched, its window not ended (the end itself still open).
    expect(await intents({ openAt: END - 100 })).toEqual([4n, 3n, 2n, 1n]);
    expect(await intents({ openAt: END - 99 })).toEqual([4n, 3n, 1n]);
    // A box, its bounds included: the offers at the centre, the needs 1,000 µ° north.
    const box = (latMin: number, latMax: number) => ({ box: { latMin, latMax, lonMin: LON, lonMax: LON } });
    expect(await intents(box(LAT, LAT))).toEqual([5n, 3n, 1n]);
    expect(await intents(box(LAT + 1, LAT + 1_000))).toEqual([6n, 4n, 2n]);
    expect(await intents(box(LAT + 1, LAT + 999))).toEqual([]);
    expect(await intents({ box: { latMin: LAT, latMax: LAT, lonMin: LON + 1, lonMax: LON + 9 } })).toEqual([]);

    const orders = (f: OrderFilter) => ids(reader.orders(f));
    expect(await orders({})).toEqual([5n, 4n, 3n, 2n, 1n]);
    expect(await orders({ producer: CAROL })).toEqual([3n, 2n]);
    expect(await orders({ buyer: BOB, producer: ALICE })).toEqual([5n, 4n, 1n]);
    expect(await orders({ states: ["Delivered"] })).toEqual([4n, 1n]);
    expect(await orders({ states: LIVE_STATES })).toEqual([]);
    expect(await orders({ states: [] })).toEqual([]);
    const list = (await reader.orders({ producer: CAROL })).items;
    expect(list[1]).toMatchObject({ unit: KG, unitText: "kg", record: { matchedAt: at(b(10)) } });
  });

  it("pages intents (any size), orders and boards: each page after the last row shown", async () => {
    const { chain, reader } = setup(b(1_000));
    const n = CLUSTER_PAGE + 3;
    // Intents 1..n, offers and needs in turn, each in its own category; one order per offer-need pair.
    for (let i = 1; i <= n; i++)
      chain.logs.push(posted(BigInt(i), terms(i % 2 ? ALICE : BOB, 1 - (i % 2), { category: i }), b(i)));
    for (let i = 1; i <= n; i++) chain.logs.push(matched(BigInt(i), 1n, 2n, 1n, 10n, b(100 + i)));

    // Intent 1 updated (and still active): its last change is the update; 50 less the 23 matched of it remain.
    chain.logs.push(
      log("IntentUpdated", { intentId: 1n, terms: terms(ALICE, 0, { category: 1, quantity: 50n }) }, b(500)),
    );

    const first = await reader.intents({});
    expect(first.items.map((i) => i.id)).toEqual(Array.from({ length: CLUSTER_PAGE }, (_, i) => BigInt(n - i)));
    expect(first.next).toBe(String(n - CLUSTER_PAGE + 1));
    const last = await reader.intents({}, first.next);
    expect(last.items.map((i) => i.id)).toEqual([3n, 2n, 1n]);
    expect(last.next).toBeUndefined();
    expect(last.items[2]).toMatchObject({ version: 2, postedAt: at(b(1)), updatedAt: at(b(500)), remaining: 27n });
    // Block times of the rows shown only.
    expect(new Set(tally(chain).blockTimes)).toEqual(
      new Set([...Array.from({ length: n }, (_, i) => b(i + 1)), b(500)]),
    );

    const needs = await reader.intents({ side: "need" }, undefined, 5);
    expect(needs.items.map((i) => i.id)).toEqual([22n, 20n, 18n, 16n, 14n]);
    expect((await reader.intents({ side: "need" }, needs.next, 5)).items[0].id).toBe(12n);

    const orders = await reader.orders({ buyer: BOB });
    const more = await reader.orders({ buyer: BOB }, orders.next);
    expect([...orders.items, ...more.items].map((o) => o.id)).toEqual(
      Array.from({ length: n }, (_, i) => BigInt(n - i)),
    );
    expect(more.next).toBeUndefined();

    // Boards by id as strings sort: "1-…", "10-…", …, "19-…", "2-…", "20-…".
    const boards = await reader.categories();
    const rest = await reader.categories(boards.next);
    const all = [...boards.items, ...rest.items].map((x) => x.category);
    expect(all).toEqual(Array.from({ length: n }, (_, i) => i + 1).sort((x, y) => (`${x}-` < `${y}-` ? -1 : 1)));
    expect(boards.next).toBe(`${boards.items.at(-1)!.category}-${PCS}`);
    expect(rest.next).toBeUndefined();

    // The matcher's load: whole lists, or the first `max` rows with what was left unread said.
    const open = await loadOpenIntents(reader, { openAt: 1_700_000_000 }, 1_000);
    expect([open.intents.length, open.truncated]).toEqual([n, false]);
    const cut = await loadOpenIntents(reader, {}, 5);
    expect([cut.intents.map((i) => i.id), cut.truncated]).toEqual([[23n, 22n, 21n, 20n, 19n], true]);
    const exact = await loadOpenIntents(reader, {}, n);
    expect([exact.intents.length, exact.truncated]).toEqual([n, false]);
  });

  it("reads a unit's text as the mapping does: trailing zero bytes trimmed, UTF-8", () => {
    expect(unitTextOf(PCS)).toBe("pcs");
    expect(unitTextOf(stringToHex("m²", { size: 8 }))).toBe("m²");
    expect(unitTextOf("0x0000000000000000")).toBe("");
  });
});
