// Commonfare: attackers holding several addresses and several tokens. Circles that share the contract (and a currency)
// never pay out one another's money; a hostile token cannot re-enter; outsiders, a self-made board, sybil approvals and
// self-confirmations get nowhere; a fee-on-transfer token is refused unless the owner accepts it, which it must never
// do (the owner must accept only plain stablecoins: such a token leaves the contract holding less than its books say).
import { expect } from "chai";
import {
  admit,
  checkBooks,
  deployCircle,
  ethers,
  found,
  fund,
  LEVELS,
  mintTo,
  networkHelpers,
  note,
  rules,
  startClaim,
  u,
  WAITING,
} from "./fixtures.ts";

/**
 * Circle 1 of {deployCircle} (honest, pool 4,200) and circle 2, sharing its currency, founded by an attacker that holds
 * mallory (its founder, level 2), mule (level 0) and, as the circle's whole board, fixer. Mallory deposited 2,000 and
 * mule 50; both are past their waiting period. Circle 3 is in a second currency (dUSD), founded by alice (level 1)
 * with mallory (level 2) in it, each having deposited 600 there.
 */
async function deployAttackers() {
  const s = await deployCircle();
  const [mallory, mule, fixer, sybil] = s.spare;
  const id2 = await found(s, mallory, rules(await s.token.getAddress(), { minMembers: 2 }), LEVELS, [fixer], 2);
  await admit(s, mule, 0, id2, fixer);
  await fund(s, mallory, u(2_000), id2);
  await fund(s, mule, u(50), id2);
  const usd = await ethers.deployContract("MockERC20", ["Demo Dollar", "dUSD", 18]);
  await s.commonfare.connect(s.council).setCurrency(usd, true);
  const id3 = await found(s, s.alice, rules(await usd.getAddress(), { minMembers: 2 }), LEVELS, [s.boardB], 1);
  await admit(s, mallory, 2, id3, s.boardB);
  await fund(s, s.alice, u(600), id3, usd);
  await fund(s, mallory, u(600), id3, usd);
  await networkHelpers.time.increase(WAITING);
  return { ...s, mallory, mule, fixer, sybil, usd, id2, id3 };
}

describe("Commonfare · attackers", () => {
  it("a circle never pays out another circle's money, though both are held in one currency by one contract", async () => {
    const s = await networkHelpers.loadFixture(deployAttackers);
    const { commonfare, token, mallory, mule, fixer, id2 } = s;
    const spentBefore = (await token.balanceOf(mallory.address)) + (await token.balanceOf(mule.address));
    expect(await token.balanceOf(commonfare)).to.equal(u(4_200 + 2_050));
    // the attacker's own board confirms its claim at once; its first month (2,000) is mostly its own deposit
    await startClaim(s, mallory, mule, id2, fixer);
    await commonfare.connect(mallory).collectGift(id2);
    expect(await commonfare.balanceOf(id2, mule.address)).to.equal(u(50) - u(2_000));
    // its second month is more than circle 2 holds, though the contract holds circle 1's 4,200 in the same token
    await networkHelpers.time.increase(30n * 86_400n);
    for (const call of [
      () => commonfare.connect(mallory).collectGift(id2),
      () => commonfare.connect(mallory).recover(id2),
    ]) {
      await expect(call()).to.be.revertedWithCustomError(commonfare, "PoolShort").withArgs(id2, u(2_000), u(50));
    }
    await expect(commonfare.connect(mule).leave(id2))
      .to.be.revertedWithCustomError(commonfare, "InArrears")
      .withArgs(id2, mule.address, u(1_950));
    // the attacker's addresses got back 2,000 of the 2,050 they put in, and nothing more
    const spentAfter = (await token.balanceOf(mallory.address)) + (await token.balanceOf(mule.address));
    expect(spentAfter - spentBefore).to.equal(u(2_000));
    // circle 1 is untouched: its members leave with every balance they had
    expect((await commonfare.circleOf(1n)).pool).to.equal(u(4_200));
    for (const m of s.members) {
      const balance = await commonfare.balanceOf(1n, m.address);
      await expect(commonfare.connect(m).leave(1n)).to.changeTokenBalance(ethers, token, m, balance);
    }
    expect(await token.balanceOf(commonfare)).to.equal((await commonfare.circleOf(id2)).pool);
    await checkBooks(commonfare, 1n);
    await checkBooks(commonfare, id2);
  });

  it("membership, board seats and claims in one circle give nothing in another", async () => {
    const s = await networkHelpers.loadFixture(deployAttackers);
    const { commonfare, alice, bob, mallory, mule, fixer, sybil, boardA, id2 } = s;
    for (const who of [mallory, mule]) {
      await mintTo(s, who, u(10));
      await expect(commonfare.connect(who).deposit(1n, u(10)))
        .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
        .withArgs(1n, who.address);
      await expect(commonfare.connect(who).withdraw(1n, 1n))
        .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
        .withArgs(1n, who.address);
    }
    // the attacker's board (fixer) admits, confirms and removes nothing in circle 1
    await commonfare.connect(sybil).requestJoin(1n, 0);
    await expect(commonfare.connect(fixer).approveCandidate(1n, sybil.address))
      .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
      .withArgs(1n, fixer.address);
    await commonfare.connect(alice).reportClaim(1n, bob.address, ethers.ZeroHash);
    await expect(commonfare.connect(fixer).confirmClaim(1n, alice.address))
      .to.be.revertedWithCustomError(commonfare, "NotConfirmer")
      .withArgs(1n, alice.address, fixer.address);
    await expect(commonfare.connect(fixer).removeInArrears(1n, alice.address))
      .to.be.revertedWithCustomError(commonfare, "NotBoardMember")
      .withArgs(1n, fixer.address);
    // and circle 1's board has no say in circle 2
    expect(await commonfare.isBoardMember(id2, boardA.address)).to.equal(false);
    await expect(commonfare.connect(boardA).resignFromBoard(id2))
      .to.be.revertedWithCustomError(commonfare, "NotBoardMember")
      .withArgs(id2, boardA.address);
    // a claim in circle 2 is no claim in circle 1
    await startClaim(s, mallory, mule, id2, fixer);
    await expect(commonfare.connect(mallory).collectGift(1n))
      .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
      .withArgs(1n, mallory.address);
  });

  it("a circle in another currency pays only in its currency, from its own pool", async () => {
    const s = await networkHelpers.loadFixture(deployAttackers);
    const { commonfare, token, usd, alice, mallory, boardB, id2, id3 } = s;
    // mallory claims in circle 3 (2,000 a month in dUSD): the pool there holds 1,200
    await startClaim(s, mallory, alice, id3, boardB);
    const tx = commonfare.connect(mallory).collectGift(id3);
    await expect(tx).to.be.revertedWithCustomError(commonfare, "PoolShort").withArgs(id3, u(2_000), u(1_200));
    // alice tops circle 3 up to 2,700: the month is paid in dUSD, and no euro moves
    await fund(s, alice, u(1_500), id3, usd);
    const euro = await token.balanceOf(commonfare);
    await expect(commonfare.connect(mallory).collectGift(id3)).to.changeTokenBalances(
      ethers,
      usd,
      [mallory, commonfare],
      [u(2_000), -u(2_000)],
    );
    expect(await token.balanceOf(commonfare)).to.equal(euro);
    // per currency, the contract holds exactly the pools of the circles in it
    const pool = async (id: bigint) => (await commonfare.circleOf(id)).pool;
    expect(await token.balanceOf(commonfare)).to.equal((await pool(1n)) + (await pool(id2)));
    expect(await usd.balanceOf(commonfare)).to.equal(await pool(id3));
    expect(await pool(id3)).to.equal(u(700));
    await checkBooks(commonfare, id3);
  });

  it("a hostile token cannot re-enter deposit, withdraw, collectGift or leave", async () => {
    const s = await networkHelpers.loadFixture(deployAttackers);
    const { commonfare, council, mallory, mule, fixer } = s;
    const hostile = await ethers.deployContract("ReentrantERC20");
    await commonfare.connect(council).setCurrency(hostile, true);
    // mallory (level 0) and mule (level 0, who deposits 1,500 plainly)
    const id = await found(s, mallory, rules(await hostile.getAddress(), { minMembers: 2 }), LEVELS, [fixer], 0);
    await admit(s, mule, 0, id, fixer);
    for (const who of [mallory, mule]) {
      await hostile.mint(who.address, u(10_000));
      await hostile.connect(who).approve(commonfare, u(10_000));
    }
    const guard = commonfare.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
    const reenter = async (payload: string, run: () => Promise<unknown>) => {
      const attempts = await hostile.reentryAttempts();
      await hostile.arm(commonfare, payload);
      await run();
      expect(await hostile.reentryAttempts()).to.equal(attempts + 1n);
      expect(await hostile.lastReentryError()).to.equal(guard);
    };
    const i = commonfare.interface;
    await commonfare.connect(mule).deposit(id, u(1_500));
    await reenter(i.encodeFunctionData("withdraw", [id, u(1)]), () =>
      commonfare.connect(mallory).deposit(id, u(1_000)),
    );
    await reenter(i.encodeFunctionData("deposit", [id, u(1)]), () => commonfare.connect(mallory).withdraw(id, u(100)));
    await networkHelpers.time.increase(WAITING);
    await startClaim(s, mallory, mule, id, fixer);
    await reenter(i.encodeFunctionData("collectGift", [id]), () => commonfare.connect(mallory).collectGift(id));
    await commonfare.connect(mallory).recover(id);
    await reenter(i.encodeFunctionData("leave", [id]), () => commonfare.connect(mallory).leave(id));
    expect(await hostile.reentrySuccesses()).to.equal(0n);
    // the outer calls completed once each, and the books hold
    expect(await hostile.balanceOf(commonfare)).to.equal((await commonfare.circleOf(id)).pool);
    await checkBooks(commonfare, id);
  });

  it("an outsider cannot act in a circle", async () => {
    const s = await networkHelpers.loadFixture(deployCircle);
    const { commonfare, alice, bob, outsider, erin } = s;
    await commonfare.connect(erin).requestJoin(1n, 0);
    await mintTo(s, outsider, u(100));
    const notMember = async (tx: Promise<unknown>) =>
      expect(tx).to.be.revertedWithCustomError(commonfare, "NotCircleMember").withArgs(1n, outsider.address);
    await notMember(commonfare.connect(outsider).deposit(1n, u(100)));
    await notMember(commonfare.connect(outsider).withdraw(1n, u(1)));
    await notMember(commonfare.connect(outsider).changeLevel(1n, 1));
    await notMember(commonfare.connect(outsider).leave(1n));
    await notMember(commonfare.connect(outsider).reportClaim(1n, bob.address, ethers.ZeroHash));
    await notMember(commonfare.connect(outsider).approveCandidate(1n, erin.address));
    for (const call of [
      () => commonfare.connect(outsider).collectGift(1n),
      () => commonfare.connect(outsider).recover(1n),
    ]) {
      await expect(call()).to.be.revertedWithCustomError(commonfare, "NoOpenClaim").withArgs(1n, outsider.address);
    }
    for (const call of [
      () => commonfare.connect(outsider).removeInArrears(1n, bob.address),
      () => commonfare.connect(outsider).resignFromBoard(1n),
    ]) {
      await expect(call()).to.be.revertedWithCustomError(commonfare, "NotBoardMember").withArgs(1n, outsider.address);
    }
    await startClaim(s, alice, bob);
    await expect(commonfare.connect(outsider).confirmClaim(1n, alice.address))
      .to.be.revertedWithCustomError(commonfare, "NoOpenClaim")
      .withArgs(1n, alice.address);
    const endsAt = (await commonfare.claimOf(1n, alice.address)).startedAt + 24n * 30n * 86_400n;
    await expect(commonfare.connect(outsider).endClaim(1n, alice.address))
      .to.be.revertedWithCustomError(commonfare, "ClaimStillRunning")
      .withArgs(1n, 1n, endsAt);
    await expect(commonfare.connect(outsider).setCurrency(outsider.address, true))
      .to.be.revertedWithCustomError(commonfare, "OwnableUnauthorizedAccount")
      .withArgs(outsider.address);
    expect((await commonfare.circleOf(1n)).pool).to.equal(u(4_200));
  });

  it("sybil approvals: each admitting approval is a distinct member's, counted once per round", async () => {
    const s = await networkHelpers.loadFixture(deployAttackers);
    const { commonfare, founder, mallory, mule, sybil } = s;
    // the attacker holds one member of circle 1 (the founder, say) and two candidates
    await commonfare.connect(mallory).requestJoin(1n, 2);
    await commonfare.connect(sybil).requestJoin(1n, 2);
    await commonfare.connect(founder).approveCandidate(1n, mallory.address);
    await expect(commonfare.connect(founder).approveCandidate(1n, mallory.address))
      .to.be.revertedWithCustomError(commonfare, "AlreadyApproved")
      .withArgs(1n, mallory.address, founder.address);
    // candidates and outsiders do not count
    for (const who of [sybil, mule]) {
      await expect(commonfare.connect(who).approveCandidate(1n, mallory.address))
        .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
        .withArgs(1n, who.address);
    }
    // withdrawing and asking again resets the count: the same member still counts once
    await commonfare.connect(mallory).withdrawCandidacy(1n);
    await commonfare.connect(mallory).requestJoin(1n, 2);
    await commonfare.connect(founder).approveCandidate(1n, mallory.address);
    expect(await commonfare.approvalsOf(1n, mallory.address)).to.equal(1n);
    await expect(commonfare.connect(founder).approveCandidate(1n, mallory.address))
      .to.be.revertedWithCustomError(commonfare, "AlreadyApproved")
      .withArgs(1n, mallory.address, founder.address);
    expect((await commonfare.accountOf(1n, mallory.address)).status).to.equal(1n); // still a candidate
    // a second, distinct member admits
    await expect(commonfare.connect(s.alice).approveCandidate(1n, mallory.address)).to.emit(
      commonfare,
      "MemberAdmitted",
    );
  });

  it("a claimant never confirms its own claim, even from a board seat, and a buddy on the board counts once", async () => {
    const s = await networkHelpers.loadFixture(deployCircle);
    const { commonfare, alice, bob, boardA, boardB } = s;
    // boardA joins circle 1 as a member (admitted by boardB) and, after its waiting period, claims
    await admit(s, boardA, 2, 1n, boardB);
    await fund(s, boardA, u(600));
    await networkHelpers.time.increase(WAITING);
    await expect(commonfare.connect(boardA).reportClaim(1n, boardA.address, ethers.ZeroHash))
      .to.be.revertedWithCustomError(commonfare, "InvalidBuddy")
      .withArgs(1n, boardA.address);
    await commonfare.connect(boardA).reportClaim(1n, bob.address, note("boardA"));
    await expect(commonfare.connect(boardA).confirmClaim(1n, boardA.address))
      .to.be.revertedWithCustomError(commonfare, "NotConfirmer")
      .withArgs(1n, boardA.address, boardA.address);
    await commonfare.connect(bob).confirmClaim(1n, boardA.address);
    expect((await commonfare.claimOf(1n, boardA.address)).startedAt).to.equal(0n);
    await commonfare.connect(boardA).withdrawClaim(1n);
    // alice names boardA as buddy: boardA confirms as buddy only, once; the board's confirmation is still needed
    await commonfare.connect(alice).reportClaim(1n, boardA.address, ethers.ZeroHash);
    await expect(commonfare.connect(boardA).confirmClaim(1n, alice.address))
      .to.emit(commonfare, "ClaimConfirmed")
      .withArgs(1n, 2n, boardA.address, true, 0n)
      .and.not.to.emit(commonfare, "ClaimStarted");
    await expect(commonfare.connect(boardA).confirmClaim(1n, alice.address))
      .to.be.revertedWithCustomError(commonfare, "AlreadyConfirmed")
      .withArgs(1n, 2n, boardA.address);
    await expect(commonfare.connect(boardB).confirmClaim(1n, alice.address)).to.emit(commonfare, "ClaimStarted");
  });

  it("a fee-on-transfer token is refused unless the owner accepts it, and then breaks the books (never accept one)", async () => {
    const s = await networkHelpers.loadFixture(deployAttackers);
    const { commonfare, council, mallory, mule, fixer } = s;
    const fot = await ethers.deployContract("FeeOnTransferERC20", ["Taxed", "TAX"]);
    const r = rules(await fot.getAddress(), { minMembers: 2 });
    await expect(commonfare.connect(mallory).foundCircle(r, LEVELS, [fixer], 0))
      .to.be.revertedWithCustomError(commonfare, "UnacceptedCurrency")
      .withArgs(await fot.getAddress());
    // the owner must accept only plain stablecoins; if it accepted this one, the contract would hold 1 % less than
    // its books say, and the last member could not take its whole balance
    await commonfare.connect(council).setCurrency(fot, true);
    const id = await found(s, mallory, r, LEVELS, [fixer], 0);
    await admit(s, mule, 0, id, fixer);
    await fot.mint(mallory.address, u(1_000));
    await fot.connect(mallory).approve(commonfare, u(1_000));
    await commonfare.connect(mallory).deposit(id, u(1_000));
    expect((await commonfare.circleOf(id)).pool).to.equal(u(1_000));
    expect(await fot.balanceOf(commonfare)).to.equal(u(990));
    // leaving sends 1,000: the 1 % fee (10) is burnt first, then 990 cannot be moved from the 980 left
    await expect(commonfare.connect(mallory).leave(id))
      .to.be.revertedWithCustomError(fot, "ERC20InsufficientBalance")
      .withArgs(await commonfare.getAddress(), u(980), u(990));
  });
});
