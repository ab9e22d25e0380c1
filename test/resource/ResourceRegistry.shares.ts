import { expect } from "chai";
import {
  DAY,
  deployStock,
  ethers,
  Model,
  networkHelpers,
  seasonOne,
  seasonStart,
  t,
  ticket,
  warpTo,
  type Registry,
} from "./fixtures.ts";

/** RC-1 over `accounts` in the current season. */
async function expectRc1(registry: Registry, id: bigint, accounts: string[]) {
  const season = await registry.currentSeason(id);
  const s = await registry.getSeason(id, season);
  let entitlements = 0n;
  for (const a of accounts) entitlements += await registry.entitlementOf(id, a);
  const unallocated = s.cap - s.carriedIn - 10_000n * s.allocationPerShare;
  expect(entitlements + s.landed + unallocated).to.equal(s.cap);
}

describe("ResourceRegistry · quota shares (ERC-1155)", () => {
  it("a share transfer settles both parties: this season keeps the shares held at its start", async () => {
    const { registry, id, start, science, eli, fay } = await networkHelpers.loadFixture(seasonOne);
    const tx = registry.connect(eli).safeTransferFrom(eli.address, fay.address, id, 1_000, "0x");
    await expect(tx).to.emit(registry, "SeasonOpened");
    await expect(tx).to.emit(registry, "EntitlementSettled").withArgs(id, 1, eli.address, t(12_000), 0);
    await expect(tx).to.emit(registry, "EntitlementSettled").withArgs(id, 1, fay.address, t(10_500), 0);
    await expect(tx).to.emit(registry, "TransferSingle").withArgs(eli.address, eli.address, fay.address, id, 1_000);
    const e = await registry.holdingOf(id, eli.address);
    const f = await registry.holdingOf(id, fay.address);
    expect([e.shares, e.seasonShares, e.entitlement, e.carryLimit]).to.deep.equal([
      3_000n,
      4_000n,
      t(12_000),
      t(1_200),
    ]);
    expect([f.shares, f.seasonShares, f.entitlement, f.carryLimit]).to.deep.equal([
      4_500n,
      3_500n,
      t(10_500),
      t(1_050),
    ]);
    // A second move in the same season changes nothing of this season's terms.
    await registry.connect(fay).safeTransferFrom(fay.address, eli.address, id, 500, "0x");
    expect((await registry.holdingOf(id, fay.address)).seasonShares).to.equal(3_500n);
    // Next season: allocations follow the shares held when it opens (eli 3,500, fay 4,000).
    await registry.connect(science).postAssessment(id, 2, t(150_000), ticket("2"));
    await warpTo(seasonStart(start, 2) + DAY);
    await registry.rollover(id);
    const aps = (await registry.getSeason(id, 2)).allocationPerShare;
    const e2 = await registry.holdingOf(id, eli.address);
    const f2 = await registry.holdingOf(id, fay.address);
    expect([e2.seasonShares, e2.allocated, e2.pendingCarryIn]).to.deep.equal([3_500n, 3_500n * aps, t(1_200)]);
    expect([f2.seasonShares, f2.allocated, f2.pendingCarryIn]).to.deep.equal([4_000n, 4_000n * aps, t(1_050)]);
    expect(await registry.balanceOf(eli.address, id)).to.equal(3_500n);
  });

  it("shares move before season 1 without settlement; season 1 allocates from the balances when it opens", async () => {
    const { registry, id, start, science, eli, gus } = await networkHelpers.loadFixture(deployStock);
    await expect(registry.connect(eli).safeTransferFrom(eli.address, gus.address, id, 1_000, "0x")).not.to.emit(
      registry,
      "EntitlementSettled",
    );
    await registry.connect(science).postAssessment(id, 1, t(150_000), ticket("1"));
    await warpTo(start);
    expect(await registry.entitlementOf(id, eli.address)).to.equal(t(9_000));
    expect(await registry.entitlementOf(id, gus.address)).to.equal(t(10_500));
  });

  it("ShareCapExceeded on the recipient: single, batch, and a batch listing the id twice", async () => {
    const { registry, id, eli, fay, gus, outsider } = await networkHelpers.loadFixture(seasonOne);
    // 45 % of 10,000 shares = 4,500; fay holds 3,500.
    await expect(registry.connect(eli).safeTransferFrom(eli.address, fay.address, id, 1_001, "0x"))
      .to.be.revertedWithCustomError(registry, "ShareCapExceeded")
      .withArgs(id, fay.address, 4_500, 4_501);
    await expect(registry.connect(eli).safeBatchTransferFrom(eli.address, fay.address, [id], [1_001], "0x"))
      .to.be.revertedWithCustomError(registry, "ShareCapExceeded")
      .withArgs(id, fay.address, 4_500, 4_501);
    // Splitting the same move into two entries of one batch does not get around the cap.
    await expect(registry.connect(eli).safeBatchTransferFrom(eli.address, fay.address, [id, id], [600, 401], "0x"))
      .to.be.revertedWithCustomError(registry, "ShareCapExceeded")
      .withArgs(id, fay.address, 4_500, 4_501);
    await registry.connect(eli).safeBatchTransferFrom(eli.address, fay.address, [id, id], [600, 400], "0x");
    expect(await registry.balanceOf(fay.address, id)).to.equal(4_500n);
    await expect(registry.connect(gus).safeTransferFrom(gus.address, fay.address, id, 1, "0x"))
      .to.be.revertedWithCustomError(registry, "ShareCapExceeded")
      .withArgs(id, fay.address, 4_500, 4_501);
    // A sender above the cap (after the council lowered it) can still send.
    await registry.setQuotaPolicy(id, 1_000, 2_000);
    await registry.connect(fay).safeTransferFrom(fay.address, outsider.address, id, 1, "0x");
    expect(await registry.balanceOf(fay.address, id)).to.equal(4_499n);
    await expect(registry.connect(fay).safeTransferFrom(fay.address, outsider.address, id, 2_000, "0x"))
      .to.be.revertedWithCustomError(registry, "ShareCapExceeded")
      .withArgs(id, outsider.address, 2_000, 2_001);
    // Shares are fixed in total (RC-5).
    let total = 0n;
    for (const h of [eli, fay, gus, outsider]) total += await registry.balanceOf(h.address, id);
    expect(total).to.equal(10_000n);
  });

  it("batch transfers of two resources settle each resource's parties; unknown ids are refused", async () => {
    const { registry, id, science, eli, fay } = await networkHelpers.loadFixture(seasonOne);
    const start2 = (await networkHelpers.time.latest()) + DAY;
    const cfg = await registry.getResource(id);
    await registry.registerResource(
      {
        name: "Cod",
        unit: "t",
        firstSeasonStart: start2,
        seasonLength: Number(cfg.seasonLength),
        rule: {
          targetRate: cfg.rule.targetRate,
          precautionaryBiomass: cfg.rule.precautionaryBiomass,
          limitBiomass: cfg.rule.limitBiomass,
          maxRiseBps: Number(cfg.rule.maxRiseBps),
          maxCutBps: Number(cfg.rule.maxCutBps),
        },
        carryOverBps: 0,
        concentrationCapBps: 10_000,
        closedPeriods: [],
      },
      [eli.address],
      [100],
    );
    await registry.setAssessor(2, science.address, true);
    await registry.connect(science).postAssessment(2, 1, t(100_000), ticket("cod"));
    await warpTo(start2);
    const tx = registry.connect(eli).safeBatchTransferFrom(eli.address, fay.address, [id, 2n], [100, 40], "0x");
    await expect(tx).to.emit(registry, "EntitlementSettled").withArgs(id, 1, eli.address, t(12_000), 0);
    await expect(tx).to.emit(registry, "EntitlementSettled").withArgs(2, 1, fay.address, 0, 0);
    await expect(tx)
      .to.emit(registry, "TransferBatch")
      .withArgs(eli.address, eli.address, fay.address, [id, 2n], [100n, 40n]);
    expect(await registry.balanceOfBatch([fay.address, fay.address], [id, 2n])).to.deep.equal([3_600n, 40n]);
    expect(await registry.entitlementOf(2, eli.address)).to.equal(t(20_000)); // season 1 keeps her 100 shares
    expect(await registry.entitlementOf(2, fay.address)).to.equal(0n);
    await expect(registry.connect(eli).safeBatchTransferFrom(eli.address, fay.address, [id, 3n], [1, 0], "0x"))
      .to.be.revertedWithCustomError(registry, "UnknownResource")
      .withArgs(3);
  });

  it("a transfer to oneself or of someone else's shares without approval", async () => {
    const { registry, id, eli, fay } = await networkHelpers.loadFixture(seasonOne);
    await expect(registry.connect(eli).safeTransferFrom(eli.address, eli.address, id, 4_000, "0x")).not.to.emit(
      registry,
      "EntitlementSettled",
    );
    expect(await registry.balanceOf(eli.address, id)).to.equal(4_000n);
    await expect(registry.connect(fay).safeTransferFrom(eli.address, fay.address, id, 1, "0x"))
      .to.be.revertedWithCustomError(registry, "ERC1155MissingApprovalForAll")
      .withArgs(fay.address, eli.address);
    await registry.connect(eli).setApprovalForAll(fay.address, true);
    await registry.connect(fay).safeTransferFrom(eli.address, fay.address, id, 1, "0x");
    expect(await registry.balanceOf(fay.address, id)).to.equal(3_501n);
    await expect(registry.connect(eli).safeTransferFrom(eli.address, fay.address, id, 4_000, "0x"))
      .to.be.revertedWithCustomError(registry, "ERC1155InsufficientBalance")
      .withArgs(eli.address, 3_999, 4_000, id);
  });

  it("a receiver that re-enters transferEntitlement or safeTransferFrom while receiving cannot break accounting", async () => {
    const { registry, id, start, science, buyer, eli, fay, gus } = await networkHelpers.loadFixture(seasonOne);
    const attacker = await ethers.deployContract("ReentrantShareReceiver", [await registry.getAddress()]);
    const a = await attacker.getAddress();
    const accounts = [eli.address, fay.address, gus.address, a];
    const model = new Model(10_000n, 1_000n, [
      [eli.address, 4_000n],
      [fay.address, 3_500n],
      [gus.address, 2_500n],
    ]);
    model.open(t(30_000));
    await registry.connect(eli).transferEntitlement(id, a, t(100));
    model.transfer(eli.address, a, t(100));

    // 1. Re-entry into transferEntitlement: the receiver is already settled, its transfer goes through.
    await attacker.setAction(1, fay.address, t(60), false);
    await registry.connect(eli).safeTransferFrom(eli.address, a, id, 500, "0x");
    model.moveShares(eli.address, a, 500n);
    model.transfer(a, fay.address, t(60));
    expect([await attacker.reentryAttempts(), await attacker.reentrySuccesses()]).to.deep.equal([1n, 1n]);
    expect(await registry.entitlementOf(id, a)).to.equal(t(40));
    expect(await registry.entitlementOf(id, fay.address)).to.equal(t(10_560));

    // 2. Re-entry moving more entitlement than it holds fails inside; bubbled, the whole share transfer reverts.
    await attacker.setAction(1, fay.address, t(41), true);
    await expect(registry.connect(eli).safeTransferFrom(eli.address, a, id, 1, "0x")).to.be.revertedWithCustomError(
      attacker,
      "ReentryFailed",
    );
    expect(await registry.balanceOf(a, id)).to.equal(500n);

    // 3. Re-entry forwarding the shares just received: both moves settle and respect the share cap.
    await attacker.setAction(2, gus.address, 300, false);
    await registry.connect(eli).safeTransferFrom(eli.address, a, id, 300, "0x");
    model.moveShares(eli.address, a, 300n);
    model.moveShares(a, gus.address, 300n);
    expect(await registry.balanceOfBatch([a, gus.address, eli.address], [id, id, id])).to.deep.equal([
      500n,
      2_800n,
      3_200n,
    ]);
    // Forwarding above gus's share cap (lowered to 30 %: 3,000) fails inside the hook and is recorded, not applied.
    await registry.setQuotaPolicy(id, 1_000, 3_000);
    await attacker.setAction(2, gus.address, 300, false);
    await registry.connect(eli).safeBatchTransferFrom(eli.address, a, [id], [10], "0x");
    model.moveShares(eli.address, a, 10n);
    const err = registry.interface.parseError(await attacker.lastReentryError())!;
    expect(err.name).to.equal("ShareCapExceeded");
    expect(err.args).to.deep.equal([id, gus.address, 3_000n, 3_100n]);
    expect(await registry.balanceOf(a, id)).to.equal(510n);

    // 4. A receiver that refuses shares makes the transfer fail.
    await attacker.setAction(3, gus.address, 0, false);
    await expect(registry.connect(eli).safeTransferFrom(eli.address, a, id, 1, "0x"))
      .to.be.revertedWithCustomError(registry, "ERC1155InvalidReceiver")
      .withArgs(a);

    // Accounting agrees with the model, this season and the next.
    for (const x of accounts) {
      expect(await registry.entitlementOf(id, x)).to.equal(model.entitlementOf(x));
      expect(await registry.balanceOf(x, id)).to.equal(model.shares.get(x));
    }
    expect((await registry.getSeason(id, 1)).carryForward).to.equal(model.carryForward());
    await expectRc1(registry, id, accounts);
    await attacker.approveBuyer(id, buyer.address);
    await registry.connect(buyer).recordLanding(id, a, t(40), ticket("attacker"));
    model.land(a, t(40));
    await registry.connect(science).postAssessment(id, 2, t(150_000), ticket("2"));
    await warpTo(seasonStart(start, 2) + DAY);
    model.open(t(30_000));
    const closed = await registry.rollover(id);
    await expect(closed)
      .to.emit(registry, "SeasonClosed")
      .withArgs(id, 1, ...model.reports.get(1)!);
    for (const x of accounts) expect(await registry.entitlementOf(id, x)).to.equal(model.entitlementOf(x));
    await expectRc1(registry, id, accounts);
    await attacker.setAction(0, gus.address, 0, false);
    await attacker.transferEntitlement(id, science.address, t(1));
    expect(await registry.entitlementOf(id, a)).to.equal(model.entitlementOf(a) - t(1));
  });
});
