import { expect } from "chai";
import { deployWithMembers, ethers, MAX_LIMIT, memo, networkHelpers, openLine, u } from "./fixtures.ts";

describe("CreditNetwork · credit lines", () => {
  it("the giver offers, the receiver accepts: the limit applies in one direction only", async () => {
    const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
    await expect(network.connect(bob).offerCreditLine(alice.address, u(100)))
      .to.emit(network, "CreditLineOffered")
      .withArgs(bob.address, alice.address, u(100));
    expect(await network.creditOffer(bob.address, alice.address)).to.equal(u(100));
    expect(await network.creditLimit(bob.address, alice.address)).to.equal(0n);
    await expect(network.connect(alice).acceptCreditLine(bob.address, u(100)))
      .to.emit(network, "CreditLineUpdated")
      .withArgs(bob.address, alice.address, u(100));
    expect(await network.creditOffer(bob.address, alice.address)).to.equal(0n);
    expect(await network.creditLimit(bob.address, alice.address)).to.equal(u(100));
    expect(await network.creditLimit(alice.address, bob.address)).to.equal(0n);
    expect(await network.creditLimit(alice.address, alice.address)).to.equal(0n);
  });

  it("both lines of a pair are independent, whichever address is lower", async () => {
    const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
    for (const [x, y] of [
      [alice, bob],
      [carol, alice],
    ] as const) {
      await openLine(network, x, y, u(70));
      await openLine(network, y, x, u(30));
      expect(await network.creditLimit(x.address, y.address)).to.equal(u(70));
      expect(await network.creditLimit(y.address, x.address)).to.equal(u(30));
      // y may owe x up to 70, x may owe y up to 30
      expect(await network.payCapacity(y.address, x.address)).to.equal(u(70));
      expect(await network.payCapacity(x.address, y.address)).to.equal(u(30));
    }
  });

  it("accepting needs the exact pending limit (no surprise raise)", async () => {
    const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
    await expect(network.connect(alice).acceptCreditLine(bob.address, u(100)))
      .to.be.revertedWithCustomError(network, "CreditOfferMismatch")
      .withArgs(bob.address, alice.address, 0, u(100));
    await network.connect(bob).offerCreditLine(alice.address, u(100));
    await expect(network.connect(alice).acceptCreditLine(bob.address, u(90)))
      .to.be.revertedWithCustomError(network, "CreditOfferMismatch")
      .withArgs(bob.address, alice.address, u(100), u(90));
    await expect(network.connect(alice).acceptCreditLine(bob.address, 0))
      .to.be.revertedWithCustomError(network, "CreditOfferMismatch")
      .withArgs(bob.address, alice.address, u(100), 0);
    // the giver cannot accept its own offer
    await expect(network.connect(bob).acceptCreditLine(bob.address, u(100)))
      .to.be.revertedWithCustomError(network, "CreditOfferMismatch")
      .withArgs(bob.address, bob.address, 0, u(100));
  });

  it("a raise waits for acceptance and replaces an earlier pending offer", async () => {
    const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
    await openLine(network, bob, alice, u(100));
    await expect(network.connect(bob).offerCreditLine(alice.address, u(150)))
      .to.emit(network, "CreditLineOffered")
      .withArgs(bob.address, alice.address, u(150));
    expect(await network.creditLimit(bob.address, alice.address)).to.equal(u(100));
    await network.connect(bob).offerCreditLine(alice.address, u(200));
    expect(await network.creditOffer(bob.address, alice.address)).to.equal(u(200));
    await expect(network.connect(alice).acceptCreditLine(bob.address, u(150)))
      .to.be.revertedWithCustomError(network, "CreditOfferMismatch")
      .withArgs(bob.address, alice.address, u(200), u(150));
    await network.connect(alice).acceptCreditLine(bob.address, u(200));
    expect(await network.creditLimit(bob.address, alice.address)).to.equal(u(200));
  });

  it("a lower (or equal) limit applies at once, even below the receiver's debt, and drops a pending raise", async () => {
    const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
    await openLine(network, bob, alice, u(100));
    await network.connect(alice).pay(bob.address, u(80), memo("tools"));
    await network.connect(bob).offerCreditLine(alice.address, u(300)); // pending raise
    await expect(network.connect(bob).offerCreditLine(alice.address, u(30)))
      .to.emit(network, "CreditLineUpdated")
      .withArgs(bob.address, alice.address, u(30))
      .and.not.to.emit(network, "CreditLineOffered");
    expect(await network.creditLimit(bob.address, alice.address)).to.equal(u(30));
    expect(await network.creditOffer(bob.address, alice.address)).to.equal(0n);
    expect(await network.balance(bob.address, alice.address)).to.equal(u(80)); // the debt stays
    expect(await network.payCapacity(alice.address, bob.address)).to.equal(0n);
    await expect(network.connect(alice).pay(bob.address, 1n, memo("more")))
      .to.be.revertedWithCustomError(network, "CreditLimitExceeded")
      .withArgs(0, alice.address, bob.address, u(30), u(80) + 1n);
    // an equal limit applies at once too (no event-less no-op)
    await expect(network.connect(bob).offerCreditLine(alice.address, u(30)))
      .to.emit(network, "CreditLineUpdated")
      .withArgs(bob.address, alice.address, u(30));
    // and 0 cuts the line entirely while the debt stays
    await network.connect(bob).offerCreditLine(alice.address, 0);
    expect(await network.creditLimit(bob.address, alice.address)).to.equal(0n);
    expect(await network.balance(alice.address, bob.address)).to.equal(-u(80));
  });

  it("either party cancels a pending offer (withdraw or decline); nobody else", async () => {
    const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
    await network.connect(bob).offerCreditLine(alice.address, u(50));
    await expect(network.connect(carol).cancelCreditOffer(bob.address, alice.address))
      .to.be.revertedWithCustomError(network, "NotParty")
      .withArgs(carol.address, alice.address, bob.address);
    await expect(network.connect(bob).cancelCreditOffer(bob.address, alice.address))
      .to.emit(network, "CreditOfferCancelled")
      .withArgs(bob.address, alice.address, bob.address);
    expect(await network.creditOffer(bob.address, alice.address)).to.equal(0n);
    await expect(network.connect(alice).cancelCreditOffer(bob.address, alice.address))
      .to.be.revertedWithCustomError(network, "NoCreditOffer")
      .withArgs(bob.address, alice.address);
    await network.connect(bob).offerCreditLine(alice.address, u(60));
    await expect(network.connect(alice).cancelCreditOffer(bob.address, alice.address))
      .to.emit(network, "CreditOfferCancelled")
      .withArgs(bob.address, alice.address, alice.address);
    await expect(network.connect(alice).acceptCreditLine(bob.address, u(60)))
      .to.be.revertedWithCustomError(network, "CreditOfferMismatch")
      .withArgs(bob.address, alice.address, 0, u(60));
  });

  it("either party closes a line, only at zero debt", async () => {
    const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
    await openLine(network, bob, alice, u(100));
    await network.connect(alice).pay(bob.address, u(40), memo("parts"));
    for (const who of [alice, bob]) {
      await expect(network.connect(who).closeCreditLine(bob.address, alice.address))
        .to.be.revertedWithCustomError(network, "CreditLineInUse")
        .withArgs(bob.address, alice.address, u(40));
    }
    await expect(network.connect(carol).closeCreditLine(bob.address, alice.address))
      .to.be.revertedWithCustomError(network, "NotParty")
      .withArgs(carol.address, alice.address, bob.address);
    await network.connect(bob).pay(alice.address, u(40), memo("refund")); // debt back to zero
    await network.connect(bob).offerCreditLine(alice.address, u(500)); // a pending raise goes too
    await expect(network.connect(alice).closeCreditLine(bob.address, alice.address))
      .to.emit(network, "CreditLineClosed")
      .withArgs(bob.address, alice.address, alice.address);
    expect(await network.creditLimit(bob.address, alice.address)).to.equal(0n);
    expect(await network.creditOffer(bob.address, alice.address)).to.equal(0n);
    await expect(network.connect(alice).pay(bob.address, 1n, memo("x")))
      .to.be.revertedWithCustomError(network, "CreditLineNotAccepted")
      .withArgs(bob.address, alice.address);
  });

  it("the giver closes a line while it owes the receiver (the line carries no debt)", async () => {
    const { network, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
    await openLine(network, bob, alice, u(100));
    await openLine(network, alice, bob, u(100));
    await network.connect(bob).pay(alice.address, u(25), memo("bob owes alice"));
    await expect(network.connect(bob).closeCreditLine(bob.address, alice.address))
      .to.emit(network, "CreditLineClosed")
      .withArgs(bob.address, alice.address, bob.address);
    expect(await network.balance(bob.address, alice.address)).to.equal(-u(25));
    expect(await network.creditLimit(alice.address, bob.address)).to.equal(u(100));
  });

  it("refuses self-dealing, non-members and limits above MAX_LIMIT", async () => {
    const { network, alice, bob, outsider } = await networkHelpers.loadFixture(deployWithMembers);
    await expect(network.connect(alice).offerCreditLine(alice.address, u(1)))
      .to.be.revertedWithCustomError(network, "SelfDealing")
      .withArgs(alice.address);
    await expect(network.connect(alice).offerCreditLine(outsider.address, u(1)))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(network.connect(outsider).offerCreditLine(alice.address, u(1)))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(network.connect(outsider).acceptCreditLine(alice.address, u(1)))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(network.connect(alice).acceptCreditLine(outsider.address, u(1)))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(network.connect(alice).offerCreditLine(bob.address, MAX_LIMIT + 1n))
      .to.be.revertedWithCustomError(network, "AmountTooLarge")
      .withArgs(MAX_LIMIT + 1n, MAX_LIMIT);
    await openLine(network, alice, bob, MAX_LIMIT);
    expect(await network.creditLimit(alice.address, bob.address)).to.equal(MAX_LIMIT);
    await network.connect(bob).pay(alice.address, MAX_LIMIT, memo("all of it"));
    expect(await network.balance(alice.address, bob.address)).to.equal(MAX_LIMIT);
  });

  it("a line whose giver was suspended cannot be accepted; the giver cannot re-offer", async () => {
    const { network, steward, alice, bob } = await networkHelpers.loadFixture(deployWithMembers);
    await network.connect(bob).offerCreditLine(alice.address, u(10));
    await network.connect(steward).suspendMember(bob.address);
    await expect(network.connect(alice).acceptCreditLine(bob.address, u(10)))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(bob.address);
    await expect(network.connect(bob).offerCreditLine(alice.address, u(20)))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(bob.address);
    // cancelling needs no standing; with neither a line nor an offer left there is nothing to close or lower
    await expect(network.connect(bob).cancelCreditOffer(bob.address, alice.address)).to.emit(
      network,
      "CreditOfferCancelled",
    );
    await expect(network.connect(bob).closeCreditLine(bob.address, alice.address))
      .to.be.revertedWithCustomError(network, "NoCreditLine")
      .withArgs(bob.address, alice.address);
    await expect(network.connect(bob).offerCreditLine(alice.address, 0))
      .to.be.revertedWithCustomError(network, "NoCreditLine")
      .withArgs(bob.address, alice.address);
  });

  it("an existing line can be cut whatever the parties' standing; closing drops a lone pending offer", async () => {
    const { network, steward, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
    await network.connect(bob).offerCreditLine(alice.address, u(50));
    await network.connect(alice).acceptCreditLine(bob.address, u(50));
    await network.connect(alice).pay(bob.address, u(30), ethers.ZeroHash);
    // the receiver is suspended: the giver can still cut the line (below the debt)
    await network.connect(steward).suspendMember(alice.address);
    await expect(network.connect(bob).offerCreditLine(alice.address, u(10)))
      .to.emit(network, "CreditLineUpdated")
      .withArgs(bob.address, alice.address, u(10));
    // the giver is suspended too: it can still cut its own line
    await network.connect(steward).suspendMember(bob.address);
    await expect(network.connect(bob).offerCreditLine(alice.address, 0))
      .to.emit(network, "CreditLineUpdated")
      .withArgs(bob.address, alice.address, 0);
    expect(await network.creditLimit(bob.address, alice.address)).to.equal(0n);
    expect(await network.balance(bob.address, alice.address)).to.equal(u(30));
    // a pending offer alone can be closed (it is dropped)
    await network.connect(steward).reinstateMember(alice.address);
    await network.connect(carol).offerCreditLine(alice.address, u(5));
    await expect(network.connect(alice).closeCreditLine(carol.address, alice.address))
      .to.emit(network, "CreditLineClosed")
      .withArgs(carol.address, alice.address, alice.address);
    expect(await network.creditOffer(carol.address, alice.address)).to.equal(0n);
  });
});
