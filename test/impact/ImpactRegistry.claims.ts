import { expect } from "chai";
import {
  claimInput,
  DEFAULT_ADMIN_ROLE,
  deployImpact,
  ETH,
  ethers,
  jurisdiction,
  METHODOLOGIES,
  networkHelpers,
  Status,
  submit,
  TONNE,
  VERIFIER_ROLE,
  viaTimelock,
  ZERO_HASH,
  ADMIN_DELAY,
  today,
} from "./fixtures.ts";

describe("ImpactRegistry · claims and governance", () => {
  it("deploys its certificate contract; the timelock alone holds DEFAULT_ADMIN_ROLE", async () => {
    const { registry, registryAddress, certificates, timelock, admin } = await networkHelpers.loadFixture(deployImpact);
    expect(await certificates.registry()).to.equal(registryAddress);
    expect([await certificates.name(), await certificates.symbol()]).to.deep.equal([
      "Cosmolocal Retirement Certificate",
      "CLRC",
    ]);
    expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, await timelock.getAddress())).to.equal(true);
    expect(await registry.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(false);
    expect(await registry.getRoleAdmin(VERIFIER_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
    expect(await registry.VERIFIER_ROLE()).to.equal(VERIFIER_ROLE);
    expect(await registry.uri(7)).to.equal("ipfs://units/{id}");
    expect(await registry.claimCount()).to.equal(0n);
    for (const m of METHODOLOGIES) {
      expect(await registry.getMethodology(m.id)).to.deep.equal([BigInt(m.threshold), m.active, m.name]);
    }
    expect(await registry.getMethodology(9)).to.deep.equal([0n, false, ""]);
  });

  it("refuses an admin that is not a TimelockController: an account, or a contract without getMinDelay", async () => {
    const { registry, alice, tokenAddress } = await networkHelpers.loadFixture(deployImpact);
    await expect(ethers.deployContract("ImpactRegistry", [alice.address, ""]))
      .to.be.revertedWithCustomError(registry, "AdminNotTimelock")
      .withArgs(alice.address);
    await expect(ethers.deployContract("ImpactRegistry", [tokenAddress, ""]))
      .to.be.revertedWithCustomError(registry, "AdminNotTimelock")
      .withArgs(tokenAddress);
  });

  it("finding 7: refuses an admin timelock whose delay is under MIN_ADMIN_DELAY (one hour), such as a zero-delay one", async () => {
    const { registry, admin } = await networkHelpers.loadFixture(deployImpact);
    expect(await registry.MIN_ADMIN_DELAY()).to.equal(BigInt(ADMIN_DELAY));
    for (const delay of [0, ADMIN_DELAY - 1]) {
      const quick = await ethers.deployContract("CouncilTimelock", [delay, [admin.address], [admin.address], ETH]);
      await expect(ethers.deployContract("ImpactRegistry", [await quick.getAddress(), ""]))
        .to.be.revertedWithCustomError(registry, "AdminDelayTooShort")
        .withArgs(await quick.getAddress(), delay, ADMIN_DELAY);
    }
    const slow = await ethers.deployContract("CouncilTimelock", [ADMIN_DELAY, [admin.address], [admin.address], ETH]);
    await ethers.deployContract("ImpactRegistry", [await slow.getAddress(), ""]);
  });

  it("answers ERC-165 for ERC-1155, its metadata URI, AccessControl and ERC-165 itself", async () => {
    const { registry } = await networkHelpers.loadFixture(deployImpact);
    for (const id of ["0xd9b67a26", "0x0e89341c", "0x7965db0b", "0x01ffc9a7"]) {
      expect(await registry.supportsInterface(id)).to.equal(true, id);
    }
    expect(await registry.supportsInterface("0x80ac58cd")).to.equal(false); // ERC-721
    expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
  });

  it("records a claim with every field evented and stored", async () => {
    const { registry, alice, day } = await networkHelpers.loadFixture(deployImpact);
    const input = claimInput(day, { externalSerial: "CLA-2025-0001", jurisdiction: jurisdiction("NL-ZH") });
    await expect(registry.connect(alice).submitClaim(input))
      .to.emit(registry, "ClaimSubmitted")
      .withArgs(
        1,
        alice.address,
        1,
        input.units,
        input.startDay,
        input.endDay,
        input.jurisdiction,
        input.evidenceHash,
        input.evidenceURI,
        input.externalSerial,
      );
    const c = await registry.getClaim(1);
    expect([
      c.claimant,
      c.methodologyId,
      c.status,
      c.threshold,
      c.approvals,
      c.rejections,
      c.startDay,
      c.endDay,
      c.jurisdiction,
      c.claimedUnits,
      c.verifiedUnits,
      c.retiredUnits,
      c.revokedUnits,
      c.frozenUnits,
    ]).to.deep.equal([
      alice.address,
      1n,
      Status.Submitted,
      2n,
      0n,
      0n,
      BigInt(input.startDay),
      BigInt(input.endDay),
      "0x4e4c2d5a48000000",
      120n * TONNE,
      0n,
      0n,
      0n,
      0n,
    ]);
    expect(await registry.claimCount()).to.equal(1n);
    expect(await registry.statusOf(1)).to.deep.equal([Status.Submitted, alice.address, 1n]);
    expect(await registry.claimOfEvidence(input.evidenceHash)).to.equal(1n);
    expect(await registry.claimOfSerial("CLA-2025-0001")).to.equal(1n);
    expect(await registry.balanceOf(alice.address, 1)).to.equal(0n); // no units before verification (IM-1)
  });

  it("accepts the boundaries: a one-day period ending today, one unit, and 2^48 - 1 units", async () => {
    const { registry, alice, day } = await networkHelpers.loadFixture(deployImpact);
    await submit(registry, alice, claimInput(day, { startDay: day, endDay: day, units: 1n }));
    await submit(registry, alice, claimInput(day, { units: 2n ** 48n - 1n }));
    expect((await registry.getClaim(2)).claimedUnits).to.equal(2n ** 48n - 1n);
    expect((await registry.getClaim(1)).endDay).to.equal(BigInt(day));
  });

  it("refuses bad submissions with named errors", async () => {
    const { registry, alice, day } = await networkHelpers.loadFixture(deployImpact);
    const c = registry.connect(alice);
    await expect(c.submitClaim(claimInput(day, { units: 0n }))).to.be.revertedWithCustomError(registry, "ZeroUnits");
    for (const m of [0, 4, 9]) {
      // 0: never valid; 4: inactive; 9: never set
      await expect(c.submitClaim(claimInput(day, { methodologyId: m })))
        .to.be.revertedWithCustomError(registry, "UnknownMethodology")
        .withArgs(m);
    }
    await expect(c.submitClaim(claimInput(day, { startDay: day - 1, endDay: day - 2 })))
      .to.be.revertedWithCustomError(registry, "InvalidPeriod")
      .withArgs(day - 1, day - 2, day);
    await expect(c.submitClaim(claimInput(day, { endDay: day + 1 })))
      .to.be.revertedWithCustomError(registry, "InvalidPeriod")
      .withArgs(day - 365, day + 1, day);
    await expect(c.submitClaim(claimInput(day, { jurisdiction: "0x0000000000000000" }))).to.be.revertedWithCustomError(
      registry,
      "MissingJurisdiction",
    );
    await expect(c.submitClaim(claimInput(day, { evidenceHash: ZERO_HASH }))).to.be.revertedWithCustomError(
      registry,
      "MissingEvidence",
    );
    expect(await registry.claimCount()).to.equal(0n);
  });

  it("an evidence hash belongs to one claim for ever, even after the claim is rejected (IM-3)", async () => {
    const { registry, alice, bob, v1, v2, day } = await networkHelpers.loadFixture(deployImpact);
    const input = claimInput(day);
    await submit(registry, alice, input);
    for (const who of [alice, bob]) {
      await expect(registry.connect(who).submitClaim(claimInput(day, { evidenceHash: input.evidenceHash })))
        .to.be.revertedWithCustomError(registry, "DuplicateEvidence")
        .withArgs(input.evidenceHash, 1);
    }
    await registry.connect(v1).reject(1, ethers.id("no meter data"));
    await registry.connect(v2).reject(1, ethers.id("no meter data"));
    expect((await registry.getClaim(1)).status).to.equal(Status.Rejected);
    await expect(registry.connect(bob).submitClaim({ ...input, units: 1n }))
      .to.be.revertedWithCustomError(registry, "DuplicateEvidence")
      .withArgs(input.evidenceHash, 1);
    expect(await registry.claimOfEvidence(input.evidenceHash)).to.equal(1n);
    expect(await registry.claimOfEvidence(ethers.id("never used"))).to.equal(0n);
  });

  it("an external serial is unique when given; empty serials never clash (IM-3)", async () => {
    const { registry, alice, bob, day } = await networkHelpers.loadFixture(deployImpact);
    await submit(registry, alice, claimInput(day, { externalSerial: "VCS-1234" }));
    await expect(registry.connect(bob).submitClaim(claimInput(day, { externalSerial: "VCS-1234" })))
      .to.be.revertedWithCustomError(registry, "DuplicateSerial")
      .withArgs("VCS-1234", 1);
    await submit(registry, bob, claimInput(day));
    await submit(registry, bob, claimInput(day));
    await submit(registry, bob, claimInput(day, { externalSerial: "VCS-12345" }));
    expect(await registry.claimOfSerial("VCS-1234")).to.equal(1n);
    expect(await registry.claimOfSerial("VCS-12345")).to.equal(4n);
    expect(await registry.claimOfSerial("")).to.equal(0n);
    expect(await registry.claimCount()).to.equal(4n);
  });

  it("getClaim of an unknown id reverts UnknownClaim; statusOf answers zeros", async () => {
    const { registry } = await networkHelpers.loadFixture(deployImpact);
    await expect(registry.getClaim(0)).to.be.revertedWithCustomError(registry, "UnknownClaim").withArgs(0);
    await expect(registry.getClaim(5)).to.be.revertedWithCustomError(registry, "UnknownClaim").withArgs(5);
    expect(await registry.statusOf(5)).to.deep.equal([Status.None, ETH, 0n]);
    expect(await registry.sellableUnits(5)).to.equal(0n);
  });

  it("only the timelock sets methodologies and accredits verifiers (AccessControlUnauthorizedAccount)", async () => {
    const { registry, timelock, admin, alice, v1, outsider } = await networkHelpers.loadFixture(deployImpact);
    // Not the timelock's proposer, not a verifier, not anyone else: only the timelock itself.
    for (const who of [admin, alice, v1]) {
      await expect(registry.connect(who).setMethodology(5, 2, true, "Rogue"))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(who.address, DEFAULT_ADMIN_ROLE);
      await expect(registry.connect(who).grantRole(VERIFIER_ROLE, outsider.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(who.address, DEFAULT_ADMIN_ROLE);
      await expect(registry.connect(who).revokeRole(VERIFIER_ROLE, v1.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(who.address, DEFAULT_ADMIN_ROLE);
    }
    // Only the timelock's proposer may schedule a call on it.
    const data = registry.interface.encodeFunctionData("grantRole", [VERIFIER_ROLE, outsider.address]);
    await expect(timelock.connect(alice).schedule(await registry.getAddress(), 0, data, ZERO_HASH, ZERO_HASH, 0))
      .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, await timelock.PROPOSER_ROLE());
    expect(await registry.hasRole(VERIFIER_ROLE, outsider.address)).to.equal(false);
    // Through the timelock it works.
    const tx = viaTimelock(timelock, admin, await registry.getAddress(), data);
    await expect(tx)
      .to.emit(registry, "RoleGranted")
      .withArgs(VERIFIER_ROLE, outsider.address, await timelock.getAddress());
    await expect(tx).to.emit(registry, "VerifierSlotAssigned").withArgs(outsider.address, 3, 0);
    const m = registry.interface.encodeFunctionData("setMethodology", [5, 4, true, "Peatland rewetting v1"]);
    await expect(viaTimelock(timelock, admin, await registry.getAddress(), m))
      .to.emit(registry, "MethodologySet")
      .withArgs(5, 4, true, "Peatland rewetting v1");
  });

  it("setMethodology refuses id 0 and thresholds outside 1..16", async () => {
    const { registry, gov } = await networkHelpers.loadFixture(deployImpact);
    await expect(gov("setMethodology", [0, 2, true, "Zero"]))
      .to.be.revertedWithCustomError(registry, "UnknownMethodology")
      .withArgs(0);
    for (const k of [0, 17, 255]) {
      await expect(gov("setMethodology", [5, k, true, "Bad k"]))
        .to.be.revertedWithCustomError(registry, "InvalidThreshold")
        .withArgs(k, 16);
    }
    await expect(gov("setMethodology", [255, 16, true, "Panel of sixteen"]))
      .to.emit(registry, "MethodologySet")
      .withArgs(255, 16, true, "Panel of sixteen");
    expect(await registry.getMethodology(255)).to.deep.equal([16n, true, "Panel of sixteen"]);
  });

  it("a methodology change applies to claims submitted after it; a deactivated one takes no new claims", async () => {
    const { registry, gov, alice, v1, v2, day } = await networkHelpers.loadFixture(deployImpact);
    const before = await submit(registry, alice, claimInput(day)); // k = 2
    await gov("setMethodology", [1, 1, true, "Building heat-pump retrofit v2"]);
    const after = await submit(registry, alice, claimInput(day)); // k = 1
    expect((await registry.getClaim(before)).threshold).to.equal(2n);
    expect((await registry.getClaim(after)).threshold).to.equal(1n);
    await registry.connect(v1).attest(before, 100n, ZERO_HASH);
    await registry.connect(v1).attest(after, 100n, ZERO_HASH);
    expect((await registry.getClaim(before)).status).to.equal(Status.Submitted);
    expect((await registry.getClaim(after)).status).to.equal(Status.Verified);
    await gov("setMethodology", [1, 1, false, "Building heat-pump retrofit v2"]);
    await expect(registry.connect(alice).submitClaim(claimInput(day)))
      .to.be.revertedWithCustomError(registry, "UnknownMethodology")
      .withArgs(1);
    // A pending claim of a deactivated methodology can still be verified, with its own k.
    await expect(registry.connect(v2).attest(before, 90n, ZERO_HASH))
      .to.emit(registry, "ClaimVerified")
      .withArgs(before, alice.address, 90n);
  });

  it("a verifier keeps its slot while nobody else takes it; re-granted, its earlier votes still count as its own", async () => {
    const { registry, gov, alice, v3, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day, { methodologyId: 3 })); // k = 3
    await registry.connect(v3).attest(id, 100n, ZERO_HASH);
    await expect(gov("revokeRole", [VERIFIER_ROLE, v3.address]))
      .to.emit(registry, "VerifierSlotReleased")
      .withArgs(v3.address, 2);
    await expect(registry.connect(v3).attest(id, 100n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "NotVerifier")
      .withArgs(v3.address);
    await expect(registry.connect(v3).reject(id, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "NotVerifier")
      .withArgs(v3.address);
    expect(await registry.hasVoted(id, v3.address)).to.equal(true); // its earlier approval stands
    // Re-granted while its slot is free: the same slot, so it still counts as having voted.
    await expect(gov("grantRole", [VERIFIER_ROLE, v3.address]))
      .to.emit(registry, "VerifierSlotAssigned")
      .withArgs(v3.address, 2, 0);
    await expect(registry.connect(v3).attest(id, 100n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "AlreadyVoted")
      .withArgs(id, v3.address);
    // Granting a role already held changes nothing.
    await expect(gov("grantRole", [VERIFIER_ROLE, v3.address])).not.to.emit(registry, "RoleGranted");
    expect(await registry.verifierSlot(v3.address)).to.deep.equal([true, 2n, true, 0n]);
    expect(await registry.verifierSlot(alice.address)).to.deep.equal([false, 0n, false, 0n]);
    expect(await registry.hasVoted(id, alice.address)).to.equal(false); // never accredited: no slot
  });

  it("finding 6: a released slot goes to the next verifier, who votes only on claims submitted after it got the slot", async () => {
    const { registry, gov, alice, v1, v2, outsider, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day, { methodologyId: 3 })); // k = 3
    await registry.connect(v2).attest(id, 100n, ZERO_HASH);
    // v2 renounces: its slot 1 is released, with its approval of `id` in it.
    await expect(registry.connect(v2).renounceRole(VERIFIER_ROLE, v2.address))
      .to.emit(registry, "VerifierSlotReleased")
      .withArgs(v2.address, 1);
    await expect(registry.connect(v2).revoke(id, 1n, ZERO_HASH, ""))
      .to.be.revertedWithCustomError(registry, "NotVerifier")
      .withArgs(v2.address);
    // The outsider takes slot 1, and may vote only from claim 2 on: v2's bit on claim 1 is not its approval.
    await expect(gov("grantRole", [VERIFIER_ROLE, outsider.address]))
      .to.emit(registry, "VerifierSlotAssigned")
      .withArgs(outsider.address, 1, 2);
    expect(await registry.hasVoted(id, outsider.address)).to.equal(false);
    await expect(registry.connect(outsider).attest(id, 90n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "ClaimPredatesVerifier")
      .withArgs(id, outsider.address, 2);
    // v2 comes back: its slot is the outsider's now, so it gets a new one and cannot approve claim 1 a second time.
    await expect(gov("grantRole", [VERIFIER_ROLE, v2.address]))
      .to.emit(registry, "VerifierSlotAssigned")
      .withArgs(v2.address, 3, 2);
    await expect(registry.connect(v2).attest(id, 100n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "ClaimPredatesVerifier")
      .withArgs(id, v2.address, 2);
    expect((await registry.getClaim(id)).approvals).to.equal(1n);
    // hasVoted follows each verifier's tenure of a slot: v2's approval of claim 1 is v2's, not the outsider's.
    expect(await registry.hasVoted(id, v2.address)).to.equal(false); // v2 now votes through slot 3, from claim 2 on
    expect(await registry.verifierSlot(v2.address)).to.deep.equal([true, 3n, true, 2n]);
    // On a new claim both vote as usual.
    const next = await submit(registry, alice, claimInput(await today(), { methodologyId: 3 }));
    await registry.connect(outsider).attest(next, 100n, ZERO_HASH);
    await registry.connect(v2).attest(next, 100n, ZERO_HASH);
    expect([await registry.hasVoted(next, outsider.address), await registry.hasVoted(next, v2.address)]).to.deep.equal([
      true,
      true,
    ]);
    await expect(registry.connect(v1).attest(next, 100n, ZERO_HASH))
      .to.emit(registry, "ClaimVerified")
      .withArgs(next, alice.address, 100n);
  });

  it("finding 6: at most 192 verifiers at once (VerifierSlotsExhausted); a verifier who leaves frees its slot for the next", async () => {
    const { registry, registryAddress, timelock, admin, gov, alice, v1, v3 } =
      await networkHelpers.loadFixture(deployImpact);
    const grant = (a: string) => registry.interface.encodeFunctionData("grantRole", [VERIFIER_ROLE, a]);
    const addresses = Array.from({ length: 189 }, (_, i) =>
      ethers.getAddress(ethers.zeroPadValue(ethers.toBeHex(i + 0x1000), 20)),
    );
    for (let i = 0; i < addresses.length; i += 50) {
      const chunk = addresses.slice(i, i + 50);
      const salt = ethers.id(`slots ${i}`);
      const targets = chunk.map(() => registryAddress);
      const values = chunk.map(() => 0);
      const datas = chunk.map(grant);
      await timelock.connect(admin).scheduleBatch(targets, values, datas, ZERO_HASH, salt, ADMIN_DELAY);
      await networkHelpers.time.increase(ADMIN_DELAY);
      await timelock.connect(admin).executeBatch(targets, values, datas, ZERO_HASH, salt);
    }
    expect(await registry.hasRole(VERIFIER_ROLE, addresses[188])).to.equal(true);
    const extra = ethers.Wallet.createRandom().connect(ethers.provider);
    await expect(gov("grantRole", [VERIFIER_ROLE, extra.address]))
      .to.be.revertedWithCustomError(registry, "VerifierSlotsExhausted")
      .withArgs(192);
    // v3 approves a claim in progress, then leaves: its slot goes to `extra`, who cannot inherit that approval.
    const id = await submit(registry, alice, claimInput(await today(), { methodologyId: 3 })); // k = 3
    await registry.connect(v3).attest(id, 100n, ZERO_HASH);
    await gov("revokeRole", [VERIFIER_ROLE, v3.address]);
    await expect(gov("grantRole", [VERIFIER_ROLE, extra.address]))
      .to.emit(registry, "VerifierSlotAssigned")
      .withArgs(extra.address, 2, id + 1n);
    expect(await registry.hasVoted(id, extra.address)).to.equal(false);
    await v1.sendTransaction({ to: extra.address, value: ethers.parseEther("1") });
    await expect(registry.connect(extra).attest(id, 100n, ZERO_HASH))
      .to.be.revertedWithCustomError(registry, "ClaimPredatesVerifier")
      .withArgs(id, extra.address, id + 1n);
    // The bit of slot 2 on claim `id` stays v3's approval; on a newer claim it is the extra verifier's.
    const next = await submit(registry, alice, claimInput(await today(), { methodologyId: 3 }));
    await registry.connect(extra).attest(next, 100n, ZERO_HASH);
    expect([await registry.hasVoted(id, v3.address), await registry.hasVoted(next, v3.address)]).to.deep.equal([
      true,
      false,
    ]);
    expect(await registry.hasVoted(next, extra.address)).to.equal(true);
    // Now 192 are accredited again: v3 cannot come back until another leaves.
    await expect(gov("grantRole", [VERIFIER_ROLE, v3.address]))
      .to.be.revertedWithCustomError(registry, "VerifierSlotsExhausted")
      .withArgs(192);
  });
});
