import { expect } from "chai";
import {
  claimInput,
  ethers,
  latest,
  boughtClaim,
  networkHelpers,
  submit,
  TONNE,
  ZERO_HASH,
  revokeBy,
} from "./fixtures.ts";

/** The buyer bought 10 t of claim 1 and retired 4 t for a beneficiary whose name needs JSON escaping. */
const BENEFICIARY = 'The "Harbour" Co-op\\Ghent\nline two';

async function retired() {
  const f = await boughtClaim();
  await f.registry.connect(f.buyer).retire(f.id, 4n * TONNE, BENEFICIARY, "");
  return { ...f, retiredAt: await latest() };
}

function decode(uri: string) {
  const prefix = "data:application/json;base64,";
  expect(uri.startsWith(prefix)).to.equal(true);
  return JSON.parse(Buffer.from(uri.slice(prefix.length), "base64").toString("utf8"));
}

describe("RetirementCertificates", () => {
  it("only the registry mints (CallerNotRegistry)", async () => {
    const { certificates, registryAddress, outsider } = await networkHelpers.loadFixture(retired);
    await expect(certificates.connect(outsider).mint(outsider.address, 1, 1, "Me"))
      .to.be.revertedWithCustomError(certificates, "CallerNotRegistry")
      .withArgs(outsider.address, registryAddress);
  });

  it("certificates never move: transfers revert CertificateNonTransferable, even by an approved operator (IM-7)", async () => {
    const { certificates, buyer, outsider } = await networkHelpers.loadFixture(retired);
    await expect(certificates.connect(buyer).transferFrom(buyer.address, outsider.address, 1))
      .to.be.revertedWithCustomError(certificates, "CertificateNonTransferable")
      .withArgs(1);
    await expect(
      certificates.connect(buyer)["safeTransferFrom(address,address,uint256)"](buyer.address, outsider.address, 1),
    )
      .to.be.revertedWithCustomError(certificates, "CertificateNonTransferable")
      .withArgs(1);
    await certificates.connect(buyer).setApprovalForAll(outsider.address, true);
    await certificates.connect(buyer).approve(outsider.address, 1);
    await expect(
      certificates
        .connect(outsider)
        ["safeTransferFrom(address,address,uint256,bytes)"](buyer.address, outsider.address, 1, "0x"),
    )
      .to.be.revertedWithCustomError(certificates, "CertificateNonTransferable")
      .withArgs(1);
    expect(await certificates.ownerOf(1)).to.equal(buyer.address);
    expect(await certificates.balanceOf(outsider.address)).to.equal(0n);
  });

  it("tokenURI is base64 JSON built on chain, with the beneficiary escaped (quote, backslash, newline)", async () => {
    const { certificates, id, retiredAt } = await networkHelpers.loadFixture(retired);
    const json = decode(await certificates.tokenURI(1));
    expect(json.name).to.equal("Retirement certificate #1");
    expect(json.description).to.equal(`4000 kg CO2e of claim #${id} retired for ${BENEFICIARY}`);
    expect(json.attributes).to.deep.equal([
      { trait_type: "claim", value: Number(id) },
      { trait_type: "kg CO2e", value: 4000 },
      { trait_type: "beneficiary", value: BENEFICIARY },
      { display_type: "date", trait_type: "retired", value: Number(retiredAt) },
      { trait_type: "flagged", value: false },
    ]);
  });

  it("flagged follows the claim's revoked units, for certificates issued before and after; tokenURI says so", async () => {
    const { v1, registry, certificates, buyer, v3, id } = await networkHelpers.loadFixture(retired);
    expect(await certificates.flagged(1)).to.equal(false);
    await revokeBy(registry, [v3, v1], id, 1n);
    await registry.connect(buyer).retire(id, 1n * TONNE, "After", "");
    expect([await certificates.flagged(1), await certificates.flagged(2)]).to.deep.equal([true, true]);
    const json = decode(await certificates.tokenURI(1));
    expect(json.description).to.match(/ \(flagged: the claim was revoked in part or in full after verification\)$/);
    expect(json.attributes.at(-1)).to.deep.equal({ trait_type: "flagged", value: true });
  });

  it("certificates of other claims are not flagged by a revocation", async () => {
    const { registry, certificates, bob, v1, v3, id, day } = await networkHelpers.loadFixture(retired);
    const other = await submit(registry, bob, claimInput(day, { methodologyId: 2 }));
    await registry.connect(v1).attest(other, 5n * TONNE, ZERO_HASH);
    await registry.connect(bob).retire(other, 1n * TONNE, "Bob", "");
    await revokeBy(registry, [v3, v1], id, 1n);
    expect([await certificates.flagged(1), await certificates.flagged(2)]).to.deep.equal([true, false]);
    expect(await certificates.ownerOf(2)).to.equal(bob.address);
  });

  it("unknown ids revert ERC721NonexistentToken in getCertificate, flagged, tokenURI and ownerOf", async () => {
    const { certificates } = await networkHelpers.loadFixture(retired);
    for (const id of [0n, 2n]) {
      await expect(certificates.getCertificate(id))
        .to.be.revertedWithCustomError(certificates, "ERC721NonexistentToken")
        .withArgs(id);
      await expect(certificates.flagged(id))
        .to.be.revertedWithCustomError(certificates, "ERC721NonexistentToken")
        .withArgs(id);
      await expect(certificates.tokenURI(id))
        .to.be.revertedWithCustomError(certificates, "ERC721NonexistentToken")
        .withArgs(id);
      await expect(certificates.ownerOf(id))
        .to.be.revertedWithCustomError(certificates, "ERC721NonexistentToken")
        .withArgs(id);
    }
  });

  it("counts certificates and answers ERC-165 for ERC-721 and its metadata", async () => {
    const { certificates, buyer, id } = await networkHelpers.loadFixture(retired);
    expect(await certificates.count()).to.equal(1n);
    expect(await certificates.balanceOf(buyer.address)).to.equal(1n);
    for (const i of ["0x80ac58cd", "0x5b5e139f", "0x01ffc9a7"])
      expect(await certificates.supportsInterface(i)).to.equal(true);
    expect(await certificates.supportsInterface("0xd9b67a26")).to.equal(false);
    expect((await certificates.getCertificate(1)).claimId).to.equal(id);
    expect(ethers.isAddress(await certificates.registry())).to.equal(true);
  });
});
