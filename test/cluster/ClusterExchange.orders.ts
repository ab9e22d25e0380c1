import { expect } from "chai";
import {
  ACCEPT_WINDOW,
  at,
  type Cluster,
  CONFIRM_WINDOW,
  DAY,
  deployCluster,
  ethers,
  LATE_GRACE,
  latest,
  matchedOf,
  matchedOrder,
  needTerms,
  networkHelpers,
  ObligationStatus,
  offerTerms,
  openObligation,
  OrderState,
  orderHash,
  orderRecord,
  post,
  submit,
  timeOf,
  u,
} from "./fixtures.ts";

const ZERO = "0x" + "00".repeat(32);
const refOf = (orderId: bigint) => ethers.zeroPadValue(ethers.toBeHex(orderId), 32);

/** A matched order (alice produces 40 pcs at 11 for bob), accepted with a promise 5 days before it is due. */
async function accepted(s: Cluster) {
  const m = await matchedOrder(s);
  await s.exchange.connect(s.alice).acceptOrder(m.orderId, m.order, m.order.dueBy - 5n * BigInt(DAY));
  return { ...m, order: await orderRecord(s.exchange, m.orderId) };
}

/** The order of {accepted}, shipped. */
async function shipped(s: Cluster) {
  const m = await accepted(s);
  await s.exchange.connect(s.alice).shipOrder(m.orderId, m.order);
  return { ...m, order: await orderRecord(s.exchange, m.orderId) };
}

describe("ClusterExchange · orders", () => {
  describe("accept", () => {
    it("the producer accepts within the window, promising a date between now and the due date", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, alice, bob } = s;
      const { orderId, order } = await matchedOrder(s);
      await expect(exchange.connect(bob).acceptOrder(orderId, order, order.dueBy))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(orderId, bob.address);
      const t = (await latest()) + 10n;
      await at(t);
      await expect(exchange.connect(alice).acceptOrder(orderId, order, t - 1n))
        .to.be.revertedWithCustomError(exchange, "InvalidPromise")
        .withArgs(t - 1n, order.dueBy);
      await expect(exchange.connect(alice).acceptOrder(orderId, order, order.dueBy + 1n))
        .to.be.revertedWithCustomError(exchange, "InvalidPromise")
        .withArgs(order.dueBy + 1n, order.dueBy);
      const deadline = order.matchedAt + ACCEPT_WINDOW;
      await at(deadline); // the window's last second, promising the due date itself
      await expect(exchange.connect(alice).acceptOrder(orderId, order, order.dueBy))
        .to.emit(exchange, "OrderAccepted")
        .withArgs(orderId, order.dueBy, deadline);
      const record = await orderRecord(exchange, orderId);
      expect([record.state, record.promisedAt]).to.deep.equal([OrderState.Accepted, order.dueBy]);
      expect(await exchange.orderHash(orderId)).to.equal(orderHash(record));
      // the old record no longer matches; the new one is in the wrong state for a second acceptance
      await expect(exchange.connect(alice).acceptOrder(orderId, order, order.dueBy))
        .to.be.revertedWithCustomError(exchange, "OrderRecordMismatch")
        .withArgs(orderId);
      await expect(exchange.connect(alice).acceptOrder(orderId, record, order.dueBy))
        .to.be.revertedWithCustomError(exchange, "WrongOrderState")
        .withArgs(orderId, OrderState.Accepted);
    });

    it("a promise of the present second is valid; the window closes the second after its end", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { orderId, order } = await matchedOrder(s);
      const t = (await latest()) + 5n;
      await at(t);
      await expect(s.exchange.connect(s.alice).acceptOrder(orderId, order, t)).to.emit(s.exchange, "OrderAccepted");
      const late = await matchedOrder(s);
      const deadline = late.order.matchedAt + ACCEPT_WINDOW;
      await at(deadline + 1n);
      await expect(s.exchange.connect(s.alice).acceptOrder(late.orderId, late.order, late.order.dueBy))
        .to.be.revertedWithCustomError(s.exchange, "AcceptWindowClosed")
        .withArgs(late.orderId, deadline);
    });

    it("refuses unknown orders and forged records", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { orderId, order } = await matchedOrder(s);
      await expect(s.exchange.connect(s.alice).acceptOrder(99n, order, order.dueBy))
        .to.be.revertedWithCustomError(s.exchange, "UnknownOrder")
        .withArgs(99n);
      await expect(s.exchange.connect(s.alice).acceptOrder(orderId, { ...order, price: 1n }, order.dueBy))
        .to.be.revertedWithCustomError(s.exchange, "OrderRecordMismatch")
        .withArgs(orderId);
    });
  });

  describe("production and shipping", () => {
    it("the producer starts production (optional) and ships; each step from its own state only", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, alice, bob } = s;
      const m = await matchedOrder(s);
      await expect(exchange.connect(alice).startProduction(m.orderId, m.order))
        .to.be.revertedWithCustomError(exchange, "WrongOrderState")
        .withArgs(m.orderId, OrderState.Matched);
      await expect(exchange.connect(alice).shipOrder(m.orderId, m.order))
        .to.be.revertedWithCustomError(exchange, "WrongOrderState")
        .withArgs(m.orderId, OrderState.Matched);
      const a = await accepted(s);
      await expect(exchange.connect(bob).startProduction(a.orderId, a.order))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(a.orderId, bob.address);
      const started = exchange.connect(alice).startProduction(a.orderId, a.order);
      await expect(started)
        .to.emit(exchange, "OrderInProduction")
        .withArgs(a.orderId, await timeOf(started));
      const produced = await orderRecord(exchange, a.orderId);
      expect(produced.state).to.equal(OrderState.InProduction);
      await expect(exchange.connect(alice).startProduction(a.orderId, produced))
        .to.be.revertedWithCustomError(exchange, "WrongOrderState")
        .withArgs(a.orderId, OrderState.InProduction);
      await expect(exchange.connect(bob).shipOrder(a.orderId, produced))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(a.orderId, bob.address);
      const ship = exchange.connect(alice).shipOrder(a.orderId, produced);
      const t = await timeOf(ship);
      await expect(ship).to.emit(exchange, "OrderShipped").withArgs(a.orderId, t);
      const sent = await orderRecord(exchange, a.orderId);
      expect([sent.state, sent.shippedAt]).to.deep.equal([OrderState.Shipped, t]);
      expect(await exchange.orderHash(a.orderId)).to.equal(orderHash(sent));
      await expect(exchange.connect(alice).shipOrder(a.orderId, sent))
        .to.be.revertedWithCustomError(exchange, "WrongOrderState")
        .withArgs(a.orderId, OrderState.Shipped);
      // shipping straight from Accepted
      const b = await accepted(s);
      await expect(exchange.connect(alice).shipOrder(b.orderId, b.order)).to.emit(exchange, "OrderShipped");
    });
  });

  describe("delivery", () => {
    it("the buyer confirms: an Open obligation buyer -> producer of quantity × price, ref the order id", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, network, alice, bob } = s;
      const { orderId, order } = await shipped(s);
      const [count, outstanding, netAlice, netBob] = [
        await network.obligationCount(),
        await network.outstanding(),
        await network.netPosition(alice.address),
        await network.netPosition(bob.address),
      ];
      await expect(exchange.connect(alice).confirmDelivery(orderId, order))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(orderId, alice.address);
      const amount = 40n * u(11);
      expect(await exchange.connect(bob).confirmDelivery.staticCall(orderId, order)).to.equal(count + 1n);
      const tx = exchange.connect(bob).confirmDelivery(orderId, order);
      const t = await timeOf(tx);
      await expect(tx)
        .to.emit(network, "ObligationRecorded")
        .withArgs(count + 1n, bob.address, alice.address, amount, t, refOf(orderId), bob.address);
      await expect(tx)
        .to.emit(network, "ObligationAccepted")
        .withArgs(count + 1n, await exchange.getAddress());
      await expect(tx)
        .to.emit(exchange, "OrderDelivered")
        .withArgs(orderId, count + 1n, 40n, amount, bob.address, t);
      const ob = await network.obligation(count + 1n);
      expect([ob.debtor, ob.creditor, ob.amount, ob.remaining, ob.dueDate, ob.status, ob.proposer]).to.deep.equal([
        bob.address,
        alice.address,
        amount,
        amount,
        t,
        ObligationStatus.Open,
        bob.address,
      ]);
      expect(await network.obligationCount()).to.equal(count + 1n);
      expect(await network.outstanding()).to.equal(outstanding + amount);
      expect(await network.netPosition(alice.address)).to.equal(netAlice + amount);
      expect(await network.netPosition(bob.address)).to.equal(netBob - amount);
      const record = await orderRecord(exchange, orderId);
      expect(record.state).to.equal(OrderState.Delivered);
      expect(await exchange.orderHash(orderId)).to.equal(orderHash(record));
      // no second delivery, by any route (CX-2), and the quantity stays matched
      await expect(exchange.connect(bob).confirmDelivery(orderId, order))
        .to.be.revertedWithCustomError(exchange, "OrderRecordMismatch")
        .withArgs(orderId);
      for (const call of [
        exchange.connect(bob).confirmDelivery(orderId, record),
        exchange.connect(alice).settleUnconfirmed(orderId, record),
        exchange.connect(bob).disputeOrder(orderId, record, ZERO),
        exchange.connect(s.steward).resolveDispute(orderId, record, 1n),
        exchange.connect(alice).cancelOrder(orderId, record),
      ]) {
        await expect(call)
          .to.be.revertedWithCustomError(exchange, "WrongOrderState")
          .withArgs(orderId, OrderState.Delivered);
      }
      expect(await network.obligationCount()).to.equal(count + 1n);
      expect(await matchedOf(exchange, order.offerId)).to.equal(40n);
    });

    it("after the confirmation window, the producer settles it as deemed delivered", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, network, alice, bob } = s;
      const { orderId, order } = await shipped(s);
      const from = order.shippedAt + CONFIRM_WINDOW;
      await at(from);
      await expect(exchange.connect(alice).settleUnconfirmed(orderId, order))
        .to.be.revertedWithCustomError(exchange, "TooEarly")
        .withArgs(orderId, from + 1n);
      await expect(exchange.connect(bob).settleUnconfirmed(orderId, order))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(orderId, bob.address);
      await at(from + 1n);
      const id = (await network.obligationCount()) + 1n;
      await expect(exchange.connect(alice).settleUnconfirmed(orderId, order))
        .to.emit(exchange, "OrderDelivered")
        .withArgs(orderId, id, 40n, 40n * u(11), alice.address, from + 1n);
      const ob = await network.obligation(id);
      expect([ob.debtor, ob.creditor, ob.amount, ob.status]).to.deep.equal([
        bob.address,
        alice.address,
        40n * u(11),
        ObligationStatus.Open,
      ]);
      // the buyer still confirms late, before the producer settles; a late dispute is refused
      const late = await shipped(s);
      const deadline = late.order.shippedAt + CONFIRM_WINDOW;
      await at(deadline + 1n);
      await expect(exchange.connect(bob).disputeOrder(late.orderId, late.order, ethers.id("broken")))
        .to.be.revertedWithCustomError(exchange, "ConfirmWindowClosed")
        .withArgs(late.orderId, deadline);
      await expect(exchange.connect(bob).confirmDelivery(late.orderId, late.order)).to.emit(exchange, "OrderDelivered");
    });
  });

  describe("cancel", () => {
    it("the producer declines a matched order at once; both intents get the quantity back", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, alice, carol } = s;
      const { orderId, order, offerId, needId } = await matchedOrder(s, { quantity: 25n });
      await expect(exchange.connect(carol).cancelOrder(orderId, order))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(orderId, carol.address);
      const tx = exchange.connect(alice).cancelOrder(orderId, order);
      const t = await timeOf(tx);
      await expect(tx).to.emit(exchange, "OrderCancelled").withArgs(orderId, alice.address, 25n, t);
      expect([await matchedOf(exchange, offerId), await matchedOf(exchange, needId)]).to.deep.equal([0n, 0n]);
      const record = await orderRecord(exchange, orderId);
      expect(record.state).to.equal(OrderState.Cancelled);
      expect(await exchange.orderHash(orderId)).to.equal(orderHash(record));
      // final: nothing moves a cancelled order again
      for (const call of [
        exchange.connect(alice).cancelOrder(orderId, record),
        exchange.connect(alice).acceptOrder(orderId, record, record.dueBy),
        exchange.connect(alice).shipOrder(orderId, record),
      ]) {
        await expect(call)
          .to.be.revertedWithCustomError(exchange, "WrongOrderState")
          .withArgs(orderId, OrderState.Cancelled);
      }
    });

    it("the buyer cancels once the acceptance window passed without acceptance", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, bob } = s;
      const { orderId, order, needId } = await matchedOrder(s);
      const from = order.matchedAt + ACCEPT_WINDOW;
      await at(from);
      await expect(exchange.connect(bob).cancelOrder(orderId, order))
        .to.be.revertedWithCustomError(exchange, "TooEarly")
        .withArgs(orderId, from + 1n);
      await at(from + 1n); // a refused call mines no block: the clock is still at `from`
      await expect(exchange.connect(bob).cancelOrder(orderId, order))
        .to.emit(exchange, "OrderCancelled")
        .withArgs(orderId, bob.address, 40n, from + 1n);
      expect(await matchedOf(exchange, needId)).to.equal(0n);
    });

    it("the buyer cancels an accepted or producing order only after the late grace; the producer at any time", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, alice, bob } = s;
      const a = await accepted(s);
      await exchange.connect(alice).startProduction(a.orderId, a.order);
      const producing = await orderRecord(exchange, a.orderId);
      const from = producing.promisedAt + LATE_GRACE;
      await at(from);
      await expect(exchange.connect(bob).cancelOrder(a.orderId, producing))
        .to.be.revertedWithCustomError(exchange, "TooEarly")
        .withArgs(a.orderId, from + 1n);
      await at(from + 1n);
      await expect(exchange.connect(bob).cancelOrder(a.orderId, producing))
        .to.emit(exchange, "OrderCancelled")
        .withArgs(a.orderId, bob.address, 40n, from + 1n);
      const b = await accepted(s);
      const declined = exchange.connect(alice).cancelOrder(b.orderId, b.order);
      await expect(declined)
        .to.emit(exchange, "OrderCancelled")
        .withArgs(b.orderId, alice.address, 40n, await timeOf(declined));
      // once shipped, nobody cancels
      const c = await shipped(s);
      for (const who of [alice, bob]) {
        await expect(exchange.connect(who).cancelOrder(c.orderId, c.order))
          .to.be.revertedWithCustomError(exchange, "WrongOrderState")
          .withArgs(c.orderId, OrderState.Shipped);
      }
    });

    it("the quantity goes back to a withdrawn intent too, which stays withdrawn", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, alice, bob } = s;
      const m = await matchedOrder(s, { quantity: 30n });
      await exchange.connect(alice).withdrawIntent(m.offerId, m.offer);
      await exchange.connect(bob).withdrawIntent(m.needId, m.need);
      await exchange.connect(alice).cancelOrder(m.orderId, m.order);
      const none = "0x" + "00".repeat(20);
      expect(await exchange.intent(m.offerId)).to.deep.equal([none, 0n]);
      expect(await exchange.intent(m.needId)).to.deep.equal([none, 0n]);
      await expect(exchange.connect(alice).withdrawIntent(m.offerId, m.offer))
        .to.be.revertedWithCustomError(exchange, "IntentNotActive")
        .withArgs(m.offerId);
    });
  });

  describe("disputes", () => {
    it("the buyer disputes within the window; a steward resolves to a partial delivery", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, network, steward, alice, bob } = s;
      const { orderId, order, offerId } = await shipped(s);
      const reason = ethers.id("12 of 40 legs cracked");
      await expect(exchange.connect(alice).disputeOrder(orderId, order, reason))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(orderId, alice.address);
      const deadline = order.shippedAt + CONFIRM_WINDOW;
      await at(deadline); // the window's last second
      await expect(exchange.connect(bob).disputeOrder(orderId, order, reason))
        .to.emit(exchange, "OrderDisputed")
        .withArgs(orderId, reason, deadline);
      const disputed = await orderRecord(exchange, orderId);
      expect(disputed.state).to.equal(OrderState.Disputed);
      // neither party settles a disputed order
      await expect(exchange.connect(bob).confirmDelivery(orderId, disputed))
        .to.be.revertedWithCustomError(exchange, "WrongOrderState")
        .withArgs(orderId, OrderState.Disputed);
      await expect(exchange.connect(alice).settleUnconfirmed(orderId, disputed))
        .to.be.revertedWithCustomError(exchange, "WrongOrderState")
        .withArgs(orderId, OrderState.Disputed);
      await expect(exchange.connect(steward).resolveDispute(orderId, disputed, 41n))
        .to.be.revertedWithCustomError(exchange, "DeliveredQuantityTooLarge")
        .withArgs(41n, 40n);
      const id = (await network.obligationCount()) + 1n;
      const tx = exchange.connect(steward).resolveDispute(orderId, disputed, 28n);
      const t = await timeOf(tx);
      await expect(tx)
        .to.emit(exchange, "OrderDelivered")
        .withArgs(orderId, id, 28n, 28n * u(11), steward.address, t);
      const ob = await network.obligation(id);
      expect([ob.debtor, ob.creditor, ob.amount, ob.status]).to.deep.equal([
        bob.address,
        alice.address,
        28n * u(11),
        ObligationStatus.Open,
      ]);
      expect((await orderRecord(exchange, orderId)).state).to.equal(OrderState.Delivered);
      expect(await matchedOf(exchange, offerId)).to.equal(40n); // what was shipped stays matched
    });

    it("a steward resolves a dispute to cancel: no obligation, nothing returned to the intents", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, network, steward, bob } = s;
      const { orderId, order, offerId, needId } = await shipped(s);
      await exchange.connect(bob).disputeOrder(orderId, order, ethers.id("never arrived"));
      const disputed = await orderRecord(exchange, orderId);
      const count = await network.obligationCount();
      expect(await exchange.connect(steward).resolveDispute.staticCall(orderId, disputed, 0n)).to.equal(0n);
      const tx = exchange.connect(steward).resolveDispute(orderId, disputed, 0n);
      await expect(tx)
        .to.emit(exchange, "OrderCancelled")
        .withArgs(orderId, steward.address, 0n, await timeOf(tx));
      expect(await network.obligationCount()).to.equal(count);
      expect([await matchedOf(exchange, offerId), await matchedOf(exchange, needId)]).to.deep.equal([40n, 40n]);
      const record = await orderRecord(exchange, orderId);
      expect(record.state).to.equal(OrderState.Cancelled);
      await expect(exchange.connect(steward).resolveDispute(orderId, record, 1n))
        .to.be.revertedWithCustomError(exchange, "WrongOrderState")
        .withArgs(orderId, OrderState.Cancelled);
    });
  });

  it("delivered orders' obligations clear in a batch with the cluster's other debts", async () => {
    const s = await networkHelpers.loadFixture(deployCluster);
    const { exchange, network, alice, bob, carol, outsider } = s;
    // alice makes stools for bob (bob owes alice 40 × 11), bob mills planks for carol (carol owes bob 44 × 10), and
    // alice owes carol 500 for an invoice recorded directly on the network: a cycle of 440 at least
    const first = await shipped(s);
    await exchange.connect(bob).confirmDelivery(first.orderId, first.order);
    const offer = await offerTerms(bob, { quantity: 44n, price: u(10) });
    const need = await needTerms(carol, { quantity: 44n, price: u(10) });
    const refs = [
      { id: await post(exchange, bob, offer), terms: offer },
      { id: await post(exchange, carol, need), terms: need },
    ];
    await submit(exchange, outsider, refs, [{ offer: 0, need: 1, quantity: 44n, price: u(10) }]);
    const orderId = await exchange.orderCount();
    let order = await orderRecord(exchange, orderId);
    await exchange.connect(bob).acceptOrder(orderId, order, order.dueBy);
    order = await orderRecord(exchange, orderId);
    await exchange.connect(bob).shipOrder(orderId, order);
    await exchange.connect(carol).confirmDelivery(orderId, await orderRecord(exchange, orderId));
    const direct = await openObligation(network, alice, carol, u(500));
    const [bobOwesAlice, carolOwesBob] = [direct - 2n, direct - 1n];
    expect((await network.obligation(bobOwesAlice)).debtor).to.equal(bob.address);
    expect((await network.obligation(carolOwesBob)).debtor).to.equal(carol.address);
    const positions = await Promise.all([alice, bob, carol].map((m) => network.netPosition(m.address)));
    const batch = [bobOwesAlice, carolOwesBob, direct].map((obligationId) => ({ obligationId, amount: u(440) }));
    await expect(network.connect(outsider).clear(ethers.id("cluster"), batch, []))
      .to.emit(network, "ObligationCleared")
      .withArgs(carolOwesBob, 1n, u(440), 0n);
    expect((await network.obligation(bobOwesAlice)).remaining).to.equal(0n);
    expect((await network.obligation(carolOwesBob)).status).to.equal(ObligationStatus.Settled);
    expect((await network.obligation(direct)).remaining).to.equal(u(60));
    expect(await Promise.all([alice, bob, carol].map((m) => network.netPosition(m.address)))).to.deep.equal(positions);
  });
});
