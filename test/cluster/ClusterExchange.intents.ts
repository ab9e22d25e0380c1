import { expect } from "chai";
import {
  approve,
  at,
  deployCluster,
  ethers,
  latest,
  matchedOf,
  matchedOrder,
  needTerms,
  networkHelpers,
  offerTerms,
  post,
  Side,
  submit,
  termsFromEvents,
  termsHash,
  u,
} from "./fixtures.ts";

describe("ClusterExchange · intents", () => {
  it("posts an offer and a need: ids from 1, the terms hash stored, everything evented", async () => {
    const { exchange, alice, bob } = await networkHelpers.loadFixture(deployCluster);
    const offer = await offerTerms(alice, { designId: 2n });
    expect(await exchange.hashTerms(offer)).to.equal(termsHash(offer));
    await expect(exchange.connect(alice).postIntent(offer))
      .to.emit(exchange, "IntentPosted")
      .withArgs(1, alice.address, Side.Offer, Object.values(offer));
    const need = await needTerms(bob);
    expect(await exchange.connect(bob).postIntent.staticCall(need)).to.equal(2n);
    await expect(exchange.connect(bob).postIntent(need))
      .to.emit(exchange, "IntentPosted")
      .withArgs(2, bob.address, Side.Need, Object.values(need));
    expect(await exchange.intentCount()).to.equal(2n);
    expect(await exchange.intent(1)).to.deep.equal([termsHash(offer), 0n]);
    expect(await exchange.intent(2)).to.deep.equal([termsHash(need), 0n]);
    expect(await exchange.intent(3)).to.deep.equal([ethers.ZeroHash.slice(0, 42), 0n]);
    // the events rebuild the terms the hash is of
    expect(termsHash(await termsFromEvents(exchange, 1n))).to.equal(termsHash(offer));
  });

  it("refuses terms posted for another owner", async () => {
    const { exchange, alice, bob } = await networkHelpers.loadFixture(deployCluster);
    await expect(exchange.connect(bob).postIntent(await offerTerms(alice)))
      .to.be.revertedWithCustomError(exchange, "NotIntentOwner")
      .withArgs(0, bob.address);
  });

  it("refuses malformed terms, each with its error and arguments", async () => {
    const { exchange, alice } = await networkHelpers.loadFixture(deployCluster);
    const post_ = async (o: Parameters<typeof offerTerms>[1]) =>
      exchange.connect(alice).postIntent(await offerTerms(alice, o));
    await expect(post_({ quantity: 0n })).to.be.revertedWithCustomError(exchange, "ZeroQuantity");
    await expect(post_({ price: 0n })).to.be.revertedWithCustomError(exchange, "ZeroPrice");
    await expect(post_({ unit: "0x0000000000000000" })).to.be.revertedWithCustomError(exchange, "EmptyUnit");
    await expect(post_({ start: 5_000_000_000n, end: 5_000_000_000n }))
      .to.be.revertedWithCustomError(exchange, "InvalidWindow")
      .withArgs(5_000_000_000n, 5_000_000_000n);
    await expect(post_({ start: 5_000_000_001n, end: 5_000_000_000n }))
      .to.be.revertedWithCustomError(exchange, "InvalidWindow")
      .withArgs(5_000_000_001n, 5_000_000_000n);
    await expect(post_({ lat: 90_000_001 }))
      .to.be.revertedWithCustomError(exchange, "InvalidPlace")
      .withArgs(90_000_001, 11_343_000);
    await expect(post_({ lat: -90_000_001 })).to.be.revertedWithCustomError(exchange, "InvalidPlace");
    await expect(post_({ lon: 180_000_001 })).to.be.revertedWithCustomError(exchange, "InvalidPlace");
    await expect(post_({ lon: -180_000_001 }))
      .to.be.revertedWithCustomError(exchange, "InvalidPlace")
      .withArgs(44_493_700, -180_000_001);
    await expect(post_({ maxDistance: 0 })).to.be.revertedWithCustomError(exchange, "ZeroDistance");
    await expect(post_({ designId: 3n }))
      .to.be.revertedWithCustomError(exchange, "UnknownDesign")
      .withArgs(3n);
    // the globe's edges and the commons' designs are valid
    for (const o of [
      { lat: 90_000_000, lon: 180_000_000 },
      { lat: -90_000_000, lon: -180_000_000 },
      { designId: 1n },
    ]) {
      await expect(post_(o)).to.emit(exchange, "IntentPosted");
    }
  });

  it("a window may close at the block's time, not before it", async () => {
    const { exchange, alice } = await networkHelpers.loadFixture(deployCluster);
    const t = (await latest()) + 100n;
    const terms = await offerTerms(alice, { start: t - 50n, end: t });
    await at(t);
    await expect(exchange.connect(alice).postIntent(terms)).to.emit(exchange, "IntentPosted");
    await at(t + 1n);
    await expect(exchange.connect(alice).postIntent(terms))
      .to.be.revertedWithCustomError(exchange, "InvalidWindow")
      .withArgs(t - 50n, t);
  });

  it("only active members who approved the exchange post", async () => {
    const { exchange, network, steward, alice, erin, outsider } = await networkHelpers.loadFixture(deployCluster);
    await expect(exchange.connect(outsider).postIntent(await offerTerms(outsider)))
      .to.be.revertedWithCustomError(exchange, "NotActiveMember")
      .withArgs(outsider.address);
    await expect(exchange.connect(erin).postIntent(await offerTerms(erin)))
      .to.be.revertedWithCustomError(exchange, "ExchangeNotApproved")
      .withArgs(erin.address);
    await approve(exchange, network, erin);
    await expect(exchange.connect(erin).postIntent(await offerTerms(erin))).to.emit(exchange, "IntentPosted");
    await approve(exchange, network, alice, false);
    await expect(exchange.connect(alice).postIntent(await offerTerms(alice)))
      .to.be.revertedWithCustomError(exchange, "ExchangeNotApproved")
      .withArgs(alice.address);
    await approve(exchange, network, alice);
    await network.connect(steward).suspendMember(alice.address);
    await expect(exchange.connect(alice).postIntent(await offerTerms(alice)))
      .to.be.revertedWithCustomError(exchange, "NotActiveMember")
      .withArgs(alice.address);
    // the terms are checked first: a malformed intent names its own error whoever posts it
    await expect(
      exchange.connect(outsider).postIntent(await offerTerms(outsider, { quantity: 0n })),
    ).to.be.revertedWithCustomError(exchange, "ZeroQuantity");
  });

  describe("update", () => {
    it("the owner replaces the terms; what was matched stays counted", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, alice } = s;
      const { offer, offerId } = await matchedOrder(s, { quantity: 40n });
      const next = { ...offer, quantity: 70n, price: u(9), maxDistance: 5_000 };
      await expect(exchange.connect(alice).updateIntent(offerId, offer, next))
        .to.emit(exchange, "IntentUpdated")
        .withArgs(offerId, Object.values(next));
      expect(await exchange.intent(offerId)).to.deep.equal([termsHash(next), 40n]);
      expect(termsHash(await termsFromEvents(exchange, offerId))).to.equal(termsHash(next));
      // the old terms no longer name it
      await expect(exchange.connect(alice).updateIntent(offerId, offer, next))
        .to.be.revertedWithCustomError(exchange, "IntentTermsMismatch")
        .withArgs(offerId);
      // down to exactly what was matched, not below
      const exact = { ...next, quantity: 40n };
      await expect(exchange.connect(alice).updateIntent(offerId, next, { ...next, quantity: 39n }))
        .to.be.revertedWithCustomError(exchange, "QuantityBelowMatched")
        .withArgs(offerId, 39n, 40n);
      await expect(exchange.connect(alice).updateIntent(offerId, next, exact)).to.emit(exchange, "IntentUpdated");
      expect(await matchedOf(exchange, offerId)).to.equal(40n);
    });

    it("refuses a change of owner or side, malformed terms, a stranger and unknown intents", async () => {
      const { exchange, alice, bob } = await networkHelpers.loadFixture(deployCluster);
      const offer = await offerTerms(alice);
      const id = await post(exchange, alice, offer);
      await expect(exchange.connect(alice).updateIntent(id, offer, { ...offer, owner: bob.address }))
        .to.be.revertedWithCustomError(exchange, "OwnerOrSideChanged")
        .withArgs(id);
      await expect(exchange.connect(alice).updateIntent(id, offer, { ...offer, side: Side.Need }))
        .to.be.revertedWithCustomError(exchange, "OwnerOrSideChanged")
        .withArgs(id);
      await expect(
        exchange.connect(alice).updateIntent(id, offer, { ...offer, price: 0n }),
      ).to.be.revertedWithCustomError(exchange, "ZeroPrice");
      await expect(exchange.connect(alice).updateIntent(id, offer, { ...offer, designId: 9n }))
        .to.be.revertedWithCustomError(exchange, "UnknownDesign")
        .withArgs(9n);
      await expect(exchange.connect(bob).updateIntent(id, offer, { ...offer, price: 1n }))
        .to.be.revertedWithCustomError(exchange, "NotIntentOwner")
        .withArgs(id, bob.address);
      await expect(exchange.connect(alice).updateIntent(99n, offer, offer))
        .to.be.revertedWithCustomError(exchange, "IntentNotActive")
        .withArgs(99n);
      await expect(exchange.connect(alice).updateIntent(id, { ...offer, quantity: 1n }, offer))
        .to.be.revertedWithCustomError(exchange, "IntentTermsMismatch")
        .withArgs(id);
    });
  });

  describe("withdraw", () => {
    it("the owner withdraws: the hash is cleared, the matched part kept, the intent can no longer be used", async () => {
      const s = await networkHelpers.loadFixture(deployCluster);
      const { exchange, alice, bob, carol } = s;
      const { offer, offerId, need, needId } = await matchedOrder(s, { quantity: 25n });
      await expect(exchange.connect(bob).withdrawIntent(offerId, offer))
        .to.be.revertedWithCustomError(exchange, "NotIntentOwner")
        .withArgs(offerId, bob.address);
      await expect(exchange.connect(alice).withdrawIntent(offerId, { ...offer, price: 1n }))
        .to.be.revertedWithCustomError(exchange, "IntentTermsMismatch")
        .withArgs(offerId);
      await expect(exchange.connect(alice).withdrawIntent(offerId, offer))
        .to.emit(exchange, "IntentWithdrawn")
        .withArgs(offerId, 25n);
      expect(await exchange.intent(offerId)).to.deep.equal([ethers.ZeroHash.slice(0, 42), 25n]);
      for (const call of [
        exchange.connect(alice).withdrawIntent(offerId, offer),
        exchange.connect(alice).updateIntent(offerId, offer, offer),
        submit(
          exchange,
          carol,
          [
            { id: offerId, terms: offer },
            { id: needId, terms: need },
          ],
          [{ offer: 0, need: 1, quantity: 1n, price: u(11) }],
        ),
      ]) {
        await expect(call).to.be.revertedWithCustomError(exchange, "IntentNotActive").withArgs(offerId);
      }
    });
  });
});
