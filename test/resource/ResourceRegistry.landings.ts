import { expect } from "chai";
import { land, networkHelpers, seasonOne, t, ticket } from "./fixtures.ts";

describe("ResourceRegistry · landings", () => {
  it("a registered, approved buyer records a landing: entitlement burned, landed totals and event", async () => {
    const { registry, id, buyer, eli, fay } = await networkHelpers.loadFixture(seasonOne);
    expect(await registry.isBuyerApproved(id, eli.address, buyer.address)).to.equal(true);
    const tx = registry.connect(buyer).recordLanding(id, eli.address, t(7_000), ticket("S1-0001"));
    await expect(tx).to.emit(registry, "EntitlementSettled").withArgs(id, 1, eli.address, t(12_000), 0);
    await expect(tx)
      .to.emit(registry, "Landed")
      .withArgs(id, eli.address, buyer.address, 1, t(7_000), ticket("S1-0001"));
    await land(registry, buyer, fay, t(5_000));
    await land(registry, buyer, eli, t(4_500));
    const e = await registry.holdingOf(id, eli.address);
    expect([e.entitlement, e.landed, e.allocated]).to.deep.equal([t(500), t(11_500), t(12_000)]);
    const f = await registry.holdingOf(id, fay.address);
    expect([f.entitlement, f.landed]).to.deep.equal([t(5_500), t(5_000)]);
    const s = await registry.getSeason(id, 1);
    expect(s.landed).to.equal(t(16_500));
    // Carry-forward: T x 0.3 t = 3,000 t, minus eli's shortfall below her 1,200 t limit (1,200 - 500 = 700 t).
    expect(s.carryForward).to.equal(t(2_300));
  });

  it("landing received entitlement: a holder lands more than its own allocation", async () => {
    const { registry, id, buyer, eli, gus } = await networkHelpers.loadFixture(seasonOne);
    await registry.connect(gus).transferEntitlement(id, eli.address, t(1_000));
    await land(registry, buyer, eli, t(13_000));
    const e = await registry.holdingOf(id, eli.address);
    expect([e.entitlement, e.landed]).to.deep.equal([0n, t(13_000)]);
    await expect(land(registry, buyer, eli, 1n))
      .to.be.revertedWithCustomError(registry, "LandingExceedsEntitlement")
      .withArgs(id, eli.address, 0, 1);
  });

  it("refuses unregistered buyers, unapproved buyers, zero and oversized landings", async () => {
    const { registry, id, buyer, outsider, eli, fay } = await networkHelpers.loadFixture(seasonOne);
    await expect(registry.connect(outsider).recordLanding(id, eli.address, 1, ticket("x")))
      .to.be.revertedWithCustomError(registry, "UnregisteredBuyer")
      .withArgs(id, outsider.address);
    // Approved by the holder, but not registered by the council.
    await registry.connect(eli).approveBuyer(id, outsider.address, true);
    await expect(registry.connect(outsider).recordLanding(id, eli.address, 1, ticket("x")))
      .to.be.revertedWithCustomError(registry, "UnregisteredBuyer")
      .withArgs(id, outsider.address);
    await expect(registry.connect(buyer).recordLanding(id, outsider.address, 1, ticket("x")))
      .to.be.revertedWithCustomError(registry, "BuyerNotApproved")
      .withArgs(id, outsider.address, buyer.address);
    await expect(registry.connect(buyer).recordLanding(id, eli.address, 0, ticket("x"))).to.be.revertedWithCustomError(
      registry,
      "ZeroAmount",
    );
    await expect(land(registry, buyer, fay, t(10_500) + 1n))
      .to.be.revertedWithCustomError(registry, "LandingExceedsEntitlement")
      .withArgs(id, fay.address, t(10_500), t(10_500) + 1n);
    await land(registry, buyer, fay, t(10_500));
    expect((await registry.getSeason(id, 1)).landed).to.equal(t(10_500));
  });

  it("a holder revokes its approval; the council deregisters a buyer", async () => {
    const { registry, id, council, buyer, eli, fay } = await networkHelpers.loadFixture(seasonOne);
    await land(registry, buyer, eli, t(1));
    await expect(registry.connect(eli).approveBuyer(id, buyer.address, false))
      .to.emit(registry, "BuyerApprovalSet")
      .withArgs(id, eli.address, buyer.address, false);
    expect(await registry.isBuyerApproved(id, eli.address, buyer.address)).to.equal(false);
    await expect(land(registry, buyer, eli, t(1)))
      .to.be.revertedWithCustomError(registry, "BuyerNotApproved")
      .withArgs(id, eli.address, buyer.address);
    await land(registry, buyer, fay, t(1)); // fay's approval stands
    await registry.connect(council).setBuyer(id, buyer.address, false);
    await expect(land(registry, buyer, fay, t(1)))
      .to.be.revertedWithCustomError(registry, "UnregisteredBuyer")
      .withArgs(id, buyer.address);
    await registry.connect(eli).approveBuyer(id, buyer.address, true);
    await registry.connect(council).setBuyer(id, buyer.address, true);
    await land(registry, buyer, eli, t(2));
    const s = await registry.getSeason(id, 1);
    expect(s.landed).to.equal(t(4));
    expect((await registry.holdingOf(id, eli.address)).landed).to.equal(t(3));
  });

  it("RC-1: during a season, entitlements + landed + unallocated == cap after every landing", async () => {
    const { registry, id, buyer, eli, fay, gus } = await networkHelpers.loadFixture(seasonOne);
    const holders = [eli, fay, gus];
    const amounts = [t(1_234.567), t(3_000), t(7_499.999), t(1), t(4_000)];
    for (let i = 0; i < amounts.length; i++) {
      await land(registry, buyer, holders[i % 3], amounts[i], `L${i}`);
      let entitlements = 0n;
      for (const h of holders) entitlements += await registry.entitlementOf(id, h.address);
      const s = await registry.getSeason(id, 1);
      const unallocated = s.cap - s.carriedIn - 10_000n * s.allocationPerShare;
      expect(entitlements + s.landed + unallocated).to.equal(s.cap);
    }
  });
});
