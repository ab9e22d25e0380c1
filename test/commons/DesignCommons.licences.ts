import { expect } from "chai";
import { deployChain, ethers, networkHelpers, takeLicence, terms, Tier, YEAR } from "./fixtures.ts";

describe("DesignCommons · commons entities and licences", () => {
  it("lets only the owner (the council's timelock) accredit and revoke commons entities", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, council, coop, outsider } = s;
    expect(await commons.owner()).to.equal(council.address);
    await expect(commons.connect(outsider).accreditCommonsEntity(coop.address, "ipfs://coop"))
      .to.be.revertedWithCustomError(commons, "OwnableUnauthorizedAccount")
      .withArgs(outsider.address);
    await expect(commons.connect(council).accreditCommonsEntity(coop.address, "ipfs://coop"))
      .to.emit(commons, "CommonsEntityAccredited")
      .withArgs(coop.address, "ipfs://coop");
    expect(await commons.isCommonsEntity(coop.address)).to.equal(true);
    await expect(commons.connect(council).accreditCommonsEntity(ethers.ZeroAddress, ""))
      .to.be.revertedWithCustomError(commons, "InvalidEntity")
      .withArgs(ethers.ZeroAddress);
    await expect(commons.connect(outsider).revokeCommonsEntity(coop.address)).to.be.revertedWithCustomError(
      commons,
      "OwnableUnauthorizedAccount",
    );
    await expect(commons.connect(council).revokeCommonsEntity(coop.address))
      .to.emit(commons, "CommonsEntityRevoked")
      .withArgs(coop.address);
    await expect(commons.connect(council).revokeCommonsEntity(coop.address))
      .to.be.revertedWithCustomError(commons, "InvalidEntity")
      .withArgs(coop.address);
    expect(await commons.isCommonsEntity(coop.address)).to.equal(false);
  });

  it("gives accredited entities and the design's own contributors a commons licence, everyone else a commercial one", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, council, coop, company, designer, designer2, original, grandchild } = s;
    await commons.connect(council).accreditCommonsEntity(coop.address, "ipfs://coop");
    expect(await commons.isCommonsFor(original, coop.address)).to.equal(true);
    expect(await commons.isCommonsFor(original, designer.address)).to.equal(true); // 300 points in the lab
    expect(await commons.isCommonsFor(original, designer2.address)).to.equal(false); // points only in the studio
    expect(await commons.isCommonsFor(grandchild, designer2.address)).to.equal(true);
    expect(await commons.isCommonsFor(original, company.address)).to.equal(false);

    const now = BigInt(await networkHelpers.time.latest());
    await expect(commons.connect(coop).takeLicence(original))
      .to.emit(commons, "LicenceTaken")
      .withArgs(1n, original, coop.address, Tier.Commons, 1n, now + 1n + BigInt(YEAR))
      .and.to.emit(commons, "Locked")
      .withArgs(1n)
      .and.to.emit(commons, "Transfer")
      .withArgs(ethers.ZeroAddress, coop.address, 1n);
    const companyLicence = await takeLicence(s, company, original);
    const designer2Licence = await takeLicence(s, designer2, original);
    expect((await commons.licence(companyLicence)).tier).to.equal(Tier.Commercial);
    expect((await commons.licence(designer2Licence)).tier).to.equal(Tier.Commercial);
    const l = await commons.licence(1n);
    expect([l.designId, l.termsVersion, l.tier, l.expiresAt - l.takenAt, l.paidUntil]).to.deep.equal([
      original,
      1n,
      Tier.Commons,
      BigInt(YEAR),
      l.takenAt,
    ]);
    expect(await commons.licenceCount()).to.equal(3n);
    expect(await commons.ownerOf(1n)).to.equal(coop.address);
    expect(await commons.licenceOf(original, coop.address)).to.equal(1n);
    expect((await commons.licence(99n)).tier).to.equal(Tier.None);
  });

  it("keeps the tier a licence was taken in: a revoked entity's licence stays commons until it expires", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, council, coop, original } = s;
    await commons.connect(council).accreditCommonsEntity(coop.address, "");
    const id = await takeLicence(s, coop, original);
    await commons.connect(council).revokeCommonsEntity(coop.address);
    await expect(commons.connect(coop).reportProduction(id, 5n))
      .to.emit(commons, "ProductionReported")
      .withArgs(id, original, 5n, 0n);
    await networkHelpers.time.increase(YEAR);
    const next = await takeLicence(s, coop, original);
    expect((await commons.licence(next)).tier).to.equal(Tier.Commercial);
  });

  it("holds one valid licence per licensee and design; a new one once it has expired", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, company, original, derivative } = s;
    const first = await takeLicence(s, company, original);
    await expect(commons.connect(company).takeLicence(original))
      .to.be.revertedWithCustomError(commons, "LicenceStillValid")
      .withArgs(original, company.address, first);
    await takeLicence(s, company, derivative); // another design
    await expect(commons.connect(company).takeLicence(77n))
      .to.be.revertedWithCustomError(commons, "UnknownDesign")
      .withArgs(77n);
    const { expiresAt } = await commons.licence(first);
    await networkHelpers.time.increaseTo(expiresAt);
    const second = await takeLicence(s, company, original);
    expect(second).to.equal(first + 2n);
  });

  it("is a non-transferable ERC-721 (ERC-5192 locked)", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, company, outsider, original } = s;
    const id = await takeLicence(s, company, original);
    expect(await commons.locked(id)).to.equal(true);
    await expect(commons.locked(99n)).to.be.revertedWithCustomError(commons, "ERC721NonexistentToken").withArgs(99n);
    expect(await commons.supportsInterface("0xb45a3c0e")).to.equal(true); // ERC-5192
    expect(await commons.supportsInterface("0x80ac58cd")).to.equal(true); // ERC-721
    expect(await commons.supportsInterface("0xffffffff")).to.equal(false);
    expect([await commons.name(), await commons.symbol()]).to.deep.equal(["Cosmolocal design licence", "CDL"]);
    await expect(commons.connect(company).transferFrom(company.address, outsider.address, id))
      .to.be.revertedWithCustomError(commons, "LicenceNotTransferable")
      .withArgs(id);
    await commons.connect(company).approve(outsider.address, id);
    await expect(
      commons.connect(outsider)["safeTransferFrom(address,address,uint256)"](company.address, outsider.address, id),
    ).to.be.revertedWithCustomError(commons, "LicenceNotTransferable");
    expect(await commons.ownerOf(id)).to.equal(company.address);
  });

  it("lets only its licensee report or pay, only before it expires (an expired licence cannot report)", async () => {
    const s = await networkHelpers.loadFixture(deployChain);
    const { commons, coordinator, company, outsider, original } = s;
    await commons.connect(coordinator).setTerms(original, terms({ feePerPeriod: 1_000n, periodLength: 30 * 86400 }));
    const id = await takeLicence(s, company, original);
    const fee = ethers.parseEther("0.01");
    await expect(commons.connect(outsider).reportProduction(id, 1n, { value: fee }))
      .to.be.revertedWithCustomError(commons, "NotLicensee")
      .withArgs(id, outsider.address);
    await expect(commons.connect(outsider).payPeriods(id, 1, { value: 1_000n }))
      .to.be.revertedWithCustomError(commons, "NotLicensee")
      .withArgs(id, outsider.address);
    await expect(commons.connect(company).reportProduction(99n, 1n))
      .to.be.revertedWithCustomError(commons, "UnknownLicence")
      .withArgs(99n);
    const { expiresAt } = await commons.licence(id);
    await networkHelpers.time.setNextBlockTimestamp(expiresAt);
    await expect(commons.connect(company).reportProduction(id, 1n, { value: fee }))
      .to.be.revertedWithCustomError(commons, "LicenceExpired")
      .withArgs(id, expiresAt);
    await expect(commons.connect(company).payPeriods(id, 1, { value: 1_000n }))
      .to.be.revertedWithCustomError(commons, "LicenceExpired")
      .withArgs(id, expiresAt);
  });
});
