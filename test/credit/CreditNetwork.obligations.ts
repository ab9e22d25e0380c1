import { expect } from "chai";
import { TypedDataEncoder } from "ethers";
import {
  creditDomain,
  CREDIT_DOMAIN_NAME,
  CREDIT_DOMAIN_VERSION,
  obligationTypesMutable,
} from "../../sdk/src/eip712.ts";
import {
  deployWithMembers,
  ethers,
  latest,
  MAX_HOPS,
  MAX_OBLIGATION,
  memo,
  networkHelpers,
  ObligationStatus,
  openLine,
  openObligation,
  keyedNonce,
  ref,
  signTerms,
  termsFor,
  u,
} from "./fixtures.ts";

const DUE = 1_900_000_000n;
const MAX_UINT40 = 2n ** 40n - 1n;

describe("CreditNetwork · obligations", () => {
  describe("two-step record and accept", () => {
    it("the creditor invoices, the debtor accepts: only then positions and totals move", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      await expect(network.connect(bob).recordObligation(alice.address, bob.address, u(100), DUE, ref("INV-1")))
        .to.emit(network, "ObligationRecorded")
        .withArgs(1, alice.address, bob.address, u(100), DUE, ref("INV-1"), bob.address);
      expect(await network.obligationCount()).to.equal(1n);
      expect(await network.obligation(1)).to.deep.equal([
        alice.address,
        bob.address,
        u(100),
        u(100),
        DUE,
        ObligationStatus.Proposed,
        bob.address,
        0n,
      ]);
      expect(await network.outstanding()).to.equal(0n);
      expect(await network.netPosition(alice.address)).to.equal(0n);

      await expect(network.connect(alice).acceptObligation(1))
        .to.emit(network, "ObligationAccepted")
        .withArgs(1, alice.address);
      const o = await network.obligation(1);
      expect(o.status).to.equal(ObligationStatus.Open);
      expect(o.remaining).to.equal(u(100));
      expect(await network.outstanding()).to.equal(u(100));
      expect(await network.netPosition(alice.address)).to.equal(-u(100));
      expect(await network.netPosition(bob.address)).to.equal(u(100));
      expect(await network.netInternalDebt()).to.equal(u(100));
    });

    it("the debtor acknowledges a debt, the creditor accepts", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      await expect(network.connect(alice).recordObligation(alice.address, bob.address, u(7), 0, ethers.ZeroHash))
        .to.emit(network, "ObligationRecorded")
        .withArgs(1, alice.address, bob.address, u(7), 0, ethers.ZeroHash, alice.address);
      expect((await network.obligation(1)).proposer).to.equal(alice.address);
      await expect(network.connect(alice).acceptObligation(1))
        .to.be.revertedWithCustomError(network, "ProposerCannotAccept")
        .withArgs(1, alice.address);
      await expect(network.connect(bob).acceptObligation(1))
        .to.emit(network, "ObligationAccepted")
        .withArgs(1, bob.address);
      expect(await network.netPosition(bob.address)).to.equal(u(7));
      // the view keeps naming who recorded it after acceptance, for both directions
      expect((await network.obligation(1)).proposer).to.equal(alice.address);
      await network.connect(bob).recordObligation(alice.address, bob.address, u(3), 0, ethers.ZeroHash);
      await network.connect(alice).acceptObligation(2);
      expect((await network.obligation(2)).proposer).to.equal(bob.address);
      // cancel requests and the proposer flag do not mix
      await network.connect(alice).cancelObligation(2);
      const o = await network.obligation(2);
      expect([o.proposer, o.cancelRequestedBy]).to.deep.equal([bob.address, 1n]);
    });

    it("only the other party accepts, only a proposed obligation", async () => {
      const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
      await network.connect(bob).recordObligation(alice.address, bob.address, u(5), 0, ethers.ZeroHash);
      await expect(network.connect(bob).acceptObligation(1))
        .to.be.revertedWithCustomError(network, "ProposerCannotAccept")
        .withArgs(1, bob.address);
      await expect(network.connect(carol).acceptObligation(1))
        .to.be.revertedWithCustomError(network, "NotParty")
        .withArgs(carol.address, alice.address, bob.address);
      await network.connect(alice).recordObligation(alice.address, bob.address, u(5), 0, ethers.ZeroHash);
      await expect(network.connect(carol).acceptObligation(2))
        .to.be.revertedWithCustomError(network, "NotParty")
        .withArgs(carol.address, alice.address, bob.address);
      await network.connect(alice).acceptObligation(1);
      await expect(network.connect(alice).acceptObligation(1))
        .to.be.revertedWithCustomError(network, "WrongObligationStatus")
        .withArgs(1, ObligationStatus.Open, ObligationStatus.Proposed);
      await network.connect(alice).cancelObligation(2);
      await expect(network.connect(bob).acceptObligation(2))
        .to.be.revertedWithCustomError(network, "WrongObligationStatus")
        .withArgs(2, ObligationStatus.Cancelled, ObligationStatus.Proposed);
      await expect(network.connect(bob).acceptObligation(3))
        .to.be.revertedWithCustomError(network, "UnknownObligation")
        .withArgs(3);
    });

    it("a party suspended after the proposal blocks its acceptance", async () => {
      const { network, steward, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      await network.connect(bob).recordObligation(alice.address, bob.address, u(5), 0, ethers.ZeroHash);
      await network.connect(steward).suspendMember(bob.address);
      await expect(network.connect(alice).acceptObligation(1))
        .to.be.revertedWithCustomError(network, "MemberIsSuspended")
        .withArgs(bob.address);
      await network.connect(steward).reinstateMember(bob.address);
      await network.connect(steward).suspendMember(alice.address);
      await expect(network.connect(alice).acceptObligation(1))
        .to.be.revertedWithCustomError(network, "MemberIsSuspended")
        .withArgs(alice.address);
    });

    it("refuses third parties, self-dealing, non-members, zero and too large amounts or due dates", async () => {
      const { network, steward, alice, bob, carol, outsider } = await networkHelpers.loadFixture(deployWithMembers);
      const rec = (debtor: string, creditor: string, amount: bigint, due = 0n) =>
        network.connect(alice).recordObligation(debtor, creditor, amount, due, ethers.ZeroHash);
      await expect(network.connect(carol).recordObligation(alice.address, bob.address, 1n, 0, ethers.ZeroHash))
        .to.be.revertedWithCustomError(network, "NotParty")
        .withArgs(carol.address, alice.address, bob.address);
      await expect(rec(alice.address, alice.address, 1n))
        .to.be.revertedWithCustomError(network, "SelfDealing")
        .withArgs(alice.address);
      await expect(rec(alice.address, outsider.address, 1n))
        .to.be.revertedWithCustomError(network, "NotNetworkMember")
        .withArgs(outsider.address);
      await expect(network.connect(outsider).recordObligation(outsider.address, alice.address, 1n, 0, ethers.ZeroHash))
        .to.be.revertedWithCustomError(network, "NotNetworkMember")
        .withArgs(outsider.address);
      await expect(rec(alice.address, bob.address, 0n)).to.be.revertedWithCustomError(network, "ZeroAmount");
      await expect(rec(alice.address, bob.address, MAX_OBLIGATION + 1n))
        .to.be.revertedWithCustomError(network, "AmountTooLarge")
        .withArgs(MAX_OBLIGATION + 1n, MAX_OBLIGATION);
      await expect(rec(alice.address, bob.address, 1n, MAX_UINT40 + 1n))
        .to.be.revertedWithCustomError(network, "AmountTooLarge")
        .withArgs(MAX_UINT40 + 1n, MAX_UINT40);
      await expect(rec(bob.address, alice.address, MAX_OBLIGATION, MAX_UINT40)).to.emit(network, "ObligationRecorded");
      await network.connect(steward).suspendMember(bob.address);
      await expect(rec(alice.address, bob.address, 1n))
        .to.be.revertedWithCustomError(network, "MemberIsSuspended")
        .withArgs(bob.address);
    });
  });

  describe("signed terms (EIP-712)", () => {
    it("the SDK's domain and types give exactly the contract's digest", async () => {
      const { network, steward, bob } = await networkHelpers.loadFixture(deployWithMembers);
      const { chainId } = await ethers.provider.getNetwork();
      const address = await network.getAddress();
      const domain = creditDomain(chainId, address as `0x${string}`);
      const d = await network.eip712Domain();
      expect([d.name, d.version, d.chainId, d.verifyingContract]).to.deep.equal([
        CREDIT_DOMAIN_NAME,
        CREDIT_DOMAIN_VERSION,
        chainId,
        address,
      ]);
      expect(await network.OBLIGATION_TYPEHASH()).to.equal(
        ethers.id(TypedDataEncoder.from(obligationTypesMutable).encodeType("ObligationTerms")),
      );

      // A raw key signs the digest computed off-chain (no signTypedData): the contract accepts it, so its digest is
      // the same.
      const wallet = new ethers.Wallet(ethers.id("credit digest signer"));
      await network.connect(steward).admitMember(wallet.address);
      const terms = await termsFor(network, wallet, bob, u(42), wallet, { ref: ref("INV-digest") });
      const digest = TypedDataEncoder.hash(domain, obligationTypesMutable, terms);
      const signature = wallet.signingKey.sign(digest).serialized;
      await expect(network.connect(bob).recordSignedObligation(terms, signature))
        .to.emit(network, "ObligationAccepted")
        .withArgs(1, wallet.address);
      expect((await network.obligation(1)).proposer).to.equal(wallet.address); // the signer recorded the terms
      // the same signature over a digest of another chain id is refused
      const other = TypedDataEncoder.hash(
        creditDomain(chainId + 1n, address as `0x${string}`),
        obligationTypesMutable,
        { ...terms, nonce: keyedNonce(bob.address, 1n) },
      );
      await expect(
        network
          .connect(bob)
          .recordSignedObligation(
            { ...terms, nonce: keyedNonce(bob.address, 1n) },
            wallet.signingKey.sign(other).serialized,
          ),
      )
        .to.be.revertedWithCustomError(network, "InvalidSignature")
        .withArgs(wallet.address);
    });

    it("the debtor signs, the creditor records: Open at once, the debtor's nonce towards the creditor is used", async () => {
      const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
      const terms = await termsFor(network, alice, bob, u(250), alice);
      const sig = await signTerms(network, alice, terms);
      const tx = network.connect(bob).recordSignedObligation(terms, sig);
      await expect(tx)
        .to.emit(network, "ObligationRecorded")
        .withArgs(1, alice.address, bob.address, u(250), terms.dueDate, terms.ref, alice.address);
      await expect(tx).to.emit(network, "ObligationAccepted").withArgs(1, alice.address);
      const o = await network.obligation(1);
      expect([o.debtor, o.creditor, o.amount, o.remaining, o.dueDate, o.status]).to.deep.equal([
        alice.address,
        bob.address,
        u(250),
        u(250),
        terms.dueDate,
        ObligationStatus.Open,
      ]);
      expect(terms.nonce).to.equal(keyedNonce(bob.address, 0n));
      expect(await network.signatureNonce(alice.address, bob.address)).to.equal(keyedNonce(bob.address, 1n));
      expect(await network.signatureNonce(bob.address, alice.address)).to.equal(keyedNonce(alice.address, 0n));
      expect(await network.signatureNonce(alice.address, carol.address)).to.equal(keyedNonce(carol.address, 0n));
      expect(await network.outstanding()).to.equal(u(250));
      expect(await network.netPosition(alice.address)).to.equal(-u(250));
    });

    it("the creditor signs, the debtor records", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      const terms = await termsFor(network, alice, bob, u(9), bob);
      await expect(network.connect(alice).recordSignedObligation(terms, await signTerms(network, bob, terms)))
        .to.emit(network, "ObligationAccepted")
        .withArgs(1, bob.address);
      expect(await network.signatureNonce(bob.address, alice.address)).to.equal(keyedNonce(alice.address, 1n));
      expect(await network.netPosition(bob.address)).to.equal(u(9));
    });

    it("a signature is used once: replays and skipped nonces are refused (CN-6)", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      const terms = await termsFor(network, alice, bob, u(1), alice);
      const sig = await signTerms(network, alice, terms);
      await network.connect(bob).recordSignedObligation(terms, sig);
      await expect(network.connect(bob).recordSignedObligation(terms, sig))
        .to.be.revertedWithCustomError(network, "InvalidAccountNonce")
        .withArgs(alice.address, keyedNonce(bob.address, 1n));
      const ahead = { ...terms, nonce: keyedNonce(bob.address, 5n) };
      await expect(network.connect(bob).recordSignedObligation(ahead, await signTerms(network, alice, ahead)))
        .to.be.revertedWithCustomError(network, "InvalidAccountNonce")
        .withArgs(alice.address, keyedNonce(bob.address, 1n));
      expect(await network.obligationCount()).to.equal(1n);
    });

    it("refuses expired terms; the deadline itself is still valid (CN-6)", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      const deadline = (await latest()) + 100n;
      const terms = await termsFor(network, alice, bob, u(1), alice, { deadline });
      const sig = await signTerms(network, alice, terms);
      await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
      await expect(network.connect(bob).recordSignedObligation(terms, sig))
        .to.be.revertedWithCustomError(network, "SignatureExpired")
        .withArgs(deadline, deadline + 1n);

      const later = (await latest()) + 100n;
      const onTime = await termsFor(network, alice, bob, u(1), alice, { deadline: later });
      const sig2 = await signTerms(network, alice, onTime);
      await networkHelpers.time.setNextBlockTimestamp(later);
      await expect(network.connect(bob).recordSignedObligation(onTime, sig2)).to.emit(network, "ObligationAccepted");
    });

    it("refuses a wrong signer, tampered terms, a third-party submitter and signing for oneself", async () => {
      const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
      const terms = await termsFor(network, alice, bob, u(10), alice);
      await expect(network.connect(bob).recordSignedObligation(terms, await signTerms(network, carol, terms)))
        .to.be.revertedWithCustomError(network, "InvalidSignature")
        .withArgs(alice.address);
      const sig = await signTerms(network, alice, terms);
      await expect(network.connect(bob).recordSignedObligation({ ...terms, amount: u(11) }, sig))
        .to.be.revertedWithCustomError(network, "InvalidSignature")
        .withArgs(alice.address);
      await expect(network.connect(bob).recordSignedObligation(terms, "0x1234"))
        .to.be.revertedWithCustomError(network, "InvalidSignature")
        .withArgs(alice.address);
      await expect(network.connect(carol).recordSignedObligation(terms, sig))
        .to.be.revertedWithCustomError(network, "NotParty")
        .withArgs(carol.address, alice.address, bob.address);
      // alice signed: she cannot submit her own signature (the signer must be the other party, bob)
      await expect(network.connect(alice).recordSignedObligation(terms, sig))
        .to.be.revertedWithCustomError(network, "InvalidSignature")
        .withArgs(bob.address);
      expect(await network.signatureNonce(alice.address, bob.address)).to.equal(keyedNonce(bob.address, 0n));
    });

    it("validates signed terms like recorded ones", async () => {
      const { network, alice, bob, outsider } = await networkHelpers.loadFixture(deployWithMembers);
      const zero = await termsFor(network, alice, bob, 0n, alice);
      await expect(
        network.connect(bob).recordSignedObligation(zero, await signTerms(network, alice, zero)),
      ).to.be.revertedWithCustomError(network, "ZeroAmount");
      const outsiderTerms = await termsFor(network, outsider, bob, u(1), outsider);
      await expect(
        network.connect(bob).recordSignedObligation(outsiderTerms, await signTerms(network, outsider, outsiderTerms)),
      )
        .to.be.revertedWithCustomError(network, "NotNetworkMember")
        .withArgs(outsider.address);
      const self = await termsFor(network, bob, bob, u(1), bob);
      await expect(network.connect(bob).recordSignedObligation(self, await signTerms(network, bob, self)))
        .to.be.revertedWithCustomError(network, "SelfDealing")
        .withArgs(bob.address);
    });

    it("a contract wallet (ERC-1271) signs as debtor", async () => {
      const { network, steward, bob, carol, dave } = await networkHelpers.loadFixture(deployWithMembers);
      const wallet = await ethers.deployContract("MockERC1271Wallet", [carol.address]);
      const walletAddress = await wallet.getAddress();
      await network.connect(steward).admitMember(walletAddress);
      const terms = await termsFor(network, { address: walletAddress }, bob, u(33), { address: walletAddress });
      // its owner's signature over the EIP-712 digest is the wallet's signature
      await expect(network.connect(bob).recordSignedObligation(terms, await signTerms(network, dave, terms)))
        .to.be.revertedWithCustomError(network, "InvalidSignature")
        .withArgs(walletAddress);
      const tx = network.connect(bob).recordSignedObligation(terms, await signTerms(network, carol, terms));
      await expect(tx)
        .to.emit(network, "ObligationRecorded")
        .withArgs(1, walletAddress, bob.address, u(33), terms.dueDate, terms.ref, walletAddress);
      await expect(tx).to.emit(network, "ObligationAccepted").withArgs(1, walletAddress);
      expect(await network.signatureNonce(walletAddress, bob.address)).to.equal(keyedNonce(bob.address, 1n));
      expect(await network.netPosition(walletAddress)).to.equal(-u(33));
    });
  });

  describe("finding 9: withdrawing signed terms (keyed nonces, cancelNonce)", () => {
    it("finding 9: a signer cancels an outstanding obligation nonce, and the withheld signature can no longer be recorded", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      const withheld = await termsFor(network, alice, bob, u(40), alice, { ref: ref("INV-withheld") });
      const sig = await signTerms(network, alice, withheld);
      await expect(network.connect(alice).cancelNonce(bob.address, withheld.nonce))
        .to.emit(network, "NonceCancelled")
        .withArgs(alice.address, bob.address, withheld.nonce);
      expect(await network.signatureNonce(alice.address, bob.address)).to.equal(keyedNonce(bob.address, 1n));
      await expect(network.connect(bob).recordSignedObligation(withheld, sig))
        .to.be.revertedWithCustomError(network, "InvalidAccountNonce")
        .withArgs(alice.address, keyedNonce(bob.address, 1n));
      // the signer's next terms to bob carry the next nonce and are recorded as usual
      const next = await termsFor(network, alice, bob, u(41), alice);
      expect(next.nonce).to.equal(keyedNonce(bob.address, 1n));
      await expect(network.connect(bob).recordSignedObligation(next, await signTerms(network, alice, next)))
        .to.emit(network, "ObligationAccepted")
        .withArgs(1, alice.address);
      expect(await network.obligationCount()).to.equal(1n);
    });

    it("finding 9: a counterparty who withholds signed terms no longer blocks the signer's terms to other counterparties", async () => {
      const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
      const toBob = await termsFor(network, alice, bob, u(5), alice);
      await signTerms(network, alice, toBob); // bob keeps it and never records it
      const toCarol = await termsFor(network, alice, carol, u(6), alice);
      expect(toCarol.nonce).to.equal(keyedNonce(carol.address, 0n));
      await expect(network.connect(carol).recordSignedObligation(toCarol, await signTerms(network, alice, toCarol)))
        .to.emit(network, "ObligationAccepted")
        .withArgs(1, alice.address);
      // bob's withheld terms are untouched by the terms carol recorded (still valid until cancelled or expired)
      expect(await network.signatureNonce(alice.address, bob.address)).to.equal(toBob.nonce);
      expect(await network.signatureNonce(alice.address, carol.address)).to.equal(keyedNonce(carol.address, 1n));
    });

    it("finding 9: terms whose nonce is keyed to another counterparty are refused", async () => {
      const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
      // alice signs terms for bob with the nonce of her terms to carol: bob cannot record them
      const terms = await termsFor(network, alice, bob, u(5), alice, { nonce: keyedNonce(carol.address, 0n) });
      await expect(network.connect(bob).recordSignedObligation(terms, await signTerms(network, alice, terms)))
        .to.be.revertedWithCustomError(network, "NonceKeyMismatch")
        .withArgs(alice.address, bob.address, keyedNonce(carol.address, 0n));
      // the plain (unkeyed) nonce 0 is refused too
      const plain = { ...terms, nonce: 0n };
      await expect(network.connect(bob).recordSignedObligation(plain, await signTerms(network, alice, plain)))
        .to.be.revertedWithCustomError(network, "NonceKeyMismatch")
        .withArgs(alice.address, bob.address, 0n);
    });

    it("finding 9: only the next nonce can be cancelled, once; cancelling towards one counterparty leaves the others", async () => {
      const { network, alice, bob, carol, outsider } = await networkHelpers.loadFixture(deployWithMembers);
      const first = keyedNonce(bob.address, 0n);
      await expect(network.connect(alice).cancelNonce(bob.address, keyedNonce(bob.address, 1n)))
        .to.be.revertedWithCustomError(network, "NonceNotNext")
        .withArgs(alice.address, bob.address, keyedNonce(bob.address, 1n), first);
      await expect(network.connect(alice).cancelNonce(bob.address, keyedNonce(carol.address, 0n)))
        .to.be.revertedWithCustomError(network, "NonceNotNext")
        .withArgs(alice.address, bob.address, keyedNonce(carol.address, 0n), first);
      await network.connect(alice).cancelNonce(bob.address, first);
      await expect(network.connect(alice).cancelNonce(bob.address, first))
        .to.be.revertedWithCustomError(network, "NonceNotNext")
        .withArgs(alice.address, bob.address, first, keyedNonce(bob.address, 1n));
      await expect(network.connect(alice).cancelNonce(bob.address, keyedNonce(bob.address, 1n)))
        .to.emit(network, "NonceCancelled")
        .withArgs(alice.address, bob.address, keyedNonce(bob.address, 1n));
      expect(await network.signatureNonce(alice.address, bob.address)).to.equal(keyedNonce(bob.address, 2n));
      expect(await network.signatureNonce(alice.address, carol.address)).to.equal(keyedNonce(carol.address, 0n));
      expect(await network.signatureNonce(bob.address, alice.address)).to.equal(keyedNonce(alice.address, 0n));
      // anyone may cancel their own nonces, member or not: it only voids their own signatures
      await expect(network.connect(outsider).cancelNonce(bob.address, keyedNonce(bob.address, 0n)))
        .to.emit(network, "NonceCancelled")
        .withArgs(outsider.address, bob.address, keyedNonce(bob.address, 0n));
    });
  });

  describe("cancellation", () => {
    it("a proposed obligation is withdrawn or declined at once by either party", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      await network.connect(bob).recordObligation(alice.address, bob.address, u(5), 0, ethers.ZeroHash);
      await network.connect(alice).recordObligation(alice.address, bob.address, u(6), 0, ethers.ZeroHash);
      await expect(network.connect(bob).cancelObligation(1))
        .to.emit(network, "ObligationCancelled")
        .withArgs(1, u(5))
        .and.not.to.emit(network, "ObligationCancelRequested");
      await expect(network.connect(bob).cancelObligation(2)).to.emit(network, "ObligationCancelled").withArgs(2, u(6));
      expect((await network.obligation(1)).status).to.equal(ObligationStatus.Cancelled);
      expect((await network.obligation(2)).status).to.equal(ObligationStatus.Cancelled);
      expect(await network.outstanding()).to.equal(0n);
    });

    it("an open obligation is cancelled by mutual consent, restoring positions and totals", async () => {
      const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
      const id = await openObligation(network, alice, bob, u(80));
      await expect(network.connect(carol).cancelObligation(id))
        .to.be.revertedWithCustomError(network, "NotParty")
        .withArgs(carol.address, alice.address, bob.address);
      await expect(network.connect(alice).cancelObligation(id))
        .to.emit(network, "ObligationCancelRequested")
        .withArgs(id, alice.address)
        .and.not.to.emit(network, "ObligationCancelled");
      expect((await network.obligation(id)).cancelRequestedBy).to.equal(1n);
      await expect(network.connect(alice).cancelObligation(id))
        .to.be.revertedWithCustomError(network, "CancelAlreadyRequested")
        .withArgs(id, alice.address);
      expect(await network.outstanding()).to.equal(u(80));

      const tx = network.connect(bob).cancelObligation(id);
      await expect(tx).to.emit(network, "ObligationCancelRequested").withArgs(id, bob.address);
      await expect(tx).to.emit(network, "ObligationCancelled").withArgs(id, u(80));
      const o = await network.obligation(id);
      expect([o.status, o.cancelRequestedBy, o.remaining]).to.deep.equal([ObligationStatus.Cancelled, 3n, u(80)]);
      expect(await network.outstanding()).to.equal(0n);
      expect(await network.netPosition(alice.address)).to.equal(0n);
      expect(await network.netPosition(bob.address)).to.equal(0n);
      expect(await network.netInternalDebt()).to.equal(0n);
      await expect(network.connect(alice).cancelObligation(id))
        .to.be.revertedWithCustomError(network, "WrongObligationStatus")
        .withArgs(id, ObligationStatus.Cancelled, ObligationStatus.Open);
    });

    it("the creditor may ask first; the remaining (not the amount) is cancelled; settled ones cannot be", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      await openLine(network, bob, alice, u(100));
      const id = await openObligation(network, alice, bob, u(80));
      await network.connect(bob).cancelObligation(id);
      expect((await network.obligation(id)).cancelRequestedBy).to.equal(2n);
      await expect(network.connect(bob).cancelObligation(id))
        .to.be.revertedWithCustomError(network, "CancelAlreadyRequested")
        .withArgs(id, bob.address);
      await network.connect(alice).payObligation(id, u(30), [bob.address]);
      await expect(network.connect(alice).cancelObligation(id))
        .to.emit(network, "ObligationCancelled")
        .withArgs(id, u(50));
      expect(await network.outstanding()).to.equal(0n);

      const settled = await openObligation(network, alice, bob, u(10));
      await network.connect(alice).payObligation(settled, u(10), [bob.address]);
      expect((await network.obligation(settled)).status).to.equal(ObligationStatus.Settled);
      await expect(network.connect(bob).cancelObligation(settled))
        .to.be.revertedWithCustomError(network, "WrongObligationStatus")
        .withArgs(settled, ObligationStatus.Settled, ObligationStatus.Open);
      await expect(network.connect(bob).cancelObligation(99))
        .to.be.revertedWithCustomError(network, "UnknownObligation")
        .withArgs(99);
    });
  });

  describe("payment on the credit network", () => {
    it("the debtor pays directly: the obligation shrinks, credit balances move, then it is Settled", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      await openLine(network, bob, alice, u(100));
      const id = await openObligation(network, alice, bob, u(60));
      const tx = network.connect(alice).payObligation(id, u(25), [bob.address]);
      await expect(tx).to.emit(network, "ObligationPaid").withArgs(id, u(25), u(35));
      await expect(tx).to.emit(network, "Paid").withArgs(alice.address, bob.address, u(25), 1, ethers.toBeHex(id, 32));
      await expect(tx).to.emit(network, "BalanceUpdated").withArgs(alice.address, bob.address, -u(25));
      expect((await network.obligation(id)).remaining).to.equal(u(35));
      expect(await network.outstanding()).to.equal(u(35));
      expect(await network.netPosition(alice.address)).to.equal(-u(35));
      expect(await network.netPosition(bob.address)).to.equal(u(35));
      expect(await network.netInternalDebt()).to.equal(u(35));

      await expect(network.connect(alice).payObligation(id, u(35), [bob.address]))
        .to.emit(network, "ObligationPaid")
        .withArgs(id, u(35), 0);
      const o = await network.obligation(id);
      expect([o.status, o.remaining, o.amount]).to.deep.equal([ObligationStatus.Settled, 0n, u(60)]);
      expect(await network.outstanding()).to.equal(0n);
      expect(await network.netInternalDebt()).to.equal(0n);
      expect(await network.balance(alice.address, bob.address)).to.equal(-u(60));
      await expect(network.connect(alice).payObligation(id, 1n, [bob.address]))
        .to.be.revertedWithCustomError(network, "WrongObligationStatus")
        .withArgs(id, ObligationStatus.Settled, ObligationStatus.Open);
    });

    it("the debtor pays along a path of intermediaries", async () => {
      const { network, alice, bob, carol, members } = await networkHelpers.loadFixture(deployWithMembers);
      await openLine(network, carol, alice, u(100));
      await openLine(network, bob, carol, u(100));
      const id = await openObligation(network, alice, bob, u(40));
      const tx = network.connect(alice).payObligation(id, u(40), [carol.address, bob.address]);
      await expect(tx).to.emit(network, "Paid").withArgs(alice.address, bob.address, u(40), 2, ethers.toBeHex(id, 32));
      await expect(tx).to.emit(network, "BalanceUpdated").withArgs(alice.address, carol.address, -u(40));
      await expect(tx).to.emit(network, "BalanceUpdated").withArgs(carol.address, bob.address, -u(40));
      let carolPosition = 0n;
      for (const m of members) if (m !== carol) carolPosition += await network.balance(carol.address, m.address);
      expect(carolPosition).to.equal(0n);
      expect((await network.obligation(id)).status).to.equal(ObligationStatus.Settled);
    });

    it("refuses wrong paths, overpayment, other payers and non-open obligations", async () => {
      const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
      await openLine(network, bob, alice, u(100));
      const id = await openObligation(network, alice, bob, u(40));
      await expect(network.connect(alice).payObligation(id, u(1), [bob.address, carol.address]))
        .to.be.revertedWithCustomError(network, "PathEndMismatch")
        .withArgs(carol.address, bob.address);
      await expect(network.connect(alice).payObligation(id, u(40) + 1n, [bob.address]))
        .to.be.revertedWithCustomError(network, "PaymentExceedsObligation")
        .withArgs(id, u(40), u(40) + 1n);
      await expect(network.connect(bob).payObligation(id, u(1), [bob.address]))
        .to.be.revertedWithCustomError(network, "NotParty")
        .withArgs(bob.address, alice.address, bob.address);
      await expect(network.connect(alice).payObligation(id, u(1), []))
        .to.be.revertedWithCustomError(network, "InvalidPathLength")
        .withArgs(0, MAX_HOPS);
      await expect(network.connect(alice).payObligation(id, 0, [bob.address])).to.be.revertedWithCustomError(
        network,
        "ZeroAmount",
      );
      await expect(network.connect(alice).payObligation(id, u(1), [carol.address, bob.address]))
        .to.be.revertedWithCustomError(network, "CreditLineNotAccepted")
        .withArgs(carol.address, alice.address);
      await network.connect(bob).recordObligation(alice.address, bob.address, u(5), 0, ethers.ZeroHash);
      await expect(network.connect(alice).payObligation(2, u(1), [bob.address]))
        .to.be.revertedWithCustomError(network, "WrongObligationStatus")
        .withArgs(2, ObligationStatus.Proposed, ObligationStatus.Open);
      await expect(network.connect(alice).payObligation(3, u(1), [bob.address]))
        .to.be.revertedWithCustomError(network, "UnknownObligation")
        .withArgs(3);
      expect((await network.obligation(id)).remaining).to.equal(u(40));
    });

    it("a suspended debtor may pay an obligation from its claims only", async () => {
      const { network, steward, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
      await openLine(network, bob, alice, u(100));
      await openLine(network, alice, bob, u(100));
      const id = await openObligation(network, alice, bob, u(40));
      await network.connect(bob).pay(alice.address, u(15), memo("bob owes alice 15"));
      await network.connect(steward).suspendMember(alice.address);
      await expect(network.connect(alice).payObligation(id, u(15) + 1n, [bob.address]))
        .to.be.revertedWithCustomError(network, "MemberIsSuspended")
        .withArgs(alice.address);
      await network.connect(alice).payObligation(id, u(15), [bob.address]);
      expect((await network.obligation(id)).remaining).to.equal(u(25));
    });
  });

  it("keeps net positions, NID and outstanding in step with the open obligations", async () => {
    const { network, alice, bob, carol, dave } = await networkHelpers.loadFixture(deployWithMembers);
    await openObligation(network, alice, bob, u(100));
    await openObligation(network, bob, carol, u(30));
    await openObligation(network, carol, alice, u(50));
    await openObligation(network, dave, alice, u(20));
    await network.connect(bob).recordObligation(dave.address, bob.address, u(999), 0, ethers.ZeroHash); // proposed
    const positions = async () => Promise.all([alice, bob, carol, dave].map((m) => network.netPosition(m.address)));
    expect(await positions()).to.deep.equal([-u(30), u(70), -u(20), -u(20)]);
    expect(await network.netInternalDebt()).to.equal(u(70));
    expect(await network.outstanding()).to.equal(u(200));
    expect(await network.obligationCount()).to.equal(5n);

    await openLine(network, bob, alice, u(100));
    await network.connect(alice).payObligation(1, u(40), [bob.address]);
    expect(await positions()).to.deep.equal([u(10), u(30), -u(20), -u(20)]);
    expect(await network.netInternalDebt()).to.equal(u(40));
    expect(await network.outstanding()).to.equal(u(160));
    // CN-5: NID is at most the outstanding amount, and the positions sum to zero
    expect((await positions()).reduce((a, b) => a + b, 0n)).to.equal(0n);

    // an id never recorded reads as empty
    const none = await network.obligation(42);
    expect([none.debtor, none.status, none.proposer]).to.deep.equal([
      ethers.ZeroAddress,
      ObligationStatus.None,
      ethers.ZeroAddress,
    ]);
  });
});
