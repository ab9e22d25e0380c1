// The thresholds council as Ignition deploys it (Governor, timelock, seats) governing the resource registry, driven
// through scripts/lib/council.ts `decide` as the demo seed is.
import { expect } from "chai";
import { decide } from "../../scripts/lib/council.ts";
import { DAY, deployThree, ethers, networkHelpers, plaice, propose, State, Vote } from "./fixtures.ts";

describe("ThresholdsCouncil · governance of the resource registry", () => {
  it("is wired by Ignition: governor proposes and cancels, anyone executes, nobody administers the timelock", async () => {
    const { governor, seats, timelock, registry, deployer, ada, bea, cyrus } =
      await networkHelpers.loadFixture(deployThree);
    const g = await governor.getAddress();
    const tl = await timelock.getAddress();
    expect(await timelock.hasRole(await timelock.PROPOSER_ROLE(), g)).to.equal(true);
    expect(await timelock.hasRole(await timelock.CANCELLER_ROLE(), g)).to.equal(true);
    expect(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), ethers.ZeroAddress)).to.equal(true);
    const admin = await timelock.DEFAULT_ADMIN_ROLE();
    expect(await timelock.hasRole(admin, deployer.address)).to.equal(false);
    expect(await timelock.hasRole(admin, g)).to.equal(false);
    expect(await timelock.hasRole(admin, tl)).to.equal(true); // only a passed proposal can change roles
    expect(await timelock.hasRole(await timelock.PROPOSER_ROLE(), deployer.address)).to.equal(false);
    await expect(timelock.connect(deployer).grantRole(admin, deployer.address))
      .to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount")
      .withArgs(deployer.address, admin);
    await expect(timelock.connect(deployer).updateDelay(0))
      .to.be.revertedWithCustomError(timelock, "TimelockUnauthorizedCaller")
      .withArgs(deployer.address);
    expect(await timelock.getMinDelay()).to.equal(BigInt(2 * DAY));
    expect(await governor.timelock()).to.equal(tl);
    expect(await governor.token()).to.equal(await seats.getAddress());
    expect(await governor.name()).to.equal("Thresholds Council");
    expect(await governor.votingDelay()).to.equal(BigInt(DAY));
    expect(await governor.votingPeriod()).to.equal(BigInt(5 * DAY));
    expect(await governor.proposalThreshold()).to.equal(1n);
    expect(await governor["quorumNumerator()"]()).to.equal(50n);
    expect(await governor.CLOCK_MODE()).to.equal("mode=timestamp");
    expect(await seats.CLOCK_MODE()).to.equal("mode=timestamp");
    expect(await governor.clock()).to.equal(BigInt(await networkHelpers.time.latest()));
    expect(await seats.clock()).to.equal(BigInt(await networkHelpers.time.latest()));
    expect(await seats.owner()).to.equal(tl);
    expect(await registry.council()).to.equal(tl);
    expect(await seats.name()).to.equal("Thresholds Council Seat");
    expect(await seats.symbol()).to.equal("SEAT");
    expect(await seats.seatsIssued()).to.equal(3n);
    for (const [i, m] of [ada, bea, cyrus].entries()) {
      expect(await seats.seatOf(m.address)).to.equal(BigInt(i + 1));
      expect(await seats.ownerOf(i + 1)).to.equal(m.address);
      expect(await seats.getVotes(m.address)).to.equal(1n);
      expect(await seats.delegates(m.address)).to.equal(m.address);
    }
    expect(await seats.seatOf(deployer.address)).to.equal(0n);
    expect(await seats.getVotes(deployer.address)).to.equal(0n);
  });

  it("direct registry calls revert CallerNotCouncil(caller, timelock), even from members and the deployer", async () => {
    const { registry, timelock, deployer, ada, outsider } = await networkHelpers.loadFixture(deployThree);
    const tl = await timelock.getAddress();
    const start = (await networkHelpers.time.latest()) + 30 * DAY;
    for (const who of [deployer, ada, outsider]) {
      await expect(registry.connect(who).registerResource(plaice(start), [ada.address], [1]))
        .to.be.revertedWithCustomError(registry, "CallerNotCouncil")
        .withArgs(who.address, tl);
      await expect(registry.connect(who).proposeCouncil(who.address))
        .to.be.revertedWithCustomError(registry, "CallerNotCouncil")
        .withArgs(who.address, tl);
    }
  });

  it("propose -> vote -> queue -> execute registers a resource; execution waits for the timelock's ETA", async () => {
    const { governor, timelock, registry, onRegistry, ada, bea, cyrus, dara } =
      await networkHelpers.loadFixture(deployThree);
    const start = (await networkHelpers.time.latest()) + 60 * DAY;
    const calls = [
      onRegistry("registerResource", [plaice(start), [ada.address, bea.address, cyrus.address], [4_000, 3_500, 2_500]]),
      onRegistry("setAssessor", [1n, dara.address, true]),
    ];
    const description = "Register North Sea plaice and accredit the Marine Institute";
    const { id, args } = await propose(governor, ada, calls, description);
    expect(await governor.state(id)).to.equal(State.Pending);
    expect(await governor.proposalProposer(id)).to.equal(ada.address);
    expect(await governor.proposalCount()).to.equal(1n);
    const snapshot = await governor.proposalSnapshot(id);
    await expect(governor.connect(ada).castVote(id, Vote.For)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    await networkHelpers.time.increaseTo(snapshot + 1n);
    expect(await governor.state(id)).to.equal(State.Active);
    await expect(governor.connect(ada).castVote(id, Vote.For))
      .to.emit(governor, "VoteCast")
      .withArgs(ada.address, id, Vote.For, 1n, "");
    await expect(governor.connect(ada).castVote(id, Vote.For))
      .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
      .withArgs(ada.address);
    await governor.connect(bea).castVote(id, Vote.For);
    await governor.connect(cyrus).castVote(id, Vote.Against);
    expect(await governor.proposalVotes(id)).to.deep.equal([1n, 2n, 0n]);
    expect(await governor.proposalNeedsQueuing(id)).to.equal(true);
    await expect(governor["queue(uint256)"](id)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    await networkHelpers.time.increaseTo((await governor.proposalDeadline(id)) + 1n);
    expect(await governor.state(id)).to.equal(State.Succeeded);
    await expect(governor["execute(uint256)"](id)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    await expect(governor["queue(uint256)"](id)).to.emit(governor, "ProposalQueued");
    expect(await governor.state(id)).to.equal(State.Queued);
    const eta = await governor.proposalEta(id);
    expect(eta).to.equal(BigInt(await networkHelpers.time.latest()) + BigInt(2 * DAY));
    // One second before the ETA the timelock refuses; at the ETA anyone may execute.
    await networkHelpers.time.setNextBlockTimestamp(eta - 1n);
    await expect(governor.connect(dara)["execute(uint256)"](id)).to.be.revertedWithCustomError(
      timelock,
      "TimelockUnexpectedOperationState",
    );
    expect(await registry.resourceCount()).to.equal(0n);
    await networkHelpers.time.setNextBlockTimestamp(eta);
    const tx = governor
      .connect(dara)
      ["execute(address[],uint256[],bytes[],bytes32)"](
        ...(args.slice(0, 3) as [string[], bigint[], string[]]),
        ethers.id(description),
      );
    await expect(tx).to.emit(governor, "ProposalExecuted").withArgs(id);
    await expect(tx).to.emit(registry, "ResourceRegistered");
    await expect(tx).to.emit(registry, "AssessorAccreditationSet").withArgs(1n, dara.address, true);
    expect(await governor.state(id)).to.equal(State.Executed);
    expect(await registry.resourceCount()).to.equal(1n);
    expect(await registry.isAssessor(1n, dara.address)).to.equal(true);
    expect(await registry.balanceOf(ada.address, 1n)).to.equal(4_000n);
    // The stored proposal can be read back without an indexer (GovernorStorage).
    const details = await governor.proposalDetailsAt(0);
    expect(details[0]).to.equal(id);
    expect(details[1]).to.deep.equal(calls.map((c) => c.target));
  });

  it("a decision changes registry parameters end to end (decide helper), only through the timelock", async () => {
    const { governor, registry, onRegistry, ada, bea, cyrus } = await networkHelpers.loadFixture(deployThree);
    const start = (await networkHelpers.time.latest()) + 60 * DAY;
    await decide(
      ethers,
      governor,
      ada,
      [ada, bea],
      [onRegistry("registerResource", [plaice(start), [ada.address, bea.address], [1, 1]])],
      "register",
    );
    await decide(
      ethers,
      governor,
      bea,
      [ada, bea, cyrus],
      [onRegistry("setQuotaPolicy", [1n, 1_500, 3_500])],
      "policy",
    );
    const info = await registry.getResource(1n);
    expect([info.carryOverBps, info.concentrationCapBps]).to.deep.equal([1_500n, 3_500n]);
    expect(await governor.proposalCount()).to.equal(2n);
  });

  it("a failed vote is Defeated and can be neither queued nor executed", async () => {
    const { governor, registry, onRegistry, ada, bea, cyrus } = await networkHelpers.loadFixture(deployThree);
    const { id } = await propose(governor, ada, [onRegistry("proposeCouncil", [ada.address])], "Give ada the registry");
    await networkHelpers.time.increase(DAY + 1);
    await governor.connect(ada).castVote(id, Vote.For);
    await governor.connect(bea).castVote(id, Vote.Against);
    await governor.connect(cyrus).castVote(id, Vote.Against);
    await networkHelpers.time.increase(5 * DAY + 1);
    expect(await governor.state(id)).to.equal(State.Defeated);
    await expect(governor["queue(uint256)"](id)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    await expect(governor["execute(uint256)"](id)).to.be.revertedWithCustomError(
      governor,
      "GovernorUnexpectedProposalState",
    );
    expect(await registry.council()).to.not.equal(ada.address);
    // A tie is defeated too (for must exceed against).
    const tie = await propose(governor, bea, [onRegistry("proposeCouncil", [bea.address])], "tie");
    await networkHelpers.time.increase(DAY + 1);
    await governor.connect(ada).castVote(tie.id, Vote.For);
    await governor.connect(bea).castVote(tie.id, Vote.Against);
    await governor.connect(cyrus).castVote(tie.id, Vote.Abstain);
    await networkHelpers.time.increase(5 * DAY + 1);
    expect(await governor.state(tie.id)).to.equal(State.Defeated);
  });

  it("only members propose; the proposer may cancel before voting starts", async () => {
    const { governor, onRegistry, ada, bea, outsider } = await networkHelpers.loadFixture(deployThree);
    const calls = [onRegistry("proposeCouncil", [outsider.address])];
    await expect(governor.connect(outsider).propose([calls[0].target], [0], [calls[0].data], "x"))
      .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
      .withArgs(outsider.address, 0, 1);
    const { id, args } = await propose(governor, ada, calls, "cancel me");
    await expect(
      governor
        .connect(bea)
        ["cancel(address[],uint256[],bytes[],bytes32)"](args[0], args[1], args[2], ethers.id("cancel me")),
    )
      .to.be.revertedWithCustomError(governor, "GovernorUnableToCancel")
      .withArgs(id, bea.address);
    await expect(
      governor
        .connect(ada)
        ["cancel(address[],uint256[],bytes[],bytes32)"](args[0], args[1], args[2], ethers.id("cancel me")),
    )
      .to.emit(governor, "ProposalCanceled")
      .withArgs(id);
    expect(await governor.state(id)).to.equal(State.Canceled);
  });

  it("a queued proposal whose timelock operation is cancelled cannot run", async () => {
    const { governor, timelock, onRegistry, ada, bea } = await networkHelpers.loadFixture(deployThree);
    const calls = [onRegistry("proposeCouncil", [ada.address])];
    const id = await decide(ethers, governor, ada, [ada, bea], calls, "queued then cancelled", "queued");
    expect(await governor.state(id)).to.equal(State.Queued);
    // The governor is the only canceller; nobody else can cancel the timelock operation.
    const opId = await timelock.hashOperationBatch(
      [calls[0].target],
      [0],
      [calls[0].data],
      ethers.ZeroHash,
      // GovernorTimelockControl's salt: bytes20(governor) ^ descriptionHash.
      ethers.toBeHex((BigInt(await governor.getAddress()) << 96n) ^ BigInt(ethers.id("queued then cancelled")), 32),
    );
    expect(await timelock.isOperationPending(opId)).to.equal(true);
    await expect(timelock.connect(ada).cancel(opId)).to.be.revertedWithCustomError(
      timelock,
      "AccessControlUnauthorizedAccount",
    );
  });

  it("the council seats and unseats members only through governance (TC-1, TC-2)", async () => {
    const { governor, seats, onSeats, ada, bea, cyrus, dara, outsider } = await networkHelpers.loadFixture(deployThree);
    await expect(seats.connect(ada).seat(dara.address, "Fisheries"))
      .to.be.revertedWithCustomError(seats, "OwnableUnauthorizedAccount")
      .withArgs(ada.address);
    await expect(seats.connect(ada).unseat(cyrus.address))
      .to.be.revertedWithCustomError(seats, "OwnableUnauthorizedAccount")
      .withArgs(ada.address);
    await decide(ethers, governor, ada, [ada, bea], [onSeats("seat", [dara.address, "Fisheries"])], "seat dara");
    expect(await seats.seatOf(dara.address)).to.equal(4n);
    expect(await seats.ownerOf(4)).to.equal(dara.address);
    expect(await seats.getVotes(dara.address)).to.equal(1n);
    expect(await seats.seatsIssued()).to.equal(4n);
    // dara, seated before this proposal's snapshot, votes with her seat.
    const { id } = await propose(governor, ada, [onSeats("unseat", [cyrus.address])], "unseat cyrus");
    await networkHelpers.time.increase(DAY + 1);
    await governor.connect(ada).castVote(id, Vote.For);
    await governor.connect(dara).castVote(id, Vote.For);
    await governor.connect(bea).castVote(id, Vote.For);
    await governor.connect(cyrus).castVote(id, Vote.Against);
    expect(await governor.proposalVotes(id)).to.deep.equal([1n, 3n, 0n]); // 3 of 4 seats: a strict majority
    await networkHelpers.time.increase(5 * DAY + 1);
    await governor["queue(uint256)"](id);
    await networkHelpers.time.increase(2 * DAY + 1);
    const tx = governor["execute(uint256)"](id);
    await expect(tx).to.emit(seats, "MemberUnseated").withArgs(cyrus.address, 3n);
    await expect(tx).to.emit(seats, "DelegateVotesChanged").withArgs(cyrus.address, 1n, 0n);
    expect(await seats.seatOf(cyrus.address)).to.equal(0n);
    expect(await seats.getVotes(cyrus.address)).to.equal(0n);
    await expect(seats.ownerOf(3)).to.be.revertedWithCustomError(seats, "ERC721NonexistentToken").withArgs(3);
    expect(await seats.seatsIssued()).to.equal(4n);
    await expect(governor.connect(cyrus).propose([await seats.getAddress()], [0], ["0x"], "no seat"))
      .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
      .withArgs(cyrus.address, 0, 1);
    // Re-seated later: a new seat id, never the old one moving back (TC-1).
    await decide(ethers, governor, ada, [ada, bea, dara], [onSeats("seat", [cyrus.address, "Science"])], "reseat");
    expect(await seats.seatOf(cyrus.address)).to.equal(5n);
    expect(await seats.getVotes(cyrus.address)).to.equal(1n);
    expect(await seats.balanceOf(cyrus.address)).to.equal(1n);
    expect(await seats.getVotes(outsider.address)).to.equal(0n);
  });

  it("AlreadySeated and NotSeated, at deployment and through governance (TC-2)", async () => {
    const { governor, seats, timelock, onSeats, ada, bea, outsider } = await networkHelpers.loadFixture(deployThree);
    const factory = await ethers.getContractFactory("CouncilSeat");
    await expect(factory.deploy([ada.address, ada.address], ["A", "B"], await timelock.getAddress()))
      .to.be.revertedWithCustomError(seats, "AlreadySeated")
      .withArgs(ada.address);
    const again = await decide(
      ethers,
      governor,
      ada,
      [ada, bea],
      [onSeats("seat", [ada.address, "twice"])],
      "twice",
      "queued",
    );
    await networkHelpers.time.increase(2 * DAY + 1);
    await expect(governor["execute(uint256)"](again))
      .to.be.revertedWithCustomError(seats, "AlreadySeated")
      .withArgs(ada.address);
    const none = await decide(
      ethers,
      governor,
      bea,
      [ada, bea],
      [onSeats("unseat", [outsider.address])],
      "none",
      "queued",
    );
    await networkHelpers.time.increase(2 * DAY + 1);
    await expect(governor["execute(uint256)"](none))
      .to.be.revertedWithCustomError(seats, "NotSeated")
      .withArgs(outsider.address);
    expect(await seats.balanceOf(ada.address)).to.equal(1n);
    expect(await seats.getVotes(ada.address)).to.equal(1n);
  });

  it("seats are not transferable, and their votes cannot be delegated (TC-1, TC-2)", async () => {
    const { seats, ada, bea, outsider } = await networkHelpers.loadFixture(deployThree);
    await expect(seats.connect(ada).transferFrom(ada.address, bea.address, 1))
      .to.be.revertedWithCustomError(seats, "SeatNotTransferable")
      .withArgs(1);
    await expect(seats.connect(ada)["safeTransferFrom(address,address,uint256)"](ada.address, outsider.address, 1))
      .to.be.revertedWithCustomError(seats, "SeatNotTransferable")
      .withArgs(1);
    await seats.connect(ada).approve(outsider.address, 1);
    await expect(seats.connect(outsider).transferFrom(ada.address, outsider.address, 1))
      .to.be.revertedWithCustomError(seats, "SeatNotTransferable")
      .withArgs(1);
    // Delegating a seat's vote would give another member two votes: refused.
    await expect(seats.connect(ada).delegate(bea.address))
      .to.be.revertedWithCustomError(seats, "SeatNotTransferable")
      .withArgs(1);
    await expect(seats.connect(ada).delegate(ethers.ZeroAddress))
      .to.be.revertedWithCustomError(seats, "SeatNotTransferable")
      .withArgs(1);
    await expect(seats.connect(outsider).delegate(bea.address))
      .to.be.revertedWithCustomError(seats, "SeatNotTransferable")
      .withArgs(0);
    await seats.connect(ada).delegate(ada.address); // re-affirming oneself is harmless
    expect(await seats.ownerOf(1)).to.equal(ada.address);
    expect(await seats.getVotes(ada.address)).to.equal(1n);
    expect(await seats.getVotes(bea.address)).to.equal(1n);
    expect(await seats.getVotes(outsider.address)).to.equal(0n);
  });

  it("voting settings change only through governance", async () => {
    const { governor, onGovernor, ada, bea } = await networkHelpers.loadFixture(deployThree);
    await expect(governor.connect(ada).setVotingPeriod(DAY))
      .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
      .withArgs(ada.address);
    await decide(ethers, governor, ada, [ada, bea], [onGovernor("setVotingPeriod", [3 * DAY])], "shorter votes");
    expect(await governor.votingPeriod()).to.equal(BigInt(3 * DAY));
  });
});
