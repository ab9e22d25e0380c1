import { expect } from "chai";
import {
  claimInput,
  ethers,
  boughtClaim,
  listedClaim,
  networkHelpers,
  PRICE,
  today,
  Status,
  submit,
  TONNE,
  unitsHeld,
  verifiedClaim,
  ZERO_HASH,
  terms,
  revokeBy,
} from "./fixtures.ts";

/** `listedClaim` after the buyer bought 10 t and retired 4 t (certificate 1): alice holds 105 t, the buyer 6 t. */
async function soldAndRetired() {
  const f = await boughtClaim();
  await f.registry.connect(f.buyer).retire(f.id, 4n * TONNE, "Harbour Festival", "");
  return f;
}

describe("ImpactRegistry · revocation and frozen units", () => {
  it("k verifiers revoke part of a verified claim: the claimant's units up to the revoked total freeze (IM-6)", async () => {
    const { registry, certificates, alice, v1, v3, id } = await networkHelpers.loadFixture(soldAndRetired);
    const text = "also counted in the EU ETS report";
    const reason = ethers.id(text);
    await expect(registry.connect(v1).revoke(id, 30n * TONNE, reason, text))
      .to.emit(registry, "RevocationVoteRecorded")
      .withArgs(id, v1.address, 30n * TONNE, reason, 1, 2, text)
      .and.not.to.emit(registry, "ClaimRevoked");
    expect(await certificates.flagged(1)).to.equal(false);
    await expect(registry.connect(v3).revoke(id, 30n * TONNE, reason, ""))
      .to.emit(registry, "ClaimRevoked")
      .withArgs(id, v3.address, 30n * TONNE, 30n * TONNE, 30n * TONNE, reason);
    const c = await registry.getClaim(id);
    expect([c.status, c.verifiedUnits, c.revokedUnits, c.frozenUnits, c.retiredUnits]).to.deep.equal([
      Status.Revoked,
      115n * TONNE,
      30n * TONNE,
      30n * TONNE,
      4n * TONNE,
    ]);
    expect(await registry.balanceOf(alice.address, id)).to.equal(105n * TONNE);
    expect(await registry.sellableUnits(id)).to.equal(75n * TONNE);
    expect(await certificates.flagged(1)).to.equal(true);
  });

  it("frozen = min(revoked, claimant's balance): a claimant who sold most units freezes only what it holds", async () => {
    const { registry, market, alice, buyer, v1, v2, id } = await networkHelpers.loadFixture(listedClaim);
    await market
      .connect(buyer)
      .buy(id, 100n * TONNE, await terms(market, id, 100n * TONNE, PRICE), { value: PRICE * 100n * TONNE });
    // alice keeps 15 t; 40 t revoked: only her 15 t can be frozen, the buyer's 100 t stay free.
    await registry.connect(v2).revoke(id, 40n * TONNE, ZERO_HASH, "");
    await expect(registry.connect(v1).revoke(id, 40n * TONNE, ZERO_HASH, ""))
      .to.emit(registry, "ClaimRevoked")
      .withArgs(id, v1.address, 40n * TONNE, 40n * TONNE, 15n * TONNE, ZERO_HASH);
    expect(await registry.sellableUnits(id)).to.equal(0n);
    // units received back after the revocation are frozen again, up to the revoked total (finding 2)
    await expect(registry.connect(buyer).safeTransferFrom(buyer.address, alice.address, id, 5n * TONNE, "0x"))
      .to.emit(registry, "UnitsRefrozen")
      .withArgs(id, alice.address, 20n * TONNE);
    expect(await registry.sellableUnits(id)).to.equal(0n);
    expect((await registry.getClaim(id)).frozenUnits).to.equal(20n * TONNE);
    // a later revocation (a new vote of k) freezes up to the new total, within the balance
    await registry.connect(v1).revoke(id, 1n * TONNE, ZERO_HASH, "");
    await expect(registry.connect(v2).revoke(id, 1n * TONNE, ZERO_HASH, ""))
      .to.emit(registry, "ClaimRevoked")
      .withArgs(id, v2.address, 1n * TONNE, 41n * TONNE, 20n * TONNE, ZERO_HASH);
    expect(await registry.sellableUnits(id)).to.equal(0n);
  });

  it("frozen units cannot be transferred, sold or retired (UnitsFrozen); the rest can", async () => {
    const { registry, market, alice, bob, buyer, v1, v3, id } = await networkHelpers.loadFixture(soldAndRetired);
    await revokeBy(registry, [v1, v3], id, 30n * TONNE);
    const [frozen, balance] = [30n * TONNE, 105n * TONNE];
    await expect(registry.connect(alice).safeTransferFrom(alice.address, bob.address, id, 75n * TONNE + 1n, "0x"))
      .to.be.revertedWithCustomError(registry, "UnitsFrozen")
      .withArgs(id, alice.address, frozen, balance, 75n * TONNE + 1n);
    await expect(registry.connect(alice).retire(id, 75n * TONNE + 1n, "Alice", ""))
      .to.be.revertedWithCustomError(registry, "UnitsFrozen")
      .withArgs(id, alice.address, frozen, balance, 75n * TONNE + 1n);
    await market.connect(alice).list(id, ethers.ZeroAddress, PRICE, 90n * TONNE);
    await expect(
      market
        .connect(buyer)
        .buy(id, 76n * TONNE, await terms(market, id, 76n * TONNE, PRICE), { value: PRICE * 76n * TONNE }),
    )
      .to.be.revertedWithCustomError(market, "ExceedsUnitsForSale")
      .withArgs(id, 75n * TONNE, 76n * TONNE); // verified 115 - revoked 30 - sold 10
    // exactly the sellable units move
    await market
      .connect(buyer)
      .buy(id, 70n * TONNE, await terms(market, id, 70n * TONNE, PRICE), { value: PRICE * 70n * TONNE });
    await registry.connect(alice).retire(id, 5n * TONNE, "Alice", "");
    expect(await registry.balanceOf(alice.address, id)).to.equal(frozen);
    expect(await registry.sellableUnits(id)).to.equal(0n);
    await expect(registry.connect(alice).safeTransferFrom(alice.address, bob.address, id, 1n, "0x"))
      .to.be.revertedWithCustomError(registry, "UnitsFrozen")
      .withArgs(id, alice.address, frozen, frozen, 1n);
  });

  it("a batch transfer cannot move frozen units, even listing the id twice or mixing ids", async () => {
    const { registry, alice, bob, v1, v2, v3, day, id } = await networkHelpers.loadFixture(soldAndRetired);
    await revokeBy(registry, [v1, v3], id, 30n * TONNE); // alice: 105 t, 30 t frozen, 75 t sellable
    // Each half is within the sellable units; together they would take 10 t of the frozen ones.
    await expect(
      registry
        .connect(alice)
        .safeBatchTransferFrom(alice.address, bob.address, [id, id], [40n * TONNE, 45n * TONNE], "0x"),
    )
      .to.be.revertedWithCustomError(registry, "UnitsFrozen")
      .withArgs(id, alice.address, 30n * TONNE, 105n * TONNE, 85n * TONNE);
    const other = await submit(registry, alice, claimInput(day));
    await registry.connect(v1).attest(other, 10n, ZERO_HASH);
    await registry.connect(v2).attest(other, 10n, ZERO_HASH);
    await expect(
      registry
        .connect(alice)
        .safeBatchTransferFrom(alice.address, bob.address, [id, other, id], [75n * TONNE, 10n, 1n], "0x"),
    )
      .to.be.revertedWithCustomError(registry, "UnitsFrozen")
      .withArgs(id, alice.address, 30n * TONNE, 105n * TONNE, 75n * TONNE + 1n);
    await expect(
      registry.connect(alice).safeBatchTransferFrom(alice.address, bob.address, [id, other], [75n * TONNE], "0x"),
    )
      .to.be.revertedWithCustomError(registry, "ERC1155InvalidArrayLength")
      .withArgs(2, 1);
    // Up to the sellable units, a batch with the id twice passes.
    await registry
      .connect(alice)
      .safeBatchTransferFrom(alice.address, bob.address, [id, other, id], [40n * TONNE, 10n, 35n * TONNE], "0x");
    expect(await registry.balanceOf(alice.address, id)).to.equal(30n * TONNE);
    expect(await registry.balanceOf(bob.address, id)).to.equal(75n * TONNE);
    expect(await registry.sellableUnits(id)).to.equal(0n);
  });

  it("buyers' units stay free after a revocation; every certificate of the claim is flagged", async () => {
    const { registry, certificates, buyer, v2, v3, id } = await networkHelpers.loadFixture(soldAndRetired);
    expect(await certificates.flagged(1)).to.equal(false);
    await revokeBy(registry, [v2, v3], id, 30n * TONNE);
    await registry.connect(buyer).retire(id, 6n * TONNE, "Harbour Festival", "second half");
    expect([await certificates.flagged(1), await certificates.flagged(2)]).to.deep.equal([true, true]);
    expect(await registry.balanceOf(buyer.address, id)).to.equal(0n);
    expect((await registry.getClaim(id)).retiredUnits).to.equal(10n * TONNE);
  });

  it("revocations add up to at most the verified amount; a fully revoked claim cannot be retired or listed", async () => {
    const { registry, market, alice, buyer, v1, v2, v3, id } = await networkHelpers.loadFixture(soldAndRetired);
    await revokeBy(registry, [v2, v3], id, 100n * TONNE);
    await expect(registry.connect(v1).revoke(id, 15n * TONNE + 1n, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "RevocationExceedsVerified")
      .withArgs(id, 115n * TONNE, 115n * TONNE + 1n);
    await registry.connect(v2).revoke(id, 15n * TONNE, ZERO_HASH, "");
    await expect(registry.connect(v1).revoke(id, 15n * TONNE, ZERO_HASH, ""))
      .to.emit(registry, "ClaimRevoked")
      .withArgs(id, v1.address, 15n * TONNE, 115n * TONNE, 105n * TONNE, ZERO_HASH);
    await expect(registry.connect(v1).revoke(id, 1n, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "RevocationExceedsVerified")
      .withArgs(id, 115n * TONNE, 115n * TONNE + 1n);
    await expect(registry.connect(buyer).retire(id, 1n, "Harbour Festival", ""))
      .to.be.revertedWithCustomError(registry, "ClaimFullyRevoked")
      .withArgs(id);
    await expect(market.connect(alice).list(id, ethers.ZeroAddress, PRICE, 1n))
      .to.be.revertedWithCustomError(market, "ClaimNotForSale")
      .withArgs(id, Status.Revoked);
    expect(await registry.sellableUnits(id)).to.equal(0n);
    // The buyer's units are not frozen: they can still move (but not be retired).
    await registry.connect(buyer).safeTransferFrom(buyer.address, alice.address, id, 1n, "0x");
    expect(await unitsHeld(registry, id, [alice, buyer])).to.equal(111n * TONNE);
  });

  it("refuses revocation by non-verifiers, by the claimant, of zero units, and of claims not verified", async () => {
    const { registry, gov, alice, bob, v1, v2, outsider, id } = await networkHelpers.loadFixture(verifiedClaim);
    await expect(registry.connect(outsider).revoke(id, 1n, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "NotVerifier")
      .withArgs(outsider.address);
    await gov("grantRole", [ethers.id("VERIFIER_ROLE"), alice.address]);
    await expect(registry.connect(alice).revoke(id, 1n, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "VerifierIsClaimant")
      .withArgs(id, alice.address);
    await expect(registry.connect(v1).revoke(id, 0n, ZERO_HASH, "")).to.be.revertedWithCustomError(
      registry,
      "ZeroUnits",
    );
    const pending = await submit(registry, bob, claimInput(await today()));
    await expect(registry.connect(v1).revoke(pending, 1n, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "ClaimNotVerified")
      .withArgs(pending, Status.Submitted);
    await registry.connect(v1).reject(pending, ZERO_HASH);
    await registry.connect(v2).reject(pending, ZERO_HASH);
    await expect(registry.connect(v1).revoke(pending, 1n, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "ClaimNotVerified")
      .withArgs(pending, Status.Rejected);
    await expect(registry.connect(v1).revoke(99, 1n, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "ClaimNotVerified")
      .withArgs(99, Status.None);
    await expect(registry.connect(v1).revoke(id, ethers.MaxUint256, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "RevocationExceedsVerified")
      .withArgs(id, 115n * TONNE, ethers.MaxUint256);
    await revokeBy(registry, [v1, v2], id, 1n);
    // revoked + units does not wrap around: an absurd amount is refused with the total saturated at 2^256 - 1
    await expect(registry.connect(v1).revoke(id, ethers.MaxUint256, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "RevocationExceedsVerified")
      .withArgs(id, 115n * TONNE, ethers.MaxUint256);
    expect((await registry.getClaim(id)).revokedUnits).to.equal(1n);
  });

  it("finding 2: units parked at a second address before a revocation come back frozen and cannot be sold or retired", async () => {
    const { registry, market, alice, bob, buyer, v1, v2, id } = await networkHelpers.loadFixture(listedClaim);
    // Alice (claimant) parks 100 of her 115 t at bob, an address she also controls, just before the revocation.
    await registry.connect(alice).safeTransferFrom(alice.address, bob.address, id, 100n * TONNE, "0x");
    await revokeBy(registry, [v1, v2], id, 60n * TONNE);
    expect((await registry.getClaim(id)).frozenUnits).to.equal(15n * TONNE); // all she held then
    // She brings the units back: they are frozen again up to the revoked 60 t.
    await expect(registry.connect(bob).safeTransferFrom(bob.address, alice.address, id, 100n * TONNE, "0x"))
      .to.emit(registry, "UnitsRefrozen")
      .withArgs(id, alice.address, 60n * TONNE);
    expect(await registry.sellableUnits(id)).to.equal(55n * TONNE);
    await expect(registry.connect(alice).retire(id, 55n * TONNE + 1n, "Alice", ""))
      .to.be.revertedWithCustomError(registry, "UnitsFrozen")
      .withArgs(id, alice.address, 60n * TONNE, 115n * TONNE, 55n * TONNE + 1n);
    // The market sells at most verified - revoked = 55 t of the claim, whoever holds the rest.
    expect(await market.unitsForSale(id)).to.equal(55n * TONNE);
    await market
      .connect(buyer)
      .buy(id, 55n * TONNE, await terms(market, id, 55n * TONNE, PRICE), { value: PRICE * 55n * TONNE });
    await expect(market.connect(buyer).buy(id, 1n, await terms(market, id, 1n, PRICE), { value: PRICE }))
      .to.be.revertedWithCustomError(market, "ExceedsUnitsForSale")
      .withArgs(id, 0n, 1n);
  });

  it("finding 2: the market's sales of a claim stop at verified - revoked - sold, even with units parked and returned after the sale", async () => {
    const { registry, market, alice, bob, buyer, v1, v2, id } = await networkHelpers.loadFixture(listedClaim);
    await market
      .connect(buyer)
      .buy(id, 50n * TONNE, await terms(market, id, 50n * TONNE, PRICE), { value: PRICE * 50n * TONNE });
    await registry.connect(alice).safeTransferFrom(alice.address, bob.address, id, 65n * TONNE, "0x");
    await revokeBy(registry, [v1, v2], id, 40n * TONNE); // 115 verified, 40 revoked, 50 sold: 25 t may still sell
    expect((await registry.getClaim(id)).frozenUnits).to.equal(0n); // alice held nothing
    await registry.connect(bob).safeTransferFrom(bob.address, alice.address, id, 65n * TONNE, "0x");
    expect((await registry.getClaim(id)).frozenUnits).to.equal(40n * TONNE);
    await expect(
      market
        .connect(buyer)
        .buy(id, 26n * TONNE, await terms(market, id, 26n * TONNE, PRICE), { value: PRICE * 26n * TONNE }),
    )
      .to.be.revertedWithCustomError(market, "ExceedsUnitsForSale")
      .withArgs(id, 25n * TONNE, 26n * TONNE);
    await market
      .connect(buyer)
      .buy(id, 25n * TONNE, await terms(market, id, 25n * TONNE, PRICE), { value: PRICE * 25n * TONNE });
    expect(await market.unitsForSale(id)).to.equal(0n);
  });

  it("finding 5: one verifier alone cannot revoke a k = 2 claim; k votes revoke the smallest amount voted, once", async () => {
    const { registry, certificates, v1, v2, v3, id } = await networkHelpers.loadFixture(soldAndRetired);
    await registry.connect(v3).revoke(id, 115n * TONNE, ZERO_HASH, "");
    expect((await registry.getClaim(id)).status).to.equal(Status.Verified);
    expect((await registry.getClaim(id)).revokedUnits).to.equal(0n);
    expect(await certificates.flagged(1)).to.equal(false);
    expect(await registry.revocationVote(id)).to.deep.equal([115n * TONNE, 1n, 2n]);
    expect(await registry.hasVotedToRevoke(id, v3.address)).to.equal(true);
    await expect(registry.connect(v3).revoke(id, 115n * TONNE, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "AlreadyVotedToRevoke")
      .withArgs(id, v3.address);
    // the second verifier stands behind revoking 20 t only: 20 t are revoked
    await expect(registry.connect(v1).revoke(id, 20n * TONNE, ZERO_HASH, ""))
      .to.emit(registry, "ClaimRevoked")
      .withArgs(id, v1.address, 20n * TONNE, 20n * TONNE, 20n * TONNE, ZERO_HASH);
    // the vote is closed: the next revocation starts from zero votes, and v3 may vote again
    expect(await registry.revocationVote(id)).to.deep.equal([0n, 0n, 2n]);
    expect(await registry.hasVotedToRevoke(id, v3.address)).to.equal(false);
    await registry.connect(v3).revoke(id, 95n * TONNE, ZERO_HASH, "");
    expect((await registry.getClaim(id)).revokedUnits).to.equal(20n * TONNE);
    await registry.connect(v2).revoke(id, 95n * TONNE, ZERO_HASH, "");
    expect((await registry.getClaim(id)).revokedUnits).to.equal(115n * TONNE);
  });

  it("finding 5: a published reason must hash to the reason hash voted (ReasonMismatch)", async () => {
    const { registry, v1, id } = await networkHelpers.loadFixture(verifiedClaim);
    const text = "Meter readings copied from another site";
    await expect(registry.connect(v1).revoke(id, TONNE, ethers.id("something else"), text))
      .to.be.revertedWithCustomError(registry, "ReasonMismatch")
      .withArgs(ethers.id("something else"), ethers.id(text));
  });
});
