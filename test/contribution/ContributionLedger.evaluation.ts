import { expect } from "chai";
import { DAY, deployWithProject, ethers, input, networkHelpers, Status, submitAs } from "./fixtures.ts";

const comment = ethers.keccak256(ethers.toUtf8Bytes("solid work"));

describe("ContributionLedger · peer evaluation and settlement", () => {
  it("records an evaluation below quorum without settling", async () => {
    const { ledger, alice, bob } = await networkHelpers.loadFixture(deployWithProject);
    const id = await submitAs(ledger, alice);
    await expect(ledger.connect(bob).evaluate(id, 7, comment))
      .to.emit(ledger, "ContributionEvaluated")
      .withArgs(id, bob.address, 7, comment);
    const c = await ledger.getContribution(id);
    expect([c.status, c.evaluationCount]).to.deep.equal([Status.Pending, 1n]);
    expect(await ledger.hasEvaluated(id, bob.address)).to.equal(true);
    expect(await ledger.scoresOf(id)).to.deep.equal([7n]);
  });

  it("settles at quorum on the median: accepted, points = quantity × weight × median, minted to the contributor", async () => {
    const { ledger, alice, bob, carol } = await networkHelpers.loadFixture(deployWithProject);
    const id = await submitAs(ledger, alice, input({ quantity: 3n })); // kind 0, weight 10
    await ledger.connect(bob).evaluate(id, 6, comment);
    // median of (6, 9) = 7.5 → medianX2 = 15 → points = 3 × 10 × 15 / 2 = 225
    await expect(ledger.connect(carol).evaluate(id, 9, comment))
      .to.emit(ledger, "ContributionSettled")
      .withArgs(id, 1, alice.address, Status.Accepted, 15, 225)
      .and.to.emit(ledger, "PointsMinted")
      .withArgs(1, alice.address, id, 225, 225);
    expect(await ledger.pointsOf(1, alice.address)).to.equal(225n);
    expect((await ledger.getProject(1))[4]).to.equal(225n);
    expect((await ledger.getContribution(id)).status).to.equal(Status.Accepted);
  });

  it("rejects when the median is below the minimum score; no points", async () => {
    const { ledger, alice, bob, carol } = await networkHelpers.loadFixture(deployWithProject);
    const id = await submitAs(ledger, alice);
    await ledger.connect(bob).evaluate(id, 4, comment);
    await expect(ledger.connect(carol).evaluate(id, 5, comment)) // median 4.5 < 5
      .to.emit(ledger, "ContributionSettled")
      .withArgs(id, 1, alice.address, Status.Rejected, 9, 0)
      .and.not.to.emit(ledger, "PointsMinted");
    expect(await ledger.pointsOf(1, alice.address)).to.equal(0n);
  });

  it("one outlier cannot move the median (quorum 3)", async () => {
    const { ledger, coordinator, alice, bob, carol, dave } = await networkHelpers.loadFixture(deployWithProject);
    await ledger.connect(coordinator).updateProject(1, "", { quorum: 3, evaluationWindow: DAY, minScore: 5 });
    const low = await submitAs(ledger, alice);
    await ledger.connect(bob).evaluate(low, 8, comment);
    await ledger.connect(carol).evaluate(low, 8, comment);
    await expect(ledger.connect(dave).evaluate(low, 0, comment))
      .to.emit(ledger, "ContributionSettled")
      .withArgs(low, 1, alice.address, Status.Accepted, 16, 240);
    const high = await submitAs(ledger, bob);
    await ledger.connect(alice).evaluate(high, 2, comment);
    await ledger.connect(carol).evaluate(high, 3, comment);
    await expect(ledger.connect(dave).evaluate(high, 10, comment))
      .to.emit(ledger, "ContributionSettled")
      .withArgs(high, 1, bob.address, Status.Rejected, 6, 0);
  });

  it("computes the median for every quorum up to 16", async () => {
    const { ledger, coordinator, alice } = await networkHelpers.loadFixture(deployWithProject);
    const evaluators = (await ethers.getSigners()).slice(2, 18);
    for (const e of evaluators) await ledger.connect(coordinator).grantRole(1, e.address, 1);
    for (const quorum of [1, 4, 15, 16]) {
      await ledger.connect(coordinator).updateProject(1, "", { quorum, evaluationWindow: DAY, minScore: 1 });
      const id = await submitAs(ledger, alice, input({ quantity: 1n }));
      const scores = Array.from({ length: quorum }, (_, i) => (i * 7 + quorum) % 11);
      for (let i = 0; i < quorum - 1; i++) await ledger.connect(evaluators[i]).evaluate(id, scores[i], comment);
      const sorted = [...scores].sort((a, b) => a - b);
      const medianX2 = sorted[Math.floor((quorum - 1) / 2)] + sorted[Math.floor(quorum / 2)];
      const accepted = medianX2 >= 2;
      await expect(ledger.connect(evaluators[quorum - 1]).evaluate(id, scores[quorum - 1], comment))
        .to.emit(ledger, "ContributionSettled")
        .withArgs(
          id,
          1,
          alice.address,
          accepted ? Status.Accepted : Status.Rejected,
          medianX2,
          accepted ? (10 * medianX2) / 2 : 0,
        );
      expect((await ledger.scoresOf(id)).map(Number)).to.deep.equal(scores);
    }
  });

  it("all-maximum and all-zero scores settle at the ends of the scale", async () => {
    const { ledger, alice, bob, carol } = await networkHelpers.loadFixture(deployWithProject);
    const top = await submitAs(ledger, alice);
    await ledger.connect(bob).evaluate(top, 10, comment);
    await expect(ledger.connect(carol).evaluate(top, 10, comment))
      .to.emit(ledger, "ContributionSettled")
      .withArgs(top, 1, alice.address, Status.Accepted, 20, 300);
    const zero = await submitAs(ledger, alice);
    await ledger.connect(bob).evaluate(zero, 0, comment);
    await expect(ledger.connect(carol).evaluate(zero, 0, comment))
      .to.emit(ledger, "ContributionSettled")
      .withArgs(zero, 1, alice.address, Status.Rejected, 0, 0);
  });

  it("refuses self-evaluation, double evaluation, out-of-range scores, outsiders and unknown contributions", async () => {
    const { ledger, alice, bob, outsider } = await networkHelpers.loadFixture(deployWithProject);
    const id = await submitAs(ledger, alice);
    await expect(ledger.connect(alice).evaluate(id, 5, comment))
      .to.be.revertedWithCustomError(ledger, "SelfEvaluation")
      .withArgs(id, alice.address);
    await ledger.connect(bob).evaluate(id, 5, comment);
    await expect(ledger.connect(bob).evaluate(id, 6, comment))
      .to.be.revertedWithCustomError(ledger, "AlreadyEvaluated")
      .withArgs(id, bob.address);
    await expect(ledger.connect(bob).evaluate(id, 11, comment))
      .to.be.revertedWithCustomError(ledger, "ScoreOutOfRange")
      .withArgs(11, 10);
    await expect(ledger.connect(outsider).evaluate(id, 5, comment))
      .to.be.revertedWithCustomError(ledger, "NotMember")
      .withArgs(1, outsider.address);
    await expect(ledger.connect(bob).evaluate(99, 5, comment))
      .to.be.revertedWithCustomError(ledger, "UnknownContribution")
      .withArgs(99);
  });

  it("refuses evaluations after the window and lets anyone expire an unsettled contribution", async () => {
    const { ledger, alice, bob, outsider } = await networkHelpers.loadFixture(deployWithProject);
    const id = await submitAs(ledger, alice);
    const { closesAt } = await ledger.getContribution(id);
    await expect(ledger.connect(outsider).expire(id))
      .to.be.revertedWithCustomError(ledger, "EvaluationWindowOpen")
      .withArgs(id, closesAt);
    await networkHelpers.time.increaseTo(closesAt + 1n);
    await expect(ledger.connect(bob).evaluate(id, 5, comment))
      .to.be.revertedWithCustomError(ledger, "EvaluationWindowClosed")
      .withArgs(id, closesAt);
    await expect(ledger.connect(outsider).expire(id))
      .to.emit(ledger, "ContributionSettled")
      .withArgs(id, 1, alice.address, Status.Expired, 0, 0);
    await expect(ledger.connect(outsider).expire(id))
      .to.be.revertedWithCustomError(ledger, "ContributionNotPending")
      .withArgs(id, Status.Expired);
    await expect(ledger.expire(42)).to.be.revertedWithCustomError(ledger, "UnknownContribution").withArgs(42);
  });

  it("a settled contribution never changes (invariant CL-3)", async () => {
    const { ledger, alice, bob, carol, dave } = await networkHelpers.loadFixture(deployWithProject);
    const id = await submitAs(ledger, alice);
    await ledger.connect(bob).evaluate(id, 7, comment);
    await ledger.connect(carol).evaluate(id, 7, comment);
    const before = await ledger.getContribution(id);
    await expect(ledger.connect(dave).evaluate(id, 0, comment))
      .to.be.revertedWithCustomError(ledger, "ContributionNotPending")
      .withArgs(id, Status.Accepted);
    await networkHelpers.time.increase(8 * DAY);
    await expect(ledger.expire(id)).to.be.revertedWithCustomError(ledger, "ContributionNotPending");
    expect(await ledger.getContribution(id)).to.deep.equal(before);
    expect(await ledger.scoresOf(id)).to.deep.equal([7n, 7n]);
  });

  it("points are non-transferable: the ledger has no function that moves them", async () => {
    const { ledger } = await networkHelpers.loadFixture(deployWithProject);
    const names: string[] = [];
    ledger.interface.forEachFunction((f) => names.push(f.name));
    for (const forbidden of ["transfer", "transferFrom", "approve", "transferPoints", "safeTransferFrom"]) {
      expect(names).not.to.include(forbidden);
    }
  });

  it("caps a project's total points", async () => {
    const { ledger, coordinator, alice, bob } = await networkHelpers.loadFixture(deployWithProject);
    await ledger.connect(coordinator).updateProject(1, "", { quorum: 1, evaluationWindow: DAY, minScore: 1 });
    await ledger.connect(coordinator).addKind(1, "Heavy", 1_000_000);
    const max = 2n ** 64n - 1n;
    const per = (max * 1_000_000n * 20n) / 2n; // quantity × weight × median(10)
    const cap = 2n ** 96n - 1n;
    let total = 0n;
    while (total + per <= cap) {
      const id = await submitAs(ledger, alice, input({ kindId: 3, quantity: max }));
      await ledger.connect(bob).evaluate(id, 10, comment);
      total += per;
    }
    const id = await submitAs(ledger, alice, input({ kindId: 3, quantity: max }));
    await expect(ledger.connect(bob).evaluate(id, 10, comment))
      .to.be.revertedWithCustomError(ledger, "PointsCapExceeded")
      .withArgs(1, total + per, cap);
  });
});
