import { expect } from "chai";
import {
  content,
  deployChain,
  deployCommons,
  ethers,
  networkHelpers,
  register,
  takeLicence,
  terms,
} from "./fixtures.ts";

describe("DesignCommons · designs, genealogy and terms", () => {
  it("registers an original: its project, terms version 1, its content hash once, everything evented", async () => {
    const s = await networkHelpers.loadFixture(deployCommons);
    const { commons, designer } = s;
    const t = terms();
    await expect(commons.connect(designer).registerDesign(content("chair"), "ipfs://chair", 1n, t, []))
      .to.emit(commons, "DesignRegistered")
      .withArgs(1n, 1n, designer.address, content("chair"), "ipfs://chair", [])
      .and.to.emit(commons, "TermsSet")
      .withArgs(1n, 1n, Object.values(t), designer.address);
    const d = await commons.design(1n);
    expect([d.projectId, d.termsVersion, d.ancestorCount, d.ancestorShareBps]).to.deep.equal([1n, 1n, 0n, 0n]);
    expect(await commons.designCount()).to.equal(1n);
    expect(await commons.designOfContent(content("chair"))).to.equal(1n);
    expect(await commons.terms(1n, 1n)).to.deep.equal(Object.values(t));
    expect(await commons.ancestorsOf(1n)).to.deep.equal([]);
    await expect(commons.connect(designer).registerDesign(content("chair"), "ipfs://again", 1n, t, []))
      .to.be.revertedWithCustomError(commons, "ContentAlreadyRegistered")
      .withArgs(content("chair"), 1n);
    await expect(
      commons.connect(designer).registerDesign(ethers.ZeroHash, "", 1n, t, []),
    ).to.be.revertedWithCustomError(commons, "EmptyContentHash");
  });

  it("refuses a registrant who is not a member of the project, and unknown designs in views", async () => {
    const s = await networkHelpers.loadFixture(deployCommons);
    const { commons, outsider } = s;
    await expect(commons.connect(outsider).registerDesign(content("x"), "", 1n, terms(), []))
      .to.be.revertedWithCustomError(commons, "NotProjectMember")
      .withArgs(1n, outsider.address);
    for (const read of [() => commons.design(9n), () => commons.terms(9n, 1n), () => commons.ancestorsOf(9n)]) {
      await expect(read()).to.be.revertedWithCustomError(commons, "UnknownDesign").withArgs(9n);
    }
    await expect(commons.isCommonsFor(9n, outsider.address)).to.be.revertedWithCustomError(commons, "UnknownDesign");
  });

  it("refuses terms without a duration, a period fee without a period, or asking derivatives more than 50 %", async () => {
    const s = await networkHelpers.loadFixture(deployCommons);
    const { commons, designer } = s;
    const reg = (t: ReturnType<typeof terms>) => commons.connect(designer).registerDesign(content("t"), "", 1n, t, []);
    await expect(reg(terms({ licenceDuration: 0 })))
      .to.be.revertedWithCustomError(commons, "InvalidDuration")
      .withArgs(0n, 0n);
    await expect(reg(terms({ feePerPeriod: 1n, periodLength: 0 })))
      .to.be.revertedWithCustomError(commons, "InvalidDuration")
      .withArgs(365n * 86400n, 0n);
    await expect(reg(terms({ derivativeShareBps: 5_001 })))
      .to.be.revertedWithCustomError(commons, "DerivativeShareTooHigh")
      .withArgs(5_001n, 5_000n);
    await reg(terms({ derivativeShareBps: 5_000, feePerPeriod: 1n, periodLength: 30 * 86400 }));
  });

  it("accepts an ERC-20 currency only if the design's project and every ancestor's project accept it", async () => {
    const s = await networkHelpers.loadFixture(deployCommons);
    const { commons, token } = s;
    const dEUR = await token.getAddress();
    const other = await ethers.deployContract("MockERC20", ["Other", "OTH", 18]);
    await expect(register(s, "a", 3n, [], terms({ currency: dEUR })))
      .to.be.revertedWithCustomError(commons, "CurrencyNotAccepted")
      .withArgs(3n, dEUR);
    const parent = await register(s, "parent", 3n); // the new collective's design, in ETH
    await expect(register(s, "child", 1n, [parent], terms({ currency: dEUR })))
      .to.be.revertedWithCustomError(commons, "CurrencyNotAccepted")
      .withArgs(3n, dEUR);
    const child = await register(s, "child", 1n, [], terms({ currency: dEUR }));
    expect((await commons.terms(child, 1n)).currency).to.equal(dEUR);
    await expect(commons.connect(s.coordinator).setTerms(child, terms({ currency: await other.getAddress() })))
      .to.be.revertedWithCustomError(commons, "CurrencyNotAccepted")
      .withArgs(1n, await other.getAddress());
    const grandchild = await register(s, "grandchild", 2n, [child], terms({ currency: dEUR }));
    await s.ledger.connect(s.coordinator).addIncomeToken(3n, dEUR); // the collective accepts dEUR too
    expect(await register(s, "late", 3n, [grandchild], terms({ currency: dEUR }))).to.equal(4n);
  });

  it("records a derivative's whole lineage once each, with the shares its ancestors' terms ask then", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, original, derivative, grandchild } = s;
    expect(await commons.ancestorsOf(derivative)).to.deep.equal([[original, 1n, 1_000n]]);
    expect(await commons.ancestorsOf(grandchild)).to.deep.equal([
      [derivative, 2n, 500n],
      [original, 1n, 1_000n],
    ]);
    const d = await commons.design(grandchild);
    expect([d.ancestorCount, d.ancestorShareBps]).to.deep.equal([2n, 1_500n]);
    // A diamond: a design deriving from the original and from its derivative records the original once.
    await expect(
      s.commons.connect(s.designer).registerDesign(content("diamond"), "", 2n, terms(), [derivative, original]),
    )
      .to.emit(commons, "AncestorRecorded")
      .withArgs(4n, derivative, 2n, 500n)
      .and.to.emit(commons, "AncestorRecorded")
      .withArgs(4n, original, 1n, 1_000n);
    expect((await commons.ancestorsOf(4n)).length).to.equal(2);
  });

  it("keeps recorded shares and licences' terms when an ancestor's terms change later (versioned terms)", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, coordinator, original, derivative, company } = s;
    const licenceId = await takeLicence(s, company, original);
    await expect(commons.connect(coordinator).setTerms(original, terms({ derivativeShareBps: 4_000, feePerUnit: 7n })))
      .to.emit(commons, "TermsSet")
      .withArgs(original, 2n, Object.values(terms({ derivativeShareBps: 4_000, feePerUnit: 7n })), coordinator.address);
    expect((await commons.design(original)).termsVersion).to.equal(2n);
    expect(await commons.ancestorsOf(derivative)).to.deep.equal([[original, 1n, 1_000n]]);
    expect((await commons.licence(licenceId)).termsVersion).to.equal(1n);
    expect((await commons.terms(original, 1n)).feePerUnit).to.equal(ethers.parseEther("0.01"));
    expect((await commons.terms(original, 3n)).licenceDuration).to.equal(0n); // no such version yet
    // A derivative registered now records the share of version 2.
    const late = await register(s, "late", 2n, [original]);
    expect(await commons.ancestorsOf(late)).to.deep.equal([[original, 1n, 4_000n]]);
  });

  it("lets only a coordinator of the design's project set its terms", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, designer, original } = s;
    await expect(commons.connect(designer).setTerms(original, terms()))
      .to.be.revertedWithCustomError(commons, "NotProjectCoordinator")
      .withArgs(1n, designer.address);
    await expect(commons.connect(designer).setTerms(99n, terms()))
      .to.be.revertedWithCustomError(commons, "UnknownDesign")
      .withArgs(99n);
    await expect(
      commons.connect(s.coordinator).setTerms(original, terms({ licenceDuration: 0 })),
    ).to.be.revertedWithCustomError(commons, "InvalidDuration");
  });

  it("refuses unknown or repeated parents, more than 8 ancestors, and ancestors asking more than 50 % in all", async () => {
    const s = await networkHelpers.loadFixture(deployCommons);
    const { commons } = s;
    await expect(register(s, "orphan", 1n, [42n]))
      .to.be.revertedWithCustomError(commons, "UnknownDesign")
      .withArgs(42n);
    const a = await register(s, "a", 1n);
    await expect(register(s, "twice", 1n, [a, a]))
      .to.be.revertedWithCustomError(commons, "DuplicateParent")
      .withArgs(a);
    // A chain of 9 designs, each asking 5 %: the ninth has 8 ancestors (40 %); a tenth would have 9.
    let last = a;
    for (let i = 2; i <= 9; i++) last = await register(s, `chain${i}`, 1n, [last], terms({ derivativeShareBps: 500 }));
    expect((await commons.design(last)).ancestorCount).to.equal(8n);
    await expect(register(s, "tenth", 1n, [last]))
      .to.be.revertedWithCustomError(commons, "TooManyAncestors")
      .withArgs(9n, 8n);
    await expect(register(s, "wide", 1n, [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]))
      .to.be.revertedWithCustomError(commons, "TooManyAncestors")
      .withArgs(9n, 8n);
    const greedy1 = await register(s, "greedy1", 2n, [], terms({ derivativeShareBps: 3_000 }));
    const greedy2 = await register(s, "greedy2", 2n, [], terms({ derivativeShareBps: 2_500 }));
    await expect(register(s, "squeezed", 2n, [greedy1, greedy2]))
      .to.be.revertedWithCustomError(commons, "AncestorSharesTooHigh")
      .withArgs(5_500n, 5_000n);
  });
});
