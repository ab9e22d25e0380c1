// Commonfare: founding circles, currencies, admission of members, the board, and the views of a circle.
import { expect } from "chai";
import {
  admit,
  type Base,
  type Circle,
  deployCircle,
  deployCommonfare,
  ethers,
  found,
  GAP,
  LEVELS,
  MONTH,
  networkHelpers,
  rules,
  type Rules,
  Status,
  txTime,
  u,
  WAITING,
} from "./fixtures.ts";

/** Founding with `r`, `levels`, `board` (default: circle 1's), by the founder. */
async function tryFound(s: Base, r: Partial<Rules> = {}, levels = LEVELS, board?: string[], founderLevel = 0) {
  const currency = await s.token.getAddress();
  return s.commonfare
    .connect(s.founder)
    .foundCircle(rules(currency, r), levels, board ?? [s.boardA.address, s.boardB.address], founderLevel);
}

describe("Commonfare · circles: founding, admission, board and views", () => {
  describe("founding", () => {
    it("founds a circle with its rules, levels and board; the founder is its first member, waiting to claim", async () => {
      const s = await networkHelpers.loadFixture(deployCommonfare);
      const { commonfare, token } = s;
      const erin = s.rest[4];
      const r = rules(await token.getAddress(), { minMembers: 20, admissionVotes: 3 });
      const tx = await commonfare.connect(erin).foundCircle(r, LEVELS, [s.boardA, s.outsider], 2);
      const t = await txTime(tx);
      await expect(tx)
        .to.emit(commonfare, "CircleFounded")
        .withArgs(
          2n,
          erin.address,
          Object.values(r),
          LEVELS.map((l) => [l.monthlyDeposit, l.monthlyBenefit]),
          [s.boardA.address, s.outsider.address],
          2n,
        );
      await expect(tx)
        .to.emit(commonfare, "MemberAdmitted")
        .withArgs(2n, erin.address, 2n, t + WAITING, 0n);
      expect(await commonfare.circleCount()).to.equal(2n);
      const stored = await commonfare.rulesOf(2n);
      const fields = Object.keys(r) as (keyof Rules)[];
      expect(fields.map((k) => stored[k])).to.deep.equal(
        fields.map((k) => (typeof r[k] === "number" ? BigInt(r[k]) : r[k])),
      );
      const levels = await commonfare.levelsOf(2n);
      expect(levels.map((l) => [l.monthlyDeposit, l.monthlyBenefit])).to.deep.equal(
        LEVELS.map((l) => [l.monthlyDeposit, l.monthlyBenefit]),
      );
      expect(await commonfare.isBoardMember(2n, s.outsider.address)).to.equal(true);
      expect(await commonfare.isBoardMember(2n, s.boardB.address)).to.equal(false);
      expect(await commonfare.isBoardMember(1n, s.outsider.address)).to.equal(false);
      const c = await commonfare.circleOf(2n);
      expect([c.members, c.claimants, c.fundingWeight, c.index, c.pool, c.burn]).to.deep.equal([
        1n,
        0n,
        LEVELS[2].monthlyDeposit,
        0n,
        0n,
        0n,
      ]);
      expect(c.coverMonths1e2).to.equal(ethers.MaxUint256);
      const a = await commonfare.accountOf(2n, erin.address);
      expect(a.status).to.equal(Status.Member);
      expect([a.level, a.balance, a.cap, a.floor]).to.deep.equal([2n, 0n, u(3_600), u(600)]);
      expect([a.claimableFrom, a.levelChangeableFrom]).to.deep.equal([t + WAITING, t + GAP]);
    });

    it("refuses rules out of bounds, naming the first such rule", async () => {
      const s = await networkHelpers.loadFixture(deployCommonfare);
      const bad: [Partial<Rules>, string][] = [
        [{ capMonths: 0 }, "capMonths"],
        [{ capMonths: 6, floorMonths: 7 }, "floorMonths"],
        [{ maxGiftMonths: 0 }, "maxGiftMonths"],
        [{ maxGiftMonths: 61 }, "maxGiftMonths"],
        [{ minMembers: 1 }, "minMembers"],
        [{ minMembers: 0 }, "minMembers"],
        [{ minMembers: 20, maxMembers: 19 }, "maxMembers"],
        [{ maxMembers: 101 }, "maxMembers"],
        [{ admissionVotes: 0 }, "admissionVotes"],
        [{ boardConfirmations: 3 }, "boardConfirmations"],
        // the first rule out of bounds is named
        [{ capMonths: 0, admissionVotes: 0 }, "capMonths"],
      ];
      for (const [r, name] of bad) {
        await expect(tryFound(s, r)).to.be.revertedWithCustomError(s.commonfare, "InvalidRules").withArgs(name);
      }
      // the bounds themselves are accepted: floor = cap, 60 months, 2..100 members, every board member confirming
      await tryFound(s, { capMonths: 6, floorMonths: 6, maxGiftMonths: 60, minMembers: 2, maxMembers: 100 });
      await tryFound(s, { minMembers: 100, maxMembers: 100, boardConfirmations: 2, admissionVotes: 1 });
      expect(await s.commonfare.circleCount()).to.equal(3n);
    });

    it("refuses levels that are empty, too many, zero, or whose cap does not fit an account", async () => {
      const s = await networkHelpers.loadFixture(deployCommonfare);
      const { commonfare } = s;
      const one = { monthlyDeposit: u(50), monthlyBenefit: u(1_000) };
      const refused = async (levels: typeof LEVELS, count: number, r: Partial<Rules> = {}) =>
        expect(tryFound(s, r, levels))
          .to.be.revertedWithCustomError(commonfare, "InvalidLevels")
          .withArgs(count);
      await refused([], 0);
      await refused(Array(9).fill(one), 9);
      await refused([one, { monthlyDeposit: 0n, monthlyBenefit: u(1) }], 2);
      await refused([{ monthlyDeposit: u(1), monthlyBenefit: 0n }], 1);
      // capMonths × deposit must fit a signed 96-bit balance: 36 × 2.2e27 > 2^95 − 1 ≈ 3.96e28
      const maxInt96 = 2n ** 95n - 1n;
      await refused([{ monthlyDeposit: maxInt96 / 36n + 1n, monthlyBenefit: 1n }], 1);
      await tryFound(s, {}, [{ monthlyDeposit: maxInt96 / 36n, monthlyBenefit: 1n }]);
      await tryFound(s, {}, Array(8).fill(one));
      expect(await commonfare.circleCount()).to.equal(3n);
      expect((await commonfare.levelsOf(3n)).length).to.equal(8);
    });

    it("refuses a board that is empty, too large, names the zero address or someone twice", async () => {
      const s = await networkHelpers.loadFixture(deployCommonfare);
      const { commonfare, boardA, boardB } = s;
      const refused = async (board: string[], r: Partial<Rules> = {}) =>
        expect(tryFound(s, r, LEVELS, board))
          .to.be.revertedWithCustomError(commonfare, "InvalidBoard")
          .withArgs(board.length);
      await refused([], { boardConfirmations: 0 });
      const many = Array.from({ length: 17 }, (_, i) => ethers.getAddress(ethers.dataSlice(ethers.id(`b${i}`), 12)));
      await refused(many);
      await refused([boardA.address, ethers.ZeroAddress]);
      await refused([boardA.address, boardB.address, boardA.address]);
      // an empty board with confirmations needed is refused on the rule first
      await expect(tryFound(s, {}, LEVELS, []))
        .to.be.revertedWithCustomError(commonfare, "InvalidRules")
        .withArgs("boardConfirmations");
      await tryFound(s, {}, LEVELS, many.slice(0, 16));
      expect(await commonfare.isBoardMember(2n, many[15])).to.equal(true);
    });

    it("refuses a currency the owner has not accepted, and a founder level that is not one of the levels", async () => {
      const s = await networkHelpers.loadFixture(deployCommonfare);
      const { commonfare, council, token, founder, boardA } = s;
      const other = await ethers.deployContract("MockERC20", ["Other", "OTH", 18]);
      const r = rules(await other.getAddress());
      await expect(commonfare.connect(founder).foundCircle(r, LEVELS, [boardA], 0))
        .to.be.revertedWithCustomError(commonfare, "UnacceptedCurrency")
        .withArgs(await other.getAddress());
      await expect(tryFound(s, {}, LEVELS, undefined, 3))
        .to.be.revertedWithCustomError(commonfare, "UnknownLevel")
        .withArgs(2n, 3n);
      // once the owner removes the currency, new circles are refused; circle 1 keeps it and works on
      await commonfare.connect(council).setCurrency(token, false);
      await expect(tryFound(s))
        .to.be.revertedWithCustomError(commonfare, "UnacceptedCurrency")
        .withArgs(await token.getAddress());
      await token.mint(founder.address, u(100));
      await token.connect(founder).approve(commonfare, u(100));
      await commonfare.connect(founder).deposit(1n, u(100));
      expect(await commonfare.balanceOf(1n, founder.address)).to.equal(u(100));
      expect(await commonfare.circleCount()).to.equal(1n);
    });
  });

  describe("currencies", () => {
    it("only the owner accepts or removes a currency, never the zero address", async () => {
      const s = await networkHelpers.loadFixture(deployCommonfare);
      const { commonfare, council, founder, boardA } = s;
      const other = await ethers.deployContract("MockERC20", ["Other", "OTH", 6]);
      for (const who of [founder, boardA]) {
        await expect(commonfare.connect(who).setCurrency(other, true))
          .to.be.revertedWithCustomError(commonfare, "OwnableUnauthorizedAccount")
          .withArgs(who.address);
      }
      await expect(commonfare.connect(council).setCurrency(ethers.ZeroAddress, true))
        .to.be.revertedWithCustomError(commonfare, "InvalidCurrency")
        .withArgs(ethers.ZeroAddress);
      expect(await commonfare.isCurrency(other)).to.equal(false);
      await expect(commonfare.connect(council).setCurrency(other, true))
        .to.emit(commonfare, "CurrencySet")
        .withArgs(await other.getAddress(), true);
      expect(await commonfare.isCurrency(other)).to.equal(true);
      await expect(commonfare.connect(council).setCurrency(other, false))
        .to.emit(commonfare, "CurrencySet")
        .withArgs(await other.getAddress(), false);
      expect(await commonfare.isCurrency(other)).to.equal(false);
      expect(await commonfare.owner()).to.equal(council.address);
    });
  });

  describe("admission", () => {
    it("a candidate asks at a level; two members' approvals admit it, counted one per member", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, alice, erin } = s;
      await expect(commonfare.connect(erin).requestJoin(1n, 2))
        .to.emit(commonfare, "JoinRequested")
        .withArgs(1n, erin.address, 2n);
      expect((await commonfare.accountOf(1n, erin.address)).status).to.equal(Status.Candidate);
      await expect(commonfare.connect(founder).approveCandidate(1n, erin.address))
        .to.emit(commonfare, "AdmissionApproved")
        .withArgs(1n, erin.address, founder.address, false, 1n)
        .and.not.to.emit(commonfare, "MemberAdmitted");
      expect(await commonfare.approvalsOf(1n, erin.address)).to.equal(1n);
      await expect(commonfare.connect(founder).approveCandidate(1n, erin.address))
        .to.be.revertedWithCustomError(commonfare, "AlreadyApproved")
        .withArgs(1n, erin.address, founder.address);
      const before = await commonfare.circleOf(1n);
      const tx = await commonfare.connect(alice).approveCandidate(1n, erin.address);
      const t = await txTime(tx);
      await expect(tx).to.emit(commonfare, "AdmissionApproved").withArgs(1n, erin.address, alice.address, false, 2n);
      await expect(tx)
        .to.emit(commonfare, "MemberAdmitted")
        .withArgs(1n, erin.address, 2n, t + WAITING, before.index);
      const after = await commonfare.circleOf(1n);
      expect(after.members).to.equal(before.members + 1n);
      expect(after.fundingWeight).to.equal(before.fundingWeight + LEVELS[2].monthlyDeposit);
      const a = await commonfare.accountOf(1n, erin.address);
      expect([a.status, a.level, a.balance, a.claimableFrom]).to.deep.equal([Status.Member, 2n, 0n, t + WAITING]);
      // approvals are shown for candidates only
      expect(await commonfare.approvalsOf(1n, erin.address)).to.equal(0n);
      await expect(commonfare.connect(founder).approveCandidate(1n, erin.address))
        .to.be.revertedWithCustomError(commonfare, "NotCandidate")
        .withArgs(1n, erin.address);
    });

    it("a board member admits at once, member or not; its approval is not counted among the members'", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, boardB, erin } = s;
      await commonfare.connect(erin).requestJoin(1n, 0);
      await commonfare.connect(founder).approveCandidate(1n, erin.address);
      const tx = await commonfare.connect(boardB).approveCandidate(1n, erin.address);
      const t = await txTime(tx);
      await expect(tx).to.emit(commonfare, "AdmissionApproved").withArgs(1n, erin.address, boardB.address, true, 1n);
      await expect(tx)
        .to.emit(commonfare, "MemberAdmitted")
        .withArgs(1n, erin.address, 0n, t + WAITING, 0n);
      expect((await commonfare.accountOf(1n, boardB.address)).status).to.equal(Status.None);
      expect((await commonfare.circleOf(1n)).members).to.equal(6n);
    });

    it("only members and board members approve; only candidates are approved; nobody asks twice", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, alice, erin, frank, outsider } = s;
      await commonfare.connect(erin).requestJoin(1n, 0);
      await commonfare.connect(frank).requestJoin(1n, 1);
      // an outsider and another candidate are no members
      for (const who of [outsider, frank]) {
        await expect(commonfare.connect(who).approveCandidate(1n, erin.address))
          .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
          .withArgs(1n, who.address);
      }
      for (const who of [outsider.address, alice.address]) {
        await expect(commonfare.connect(founder).approveCandidate(1n, who))
          .to.be.revertedWithCustomError(commonfare, "NotCandidate")
          .withArgs(1n, who);
      }
      for (const who of [erin, alice]) {
        await expect(commonfare.connect(who).requestJoin(1n, 0))
          .to.be.revertedWithCustomError(commonfare, "AlreadyInCircle")
          .withArgs(1n, who.address);
      }
      await expect(commonfare.connect(outsider).requestJoin(1n, 3))
        .to.be.revertedWithCustomError(commonfare, "UnknownLevel")
        .withArgs(1n, 3n);
      await expect(commonfare.connect(outsider).requestJoin(7n, 0))
        .to.be.revertedWithCustomError(commonfare, "UnknownCircle")
        .withArgs(7n);
      expect(await commonfare.approvalsOf(1n, erin.address)).to.equal(0n);
    });

    it("withdrawing a candidacy and asking again starts a new round: earlier approvals no longer count", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, founder, alice, bob, erin } = s;
      await commonfare.connect(erin).requestJoin(1n, 0);
      await commonfare.connect(founder).approveCandidate(1n, erin.address);
      await expect(commonfare.connect(erin).withdrawCandidacy(1n))
        .to.emit(commonfare, "CandidacyWithdrawn")
        .withArgs(1n, erin.address);
      expect((await commonfare.accountOf(1n, erin.address)).status).to.equal(Status.None);
      await expect(commonfare.connect(founder).approveCandidate(1n, erin.address))
        .to.be.revertedWithCustomError(commonfare, "NotCandidate")
        .withArgs(1n, erin.address);
      await expect(commonfare.connect(erin).withdrawCandidacy(1n))
        .to.be.revertedWithCustomError(commonfare, "NotCandidate")
        .withArgs(1n, erin.address);
      await commonfare.connect(erin).requestJoin(1n, 1);
      expect(await commonfare.approvalsOf(1n, erin.address)).to.equal(0n);
      // the founder approves again in the new round: one approval, not two
      await expect(commonfare.connect(founder).approveCandidate(1n, erin.address))
        .to.emit(commonfare, "AdmissionApproved")
        .withArgs(1n, erin.address, founder.address, false, 1n)
        .and.not.to.emit(commonfare, "MemberAdmitted");
      await expect(commonfare.connect(alice).approveCandidate(1n, erin.address)).to.emit(commonfare, "MemberAdmitted");
      expect((await commonfare.accountOf(1n, erin.address)).level).to.equal(1n);
      // a member cannot withdraw a candidacy it no longer has
      await expect(commonfare.connect(bob).withdrawCandidacy(1n))
        .to.be.revertedWithCustomError(commonfare, "NotCandidate")
        .withArgs(1n, bob.address);
    });

    it("admits no one beyond the maximum size", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, alice, erin, frank, boardA } = s;
      const id = await found(s, alice, rules(await token.getAddress(), { minMembers: 2, maxMembers: 2 }));
      await admit(s, erin, 0, id);
      await commonfare.connect(frank).requestJoin(id, 0);
      await expect(commonfare.connect(boardA).approveCandidate(id, frank.address))
        .to.be.revertedWithCustomError(commonfare, "CircleFull")
        .withArgs(id, 2n);
      await expect(commonfare.connect(alice).approveCandidate(id, frank.address))
        .to.emit(commonfare, "AdmissionApproved")
        .withArgs(id, frank.address, alice.address, false, 1n);
      await expect(commonfare.connect(erin).approveCandidate(id, frank.address))
        .to.be.revertedWithCustomError(commonfare, "CircleFull")
        .withArgs(id, 2n);
      // once a member leaves, there is room again
      await commonfare.connect(erin).leave(id);
      await commonfare.connect(boardA).approveCandidate(id, frank.address);
      expect((await commonfare.circleOf(id)).members).to.equal(2n);
    });
  });

  describe("board", () => {
    it("a board member may resign while claims can still gather their confirmations", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, founder, boardA, boardB, outsider, erin } = s;
      await expect(commonfare.connect(outsider).resignFromBoard(1n))
        .to.be.revertedWithCustomError(commonfare, "NotBoardMember")
        .withArgs(1n, outsider.address);
      await expect(commonfare.connect(boardA).resignFromBoard(1n))
        .to.emit(commonfare, "BoardMemberResigned")
        .withArgs(1n, boardA.address);
      expect(await commonfare.isBoardMember(1n, boardA.address)).to.equal(false);
      await expect(commonfare.connect(boardA).resignFromBoard(1n))
        .to.be.revertedWithCustomError(commonfare, "NotBoardMember")
        .withArgs(1n, boardA.address);
      // one confirmation needed, one board member left: it stays
      await expect(commonfare.connect(boardB).resignFromBoard(1n))
        .to.be.revertedWithCustomError(commonfare, "InvalidBoard")
        .withArgs(1n);
      // a resigned board member no longer admits at once
      await commonfare.connect(erin).requestJoin(1n, 0);
      await expect(commonfare.connect(boardA).approveCandidate(1n, erin.address))
        .to.be.revertedWithCustomError(commonfare, "NotCircleMember")
        .withArgs(1n, boardA.address);
      // with no confirmations needed, the board still keeps one member
      const id = await found(s, founder, rules(await token.getAddress(), { boardConfirmations: 0 }), LEVELS, [
        boardA,
        boardB,
        outsider,
      ]);
      await commonfare.connect(boardA).resignFromBoard(id);
      await commonfare.connect(outsider).resignFromBoard(id);
      await expect(commonfare.connect(boardB).resignFromBoard(id))
        .to.be.revertedWithCustomError(commonfare, "InvalidBoard")
        .withArgs(1n);
      expect(await commonfare.isBoardMember(id, boardB.address)).to.equal(true);
    });
  });

  describe("views", () => {
    it("name an unknown circle, and show outsiders and candidates as holding nothing", async () => {
      const s = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, outsider, erin } = s;
      for (const id of [0n, 2n]) {
        await expect(commonfare.rulesOf(id)).to.be.revertedWithCustomError(commonfare, "UnknownCircle").withArgs(id);
        await expect(commonfare.levelsOf(id)).to.be.revertedWithCustomError(commonfare, "UnknownCircle").withArgs(id);
        await expect(commonfare.circleOf(id)).to.be.revertedWithCustomError(commonfare, "UnknownCircle").withArgs(id);
      }
      const none = await commonfare.accountOf(1n, outsider.address);
      expect([none.status, none.level, none.balance, none.cap, none.floor, none.claimableFrom]).to.deep.equal([
        Status.None,
        0n,
        0n,
        0n,
        0n,
        0n,
      ]);
      expect(await commonfare.balanceOf(1n, outsider.address)).to.equal(0n);
      await commonfare.connect(erin).requestJoin(1n, 2);
      const cand = await commonfare.accountOf(1n, erin.address);
      expect([cand.status, cand.level, cand.balance, cand.cap, cand.floor]).to.deep.equal([
        Status.Candidate,
        2n,
        0n,
        u(3_600),
        u(600),
      ]);
      const c = await commonfare.claimOf(1n, outsider.address);
      expect([c.id, c.buddy, c.startedAt, c.monthsPaid, c.monthsDue]).to.deep.equal([
        0n,
        ethers.ZeroAddress,
        0n,
        0n,
        0n,
      ]);
      expect(await commonfare.hasConfirmed(1n, outsider.address)).to.equal(false);
    });

    it("show the circle's open books and each member's account, and state the constants", async () => {
      const s: Circle = await networkHelpers.loadFixture(deployCircle);
      const { commonfare, token, members, levels } = s;
      const c = await commonfare.circleOf(1n);
      expect([c.members, c.claimants, c.fundingWeight, c.index, c.pool, c.burn]).to.deep.equal([
        5n,
        0n,
        u(350),
        0n,
        u(4_200),
        0n,
      ]);
      expect(await token.balanceOf(commonfare)).to.equal(u(4_200));
      for (const [i, m] of members.entries()) {
        const a = await commonfare.accountOf(1n, m.address);
        const d = LEVELS[levels[i]].monthlyDeposit;
        expect([a.status, a.level, a.balance, a.cap, a.floor]).to.deep.equal([
          Status.Member,
          BigInt(levels[i]),
          12n * d,
          36n * d,
          6n * d,
        ]);
        expect(await commonfare.balanceOf(1n, m.address)).to.equal(12n * d);
      }
      expect(await commonfare.MONTH()).to.equal(MONTH);
      expect(await commonfare.MAX_MEMBERS()).to.equal(100n);
      expect(await commonfare.MAX_LEVELS()).to.equal(8n);
      expect(await commonfare.MAX_BOARD()).to.equal(16n);
      expect(await commonfare.MAX_GIFT_MONTHS()).to.equal(60n);
    });
  });
});
