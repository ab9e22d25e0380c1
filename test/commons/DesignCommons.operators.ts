// Report operators (DC-6): a licensee approves a contract (the cluster exchange) to report its production as it
// happens; each report is counted once and its fee owed, paid later by the licensee and split as any fee.
import { expect } from "chai";
import {
  deployChain,
  ETH,
  ethers,
  incomeOf,
  networkHelpers,
  register,
  takeLicence,
  terms,
  YEAR,
  type Commons,
} from "./fixtures.ts";

const Outcome = { Reported: 0n, OperatorNotApproved: 1n, NoLicence: 2n, NotCommercial: 3n, Expired: 4n } as const;
const REF = ethers.id("order 7");

/** The chain of designs, with the company holding a commercial licence on the grandchild (0.1 ETH per unit) and
 * approving `operator` (a stand-in for the exchange: the outsider's address is used as a plain account elsewhere). */
async function withOperator() {
  const s = await deployChain();
  const operator = (await ethers.getSigners())[12];
  const licenceId = await takeLicence(s, s.company, s.grandchild);
  await s.commons.connect(s.company).setReportOperator(operator.address, true);
  return { ...s, operator, licenceId };
}

describe("DesignCommons · report operators (DC-6)", () => {
  it("a licensee approves and withdraws a report operator, evented; never itself or the zero address", async () => {
    const { commons, coop, outsider } = await networkHelpers.loadFixture(deployChain);
    expect(await commons.isReportOperator(coop.address, outsider.address)).to.equal(false);
    await expect(commons.connect(coop).setReportOperator(outsider.address, true))
      .to.emit(commons, "ReportOperatorSet")
      .withArgs(coop.address, outsider.address, true);
    expect(await commons.isReportOperator(coop.address, outsider.address)).to.equal(true);
    expect(await commons.isReportOperator(outsider.address, coop.address)).to.equal(false); // one way only
    await expect(commons.connect(coop).setReportOperator(outsider.address, false))
      .to.emit(commons, "ReportOperatorSet")
      .withArgs(coop.address, outsider.address, false);
    expect(await commons.isReportOperator(coop.address, outsider.address)).to.equal(false);
    for (const bad of [coop.address, ethers.ZeroAddress]) {
      await expect(commons.connect(coop).setReportOperator(bad, true))
        .to.be.revertedWithCustomError(commons, "InvalidReportOperator")
        .withArgs(bad);
    }
  });

  it("an approved operator's report counts the units at once and records the fee as owed; nothing is paid", async () => {
    const s = await networkHelpers.loadFixture(withOperator);
    const { commons, company, operator, licenceId, grandchild } = s;
    const report = (units: bigint) =>
      commons.connect(operator).reportProductionAsOperator(grandchild, company, units, REF);
    expect(
      await commons.connect(operator).reportProductionAsOperator.staticCall(grandchild, company, 10n, REF),
    ).to.deep.equal([Outcome.Reported, licenceId, ethers.parseEther("1")]);
    const tx = report(10n);
    await expect(tx)
      .to.emit(commons, "ProductionReportedByOperator")
      .withArgs(licenceId, grandchild, operator.address, 10n, ethers.parseEther("1"), ethers.parseEther("1"), REF);
    await expect(tx).to.changeEtherBalances(ethers, [company, commons, s.ledger], [0n, 0n, 0n]);
    await expect(tx).not.to.emit(commons, "ProjectShareCredited");
    await expect(report(5n))
      .to.emit(commons, "ProductionReportedByOperator")
      .withArgs(licenceId, grandchild, operator.address, 5n, ethers.parseEther("0.5"), ethers.parseEther("1.5"), REF);
    const l = await commons.licence(licenceId);
    expect([l.unitsReported, l.feesPaid]).to.deep.equal([15n, 0n]);
    expect(await commons.feesOwed(licenceId)).to.equal(ethers.parseEther("1.5"));
    // the licensee's own reports still pay at once, and add to the same count
    await commons.connect(company).reportProduction(licenceId, 1n, { value: ethers.parseEther("0.1") });
    expect((await commons.licence(licenceId)).unitsReported).to.equal(16n);
    await expect(report(0n)).to.be.revertedWithCustomError(commons, "ZeroQuantity");
  });

  it("a report that cannot be made changes nothing and says why: not approved, no licence, commons, expired", async () => {
    const s = await networkHelpers.loadFixture(withOperator);
    const { commons, company, designer, operator, outsider, licenceId, grandchild, original } = s;
    const outcome = (who: typeof operator, designId: bigint, licensee: string) =>
      commons.connect(who).reportProductionAsOperator.staticCall(designId, licensee, 3n, REF);
    // an operator the licensee never approved (or withdrew): someone else's licence is out of reach
    expect(await outcome(outsider, grandchild, company.address)).to.deep.equal([Outcome.OperatorNotApproved, 0n, 0n]);
    await expect(
      commons.connect(outsider).reportProductionAsOperator(grandchild, company.address, 3n, REF),
    ).not.to.emit(commons, "ProductionReportedByOperator");
    // approved, but no licence on that design
    expect(await outcome(operator, original, company.address)).to.deep.equal([Outcome.NoLicence, 0n, 0n]);
    // a commons licence (the designer has points in the studio): its production is not reported by operators
    await commons.connect(designer).setReportOperator(operator.address, true);
    const commonsId = await takeLicence(s, designer, grandchild);
    expect(await outcome(operator, grandchild, designer.address)).to.deep.equal([Outcome.NotCommercial, commonsId, 0n]);
    // expired: from its expiry on
    const { expiresAt } = await commons.licence(licenceId);
    await networkHelpers.time.setNextBlockTimestamp(expiresAt);
    await networkHelpers.mine();
    expect(await outcome(operator, grandchild, company.address)).to.deep.equal([Outcome.Expired, licenceId, 0n]);
    await commons.connect(operator).reportProductionAsOperator(grandchild, company.address, 3n, REF);
    // a withdrawn approval stops the operator
    await commons.connect(company).setReportOperator(operator.address, false);
    expect(await outcome(operator, grandchild, company.address)).to.deep.equal([Outcome.OperatorNotApproved, 0n, 0n]);
    expect((await commons.licence(licenceId)).unitsReported).to.equal(0n);
    expect(await commons.feesOwed(licenceId)).to.equal(0n);
    expect((await commons.licence(commonsId)).unitsReported).to.equal(0n);
  });

  it("the licensee pays what it owes, in parts, expired or not: split exactly as reportProduction's fee", async () => {
    const s = await networkHelpers.loadFixture(withOperator);
    const { commons, company, operator, outsider, licenceId, grandchild, derivative, original } = s;
    await commons.connect(operator).reportProductionAsOperator(grandchild, company.address, 10n, REF);
    const owed = ethers.parseEther("1");
    await expect(commons.connect(outsider).payOwed(licenceId, owed, { value: owed }))
      .to.be.revertedWithCustomError(commons, "NotLicensee")
      .withArgs(licenceId, outsider.address);
    await expect(commons.connect(company).payOwed(99n, 1n)).to.be.revertedWithCustomError(commons, "UnknownLicence");
    for (const amount of [0n, owed + 1n]) {
      await expect(commons.connect(company).payOwed(licenceId, amount, { value: amount }))
        .to.be.revertedWithCustomError(commons, "InvalidOwedPayment")
        .withArgs(licenceId, amount, owed);
    }
    await expect(commons.connect(company).payOwed(licenceId, owed, { value: owed - 1n }))
      .to.be.revertedWithCustomError(commons, "IncorrectPayment")
      .withArgs(owed, owed - 1n);
    // after the licence's expiry the debt remains payable: 0.4 first, then the rest
    await networkHelpers.time.increase(YEAR + 1);
    const part = ethers.parseEther("0.4");
    expect(await commons.connect(company).payOwed.staticCall(licenceId, part, { value: part })).to.equal(owed - part);
    const tx = commons.connect(company).payOwed(licenceId, part, { value: part });
    await expect(tx)
      .to.emit(commons, "OwedFeesPaid")
      .withArgs(licenceId, grandchild, part, owed - part);
    await expect(tx)
      .to.emit(commons, "AncestorShareCredited")
      .withArgs(grandchild, derivative, 2n, ETH, ethers.parseEther("0.02"));
    await expect(tx)
      .to.emit(commons, "AncestorShareCredited")
      .withArgs(grandchild, original, 1n, ETH, ethers.parseEther("0.04"));
    await expect(tx)
      .to.emit(commons, "ProjectShareCredited")
      .withArgs(grandchild, 2n, ETH, ethers.parseEther("0.34"), false);
    await commons.connect(company).payOwed(licenceId, owed - part, { value: owed - part });
    expect(await commons.feesOwed(licenceId)).to.equal(0n);
    const l = await commons.licence(licenceId);
    expect([l.unitsReported, l.feesPaid]).to.deep.equal([10n, owed]);
    // the same books as one reportProduction of 10 units: 0.1 + 0.05 held, 0.85 the studio's income
    expect([await commons.heldFor(1n, ETH), await commons.heldFor(2n, ETH)]).to.deep.equal([
      ethers.parseEther("0.1"),
      ethers.parseEther("0.05"),
    ]);
    expect(await incomeOf(s, 2n)).to.equal(ethers.parseEther("0.85"));
    await expect(commons.connect(company).payOwed(licenceId, 1n, { value: 1n }))
      .to.be.revertedWithCustomError(commons, "InvalidOwedPayment")
      .withArgs(licenceId, 1n, 0n);
  });

  it("fees owed in an ERC-20 are pulled when paid; a licence whose fee per unit is zero counts units, owes nothing", async () => {
    const s = await networkHelpers.loadFixture(withOperator);
    const { commons, token, company, operator } = s;
    const tokenDesign = await register(
      s,
      "token design",
      1n,
      [],
      terms({ currency: await token.getAddress(), feePerUnit: 250n }),
    );
    const freeDesign = await register(s, "free design", 1n, [], terms({ feePerUnit: 0n }));
    const tokenLicence = await takeLicence(s, company, tokenDesign);
    const freeLicence = await takeLicence(s, company, freeDesign);
    await commons.connect(operator).reportProductionAsOperator(tokenDesign, company.address, 4n, REF);
    await expect(commons.connect(operator).reportProductionAsOperator(freeDesign, company.address, 4n, REF))
      .to.emit(commons, "ProductionReportedByOperator")
      .withArgs(freeLicence, freeDesign, operator.address, 4n, 0n, 0n, REF);
    expect([await commons.feesOwed(tokenLicence), await commons.feesOwed(freeLicence)]).to.deep.equal([1000n, 0n]);
    await expect(commons.connect(company).payOwed(tokenLicence, 1000n, { value: 1n }))
      .to.be.revertedWithCustomError(commons, "IncorrectPayment")
      .withArgs(0n, 1n);
    await token.connect(company).approve(await commons.getAddress(), 1000n);
    await expect(commons.connect(company).payOwed(tokenLicence, 1000n)).to.changeTokenBalances(
      ethers,
      token,
      [company, s.ledger],
      [-1000n, 1000n],
    );
    expect(await commons.feesOwed(tokenLicence)).to.equal(0n);
    expect((await commons.licence(freeLicence)).unitsReported).to.equal(4n);
  });
});
