// Commonfare: own accounts. Deposits up to the cap (CF-2), withdrawals above the floor, changes of level, and leaving
// with the whole balance (CF-4).
import { expect } from "chai";
import {
  checkBooks,
  deployCircle,
  ethers,
  fund,
  GAP,
  indexStep,
  mintTo,
  networkHelpers,
  note,
  startClaim,
  Status,
  txTime,
  u,
  WAITING,
} from "./fixtures.ts";

describe("Commonfare · accounts: deposits, withdrawals, levels and leaving", () => {
  describe("deposit", () => {
    it("credits the member's own account and the circle's pool, pulling the currency from the member", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, founder } = s;
      await mintTo(s, founder, u(500));
      const tx = commonfare.connect(founder).deposit(1n, u(500));
      await expect(tx).to.emit(commonfare, "Deposited").withArgs(1n, founder.address, u(500), u(1_100), 0n);
      await expect(tx).to.changeTokenBalances(ethers, token, [founder, commonfare], [-u(500), u(500)]);
      expect(await commonfare.balanceOf(1n, founder.address)).to.equal(u(1_100));
      expect((await commonfare.circleOf(1n)).pool).to.equal(u(4_700));
      await checkBooks(commonfare, 1n);
    });

    it("CF-2: never takes an account above its level's cap, naming the cap and the balance it would make", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, bob } = s;
      // the founder (level 0): cap 36 × 50 = 1,800, balance 600
      await mintTo(s, founder, u(1_300));
      await expect(commonfare.connect(founder).deposit(1n, u(1_200) + 1n))
        .to.be.revertedWithCustomError(commonfare, "DepositOverCap")
        .withArgs(1n, founder.address, u(1_800), u(1_800) + 1n);
      await commonfare.connect(founder).deposit(1n, u(1_200));
      expect(await commonfare.balanceOf(1n, founder.address)).to.equal(u(1_800));
      await expect(commonfare.connect(founder).deposit(1n, 1n))
        .to.be.revertedWithCustomError(commonfare, "DepositOverCap")
        .withArgs(1n, founder.address, u(1_800), u(1_800) + 1n);
      // bob (level 2): cap 3,600
      await mintTo(s, bob, u(3_000));
      await expect(commonfare.connect(bob).deposit(1n, u(3_000)))
        .to.be.revertedWithCustomError(commonfare, "DepositOverCap")
        .withArgs(1n, bob.address, u(3_600), u(4_200));
      expect((await commonfare.accountOf(1n, bob.address)).cap).to.equal(u(3_600));
    });

    it("the cap applies to the settled balance: after giving to a gift, a member tops up to the cap again", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, alice, bob } = s;
      await startClaim(s, alice, bob);
      await commonfare.connect(alice).collectGift(1n);
      // 1,500 among the funding weight 275: the founder (50) gave 50 × step
      const step = indexStep(u(1_500), u(275));
      const balance = u(600) - 50n * step;
      expect(await commonfare.balanceOf(1n, founder.address)).to.equal(balance);
      await mintTo(s, founder, u(1_800));
      await expect(commonfare.connect(founder).deposit(1n, u(1_800) - balance + 1n))
        .to.be.revertedWithCustomError(commonfare, "DepositOverCap")
        .withArgs(1n, founder.address, u(1_800), u(1_800) + 1n);
      await expect(commonfare.connect(founder).deposit(1n, u(1_800) - balance))
        .to.emit(commonfare, "Deposited")
        .withArgs(1n, founder.address, u(1_800) - balance, u(1_800), step);
      await checkBooks(commonfare, 1n);
    });

    it("refuses a zero deposit, and a deposit by an outsider or a candidate", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, outsider, erin } = s;
      await expect(commonfare.connect(founder).deposit(1n, 0n)).to.be.revertedWithCustomError(
        commonfare,
        "ZeroDeposit",
      );
      await commonfare.connect(erin).requestJoin(1n, 0);
      for (const who of [outsider, erin]) {
        await mintTo(s, who, u(10));
        await expect(commonfare.connect(who).deposit(1n, u(10)))
          .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
          .withArgs(1n, who.address);
      }
      await expect(commonfare.connect(founder).deposit(9n, u(10)))
        .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
        .withArgs(9n, founder.address);
    });
  });

  describe("withdraw", () => {
    it("pays out only what is above the level's floor", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, founder, alice } = s;
      // the founder: balance 600, floor 6 × 50 = 300
      for (const amount of [u(300) + 1n, 0n]) {
        await expect(commonfare.connect(founder).withdraw(1n, amount))
          .to.be.revertedWithCustomError(commonfare, "WithdrawalAboveAvailable")
          .withArgs(1n, founder.address, amount, u(300));
      }
      const tx = commonfare.connect(founder).withdraw(1n, u(120));
      await expect(tx).to.emit(commonfare, "Withdrawn").withArgs(1n, founder.address, u(120), u(480), 0n);
      await expect(tx).to.changeTokenBalances(ethers, token, [founder, commonfare], [u(120), -u(120)]);
      await commonfare.connect(founder).withdraw(1n, u(180));
      expect(await commonfare.balanceOf(1n, founder.address)).to.equal(u(300));
      await expect(commonfare.connect(founder).withdraw(1n, 1n))
        .to.be.revertedWithCustomError(commonfare, "WithdrawalAboveAvailable")
        .withArgs(1n, founder.address, 1n, 0n);
      // alice (level 1): 900 above a floor of 450
      await commonfare.connect(alice).withdraw(1n, u(450));
      expect((await commonfare.accountOf(1n, alice.address)).floor).to.equal(u(450));
      expect((await commonfare.circleOf(1n)).pool).to.equal(u(4_200 - 300 - 450));
      await checkBooks(commonfare, 1n);
    });

    it("a member below its floor withdraws nothing; an outsider nothing at all", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, outsider, erin, boardA } = s;
      await commonfare.connect(erin).requestJoin(1n, 2);
      await commonfare.connect(boardA).approveCandidate(1n, erin.address);
      await fund(s, erin, u(599));
      await expect(commonfare.connect(erin).withdraw(1n, 1n))
        .to.be.revertedWithCustomError(commonfare, "WithdrawalAboveAvailable")
        .withArgs(1n, erin.address, 1n, 0n);
      await expect(commonfare.connect(outsider).withdraw(1n, 1n))
        .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
        .withArgs(1n, outsider.address);
    });
  });

  describe("changeLevel", () => {
    it("waits the gap between two changes, and refuses the same level or an unknown one", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, outsider } = s;
      const from = (await commonfare.accountOf(1n, founder.address)).levelChangeableFrom;
      await expect(commonfare.connect(founder).changeLevel(1n, 2))
        .to.be.revertedWithCustomError(commonfare, "LevelChangeNotAllowed")
        .withArgs(1n, founder.address, 2n, from);
      await networkHelpers.time.increaseTo(from);
      await expect(commonfare.connect(founder).changeLevel(1n, 0))
        .to.be.revertedWithCustomError(commonfare, "LevelChangeNotAllowed")
        .withArgs(1n, founder.address, 0n, from);
      await expect(commonfare.connect(founder).changeLevel(1n, 3))
        .to.be.revertedWithCustomError(commonfare, "UnknownLevel")
        .withArgs(1n, 3n);
      await expect(commonfare.connect(outsider).changeLevel(1n, 1))
        .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
        .withArgs(1n, outsider.address);
      const tx = await commonfare.connect(founder).changeLevel(1n, 1);
      const t = await txTime(tx);
      await expect(commonfare.connect(founder).changeLevel(1n, 2))
        .to.be.revertedWithCustomError(commonfare, "LevelChangeNotAllowed")
        .withArgs(1n, founder.address, 2n, t + GAP);
    });

    it("raising the level restarts the waiting period and raises the funding weight, cap and floor", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, alice } = s;
      await networkHelpers.time.increase(GAP - WAITING);
      const tx = await commonfare.connect(founder).changeLevel(1n, 2);
      const t = await txTime(tx);
      await expect(tx)
        .to.emit(commonfare, "LevelChanged")
        .withArgs(1n, founder.address, 0n, 2n, u(600), t + WAITING, 0n);
      const a = await commonfare.accountOf(1n, founder.address);
      expect([a.level, a.cap, a.floor, a.claimableFrom, a.levelChangeableFrom]).to.deep.equal([
        2n,
        u(3_600),
        u(600),
        t + WAITING,
        t + GAP,
      ]);
      expect((await commonfare.circleOf(1n)).fundingWeight).to.equal(u(400));
      // the higher benefit is insured only after a new waiting period
      await expect(commonfare.connect(founder).reportClaim(1n, alice.address, note("flu")))
        .to.be.revertedWithCustomError(commonfare, "WaitingPeriod")
        .withArgs(1n, founder.address, t + WAITING);
      await networkHelpers.time.increaseTo(t + WAITING);
      await expect(commonfare.connect(founder).reportClaim(1n, alice.address, note("flu")))
        .to.emit(commonfare, "ClaimReported")
        .withArgs(1n, 1n, founder.address, alice.address, note("flu"), u(2_000), 24n);
    });

    it("lowering the level is refused while the balance is above the new cap, and keeps the waiting period", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, bob, carol } = s;
      await fund(s, bob, u(1_800)); // 3,000 at level 2
      await networkHelpers.time.increase(GAP - WAITING);
      await expect(commonfare.connect(bob).changeLevel(1n, 0))
        .to.be.revertedWithCustomError(commonfare, "BalanceAboveNewCap")
        .withArgs(1n, bob.address, u(1_800), u(3_000));
      await commonfare.connect(bob).withdraw(1n, u(1_200));
      const claimableFrom = (await commonfare.accountOf(1n, bob.address)).claimableFrom;
      const tx = await commonfare.connect(bob).changeLevel(1n, 0);
      const t = await txTime(tx);
      await expect(tx)
        .to.emit(commonfare, "LevelChanged")
        .withArgs(1n, bob.address, 2n, 0n, u(1_800), claimableFrom, 0n);
      const a = await commonfare.accountOf(1n, bob.address);
      expect([a.level, a.cap, a.claimableFrom, a.levelChangeableFrom]).to.deep.equal([
        0n,
        u(1_800),
        claimableFrom,
        t + GAP,
      ]);
      expect((await commonfare.circleOf(1n)).fundingWeight).to.equal(u(300));
      // a lower benefit needs no new wait: bob claims at once, at level 0's benefit
      await expect(commonfare.connect(bob).reportClaim(1n, carol.address, ethers.ZeroHash))
        .to.emit(commonfare, "ClaimReported")
        .withArgs(1n, 1n, bob.address, carol.address, ethers.ZeroHash, u(1_000), 24n);
    });

    it("settles the account at the old level, and the next gifts take its share at the new one", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, alice, bob, carol, dave } = s;
      await startClaim(s, alice, bob);
      await commonfare.connect(alice).collectGift(1n);
      await commonfare.connect(alice).recover(1n);
      const step1 = indexStep(u(1_500), u(275));
      await networkHelpers.time.increase(GAP - WAITING);
      const change = await commonfare.connect(founder).changeLevel(1n, 2);
      await expect(change)
        .to.emit(commonfare, "LevelChanged")
        .withArgs(1n, founder.address, 0n, 2n, u(600) - 50n * step1, (await txTime(change)) + WAITING, step1);
      // carol (level 0) claims: 1,000 among the weight 50 + 75 + 100 + 100 + 75 − 50 = 350
      await startClaim(s, carol, dave);
      const tx = await commonfare.connect(carol).collectGift(1n);
      const step2 = indexStep(u(1_000), u(350));
      await expect(tx)
        .to.emit(commonfare, "GiftCollected")
        .withArgs(1n, 2n, carol.address, 1n, u(1_000), 1n, u(350), step1 + step2);
      expect(await commonfare.balanceOf(1n, founder.address)).to.equal(u(600) - 50n * step1 - 100n * step2);
      await checkBooks(commonfare, 1n);
    });

    it("is refused while the member has a claim waiting or running", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, alice, bob } = s;
      await networkHelpers.time.increase(GAP - WAITING);
      await commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash);
      await expect(commonfare.connect(alice).changeLevel(1n, 2))
        .to.be.revertedWithCustomError(commonfare, "ClaimOpen")
        .withArgs(1n, alice.address, 1n);
      await commonfare.connect(bob).confirmClaim(1n, alice.address);
      await commonfare.connect(s.boardA).confirmClaim(1n, alice.address);
      await expect(commonfare.connect(alice).changeLevel(1n, 0))
        .to.be.revertedWithCustomError(commonfare, "ClaimOpen")
        .withArgs(1n, alice.address, 1n);
      await commonfare.connect(alice).recover(1n);
      await expect(commonfare.connect(alice).changeLevel(1n, 0)).to.emit(commonfare, "LevelChanged");
    });
  });

  describe("leave", () => {
    it("CF-4: a leaver takes its whole balance, and its weight and place are freed", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, dave } = s;
      const tx = commonfare.connect(dave).leave(1n);
      await expect(tx).to.emit(commonfare, "MemberLeft").withArgs(1n, dave.address, u(900), 0n);
      await expect(tx).to.changeTokenBalances(ethers, token, [dave, commonfare], [u(900), -u(900)]);
      const c = await commonfare.circleOf(1n);
      expect([c.members, c.fundingWeight, c.pool]).to.deep.equal([4n, u(275), u(3_300)]);
      const a = await commonfare.accountOf(1n, dave.address);
      expect([a.status, a.balance]).to.deep.equal([Status.None, 0n]);
      await expect(commonfare.connect(dave).leave(1n))
        .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
        .withArgs(1n, dave.address);
      // a leaver may ask to join again, from nothing
      await expect(commonfare.connect(dave).requestJoin(1n, 0)).to.emit(commonfare, "JoinRequested");
      await checkBooks(commonfare, 1n);
    });

    it("after gifts, a leaver takes its balance less its shares, to the wei", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, alice, bob, dave } = s;
      await startClaim(s, alice, bob);
      await commonfare.connect(alice).collectGift(1n);
      const step = indexStep(u(1_500), u(275));
      const owed = u(900) - 75n * step;
      const tx = commonfare.connect(dave).leave(1n);
      await expect(tx).to.emit(commonfare, "MemberLeft").withArgs(1n, dave.address, owed, step);
      await expect(tx).to.changeTokenBalance(ethers, token, dave, owed);
      const b = await checkBooks(commonfare, 1n);
      expect(b.held).to.equal(275n * step - u(1_500));
    });

    it("a member with nothing in its account leaves without a transfer", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, erin, boardA } = s;
      await commonfare.connect(erin).requestJoin(1n, 1);
      await commonfare.connect(boardA).approveCandidate(1n, erin.address);
      await expect(commonfare.connect(erin).leave(1n))
        .to.emit(commonfare, "MemberLeft")
        .withArgs(1n, erin.address, 0n, 0n)
        .and.not.to.emit(token, "Transfer");
      expect((await commonfare.circleOf(1n)).members).to.equal(5n);
    });

    it("is refused while the member has a claim waiting or running, and to outsiders and candidates", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, alice, bob, outsider, erin } = s;
      await commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash);
      await expect(commonfare.connect(alice).leave(1n))
        .to.be.revertedWithCustomError(commonfare, "ClaimOpen")
        .withArgs(1n, alice.address, 1n);
      await commonfare.connect(bob).confirmClaim(1n, alice.address);
      await commonfare.connect(s.boardB).confirmClaim(1n, alice.address);
      await expect(commonfare.connect(alice).leave(1n))
        .to.be.revertedWithCustomError(commonfare, "ClaimOpen")
        .withArgs(1n, alice.address, 1n);
      await commonfare.connect(erin).requestJoin(1n, 1);
      for (const who of [outsider, erin]) {
        await expect(commonfare.connect(who).leave(1n))
          .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
          .withArgs(1n, who.address);
      }
      // once recovered, alice leaves with her account as it was frozen
      await commonfare.connect(alice).recover(1n);
      await expect(commonfare.connect(alice).leave(1n))
        .to.emit(commonfare, "MemberLeft")
        .withArgs(1n, alice.address, u(900), indexStep(u(1_500), u(275)));
    });
  });
});
