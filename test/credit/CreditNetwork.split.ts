// A clearing split into parts (clearPart): a cycle too long for one transaction is set off stretch by stretch, each
// part leaving a bridge obligation from the cycle's first member to the last one it reached, which the next part sets
// off; every part conserves every member's position (CN-9).
import { expect } from "chai";
import {
  deployWithMembers,
  ethers,
  MAX_OBLIGATION,
  netPositions,
  networkHelpers,
  ObligationStatus,
  openObligation,
  setOffs,
  STEWARD_ROLE,
  u,
} from "./fixtures.ts";

const SOLUTION = ethers.id("split-1");
const NO_BRIDGE = { debtor: ethers.ZeroAddress, creditor: ethers.ZeroAddress, amount: 0n };

/** The ring alice -> bob (1) -> carol (2) -> dave (3) -> alice (4), 100 each (debtor -> creditor). */
async function withRing() {
  const base = await deployWithMembers();
  const { network, alice, bob, carol, dave } = base;
  await openObligation(network, alice, bob, u(100));
  await openObligation(network, bob, carol, u(100));
  await openObligation(network, carol, dave, u(100));
  await openObligation(network, dave, alice, u(100));
  return base;
}

describe("CreditNetwork · clearing split into parts", () => {
  it("sets off a ring in three parts; each conserves every position, the bridges carry the cycle (CN-9)", async () => {
    const { network, steward, alice, bob, carol, dave } = await networkHelpers.loadFixture(withRing);
    const ring = [alice, bob, carol, dave];
    const positions = await netPositions(network, ring);
    const nid = await network.netInternalDebt();
    expect(await network.outstanding()).to.equal(u(400));

    // Part 1: alice -> bob -> carol, leaving "alice owes carol 60".
    const bridge1 = { debtor: alice.address, creditor: carol.address, amount: u(60) };
    expect(
      await network.connect(steward).clearPart.staticCall(SOLUTION, setOffs([1n, u(60)], [2n, u(60)]), [], bridge1),
    ).to.deep.equal([1n, 5n]);
    const part1 = network.connect(steward).clearPart(SOLUTION, setOffs([1n, u(60)], [2n, u(60)]), [], bridge1);
    await expect(part1).to.emit(network, "ObligationCleared").withArgs(1, 1, u(60), u(40));
    await expect(part1).to.emit(network, "ObligationCleared").withArgs(2, 1, u(60), u(40));
    await expect(part1)
      .to.emit(network, "ObligationRecorded")
      .withArgs(5, alice.address, carol.address, u(60), 0, SOLUTION, steward.address);
    await expect(part1).to.emit(network, "ObligationAccepted").withArgs(5, steward.address);
    await expect(part1).to.emit(network, "ClearingBridged").withArgs(SOLUTION, 1, 5, 0);
    await expect(part1)
      .to.emit(network, "ClearingCompleted")
      .withArgs(1, steward.address, SOLUTION, u(400), u(120), 0, nid, 2);
    expect(await netPositions(network, ring)).to.deep.equal(positions);
    expect(await network.netInternalDebt()).to.equal(nid);
    expect(await network.outstanding()).to.equal(u(400) - u(120) + u(60));
    expect(await network.openBridge(SOLUTION)).to.equal(5n);
    const bridge = await network.obligation(5n);
    expect([
      bridge.debtor,
      bridge.creditor,
      bridge.amount,
      bridge.remaining,
      bridge.dueDate,
      bridge.status,
    ]).to.deep.equal([alice.address, carol.address, u(60), u(60), 0n, ObligationStatus.Open]);

    // Part 2: the bridge, then carol -> dave, leaving "alice owes dave 60".
    const bridge2 = { debtor: alice.address, creditor: dave.address, amount: u(60) };
    const part2 = network.connect(steward).clearPart(SOLUTION, setOffs([3n, u(60)]), [], bridge2);
    await expect(part2).to.emit(network, "ObligationCleared").withArgs(5, 2, u(60), 0);
    await expect(part2).to.emit(network, "ClearingBridged").withArgs(SOLUTION, 2, 6, 5);
    await expect(part2)
      .to.emit(network, "ClearingCompleted")
      .withArgs(2, steward.address, SOLUTION, u(340), u(120), 0, nid, 2);
    expect(await netPositions(network, ring)).to.deep.equal(positions);
    expect(await network.outstanding()).to.equal(u(280));
    expect((await network.obligation(5n)).status).to.equal(ObligationStatus.Settled);

    // Part 3: the bridge, then dave -> alice closes the ring; no bridge is left.
    const part3 = network.connect(steward).clearPart(SOLUTION, setOffs([4n, u(60)]), [], NO_BRIDGE);
    await expect(part3).to.emit(network, "ClearingBridged").withArgs(SOLUTION, 3, 0, 6);
    await expect(part3).not.to.emit(network, "ObligationRecorded");
    await expect(part3)
      .to.emit(network, "ClearingCompleted")
      .withArgs(3, steward.address, SOLUTION, u(280), u(120), 0, nid, 2);
    expect(await netPositions(network, ring)).to.deep.equal(positions);
    expect(await network.netInternalDebt()).to.equal(nid);
    // The ring's 60 is cleared on every obligation, exactly as one batch would have: 400 - 4 x 60.
    expect(await network.outstanding()).to.equal(u(160));
    for (const id of [1n, 2n, 3n, 4n]) expect((await network.obligation(id)).remaining).to.equal(u(40));
    expect((await network.obligation(6n)).status).to.equal(ObligationStatus.Settled);
    expect(await network.openBridge(SOLUTION)).to.equal(0n);
    expect(await network.epochCount()).to.equal(3n);
  });

  it("only a steward submits parts, under a solution id, with something to set off", async () => {
    const { network, steward, alice, bob, carol, outsider } = await networkHelpers.loadFixture(withRing);
    const bridge = { debtor: alice.address, creditor: carol.address, amount: u(10) };
    const part = setOffs([1n, u(10)], [2n, u(10)]);
    await expect(network.connect(alice).clearPart(SOLUTION, part, [], bridge))
      .to.be.revertedWithCustomError(network, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, STEWARD_ROLE);
    await expect(network.connect(outsider).clearPart(SOLUTION, part, [], bridge)).to.be.revertedWithCustomError(
      network,
      "AccessControlUnauthorizedAccount",
    );
    await expect(network.connect(steward).clearPart(ethers.ZeroHash, part, [], bridge)).to.be.revertedWithCustomError(
      network,
      "SolutionIdRequired",
    );
    await expect(network.connect(steward).clearPart(SOLUTION, [], [], bridge)).to.be.revertedWithCustomError(
      network,
      "EmptyBatch",
    );
    // A bridge that does not make up for the part's set-offs is refused like any unbalanced batch.
    await expect(network.connect(steward).clearPart(SOLUTION, part, [], { ...bridge, amount: u(9) }))
      .to.be.revertedWithCustomError(network, "VertexNotConserved")
      .withArgs(alice.address, u(1));
    await expect(network.connect(steward).clearPart(SOLUTION, part, [], { ...bridge, creditor: bob.address }))
      .to.be.revertedWithCustomError(network, "VertexNotConserved")
      .withArgs(bob.address, u(10));
    await expect(network.connect(steward).clearPart(SOLUTION, part, [], { ...bridge, creditor: alice.address }))
      .to.be.revertedWithCustomError(network, "SelfDealing")
      .withArgs(alice.address);
    await expect(network.connect(steward).clearPart(SOLUTION, part, [], { ...bridge, amount: MAX_OBLIGATION + 1n }))
      .to.be.revertedWithCustomError(network, "AmountTooLarge")
      .withArgs(MAX_OBLIGATION + 1n, MAX_OBLIGATION);
    // A part that leaves no bridge must balance on its own: then it is an ordinary batch.
    await expect(network.connect(steward).clearPart(SOLUTION, part, [], NO_BRIDGE))
      .to.be.revertedWithCustomError(network, "VertexNotConserved")
      .withArgs(alice.address, u(10));
    expect(await network.epochCount()).to.equal(0n);
    expect(await network.obligationCount()).to.equal(4n);
  });

  it("a bridge joins members who consented to clearing and are in standing", async () => {
    const { network, steward, alice, carol, erin } = await networkHelpers.loadFixture(withRing);
    const part = setOffs([1n, u(10)], [2n, u(10)]);
    const bridgeTo = (creditor: string) =>
      network.connect(steward).clearPart(SOLUTION, part, [], { debtor: alice.address, creditor, amount: u(10) });
    // erin consents to nothing: a bridge to her is refused as a set-off with her would be.
    await expect(bridgeTo(erin.address))
      .to.be.revertedWithCustomError(network, "ClearingNotConsented")
      .withArgs(erin.address);
    // A suspended member takes no new obligation, a bridge included.
    await network.connect(steward).suspendMember(carol.address);
    await expect(bridgeTo(carol.address))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(carol.address);
    await network.connect(steward).reinstateMember(carol.address);
    await bridgeTo(carol.address);
    expect(await network.openBridge(SOLUTION)).to.equal(5n);
  });

  it("a bridge changed between parts stops the split; it stays an open obligation, and clears like any other", async () => {
    const { network, steward, alice, carol, dave } = await networkHelpers.loadFixture(withRing);
    const ring = await netPositions(network, [alice, carol, dave]);
    await network.connect(steward).clearPart(SOLUTION, setOffs([1n, u(30)], [2n, u(30)]), [], {
      debtor: alice.address,
      creditor: carol.address,
      amount: u(30),
    });
    // Alice and Carol cancel the bridge between the parts: the next part of the solution cannot go on.
    await network.connect(alice).cancelObligation(5n);
    await network.connect(carol).cancelObligation(5n);
    expect((await network.obligation(5n)).status).to.equal(ObligationStatus.Cancelled);
    await expect(
      network.connect(steward).clearPart(SOLUTION, setOffs([3n, u(30)]), [], {
        debtor: alice.address,
        creditor: dave.address,
        amount: u(30),
      }),
    )
      .to.be.revertedWithCustomError(network, "WrongObligationStatus")
      .withArgs(5n, ObligationStatus.Cancelled, ObligationStatus.Open);
    expect(await netPositions(network, [alice, carol, dave])).to.not.deep.equal(ring); // the cancellation moved them

    // Paid down between the parts: the part sets off what is left, and no longer balances.
    const other = ethers.id("split-2");
    await network.connect(steward).clearPart(other, setOffs([1n, u(30)], [2n, u(30)]), [], {
      debtor: alice.address,
      creditor: carol.address,
      amount: u(30),
    }); // bridge 6
    await network.connect(carol).offerCreditLine(alice.address, u(5));
    await network.connect(alice).acceptCreditLine(carol.address, u(5));
    await network.connect(alice).payObligation(6n, u(5), [carol.address]);
    await expect(
      network.connect(steward).clearPart(other, setOffs([3n, u(30)]), [], {
        debtor: alice.address,
        creditor: dave.address,
        amount: u(30),
      }),
    ).to.be.revertedWithCustomError(network, "VertexNotConserved");
    // An ordinary batch may set the bridge off with the rest of the ring: it is an obligation like any other.
    const left = (await network.obligation(6n)).remaining;
    expect(left).to.equal(u(25));
    await network.connect(steward).clear(other, setOffs([3n, left], [4n, left], [6n, left]), []);
    expect((await network.obligation(6n)).status).to.equal(ObligationStatus.Settled);
  });
});
