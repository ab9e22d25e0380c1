import { expect } from "chai";
import { TypedDataEncoder } from "ethers";
import { contributionDomain, contributionTypesMutable } from "../../sdk/src/eip712.ts";
import { deployWithProject, ethers, input, latest, networkHelpers, signContribution, Status } from "./fixtures.ts";

describe("ContributionLedger · submissions and signatures", () => {
  it("records a direct submission by a member with every field evented", async () => {
    const { ledger, alice } = await networkHelpers.loadFixture(deployWithProject);
    const data = input({ quantity: 4n });
    const tx = await ledger.connect(alice).submit(data);
    const block = await ethers.provider.getBlock((await tx.wait())!.blockNumber);
    const closesAt = BigInt(block!.timestamp) + 7n * 24n * 3600n;
    await expect(tx)
      .to.emit(ledger, "ContributionSubmitted")
      .withArgs(1, 1, alice.address, 0, 4, data.evidenceHash, data.evidenceURI, closesAt, alice.address);
    const c = await ledger.getContribution(1);
    expect([
      c.contributor,
      c.status,
      c.evaluationCount,
      c.quorum,
      c.minScore,
      c.projectId,
      c.kindId,
      c.quantity,
      c.closesAt,
    ]).to.deep.equal([alice.address, Status.Pending, 0n, 2n, 5n, 1n, 0n, 4n, closesAt]);
    expect(await ledger.contributionCount()).to.equal(1n);
  });

  it("rejects bad submissions with named errors", async () => {
    const { ledger, alice, outsider } = await networkHelpers.loadFixture(deployWithProject);
    await expect(ledger.connect(outsider).submit(input()))
      .to.be.revertedWithCustomError(ledger, "NotMember")
      .withArgs(1, outsider.address);
    await expect(ledger.connect(outsider).submit(input({ projectId: 7n })))
      .to.be.revertedWithCustomError(ledger, "UnknownProject")
      .withArgs(7);
    await expect(ledger.connect(alice).submit(input({ kindId: 9 })))
      .to.be.revertedWithCustomError(ledger, "UnknownKind")
      .withArgs(1, 9);
    await expect(ledger.connect(alice).submit(input({ kindId: 2 })))
      .to.be.revertedWithCustomError(ledger, "UnknownKind")
      .withArgs(1, 2);
    await expect(ledger.connect(alice).submit(input({ quantity: 0n })))
      .to.be.revertedWithCustomError(ledger, "InvalidQuantity")
      .withArgs(0, 2n ** 64n - 1n);
    await expect(ledger.getContribution(5)).to.be.revertedWithCustomError(ledger, "UnknownContribution").withArgs(5);
  });

  it("the SDK's EIP-712 types produce exactly the contract's digest", async () => {
    const { ledger, alice } = await networkHelpers.loadFixture(deployWithProject);
    const data = input({ evidenceURI: "ipfs://bafy/ü-unicode" });
    const { chainId } = await ethers.provider.getNetwork();
    const domain = contributionDomain(chainId, (await ledger.getAddress()) as `0x${string}`);
    const message = { ...data, contributor: alice.address, nonce: 0n, deadline: 123n };
    const expected = TypedDataEncoder.hash(domain, contributionTypesMutable, message);
    expect(await ledger.contributionDigest(data, alice.address, 0, 123)).to.equal(expected);
    expect(await ledger.DOMAIN_SEPARATOR()).to.equal(TypedDataEncoder.hashDomain(domain));
  });

  it("anyone relays a signed contribution; the nonce is consumed", async () => {
    const { ledger, alice, outsider } = await networkHelpers.loadFixture(deployWithProject);
    const data = input();
    const deadline = (await latest()) + 3600n;
    const sig = await signContribution(await ledger.getAddress(), alice, data, 0n, deadline);
    await expect(ledger.connect(outsider).submitSigned(data, alice.address, 0, deadline, sig))
      .to.emit(ledger, "ContributionSubmitted")
      .withArgs(
        1,
        1,
        alice.address,
        0,
        3,
        data.evidenceHash,
        data.evidenceURI,
        (v: bigint) => v > 0n,
        outsider.address,
      );
    expect(await ledger.nonces(1, alice.address)).to.equal(1n);
    expect((await ledger.getContribution(1)).contributor).to.equal(alice.address);
  });

  it("refuses a replayed signature", async () => {
    const { ledger, alice, outsider } = await networkHelpers.loadFixture(deployWithProject);
    const data = input();
    const deadline = (await latest()) + 3600n;
    const sig = await signContribution(await ledger.getAddress(), alice, data, 0n, deadline);
    await ledger.connect(outsider).submitSigned(data, alice.address, 0, deadline, sig);
    await expect(ledger.connect(outsider).submitSigned(data, alice.address, 0, deadline, sig))
      .to.be.revertedWithCustomError(ledger, "InvalidNonce")
      .withArgs(alice.address, 1, 0);
  });

  it("refuses an expired signature", async () => {
    const { ledger, alice } = await networkHelpers.loadFixture(deployWithProject);
    const data = input();
    const deadline = (await latest()) + 60n;
    const sig = await signContribution(await ledger.getAddress(), alice, data, 0n, deadline);
    await networkHelpers.time.increase(61);
    await expect(ledger.submitSigned(data, alice.address, 0, deadline, sig))
      .to.be.revertedWithCustomError(ledger, "SignatureExpired")
      .withArgs(deadline, (v: bigint) => v > deadline);
  });

  it("refuses a signature for another chain, another contract, a wrong signer or altered data", async () => {
    const { ledger, alice, bob } = await networkHelpers.loadFixture(deployWithProject);
    const data = input();
    const deadline = (await latest()) + 3600n;
    const addr = await ledger.getAddress();
    const otherChain = await signContribution(addr, alice, data, 0n, deadline, 1n);
    const otherContract = await signContribution(ethers.Wallet.createRandom().address, alice, data, 0n, deadline);
    const wrongSigner = await signContribution(addr, bob, data, 0n, deadline);
    const good = await signContribution(addr, alice, data, 0n, deadline);
    for (const sig of [otherChain, otherContract, wrongSigner, "0x1234"]) {
      await expect(ledger.submitSigned(data, alice.address, 0, deadline, sig))
        .to.be.revertedWithCustomError(ledger, "InvalidSignature")
        .withArgs(alice.address);
    }
    await expect(
      ledger.submitSigned({ ...data, quantity: 300n }, alice.address, 0, deadline, good),
    ).to.be.revertedWithCustomError(ledger, "InvalidSignature");
    await expect(ledger.submitSigned(data, alice.address, 0, deadline + 1n, good)).to.be.revertedWithCustomError(
      ledger,
      "InvalidSignature",
    );
  });

  it("refuses a valid signature from a non-member, and nonces are per project", async () => {
    const { ledger, coordinator, alice, outsider } = await networkHelpers.loadFixture(deployWithProject);
    const data = input();
    const deadline = (await latest()) + 3600n;
    const sig = await signContribution(await ledger.getAddress(), outsider, data, 0n, deadline);
    await expect(ledger.submitSigned(data, outsider.address, 0, deadline, sig))
      .to.be.revertedWithCustomError(ledger, "NotMember")
      .withArgs(1, outsider.address);
    const unknown = input({ projectId: 5n });
    const sig2 = await signContribution(await ledger.getAddress(), outsider, unknown, 0n, deadline);
    await expect(ledger.submitSigned(unknown, outsider.address, 0, deadline, sig2))
      .to.be.revertedWithCustomError(ledger, "UnknownProject")
      .withArgs(5);

    await ledger
      .connect(coordinator)
      .createProject("Second", "", { quorum: 1, evaluationWindow: 3600, minScore: 1 }, ["x"], [1]);
    await ledger.connect(coordinator).grantRole(2, alice.address, 1);
    const a1 = await signContribution(await ledger.getAddress(), alice, data, 0n, deadline);
    await ledger.submitSigned(data, alice.address, 0, deadline, a1);
    const data2 = input({ projectId: 2n });
    const a2 = await signContribution(await ledger.getAddress(), alice, data2, 0n, deadline);
    await ledger.submitSigned(data2, alice.address, 0, deadline, a2);
    expect([await ledger.nonces(1, alice.address), await ledger.nonces(2, alice.address)]).to.deep.equal([1n, 1n]);
  });

  it("accepts ERC-1271 signatures from contract wallets (e.g. a co-op's multisig)", async () => {
    const { ledger, coordinator, alice } = await networkHelpers.loadFixture(deployWithProject);
    const owner = ethers.Wallet.createRandom();
    const wallet = await ethers.deployContract("MockERC1271Wallet", [owner.address]);
    const walletAddress = await wallet.getAddress();
    await ledger.connect(coordinator).grantRole(1, walletAddress, 1);
    const data = input();
    const deadline = (await latest()) + 3600n;
    const { chainId } = await ethers.provider.getNetwork();
    const digest = TypedDataEncoder.hash(
      contributionDomain(chainId, (await ledger.getAddress()) as `0x${string}`),
      contributionTypesMutable,
      {
        ...data,
        contributor: walletAddress,
        nonce: 0n,
        deadline,
      },
    );
    const sig = owner.signingKey.sign(digest).serialized;
    await expect(ledger.submitSigned(data, walletAddress, 0, deadline, sig)).to.emit(ledger, "ContributionSubmitted");
    const forged = ethers.Wallet.createRandom().signingKey.sign(digest).serialized;
    await expect(ledger.submitSigned(data, walletAddress, 1, deadline, forged))
      .to.be.revertedWithCustomError(ledger, "InvalidSignature")
      .withArgs(walletAddress);
  });

  describe("finding 9: withdrawing signed contributions (cancelSignatures)", () => {
    it("finding 9: a contributor cancels its outstanding signed contribution, and the withheld signature can no longer be submitted", async () => {
      const { ledger, alice, outsider } = await networkHelpers.loadFixture(deployWithProject);
      const data = input();
      const deadline = (await latest()) + 3600n;
      const withheld = await signContribution(await ledger.getAddress(), alice, data, 0n, deadline);
      await expect(ledger.connect(alice).cancelSignatures(1, 0))
        .to.emit(ledger, "NoncesCancelled")
        .withArgs(1, alice.address, 0, 1);
      expect(await ledger.nonces(1, alice.address)).to.equal(1n);
      await expect(ledger.connect(outsider).submitSigned(data, alice.address, 0, deadline, withheld))
        .to.be.revertedWithCustomError(ledger, "InvalidNonce")
        .withArgs(alice.address, 1, 0);
      // a new signature with the next nonce goes through
      const next = await signContribution(await ledger.getAddress(), alice, data, 1n, deadline);
      await expect(ledger.connect(outsider).submitSigned(data, alice.address, 1, deadline, next)).to.emit(
        ledger,
        "ContributionSubmitted",
      );
      expect(await ledger.contributionCount()).to.equal(1n);
    });

    it("finding 9: one cancellation voids several outstanding signatures at once, in one project only", async () => {
      const { ledger, coordinator, alice } = await networkHelpers.loadFixture(deployWithProject);
      await ledger
        .connect(coordinator)
        .createProject("Second", "", { quorum: 1, evaluationWindow: 3600, minScore: 1 }, ["x"], [1]);
      await ledger.connect(coordinator).grantRole(2, alice.address, 1);
      const data = input();
      const deadline = (await latest()) + 3600n;
      const addr = await ledger.getAddress();
      const sigs = [0n, 1n, 2n].map((n) => signContribution(addr, alice, data, n, deadline));
      await expect(ledger.connect(alice).cancelSignatures(1, 2))
        .to.emit(ledger, "NoncesCancelled")
        .withArgs(1, alice.address, 0, 3);
      for (const [n, sig] of sigs.entries()) {
        await expect(ledger.submitSigned(data, alice.address, n, deadline, await sig))
          .to.be.revertedWithCustomError(ledger, "InvalidNonce")
          .withArgs(alice.address, 3, n);
      }
      expect([await ledger.nonces(1, alice.address), await ledger.nonces(2, alice.address)]).to.deep.equal([3n, 0n]);
      const other = input({ projectId: 2n });
      await expect(
        ledger.submitSigned(
          other,
          alice.address,
          0,
          deadline,
          await signContribution(addr, alice, other, 0n, deadline),
        ),
      ).to.emit(ledger, "ContributionSubmitted");
    });

    it("finding 9: cancelling refuses used nonces, the last nonce and unknown projects", async () => {
      const { ledger, alice, outsider } = await networkHelpers.loadFixture(deployWithProject);
      await ledger.connect(alice).cancelSignatures(1, 4);
      await expect(ledger.connect(alice).cancelSignatures(1, 4))
        .to.be.revertedWithCustomError(ledger, "InvalidNonceCancellation")
        .withArgs(1, alice.address, 4, 5);
      await expect(ledger.connect(alice).cancelSignatures(1, 2n ** 64n - 1n))
        .to.be.revertedWithCustomError(ledger, "InvalidNonceCancellation")
        .withArgs(1, alice.address, 2n ** 64n - 1n, 5);
      await expect(ledger.connect(alice).cancelSignatures(9, 0))
        .to.be.revertedWithCustomError(ledger, "UnknownProject")
        .withArgs(9);
      // a non-member may void its own signatures too (they would be refused today, but not after a grant)
      await expect(ledger.connect(outsider).cancelSignatures(1, 0))
        .to.emit(ledger, "NoncesCancelled")
        .withArgs(1, outsider.address, 0, 1);
    });
  });
});
