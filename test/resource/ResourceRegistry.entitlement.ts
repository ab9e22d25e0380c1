import { expect } from "chai";
import {
  atNext,
  DAY,
  deployStock,
  land,
  networkHelpers,
  RULE,
  SEASON,
  seasonOne,
  t,
  ticket,
  warpTo,
} from "./fixtures.ts";

describe("ResourceRegistry · entitlement transfers", () => {
  it("the first transfer of season 1 opens it and settles both parties; holdings move exactly", async () => {
    const { registry, id, eli, fay, gus } = await networkHelpers.loadFixture(seasonOne);
    expect((await registry.getResource(id)).openedSeason).to.equal(0n); // nobody touched it yet
    expect(await registry.entitlementOf(id, eli.address)).to.equal(t(12_000));
    const tx = registry.connect(gus).transferEntitlement(id, eli.address, t(1_000));
    await expect(tx).to.emit(registry, "SeasonOpened").withArgs(id, 1, t(30_000), 0, false, t(3), t(0.3));
    await expect(tx).to.emit(registry, "EntitlementSettled").withArgs(id, 1, gus.address, t(7_500), 0);
    await expect(tx).to.emit(registry, "EntitlementSettled").withArgs(id, 1, eli.address, t(12_000), 0);
    await expect(tx).to.emit(registry, "EntitlementTransferred").withArgs(id, gus.address, eli.address, 1, t(1_000));
    expect((await registry.getResource(id)).openedSeason).to.equal(1n);
    const e = await registry.holdingOf(id, eli.address);
    expect([e.season, e.shares, e.seasonShares, e.settled, e.allocated, e.pendingCarryIn]).to.deep.equal([
      1n,
      4_000n,
      4_000n,
      true,
      t(12_000),
      0n,
    ]);
    expect([e.entitlement, e.landed, e.carryLimit]).to.deep.equal([t(13_000), 0n, t(1_200)]);
    expect(await registry.entitlementOf(id, gus.address)).to.equal(t(6_500));
    const f = await registry.holdingOf(id, fay.address);
    expect([f.settled, f.entitlement, f.allocated]).to.deep.equal([false, t(10_500), t(10_500)]);
    // A second transfer between settled parties emits no settlement.
    await expect(registry.connect(eli).transferEntitlement(id, gus.address, t(1)))
      .to.emit(registry, "EntitlementTransferred")
      .withArgs(id, eli.address, gus.address, 1, t(1))
      .and.not.to.emit(registry, "EntitlementSettled");
    expect(await registry.entitlementOf(id, eli.address)).to.equal(t(12_999));
    expect(await registry.entitlementOf(id, gus.address)).to.equal(t(6_501));
  });

  it("a recipient without shares is settled with nothing and can hold what it receives", async () => {
    const { registry, id, eli, outsider } = await networkHelpers.loadFixture(seasonOne);
    await expect(registry.connect(eli).transferEntitlement(id, outsider.address, t(100)))
      .to.emit(registry, "EntitlementSettled")
      .withArgs(id, 1, outsider.address, 0, 0);
    const h = await registry.holdingOf(id, outsider.address);
    expect([h.shares, h.seasonShares, h.allocated, h.entitlement, h.carryLimit]).to.deep.equal([
      0n,
      0n,
      0n,
      t(100),
      0n,
    ]);
    await registry.connect(outsider).transferEntitlement(id, eli.address, t(100));
    expect(await registry.entitlementOf(id, outsider.address)).to.equal(0n);
    expect(await registry.entitlementOf(id, eli.address)).to.equal(t(12_000));
  });

  it("refuses zero amounts, address(0) or oneself, and more than the sender holds", async () => {
    const { registry, id, eli, fay, outsider } = await networkHelpers.loadFixture(seasonOne);
    await expect(registry.connect(eli).transferEntitlement(id, fay.address, 0)).to.be.revertedWithCustomError(
      registry,
      "ZeroAmount",
    );
    await expect(registry.connect(eli).transferEntitlement(id, ethers0(), 1))
      .to.be.revertedWithCustomError(registry, "InvalidRecipient")
      .withArgs(ethers0());
    await expect(registry.connect(eli).transferEntitlement(id, eli.address, 1))
      .to.be.revertedWithCustomError(registry, "InvalidRecipient")
      .withArgs(eli.address);
    await expect(registry.connect(eli).transferEntitlement(id, fay.address, t(12_000) + 1n))
      .to.be.revertedWithCustomError(registry, "InsufficientEntitlement")
      .withArgs(id, eli.address, t(12_000), t(12_000) + 1n);
    await expect(registry.connect(outsider).transferEntitlement(id, fay.address, 1))
      .to.be.revertedWithCustomError(registry, "InsufficientEntitlement")
      .withArgs(id, outsider.address, 0, 1);
    // After spending: the exact remainder is the limit.
    await registry.connect(eli).transferEntitlement(id, outsider.address, t(11_000));
    await expect(registry.connect(eli).transferEntitlement(id, outsider.address, t(1_000) + 1n))
      .to.be.revertedWithCustomError(registry, "InsufficientEntitlement")
      .withArgs(id, eli.address, t(1_000), t(1_000) + 1n);
    await registry.connect(eli).transferEntitlement(id, outsider.address, t(1_000));
    expect(await registry.entitlementOf(id, eli.address)).to.equal(0n);
  });

  it("RC-3: the concentration cap is checked on the recipient, exactly at maxHolding", async () => {
    const { registry, id, eli, fay, outsider } = await networkHelpers.loadFixture(seasonOne);
    expect(await registry.maxHolding(id)).to.equal(t(13_500)); // 45 % of 30,000 t
    await expect(registry.connect(fay).transferEntitlement(id, eli.address, t(1_500) + 1n))
      .to.be.revertedWithCustomError(registry, "ConcentrationCapExceeded")
      .withArgs(id, eli.address, t(13_500), t(13_500) + 1n);
    await registry.connect(fay).transferEntitlement(id, eli.address, t(1_500));
    expect(await registry.entitlementOf(id, eli.address)).to.equal(t(13_500));
    await expect(registry.connect(fay).transferEntitlement(id, eli.address, 1))
      .to.be.revertedWithCustomError(registry, "ConcentrationCapExceeded")
      .withArgs(id, eli.address, t(13_500), t(13_500) + 1n);
    // A newcomer can receive up to the cap, not one unit more.
    await registry.connect(eli).transferEntitlement(id, outsider.address, t(13_500));
    expect(await registry.entitlementOf(id, outsider.address)).to.equal(t(13_500));
    await expect(registry.connect(fay).transferEntitlement(id, outsider.address, 1))
      .to.be.revertedWithCustomError(registry, "ConcentrationCapExceeded")
      .withArgs(id, outsider.address, t(13_500), t(13_500) + 1n);
  });

  it("RC-3: landed this season counts toward the recipient's cap", async () => {
    const { registry, id, buyer, eli, fay } = await networkHelpers.loadFixture(seasonOne);
    await land(registry, buyer, eli, t(2_000));
    expect(await registry.entitlementOf(id, eli.address)).to.equal(t(10_000));
    // eli holds 10,000 t and landed 2,000 t: 1,500 t more reaches 13,500 t, one unit more exceeds it.
    await expect(registry.connect(fay).transferEntitlement(id, eli.address, t(1_500) + 1n))
      .to.be.revertedWithCustomError(registry, "ConcentrationCapExceeded")
      .withArgs(id, eli.address, t(13_500), t(13_500) + 1n);
    await registry.connect(fay).transferEntitlement(id, eli.address, t(1_500));
    const h = await registry.holdingOf(id, eli.address);
    expect(h.entitlement + h.landed).to.equal(t(13_500));
  });

  it("RC-3: a holder above the cap (after the council lowered it) can still send, and receives nothing", async () => {
    const { registry, id, eli, fay, outsider } = await networkHelpers.loadFixture(seasonOne);
    await registry.setQuotaPolicy(id, 1_000, 1_000); // 10 % of 30,000 t = 3,000 t
    expect(await registry.maxHolding(id)).to.equal(t(3_000));
    // eli's own allocation (12,000 t) is never taken away, and she may send it...
    await registry.connect(eli).transferEntitlement(id, outsider.address, t(3_000));
    expect(await registry.entitlementOf(id, eli.address)).to.equal(t(9_000));
    expect(await registry.entitlementOf(id, outsider.address)).to.equal(t(3_000));
    // ...but no recipient may go above the cap, however far above it the sender is.
    await expect(registry.connect(eli).transferEntitlement(id, outsider.address, 1))
      .to.be.revertedWithCustomError(registry, "ConcentrationCapExceeded")
      .withArgs(id, outsider.address, t(3_000), t(3_000) + 1n);
    await expect(registry.connect(fay).transferEntitlement(id, eli.address, 1))
      .to.be.revertedWithCustomError(registry, "ConcentrationCapExceeded")
      .withArgs(id, eli.address, t(3_000), t(9_000) + 1n);
  });

  it("RC-5: closedPeriodAt gives the exact bounds, and entitlement is frozen in [start, end)", async () => {
    const { registry, id, start, eli, fay, buyer } = await networkHelpers.loadFixture(seasonOne);
    const from = start + 60 * DAY;
    const until = start + 120 * DAY;
    expect(await registry.closedPeriodAt(id, start - 1)).to.deep.equal([false, 0n, 0n]);
    expect(await registry.closedPeriodAt(id, from - 1)).to.deep.equal([false, 0n, 0n]);
    expect(await registry.closedPeriodAt(id, from)).to.deep.equal([true, BigInt(from), BigInt(until)]);
    expect(await registry.closedPeriodAt(id, until - 1)).to.deep.equal([true, BigInt(from), BigInt(until)]);
    expect(await registry.closedPeriodAt(id, until)).to.deep.equal([false, 0n, 0n]);
    expect(await registry.closedPeriodAt(id, from + SEASON)).to.deep.equal([
      true,
      BigInt(from + SEASON),
      BigInt(until + SEASON),
    ]);
    await atNext(from - 1);
    await registry.connect(eli).transferEntitlement(id, fay.address, t(1));
    await atNext(from);
    await expect(registry.connect(eli).transferEntitlement(id, fay.address, t(1)))
      .to.be.revertedWithCustomError(registry, "ClosedPeriodActive")
      .withArgs(id, from, until);
    await atNext(until - 1);
    await expect(registry.connect(buyer).recordLanding(id, eli.address, t(1), ticket("x")))
      .to.be.revertedWithCustomError(registry, "ClosedPeriodActive")
      .withArgs(id, from, until);
    await atNext(until);
    await registry.connect(eli).transferEntitlement(id, fay.address, t(1));
    expect(await registry.entitlementOf(id, fay.address)).to.equal(t(10_502));
  });

  it("RC-5: several closed periods, and none at all after the council removes them", async () => {
    const { registry, id, start, eli, fay } = await networkHelpers.loadFixture(seasonOne);
    await registry.setClosedPeriods(id, [
      { start: 2 * DAY, end: 3 * DAY },
      { start: 3 * DAY, end: 4 * DAY },
      { start: 300 * DAY, end: 365 * DAY },
    ]);
    expect(await registry.closedPeriodAt(id, start + 3 * DAY)).to.deep.equal([
      true,
      BigInt(start + 3 * DAY),
      BigInt(start + 4 * DAY),
    ]);
    expect(await registry.closedPeriodAt(id, start + SEASON - 1)).to.deep.equal([
      true,
      BigInt(start + 300 * DAY),
      BigInt(start + SEASON),
    ]);
    expect(await registry.closedPeriodAt(id, start + 100 * DAY)).to.deep.equal([false, 0n, 0n]);
    await atNext(start + 2 * DAY);
    await expect(registry.connect(eli).transferEntitlement(id, fay.address, 1))
      .to.be.revertedWithCustomError(registry, "ClosedPeriodActive")
      .withArgs(id, start + 2 * DAY, start + 3 * DAY);
    await registry.setClosedPeriods(id, []);
    expect(await registry.closedPeriodAt(id, start + 3 * DAY)).to.deep.equal([false, 0n, 0n]);
    await registry.connect(eli).transferEntitlement(id, fay.address, 1);
    expect(await registry.entitlementOf(id, fay.address)).to.equal(t(10_500) + 1n);
  });

  it("before season 1 nothing moves: NoOpenSeason with its opening time", async () => {
    const { registry, id, start, eli, fay, buyer, science } = await networkHelpers.loadFixture(deployStock);
    await registry.connect(science).postAssessment(id, 1, t(150_000), ticket("1"));
    await registry.connect(eli).approveBuyer(id, buyer.address, true);
    await expect(registry.connect(eli).transferEntitlement(id, fay.address, 1))
      .to.be.revertedWithCustomError(registry, "NoOpenSeason")
      .withArgs(id, start);
    await atNext(start - 1);
    await expect(registry.connect(buyer).recordLanding(id, eli.address, 1, ticket("early")))
      .to.be.revertedWithCustomError(registry, "NoOpenSeason")
      .withArgs(id, start);
    const h = await registry.holdingOf(id, eli.address);
    expect([h.season, h.shares, h.entitlement]).to.deep.equal([0n, 4_000n, 0n]);
    await expect(registry.rollover(id)).to.be.revertedWithCustomError(registry, "NothingToRollOver").withArgs(id, 0);
    await atNext(start);
    await registry.connect(eli).transferEntitlement(id, fay.address, 1);
    expect(await registry.entitlementOf(id, fay.address)).to.equal(t(10_500) + 1n);
  });

  it("entitlement changes of one resource leave another resource untouched", async () => {
    const { registry, id, eli, fay, gus, science } = await networkHelpers.loadFixture(seasonOne);
    const start2 = (await networkHelpers.time.latest()) + DAY;
    await registry.registerResource(
      {
        name: "Cod",
        unit: "t",
        firstSeasonStart: start2,
        seasonLength: SEASON,
        rule: RULE,
        carryOverBps: 0,
        concentrationCapBps: 6_000,
        closedPeriods: [],
      },
      [eli.address, fay.address],
      [6, 4],
    );
    await registry.setAssessor(2, science.address, true);
    await registry.connect(science).postAssessment(2, 1, t(100_000), ticket("cod"));
    await warpTo(start2);
    await registry.connect(eli).transferEntitlement(2, gus.address, t(1_000));
    expect(await registry.entitlementOf(2, eli.address)).to.equal(t(11_000));
    expect(await registry.entitlementOf(2, gus.address)).to.equal(t(1_000));
    expect(await registry.entitlementOf(id, eli.address)).to.equal(t(12_000));
    expect(await registry.entitlementOf(id, gus.address)).to.equal(t(7_500));
  });
});

function ethers0() {
  return "0x0000000000000000000000000000000000000000";
}
