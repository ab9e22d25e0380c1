import { expect } from "chai";
import {
  combinedPosition,
  deployWithMembers,
  ethers,
  MAX_LIMIT,
  memo,
  netPositions,
  networkHelpers,
  ObligationStatus,
  openLine,
  openObligation,
  setOffs,
  type Signer,
  u,
} from "./fixtures.ts";

const SOLUTION = ethers.id("solution-1");

/** The 3-cycle alice -> bob (100, id 1), bob -> carol (80, id 2), carol -> alice (60, id 3), debtor -> creditor. */
async function withCycle() {
  const base = await deployWithMembers();
  const { network, alice, bob, carol } = base;
  await openObligation(network, alice, bob, u(100));
  await openObligation(network, bob, carol, u(80));
  await openObligation(network, carol, alice, u(60));
  return base;
}

/** alice owes bob 50 (id 1), bob owes carol 50 (id 2); carol gives alice a line of 100 and offers liquidity. */
async function withChainAndLine() {
  const base = await deployWithMembers();
  const { network, alice, bob, carol } = base;
  await openObligation(network, alice, bob, u(50));
  await openObligation(network, bob, carol, u(50));
  await openLine(network, carol, alice, u(100));
  await network.connect(carol).setClearingConsent(true, true);
  return base;
}

const byAddress = (a: Signer, b: Signer) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1);

describe("CreditNetwork · clearing", () => {
  it("sets off a 3-cycle: positions, NID and epoch, with exact events", async () => {
    const { network, alice, bob, carol, outsider } = await networkHelpers.loadFixture(withCycle);
    const members = [alice, bob, carol];
    const positions = await netPositions(network, members);
    expect(positions).to.deep.equal([-u(40), u(20), u(20)]);
    expect(await network.netInternalDebt()).to.equal(u(40));
    const batch = setOffs([1n, u(60)], [2n, u(60)], [3n, u(60)]);
    expect(await network.connect(outsider).clear.staticCall(SOLUTION, batch, [])).to.equal(1n);

    const tx = network.connect(outsider).clear(SOLUTION, batch, []); // anyone may submit a valid batch
    await expect(tx)
      .to.emit(network, "ClearingCompleted")
      .withArgs(1, outsider.address, SOLUTION, u(240), u(180), 0, u(40), 3);
    await expect(tx).to.emit(network, "ObligationCleared").withArgs(1, 1, u(60), u(40));
    await expect(tx).to.emit(network, "ObligationCleared").withArgs(2, 1, u(60), u(20));
    await expect(tx).to.emit(network, "ObligationCleared").withArgs(3, 1, u(60), 0);

    expect(await netPositions(network, members)).to.deep.equal(positions);
    expect(await network.netInternalDebt()).to.equal(u(40));
    expect(await network.outstanding()).to.equal(u(60));
    expect(await network.epochCount()).to.equal(1n);
    expect((await network.obligation(1)).remaining).to.equal(u(40));
    expect((await network.obligation(2)).remaining).to.equal(u(20));
    const settled = await network.obligation(3);
    expect([settled.status, settled.remaining, settled.amount]).to.deep.equal([ObligationStatus.Settled, 0n, u(60)]);
    // what remains is the floor: NID <= outstanding (CN-5)
    expect(await network.netInternalDebt()).to.be.lte(await network.outstanding());
  });

  it("partial set-offs leave the rest open; epochs count up", async () => {
    const { network, alice, bob, carol } = await networkHelpers.loadFixture(withCycle);
    const positions = await netPositions(network, [alice, bob, carol]);
    await expect(network.connect(alice).clear(ethers.ZeroHash, setOffs([1n, u(25)], [2n, u(25)], [3n, u(25)]), []))
      .to.emit(network, "ClearingCompleted")
      .withArgs(1, alice.address, ethers.ZeroHash, u(240), u(75), 0, u(40), 3);
    await expect(network.clear(SOLUTION, setOffs([1n, u(35)], [2n, u(35)], [3n, u(35)]), []))
      .to.emit(network, "ObligationCleared")
      .withArgs(3, 2, u(35), 0);
    expect(await network.epochCount()).to.equal(2n);
    expect(await network.outstanding()).to.equal(u(60));
    expect(await netPositions(network, [alice, bob, carol])).to.deep.equal(positions);
    await expect(network.clear(SOLUTION, setOffs([1n, u(1)], [2n, u(1)], [3n, u(1)]), []))
      .to.be.revertedWithCustomError(network, "WrongObligationStatus")
      .withArgs(3, ObligationStatus.Settled, ObligationStatus.Open);
  });

  it("clears overlapping cycles that share an obligation in one batch", async () => {
    const { network, alice, bob, carol, dave } = await networkHelpers.loadFixture(deployWithMembers);
    await openObligation(network, alice, bob, u(100)); // 1, shared
    await openObligation(network, bob, carol, u(50)); // 2
    await openObligation(network, carol, alice, u(50)); // 3
    await openObligation(network, bob, dave, u(40)); // 4
    await openObligation(network, dave, alice, u(40)); // 5
    const members = [alice, bob, carol, dave];
    const positions = await netPositions(network, members);
    const nid = await network.netInternalDebt();
    const batch = setOffs([1n, u(90)], [2n, u(50)], [3n, u(50)], [4n, u(40)], [5n, u(40)]);
    await expect(network.connect(alice).clear(SOLUTION, batch, []))
      .to.emit(network, "ClearingCompleted")
      .withArgs(1, alice.address, SOLUTION, u(280), u(270), 0, nid, 5);
    expect(await netPositions(network, members)).to.deep.equal(positions);
    expect(await network.outstanding()).to.equal(u(10));
    expect(await network.netInternalDebt()).to.equal(u(10));
    for (const id of [2n, 3n, 4n, 5n]) expect((await network.obligation(id)).status).to.equal(ObligationStatus.Settled);
  });

  it("clears the obligations of a suspended member (set-offs change no position)", async () => {
    const { network, steward, bob } = await networkHelpers.loadFixture(withCycle);
    await network.connect(steward).suspendMember(bob.address);
    await expect(network.clear(SOLUTION, setOffs([1n, u(60)], [2n, u(60)], [3n, u(60)]), [])).to.emit(
      network,
      "ClearingCompleted",
    );
  });

  describe("batch checks", () => {
    it("refuses empty batches, repeated and unsorted edges", async () => {
      const { network } = await networkHelpers.loadFixture(withCycle);
      await expect(network.clear(SOLUTION, [], [])).to.be.revertedWithCustomError(network, "EmptyBatch");
      await expect(network.clear(SOLUTION, setOffs([1n, u(10)], [1n, u(10)]), []))
        .to.be.revertedWithCustomError(network, "DuplicateEdge")
        .withArgs(1, 1);
      await expect(network.clear(SOLUTION, setOffs([1n, u(10)], [3n, u(10)], [2n, u(10)]), []))
        .to.be.revertedWithCustomError(network, "EdgesNotSorted")
        .withArgs(2, 2);
      // id 0 is never an obligation
      await expect(network.clear(SOLUTION, setOffs([0n, u(10)]), []))
        .to.be.revertedWithCustomError(network, "UnknownObligation")
        .withArgs(0);
    });

    it("refuses unknown, proposed, cancelled and settled obligations", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(withCycle);
      await expect(network.clear(SOLUTION, setOffs([1n, u(10)], [99n, u(10)]), []))
        .to.be.revertedWithCustomError(network, "UnknownObligation")
        .withArgs(99);
      await network.connect(alice).recordObligation(alice.address, bob.address, u(5), 0, ethers.ZeroHash); // 4
      await expect(network.clear(SOLUTION, setOffs([4n, u(5)]), []))
        .to.be.revertedWithCustomError(network, "WrongObligationStatus")
        .withArgs(4, ObligationStatus.Proposed, ObligationStatus.Open);
      await network.connect(alice).cancelObligation(4);
      await expect(network.clear(SOLUTION, setOffs([4n, u(5)]), []))
        .to.be.revertedWithCustomError(network, "WrongObligationStatus")
        .withArgs(4, ObligationStatus.Cancelled, ObligationStatus.Open);
    });

    it("refuses zero set-offs and set-offs above the remaining amount", async () => {
      const { network } = await networkHelpers.loadFixture(withCycle);
      await expect(
        network.clear(SOLUTION, setOffs([1n, u(60)], [2n, 0n], [3n, u(60)]), []),
      ).to.be.revertedWithCustomError(network, "ZeroAmount");
      await expect(network.clear(SOLUTION, setOffs([1n, u(61)], [2n, u(61)], [3n, u(61)]), []))
        .to.be.revertedWithCustomError(network, "SetOffExceedsRemaining")
        .withArgs(3, u(60), u(61));
    });

    it("names the first vertex whose net position would change, with the exact imbalance", async () => {
      const { network, alice, bob } = await networkHelpers.loadFixture(withCycle);
      // alice: +60 (owes less on 1), -50 (is owed less on 3)
      await expect(network.clear(SOLUTION, setOffs([1n, u(60)], [2n, u(60)], [3n, u(50)]), []))
        .to.be.revertedWithCustomError(network, "VertexNotConserved")
        .withArgs(alice.address, u(10));
      await expect(network.clear(SOLUTION, setOffs([1n, u(50)], [2n, u(60)], [3n, u(60)]), []))
        .to.be.revertedWithCustomError(network, "VertexNotConserved")
        .withArgs(alice.address, -u(10));
      await expect(network.clear(SOLUTION, setOffs([1n, u(60)], [2n, u(50)], [3n, u(60)]), []))
        .to.be.revertedWithCustomError(network, "VertexNotConserved")
        .withArgs(bob.address, -u(10));
      await expect(network.clear(SOLUTION, setOffs([1n, u(10)]), []))
        .to.be.revertedWithCustomError(network, "VertexNotConserved")
        .withArgs(alice.address, u(10));
    });

    it("needs every touched member's clearing consent", async () => {
      const { network, alice, erin } = await networkHelpers.loadFixture(withCycle);
      await network.connect(erin).setClearingConsent(false, true); // liquidity alone is not clearing consent
      await openObligation(network, alice, erin, u(10)); // 4
      await openObligation(network, erin, alice, u(10)); // 5
      await expect(network.clear(SOLUTION, setOffs([4n, u(10)], [5n, u(10)]), []))
        .to.be.revertedWithCustomError(network, "ClearingNotConsented")
        .withArgs(erin.address);
      await network.connect(alice).setClearingConsent(false, false);
      await expect(network.clear(SOLUTION, setOffs([1n, u(10)], [2n, u(10)], [3n, u(10)]), []))
        .to.be.revertedWithCustomError(network, "ClearingNotConsented")
        .withArgs(alice.address);
      await network.connect(alice).setClearingConsent(true, false);
      await network.connect(erin).setClearingConsent(true, false);
      await expect(network.clear(SOLUTION, setOffs([4n, u(10)], [5n, u(10)]), [])).to.emit(
        network,
        "ClearingCompleted",
      );
    });
  });

  describe("credit moves (clearing liquidity)", () => {
    it("moves a chain of obligations onto a credit line the creditor offered", async () => {
      const { network, alice, bob, carol, members } = await networkHelpers.loadFixture(withChainAndLine);
      const combined = await Promise.all(members.map((m) => combinedPosition(network, m, members)));
      expect(await netPositions(network, [alice, bob, carol])).to.deep.equal([-u(50), 0n, u(50)]);
      expect(await network.netInternalDebt()).to.equal(u(50));

      const moves = [{ payer: alice.address, payee: carol.address, amount: u(50) }];
      const tx = network.connect(bob).clear(SOLUTION, setOffs([1n, u(50)], [2n, u(50)]), moves);
      await expect(tx)
        .to.emit(network, "ClearingCompleted")
        .withArgs(1, bob.address, SOLUTION, u(100), u(100), u(50), 0, 2);
      await expect(tx).to.emit(network, "BalanceUpdated").withArgs(alice.address, carol.address, -u(50));
      await expect(tx).to.emit(network, "ObligationCleared").withArgs(2, 1, u(50), 0);

      expect((await network.obligation(1)).status).to.equal(ObligationStatus.Settled);
      expect((await network.obligation(2)).status).to.equal(ObligationStatus.Settled);
      expect(await network.balance(alice.address, carol.address)).to.equal(-u(50));
      expect(await network.payCapacity(alice.address, carol.address)).to.equal(u(50));
      expect(await netPositions(network, [alice, bob, carol])).to.deep.equal([0n, 0n, 0n]);
      expect(await network.netInternalDebt()).to.equal(0n);
      expect(await network.outstanding()).to.equal(0n);
      // CN-3: nobody's combined position changed; the debt moved from the obligations to the credit line
      expect(await Promise.all(members.map((m) => combinedPosition(network, m, members)))).to.deep.equal(combined);
    });

    it("a partial move leaves part of the chain open and lowers NID", async () => {
      const { network, alice, bob, carol } = await networkHelpers.loadFixture(deployWithMembers);
      await openObligation(network, alice, bob, u(50));
      await openObligation(network, bob, carol, u(30));
      await openLine(network, carol, alice, u(100));
      await network.connect(carol).setClearingConsent(true, true);
      expect(await network.netInternalDebt()).to.equal(u(50));
      const moves = [{ payer: alice.address, payee: carol.address, amount: u(30) }];
      await expect(network.connect(alice).clear(SOLUTION, setOffs([1n, u(30)], [2n, u(30)]), moves))
        .to.emit(network, "ClearingCompleted")
        .withArgs(1, alice.address, SOLUTION, u(80), u(60), u(30), u(20), 2);
      expect(await netPositions(network, [alice, bob, carol])).to.deep.equal([-u(20), u(20), 0n]);
      expect(await network.netInternalDebt()).to.equal(u(20));
      expect(await network.outstanding()).to.equal(u(20));
    });

    it("several moves, strictly ascending by (payer, payee)", async () => {
      const { network, alice, bob, carol, dave } = await networkHelpers.loadFixture(deployWithMembers);
      await openObligation(network, alice, bob, u(50)); // 1
      await openObligation(network, dave, bob, u(30)); // 2
      await openObligation(network, bob, carol, u(80)); // 3
      await openLine(network, carol, alice, u(100));
      await openLine(network, carol, dave, u(100));
      await network.connect(carol).setClearingConsent(true, true);
      const amountOf = (p: Signer) => (p === alice ? u(50) : u(30));
      const payers = [alice, dave].sort(byAddress);
      const moves = payers.map((p) => ({ payer: p.address, payee: carol.address, amount: amountOf(p) }));
      const batch = setOffs([1n, u(50)], [2n, u(30)], [3n, u(80)]);

      await expect(network.clear(SOLUTION, batch, [moves[1], moves[0]]))
        .to.be.revertedWithCustomError(network, "CreditMovesNotSorted")
        .withArgs(1, payers[0].address, carol.address);
      await expect(network.clear(SOLUTION, batch, [moves[0], moves[0]]))
        .to.be.revertedWithCustomError(network, "CreditMovesNotSorted")
        .withArgs(1, payers[0].address, carol.address);
      await expect(network.connect(alice).clear(SOLUTION, batch, moves))
        .to.emit(network, "ClearingCompleted")
        .withArgs(1, alice.address, SOLUTION, u(160), u(160), u(80), 0, 3);
      expect(await network.balance(carol.address, alice.address)).to.equal(u(50));
      expect(await network.balance(carol.address, dave.address)).to.equal(u(30));
    });

    it("same payer, two payees: ordered by payee", async () => {
      const { network, alice, bob, carol, dave } = await networkHelpers.loadFixture(deployWithMembers);
      // alice owes bob 50; bob owes carol 20 and dave 30; carol and dave lend to alice
      await openObligation(network, alice, bob, u(50)); // 1
      await openObligation(network, bob, carol, u(20)); // 2
      await openObligation(network, bob, dave, u(30)); // 3
      for (const lender of [carol, dave]) {
        await openLine(network, lender, alice, u(100));
        await network.connect(lender).setClearingConsent(true, true);
      }
      const payees = [carol, dave].sort(byAddress);
      const amountOf = (p: Signer) => (p === carol ? u(20) : u(30));
      const moves = payees.map((p) => ({ payer: alice.address, payee: p.address, amount: amountOf(p) }));
      const batch = setOffs([1n, u(50)], [2n, u(20)], [3n, u(30)]);
      await expect(network.connect(alice).clear(SOLUTION, batch, [moves[1], moves[0]]))
        .to.be.revertedWithCustomError(network, "CreditMovesNotSorted")
        .withArgs(1, alice.address, payees[0].address);
      await expect(network.clear(SOLUTION, batch, moves)).to.emit(network, "ClearingCompleted");
      expect(await network.netInternalDebt()).to.equal(0n);
    });

    it("needs the payee's liquidity consent and the payer's clearing consent", async () => {
      const { network, alice, bob, carol, erin, outsider } = await networkHelpers.loadFixture(withChainAndLine);
      const batch = setOffs([1n, u(50)], [2n, u(50)]);
      await network.connect(carol).setClearingConsent(true, false);
      await expect(network.clear(SOLUTION, batch, [{ payer: alice.address, payee: carol.address, amount: u(50) }]))
        .to.be.revertedWithCustomError(network, "LiquidityNotOffered")
        .withArgs(carol.address);
      await expect(network.clear(SOLUTION, batch, [{ payer: alice.address, payee: outsider.address, amount: u(50) }]))
        .to.be.revertedWithCustomError(network, "LiquidityNotOffered")
        .withArgs(outsider.address);
      await network.connect(erin).setClearingConsent(false, true);
      await expect(network.clear(SOLUTION, batch, [{ payer: bob.address, payee: erin.address, amount: u(50) }]))
        .to.be.revertedWithCustomError(network, "ClearingNotConsented")
        .withArgs(erin.address);
      await expect(network.clear(SOLUTION, batch, [{ payer: erin.address, payee: carol.address, amount: u(50) }]))
        .to.be.revertedWithCustomError(network, "LiquidityNotOffered")
        .withArgs(carol.address);
      await network.connect(carol).setClearingConsent(true, true);
      await expect(network.clear(SOLUTION, batch, [{ payer: erin.address, payee: carol.address, amount: u(50) }]))
        .to.be.revertedWithCustomError(network, "ClearingNotConsented")
        .withArgs(erin.address);
    });

    it("a move is a checked hop on its line, and must conserve positions with the set-offs", async () => {
      const { network, steward, alice, bob, carol } = await networkHelpers.loadFixture(withChainAndLine);
      const batch = setOffs([1n, u(50)], [2n, u(50)]);
      const move = (amount: bigint) => [{ payer: alice.address, payee: carol.address, amount }];
      await network.connect(carol).offerCreditLine(alice.address, u(20));
      await expect(network.connect(alice).clear(SOLUTION, batch, move(u(50))))
        .to.be.revertedWithCustomError(network, "CreditLimitExceeded")
        .withArgs(0, alice.address, carol.address, u(20), u(50));
      await network.connect(carol).closeCreditLine(carol.address, alice.address);
      await expect(network.clear(SOLUTION, batch, move(u(50))))
        .to.be.revertedWithCustomError(network, "CreditLineNotAccepted")
        .withArgs(carol.address, alice.address);
      await openLine(network, carol, alice, u(100));
      await expect(network.clear(SOLUTION, batch, move(0n))).to.be.revertedWithCustomError(network, "ZeroAmount");
      await expect(network.clear(SOLUTION, batch, move(MAX_LIMIT + 1n)))
        .to.be.revertedWithCustomError(network, "AmountTooLarge")
        .withArgs(MAX_LIMIT + 1n, MAX_LIMIT);
      await expect(network.clear(SOLUTION, batch, move(u(40))))
        .to.be.revertedWithCustomError(network, "VertexNotConserved")
        .withArgs(alice.address, u(10));
      await expect(network.clear(SOLUTION, [], move(u(50)))).to.be.revertedWithCustomError(network, "EmptyBatch");
      // suspended payee or payer: the move may only settle (here it would create debt)
      await network.connect(steward).suspendMember(carol.address);
      await expect(network.clear(SOLUTION, batch, move(u(50))))
        .to.be.revertedWithCustomError(network, "MemberIsSuspended")
        .withArgs(carol.address);
      await network.connect(steward).reinstateMember(carol.address);
      await network.connect(steward).suspendMember(alice.address);
      await expect(network.clear(SOLUTION, batch, move(u(50))))
        .to.be.revertedWithCustomError(network, "MemberIsSuspended")
        .withArgs(alice.address);
      // ... but a suspended payer may spend a claim it holds on the payee
      await network.connect(steward).reinstateMember(alice.address);
      await openLine(network, alice, carol, u(100));
      await network.connect(carol).pay(alice.address, u(50), memo("carol owes alice 50"));
      await network.connect(steward).suspendMember(alice.address);
      await expect(network.clear(SOLUTION, batch, move(u(50))))
        .to.emit(network, "BalanceUpdated")
        .withArgs(alice.address, carol.address, 0);
      expect(await network.netPosition(bob.address)).to.equal(0n);
    });
  });

  describe("several batches in one transaction", () => {
    async function withMulticaller() {
      const base = await withCycle();
      const multicaller = await ethers.deployContract("ClearingMulticaller");
      return { ...base, multicaller };
    }

    it("both apply, as consecutive epochs", async () => {
      const { network, multicaller, alice, bob, carol } = await networkHelpers.loadFixture(withMulticaller);
      const positions = await netPositions(network, [alice, bob, carol]);
      const half = setOffs([1n, u(30)], [2n, u(30)], [3n, u(30)]);
      const caller = await multicaller.getAddress();
      const tx = multicaller.clearTwice(await network.getAddress(), half, [], half, []);
      await expect(tx)
        .to.emit(network, "ClearingCompleted")
        .withArgs(1, caller, ethers.encodeBytes32String("first"), u(240), u(90), 0, u(40), 3);
      await expect(tx)
        .to.emit(network, "ClearingCompleted")
        .withArgs(2, caller, ethers.encodeBytes32String("second"), u(150), u(90), 0, u(40), 3);
      expect(await network.epochCount()).to.equal(2n);
      expect(await network.outstanding()).to.equal(u(60));
      expect((await network.obligation(3)).status).to.equal(ObligationStatus.Settled);
      expect(await netPositions(network, [alice, bob, carol])).to.deep.equal(positions);
    });

    it("the second batch is verified from scratch (the transient vertex index was reset)", async () => {
      const { network, multicaller, alice } = await networkHelpers.loadFixture(withMulticaller);
      const half = setOffs([1n, u(30)], [2n, u(30)], [3n, u(30)]);
      const unbalanced = setOffs([1n, u(20)], [2n, u(10)], [3n, u(10)]);
      await expect(multicaller.clearTwice(await network.getAddress(), half, [], unbalanced, []))
        .to.be.revertedWithCustomError(network, "VertexNotConserved")
        .withArgs(alice.address, u(10));
      expect(await network.epochCount()).to.equal(0n);
    });
  });
});
