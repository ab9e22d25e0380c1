// A strict majority of the seats at the snapshot can veto a passed or queued proposal, so it never runs (TC-5).
import { expect } from "chai";
import { decide } from "../../scripts/lib/council.ts";
import {
  DAY,
  deployFour,
  deployThree,
  ethers,
  networkHelpers,
  propose,
  State,
  Vote,
  voteAndClose,
  type Council,
} from "./fixtures.ts";

/** A voting-period change, decided by ada and bea and left queued in the timelock. */
async function queued(c: Council, description: string) {
  const calls = [c.onGovernor("setVotingPeriod", [2 * DAY])];
  const id = await decide(ethers, c.governor, c.ada, [c.ada, c.bea], calls, description, "queued");
  const salt = ethers.toBeHex((BigInt(await c.governor.getAddress()) << 96n) ^ BigInt(ethers.id(description)), 32);
  const opId = await c.timelock.hashOperationBatch([calls[0].target], [0], [calls[0].data], ethers.ZeroHash, salt);
  return { id, opId };
}

describe("ThresholdsCouncil · veto by a majority of seats (TC-5)", () => {
  it("finding 8: a majority of seats vetoes a queued proposal: it is Canceled, in the timelock too, and cannot run", async () => {
    const c = await networkHelpers.loadFixture(deployThree);
    const { governor, timelock, ada, bea, cyrus } = c;
    const { id, opId } = await queued(c, "shorter votes");
    expect(await governor.state(id)).to.equal(State.Queued);
    expect(await timelock.isOperationPending(opId)).to.equal(true);
    expect(await governor.vetoesNeeded(id)).to.equal(2n);
    await expect(governor.connect(cyrus).castVeto(id))
      .to.emit(governor, "VetoCast")
      .withArgs(id, cyrus.address, 1n, 2n);
    expect(await governor.state(id)).to.equal(State.Queued);
    // Even a member who voted for it may change its mind; the second veto of three seats cancels.
    const tx = governor.connect(bea).castVeto(id);
    await expect(tx).to.emit(governor, "VetoCast").withArgs(id, bea.address, 2n, 2n);
    await expect(tx).to.emit(governor, "ProposalCanceled").withArgs(id);
    await expect(tx).to.emit(timelock, "Cancelled").withArgs(opId);
    expect(await governor.state(id)).to.equal(State.Canceled);
    expect(await timelock.isOperation(opId)).to.equal(false);
    expect(await governor.vetoes(id)).to.equal(2n);
    expect(await governor.hasVetoed(id, bea.address)).to.equal(true);
    expect(await governor.hasVetoed(id, ada.address)).to.equal(false);
    await networkHelpers.time.increase(2 * DAY + 1);
    await expect(governor["execute(uint256)"](id)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    expect(await governor.votingPeriod()).to.equal(BigInt(5 * DAY));
    // A cancelled proposal takes no more vetoes.
    await expect(governor.connect(ada).castVeto(id))
      .to.be.revertedWithCustomError(governor, "VetoNotOpen")
      .withArgs(id, State.Canceled);
  });

  it("finding 8: vetoes below a strict majority of seats do not cancel (2 of 4 seats)", async () => {
    const c = await networkHelpers.loadFixture(deployFour);
    const { governor, cyrus, dara } = c;
    const calls = [c.onGovernor("setVotingPeriod", [2 * DAY])];
    const id = await decide(ethers, governor, c.ada, [c.ada, c.bea, cyrus], calls, "three of four", "queued");
    expect(await governor.vetoesNeeded(id)).to.equal(3n);
    await governor.connect(cyrus).castVeto(id);
    await expect(governor.connect(dara).castVeto(id)).to.emit(governor, "VetoCast").withArgs(id, dara.address, 2n, 3n);
    expect(await governor.state(id)).to.equal(State.Queued);
    await networkHelpers.time.increase(2 * DAY + 1);
    await expect(governor["execute(uint256)"](id)).to.emit(governor, "VotingPeriodSet");
    expect(await governor.state(id)).to.equal(State.Executed);
    await expect(governor.connect(c.ada).castVeto(id))
      .to.be.revertedWithCustomError(governor, "VetoNotOpen")
      .withArgs(id, State.Executed);
  });

  it("finding 8: a veto of a Succeeded proposal (not yet queued) cancels it before it reaches the timelock", async () => {
    const { governor, onRegistry, ada, bea, cyrus } = await networkHelpers.loadFixture(deployThree);
    const { id } = await propose(governor, ada, [onRegistry("setBuyer", [1n, ada.address, true])], "succeeded");
    await voteAndClose(governor, id, [
      [ada, Vote.For],
      [bea, Vote.For],
    ]);
    expect(await governor.state(id)).to.equal(State.Succeeded);
    await governor.connect(cyrus).castVeto(id);
    await expect(governor.connect(ada).castVeto(id)).to.emit(governor, "ProposalCanceled").withArgs(id);
    expect(await governor.state(id)).to.equal(State.Canceled);
    await expect(governor["queue(uint256)"](id)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
  });

  it("finding 8: a member cannot veto twice (AlreadyVetoed)", async () => {
    const c = await networkHelpers.loadFixture(deployThree);
    const { id } = await queued(c, "twice");
    await c.governor.connect(c.cyrus).castVeto(id);
    await expect(c.governor.connect(c.cyrus).castVeto(id))
      .to.be.revertedWithCustomError(c.governor, "AlreadyVetoed")
      .withArgs(id, c.cyrus.address);
    expect(await c.governor.vetoes(id)).to.equal(1n);
    expect(await c.governor.state(id)).to.equal(State.Queued);
  });

  it("finding 8: only seats held at the snapshot veto (NoSeatAtSnapshot for outsiders and later members)", async () => {
    const c = await networkHelpers.loadFixture(deployThree);
    const { governor, seats, ada, bea, dara, outsider } = c;
    const { id } = await queued(c, "no seat");
    await expect(governor.connect(outsider).castVeto(id))
      .to.be.revertedWithCustomError(governor, "NoSeatAtSnapshot")
      .withArgs(id, outsider.address);
    // dara is seated after the proposal's snapshot: her seat has no say on it.
    await decide(ethers, governor, ada, [ada, bea], [c.onSeats("seat", [dara.address, "Fisheries"])], "seat dara");
    expect(await seats.getVotes(dara.address)).to.equal(1n);
    expect(await governor.state(id)).to.equal(State.Queued);
    await expect(governor.connect(dara).castVeto(id))
      .to.be.revertedWithCustomError(governor, "NoSeatAtSnapshot")
      .withArgs(id, dara.address);
  });

  it("finding 8: a veto is open only on Succeeded or Queued proposals (VetoNotOpen with the state)", async () => {
    const { governor, onRegistry, ada, bea, cyrus } = await networkHelpers.loadFixture(deployThree);
    const { id } = await propose(governor, ada, [onRegistry("setBuyer", [1n, ada.address, true])], "early");
    await expect(governor.connect(bea).castVeto(id))
      .to.be.revertedWithCustomError(governor, "VetoNotOpen")
      .withArgs(id, State.Pending);
    await networkHelpers.time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
    await expect(governor.connect(bea).castVeto(id))
      .to.be.revertedWithCustomError(governor, "VetoNotOpen")
      .withArgs(id, State.Active);
    await governor.connect(ada).castVote(id, Vote.For);
    await governor.connect(bea).castVote(id, Vote.Against);
    await networkHelpers.time.increaseTo((await governor.proposalDeadline(id)) + 1n);
    await expect(governor.connect(cyrus).castVeto(id))
      .to.be.revertedWithCustomError(governor, "VetoNotOpen")
      .withArgs(id, State.Defeated);
    await expect(governor.connect(cyrus).castVeto(12345n))
      .to.be.revertedWithCustomError(governor, "GovernorNonexistentProposal")
      .withArgs(12345n);
    await expect(governor.vetoesNeeded(12345n))
      .to.be.revertedWithCustomError(governor, "GovernorNonexistentProposal")
      .withArgs(12345n);
  });
});
