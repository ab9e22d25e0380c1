import { expect } from "chai";
import {
  approve,
  at,
  type Cluster,
  CONFIRM_WINDOW,
  conn,
  deployCluster,
  ethers,
  matchedOf,
  matchedOrder,
  needTerms,
  networkHelpers,
  ObligationStatus,
  offerTerms,
  OrderState,
  orderRecord,
  post,
  type Ref,
  submit,
  type Terms,
  u,
  unit,
} from "./fixtures.ts";

/** The cluster with an attacker holding three addresses: dave and erin (both members who approved the exchange) and
 * the outsider (no member). */
async function withAttacker() {
  const s = await deployCluster();
  await approve(s.exchange, s.network, s.erin);
  return { ...s, attacker: [s.dave, s.erin, s.outsider] as const };
}

/** The order of {matchedOrder}, accepted and shipped by alice. */
async function shippedOrder(s: Cluster) {
  const m = await matchedOrder(s);
  await s.exchange.connect(s.alice).acceptOrder(m.orderId, m.order, m.order.dueBy);
  await s.exchange.connect(s.alice).shipOrder(m.orderId, await orderRecord(s.exchange, m.orderId));
  return { ...m, order: await orderRecord(s.exchange, m.orderId) };
}

describe("ClusterExchange · attackers", () => {
  it("forged terms of someone else's intent are refused, whatever was changed", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, alice, bob } = s;
    const [, , outsider] = s.attacker;
    const offer = await offerTerms(alice);
    const need = await needTerms(bob);
    const offerId = await post(exchange, alice, offer);
    const needId = await post(exchange, bob, need);
    const forge = async (o: Partial<Terms>, n: Partial<Terms>, id: bigint) =>
      expect(
        submit(
          exchange,
          outsider,
          [
            { id: offerId, terms: { ...offer, ...o } },
            { id: needId, terms: { ...need, ...n } },
          ],
          [{ offer: 0, need: 1, quantity: 10n, price: u(11) }],
        ),
      )
        .to.be.revertedWithCustomError(exchange, "IntentTermsMismatch")
        .withArgs(id);
    await forge({ price: u(1) }, {}, offerId); // a cheaper ask
    await forge({ quantity: 10_000n }, {}, offerId); // more to sell
    await forge({}, { price: u(99) }, needId); // a higher ceiling
    await forge({}, { maxDistance: 4_000_000 }, needId); // a wider radius
    await forge({}, { owner: s.dave.address }, needId); // another buyer
    // the true terms pass
    await expect(
      submit(
        exchange,
        outsider,
        [
          { id: offerId, terms: offer },
          { id: needId, terms: need },
        ],
        [{ offer: 0, need: 1, quantity: 10n, price: u(11) }],
      ),
    ).to.emit(exchange, "OrderMatched");
  });

  it("true terms encoded with dirty high bits are refused: a batch hashes the words as sent, ids are validated", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, alice, bob } = s;
    const [, , outsider] = s.attacker;
    const offer = await offerTerms(alice);
    const need = await needTerms(bob, { lat: -45_000_000, lon: -73_000_000 });
    const offerOn = await offerTerms(alice, { lat: -45_001_000, lon: -73_001_000 }); // negative: sign-extended words
    const refs: Ref[] = [
      { id: await post(exchange, alice, offer), terms: offer },
      { id: await post(exchange, alice, offerOn), terms: offerOn },
      { id: await post(exchange, bob, need), terms: need },
    ];
    const data = exchange.interface.encodeFunctionData("submitMatches", [
      refs,
      [{ offer: 1, need: 2, quantity: 10n, price: u(11) }],
    ]);
    // selector, two offsets, the intents' length, then 14 words per intent: its id, then its 13 terms' words
    const word = (intent: number, field: number) => 4 + 32 * (3 + 14 * intent + field);
    const send = (patch: (bytes: Uint8Array) => void) => {
      const bytes = ethers.getBytes(data);
      patch(bytes);
      return outsider.sendTransaction({ to: exchange.target, data: ethers.hexlify(bytes) });
    };
    const mismatch = (intent: number, field: number, at: number, value: number) =>
      expect(send((b) => (b[word(intent, field) + at] = value)))
        .to.be.revertedWithCustomError(exchange, "IntentTermsMismatch")
        .withArgs(refs[intent].id);
    await mismatch(2, 1, 0, 1); // the need's owner with a bit above its 160
    await mismatch(2, 2, 30, 1); // its side 0x0101
    await mismatch(1, 11, 27, 0x7f); // the offer's negative latitude, not sign-extended
    await mismatch(0, 3, 0, 1); // an intent the match does not use is checked too
    // an id with a bit above its 64 is refused by the decoder's validation, before any hash
    await expect(send((b) => (b[word(1, 0)] = 1))).to.be.revertedWithoutReason(ethers);
    // the same bytes, clean, match
    await expect(send(() => {})).to.emit(exchange, "OrderMatched");
  });

  it("matching someone else's intents beyond their terms is refused, term by term", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, alice } = s;
    const [dave, erin, outsider] = s.attacker;
    const offer = await offerTerms(alice, { quantity: 50n });
    const offerId = await post(exchange, alice, offer);
    const tryNeed = async (overrides: Partial<Terms>, quantity: bigint, price: bigint, who = dave) => {
      const need = await needTerms(who, { quantity: 1_000n, price: u(50), ...overrides });
      const refs: Ref[] = [
        { id: offerId, terms: offer },
        { id: await post(exchange, who, need), terms: need },
      ];
      return submit(exchange, outsider, refs, [{ offer: 0, need: 1, quantity, price }]);
    };
    await expect(tryNeed({}, 10n, u(9)))
      .to.be.revertedWithCustomError(exchange, "PriceOutsideTerms")
      .withArgs(u(9), u(10), u(50));
    await expect(tryNeed({}, 51n, u(10)))
      .to.be.revertedWithCustomError(exchange, "QuantityExceedsRemaining")
      .withArgs(offerId, 51n, 50n);
    // 60 km away, beyond alice's 20 km, though the attacker accepts any distance
    await expect(tryNeed({ lat: 45_033_700, maxDistance: 4_000_000 }, 10n, u(10))).to.be.revertedWithCustomError(
      exchange,
      "TooFar",
    );
    await expect(tryNeed({ unit: unit("kg") }, 10n, u(10))).to.be.revertedWithCustomError(exchange, "CategoryMismatch");
    // its two addresses together draw no more than the offer holds
    await expect(tryNeed({}, 30n, u(10), dave)).to.emit(exchange, "OrderMatched");
    await expect(tryNeed({}, 21n, u(10), erin))
      .to.be.revertedWithCustomError(exchange, "QuantityExceedsRemaining")
      .withArgs(offerId, 21n, 20n);
    // after the owner withdraws, nothing more
    await exchange.connect(alice).withdrawIntent(offerId, offer);
    await expect(tryNeed({}, 1n, u(10), erin))
      .to.be.revertedWithCustomError(exchange, "IntentNotActive")
      .withArgs(offerId);
    expect(await matchedOf(exchange, offerId)).to.equal(30n);
  });

  it("terms an owner replaced cannot be matched again (a replay of the old terms)", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, alice } = s;
    const [dave, , outsider] = s.attacker;
    const offer = await offerTerms(alice, { price: u(5) });
    const offerId = await post(exchange, alice, offer);
    const raised = { ...offer, price: u(10) };
    await exchange.connect(alice).updateIntent(offerId, offer, raised);
    const need = await needTerms(dave);
    const refs: Ref[] = [
      { id: offerId, terms: offer },
      { id: await post(exchange, dave, need), terms: need },
    ];
    await expect(submit(exchange, outsider, refs, [{ offer: 0, need: 1, quantity: 10n, price: u(5) }]))
      .to.be.revertedWithCustomError(exchange, "IntentTermsMismatch")
      .withArgs(offerId);
  });

  it("forged and replayed order records are refused; a party's step is refused to everyone else", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, alice, bob } = s;
    const [dave, erin, outsider] = s.attacker;
    const m = await matchedOrder(s);
    // forged: the attacker names itself producer, or moves the order straight to Shipped
    await expect(exchange.connect(dave).acceptOrder(m.orderId, { ...m.order, producer: dave.address }, m.order.dueBy))
      .to.be.revertedWithCustomError(exchange, "OrderRecordMismatch")
      .withArgs(m.orderId);
    await expect(exchange.connect(bob).confirmDelivery(m.orderId, { ...m.order, state: OrderState.Shipped }))
      .to.be.revertedWithCustomError(exchange, "OrderRecordMismatch")
      .withArgs(m.orderId);
    for (const who of [dave, erin, outsider]) {
      await expect(exchange.connect(who).acceptOrder(m.orderId, m.order, m.order.dueBy))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(m.orderId, who.address);
      await expect(exchange.connect(who).cancelOrder(m.orderId, m.order))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(m.orderId, who.address);
    }
    // replayed: once accepted, the Matched record no longer cancels it (the buyer's window would count from the match)
    await exchange.connect(alice).acceptOrder(m.orderId, m.order, m.order.dueBy);
    await at(m.order.matchedAt + 8n * 24n * 3600n);
    await expect(exchange.connect(bob).cancelOrder(m.orderId, m.order))
      .to.be.revertedWithCustomError(exchange, "OrderRecordMismatch")
      .withArgs(m.orderId);
    const acceptedRecord = await orderRecord(exchange, m.orderId);
    await exchange.connect(alice).shipOrder(m.orderId, acceptedRecord);
    const shipped = await orderRecord(exchange, m.orderId);
    for (const who of [dave, erin, outsider, alice]) {
      await expect(exchange.connect(who).confirmDelivery(m.orderId, shipped))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(m.orderId, who.address);
      await expect(exchange.connect(who).disputeOrder(m.orderId, shipped, ethers.ZeroHash))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(m.orderId, who.address);
    }
    // the accepted record replayed to ship again or cancel
    await expect(exchange.connect(alice).shipOrder(m.orderId, acceptedRecord))
      .to.be.revertedWithCustomError(exchange, "OrderRecordMismatch")
      .withArgs(m.orderId);
    await expect(exchange.connect(alice).cancelOrder(m.orderId, acceptedRecord))
      .to.be.revertedWithCustomError(exchange, "OrderRecordMismatch")
      .withArgs(m.orderId);
  });

  it("twin orders with identical records each deliver once, under their own ids", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, network, alice, bob, outsider } = s;
    const offer = await offerTerms(alice);
    const need = await needTerms(bob);
    const refs: Ref[] = [
      { id: await post(exchange, alice, offer), terms: offer },
      { id: await post(exchange, bob, need), terms: need },
    ];
    const m = { offer: 0, need: 1, quantity: 5n, price: u(11) };
    await submit(exchange, outsider, refs, [m, m]);
    const [one, two] = [await orderRecord(exchange, 1n), await orderRecord(exchange, 2n)];
    expect(one).to.deep.equal(two);
    expect(await exchange.orderHash(1n)).to.equal(await exchange.orderHash(2n));
    for (const id of [1n, 2n]) {
      await exchange.connect(alice).acceptOrder(id, one, one.dueBy);
      await exchange.connect(alice).shipOrder(id, await orderRecord(exchange, id));
    }
    const shipped1 = await orderRecord(exchange, 1n);
    await exchange.connect(bob).confirmDelivery(1n, shipped1);
    await expect(exchange.connect(bob).confirmDelivery(1n, shipped1)).to.be.revertedWithCustomError(
      exchange,
      "OrderRecordMismatch",
    );
    await exchange.connect(bob).confirmDelivery(2n, await orderRecord(exchange, 2n));
    const count = await network.obligationCount();
    const refsOnChain = [(await network.queryFilter(network.filters.ObligationRecorded(count - 1n)))[0].args.ref];
    refsOnChain.push((await network.queryFilter(network.filters.ObligationRecorded(count)))[0].args.ref);
    expect(refsOnChain).to.deep.equal([ethers.toBeHex(1n, 32), ethers.toBeHex(2n, 32)]);
  });

  it("a buyer who withdraws its approval after the match still owes the price: confirmed or deemed delivered (CN-8)", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, network, alice, bob } = s;
    const owes = async (amount: bigint) => {
      const ob = await network.obligation(await network.obligationCount());
      expect([ob.debtor, ob.creditor, ob.amount, ob.status]).to.deep.equal([
        bob.address,
        alice.address,
        amount,
        ObligationStatus.Open,
      ]);
    };
    const first = await shippedOrder(s);
    const second = await shippedOrder(s);
    await approve(exchange, network, bob, false);
    expect(await network.isObligationOperator(bob.address, await exchange.getAddress())).to.equal(false);
    // the buyer's own confirmation records the obligation it agreed to when matched
    await expect(exchange.connect(bob).confirmDelivery(first.orderId, first.order)).to.emit(exchange, "OrderDelivered");
    await owes(40n * u(11));
    // staying silent does not help either: after the window the producer settles it as deemed delivered
    await at(second.order.shippedAt + CONFIRM_WINDOW + 1n);
    await expect(exchange.connect(alice).settleUnconfirmed(second.orderId, second.order)).to.emit(
      exchange,
      "OrderDelivered",
    );
    await owes(40n * u(11));
    expect((await orderRecord(exchange, second.orderId)).state).to.equal(OrderState.Delivered);
  });

  it("a producer who withdraws its approval after shipping is still paid when a dispute is resolved to a delivery", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, network, alice, bob, steward } = s;
    const { orderId, order } = await shippedOrder(s);
    await approve(exchange, network, alice, false);
    await exchange.connect(bob).disputeOrder(orderId, order, ethers.id("late and short"));
    const disputed = await orderRecord(exchange, orderId);
    const id = (await network.obligationCount()) + 1n;
    await expect(exchange.connect(steward).resolveDispute(orderId, disputed, 10n)).to.emit(exchange, "OrderDelivered");
    const ob = await network.obligation(id);
    expect([ob.debtor, ob.creditor, ob.amount]).to.deep.equal([bob.address, alice.address, 10n * u(11)]);
  });

  it("a buyer who withdraws and approves again after the match cannot block the settlement (CN-8)", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, network, alice, bob } = s;
    const { orderId, order } = await shippedOrder(s);
    // the withdrawal binds only agreements made after it; approving again must not undo the earlier one
    await approve(exchange, network, bob, false);
    await approve(exchange, network, bob);
    await at(order.shippedAt + CONFIRM_WINDOW + 1n);
    await expect(exchange.connect(alice).settleUnconfirmed(orderId, order)).to.emit(exchange, "OrderDelivered");
  });

  it("a buyer who withdraws in the same second as its match cannot block the settlement (CN-8)", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, network, alice, bob, outsider } = s;
    const offer = await offerTerms(alice);
    const need = await needTerms(bob);
    const refs: Ref[] = [
      { id: await post(exchange, alice, offer), terms: offer },
      { id: await post(exchange, bob, need), terms: need },
    ];
    // one block: the match, then the buyer's withdrawal right behind it
    const automine = (on: boolean) => conn.provider.request({ method: "evm_setAutomine", params: [on] });
    const exchangeAddress = await exchange.getAddress();
    await automine(false);
    try {
      const matched = await submit(exchange, outsider, refs, [{ offer: 0, need: 1, quantity: 10n, price: u(11) }]);
      const withdrawn = await network.connect(bob).setObligationOperator(exchangeAddress, false);
      await networkHelpers.mine();
      const [a, b] = [(await matched.wait())!, (await withdrawn.wait())!];
      expect([a.status, b.status, a.blockNumber, a.index < b.index]).to.deep.equal([1, 1, b.blockNumber, true]);
    } finally {
      await automine(true);
    }
    const orderId = await exchange.orderCount();
    const order = await orderRecord(exchange, orderId);
    await exchange.connect(alice).acceptOrder(orderId, order, order.dueBy);
    await exchange.connect(alice).shipOrder(orderId, await orderRecord(exchange, orderId));
    const shipped = await orderRecord(exchange, orderId);
    await at(shipped.shippedAt + CONFIRM_WINDOW + 1n);
    await expect(exchange.connect(alice).settleUnconfirmed(orderId, shipped)).to.emit(exchange, "OrderDelivered");
  });

  it("only a steward of the credit network resolves a dispute", async () => {
    const s = await networkHelpers.loadFixture(withAttacker);
    const { exchange, alice, bob, admin, steward } = s;
    const [dave, , outsider] = s.attacker;
    const { orderId, order } = await shippedOrder(s);
    await exchange.connect(bob).disputeOrder(orderId, order, ethers.id("wrong colour"));
    const disputed = await orderRecord(exchange, orderId);
    for (const who of [alice, bob, dave, outsider, admin]) {
      await expect(exchange.connect(who).resolveDispute(orderId, disputed, 40n))
        .to.be.revertedWithCustomError(exchange, "NotAllowed")
        .withArgs(orderId, who.address);
    }
    await expect(exchange.connect(steward).resolveDispute(orderId, disputed, 40n)).to.emit(exchange, "OrderDelivered");
  });
});
