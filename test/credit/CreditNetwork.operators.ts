// Obligation operators (CN-8): approvals as [since, until) windows, and obligations an operator records for an
// agreement made at `agreedAt`, which both parties' windows must cover.
import { expect } from "chai";
import {
  deployWithMembers,
  ethers,
  latest,
  MAX_OBLIGATION,
  netPositions,
  networkHelpers,
  ObligationStatus,
  openObligation,
  ref,
  type Signer,
  u,
} from "./fixtures.ts";

type Members = Awaited<ReturnType<typeof deployWithMembers>>;

/** Sends `send` in a block mined 10 seconds after the latest one; returns that block's time. */
async function later(send: () => Promise<unknown>): Promise<bigint> {
  const t = (await latest()) + 10n;
  await networkHelpers.time.setNextBlockTimestamp(t);
  await send();
  return t;
}

/** The members' network, with `operator` (a stand-in for an exchange contract: rest[0]) approved by alice and bob;
 * `since` is when bob approved it (alice approved a block earlier). */
async function withOperator() {
  const base = await deployWithMembers();
  const { network, alice, bob, rest } = base;
  const operator = rest[0];
  await network.connect(alice).setObligationOperator(operator.address, true);
  const since = await later(() => network.connect(bob).setObligationOperator(operator.address, true));
  return { ...base, operator, since };
}

/** `operator` records `debtor` owing `creditor` one unit for an agreement made at `agreedAt`. */
const recordAt = (s: Members, operator: Signer, debtor: Signer, creditor: Signer, agreedAt: bigint) =>
  s.network
    .connect(operator)
    .recordObligationAsOperator(debtor.address, creditor.address, u(1), 0n, ethers.ZeroHash, agreedAt);

describe("CreditNetwork · obligation operators", () => {
  it("a member approves and withdraws an operator, evented; never itself or the zero address", async () => {
    const { network, carol, rest } = await networkHelpers.loadFixture(deployWithMembers);
    const operator = rest[0].address;
    const set = (approved: boolean) => network.connect(carol).setObligationOperator(operator, approved);
    expect(await network.isObligationOperator(carol.address, operator)).to.equal(false);
    expect(await network.obligationOperatorApproval(carol.address, operator)).to.deep.equal([0n, 0n]);
    const since = await later(async () =>
      expect(set(true)).to.emit(network, "ObligationOperatorSet").withArgs(carol.address, operator, true),
    );
    expect(await network.isObligationOperator(carol.address, operator)).to.equal(true);
    expect(await network.obligationOperatorApproval(carol.address, operator)).to.deep.equal([since, 0n]);
    expect(await network.isObligationOperator(operator, carol.address)).to.equal(false); // one way only
    expect(await network.obligationOperatorApproval(operator, carol.address)).to.deep.equal([0n, 0n]);
    const until = await later(async () =>
      expect(set(false)).to.emit(network, "ObligationOperatorSet").withArgs(carol.address, operator, false),
    );
    expect(await network.isObligationOperator(carol.address, operator)).to.equal(false);
    expect(await network.obligationOperatorApproval(carol.address, operator)).to.deep.equal([since, until]);
    await expect(network.connect(carol).setObligationOperator(carol.address, true))
      .to.be.revertedWithCustomError(network, "InvalidOperator")
      .withArgs(carol.address);
    await expect(network.connect(carol).setObligationOperator(ethers.ZeroAddress, true))
      .to.be.revertedWithCustomError(network, "InvalidOperator")
      .withArgs(ethers.ZeroAddress);
  });

  it("approving while approved and withdrawing while not change nothing, still evented; approving again restarts", async () => {
    const { network, carol, rest } = await networkHelpers.loadFixture(deployWithMembers);
    const operator = rest[0].address;
    const set = (approved: boolean) => network.connect(carol).setObligationOperator(operator, approved);
    const approval = () => network.obligationOperatorApproval(carol.address, operator);
    // withdrawing what was never given leaves "never approved"
    await expect(set(false)).to.emit(network, "ObligationOperatorSet").withArgs(carol.address, operator, false);
    expect(await approval()).to.deep.equal([0n, 0n]);
    const since = await later(() => set(true));
    await later(async () =>
      expect(set(true)).to.emit(network, "ObligationOperatorSet").withArgs(carol.address, operator, true),
    );
    expect(await approval()).to.deep.equal([since, 0n]); // the standing approval keeps its start
    const until = await later(() => set(false));
    await later(async () =>
      expect(set(false)).to.emit(network, "ObligationOperatorSet").withArgs(carol.address, operator, false),
    );
    expect(await approval()).to.deep.equal([since, until]); // the withdrawal keeps its time
    const again = await later(() => set(true));
    expect(await approval()).to.deep.equal([again, 0n]);
    expect(await network.isObligationOperator(carol.address, operator)).to.equal(true);
  });

  it("firstOutOfStanding names the first account not active or not approving the operator, as standingWith", async () => {
    const { network, steward, alice, bob, carol, operator, rest } = await networkHelpers.loadFixture(withOperator);
    const op = operator.address;
    const first = (accounts: Signer[] | string[]) =>
      network.firstOutOfStanding(
        accounts.map((a) => (typeof a === "string" ? a : a.address)),
        op,
      );
    const Active = 1n; // MemberStatus: None, Active, Suspended
    // all in standing (a name twice is fine), or none named: the length, Active and approved
    expect(await first([alice, bob, alice])).to.deep.equal([3n, Active, true]);
    expect(await first([])).to.deep.equal([0n, Active, true]);
    expect(await network.standingWith(alice.address, op)).to.deep.equal([Active, true]);
    // carol, a member, never approved the operator; an outsider is no member (and approves nothing)
    expect(await first([alice, carol, bob])).to.deep.equal([1n, Active, false]);
    expect(await first([alice, rest[1], carol])).to.deep.equal([1n, 0n, false]);
    // suspended while approving: named with its status, the approval still reported
    await network.connect(steward).suspendMember(bob.address);
    expect(await first([alice, bob])).to.deep.equal([1n, 2n, true]);
    expect(await network.standingWith(bob.address, op)).to.deep.equal([2n, true]);
    await network.connect(steward).reinstateMember(bob.address);
    // a withdrawn approval fails again; the first failure is the one named
    await network.connect(alice).setObligationOperator(op, false);
    expect(await first([bob, alice, carol])).to.deep.equal([1n, Active, false]);
    expect(await first([bob])).to.deep.equal([1n, Active, true]);
  });

  it("an operator both parties approved records an Open obligation; positions and totals grow by the amount", async () => {
    const { network, alice, bob, carol, operator, since } = await networkHelpers.loadFixture(withOperator);
    await openObligation(network, carol, alice, u(30)); // some history: carol owes alice 30
    const members = [alice, bob, carol];
    const [before, outstanding, count] = [
      await netPositions(network, members),
      await network.outstanding(),
      await network.obligationCount(),
    ];
    const id = count + 1n;
    const args = [bob.address, alice.address, u(70), 1_900_000_000n, ref("order 1"), since] as const;
    expect(await network.connect(operator).recordObligationAsOperator.staticCall(...args)).to.equal(id);
    const tx = network.connect(operator).recordObligationAsOperator(...args);
    await expect(tx)
      .to.emit(network, "ObligationRecorded")
      .withArgs(id, bob.address, alice.address, u(70), 1_900_000_000n, ref("order 1"), bob.address);
    await expect(tx).to.emit(network, "ObligationAccepted").withArgs(id, operator.address);
    const ob = await network.obligation(id);
    expect([ob.debtor, ob.creditor, ob.amount, ob.remaining, ob.dueDate, ob.status, ob.proposer]).to.deep.equal([
      bob.address,
      alice.address,
      u(70),
      u(70),
      1_900_000_000n,
      ObligationStatus.Open,
      bob.address,
    ]);
    // CN-4 and CN-5: outstanding and the two net positions move by exactly the amount; NID is their positive part
    expect(await network.outstanding()).to.equal(outstanding + u(70));
    const after = await netPositions(network, members);
    expect(after).to.deep.equal([before[0] + u(70), before[1] - u(70), before[2]]);
    expect(await network.netInternalDebt()).to.equal(after.filter((p) => p > 0n).reduce((a, b) => a + b, 0n));
    expect(await network.netInternalDebt()).to.be.lte(await network.outstanding());
  });

  it("both parties' approval is needed (CN-8): the debtor's is checked first, and no one else is an operator", async () => {
    const s = await networkHelpers.loadFixture(withOperator);
    const { network, alice, bob, carol, dave, operator, since } = s;
    await expect(recordAt(s, operator, carol, alice, since))
      .to.be.revertedWithCustomError(network, "OperatorNotApproved")
      .withArgs(carol.address, operator.address, since);
    await expect(recordAt(s, operator, alice, carol, since))
      .to.be.revertedWithCustomError(network, "OperatorNotApproved")
      .withArgs(carol.address, operator.address, since);
    await expect(recordAt(s, operator, carol, dave, since))
      .to.be.revertedWithCustomError(network, "OperatorNotApproved")
      .withArgs(carol.address, operator.address, since);
    await expect(recordAt(s, operator, dave, carol, since))
      .to.be.revertedWithCustomError(network, "OperatorNotApproved")
      .withArgs(dave.address, operator.address, since);
    // another account is no operator of theirs, a member included
    await expect(recordAt(s, carol, alice, bob, since))
      .to.be.revertedWithCustomError(network, "OperatorNotApproved")
      .withArgs(alice.address, carol.address, since);
    expect(await network.obligationCount()).to.equal(0n);
  });

  it("the agreement must fall in both approvals: from `since` to `until`, both inclusive", async () => {
    const s = await networkHelpers.loadFixture(withOperator);
    const { network, alice, bob, operator, since } = s;
    // bob approved at `since`: an agreement a second earlier is not covered, one at `since` is
    await expect(recordAt(s, operator, alice, bob, since - 1n))
      .to.be.revertedWithCustomError(network, "OperatorNotApproved")
      .withArgs(bob.address, operator.address, since - 1n);
    await expect(recordAt(s, operator, bob, alice, since)).to.emit(network, "ObligationAccepted");
    // bob withdraws at `until`: agreements made up to that second are still recorded (a match earlier in the same
    // block stands), later ones are not
    const until = await later(() => network.connect(bob).setObligationOperator(operator.address, false));
    expect(await network.obligationOperatorApproval(bob.address, operator.address)).to.deep.equal([since, until]);
    await expect(recordAt(s, operator, bob, alice, until - 1n)).to.emit(network, "ObligationAccepted");
    await expect(recordAt(s, operator, alice, bob, since + 5n)).to.emit(network, "ObligationAccepted");
    await expect(recordAt(s, operator, bob, alice, until)).to.emit(network, "ObligationAccepted");
    await expect(recordAt(s, operator, bob, alice, until + 1n))
      .to.be.revertedWithCustomError(network, "OperatorNotApproved")
      .withArgs(bob.address, operator.address, until + 1n);
    expect(await network.obligationCount()).to.equal(4n);
  });

  it("approving again covers agreements from then on, not those made while it was withdrawn", async () => {
    const s = await networkHelpers.loadFixture(withOperator);
    const { network, alice, bob, operator } = s;
    const set = (approved: boolean) => network.connect(bob).setObligationOperator(operator.address, approved);
    const until = await later(() => set(false));
    const again = await later(() => set(true));
    expect(await network.obligationOperatorApproval(bob.address, operator.address)).to.deep.equal([again, 0n]);
    for (const agreedAt of [until + 1n, again - 1n]) {
      await expect(recordAt(s, operator, alice, bob, agreedAt))
        .to.be.revertedWithCustomError(network, "OperatorNotApproved")
        .withArgs(bob.address, operator.address, agreedAt);
    }
    await expect(recordAt(s, operator, alice, bob, again)).to.emit(network, "ObligationAccepted");
    await later(async () =>
      expect(recordAt(s, operator, bob, alice, again + 5n)).to.emit(network, "ObligationAccepted"),
    );
    expect(await network.obligationCount()).to.equal(2n);
    // Each period is kept: the views answer for any time.
    expect(await network.obligationOperatorApprovedAt(bob.address, operator.address, until)).to.equal(true);
    expect(await network.obligationOperatorApprovedAt(bob.address, operator.address, until + 1n)).to.equal(false);
    expect(await network.obligationOperatorApprovedAt(bob.address, operator.address, again)).to.equal(true);
  });

  it("an agreement made before a withdrawal stays recordable after approving again (CN-8)", async () => {
    const s = await networkHelpers.loadFixture(withOperator);
    const { network, alice, bob, operator, since } = s;
    const set = (approved: boolean) => network.connect(bob).setObligationOperator(operator.address, approved);
    await later(() => set(false));
    await later(() => set(true));
    // agreed while bob approved, before it withdrew: the withdrawal binds only later agreements, and so must a
    // new approval
    await expect(recordAt(s, operator, alice, bob, since)).to.emit(network, "ObligationAccepted");
  });

  it("an agreement dated after now is refused before any approval is looked at; one dated now is recorded", async () => {
    const s = await networkHelpers.loadFixture(withOperator);
    const { network, alice, bob, carol, operator } = s;
    const now = (await latest()) + 10n;
    await networkHelpers.time.setNextBlockTimestamp(now);
    await expect(recordAt(s, operator, alice, bob, now + 1n))
      .to.be.revertedWithCustomError(network, "AgreementInFuture")
      .withArgs(now + 1n);
    await networkHelpers.time.setNextBlockTimestamp(now + 1n);
    await expect(recordAt(s, operator, carol, alice, 2n ** 255n)) // carol never approved: the date is checked first
      .to.be.revertedWithCustomError(network, "AgreementInFuture")
      .withArgs(2n ** 255n);
    const at = now + 2n;
    await networkHelpers.time.setNextBlockTimestamp(at);
    await expect(recordAt(s, operator, alice, bob, at)).to.emit(network, "ObligationAccepted");
    expect(await network.obligationCount()).to.equal(1n);
  });

  it("only between two different active members, for a positive amount within the cap", async () => {
    const { network, steward, alice, bob, outsider, operator, since } = await networkHelpers.loadFixture(withOperator);
    await network.connect(outsider).setObligationOperator(operator.address, true); // approving needs no membership
    const agreedAt = await latest();
    const record = (debtor: string, creditor: string, amount: bigint, at = agreedAt) =>
      network.connect(operator).recordObligationAsOperator(debtor, creditor, amount, 0n, ethers.ZeroHash, at);
    await expect(record(outsider.address, alice.address, u(1)))
      .to.be.revertedWithCustomError(network, "NotNetworkMember")
      .withArgs(outsider.address);
    await expect(record(alice.address, alice.address, u(1), since))
      .to.be.revertedWithCustomError(network, "SelfDealing")
      .withArgs(alice.address);
    await expect(record(alice.address, bob.address, 0n)).to.be.revertedWithCustomError(network, "ZeroAmount");
    await expect(record(alice.address, bob.address, MAX_OBLIGATION + 1n))
      .to.be.revertedWithCustomError(network, "AmountTooLarge")
      .withArgs(MAX_OBLIGATION + 1n, MAX_OBLIGATION);
    // a suspension does not touch the approval, but a suspended member's obligations are not recorded
    await network.connect(steward).suspendMember(bob.address);
    expect(await network.isObligationOperator(bob.address, operator.address)).to.equal(true);
    await expect(record(alice.address, bob.address, u(1)))
      .to.be.revertedWithCustomError(network, "MemberIsSuspended")
      .withArgs(bob.address);
    await network.connect(steward).reinstateMember(bob.address);
    await expect(record(alice.address, bob.address, MAX_OBLIGATION)).to.emit(network, "ObligationAccepted");
  });
});
