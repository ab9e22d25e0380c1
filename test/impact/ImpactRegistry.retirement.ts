import { expect } from "chai";
import {
  ethers,
  latest,
  boughtClaim,
  networkHelpers,
  TONNE,
  unitsHeld,
  verifiedClaim,
  ZERO_HASH,
  revokeBy,
} from "./fixtures.ts";

describe("ImpactRegistry · retirement", () => {
  it("retire burns the units and issues the holder a certificate (IM-2)", async () => {
    const { registry, certificates, alice, buyer, id, verified } = await networkHelpers.loadFixture(boughtClaim);
    const tx = registry.connect(buyer).retire(id, 4n * TONNE, "Municipality of Ghent", "Heat pumps, school 3");
    await expect(tx)
      .to.emit(registry, "UnitsRetired")
      .withArgs(id, buyer.address, 1, buyer.address, 4n * TONNE, "Municipality of Ghent", "Heat pumps, school 3");
    await expect(tx)
      .to.emit(registry, "TransferSingle")
      .withArgs(buyer.address, buyer.address, ethers.ZeroAddress, id, 4n * TONNE);
    await expect(tx).to.emit(certificates, "Transfer").withArgs(ethers.ZeroAddress, buyer.address, 1);
    const retiredAt = await latest();
    expect(await registry.balanceOf(buyer.address, id)).to.equal(6n * TONNE);
    expect((await registry.getClaim(id)).retiredUnits).to.equal(4n * TONNE);
    const cert = await certificates.getCertificate(1);
    expect([cert.claimId, cert.units, cert.retiredAt, cert.beneficiary]).to.deep.equal([
      id,
      4n * TONNE,
      retiredAt,
      "Municipality of Ghent",
    ]);
    expect(await certificates.ownerOf(1)).to.equal(buyer.address);
    expect(await certificates.count()).to.equal(1n);
    // IM-2: retired + outstanding = minted (= verified, IM-1)
    const outstanding = await unitsHeld(registry, id, [alice, buyer]);
    expect(outstanding + (await registry.getClaim(id)).retiredUnits).to.equal(verified);
  });

  it("refuses retiring more than held (ERC1155InsufficientBalance), and units of a claim never held", async () => {
    const { registry, buyer, outsider, id } = await networkHelpers.loadFixture(boughtClaim);
    await expect(registry.connect(buyer).retire(id, 10n * TONNE + 1n, "Ghent", ""))
      .to.be.revertedWithCustomError(registry, "ERC1155InsufficientBalance")
      .withArgs(buyer.address, 10n * TONNE, 10n * TONNE + 1n, id);
    await expect(registry.connect(outsider).retire(id, 1n, "Ghent", ""))
      .to.be.revertedWithCustomError(registry, "ERC1155InsufficientBalance")
      .withArgs(outsider.address, 0n, 1n, id);
    await expect(registry.connect(buyer).retire(42, 1n, "Ghent", ""))
      .to.be.revertedWithCustomError(registry, "ERC1155InsufficientBalance")
      .withArgs(buyer.address, 0n, 1n, 42);
    await expect(registry.connect(buyer).retire(id, ethers.MaxUint256, "Ghent", ""))
      .to.be.revertedWithCustomError(registry, "ERC1155InsufficientBalance")
      .withArgs(buyer.address, 10n * TONNE, ethers.MaxUint256, id);
  });

  it("refuses zero units and beneficiaries outside 1..128 bytes (UTF-8 bytes, not characters)", async () => {
    const { registry, certificates, buyer, id } = await networkHelpers.loadFixture(boughtClaim);
    await expect(registry.connect(buyer).retire(id, 0n, "Ghent", "")).to.be.revertedWithCustomError(
      registry,
      "ZeroUnits",
    );
    await expect(registry.connect(buyer).retire(id, 1n, "", ""))
      .to.be.revertedWithCustomError(registry, "InvalidBeneficiary")
      .withArgs(0, 128);
    await expect(registry.connect(buyer).retire(id, 1n, "x".repeat(129), ""))
      .to.be.revertedWithCustomError(registry, "InvalidBeneficiary")
      .withArgs(129, 128);
    await expect(registry.connect(buyer).retire(id, 1n, "é".repeat(65), "")) // 130 bytes
      .to.be.revertedWithCustomError(registry, "InvalidBeneficiary")
      .withArgs(130, 128);
    await registry.connect(buyer).retire(id, 1n, "x".repeat(128), "a long message ".repeat(20));
    await registry.connect(buyer).retire(id, 1n, "é".repeat(64), "");
    await registry.connect(buyer).retire(id, 1n, "G", "");
    expect((await certificates.getCertificate(1)).beneficiary).to.equal("x".repeat(128));
    expect((await certificates.getCertificate(2)).beneficiary).to.equal("é".repeat(64));
  });

  it("retired units are gone: they can be neither retired again nor transferred", async () => {
    const { registry, buyer, outsider, id } = await networkHelpers.loadFixture(boughtClaim);
    await registry.connect(buyer).retire(id, 10n * TONNE, "Ghent", "");
    await expect(registry.connect(buyer).retire(id, 1n, "Ghent", ""))
      .to.be.revertedWithCustomError(registry, "ERC1155InsufficientBalance")
      .withArgs(buyer.address, 0n, 1n, id);
    await expect(registry.connect(buyer).safeTransferFrom(buyer.address, outsider.address, id, 1n, "0x"))
      .to.be.revertedWithCustomError(registry, "ERC1155InsufficientBalance")
      .withArgs(buyer.address, 0n, 1n, id);
    expect((await registry.getClaim(id)).retiredUnits).to.equal(10n * TONNE);
  });

  it("retireFrom: by the holder or an operator it approved; the certificate goes to the named owner", async () => {
    const { registry, certificates, buyer, city, outsider, id } = await networkHelpers.loadFixture(boughtClaim);
    await expect(registry.connect(outsider).retireFrom(buyer.address, id, 1n, "Ghent", "", outsider.address))
      .to.be.revertedWithCustomError(registry, "ERC1155MissingApprovalForAll")
      .withArgs(outsider.address, buyer.address);
    await registry.connect(buyer).setApprovalForAll(outsider.address, true);
    await expect(
      registry.connect(outsider).retireFrom(buyer.address, id, 2n * TONNE, "Ghent", "for the city", city.address),
    )
      .to.emit(registry, "UnitsRetired")
      .withArgs(id, buyer.address, 1, city.address, 2n * TONNE, "Ghent", "for the city");
    expect(await certificates.ownerOf(1)).to.equal(city.address);
    await expect(registry.connect(buyer).retireFrom(buyer.address, id, 1n * TONNE, "Buyer", "", buyer.address))
      .to.emit(registry, "UnitsRetired")
      .withArgs(id, buyer.address, 2, buyer.address, 1n * TONNE, "Buyer", "");
    expect(await registry.balanceOf(buyer.address, id)).to.equal(7n * TONNE);
    expect([await certificates.balanceOf(city.address), await certificates.balanceOf(buyer.address)]).to.deep.equal([
      1n,
      1n,
    ]);
    await expect(
      registry.connect(outsider).retireFrom(buyer.address, id, 0n, "Ghent", "", outsider.address),
    ).to.be.revertedWithCustomError(registry, "ZeroUnits");
  });

  it("a partly revoked claim can be retired from free units; a fully revoked one cannot (ClaimFullyRevoked)", async () => {
    const { v2, registry, alice, v1, id } = await networkHelpers.loadFixture(verifiedClaim);
    await revokeBy(registry, [v1, v2], id, 15n * TONNE);
    await registry.connect(alice).retire(id, 100n * TONNE, "Alice's co-op", "");
    await expect(registry.connect(alice).retire(id, 1n, "Alice's co-op", ""))
      .to.be.revertedWithCustomError(registry, "UnitsFrozen")
      .withArgs(id, alice.address, 15n * TONNE, 15n * TONNE, 1n);
    await revokeBy(registry, [v1, v2], id, 100n * TONNE);
    await expect(registry.connect(alice).retire(id, 1n, "Alice's co-op", ""))
      .to.be.revertedWithCustomError(registry, "ClaimFullyRevoked")
      .withArgs(id);
    const c = await registry.getClaim(id);
    expect([c.retiredUnits, c.revokedUnits, c.frozenUnits]).to.deep.equal([100n * TONNE, 115n * TONNE, 15n * TONNE]);
  });
});
