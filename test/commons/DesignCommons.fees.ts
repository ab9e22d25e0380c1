import { expect } from "chai";
import {
  deployChain,
  ETH,
  ethers,
  givePoints,
  incomeOf,
  networkHelpers,
  register,
  takeLicence,
  terms,
  type Commons,
} from "./fixtures.ts";

const DAY = 86_400n;

/** Every amount of `currency` the fee paths account for: held per project, and income the ledger received. */
async function books(s: Commons, currency = ETH) {
  const held = [1n, 2n, 3n].map((p) => s.commons.heldFor(p, currency));
  const income = [1n, 2n, 3n].map((p) => incomeOf(s, p, currency));
  return { held: await Promise.all(held), income: await Promise.all(income) };
}
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe("DesignCommons · fees: where the money goes", () => {
  it("splits a fee in the call: each ancestor's share held for its project, the rest the design's project's income", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, company, original, derivative, grandchild } = s;
    const id = await takeLicence(s, company, grandchild);
    const fee = ethers.parseEther("1"); // 10 units at 0.1 ETH
    const tx = commons.connect(company).reportProduction(id, 10n, { value: fee });
    await expect(tx).to.emit(commons, "ProductionReported").withArgs(id, grandchild, 10n, fee);
    await expect(tx)
      .to.emit(commons, "AncestorShareCredited")
      .withArgs(grandchild, derivative, 2n, ETH, ethers.parseEther("0.05"));
    await expect(tx)
      .to.emit(commons, "AncestorShareCredited")
      .withArgs(grandchild, original, 1n, ETH, ethers.parseEther("0.1"));
    await expect(tx)
      .to.emit(commons, "ProjectShareCredited")
      .withArgs(grandchild, 2n, ETH, ethers.parseEther("0.85"), false);
    await expect(tx).to.changeEtherBalances(
      ethers,
      [company, commons, s.ledger],
      [-fee, ethers.parseEther("0.15"), ethers.parseEther("0.85")],
    );
    const b = await books(s);
    expect(b.held).to.deep.equal([ethers.parseEther("0.1"), ethers.parseEther("0.05"), 0n]);
    expect(b.income).to.deep.equal([0n, ethers.parseEther("0.85"), 0n]);
    const l = await commons.licence(id);
    expect([l.unitsReported, l.feesPaid]).to.deep.equal([10n, fee]);
  });

  it("releases held shares into the ledger once, and contributors claim points × income (to the wei)", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, company, outsider, designer, designer2, ledger, grandchild } = s;
    const id = await takeLicence(s, company, grandchild);
    await commons.connect(company).reportProduction(id, 10n, { value: ethers.parseEther("1") });
    await expect(commons.connect(outsider).release(1n, ETH))
      .to.emit(commons, "HeldReleased")
      .withArgs(1n, ETH, ethers.parseEther("0.1"), outsider.address);
    await commons.connect(outsider).release(2n, ETH);
    await expect(commons.release(2n, ETH)).to.be.revertedWithCustomError(commons, "NothingHeld").withArgs(2n, ETH);
    expect(await ethers.provider.getBalance(await commons.getAddress())).to.equal(0n);
    const b = await books(s);
    expect(b.held).to.deep.equal([0n, 0n, 0n]);
    expect(b.income).to.deep.equal([ethers.parseEther("0.1"), ethers.parseEther("0.9"), 0n]);
    // The studio: designer 300 and designer2 600 of 900 points; the lab: designer 300 of 300. The ledger owes points ×
    // its income per point (scaled by 1e18, rounded down): 0.1 ETH / 300 points leaves the lab's designer 1 wei short.
    expect(await ledger.claimable(2n, ETH, designer2.address)).to.equal(ethers.parseEther("0.6"));
    expect(await ledger.claimable(2n, ETH, designer.address)).to.equal(ethers.parseEther("0.3"));
    const [, , accPerPoint] = await ledger.incomeStats(1n, ETH);
    expect(accPerPoint).to.equal((ethers.parseEther("0.1") * 10n ** 18n) / 300n);
    expect(await ledger.claimable(1n, ETH, designer.address)).to.equal((300n * accPerPoint) / 10n ** 18n);
    expect(await ledger.claimable(1n, ETH, designer.address)).to.equal(ethers.parseEther("0.1") - 1n);
    await expect(ledger.connect(designer2).claim(2n, ETH)).to.changeEtherBalance(
      ethers,
      designer2,
      ethers.parseEther("0.6"),
    );
  });

  it("rounds each ancestor's share down: the remainder goes to the design's own contributors", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, coordinator, company, grandchild } = s;
    await commons.connect(coordinator).setTerms(grandchild, terms({ feePerUnit: 7n }));
    const id = await takeLicence(s, company, grandchild);
    await commons.connect(company).reportProduction(id, 3n, { value: 21n }); // 5 % of 21 = 1.05, 10 % = 2.1
    const b = await books(s);
    expect(b.held).to.deep.equal([2n, 1n, 0n]);
    expect(b.income[1]).to.equal(18n);
    expect(sum(b.held) + sum(b.income)).to.equal(21n);
    // A 7-wei fee: both shares round to 0 (no credit, no event), the whole fee is the design's project's.
    await expect(commons.connect(company).reportProduction(id, 1n, { value: 7n })).not.to.emit(
      commons,
      "AncestorShareCredited",
    );
    const after = await books(s);
    expect(after.held).to.deep.equal([2n, 1n, 0n]);
    expect(after.income[1]).to.equal(25n);
  });

  it("holds the project's share while it has no points, and releases it once it has some (no fee lost or stuck)", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, company, maker, evaluator1, evaluator2, ledger } = s;
    const design = await register(s, "collective", 3n); // project 3 has no points yet
    const id = await takeLicence(s, company, design);
    const fee = ethers.parseEther("0.05");
    await expect(commons.connect(company).reportProduction(id, 5n, { value: fee }))
      .to.emit(commons, "ProjectShareCredited")
      .withArgs(design, 3n, ETH, fee, true);
    expect(await commons.heldFor(3n, ETH)).to.equal(fee);
    await expect(commons.release(3n, ETH)).to.be.revertedWithCustomError(ledger, "NoPointHolders").withArgs(3n);
    await givePoints(ledger, 3n, maker, 2n, [evaluator1, evaluator2]);
    await commons.release(3n, ETH);
    expect(await incomeOf(s, 3n)).to.equal(fee);
    expect(await ledger.claimable(3n, ETH, maker.address)).to.equal(fee);
  });

  it("never charges a commons licence, and refuses ETH sent with it", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, council, coop, grandchild } = s;
    await commons.connect(council).accreditCommonsEntity(coop.address, "");
    const id = await takeLicence(s, coop, grandchild);
    await expect(commons.connect(coop).reportProduction(id, 1_000n))
      .to.emit(commons, "ProductionReported")
      .withArgs(id, grandchild, 1_000n, 0n);
    await expect(commons.connect(coop).reportProduction(id, 1n, { value: 1n }))
      .to.be.revertedWithCustomError(commons, "IncorrectPayment")
      .withArgs(0n, 1n);
    await expect(commons.connect(coop).payPeriods(id, 1))
      .to.be.revertedWithCustomError(commons, "NoPeriodFee")
      .withArgs(id);
    const l = await commons.licence(id);
    expect([l.unitsReported, l.feesPaid]).to.deep.equal([1_000n, 0n]);
    expect((await books(s)).held).to.deep.equal([0n, 0n, 0n]);
  });

  it("takes exactly the fee in ETH, and refuses zero units or periods", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, company, grandchild } = s;
    const id = await takeLicence(s, company, grandchild);
    const fee = ethers.parseEther("0.2");
    for (const wrong of [fee - 1n, fee + 1n, 0n]) {
      await expect(commons.connect(company).reportProduction(id, 2n, { value: wrong }))
        .to.be.revertedWithCustomError(commons, "IncorrectPayment")
        .withArgs(fee, wrong);
    }
    await expect(commons.connect(company).reportProduction(id, 0n)).to.be.revertedWithCustomError(
      commons,
      "ZeroQuantity",
    );
    await expect(commons.connect(company).payPeriods(id, 0)).to.be.revertedWithCustomError(commons, "ZeroQuantity");
  });

  it("pays per period: paid time extends from the later of paid-until and now", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, coordinator, company, original } = s;
    await commons.connect(coordinator).setTerms(original, terms({ feePerPeriod: 1_000n, periodLength: 30 * 86_400 }));
    const id = await takeLicence(s, company, original);
    const takenAt = (await commons.licence(id)).takenAt;
    await networkHelpers.time.setNextBlockTimestamp(takenAt + 10n * DAY);
    await expect(commons.connect(company).payPeriods(id, 3, { value: 3_000n }))
      .to.emit(commons, "PeriodsPaid")
      .withArgs(id, original, 3n, takenAt + 100n * DAY, 3_000n);
    await commons.connect(company).payPeriods(id, 1, { value: 1_000n });
    expect((await commons.licence(id)).paidUntil).to.equal(takenAt + 130n * DAY);
    expect((await commons.licence(id)).feesPaid).to.equal(4_000n);
    expect(await incomeOf(s, 1n)).to.equal(4_000n); // an original: the whole fee is its project's
    // Terms without a period fee: nothing to pay per period.
    // Every period paid must start before the licence expires (a year: periods starting on days 130..340 pay, then
    // the one starting on day 370 would not).
    await commons.connect(company).payPeriods(id, 8, { value: 8_000n });
    expect((await commons.licence(id)).paidUntil).to.equal(takenAt + 370n * DAY);
    const { expiresAt } = await commons.licence(id);
    await expect(commons.connect(company).payPeriods(id, 1, { value: 1_000n }))
      .to.be.revertedWithCustomError(commons, "PeriodsBeyondExpiry")
      .withArgs(id, expiresAt);
    const grandchildLicence = await takeLicence(s, company, s.grandchild);
    await expect(commons.connect(company).payPeriods(grandchildLicence, 1))
      .to.be.revertedWithCustomError(commons, "NoPeriodFee")
      .withArgs(grandchildLicence);
  });

  it("refuses amounts beyond what the licence's counters hold", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, council, coop, original } = s;
    await commons.connect(council).accreditCommonsEntity(coop.address, "");
    const id = await takeLicence(s, coop, original);
    const max = 2n ** 128n - 1n;
    await commons.connect(coop).reportProduction(id, max);
    await expect(commons.connect(coop).reportProduction(id, 1n))
      .to.be.revertedWithCustomError(commons, "AmountTooLarge")
      .withArgs(max + 1n, max);
  });

  describe("in an ERC-20 the projects accept", () => {
    async function tokenChain() {
      const s = await deployChain();
      const dEUR = await s.token.getAddress();
      const original = await register(s, "tool", 1n, [], terms({ currency: dEUR, feePerUnit: 1_000_000n }));
      const derivative = await register(
        s,
        "tool v2",
        2n,
        [original],
        terms({ currency: dEUR, feePerUnit: 2_000_000n }),
      );
      return { ...s, dEUR, tool: original, tool2: derivative };
    }

    it("pulls the approved fee and splits it the same way", async () => {
      const s = await networkHelpers.loadFixture(tokenChain);
      const { commons, company, token, dEUR, tool, tool2 } = s;
      const id = await takeLicence(s, company, tool2);
      await token.connect(company).approve(await commons.getAddress(), 20_000_000n);
      await expect(commons.connect(company).reportProduction(id, 10n, { value: 1n }))
        .to.be.revertedWithCustomError(commons, "IncorrectPayment")
        .withArgs(0n, 1n);
      await expect(commons.connect(company).reportProduction(id, 10n))
        .to.emit(commons, "AncestorShareCredited")
        .withArgs(tool2, tool, 1n, dEUR, 2_000_000n);
      const b = await books(s, dEUR);
      expect(b.held).to.deep.equal([2_000_000n, 0n, 0n]);
      expect(b.income).to.deep.equal([0n, 18_000_000n, 0n]);
      expect(await token.balanceOf(await commons.getAddress())).to.equal(2_000_000n);
      expect(await token.allowance(await commons.getAddress(), await s.ledger.getAddress())).to.equal(0n);
      await commons.release(1n, dEUR);
      expect(await incomeOf(s, 1n, dEUR)).to.equal(2_000_000n);
      expect(await token.balanceOf(await commons.getAddress())).to.equal(0n);
    });

    it("holds a token share for a project without points and clears the ledger's allowance", async () => {
      const s = await networkHelpers.loadFixture(tokenChain);
      const { commons, company, token, dEUR, ledger, coordinator, maker, evaluator1, evaluator2 } = s;
      await ledger.connect(coordinator).addIncomeToken(3n, dEUR);
      const design = await register(s, "collective tool", 3n, [], terms({ currency: dEUR, feePerUnit: 5n }));
      const id = await takeLicence(s, company, design);
      await token.connect(company).approve(await commons.getAddress(), 50n);
      await expect(commons.connect(company).reportProduction(id, 10n))
        .to.emit(commons, "ProjectShareCredited")
        .withArgs(design, 3n, dEUR, 50n, true);
      expect(await token.allowance(await commons.getAddress(), await ledger.getAddress())).to.equal(0n);
      await givePoints(ledger, 3n, maker, 1n, [evaluator1, evaluator2]);
      await commons.release(3n, dEUR);
      expect(await ledger.claimable(3n, dEUR, maker.address)).to.equal(50n);
    });

    it("passes on any refusal of the ledger other than a project without points (its income cap)", async () => {
      const s = await networkHelpers.loadFixture(tokenChain);
      const { commons, company, outsider, token, dEUR, ledger } = s;
      const rate = 2n ** 96n - 1n;
      const design = await register(s, "costly", 1n, [], terms({ currency: dEUR, feePerUnit: rate }));
      const units = 2n ** 31n; // a fee just under 2^127: two of them pass the ledger's 2^128 income cap
      for (const who of [company, outsider]) {
        await token.mint(who.address, rate * units);
        await token.connect(who).approve(await commons.getAddress(), rate * units);
      }
      await commons.connect(company).reportProduction(await takeLicence(s, company, design), units);
      await commons.connect(outsider).reportProduction(await takeLicence(s, outsider, design), units - 1n);
      const third = await takeLicence(s, s.maker, design);
      await token.mint(s.maker.address, rate * 2n);
      await token.connect(s.maker).approve(await commons.getAddress(), rate * 2n);
      await expect(commons.connect(s.maker).reportProduction(third, 2n))
        .to.be.revertedWithCustomError(ledger, "IncomeCapExceeded")
        .withArgs(1n, dEUR);
    });

    it("refuses re-entry from a hostile token a project accepted: paying and releasing are guarded", async () => {
      const s = await networkHelpers.loadFixture(tokenChain);
      const { commons, company, ledger, coordinator } = s;
      const hostile = await ethers.deployContract("ReentrantERC20");
      const h = await hostile.getAddress();
      await ledger.connect(coordinator).addIncomeToken(1n, h);
      await ledger.connect(coordinator).addIncomeToken(2n, h);
      const parent = await register(s, "hostile parent", 1n, [], terms({ currency: h, feePerUnit: 100n }));
      const child = await register(s, "hostile child", 2n, [parent], terms({ currency: h, feePerUnit: 100n }));
      const id = await takeLicence(s, company, child);
      await hostile.mint(company.address, 10_000n);
      await hostile.connect(company).approve(await commons.getAddress(), 10_000n);
      const guard = commons.interface.getError("ReentrancyGuardReentrantCall")!.selector;
      // While the fee is pulled, the token re-enters reportProduction, then (on the next payment) release.
      await hostile.arm(await commons.getAddress(), commons.interface.encodeFunctionData("reportProduction", [id, 1n]));
      await commons.connect(company).reportProduction(id, 10n);
      expect(await hostile.lastReentryError()).to.equal(guard);
      await hostile.arm(await commons.getAddress(), commons.interface.encodeFunctionData("release", [1n, h]));
      await commons.connect(company).reportProduction(id, 10n);
      expect(await hostile.lastReentryError()).to.equal(guard);
      expect([await hostile.reentryAttempts(), await hostile.reentrySuccesses()]).to.deep.equal([2n, 0n]);
      // The books hold: 10 % of each 1,000 held for the parent's project, the rest the child's project's income.
      expect(await commons.heldFor(1n, h)).to.equal(200n);
      expect(await incomeOf(s, 2n, h)).to.equal(1_800n);
      expect(await hostile.balanceOf(await commons.getAddress())).to.equal(200n);
    });

    it("refuses a token that delivers less than the fee (fee on transfer)", async () => {
      const s = await networkHelpers.loadFixture(tokenChain);
      const { commons, company, ledger, coordinator } = s;
      const fot = await ethers.deployContract("FeeOnTransferERC20", ["Taxed", "TAX"]);
      const taxed = await fot.getAddress();
      await ledger.connect(coordinator).addIncomeToken(1n, taxed);
      const design = await register(s, "taxed", 1n, [], terms({ currency: taxed, feePerUnit: 1_000n }));
      const id = await takeLicence(s, company, design);
      await fot.mint(company.address, 10_000n);
      await fot.connect(company).approve(await commons.getAddress(), 10_000n);
      await expect(commons.connect(company).reportProduction(id, 1n))
        .to.be.revertedWithCustomError(commons, "TransferAmountMismatch")
        .withArgs(taxed, 1_000n, 1_000n - (await fot.feeOf(1_000n)));
    });
  });
});
