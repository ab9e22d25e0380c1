// Commonfare: claims. Reporting, confirmation by the buddy and the board, monthly gifts taken pro rata to the levels
// through the index (exact to the wei, the same rule in a circle of 20 and one of 50), recovery and the end of a claim
// after its maximum duration (CF-3), and the claimant's frozen account.
import { expect } from "chai";
import { coverage } from "../utils/coverage.ts";
import {
  admit,
  type Base,
  ceilDiv,
  checkBooks,
  type Circle,
  deployCircle,
  deployCircles20and50,
  deployCommonfare,
  ethers,
  found,
  fund,
  given,
  indexStep,
  LEVELS,
  LEVELS6,
  MONTH,
  networkHelpers,
  note,
  rules,
  SCALE,
  type Signer,
  startClaim,
  Status,
  sum,
  txTime,
  u,
  WAITING,
} from "./fixtures.ts";

/** Circle 1 of {deployCircle} with every account filled to its cap (36 months): pool 12,600. */
async function deployFullCircle() {
  const s = await deployCircle();
  for (const [i, m] of s.members.entries()) await fund(s, m, 24n * LEVELS[s.levels[i]].monthlyDeposit);
  return s;
}

/** Circle 2, whose claims last at most 3 months: alice (level 0, its founder), bob (2) and carol (0), each at its cap,
 * past the waiting period; alice's claim (buddy carol) has started: 1,000 a month over the funding weight 150. */
async function deployShortClaim() {
  const s = await deployCommonfare();
  const [alice, bob, carol] = s.rest;
  const id = await found(s, alice, rules(await s.token.getAddress(), { maxGiftMonths: 3, minMembers: 3 }), LEVELS, [
    s.boardA,
    s.boardB,
  ]);
  await admit(s, bob, 2, id);
  await admit(s, carol, 0, id);
  for (const [m, d] of [
    [alice, LEVELS[0].monthlyDeposit],
    [bob, LEVELS[2].monthlyDeposit],
    [carol, LEVELS[0].monthlyDeposit],
  ] as const) {
    await fund(s, m, 36n * d, id);
  }
  await networkHelpers.time.increase(WAITING);
  const claimId = await startClaim(s, alice, carol, id);
  const startedAt = (await s.commonfare.claimOf(id, alice.address)).startedAt;
  return { ...s, alice, bob, carol, id, claimId, startedAt };
}

/** The balances of `who` in `circleId`. */
const balances = (s: Base, circleId: bigint, who: Signer[]) =>
  Promise.all(who.map((m) => s.commonfare.balanceOf(circleId, m.address)));

describe("Commonfare · claims: confirmation, gifts, recovery and the end of a claim", () => {
  describe("reportClaim", () => {
    it("records who is unable to work, its buddy, the hash of a note, the benefit and the maximum", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, alice, bob } = s;
      await expect(commonfare.connect(alice).reportClaim(1n, bob.address, note("burn-out")))
        .to.emit(commonfare, "ClaimReported")
        .withArgs(1n, 1n, alice.address, bob.address, note("burn-out"), u(1_500), 24n);
      const c = await commonfare.claimOf(1n, alice.address);
      expect([c.id, c.buddy, c.startedAt, c.buddyConfirmed, c.boardConfirmations, c.monthsPaid]).to.deep.equal([
        1n,
        bob.address,
        0n,
        false,
        0n,
        0n,
      ]);
      expect([c.maxMonths, c.benefit, c.monthsDue]).to.deep.equal([24n, u(1_500), 0n]);
      // nothing changes in the books until the claim starts
      const circle = await commonfare.circleOf(1n);
      expect([circle.claimants, circle.fundingWeight, circle.burn]).to.deep.equal([0n, u(350), 0n]);
      expect((await commonfare.accountOf(1n, alice.address)).status).to.equal(Status.Member);
    });

    it("refuses a member still in its waiting period, and any claim while the circle is too small", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, alice, bob, dave, erin, boardA } = s;
      await commonfare.connect(erin).requestJoin(1n, 0);
      const t = await txTime(commonfare.connect(boardA).approveCandidate(1n, erin.address));
      await expect(commonfare.connect(erin).reportClaim(1n, bob.address, ethers.ZeroHash))
        .to.be.revertedWithCustomError(commonfare, "WaitingPeriod")
        .withArgs(1n, erin.address, t + WAITING);
      await networkHelpers.time.setNextBlockTimestamp(t + WAITING - 1n);
      await expect(commonfare.connect(erin).reportClaim(1n, bob.address, ethers.ZeroHash))
        .to.be.revertedWithCustomError(commonfare, "WaitingPeriod")
        .withArgs(1n, erin.address, t + WAITING);
      await networkHelpers.time.setNextBlockTimestamp(t + WAITING);
      await expect(commonfare.connect(erin).reportClaim(1n, bob.address, ethers.ZeroHash)).to.emit(
        commonfare,
        "ClaimReported",
      );
      // two members leave: 4 < 5
      await commonfare.connect(dave).leave(1n);
      await commonfare.connect(bob).leave(1n);
      await expect(commonfare.connect(alice).reportClaim(1n, s.founder.address, ethers.ZeroHash))
        .to.be.revertedWithCustomError(commonfare, "CircleTooSmall")
        .withArgs(1n, 4n, 5n);
      // the founder alone
      const base = await networkHelpers.loadFixture(deployCommonfare);
      await expect(base.commonfare.connect(base.founder).reportClaim(1n, base.boardA.address, ethers.ZeroHash))
        .to.be.revertedWithCustomError(base.commonfare, "CircleTooSmall")
        .withArgs(1n, 1n, 5n);
    });

    it("refuses a buddy who is the claimant or no member, a second open claim, and outsiders", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, alice, bob, erin, outsider, boardA } = s;
      await commonfare.connect(erin).requestJoin(1n, 0); // a candidate
      for (const buddy of [alice.address, outsider.address, erin.address, boardA.address, ethers.ZeroAddress]) {
        await expect(commonfare.connect(alice).reportClaim(1n, buddy, ethers.ZeroHash))
          .to.be.revertedWithCustomError(commonfare, "InvalidBuddy")
          .withArgs(1n, buddy);
      }
      await commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash);
      await expect(commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash))
        .to.be.revertedWithCustomError(commonfare, "ClaimAlreadyOpen")
        .withArgs(1n, alice.address, 1n);
      await startClaimConfirm(s, alice, bob);
      await expect(commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash))
        .to.be.revertedWithCustomError(commonfare, "ClaimAlreadyOpen")
        .withArgs(1n, alice.address, 1n);
      for (const who of [outsider, erin]) {
        await expect(commonfare.connect(who).reportClaim(1n, bob.address, ethers.ZeroHash))
          .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
          .withArgs(1n, who.address);
      }
    });

    it("a claim waiting for confirmations can be withdrawn, and a new one reported with a new id", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, alice, bob, carol, boardA } = s;
      await expect(commonfare.connect(alice).withdrawClaim(1n))
        .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
        .withArgs(1n, alice.address);
      await commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash);
      await commonfare.connect(bob).confirmClaim(1n, alice.address);
      await expect(commonfare.connect(alice).withdrawClaim(1n))
        .to.emit(commonfare, "ClaimWithdrawn")
        .withArgs(1n, 1n, alice.address);
      await expect(commonfare.connect(boardA).confirmClaim(1n, alice.address))
        .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
        .withArgs(1n, alice.address);
      await expect(commonfare.connect(alice).reportClaim(1n, carol.address, note("again")))
        .to.emit(commonfare, "ClaimReported")
        .withArgs(1n, 2n, alice.address, carol.address, note("again"), u(1_500), 24n);
      // confirmations of the withdrawn claim do not carry over
      expect(await commonfare.hasConfirmed(1n, bob.address)).to.equal(true);
      expect(await commonfare.hasConfirmed(2n, bob.address)).to.equal(false);
      const c = await commonfare.claimOf(1n, alice.address);
      expect([c.id, c.buddy, c.buddyConfirmed, c.boardConfirmations]).to.deep.equal([2n, carol.address, false, 0n]);
      await startClaimConfirm(s, alice, carol);
      await expect(commonfare.connect(alice).withdrawClaim(1n))
        .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
        .withArgs(1n, alice.address);
    });
  });

  describe("confirmClaim", () => {
    it("the claim starts only with its buddy's and enough board confirmations, in either order", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, alice, bob, boardA } = s;
      await commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash);
      await expect(commonfare.connect(boardA).confirmClaim(1n, alice.address))
        .to.emit(commonfare, "ClaimConfirmed")
        .withArgs(1n, 1n, boardA.address, false, 1n)
        .and.not.to.emit(commonfare, "ClaimStarted");
      expect((await commonfare.claimOf(1n, alice.address)).startedAt).to.equal(0n);
      await expect(commonfare.connect(alice).collectGift(1n))
        .to.be.revertedWithCustomError(commonfare, "ClaimNotStarted")
        .withArgs(1n, 1n);
      const tx = await commonfare.connect(bob).confirmClaim(1n, alice.address);
      const t = await txTime(tx);
      await expect(tx).to.emit(commonfare, "ClaimConfirmed").withArgs(1n, 1n, bob.address, true, 1n);
      await expect(tx).to.emit(commonfare, "ClaimStarted").withArgs(1n, 1n, alice.address, t, u(900), 0n);
      const c = await commonfare.claimOf(1n, alice.address);
      expect([c.startedAt, c.buddyConfirmed, c.boardConfirmations, c.monthsDue]).to.deep.equal([t, true, 1n, 1n]);
      expect(await commonfare.hasConfirmed(1n, bob.address)).to.equal(true);
      expect(await commonfare.hasConfirmed(1n, boardA.address)).to.equal(true);
      // the claimant stops funding gifts; the circle shows the burn and its months of cover
      const circle = await commonfare.circleOf(1n);
      expect([circle.claimants, circle.fundingWeight, circle.burn]).to.deep.equal([1n, u(275), u(1_500)]);
      expect(circle.coverMonths1e2).to.equal((u(4_200) * 100n) / u(1_500)); // 2.8 months
      expect((await commonfare.accountOf(1n, alice.address)).status).to.equal(Status.Claiming);
    });

    it("the buddy alone, or the board alone, does not start a claim that needs both", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, founder, alice, boardA, boardB } = s;
      // circle 2 needs two board confirmations
      const id = await found(s, founder, rules(await token.getAddress(), { minMembers: 2, boardConfirmations: 2 }));
      await admit(s, alice, 1, id);
      await networkHelpers.time.increase(WAITING);
      await commonfare.connect(alice).reportClaim(id, founder.address, ethers.ZeroHash);
      await expect(commonfare.connect(founder).confirmClaim(id, alice.address)).not.to.emit(commonfare, "ClaimStarted");
      await expect(commonfare.connect(boardA).confirmClaim(id, alice.address)).not.to.emit(commonfare, "ClaimStarted");
      const c = await commonfare.claimOf(id, alice.address);
      expect([c.buddyConfirmed, c.boardConfirmations, c.startedAt]).to.deep.equal([true, 1n, 0n]);
      const start = await commonfare.connect(boardB).confirmClaim(id, alice.address);
      await expect(start)
        .to.emit(commonfare, "ClaimStarted")
        .withArgs(id, 1n, alice.address, await txTime(start), 0n, 0n);
    });

    it("only the buddy (while a member) and board members confirm, each once; never the claimant", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, alice, bob, carol, outsider, boardA } = s;
      await expect(commonfare.connect(bob).confirmClaim(1n, alice.address))
        .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
        .withArgs(1n, alice.address);
      await commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash);
      for (const who of [alice, carol, outsider]) {
        await expect(commonfare.connect(who).confirmClaim(1n, alice.address))
          .to.be.revertedWithCustomError(commonfare, "NotConfirmer")
          .withArgs(1n, alice.address, who.address);
      }
      await commonfare.connect(bob).confirmClaim(1n, alice.address);
      await expect(commonfare.connect(bob).confirmClaim(1n, alice.address))
        .to.be.revertedWithCustomError(commonfare, "AlreadyConfirmed")
        .withArgs(1n, 1n, bob.address);
      // a board member confirms a claim once (carol's buddy has not confirmed yet)
      await commonfare.connect(carol).reportClaim(1n, s.dave.address, ethers.ZeroHash);
      await commonfare.connect(boardA).confirmClaim(1n, carol.address);
      await expect(commonfare.connect(boardA).confirmClaim(1n, carol.address))
        .to.be.revertedWithCustomError(commonfare, "AlreadyConfirmed")
        .withArgs(1n, 2n, boardA.address);
      // a buddy who left the circle no longer confirms
      await commonfare.connect(s.dave).leave(1n);
      await expect(commonfare.connect(s.dave).confirmClaim(1n, carol.address))
        .to.be.revertedWithCustomError(commonfare, "NotConfirmer")
        .withArgs(1n, carol.address, s.dave.address);
      // a started claim takes no more confirmations
      await commonfare.connect(boardA).confirmClaim(1n, alice.address);
      await expect(commonfare.connect(s.boardB).confirmClaim(1n, alice.address))
        .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
        .withArgs(1n, alice.address);
    });
  });

  describe("collectGift", () => {
    it("CF-3: month k begins at start + k months, the first at once; nothing is paid twice", async () => {
      const s = await networkHelpers.loadFixture(deployFullCircle);
      const { commonfare, token, founder, alice, bob } = s;
      await startClaim(s, alice, bob);
      const start = (await commonfare.claimOf(1n, alice.address)).startedAt;
      const step = indexStep(u(1_500), u(275));
      const tx1 = commonfare.connect(alice).collectGift(1n);
      await expect(tx1)
        .to.emit(commonfare, "GiftCollected")
        .withArgs(1n, 1n, alice.address, 1n, u(1_500), 1n, u(275), step);
      await expect(tx1).to.changeTokenBalances(ethers, token, [alice, commonfare], [u(1_500), -u(1_500)]);
      await expect(commonfare.connect(alice).collectGift(1n))
        .to.be.revertedWithCustomError(commonfare, "NothingDue")
        .withArgs(1n, 1n, start + MONTH);
      await networkHelpers.time.setNextBlockTimestamp(start + MONTH - 1n);
      await expect(commonfare.connect(alice).collectGift(1n))
        .to.be.revertedWithCustomError(commonfare, "NothingDue")
        .withArgs(1n, 1n, start + MONTH);
      await networkHelpers.time.setNextBlockTimestamp(start + MONTH);
      await expect(commonfare.connect(alice).collectGift(1n))
        .to.emit(commonfare, "GiftCollected")
        .withArgs(1n, 1n, alice.address, 1n, u(1_500), 2n, u(275), 2n * step);
      // three more months begin by start + 4 months: collected at once, with one index step
      await networkHelpers.time.increaseTo(start + 4n * MONTH);
      expect((await commonfare.claimOf(1n, alice.address)).monthsDue).to.equal(3n);
      const step3 = indexStep(u(4_500), u(275));
      await expect(commonfare.connect(alice).collectGift(1n))
        .to.emit(commonfare, "GiftCollected")
        .withArgs(1n, 1n, alice.address, 3n, u(4_500), 5n, u(275), 2n * step + step3);
      await expect(commonfare.connect(alice).collectGift(1n))
        .to.be.revertedWithCustomError(commonfare, "NothingDue")
        .withArgs(1n, 1n, start + 5n * MONTH);
      const c = await commonfare.claimOf(1n, alice.address);
      expect([c.monthsPaid, c.monthsDue]).to.deep.equal([5n, 0n]);
      expect(await commonfare.balanceOf(1n, founder.address)).to.equal(u(1_800) - 50n * (2n * step + step3));
      expect((await commonfare.circleOf(1n)).pool).to.equal(u(12_600 - 7_500));
      await checkBooks(commonfare, 1n);
    });

    it("is refused to whoever has no claim, and before the claim starts", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, alice, bob, outsider } = s;
      for (const who of [outsider, bob]) {
        await expect(commonfare.connect(who).collectGift(1n))
          .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
          .withArgs(1n, who.address);
      }
      await commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash);
      await commonfare.connect(bob).confirmClaim(1n, alice.address);
      await expect(commonfare.connect(alice).collectGift(1n))
        .to.be.revertedWithCustomError(commonfare, "ClaimNotStarted")
        .withArgs(1n, 1n);
      await expect(commonfare.connect(alice).recover(1n))
        .to.be.revertedWithCustomError(commonfare, "ClaimNotStarted")
        .withArgs(1n, 1n);
      await expect(commonfare.connect(outsider).endClaim(1n, alice.address))
        .to.be.revertedWithCustomError(commonfare, "ClaimNotStarted")
        .withArgs(1n, 1n);
    });

    it("takes each gift from every funding member pro rata to its level, exactly: ceil(d × Δindex / 1e18)", async () => {
      const s = await networkHelpers.loadFixture(deployFullCircle);
      const { commonfare, founder, alice, bob, carol, dave } = s;
      const funders = [founder, bob, carol, dave];
      const weights = [u(50), u(100), u(50), u(75)];
      await startClaim(s, alice, bob);
      const start = (await commonfare.claimOf(1n, alice.address)).startedAt;
      let index = 0n;
      for (let k = 0n; k < 4n; k++) {
        if (k > 0n) await networkHelpers.time.increaseTo(start + k * MONTH);
        const before = await balances(s, 1n, funders);
        await commonfare.connect(alice).collectGift(1n);
        const step = indexStep(u(1_500), u(275));
        expect((await commonfare.circleOf(1n)).index).to.equal(index + step);
        index += step;
        const after = await balances(s, 1n, funders);
        const falls = before.map((b, i) => b - after[i]);
        expect(falls).to.deep.equal(weights.map((d) => ceilDiv(d * step, SCALE)));
        // the accounts give at least the gift, and at most W / 1e18 + 1 wei more (here: W = 275e18)
        expect(sum(falls) - u(1_500)).to.be.within(0n, 275n + 1n);
        // the shares follow the levels: 50 : 100 : 50 : 75
        expect(falls[1]).to.equal(2n * falls[0]);
        expect(falls[3] * 2n).to.equal(falls[0] * 3n);
      }
      expect(await balances(s, 1n, funders)).to.deep.equal(weights.map((d) => 36n * d - given(d, index)));
      expect(await commonfare.balanceOf(1n, alice.address)).to.equal(u(2_700)); // frozen
      await checkBooks(commonfare, 1n);
    });

    it("a circle of 20 and one of 50 share gifts by the same rule, per unit of weight, at the same cost", async () => {
      const s = await networkHelpers.loadFixture(deployCircles20and50);
      const gas: bigint[] = [];
      for (const { circleId, members, levels } of [s.circle20, s.circle50]) {
        const [claimant, buddy] = [members[1], members[2]]; // the claimant is at level 1 (1,500 a month)
        const funders = members.filter((m) => m !== claimant);
        const weights = members.map((_, i) => LEVELS6[levels[i]].monthlyDeposit).filter((_, i) => i !== 1);
        const W = sum(weights);
        await startClaim(s, claimant, buddy, circleId);
        expect((await s.commonfare.circleOf(circleId)).fundingWeight).to.equal(W);
        const { startedAt: start, id: claimId } = await s.commonfare.claimOf(circleId, claimant.address);
        const opening = weights.map((d) => 12n * d);
        let index = 0n;
        for (let k = 0n; k < 2n; k++) {
          if (k > 0n) await networkHelpers.time.increaseTo(start + k * MONTH);
          const before = await balances(s, circleId, funders);
          const tx = await s.commonfare.connect(claimant).collectGift(circleId);
          gas.push((await tx.wait())!.gasUsed);
          const g = LEVELS6[1].monthlyBenefit;
          const step = indexStep(g, W);
          await expect(tx)
            .to.emit(s.commonfare, "GiftCollected")
            .withArgs(circleId, claimId, claimant.address, 1n, g, k + 1n, W, index + step);
          const after = await balances(s, circleId, funders);
          const falls = before.map((b, i) => b - after[i]);
          // every account, settled at the index of the previous gift, gives ceil(d × step / 1e18) — or, with the
          // rounding of the earlier gift already taken, 1 base unit less; its balance is exact from its snapshot (0)
          for (const [i, d] of weights.entries()) {
            expect(falls[i] - ceilDiv(d * step, SCALE)).to.be.within(k === 0n ? 0n : -1n, 0n);
            expect(after[i]).to.equal(opening[i] - given(d, index + step));
            // per unit of weight every account gives g / W, rounded up to the base unit
            expect(falls[i] * W).to.be.within(d * g - W, d * g + 2n * W);
          }
          index += step;
          // in all, the accounts gave at least the gifts, and at most W / 1e18 + 1 (here 1) base unit more per gift
          // plus one per account (its share rounded up)
          const gave = sum(opening) - sum(after);
          expect(gave - (k + 1n) * g).to.be.within(0n, (k + 1n) * (W / SCALE + 1n) + BigInt(funders.length));
          if (k === 0n) expect(sum(falls)).to.equal(gave);
        }
        await checkBooks(s.commonfare, circleId);
      }
      // the first and the second gift of the circle of 20 against those of the circle of 50: within 5 %
      if (!coverage) {
        for (const [a, b] of [
          [gas[0], gas[2]],
          [gas[1], gas[3]],
        ]) {
          const diff = a > b ? a - b : b - a;
          expect(diff * 100n).to.be.at.most(5n * (a > b ? a : b));
        }
      }
    });

    it("pays the claimant's level's benefit when it reported, whatever it deposited", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, bob, erin, boardA, alice } = s;
      // erin (level 2) joins with a single month deposited, and claims after her waiting period
      await commonfare.connect(erin).requestJoin(1n, 2);
      await commonfare.connect(boardA).approveCandidate(1n, erin.address);
      await fund(s, erin, u(100));
      await networkHelpers.time.increase(WAITING);
      await startClaim(s, erin, alice);
      await expect(commonfare.connect(erin).collectGift(1n)).to.changeTokenBalance(ethers, token, erin, u(2_000));
      // the other members gave 2,000 among their weight of 350, and bob's share at his level
      const step = indexStep(u(2_000), u(350));
      expect(await commonfare.balanceOf(1n, bob.address)).to.equal(u(1_200) - 100n * step);
      await checkBooks(commonfare, 1n);
    });
  });

  describe("recover and endClaim", () => {
    it("recover pays the months begun, then ends the claim: the claimant funds gifts again", async () => {
      const s = await networkHelpers.loadFixture(deployFullCircle);
      const { commonfare, token, alice, bob, carol, dave } = s;
      await startClaim(s, alice, bob);
      const start = (await commonfare.claimOf(1n, alice.address)).startedAt;
      await commonfare.connect(alice).collectGift(1n);
      await networkHelpers.time.increaseTo(start + 2n * MONTH); // months 2 and 3 begun
      const step = indexStep(u(1_500), u(275));
      const step2 = indexStep(u(3_000), u(275));
      const tx = commonfare.connect(alice).recover(1n);
      await expect(tx)
        .to.emit(commonfare, "GiftCollected")
        .withArgs(1n, 1n, alice.address, 2n, u(3_000), 3n, u(275), step + step2);
      await expect(tx)
        .to.emit(commonfare, "ClaimEnded")
        .withArgs(1n, 1n, alice.address, 3n, true, step + step2);
      await expect(tx).to.changeTokenBalance(ethers, token, alice, u(3_000));
      const c = await commonfare.circleOf(1n);
      expect([c.claimants, c.fundingWeight, c.burn, c.coverMonths1e2]).to.deep.equal([
        0n,
        u(350),
        0n,
        ethers.MaxUint256,
      ]);
      expect((await commonfare.accountOf(1n, alice.address)).status).to.equal(Status.Member);
      await expect(commonfare.connect(alice).collectGift(1n))
        .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
        .withArgs(1n, alice.address);
      await expect(commonfare.connect(alice).recover(1n))
        .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
        .withArgs(1n, alice.address);
      // carol (level 0) claims: alice, back among the funders, gives her share from the index she returned at
      await startClaim(s, carol, dave);
      await commonfare.connect(carol).collectGift(1n);
      const step3 = indexStep(u(1_000), u(300));
      expect(await commonfare.balanceOf(1n, alice.address)).to.equal(u(2_700) - 75n * step3);
      await checkBooks(commonfare, 1n);
    });

    it("recovering at once, with the month collected, pays nothing more", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, alice, bob } = s;
      await startClaim(s, alice, bob);
      await commonfare.connect(alice).collectGift(1n);
      const step = indexStep(u(1_500), u(275));
      await expect(commonfare.connect(alice).recover(1n))
        .to.emit(commonfare, "ClaimEnded")
        .withArgs(1n, 1n, alice.address, 1n, true, step)
        .and.not.to.emit(commonfare, "GiftCollected")
        .and.not.to.emit(token, "Transfer");
    });

    it("collecting the last month ends the claim (CF-3: never beyond the maximum)", async () => {
      const s = await networkHelpers.loadFixture(deployShortClaim);
      const { commonfare, alice, id, claimId, startedAt } = s;
      await commonfare.connect(alice).collectGift(id);
      await networkHelpers.time.increaseTo(startedAt + 10n * MONTH);
      expect((await commonfare.claimOf(id, alice.address)).monthsDue).to.equal(2n);
      // weight 150 (bob 100, carol 50)
      const index = indexStep(u(1_000), u(150)) + indexStep(u(2_000), u(150));
      await expect(commonfare.connect(alice).collectGift(id))
        .to.emit(commonfare, "ClaimEnded")
        .withArgs(id, claimId, alice.address, 3n, false, index);
      await expect(commonfare.connect(alice).collectGift(id))
        .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
        .withArgs(id, alice.address);
      await expect(commonfare.connect(s.outsider).endClaim(id, alice.address))
        .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
        .withArgs(id, alice.address);
      const c = await commonfare.claimOf(id, alice.address);
      expect([c.monthsPaid, c.monthsDue]).to.deep.equal([3n, 0n]);
      expect((await commonfare.circleOf(id)).claimants).to.equal(0n);
      await checkBooks(commonfare, id);
    });

    it("anyone ends a claim after its maximum duration, paying the claimant (not the caller) what is due", async () => {
      const s = await networkHelpers.loadFixture(deployShortClaim);
      const { commonfare, token, alice, outsider, id, claimId, startedAt } = s;
      const endsAt = startedAt + 3n * MONTH;
      await expect(commonfare.connect(outsider).endClaim(id, alice.address))
        .to.be.revertedWithCustomError(commonfare, "ClaimStillRunning")
        .withArgs(id, claimId, endsAt);
      await networkHelpers.time.setNextBlockTimestamp(endsAt - 1n);
      await expect(commonfare.connect(outsider).endClaim(id, alice.address))
        .to.be.revertedWithCustomError(commonfare, "ClaimStillRunning")
        .withArgs(id, claimId, endsAt);
      await networkHelpers.time.setNextBlockTimestamp(endsAt);
      const index = indexStep(u(3_000), u(150));
      const tx = commonfare.connect(outsider).endClaim(id, alice.address);
      await expect(tx)
        .to.emit(commonfare, "GiftCollected")
        .withArgs(id, claimId, alice.address, 3n, u(3_000), 3n, u(150), index);
      await expect(tx).to.emit(commonfare, "ClaimEnded").withArgs(id, claimId, alice.address, 3n, false, index);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, outsider], [u(3_000), 0n]);
      expect((await commonfare.accountOf(id, alice.address)).status).to.equal(Status.Member);
      await checkBooks(commonfare, id);
    });

    it("the claimant itself may end its claim at any time: it counts as recovered", async () => {
      const s = await networkHelpers.loadFixture(deployShortClaim);
      const { commonfare, alice, id, claimId } = s;
      await expect(commonfare.connect(alice).endClaim(id, alice.address))
        .to.emit(commonfare, "ClaimEnded")
        .withArgs(id, claimId, alice.address, 1n, true, indexStep(u(1_000), u(150)));
    });

    it("the claimant's own endClaim after the maximum duration ends it as run out, not recovered", async () => {
      const s = await networkHelpers.loadFixture(deployShortClaim);
      const { commonfare, alice, id, claimId } = s;
      const claim = await commonfare.claimOf(id, alice.address);
      const endsAt = claim.startedAt + claim.maxMonths * MONTH;
      await networkHelpers.time.setNextBlockTimestamp(endsAt);
      const months = claim.maxMonths - claim.monthsPaid;
      const index = (await commonfare.circleOf(id)).index + indexStep(u(1_000) * months, u(150));
      await expect(commonfare.connect(alice).endClaim(id, alice.address))
        .to.emit(commonfare, "ClaimEnded")
        .withArgs(id, claimId, alice.address, claim.maxMonths, false, index);
    });
  });

  describe("the claimant's account", () => {
    it("is frozen while claiming: other gifts are not taken from it, and funding resumes after", async () => {
      const s = await networkHelpers.loadFixture(deployFullCircle);
      const { commonfare, founder, alice, bob, carol, dave } = s;
      await startClaim(s, alice, bob);
      await startClaim(s, bob, carol);
      const c = await commonfare.circleOf(1n);
      expect([c.claimants, c.fundingWeight, c.burn]).to.deep.equal([2n, u(175), u(3_500)]);
      expect(c.coverMonths1e2).to.equal((u(12_600) * 100n) / u(3_500));
      await commonfare.connect(alice).collectGift(1n);
      await commonfare.connect(bob).collectGift(1n);
      const stepA = indexStep(u(1_500), u(175));
      const stepB = indexStep(u(2_000), u(175));
      // neither claimant gives to the other's gift
      expect(await commonfare.balanceOf(1n, alice.address)).to.equal(u(2_700));
      expect(await commonfare.balanceOf(1n, bob.address)).to.equal(u(3_600));
      for (const [m, d] of [
        [founder, u(50)],
        [carol, u(50)],
        [dave, u(75)],
      ] as const) {
        expect(await commonfare.balanceOf(1n, m.address)).to.equal(36n * d - given(d, stepA + stepB));
      }
      // a claimant still withdraws above its floor, and tops up to its cap; its account stays frozen
      await commonfare.connect(bob).withdraw(1n, u(100));
      await fund(s, bob, u(100));
      expect((await commonfare.accountOf(1n, bob.address)).status).to.equal(Status.Claiming);
      expect(await commonfare.balanceOf(1n, bob.address)).to.equal(u(3_600));
      // bob recovers: the next gift (alice's second month) is taken from him too, from the index he returned at
      await commonfare.connect(bob).recover(1n);
      const returnedAt = stepA + stepB;
      await networkHelpers.time.increase(MONTH);
      await commonfare.connect(alice).collectGift(1n);
      const step = indexStep(u(1_500), u(275));
      expect(await commonfare.balanceOf(1n, bob.address)).to.equal(
        u(3_600) - given(u(100), returnedAt + step, returnedAt),
      );
      expect(await commonfare.balanceOf(1n, alice.address)).to.equal(u(2_700));
      await checkBooks(commonfare, 1n);
    });

    it("no gift is taken while every member is claiming (NoFunders)", async () => {
      const s = await networkHelpers.loadFixture(deployCommonfare);
      const { commonfare, token, rest } = s;
      const [alice, bob] = rest;
      const id = await found(
        s,
        alice,
        rules(await token.getAddress(), { minMembers: 2, maxMembers: 2 }),
        LEVELS,
        [s.boardA],
        1,
      );
      await admit(s, bob, 2, id);
      await fund(s, alice, u(900), id);
      await fund(s, bob, u(1_200), id);
      await networkHelpers.time.increase(WAITING);
      await startClaim(s, alice, bob, id);
      await startClaim(s, bob, alice, id); // a claimant may be a buddy
      expect((await commonfare.circleOf(id)).fundingWeight).to.equal(0n);
      for (const who of [alice, bob]) {
        await expect(commonfare.connect(who).collectGift(id))
          .to.be.revertedWithCustomError(commonfare, "NoFunders")
          .withArgs(id);
      }
      // one recovers (nothing collected: its own month would have no funders either)
      await expect(commonfare.connect(bob).recover(id))
        .to.be.revertedWithCustomError(commonfare, "NoFunders")
        .withArgs(id);
    });

    it("an index that would exceed 128 bits is refused (IndexOverflow)", async () => {
      const s = await networkHelpers.loadFixture(deployCommonfare);
      const { commonfare, token, rest } = s;
      const [alice, bob] = rest;
      // a level whose deposit is 1 base unit, and one whose benefit is 10,000: a 10,000 gift over a weight of 1 wei
      const levels = [
        { monthlyDeposit: 1n, monthlyBenefit: 1n },
        { monthlyDeposit: u(1_000), monthlyBenefit: u(10_000) },
      ];
      const id = await found(s, alice, rules(await token.getAddress(), { minMembers: 2 }), levels, [s.boardA], 1);
      await admit(s, bob, 0, id);
      await fund(s, alice, u(10_000), id);
      await networkHelpers.time.increase(WAITING);
      await startClaim(s, alice, bob, id);
      await expect(commonfare.connect(alice).collectGift(id))
        .to.be.revertedWithCustomError(commonfare, "IndexOverflow")
        .withArgs(id);
      expect((await commonfare.circleOf(id)).index).to.equal(0n);
    });
  });
});

/** The buddy and boardA confirm `claimant`'s reported claim. */
async function startClaimConfirm(s: Circle, claimant: Signer, buddy: Signer) {
  await s.commonfare.connect(buddy).confirmClaim(1n, claimant.address);
  await s.commonfare.connect(s.boardA).confirmClaim(1n, claimant.address);
}
