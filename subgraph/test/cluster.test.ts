// Mapping test of the micro-cluster exchange: a story on real contracts (test/cluster's fixtures: a CreditNetwork whose
// members approved the exchange, a DesignCommons holding two designs, the ClusterExchange) emitting every event the
// exchange can — offers and needs in two units, one naming a design, an update and two withdrawals (one after it was
// matched), two batches where intents take part in several matches, and orders through every path (confirmed,
// settled after the confirmation window, declined, cancelled by the buyer after the accept window, disputes resolved
// to a partial delivery and to a cancellation, one left in production) — fed with the network's, the ledger's, the
// commons' and the exchange's logs to the compiled mappings on one store, and compared with the views: intent(id)
// (the terms' hash computed in the mapping, and matched), orderHash(id) after every step, the credit network's
// obligations, the counts; then the dApp's two readers (web/src/cluster/data: the chain reader folding the same logs,
// the subgraph reader's queries on the mapped store with graph-node's semantics) answer every screen need the same,
// each order's record hashing to orderHash(id) and each intent's terms to hashTerms.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { processLogsAcross, type PlainEntity, type SubgraphRuntime } from "@cosmolocal/graph-test-runtime";
import { clusterExchangeAbi } from "@cosmolocal/sdk";
import { getAddress, type Address, type Hex } from "viem";
import {
  ACCEPT_WINDOW,
  CITY,
  CONFIRM_WINDOW,
  conn,
  DAY,
  deployCluster,
  ethers,
  latest,
  needTerms,
  networkHelpers,
  offerTerms,
  orderHash,
  orderRecord,
  post,
  submit,
  termsFromEvents,
  termsHash,
  termsOf,
  u,
  unit,
  type Cluster,
  type Order,
  type Ref,
  type Terms,
} from "../../test/cluster/fixtures.ts";
import { createClusterChainReader } from "../../web/src/cluster/data/chain.ts";
import { clusterFold } from "../../web/src/cluster/data/fold.ts";
import { createClusterSubgraphReader } from "../../web/src/cluster/data/subgraph.ts";
import {
  LIVE_STATES,
  ORDER_STATES,
  type ClusterReader,
  type IntentFilter,
  type IntentTerms,
  type OrderFilter,
  type OrderRecord,
} from "../../web/src/cluster/data/types.ts";
import type { Page } from "../../web/src/shared/data/pages.ts";
import { assertAbiCovered, assertEntitiesAndNoErrors, entityLookup } from "./checks.ts";
import {
  allPages,
  chainLogs,
  lower,
  parsedEvents,
  readerPlumbing,
  send,
  storeGraphQL,
  subgraphRuntime,
  type Log,
} from "./setup.ts";

/** Entity type(s) each event creates or updates. */
const EVENT_ENTITIES: Record<string, string[]> = {
  IntentPosted: ["ClusterExchange", "ClusterIntent", "ClusterIntentChange", "ClusterCategory"],
  IntentUpdated: ["ClusterIntentChange"],
  IntentWithdrawn: ["ClusterIntentChange"],
  OrderMatched: ["ClusterOrder", "ClusterOrderStep"],
  OrderAccepted: ["ClusterOrderStep"],
  OrderInProduction: ["ClusterOrderStep"],
  OrderShipped: ["ClusterOrderStep"],
  OrderDelivered: ["ClusterOrderStep"],
  OrderCancelled: ["ClusterOrderStep"],
  OrderDisputed: ["ClusterOrderStep"],
  ProductionReportSkipped: ["ClusterOrder"],
};
const STATES = ["None", "Matched", "Accepted", "InProduction", "Shipped", "Delivered", "Cancelled", "Disputed"];
const ZERO20 = "0x" + "00".repeat(20);
const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);
const unitText = (bytes8: string) => ethers.toUtf8String(bytes8).replace(/\0+$/, "");

describe("subgraph · cluster exchange mapping on real ClusterExchange events", () => {
  let s: Cluster;
  let exchange: string;
  let credit: string;
  let rt: SubgraphRuntime;
  let creditRt: SubgraphRuntime;
  let others: SubgraphRuntime[];
  let exchangeLogs: Log[];
  /** Order ids by the path they took. */
  const path = {
    confirmed: 1n,
    settled: 2n,
    declined: 3n,
    buyerCancelled: 4n,
    partial: 5n,
    disputeCancelled: 6n,
    kgConfirmed: 7n,
    inProduction: 8n,
  };

  before(async () => {
    s = await deployCluster();
    const { alice, bob, carol, dave, steward, outsider } = s;
    const x = s.exchange;
    [exchange, credit] = (await Promise.all([x.getAddress(), s.network.getAddress()])).map(lower);
    const record = (id: bigint) => orderRecord(x, id);
    const promise = async (id: bigint) => {
      const o = await record(id);
      return [o, (await latest()) + 5n * BigInt(DAY)] as const;
    };
    const accept = async (id: bigint) => {
      const [o, by] = await promise(id);
      await send(x.connect(o.producer === alice.address ? alice : carol).acceptOrder(id, o, by));
    };
    const producerOf = async (id: bigint) => ((await record(id)).producer === alice.address ? alice : carol);
    const buyerOf = async (id: bigint) => ((await record(id)).buyer === bob.address ? bob : dave);
    const start = async (id: bigint) => send(x.connect(await producerOf(id)).startProduction(id, await record(id)));
    const ship = async (id: bigint) => send(x.connect(await producerOf(id)).shipOrder(id, await record(id)));
    const confirm = async (id: bigint) => send(x.connect(await buyerOf(id)).confirmDelivery(id, await record(id)));

    // Intents: alice offers 100 stools (design 1) at 10; carol 500 kg at 2 and 30 kg at 9 (updated to 40 pcs at 9.5:
    // it moves to the pcs board);
    // bob needs 60 stools (design 1) at most 12 and 200 kg at most 3; dave 60 pcs at most 12; dave's need of 10 kg is
    // withdrawn at once.
    const kg = { unit: unit("kg") };
    const terms: Terms[] = [
      await offerTerms(alice, { designId: 1n }),
      await offerTerms(carol, { ...kg, quantity: 500n, price: u(2) }),
      await needTerms(bob, { designId: 1n }),
      await needTerms(dave, { quantity: 60n }),
      await needTerms(bob, { ...kg, quantity: 200n, price: u(3) }),
      await offerTerms(carol, { ...kg, quantity: 30n, price: u(9), maxDistance: 5_000 }),
      await needTerms(dave, { ...kg, quantity: 10n }),
    ];
    const owners = [alice, carol, bob, dave, bob, carol, dave];
    for (const [i, t] of terms.entries()) await post(x, owners[i], t);
    const updated = { ...terms[5], unit: unit("pcs"), quantity: 40n, price: 9_500_000n };
    await send(x.connect(carol).updateIntent(6n, terms[5], updated));
    terms[5] = updated;
    await send(x.connect(dave).withdrawIntent(7n, terms[6]));
    const refs: Ref[] = terms.slice(0, 6).map((t, i) => ({ id: BigInt(i + 1), terms: t }));
    // Positions in refs: 0 A1 (alice pcs offer), 1 C1 (carol kg offer), 2 B1, 3 D1, 4 B2 (bob kg need), 5 C2.

    // Batch 1: orders 1-4 (alice's offer in two matches, dave's need in two).
    await send(
      submit(x, outsider, refs, [
        { offer: 0, need: 2, quantity: 30n, price: u(11) },
        { offer: 0, need: 3, quantity: 20n, price: u(11) },
        { offer: 5, need: 3, quantity: 20n, price: u(10) },
        { offer: 1, need: 4, quantity: 100n, price: 2_500_000n },
      ]),
    );
    await accept(path.confirmed);
    await start(path.confirmed);
    await ship(path.confirmed);
    await confirm(path.confirmed);
    await accept(path.settled);
    await ship(path.settled);

    // Batch 2: orders 5-8, by bob this time.
    await send(
      submit(x, bob, refs, [
        { offer: 0, need: 2, quantity: 10n, price: u(11) },
        { offer: 5, need: 3, quantity: 10n, price: u(10) },
        { offer: 1, need: 4, quantity: 50n, price: u(3) },
        { offer: 0, need: 3, quantity: 10n, price: u(12) },
      ]),
    );
    // Carol withdraws her pcs offer (30 of it matched), then declines order 3: 20 go back to it, withdrawn as it is.
    await send(x.connect(carol).withdrawIntent(6n, terms[5]));
    await send(x.connect(carol).cancelOrder(path.declined, await record(path.declined)));
    // Disputes: order 5 and order 6, accepted, shipped and disputed by their buyers.
    for (const id of [path.partial, path.disputeCancelled]) {
      await accept(id);
      await ship(id);
      await send(x.connect(await buyerOf(id)).disputeOrder(id, await record(id), ethers.id(`broken ${id}`)));
    }
    await accept(path.kgConfirmed);
    await start(path.kgConfirmed);
    await ship(path.kgConfirmed);
    await confirm(path.kgConfirmed);
    await accept(path.inProduction);
    await start(path.inProduction);

    // Past the accept window of batch 1: bob cancels the kg order carol never accepted.
    await networkHelpers.time.increase(Number(ACCEPT_WINDOW) + DAY);
    await send(x.connect(bob).cancelOrder(path.buyerCancelled, await record(path.buyerCancelled)));
    // The steward resolves the disputes: 6 of 10 delivered; the other cancelled (nothing returns: it was shipped).
    await send(x.connect(steward).resolveDispute(path.partial, await record(path.partial), 6n));
    await send(x.connect(steward).resolveDispute(path.disputeCancelled, await record(path.disputeCancelled), 0n));
    // Past order 2's confirmation window: alice settles it as delivered.
    await networkHelpers.time.increase(Number(CONFIRM_WINDOW));
    await send(x.connect(alice).settleUnconfirmed(path.settled, await record(path.settled)));

    const addresses = await Promise.all([s.network, s.ledger, s.designs, s.exchange].map((c) => c.getAddress()));
    const logs = await chainLogs(ethers.provider, addresses);
    exchangeLogs = logs.filter((l) => lower(l.address) === exchange);
    creditRt = subgraphRuntime("CreditNetwork", credit);
    const ledgerRt = subgraphRuntime("ContributionLedger", addresses[1], creditRt.store);
    const designsRt = subgraphRuntime("DesignCommons", addresses[2], creditRt.store);
    rt = subgraphRuntime("ClusterExchange", exchange, creditRt.store);
    others = [creditRt, ledgerRt, designsRt];
    await processLogsAcross(ethers.provider, [...others, rt], logs);
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => rt);
  const events = (name: string) => parsedEvents(exchangeLogs, name, { [exchange]: s.exchange.interface });
  const rows = (type: string, where: (e: PlainEntity) => boolean = () => true) => rt.store.all(type).filter(where);
  const recordOf = (o: PlainEntity): Order => ({
    offerId: o.offerId as bigint,
    needId: o.needId as bigint,
    producer: ethers.getAddress(o.producer as string),
    buyer: ethers.getAddress(o.buyer as string),
    designId: o.designId as bigint,
    quantity: o.quantity as bigint,
    price: o.price as bigint,
    matchedAt: o.matchedAt as bigint,
    dueBy: o.dueBy as bigint,
    promisedAt: o.promisedAt as bigint,
    shippedAt: o.shippedAt as bigint,
    state: BigInt(STATES.indexOf(o.state as string)),
  });

  it("every event of the ABI has a handler; every log handled, without errors", () => {
    assertAbiCovered(rt, "ClusterExchange", []);
    assert.equal(rt.handled.length, exchangeLogs.length, "every exchange log had a handler");
    assert.deepEqual([...new Set(rt.handled.map((h) => h.name))].sort(), Object.keys(EVENT_ENTITIES).sort());
    assertEntitiesAndNoErrors(rt, EVENT_ENTITIES);
    for (const other of others)
      assert.deepEqual(
        other.logs.filter((l) => ["ERROR", "CRITICAL", "WARNING"].includes(l.level)),
        [],
      );
  });

  it("each intent: its terms from the events, termsHash and matched = intent(id), the hash = hashTerms", async () => {
    const x = s.exchange;
    const count = await x.intentCount();
    assert.equal(rt.store.count("ClusterIntent"), Number(count));
    for (let id = 1n; id <= count; id++) {
      const i = entity("ClusterIntent", String(id));
      const t = await termsFromEvents(x, id);
      const [hash, matched] = await x.intent(id);
      assert.deepEqual(
        [i.owner, i.side, i.category, i.unitBytes, i.designId, i.spec, i.quantity, i.price],
        [
          lower(t.owner),
          t.side === 0 ? "Offer" : "Need",
          BigInt(t.category),
          t.unit,
          t.designId,
          t.spec,
          t.quantity,
          t.price,
        ],
        `intent ${id}`,
      );
      assert.deepEqual(
        [i.start, i.end, i.lat, i.lon, i.maxDistance, i.unit, i.design ?? null],
        [
          t.start,
          t.end,
          t.lat,
          t.lon,
          BigInt(t.maxDistance),
          unitText(t.unit),
          t.designId === 0n ? null : String(t.designId),
        ],
        `intent ${id} terms`,
      );
      // The hash the mapping computed with ethereum.encode is the stored one (zero once withdrawn).
      assert.deepEqual([i.termsHash, i.matched], [hash, matched], `intent(${id})`);
      assert.equal(i.active, hash !== ZERO20);
      assert.equal(i.remaining, t.quantity - matched);
      if (i.active) {
        assert.equal(i.termsHash, await x.hashTerms(t));
        assert.equal(i.termsHash, termsHash(t));
      }
      assert.equal(i.orderCount, rows("ClusterOrder", (o) => o.offer === i.id || o.need === i.id).length);
    }
    assert.deepEqual(
      [1n, 2n, 3n, 4n, 5n, 6n, 7n].map((id) => entity("ClusterIntent", String(id)).active),
      [true, true, true, true, true, false, false],
    );
    assert.deepEqual(
      ["1", "2"].map((id) => entity("ClusterIntent", id).unit),
      ["pcs", "kg"],
    );
    assert.equal(entity("ClusterIntent", "6").matched, 10n, "a withdrawn intent's matched part shrinks on a decline");
  });

  it("each intent change: its terms and hash = hashTerms of the event's terms, = intent(id) at its block", async () => {
    const x = s.exchange;
    const changes = rows("ClusterIntentChange");
    assert.equal(
      changes.length,
      ["IntentPosted", "IntentUpdated", "IntentWithdrawn"].reduce((n, name) => n + events(name).length, 0),
    );
    assert.deepEqual(
      changes.map((c) => [c.intent, c.kind]),
      [
        ...["1", "2", "3", "4", "5", "6", "7"].map((id) => [id, "Posted"]),
        ["6", "Updated"],
        ["7", "Withdrawn"],
        ["6", "Withdrawn"],
      ],
    );
    for (const c of changes) {
      const [hash, matched] = await x.intent(BigInt(c.intent as string), { blockTag: Number(c.blockNumber) });
      assert.deepEqual([c.termsHash ?? ZERO20, c.matched], [hash, matched], `change ${c.id}`);
      if (c.kind === "Withdrawn") {
        assert.equal(c.quantity, undefined);
        continue;
      }
      // The intent's one IntentPosted / IntentUpdated (the story updates intent 6 once).
      const ev = events(`Intent${c.kind}`).find((e) => String(e.args.intentId) === c.intent)!;
      const t = termsOf(ev.args.terms);
      assert.deepEqual(
        [c.owner, c.category, c.unitBytes, c.unit, c.designId, c.spec, c.quantity, c.price],
        [lower(t.owner), BigInt(t.category), t.unit, unitText(t.unit), t.designId, t.spec, t.quantity, t.price],
        `change ${c.id}`,
      );
      assert.deepEqual(
        [c.start, c.end, c.lat, c.lon, c.maxDistance],
        [t.start, t.end, t.lat, t.lon, BigInt(t.maxDistance)],
      );
      assert.equal(c.termsHash, await x.hashTerms(t), `hashTerms of change ${c.id}`);
    }
  });

  it("each order: the record rebuilt from the events, recordHash = orderHash(id) now and after every step", async () => {
    const x = s.exchange;
    const count = await x.orderCount();
    assert.equal(rt.store.count("ClusterOrder"), Number(count));
    const matched = events("OrderMatched");
    for (let id = 1n; id <= count; id++) {
      const o = entity("ClusterOrder", String(id));
      const rebuilt = await orderRecord(x, id);
      assert.deepEqual(recordOf(o), rebuilt, `order ${id}'s record`);
      assert.equal(o.recordHash, await x.orderHash(id), `orderHash(${id})`);
      assert.equal(o.recordHash, orderHash(rebuilt));
      const m = matched.find((e) => e.args.orderId === id)!;
      assert.deepEqual(
        [o.matcher, o.offer, o.need],
        [lower(m.args.matcher), String(m.args.offerId), String(m.args.needId)],
      );
      assert.equal(o.book, entity("ClusterIntent", String(m.args.offerId)).book);
      // After every step: the hash the mapping computed = orderHash(id) at that step's block.
      const steps = rows("ClusterOrderStep", (st) => st.order === o.id);
      assert.equal(steps.length, o.stepCount);
      assert.equal(steps.at(-1)!.state, o.state);
      for (const st of steps) {
        assert.equal(
          st.recordHash,
          await x.orderHash(id, { blockTag: Number(st.blockNumber) }),
          `order ${id} ${st.state}`,
        );
        assert.equal(st.at, st.timestamp, "each step's time is its block's");
      }
    }
    const states = Object.fromEntries(
      Object.entries(path).map(([name, id]) => [name, entity("ClusterOrder", String(id)).state]),
    );
    assert.deepEqual(states, {
      confirmed: "Delivered",
      settled: "Delivered",
      declined: "Cancelled",
      buyerCancelled: "Cancelled",
      partial: "Delivered",
      disputeCancelled: "Cancelled",
      kgConfirmed: "Delivered",
      inProduction: "InProduction",
    });
    // Each path's steps, actors and times.
    const stepsOf = (id: bigint) =>
      rows("ClusterOrderStep", (st) => st.order === String(id)).map((st) => [st.state, st.actor]);
    const [alice, bob, carol, dave, steward, outsider] = [s.alice, s.bob, s.carol, s.dave, s.steward, s.outsider].map(
      (a) => lower(a.address),
    );
    assert.deepEqual(stepsOf(path.confirmed), [
      ["Matched", outsider],
      ["Accepted", alice],
      ["InProduction", alice],
      ["Shipped", alice],
      ["Delivered", bob],
    ]);
    assert.deepEqual(stepsOf(path.settled).at(-1), ["Delivered", alice]);
    assert.deepEqual(stepsOf(path.declined), [
      ["Matched", outsider],
      ["Cancelled", carol],
    ]);
    assert.deepEqual(stepsOf(path.buyerCancelled).at(-1), ["Cancelled", bob]);
    assert.deepEqual(stepsOf(path.partial).slice(-2), [
      ["Disputed", bob],
      ["Delivered", steward],
    ]);
    assert.deepEqual(stepsOf(path.disputeCancelled).slice(-2), [
      ["Disputed", dave],
      ["Cancelled", steward],
    ]);
    assert.equal(entity("ClusterOrder", String(path.kgConfirmed)).matcher, bob);
    const declined = entity("ClusterOrder", String(path.declined));
    assert.deepEqual([declined.returned, declined.cancelledBy], [20n, carol]);
    const disputed = entity("ClusterOrder", String(path.disputeCancelled));
    assert.deepEqual([disputed.returned, disputed.disputeReason], [0n, ethers.id(`broken ${path.disputeCancelled}`)]);
    const settled = entity("ClusterOrder", String(path.settled));
    assert.ok((settled.deliveredAt as bigint) > (settled.shippedAt as bigint) + CONFIRM_WINDOW);
    const cancelled = entity("ClusterOrder", String(path.buyerCancelled));
    assert.ok((cancelled.cancelledAt as bigint) > (cancelled.matchedAt as bigint) + ACCEPT_WINDOW);
    assert.equal(entity("ClusterOrder", String(path.confirmed)).design, "1");
  });

  it("delivered orders: their obligation on the credit network = credit.obligation(id), linked to its entity", async () => {
    const delivered = rows("ClusterOrder", (o) => o.state === "Delivered");
    assert.equal(delivered.length, events("OrderDelivered").length);
    for (const o of delivered) {
      const ob = await s.network.obligation(o.obligationId as bigint);
      assert.deepEqual(
        [lower(ob.debtor), lower(ob.creditor), ob.amount],
        [o.buyer, o.producer, (o.deliveredQuantity as bigint) * (o.price as bigint)],
        `order ${o.id}`,
      );
      assert.equal(o.amount, ob.amount);
      assert.equal(o.obligation, String(o.obligationId));
      const linked = creditRt.store.entity("Obligation", o.obligation as string);
      assert.ok(linked, `Obligation ${o.obligation} mapped by the credit network's data source`);
      assert.deepEqual([linked.amount, linked.debtor, linked.creditor], [ob.amount, o.buyer, o.producer]);
    }
    assert.deepEqual(
      [
        entity("ClusterOrder", String(path.partial)).deliveredQuantity,
        entity("ClusterOrder", String(path.partial)).quantity,
      ],
      [6n, 10n],
    );
  });

  it("delivered orders naming a design: why their production was not reported (CX-5), as the events say", async () => {
    const outcomes = ["Reported", "OperatorNotApproved", "NoLicence", "NotCommercial", "Expired"];
    const skipped = events("ProductionReportSkipped");
    assert.ok(skipped.length > 0, "the story delivers an order naming a design");
    const byOrder = new Map(skipped.map((e) => [String(e.args.orderId), e]));
    for (const o of rows("ClusterOrder")) {
      const e = byOrder.get(o.id as string);
      if (e === undefined) {
        assert.equal(o.productionReportSkipped ?? null, null, `order ${o.id}`);
        continue;
      }
      assert.equal(o.state, "Delivered");
      assert.deepEqual(
        [o.designId, o.producer, o.productionReportSkipped],
        [e.args.designId, lower(e.args.producer), outcomes[Number(e.args.outcome)]],
      );
      // the producer never approved the exchange as its report operator on the commons (checked first)
      assert.equal(await s.designs.isReportOperator(e.args.producer, exchange), false);
      assert.equal(outcomes[Number(e.args.outcome)], "OperatorNotApproved");
    }
    // every delivered order naming a design has its skip (no producer of the story approved the exchange to report)
    assert.equal(skipped.length, rows("ClusterOrder", (o) => o.state === "Delivered" && o.designId !== 0n).length);
  });

  it("the exchange's totals and each board equal what the chain holds", async () => {
    const x = s.exchange;
    const ex = entity("ClusterExchange", exchange);
    const count = await x.orderCount();
    const records = await Promise.all(Array.from({ length: Number(count) }, (_, i) => orderRecord(x, BigInt(i + 1))));
    const inState = (name: string) => records.filter((r) => r.state === BigInt(STATES.indexOf(name))).length;
    const intents = await Promise.all(
      Array.from({ length: Number(await x.intentCount()) }, async (_, i) => {
        const id = BigInt(i + 1);
        const [hash, matched] = await x.intent(id);
        return { terms: await termsFromEvents(x, id), active: hash !== ZERO20, matched };
      }),
    );
    const delivered = events("OrderDelivered");
    assert.deepEqual(
      [ex.intentCount, ex.orderCount, ex.offerCount, ex.needCount, ex.activeOfferCount, ex.activeNeedCount],
      [
        Number(await x.intentCount()),
        Number(count),
        intents.filter((i) => i.terms.side === 0).length,
        intents.filter((i) => i.terms.side === 1).length,
        intents.filter((i) => i.active && i.terms.side === 0).length,
        intents.filter((i) => i.active && i.terms.side === 1).length,
      ],
    );
    assert.deepEqual(
      STATES.slice(1).map((st) => ex[`${st[0].toLowerCase()}${st.slice(1)}OrderCount`]),
      STATES.slice(1).map(inState),
    );
    assert.deepEqual(
      [ex.quantityMatched, ex.quantityReturned, ex.quantityDelivered, ex.obligationCount, ex.creditSettled],
      [
        sum(records.map((r) => r.quantity)),
        sum(events("OrderCancelled").map((e) => e.args.returned)),
        sum(delivered.map((e) => e.args.quantity)),
        delivered.length,
        sum(await Promise.all(delivered.map(async (e) => (await s.network.obligation(e.args.obligationId)).amount))),
      ],
    );
    // Each board: its active intents' unmatched quantities (from the views), its orders' live quantities.
    const books = rows("ClusterCategory");
    assert.deepEqual(books.map((b) => [b.unit, b.category]).sort(), [
      ["kg", 7n],
      ["pcs", 7n],
    ]);
    for (const b of books) {
      const mine = intents.filter((i) => i.terms.unit === b.unitBytes && BigInt(i.terms.category) === b.category);
      const open = (side: number) =>
        mine.filter((i) => i.active && i.terms.side === side).map((i) => i.terms.quantity - i.matched);
      assert.deepEqual(
        [b.activeOfferCount, b.openOfferQuantity, b.activeNeedCount, b.openNeedQuantity],
        [open(0).length, sum(open(0)), open(1).length, sum(open(1))],
        b.id as string,
      );
      const orders = rows("ClusterOrder", (o) => o.book === b.id);
      assert.equal(b.orderCount, orders.length);
      assert.equal(b.matchedQuantity, sum(orders.map((o) => (o.quantity as bigint) - (o.returned as bigint))));
      assert.equal(b.deliveredQuantity, sum(orders.map((o) => o.deliveredQuantity as bigint)));
    }
  });

  it("graph-node's queries: the production board of a category, an intent's orders with their steps", async () => {
    const gql = storeGraphQL(rt.store, (await ethers.provider.getBlock("latest"))!);
    const result = await gql.execute(
      `{
        clusterCategories(orderBy: unit) {
          unit openOfferQuantity
          intents(where: { active: true }, orderBy: intentId) { intentId side remaining }
        }
        clusterIntent(id: "1") { ordersAsOffer(orderBy: orderId) { orderId state need { owner } steps { state } } }
      }`,
    );
    assert.deepEqual(result.errors ?? [], []);
    const data = result.data as {
      clusterCategories: { unit: string; openOfferQuantity: string; intents: { intentId: string; side: string }[] }[];
      clusterIntent: { ordersAsOffer: { orderId: string; state: string; steps: unknown[] }[] };
    };
    assert.deepEqual(
      data.clusterCategories.map((c) => [c.unit, c.intents.map((i) => [i.intentId, i.side])]),
      [
        [
          "kg",
          [
            ["2", "Offer"],
            ["5", "Need"],
          ],
        ],
        [
          "pcs",
          [
            ["1", "Offer"],
            ["3", "Need"],
            ["4", "Need"],
          ],
        ],
      ],
    );
    assert.deepEqual(
      data.clusterIntent.ordersAsOffer.map((o) => [o.orderId, o.state, o.steps.length]),
      [1n, 2n, 5n, 8n].map((id) => {
        const o = entity("ClusterOrder", String(id));
        return [String(id), o.state, o.stepCount];
      }),
    );
  });

  it("the dApp's chain reader and subgraph reader answer every screen need the same, records hashing as stored", async () => {
    const x = s.exchange;
    const { client, events, undo } = await readerPlumbing({
      conn,
      store: rt.store,
      contract: x,
      abi: clusterExchangeAbi,
      address: exchange,
      fold: clusterFold,
      maxRange: 7n,
    });
    try {
      const chain = createClusterChainReader(events, client);
      const subgraph = createClusterSubgraphReader("http://subgraph.test/graphql", getAddress(exchange));
      type Need = [string, (r: ClusterReader) => Promise<unknown>];
      /** Every page of a list of `r`. */
      const all = <T>(read: (r: ClusterReader, after?: string) => Promise<Page<T>>, r: ClusterReader) =>
        allPages((after) => read(r, after));
      const intentIds = Array.from({ length: Number(await x.intentCount()) + 1 }, (_, i) => BigInt(i + 1));
      const orderIds = Array.from({ length: Number(await x.orderCount()) + 1 }, (_, i) => BigInt(i + 1));
      const [alice, bob, carol, dave, steward] = [s.alice, s.bob, s.carol, s.dave, s.steward].map(
        (a) => a.address as Address,
      );
      const now = Number(await latest());
      const pcs = unit("pcs") as Hex;
      const kg = unit("kg") as Hex;
      const intentFilters: IntentFilter[] = [
        {},
        { side: "offer" },
        { side: "need" },
        ...[alice, bob, carol, dave, steward].map((owner) => ({ owner })),
        { owner: lower(bob) as Address, side: "need" },
        { category: 7 },
        { category: 8 },
        { unit: kg },
        { unit: pcs, side: "need" },
        { openAt: 0 },
        { openAt: now },
        { openAt: now + 365 * DAY },
        { openAt: now, side: "offer", unit: pcs },
        // Bounds included: the offers stand exactly at the city centre, the needs 12,000 and 15,000 µ° north-east.
        { box: { latMin: CITY.lat, latMax: CITY.lat, lonMin: CITY.lon, lonMax: CITY.lon } },
        { box: { latMin: CITY.lat + 1, latMax: CITY.lat + 12_000, lonMin: CITY.lon, lonMax: CITY.lon + 15_000 } },
        { box: { latMin: CITY.lat - 1, latMax: CITY.lat + 11_999, lonMin: CITY.lon - 1, lonMax: CITY.lon + 15_000 } },
        { box: { latMin: 0, latMax: 1, lonMin: 0, lonMax: 1 } },
      ];
      const orderFilters: OrderFilter[] = [
        {},
        ...[alice, carol, bob].map((producer) => ({ producer })),
        ...[bob, dave, alice].map((buyer) => ({ buyer })),
        { states: LIVE_STATES },
        { states: ["Delivered"] },
        { states: ["Cancelled", "InProduction"] },
        { states: [] },
        { producer: alice, buyer: bob },
        { producer: alice, states: ["Delivered"] },
      ];
      const needs: Need[] = [
        ["info", (r) => r.info()],
        ["categories", (r) => all((x, a) => x.categories(a), r)],
        ...intentFilters.flatMap((f): Need[] => [
          [`intents ${JSON.stringify(f)}`, (r) => all((x, a) => x.intents(f, a), r)],
          // Small pages: every cursor of the list.
          [`intents ${JSON.stringify(f)} by 2`, (r) => all((x, a) => x.intents(f, a, 2), r)],
          [`intents ${JSON.stringify(f)} first page of 3`, (r) => r.intents(f, undefined, 3)],
        ]),
        ...intentIds.map((id): Need => [`intent ${id}`, (r) => r.intent(id)]),
        ...orderFilters.map((f): Need => [`orders ${JSON.stringify(f)}`, (r) => all((x, a) => x.orders(f, a), r)]),
        ...orderIds.map((id): Need => [`order ${id}`, (r) => r.order(id)]),
      ];
      for (const [name, need] of needs) assert.deepEqual(await need(subgraph), await need(chain), name);
      assert.ok(events.logs.stats.requests > 1, "the chain reader read in bounded chunks");

      // The answers are not merely equal, they are right: each record hashes to orderHash(id), each intent's terms
      // to hashTerms (and to intent(id)'s stored hash while active), the totals are the views'.
      const plainTerms = (t: IntentTerms): Terms => ({
        ...t,
        side: t.side === "offer" ? 0 : 1,
        start: BigInt(t.start),
        end: BigInt(t.end),
      });
      const plainRecord = (r: OrderRecord): Order => ({
        ...r,
        matchedAt: BigInt(r.matchedAt),
        dueBy: BigInt(r.dueBy),
        promisedAt: BigInt(r.promisedAt),
        shippedAt: BigInt(r.shippedAt),
        state: BigInt(ORDER_STATES.indexOf(r.state) + 1),
      });
      for (const reader of [chain, subgraph]) {
        for (const id of orderIds.slice(0, -1)) {
          const o = (await reader.order(id))!;
          assert.equal(orderHash(plainRecord(o.record)), await x.orderHash(id), `${reader.source} order ${id}`);
          assert.deepEqual(plainRecord(o.record), await orderRecord(x, id));
          assert.equal(o.steps.at(-1)!.state, o.record.state);
        }
        for (const id of intentIds.slice(0, -1)) {
          const i = (await reader.intent(id))!;
          const [stored, matched] = await x.intent(id);
          const hash = await x.hashTerms(plainTerms(i.terms));
          assert.equal(hash, termsHash(await termsFromEvents(x, id)), `${reader.source} intent ${id}`);
          assert.equal(i.matched, matched);
          assert.equal(i.active ? hash : ZERO20, stored);
        }
      }
      const info = await chain.info();
      assert.deepEqual(
        [info.intentCount, info.orderCount, info.ordersByState.Delivered, info.ordersByState.Cancelled],
        [Number(await x.intentCount()), Number(await x.orderCount()), 4, 3],
      );
      const ids = async (f: IntentFilter) => (await all((r, a) => r.intents(f, a), subgraph)).map((i) => i.id);
      assert.deepEqual(await ids({}), intentIds.slice(0, -1).reverse(), "every intent, newest first");
      assert.deepEqual(await ids({ openAt: now }), [2n, 1n], "the needs are past their due dates, 6 and 7 withdrawn");
      assert.deepEqual(await ids({ openAt: 0 }), [5n, 4n, 3n, 2n, 1n]);
      assert.deepEqual(
        await ids({ box: { latMin: CITY.lat, latMax: CITY.lat, lonMin: CITY.lon, lonMax: CITY.lon } }),
        [6n, 2n, 1n],
        "the offers at the box's corner",
      );
      const orders = async (f: OrderFilter) => (await all((r, a) => r.orders(f, a), chain)).map((o) => o.id);
      assert.deepEqual(await orders({ states: LIVE_STATES }), [path.inProduction]);
      assert.deepEqual(await orders({ states: [] }), []);
      assert.deepEqual(await orders({ producer: carol }), [7n, 6n, 4n, 3n]);
      const partial = (await subgraph.order(path.partial))!;
      assert.deepEqual(
        partial.steps.map((st) => [st.state, st.actor, st.quantity]),
        [
          ["Matched", s.bob.address, 10n],
          ["Accepted", s.alice.address, undefined],
          ["Shipped", s.alice.address, undefined],
          ["Disputed", s.bob.address, undefined],
          ["Delivered", s.steward.address, 6n],
        ],
      );
      assert.equal(partial.amount, 6n * partial.record.price);
      const declined = (await chain.order(path.declined))!;
      assert.deepEqual([declined.returned, declined.cancelledBy, declined.unitText], [20n, s.carol.address, "pcs"]);
    } finally {
      undo();
    }
  });
});
