import { expect } from "chai";
import {
  apart,
  approve,
  at,
  type Cluster,
  deployCluster,
  latest,
  matchedOf,
  needTerms,
  networkHelpers,
  offerTerms,
  OrderState,
  orderHash,
  orderRecord,
  post,
  type Ref,
  spec,
  submit,
  type Terms,
  timeOf,
  u,
  unit,
} from "./fixtures.ts";

/** Alice's offer and bob's need posted with `offer` and `need` overrides; their refs in id order. */
async function pair(s: Cluster, offer: Partial<Terms> = {}, need: Partial<Terms> = {}) {
  const o = await offerTerms(s.alice, offer);
  const n = await needTerms(s.bob, need);
  const refs: Ref[] = [
    { id: await post(s.exchange, s.alice, o), terms: o },
    { id: await post(s.exchange, s.bob, n), terms: n },
  ];
  const trade = (quantity = 10n, price = u(11)) =>
    submit(s.exchange, s.outsider, refs, [{ offer: 0, need: 1, quantity, price }]);
  return { o, n, refs, offerId: refs[0].id, needId: refs[1].id, trade };
}

describe("ClusterExchange · matching", () => {
  it("anyone matches a batch: each match an order with its record, events and the quantities counted", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const { exchange, alice, bob, dave, outsider } = s;
    const offer = await offerTerms(alice, { designId: 2n });
    const need1 = await needTerms(bob);
    const need2 = await needTerms(dave, { quantity: 30n, end: need1.end + 100n });
    const refs: Ref[] = [
      { id: await post(exchange, alice, offer), terms: offer },
      { id: await post(exchange, bob, need1), terms: need1 },
      { id: await post(exchange, dave, need2), terms: need2 },
    ];
    const matches = [
      { offer: 0, need: 1, quantity: 60n, price: u(10) },
      { offer: 0, need: 2, quantity: 30n, price: u(12) },
    ];
    expect(await exchange.connect(outsider).submitMatches.staticCall(refs, matches)).to.equal(1n);
    const tx = submit(exchange, outsider, refs, matches);
    await expect(tx).to.emit(exchange, "OrderMatched").withArgs(1, 1, 2, 60n, u(10), outsider.address);
    await expect(tx).to.emit(exchange, "OrderMatched").withArgs(2, 1, 3, 30n, u(12), outsider.address);
    const t = await timeOf(tx);
    expect(await exchange.orderCount()).to.equal(2n);
    expect([await matchedOf(exchange, 1n), await matchedOf(exchange, 2n), await matchedOf(exchange, 3n)]).to.deep.equal(
      [90n, 60n, 30n],
    );
    const first = await orderRecord(exchange, 1n);
    expect(first).to.deep.equal({
      offerId: 1n,
      needId: 2n,
      producer: alice.address,
      buyer: bob.address,
      designId: 2n,
      quantity: 60n,
      price: u(10),
      matchedAt: t,
      dueBy: need1.end,
      promisedAt: 0n,
      shippedAt: 0n,
      state: OrderState.Matched,
    });
    expect(await exchange.orderHash(1n)).to.equal(orderHash(first));
    const second = await orderRecord(exchange, 2n);
    expect([second.buyer, second.dueBy, second.quantity]).to.deep.equal([dave.address, need2.end, 30n]);
    expect(await exchange.orderHash(2n)).to.equal(orderHash(second));
    expect(await exchange.orderHash(3n)).to.equal("0x" + "00".repeat(32));
  });

  it("price: at the ask and at the highest, not one unit outside", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const { trade, o, n } = await pair(s);
    await expect(trade(1n, o.price - 1n))
      .to.be.revertedWithCustomError(s.exchange, "PriceOutsideTerms")
      .withArgs(o.price - 1n, o.price, n.price);
    await expect(trade(1n, n.price + 1n))
      .to.be.revertedWithCustomError(s.exchange, "PriceOutsideTerms")
      .withArgs(n.price + 1n, o.price, n.price);
    await expect(trade(1n, o.price)).to.emit(s.exchange, "OrderMatched");
    await expect(trade(1n, n.price)).to.emit(s.exchange, "OrderMatched");
    // an ask above the highest leaves no price at all
    const dear = await pair(s, { price: u(13) });
    await expect(dear.trade(1n, u(12)))
      .to.be.revertedWithCustomError(s.exchange, "PriceOutsideTerms")
      .withArgs(u(12), u(13), u(12));
  });

  it("windows: touching ones overlap, one second apart they are disjoint", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const now = await latest();
    const T = now + 10_000n;
    // the offer opens when the need closes, and the need opens when the offer closes
    await expect((await pair(s, { start: T, end: T + 500n }, { start: now, end: T })).trade()).to.emit(
      s.exchange,
      "OrderMatched",
    );
    await expect((await pair(s, { start: now, end: T }, { start: T, end: T + 500n })).trade()).to.emit(
      s.exchange,
      "OrderMatched",
    );
    const late = await pair(s, { start: T + 1n, end: T + 500n }, { start: now, end: T });
    await expect(late.trade())
      .to.be.revertedWithCustomError(s.exchange, "WindowsDisjoint")
      .withArgs(late.offerId, late.needId);
    const early = await pair(s, { start: now, end: T }, { start: T + 1n, end: T + 500n });
    await expect(early.trade())
      .to.be.revertedWithCustomError(s.exchange, "WindowsDisjoint")
      .withArgs(early.offerId, early.needId);
  });

  it("expiry: an intent matches until its end, inclusive", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const now = await latest();
    const need = await pair(s, {}, { end: now + 1_000n });
    await at(now + 1_000n);
    await expect(need.trade()).to.emit(s.exchange, "OrderMatched");
    await expect(need.trade())
      .to.be.revertedWithCustomError(s.exchange, "IntentExpired")
      .withArgs(need.needId, now + 1_000n);
    const t = await latest();
    const offer = await pair(s, { start: t, end: t + 1_000n }, { start: t });
    await at(t + 1_001n);
    await expect(offer.trade())
      .to.be.revertedWithCustomError(s.exchange, "IntentExpired")
      .withArgs(offer.offerId, t + 1_000n);
  });

  it("distance: exactly the nearer maximum passes, one metre less refuses", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const o = await offerTerms(s.alice);
    const n = await needTerms(s.bob);
    const d = apart(o, n);
    expect(d).to.be.within(1_700, 1_900); // 0.012° north and 0.015° east of the centre: about 1.8 km
    await expect((await pair(s, { maxDistance: d }, { maxDistance: d + 1 })).trade()).to.emit(
      s.exchange,
      "OrderMatched",
    );
    await expect((await pair(s, { maxDistance: d + 5 }, { maxDistance: d })).trade()).to.emit(
      s.exchange,
      "OrderMatched",
    );
    await expect((await pair(s, { maxDistance: d - 1 }, { maxDistance: 50_000 })).trade())
      .to.be.revertedWithCustomError(s.exchange, "TooFar")
      .withArgs(d, d - 1);
    await expect((await pair(s, { maxDistance: 50_000 }, { maxDistance: d - 1 })).trade())
      .to.be.revertedWithCustomError(s.exchange, "TooFar")
      .withArgs(d, d - 1);
  });

  it("category, unit, design and specification", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const refused = async (offer: Partial<Terms>, need: Partial<Terms>, error: string) => {
      const p = await pair(s, offer, need);
      await expect(p.trade()).to.be.revertedWithCustomError(s.exchange, error).withArgs(p.offerId, p.needId);
    };
    await refused({ category: 8 }, {}, "CategoryMismatch");
    await refused({ unit: unit("kg") }, {}, "CategoryMismatch");
    await refused({ designId: 2n }, { designId: 1n }, "DesignMismatch");
    await refused({}, { designId: 1n }, "DesignMismatch");
    await refused({ spec: spec("oak") }, { spec: spec("pine") }, "DesignMismatch");
    await refused({}, { spec: spec("pine") }, "DesignMismatch");
    for (const [offer, need] of [
      [{ designId: 1n }, { designId: 1n }],
      [{ designId: 2n }, {}], // a need naming no design takes any offer
      [{ spec: spec("oak") }, { spec: spec("oak") }],
      [{ spec: spec("oak"), designId: 2n }, { designId: 2n }],
    ] as [Partial<Terms>, Partial<Terms>][]) {
      await expect((await pair(s, offer, need)).trade()).to.emit(s.exchange, "OrderMatched");
    }
  });

  it("sides and owners: an offer on the need's side, a need on the offer's, and a member with itself", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const { exchange, alice, outsider } = s;
    const p = await pair(s);
    await expect(submit(exchange, outsider, p.refs, [{ offer: 1, need: 1, quantity: 1n, price: u(11) }]))
      .to.be.revertedWithCustomError(exchange, "WrongSide")
      .withArgs(p.needId, 0);
    await expect(submit(exchange, outsider, p.refs, [{ offer: 0, need: 0, quantity: 1n, price: u(11) }]))
      .to.be.revertedWithCustomError(exchange, "WrongSide")
      .withArgs(p.offerId, 1);
    const own = await needTerms(alice);
    const ownId = await post(exchange, alice, own);
    await expect(
      submit(
        exchange,
        outsider,
        [p.refs[0], { id: ownId, terms: own }],
        [{ offer: 0, need: 1, quantity: 1n, price: u(11) }],
      ),
    )
      .to.be.revertedWithCustomError(exchange, "SelfTrade")
      .withArgs(alice.address);
  });

  it("quantity: several matches of one batch and later batches draw on what remains", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const { exchange, alice, bob, dave, carol, outsider } = s;
    const offer = await offerTerms(alice, { quantity: 100n });
    const n1 = await needTerms(bob, { quantity: 60n });
    const n2 = await needTerms(dave, { quantity: 60n });
    const refs: Ref[] = [
      { id: await post(exchange, alice, offer), terms: offer },
      { id: await post(exchange, bob, n1), terms: n1 },
      { id: await post(exchange, dave, n2), terms: n2 },
    ];
    const m = (need: number, quantity: bigint) => ({ offer: 0, need, quantity, price: u(11) });
    await expect(submit(exchange, outsider, refs, [m(1, 60n), m(2, 41n)]))
      .to.be.revertedWithCustomError(exchange, "QuantityExceedsRemaining")
      .withArgs(1n, 41n, 40n);
    await expect(submit(exchange, outsider, refs, [m(1, 30n), m(1, 31n)]))
      .to.be.revertedWithCustomError(exchange, "QuantityExceedsRemaining")
      .withArgs(2n, 31n, 30n);
    await expect(submit(exchange, outsider, refs, [m(1, 0n)])).to.be.revertedWithCustomError(exchange, "ZeroQuantity");
    await submit(exchange, outsider, refs, [m(1, 30n), m(1, 30n), m(2, 20n)]);
    expect(await matchedOf(exchange, 1n)).to.equal(80n);
    expect(await matchedOf(exchange, 2n)).to.equal(60n);
    // the next batch: the offer has 20 left, bob's need nothing
    await expect(submit(exchange, outsider, refs, [m(2, 21n)]))
      .to.be.revertedWithCustomError(exchange, "QuantityExceedsRemaining")
      .withArgs(1n, 21n, 20n);
    await expect(submit(exchange, outsider, refs, [m(1, 1n)]))
      .to.be.revertedWithCustomError(exchange, "QuantityExceedsRemaining")
      .withArgs(2n, 1n, 0n);
    // a second offer fills the rest of dave's need in the same batch as the first offer's last 20
    const offer2 = await offerTerms(carol, { quantity: 50n });
    const id2 = await post(exchange, carol, offer2);
    await submit(
      exchange,
      outsider,
      [refs[0], refs[2], { id: id2, terms: offer2 }],
      [
        { offer: 0, need: 1, quantity: 20n, price: u(11) },
        { offer: 2, need: 1, quantity: 20n, price: u(11) },
      ],
    );
    expect([
      await matchedOf(exchange, 1n),
      await matchedOf(exchange, 3n),
      await matchedOf(exchange, id2),
    ]).to.deep.equal([100n, 60n, 20n]);
    expect(await exchange.orderCount()).to.equal(5n);
  });

  it("batch shape: empty, unsorted or repeated intents, an index out of range", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const { exchange, outsider } = s;
    const p = await pair(s);
    const m = { offer: 0, need: 1, quantity: 1n, price: u(11) };
    await expect(submit(exchange, outsider, p.refs, [])).to.be.revertedWithCustomError(exchange, "EmptyBatch");
    await expect(submit(exchange, outsider, [p.refs[1], p.refs[0]], [{ ...m, offer: 1, need: 0 }]))
      .to.be.revertedWithCustomError(exchange, "IntentsNotSorted")
      .withArgs(1, p.offerId);
    await expect(submit(exchange, outsider, [p.refs[0], p.refs[0], p.refs[1]], [{ ...m, need: 2 }]))
      .to.be.revertedWithCustomError(exchange, "IntentsNotSorted")
      .withArgs(1, p.offerId);
    await expect(submit(exchange, outsider, p.refs, [{ ...m, need: 2 }]))
      .to.be.revertedWithCustomError(exchange, "IntentIndexOutOfRange")
      .withArgs(2);
    await expect(submit(exchange, outsider, p.refs, [{ ...m, offer: 5 }]))
      .to.be.revertedWithCustomError(exchange, "IntentIndexOutOfRange")
      .withArgs(5);
    await expect(submit(exchange, outsider, [{ id: 0n, terms: p.o }], [m]))
      .to.be.revertedWithCustomError(exchange, "IntentsNotSorted")
      .withArgs(0, 0n);
    await expect(submit(exchange, outsider, [p.refs[0], { id: 99n, terms: p.n }], [m]))
      .to.be.revertedWithCustomError(exchange, "IntentNotActive")
      .withArgs(99n);
  });

  it("an order whose price exceeds the largest obligation is refused", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const big = 2n ** 48n;
    const p = await pair(s, { quantity: big, price: big }, { quantity: big, price: big });
    await expect(p.trade(big, big))
      .to.be.revertedWithCustomError(s.exchange, "OrderTooLarge")
      .withArgs(2n ** 96n, 2n ** 96n - 1n);
    await expect(p.trade(big - 1n, big)).to.emit(s.exchange, "OrderMatched");
  });

  it("a suspended member's intents are not matched, and are again once reinstated", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const p = await pair(s);
    await s.network.connect(s.steward).suspendMember(s.bob.address);
    await expect(p.trade()).to.be.revertedWithCustomError(s.exchange, "NotActiveMember").withArgs(s.bob.address);
    await s.network.connect(s.steward).reinstateMember(s.bob.address);
    await expect(p.trade()).to.emit(s.exchange, "OrderMatched");
  });

  it("a member who withdrew its approval of the exchange is not matched until it approves again", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const { exchange, network, steward, alice, bob } = s;
    const p = await pair(s);
    await approve(exchange, network, bob, false);
    await expect(p.trade()).to.be.revertedWithCustomError(exchange, "ExchangeNotApproved").withArgs(bob.address);
    // the intents are checked in id order: with both withdrawn, alice's offer (the lower id) is named
    await approve(exchange, network, alice, false);
    await expect(p.trade()).to.be.revertedWithCustomError(exchange, "ExchangeNotApproved").withArgs(alice.address);
    // per intent, membership comes first: bob, withdrawn and suspended, is no active member
    await approve(exchange, network, alice);
    await network.connect(steward).suspendMember(bob.address);
    await expect(p.trade()).to.be.revertedWithCustomError(exchange, "NotActiveMember").withArgs(bob.address);
    await network.connect(steward).reinstateMember(bob.address);
    expect(await exchange.orderCount()).to.equal(0n);
    // approved again, the same intents match, within the new approval
    const since = await timeOf(approve(exchange, network, bob));
    const t = await timeOf(p.trade());
    expect((await orderRecord(exchange, 1n)).matchedAt).to.equal(t);
    const approval = await network.obligationOperatorApproval(bob.address, await exchange.getAddress());
    expect([approval[0], approval[1], since < t]).to.deep.equal([since, 0n, true]);
  });

  it("a batch is atomic: one refused match leaves no order and no quantity counted", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const { exchange, outsider } = s;
    const p = await pair(s);
    await expect(
      submit(exchange, outsider, p.refs, [
        { offer: 0, need: 1, quantity: 10n, price: u(11) },
        { offer: 0, need: 1, quantity: 10n, price: u(13) },
      ]),
    ).to.be.revertedWithCustomError(exchange, "PriceOutsideTerms");
    expect(await exchange.orderCount()).to.equal(0n);
    expect([await matchedOf(exchange, p.offerId), await matchedOf(exchange, p.needId)]).to.deep.equal([0n, 0n]);
    expect(await exchange.orderHash(1n)).to.equal("0x" + "00".repeat(32));
  });
});
