import { expect } from "chai";
import {
  claimInput,
  deployImpact,
  ethers,
  networkHelpers,
  Status,
  submit,
  TONNE,
  VERIFIER_ROLE,
  ZERO_HASH,
  revokeBy,
} from "./fixtures.ts";

describe("ImpactRegistry · attestations (k of n)", () => {
  it("k approvals verify the claim at their minimum and mint exactly that to the claimant (IM-1, IM-5)", async () => {
    const { registry, alice, v1, v2, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day));
    await expect(registry.connect(v1).attest(id, 118n * TONNE, ethers.id("report v1")))
      .to.emit(registry, "ClaimAttested")
      .withArgs(id, v1.address, 118n * TONNE, ethers.id("report v1"), 1, false)
      .and.not.to.emit(registry, "ClaimVerified");
    let c = await registry.getClaim(id);
    expect([c.status, c.approvals, c.verifiedUnits]).to.deep.equal([Status.Submitted, 1n, 118n * TONNE]);
    expect(await registry.balanceOf(alice.address, id)).to.equal(0n);
    const tx = registry.connect(v2).attest(id, 115n * TONNE, ethers.id("report v2"));
    await expect(tx)
      .to.emit(registry, "ClaimAttested")
      .withArgs(id, v2.address, 115n * TONNE, ethers.id("report v2"), 2, false);
    await expect(tx)
      .to.emit(registry, "ClaimVerified")
      .withArgs(id, alice.address, 115n * TONNE);
    await expect(tx)
      .to.emit(registry, "TransferSingle")
      .withArgs(v2.address, ethers.ZeroAddress, alice.address, id, 115n * TONNE);
    c = await registry.getClaim(id);
    expect([c.status, c.approvals, c.rejections, c.verifiedUnits, c.claimedUnits]).to.deep.equal([
      Status.Verified,
      2n,
      0n,
      115n * TONNE,
      120n * TONNE,
    ]);
    expect(await registry.balanceOf(alice.address, id)).to.equal(115n * TONNE);
    expect(await registry.sellableUnits(id)).to.equal(115n * TONNE);
    expect([await registry.hasVoted(id, v1.address), await registry.hasVoted(id, v2.address)]).to.deep.equal([
      true,
      true,
    ]);
  });

  it("the minimum does not depend on the order of the approvals", async () => {
    const { registry, alice, v1, v2, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day));
    await registry.connect(v1).attest(id, 100n * TONNE, ZERO_HASH);
    await expect(registry.connect(v2).attest(id, 110n * TONNE, ZERO_HASH))
      .to.emit(registry, "ClaimVerified")
      .withArgs(id, alice.address, 100n * TONNE);
    expect(await registry.balanceOf(alice.address, id)).to.equal(100n * TONNE);
  });

  it("k = 1 verifies with the first approval; k = 3 needs three distinct verifiers", async () => {
    const { registry, alice, v1, v2, v3, day } = await networkHelpers.loadFixture(deployImpact);
    const one = await submit(registry, alice, claimInput(day, { methodologyId: 2, units: 18n * TONNE }));
    await expect(registry.connect(v3).attest(one, 17n * TONNE, ZERO_HASH))
      .to.emit(registry, "ClaimVerified")
      .withArgs(one, alice.address, 17n * TONNE);
    const three = await submit(registry, alice, claimInput(day, { methodologyId: 3, units: 12n * TONNE }));
    await registry.connect(v1).attest(three, 12n * TONNE, ZERO_HASH);
    await registry.connect(v2).attest(three, 11n * TONNE, ZERO_HASH);
    expect((await registry.getClaim(three)).status).to.equal(Status.Submitted);
    await expect(registry.connect(v3).attest(three, 12n * TONNE, ZERO_HASH))
      .to.emit(registry, "ClaimVerified")
      .withArgs(three, alice.address, 11n * TONNE);
    expect(await registry.balanceOf(alice.address, three)).to.equal(11n * TONNE);
  });

  it("refuses the claimant as a verifier of its own claim (VerifierIsClaimant)", async () => {
    const { registry, gov, alice, v1, day } = await networkHelpers.loadFixture(deployImpact);
    await gov("grantRole", [VERIFIER_ROLE, alice.address]);
    const id = await submit(registry, alice, claimInput(day));
    await expect(registry.connect(alice).attest(id, 1n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "VerifierIsClaimant")
      .withArgs(id, alice.address);
    await expect(registry.connect(alice).reject(id, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "VerifierIsClaimant")
      .withArgs(id, alice.address);
    // alice verifies other people's claims as usual
    const other = await submit(registry, v1, claimInput(day, { methodologyId: 2 }));
    await expect(registry.connect(alice).attest(other, 5n, ZERO_HASH)).to.emit(registry, "ClaimVerified");
  });

  it("refuses a second vote by the same verifier, approval or rejection (AlreadyVoted)", async () => {
    const { registry, alice, v1, v2, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day));
    await registry.connect(v1).attest(id, 100n, ZERO_HASH);
    await expect(registry.connect(v1).attest(id, 90n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "AlreadyVoted")
      .withArgs(id, v1.address);
    await expect(registry.connect(v1).reject(id, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "AlreadyVoted")
      .withArgs(id, v1.address);
    await registry.connect(v2).reject(id, ZERO_HASH);
    await expect(registry.connect(v2).reject(id, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "AlreadyVoted")
      .withArgs(id, v2.address);
    await expect(registry.connect(v2).attest(id, 1n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "AlreadyVoted")
      .withArgs(id, v2.address);
    const c = await registry.getClaim(id);
    expect([c.approvals, c.rejections, c.verifiedUnits]).to.deep.equal([1n, 1n, 100n]);
  });

  it("refuses an approval above the claimed amount (AttestedAboveClaimed); exactly the claim is fine", async () => {
    const { registry, alice, v1, v2, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day));
    await expect(registry.connect(v1).attest(id, 120n * TONNE + 1n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "AttestedAboveClaimed")
      .withArgs(id, 120n * TONNE, 120n * TONNE + 1n);
    await expect(registry.connect(v1).attest(id, ethers.MaxUint256, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "AttestedAboveClaimed")
      .withArgs(id, 120n * TONNE, ethers.MaxUint256);
    expect(await registry.hasVoted(id, v1.address)).to.equal(false);
    await registry.connect(v1).attest(id, 120n * TONNE, ZERO_HASH);
    await registry.connect(v2).attest(id, 120n * TONNE, ZERO_HASH);
    expect((await registry.getClaim(id)).verifiedUnits).to.equal(120n * TONNE);
  });

  it("refuses non-verifiers, unknown claims and claims no longer pending", async () => {
    const { registry, alice, v1, v2, v3, outsider, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day, { methodologyId: 2 }));
    await expect(registry.connect(outsider).attest(id, 1n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "NotVerifier")
      .withArgs(outsider.address);
    await expect(registry.connect(outsider).reject(id, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "NotVerifier")
      .withArgs(outsider.address);
    await expect(registry.connect(v1).attest(99, 1n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "UnknownClaim")
      .withArgs(99);
    await expect(registry.connect(v1).reject(0, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "UnknownClaim")
      .withArgs(0);
    await registry.connect(v1).attest(id, 1n, ZERO_HASH); // k = 1: Verified
    await expect(registry.connect(v2).attest(id, 1n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "ClaimNotPending")
      .withArgs(id, Status.Verified);
    await expect(registry.connect(v2).reject(id, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "ClaimNotPending")
      .withArgs(id, Status.Verified);
    const rejected = await submit(registry, alice, claimInput(day, { methodologyId: 2 }));
    await registry.connect(v1).reject(rejected, ZERO_HASH);
    await expect(registry.connect(v3).attest(rejected, 1n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "ClaimNotPending")
      .withArgs(rejected, Status.Rejected);
    await revokeBy(registry, [v3], id, 1n); // k = 1
    await expect(registry.connect(v3).attest(id, 1n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "ClaimNotPending")
      .withArgs(id, Status.Revoked);
  });

  it("k rejections reject the claim: no units, its evidence stays used, approvals and rejections count apart", async () => {
    const { registry, alice, v1, v2, v3, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day));
    await registry.connect(v1).attest(id, 100n, ZERO_HASH);
    await expect(registry.connect(v2).reject(id, ethers.id("double counted")))
      .to.emit(registry, "ClaimRejectionRecorded")
      .withArgs(id, v2.address, ethers.id("double counted"), 1)
      .and.not.to.emit(registry, "ClaimRejected");
    const tx = registry.connect(v3).reject(id, ethers.id("no baseline"));
    await expect(tx).to.emit(registry, "ClaimRejectionRecorded").withArgs(id, v3.address, ethers.id("no baseline"), 2);
    await expect(tx).to.emit(registry, "ClaimRejected").withArgs(id);
    const c = await registry.getClaim(id);
    expect([c.status, c.approvals, c.rejections, c.verifiedUnits]).to.deep.equal([Status.Rejected, 1n, 2n, 100n]);
    expect(await registry.balanceOf(alice.address, id)).to.equal(0n); // IM-1: no units unless verified
    expect(await registry.statusOf(id)).to.deep.equal([Status.Rejected, alice.address, 1n]);
  });

  it("a rejection does not block verification when k approvals come first", async () => {
    const { registry, alice, v1, v2, v3, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day));
    await registry.connect(v1).reject(id, ZERO_HASH);
    await registry.connect(v2).attest(id, 50n, ZERO_HASH);
    await expect(registry.connect(v3).attest(id, 60n, ZERO_HASH))
      .to.emit(registry, "ClaimVerified")
      .withArgs(id, alice.address, 50n);
    expect(await registry.balanceOf(alice.address, id)).to.equal(50n);
  });

  it("refuses an approval of 0 units (ZeroUnits): a verifier who stands behind nothing rejects", async () => {
    const { registry, alice, v1, v2, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day));
    await expect(registry.connect(v1).attest(id, 0n, ZERO_HASH)).to.be.revertedWithCustomError(registry, "ZeroUnits");
    expect(await registry.hasVoted(id, v1.address)).to.equal(false);
    await registry.connect(v1).attest(id, 100n, ZERO_HASH);
    await expect(registry.connect(v2).attest(id, 100n, ZERO_HASH))
      .to.emit(registry, "ClaimVerified")
      .withArgs(id, alice.address, 100n);
  });
});
