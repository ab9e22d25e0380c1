import { expect } from "chai";
import { TypedDataEncoder } from "ethers";
import {
  attestationTypesMutable,
  IMPACT_DOMAIN_NAME,
  IMPACT_DOMAIN_VERSION,
  impactDomain,
} from "../../sdk/src/eip712.ts";
import {
  type Attestation,
  claimInput,
  deployImpact,
  ethers,
  latest,
  networkHelpers,
  signAttestation,
  Status,
  submit,
  TONNE,
  VERIFIER_ROLE,
  ZERO_HASH,
} from "./fixtures.ts";

/** A submitted claim (alice, 120 t, k = 2) and an attestation of it by v2 valid for an hour. */
async function pendingClaim() {
  const f = await deployImpact();
  const id = await submit(f.registry, f.alice, claimInput(f.day));
  const attestation: Attestation = {
    verifier: f.v2.address,
    claimId: id,
    verifiedUnits: 115n * TONNE,
    reportHash: ethers.id("report v2"),
    nonce: 7n,
    deadline: (await latest()) + 30n * 86_400n,
  };
  return { ...f, id, attestation };
}

describe("ImpactRegistry · signed attestations (EIP-712)", () => {
  it("the SDK's domain and types give exactly the contract's digest and domain separator", async () => {
    const { registry, registryAddress, attestation } = await networkHelpers.loadFixture(pendingClaim);
    const { chainId } = await ethers.provider.getNetwork();
    const domain = impactDomain(chainId, registryAddress as `0x${string}`);
    expect(await registry.attestationDigest(attestation)).to.equal(
      TypedDataEncoder.hash(domain, attestationTypesMutable, attestation),
    );
    // Every field is part of the digest.
    const big = { ...attestation, nonce: 2n ** 255n, deadline: 2n ** 64n, verifiedUnits: 1n, claimId: 2n ** 70n };
    expect(await registry.attestationDigest(big)).to.equal(TypedDataEncoder.hash(domain, attestationTypesMutable, big));
    const d = await registry.eip712Domain();
    expect([d.name, d.version, d.chainId, d.verifyingContract]).to.deep.equal([
      IMPACT_DOMAIN_NAME,
      IMPACT_DOMAIN_VERSION,
      chainId,
      registryAddress,
    ]);
    expect(TypedDataEncoder.from(attestationTypesMutable).encodeType("Attestation")).to.equal(
      "Attestation(address verifier,uint256 claimId,uint256 verifiedUnits,bytes32 reportHash,uint256 nonce,uint256 deadline)",
    );
  });

  it("anyone relays a signed approval: it counts as the verifier's (bySignature) and uses the nonce", async () => {
    const { registry, registryAddress, alice, v1, v2, outsider, id, attestation } =
      await networkHelpers.loadFixture(pendingClaim);
    await registry.connect(v1).attest(id, 118n * TONNE, ZERO_HASH);
    const sig = await signAttestation(registryAddress, v2, attestation);
    expect(await registry.nonceUsed(v2.address, 7n)).to.equal(false);
    const tx = registry.connect(outsider).attestBySig(attestation, sig);
    await expect(tx)
      .to.emit(registry, "ClaimAttested")
      .withArgs(id, v2.address, 115n * TONNE, attestation.reportHash, 2, true);
    await expect(tx)
      .to.emit(registry, "ClaimVerified")
      .withArgs(id, alice.address, 115n * TONNE);
    expect(await registry.nonceUsed(v2.address, 7n)).to.equal(true);
    expect(await registry.nonceUsed(v2.address, 6n)).to.equal(false);
    expect(await registry.nonceUsed(v1.address, 7n)).to.equal(false);
    expect(await registry.hasVoted(id, v2.address)).to.equal(true);
    expect(await registry.balanceOf(alice.address, id)).to.equal(115n * TONNE);
  });

  it("refuses an expired signature; the deadline itself is still valid", async () => {
    const { registry, registryAddress, v2, outsider, attestation } = await networkHelpers.loadFixture(pendingClaim);
    const sig = await signAttestation(registryAddress, v2, attestation);
    await networkHelpers.time.setNextBlockTimestamp(attestation.deadline + 1n);
    await expect(registry.connect(outsider).attestBySig(attestation, sig))
      .to.be.revertedWithCustomError(registry, "SignatureExpired")
      .withArgs(attestation.deadline, attestation.deadline + 1n);
    // A fresh signature with a deadline exactly at the block time passes.
    const now = (await latest()) + 10n;
    const atDeadline = { ...attestation, deadline: now };
    const sig2 = await signAttestation(registryAddress, v2, atDeadline);
    await networkHelpers.time.setNextBlockTimestamp(now);
    await expect(registry.connect(outsider).attestBySig(atDeadline, sig2)).to.emit(registry, "ClaimAttested");
  });

  it("refuses a replayed signature (NonceAlreadyUsed), also the same nonce signed for another claim", async () => {
    const { registry, registryAddress, alice, v2, outsider, day, attestation } =
      await networkHelpers.loadFixture(pendingClaim);
    const sig = await signAttestation(registryAddress, v2, attestation);
    await registry.connect(outsider).attestBySig(attestation, sig);
    await expect(registry.connect(outsider).attestBySig(attestation, sig))
      .to.be.revertedWithCustomError(registry, "NonceAlreadyUsed")
      .withArgs(v2.address, 7n);
    const other = await submit(registry, alice, claimInput(day));
    const again = { ...attestation, claimId: other };
    await expect(registry.attestBySig(again, await signAttestation(registryAddress, v2, again)))
      .to.be.revertedWithCustomError(registry, "NonceAlreadyUsed")
      .withArgs(v2.address, 7n);
    expect((await registry.getClaim(attestation.claimId)).approvals).to.equal(1n);
  });

  it("nonces are unordered: any unused number, in any order, across bitmap words", async () => {
    const { registry, registryAddress, alice, v2, day, attestation } = await networkHelpers.loadFixture(pendingClaim);
    for (const nonce of [1000n, 5n, 2n ** 255n + 3n, 256n, 255n]) {
      const id = await submit(registry, alice, claimInput(day));
      const a = { ...attestation, claimId: id, nonce };
      await registry.attestBySig(a, await signAttestation(registryAddress, v2, a));
      expect(await registry.nonceUsed(v2.address, nonce)).to.equal(true);
    }
    for (const nonce of [0n, 4n, 6n, 254n, 257n, 999n, 1001n, 2n ** 255n + 2n]) {
      expect(await registry.nonceUsed(v2.address, nonce)).to.equal(false, `nonce ${nonce}`);
    }
  });

  it("a verifier invalidates an unused nonce; its signature is then void, and a nonce is invalidated once", async () => {
    const { registry, registryAddress, v2, attestation } = await networkHelpers.loadFixture(pendingClaim);
    const sig = await signAttestation(registryAddress, v2, attestation);
    await expect(registry.connect(v2).invalidateNonce(7n))
      .to.emit(registry, "NonceInvalidated")
      .withArgs(v2.address, 7n);
    await expect(registry.attestBySig(attestation, sig))
      .to.be.revertedWithCustomError(registry, "NonceAlreadyUsed")
      .withArgs(v2.address, 7n);
    await expect(registry.connect(v2).invalidateNonce(7n))
      .to.be.revertedWithCustomError(registry, "NonceAlreadyUsed")
      .withArgs(v2.address, 7n);
    expect(await registry.hasVoted(attestation.claimId, v2.address)).to.equal(false);
  });

  it("refuses a wrong signer, another chain, another contract, tampered fields and malformed signatures", async () => {
    const { registry, registryAddress, v1, v2, attestation } = await networkHelpers.loadFixture(pendingClaim);
    const sigs = [
      await signAttestation(registryAddress, v1, attestation), // signed by another verifier
      await signAttestation(registryAddress, v2, attestation, 1n), // mainnet
      await signAttestation(ethers.Wallet.createRandom().address, v2, attestation),
      await signAttestation(registryAddress, v2, { ...attestation, verifiedUnits: attestation.verifiedUnits + 1n }),
      await signAttestation(registryAddress, v2, { ...attestation, deadline: attestation.deadline + 1n }),
      "0x",
      "0x1234",
      "0x" + "00".repeat(65),
    ];
    for (const sig of sigs) {
      await expect(registry.attestBySig(attestation, sig))
        .to.be.revertedWithCustomError(registry, "InvalidSignature")
        .withArgs(v2.address);
    }
    expect(await registry.nonceUsed(v2.address, attestation.nonce)).to.equal(false);
  });

  it("a signed approval obeys the rules of a direct one, and a refused one uses no nonce", async () => {
    const { registry, registryAddress, gov, alice, v2, outsider, id, attestation } =
      await networkHelpers.loadFixture(pendingClaim);
    // Not accredited: a valid signature by an outsider is refused.
    const byOutsider = { ...attestation, verifier: outsider.address };
    await expect(registry.attestBySig(byOutsider, await signAttestation(registryAddress, outsider, byOutsider)))
      .to.be.revertedWithCustomError(registry, "NotVerifier")
      .withArgs(outsider.address);
    expect(await registry.nonceUsed(outsider.address, attestation.nonce)).to.equal(false);
    // Above the claimed amount.
    const above = { ...attestation, verifiedUnits: 120n * TONNE + 1n };
    await expect(registry.attestBySig(above, await signAttestation(registryAddress, v2, above)))
      .to.be.revertedWithCustomError(registry, "AttestedAboveClaimed")
      .withArgs(id, 120n * TONNE, 120n * TONNE + 1n);
    // The claimant signing for its own claim.
    await gov("grantRole", [VERIFIER_ROLE, alice.address]);
    const own = { ...attestation, verifier: alice.address };
    await expect(registry.attestBySig(own, await signAttestation(registryAddress, alice, own)))
      .to.be.revertedWithCustomError(registry, "VerifierIsClaimant")
      .withArgs(id, alice.address);
    // A direct approval, then a signed one by the same verifier.
    await registry.connect(v2).attest(id, 100n, ZERO_HASH);
    await expect(registry.attestBySig(attestation, await signAttestation(registryAddress, v2, attestation)))
      .to.be.revertedWithCustomError(registry, "AlreadyVoted")
      .withArgs(id, v2.address);
    expect(await registry.nonceUsed(v2.address, attestation.nonce)).to.equal(false);
    expect((await registry.getClaim(id)).status).to.equal(Status.Submitted);
  });

  it("a contract wallet (ERC-1271) accredited as verifier approves by signature", async () => {
    const { registry, registryAddress, gov, alice, v1, outsider, id, attestation } =
      await networkHelpers.loadFixture(pendingClaim);
    const wallet = await ethers.deployContract("MockERC1271Wallet", [outsider.address]);
    const w = await wallet.getAddress();
    await gov("grantRole", [VERIFIER_ROLE, w]);
    await registry.connect(v1).attest(id, 118n * TONNE, ZERO_HASH);
    const a = { ...attestation, verifier: w };
    // The wallet's owner signs the EIP-712 digest; a signature by anyone else is refused by the wallet.
    await expect(registry.attestBySig(a, await signAttestation(registryAddress, v1, a)))
      .to.be.revertedWithCustomError(registry, "InvalidSignature")
      .withArgs(w);
    await expect(registry.attestBySig(a, await signAttestation(registryAddress, outsider, a)))
      .to.emit(registry, "ClaimVerified")
      .withArgs(id, alice.address, 115n * TONNE);
    expect(await registry.nonceUsed(w, a.nonce)).to.equal(true);
    expect(await registry.hasVoted(id, w)).to.equal(true);
  });
});
