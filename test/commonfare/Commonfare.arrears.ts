// Commonfare: arrears. An account that cannot cover its share goes negative while the gift is paid in full; the member
// is blocked until it tops up (a deposit repays the arrears first), or the board writes its arrears off over the other
// funding members. Payouts the circle's pool cannot make are refused (PoolShort). CF-1 holds to the wei throughout.
import { expect } from "chai";
import {
  admit,
  books,
  checkBooks,
  deployArrears,
  deployCommonfare,
  ethers,
  found,
  fund,
  GAP,
  given,
  indexStep,
  LEVELS,
  MONTH,
  networkHelpers,
  note,
  rules,
  startClaim,
  Status,
  sum,
  txTime,
  u,
  WAITING,
} from "./fixtures.ts";

/**
 * Circle 1 where only the founder (level 0, at its cap: 1,800) and bob (level 2: 1,200) deposited; alice, carol and
 * dave deposited nothing. Bob claims (buddy alice) and collects his first month, 2,000 over the weight 250 (index
 * 8e18): the founder gives 400 (1,400 left), alice −600, carol −400, dave −600. The pool holds 1,000.
 */
async function deployThin() {
  const s = await deployCommonfare();
  const [alice, bob, carol, dave] = s.rest;
  for (const [m, level] of [
    [alice, 1],
    [bob, 2],
    [carol, 0],
    [dave, 1],
  ] as const) {
    await admit(s, m, level);
  }
  await fund(s, s.founder, u(1_800));
  await fund(s, bob, u(1_200));
  await networkHelpers.time.increase(WAITING);
  await startClaim(s, bob, alice);
  await s.commonfare.connect(bob).collectGift(1n);
  return { ...s, alice, bob, carol, dave };
}

describe("Commonfare · arrears: fronted shares, top-ups, write-offs and the pool", () => {
  it("an account that cannot cover its share goes negative, and the gift is paid in full", async () => {
    const s = await networkHelpers.loadFixture(deployArrears);
    const { commonfare, token, founder, alice, bob, carol, dave } = s;
    expect(await token.balanceOf(bob.address)).to.equal(u(2_000));
    const gift = (await commonfare.queryFilter(commonfare.filters.GiftCollected(1n)))[0];
    expect([gift.args.amount, gift.args.fundingWeight, gift.args.index]).to.deep.equal([u(2_000), u(250), u(8)]);
    expect(await commonfare.balanceOf(1n, carol.address)).to.equal(-u(350));
    expect((await commonfare.accountOf(1n, carol.address)).balance).to.equal(-u(350));
    const others = await Promise.all([founder, alice, dave, bob].map((m) => commonfare.balanceOf(1n, m.address)));
    expect(others).to.deep.equal([u(200), u(300), u(300), u(1_200)]);
    // the pool fronts carol's missing share: it holds less than the positive balances, by her arrears
    const b = await checkBooks(commonfare, 1n);
    expect([b.pool, b.balances, b.arrears, b.held]).to.deep.equal([u(1_650), u(1_650), u(350), 0n]);
    expect(sum(others)).to.equal(b.pool + b.arrears);
    expect(await token.balanceOf(commonfare)).to.equal(b.pool);
  });

  it("a member in arrears cannot withdraw, change level, leave or report a claim (InArrears, with the amount)", async () => {
    const s = await networkHelpers.loadFixture(deployArrears);
    const { commonfare, carol, dave } = s;
    await networkHelpers.time.increase(GAP - WAITING);
    const inArrears = async (tx: Promise<unknown>) =>
      expect(tx).to.be.revertedWithCustomError(commonfare, "InArrears").withArgs(1n, carol.address, u(350));
    await inArrears(commonfare.connect(carol).withdraw(1n, 1n));
    await inArrears(commonfare.connect(carol).changeLevel(1n, 1));
    await inArrears(commonfare.connect(carol).changeLevel(1n, 2));
    await inArrears(commonfare.connect(carol).leave(1n));
    await inArrears(commonfare.connect(carol).reportClaim(1n, dave.address, note("ill")));
    expect((await commonfare.accountOf(1n, carol.address)).status).to.equal(Status.Member);
    await checkBooks(commonfare, 1n);
  });

  it("a deposit repays the arrears first: the balance just rises", async () => {
    const s = await networkHelpers.loadFixture(deployArrears);
    const { commonfare, token, carol, dave } = s;
    const tx1 = fund(s, carol, u(100));
    await expect(tx1).to.emit(commonfare, "Deposited").withArgs(1n, carol.address, u(100), -u(250), u(8));
    await expect(commonfare.connect(carol).leave(1n))
      .to.be.revertedWithCustomError(commonfare, "InArrears")
      .withArgs(1n, carol.address, u(250));
    // the cap applies to the balance after repaying: from −250, at most 1,800 + 250 may come in
    await token.mint(carol.address, u(2_051));
    await token.connect(carol).approve(commonfare, u(2_051));
    await expect(commonfare.connect(carol).deposit(1n, u(2_050) + 1n))
      .to.be.revertedWithCustomError(commonfare, "DepositOverCap")
      .withArgs(1n, carol.address, u(1_800), u(1_800) + 1n);
    await expect(commonfare.connect(carol).deposit(1n, u(400)))
      .to.emit(commonfare, "Deposited")
      .withArgs(1n, carol.address, u(400), u(150), u(8));
    // out of arrears: she reports a claim, and may leave with her 150
    await expect(commonfare.connect(carol).reportClaim(1n, dave.address, ethers.ZeroHash)).to.emit(
      commonfare,
      "ClaimReported",
    );
    await commonfare.connect(carol).withdrawClaim(1n);
    await expect(commonfare.connect(carol).leave(1n))
      .to.emit(commonfare, "MemberLeft")
      .withArgs(1n, carol.address, u(150), u(8));
    const b = await checkBooks(commonfare, 1n);
    expect([b.pool, b.arrears, b.held]).to.deep.equal([u(1_650 + 500 - 150), 0n, 0n]);
  });

  it("the board writes arrears off over the other funding members, pro rata to their levels", async () => {
    const s = await networkHelpers.loadFixture(deployArrears);
    const { commonfare, founder, alice, bob, carol, dave, boardB } = s;
    // funding members besides carol: the founder (50), alice (75), dave (75): 350 over 200, index + 1.75
    const tx = commonfare.connect(boardB).removeInArrears(1n, carol.address);
    await expect(tx)
      .to.emit(commonfare, "ArrearsWrittenOff")
      .withArgs(1n, carol.address, boardB.address, u(350), u("9.75"));
    await expect(tx).not.to.emit(commonfare, "ClaimWithdrawn");
    const after = await Promise.all([founder, alice, dave, bob].map((m) => commonfare.balanceOf(1n, m.address)));
    expect(after).to.deep.equal([u("112.5"), u("168.75"), u("168.75"), u(1_200)]);
    const c = await commonfare.circleOf(1n);
    expect([c.members, c.fundingWeight, c.index, c.pool]).to.deep.equal([4n, u(200), u("9.75"), u(1_650)]);
    const a = await commonfare.accountOf(1n, carol.address);
    expect([a.status, a.balance]).to.deep.equal([Status.None, 0n]);
    await expect(commonfare.connect(carol).deposit(1n, 1n))
      .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
      .withArgs(1n, carol.address);
    const b = await checkBooks(commonfare, 1n);
    expect([b.balances, b.arrears, b.held]).to.deep.equal([u(1_650), 0n, 0n]);
  });

  it("CF-4: once every account in arrears is written off, each member leaves with its whole balance", async () => {
    const s = await networkHelpers.loadFixture(deployArrears);
    const { commonfare, token, founder, alice, bob, carol, dave, boardA } = s;
    await commonfare.connect(boardA).removeInArrears(1n, carol.address);
    await commonfare.connect(bob).recover(1n);
    for (const m of [founder, alice, dave, bob]) {
      const balance = await commonfare.balanceOf(1n, m.address);
      await expect(commonfare.connect(m).leave(1n)).to.changeTokenBalance(ethers, token, m, balance);
    }
    const c = await commonfare.circleOf(1n);
    expect([c.members, c.fundingWeight, c.pool]).to.deep.equal([0n, 0n, 0n]);
    expect(await token.balanceOf(commonfare)).to.equal(0n);
    await checkBooks(commonfare, 1n);
  });

  it("only the board removes, only a funding member, and only one in arrears", async () => {
    const s = await networkHelpers.loadFixture(deployArrears);
    const { commonfare, founder, alice, bob, carol, outsider, erin, boardA } = s;
    for (const who of [founder, carol, outsider]) {
      await expect(commonfare.connect(who).removeInArrears(1n, carol.address))
        .to.be.revertedWithCustomError(commonfare, "NotBoardMember")
        .withArgs(1n, who.address);
    }
    await expect(commonfare.connect(boardA).removeInArrears(1n, alice.address))
      .to.be.revertedWithCustomError(commonfare, "NotInArrears")
      .withArgs(1n, alice.address);
    await commonfare.connect(erin).requestJoin(1n, 0);
    // a claimant (its account frozen, never negative), a candidate and an outsider are not funding members
    for (const who of [bob, erin, outsider]) {
      await expect(commonfare.connect(boardA).removeInArrears(1n, who.address))
        .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
        .withArgs(1n, who.address);
    }
    // a board member of another circle has no say in this one
    const id = await found(s, erin, rules(await s.token.getAddress()), LEVELS, [outsider]);
    expect(id).to.equal(2n);
    await expect(commonfare.connect(outsider).removeInArrears(1n, carol.address))
      .to.be.revertedWithCustomError(commonfare, "NotBoardMember")
      .withArgs(1n, outsider.address);
  });

  it("a claim cannot start while its claimant is in arrears; a write-off withdraws its waiting claim", async () => {
    const s = await networkHelpers.loadFixture(deployArrears);
    const { commonfare, founder, alice, bob, dave, boardA } = s;
    await fund(s, founder, u(1_600)); // to its cap: the pool holds 3,250
    await commonfare.connect(dave).reportClaim(1n, alice.address, note("dave"));
    const claimId = (await commonfare.claimOf(1n, dave.address)).id;
    await networkHelpers.time.increase(MONTH);
    await commonfare.connect(bob).collectGift(1n); // dave gives 600 more: −300
    await commonfare.connect(alice).confirmClaim(1n, dave.address);
    await expect(commonfare.connect(boardA).confirmClaim(1n, dave.address))
      .to.be.revertedWithCustomError(commonfare, "InArrears")
      .withArgs(1n, dave.address, u(300));
    // the board removes him instead: his waiting claim is withdrawn with him
    const tx = commonfare.connect(boardA).removeInArrears(1n, dave.address);
    await expect(tx).to.emit(commonfare, "ClaimWithdrawn").withArgs(1n, claimId, dave.address);
    await expect(tx)
      .to.emit(commonfare, "ArrearsWrittenOff")
      .withArgs(1n, dave.address, boardA.address, u(300), u(16) + indexStep(u(300), u(175)));
    await expect(commonfare.connect(boardA).confirmClaim(1n, dave.address))
      .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
      .withArgs(1n, dave.address);
    await checkBooks(commonfare, 1n);
  });

  it("a claim whose claimant topped up starts, with the balance it then has", async () => {
    const s = await networkHelpers.loadFixture(deployArrears);
    const { commonfare, founder, alice, bob, dave, boardA } = s;
    await fund(s, founder, u(1_600));
    await commonfare.connect(dave).reportClaim(1n, alice.address, note("dave"));
    await networkHelpers.time.increase(MONTH);
    await commonfare.connect(bob).collectGift(1n);
    await commonfare.connect(alice).confirmClaim(1n, dave.address);
    await fund(s, dave, u(300));
    const start = await commonfare.connect(boardA).confirmClaim(1n, dave.address);
    await expect(start)
      .to.emit(commonfare, "ClaimStarted")
      .withArgs(1n, 2n, dave.address, await txTime(start), 0n, u(16));
    await expect(commonfare.connect(dave).collectGift(1n)).to.emit(commonfare, "GiftCollected");
    await checkBooks(commonfare, 1n);
  });

  it("PoolShort: while arrears are fronted, a payout the circle's pool cannot make is refused", async () => {
    const s = await networkHelpers.loadFixture(deployThin);
    const { commonfare, founder, alice, bob } = s;
    const b = await checkBooks(commonfare, 1n);
    expect([b.pool, b.arrears]).to.deep.equal([u(1_000), u(1_600)]);
    expect(await commonfare.balanceOf(1n, founder.address)).to.equal(u(1_400));
    // the founder's 1,400 (1,100 above its floor) is more than the pool holds
    await expect(commonfare.connect(founder).withdraw(1n, u(1_100)))
      .to.be.revertedWithCustomError(commonfare, "PoolShort")
      .withArgs(1n, u(1_100), u(1_000));
    await expect(commonfare.connect(founder).leave(1n))
      .to.be.revertedWithCustomError(commonfare, "PoolShort")
      .withArgs(1n, u(1_400), u(1_000));
    // bob's second month, by collecting or recovering, likewise
    await networkHelpers.time.increase(MONTH);
    await expect(commonfare.connect(bob).collectGift(1n))
      .to.be.revertedWithCustomError(commonfare, "PoolShort")
      .withArgs(1n, u(2_000), u(1_000));
    await expect(commonfare.connect(bob).recover(1n))
      .to.be.revertedWithCustomError(commonfare, "PoolShort")
      .withArgs(1n, u(2_000), u(1_000));
    // alice repays her arrears: the pool can pay the founder
    await fund(s, alice, u(600));
    await expect(commonfare.connect(founder).withdraw(1n, u(1_100)))
      .to.emit(commonfare, "Withdrawn")
      .withArgs(1n, founder.address, u(1_100), u(300), u(8));
    const after = await checkBooks(commonfare, 1n);
    expect([after.pool, after.arrears]).to.deep.equal([u(500), u(1_000)]);
  });

  it("write-offs cascade over the remaining funders; the last funder's arrears cannot be written off (NoFunders)", async () => {
    const s = await networkHelpers.loadFixture(deployThin);
    const { commonfare, founder, alice, bob, carol, dave, boardA } = s;
    const weights = new Map([
      [founder.address, u(50)],
      [alice.address, u(75)],
      [carol.address, u(50)],
      [dave.address, u(75)],
    ]);
    let index = u(8);
    for (const m of [alice, dave, carol]) {
      const arrears = -(await commonfare.balanceOf(1n, m.address));
      expect(arrears).to.be.greaterThan(0n);
      weights.delete(m.address);
      const others = sum([...weights.values()]);
      index += indexStep(arrears, others);
      await expect(commonfare.connect(boardA).removeInArrears(1n, m.address))
        .to.emit(commonfare, "ArrearsWrittenOff")
        .withArgs(1n, m.address, boardA.address, arrears, index);
      expect((await commonfare.circleOf(1n)).fundingWeight).to.equal(others);
      await checkBooks(commonfare, 1n);
    }
    // the founder carried everyone's arrears and is now in arrears itself; bob, claiming, funds nothing
    const founderBalance = await commonfare.balanceOf(1n, founder.address);
    expect(founderBalance).to.equal(u(1_800) - given(u(50), index));
    expect(founderBalance).to.be.lessThan(0n);
    await expect(commonfare.connect(boardA).removeInArrears(1n, founder.address))
      .to.be.revertedWithCustomError(commonfare, "NoFunders")
      .withArgs(1n);
    // CF-1: the pool still equals every balance plus the rounding held; bob's frozen 1,200 exceeds it by the
    // founder's arrears, so bob cannot leave with all of it until the founder tops up
    const b = await checkBooks(commonfare, 1n);
    expect(b.pool).to.equal(u(1_000));
    expect(b.arrears).to.equal(-founderBalance);
    await expect(commonfare.connect(bob).recover(1n)).to.emit(commonfare, "ClaimEnded");
    await expect(commonfare.connect(bob).leave(1n))
      .to.be.revertedWithCustomError(commonfare, "PoolShort")
      .withArgs(1n, u(1_200), u(1_000));
  });

  it("CF-1: pool = balances + rounding held (0 <= held <= its bound) and the token balance = the pools, throughout", async () => {
    const s = await networkHelpers.loadFixture(deployArrears);
    const { commonfare, token, founder, alice, bob, carol, dave, erin, boardA } = s;
    // circle 2 shares the currency
    const id = await found(s, erin, rules(await token.getAddress(), { minMembers: 2 }), LEVELS, [boardA], 1);
    await admit(s, s.frank, 2, id);
    const pools = async () => {
      const total = (await commonfare.circleOf(1n)).pool + (await commonfare.circleOf(id)).pool;
      expect(await token.balanceOf(commonfare)).to.equal(total);
      await checkBooks(commonfare, 1n);
      await checkBooks(commonfare, id);
    };
    // amounts that do not divide evenly, and weights that do not divide the gifts, so that both roundings are at work
    const steps: (() => Promise<unknown>)[] = [
      () => fund(s, erin, u(2_700) - 7n, id),
      () => fund(s, s.frank, u(333) + 1n, id),
      () => fund(s, founder, u("1234.567891234567891")),
      () => fund(s, carol, u(350) + 13n),
      () => commonfare.connect(founder).withdraw(1n, u(1) + 5n),
      async () => {
        // bob's second month: 2,000 over 250 takes alice and dave into arrears, carol deeper
        await networkHelpers.time.increase(MONTH);
        await commonfare.connect(bob).collectGift(1n);
      },
      () => fund(s, dave, u(1_000) + 3n),
      () => commonfare.connect(boardA).removeInArrears(1n, alice.address), // 300 over 175
      () => commonfare.connect(bob).recover(1n),
      async () => {
        // in circle 2, frank's 2,000 over erin's weight of 75
        await networkHelpers.time.increase(WAITING);
        await startClaim(s, s.frank, erin, id);
        await commonfare.connect(s.frank).collectGift(id);
      },
      () => admit(s, s.spare[0], 0), // five members again: claims may be reported
      () => startClaim(s, founder, bob),
      () => commonfare.connect(founder).collectGift(1n), // 1,000 over 275
      () => commonfare.connect(dave).leave(1n),
    ];
    for (const step of steps) {
      await step();
      await pools();
    }
    const b = await books(commonfare, 1n);
    expect(b.held).to.be.greaterThan(0n); // rounding was held, and stays in the pool
  });
});
