import { expect } from "chai";
import {
  COORDINATOR,
  DAY,
  MEMBER,
  POLICY,
  deployLedger,
  deployWithProject,
  ethers,
  networkHelpers,
} from "./fixtures.ts";

describe("ContributionLedger · projects and roles", () => {
  it("creates a project: creator holds both roles, kinds are added, everything is evented", async () => {
    const { ledger, coordinator } = await networkHelpers.loadFixture(deployLedger);
    await expect(ledger.connect(coordinator).createProject("Lab", "ipfs://lab", POLICY, ["Code", "Design"], [10, 5]))
      .to.emit(ledger, "ProjectCreated")
      .withArgs(1n, coordinator.address, "Lab", "ipfs://lab", 2, 7 * DAY, 5)
      .and.to.emit(ledger, "ProjectRoleGranted")
      .withArgs(1n, coordinator.address, MEMBER | COORDINATOR, coordinator.address)
      .and.to.emit(ledger, "KindAdded")
      .withArgs(1n, 1, "Design", 5);
    expect(await ledger.projectCount()).to.equal(1n);
    const [name, uri, policy, kindCount, totalPoints] = await ledger.getProject(1);
    expect([name, uri, kindCount, totalPoints]).to.deep.equal(["Lab", "ipfs://lab", 2n, 0n]);
    expect([policy.quorum, policy.evaluationWindow, policy.minScore]).to.deep.equal([2n, BigInt(7 * DAY), 5n]);
    expect(await ledger.rolesOf(1, coordinator.address)).to.equal(3n);
    const kind = await ledger.getKind(1, 0);
    expect([kind.weight, kind.active]).to.deep.equal([10n, true]);
    expect(await ledger.incomeTokens(1)).to.deep.equal([ethers.ZeroAddress]);
    expect(await ledger.MEMBER_ROLE()).to.equal(1n);
    expect(await ledger.COORDINATOR_ROLE()).to.equal(2n);
    expect(await ledger.SCORE_MAX()).to.equal(10n);
    expect(await ledger.MAX_QUORUM()).to.equal(16n);
  });

  it("rejects bad project input with named errors", async () => {
    const { ledger, coordinator } = await networkHelpers.loadFixture(deployLedger);
    const c = ledger.connect(coordinator);
    await expect(c.createProject("", "", POLICY, [], [])).to.be.revertedWithCustomError(ledger, "EmptyName");
    await expect(c.createProject("P", "", POLICY, ["a"], []))
      .to.be.revertedWithCustomError(ledger, "KindArrayLengthMismatch")
      .withArgs(1, 0);
    await expect(c.createProject("P", "", { ...POLICY, quorum: 0 }, [], []))
      .to.be.revertedWithCustomError(ledger, "InvalidQuorum")
      .withArgs(0, 16);
    await expect(c.createProject("P", "", { ...POLICY, quorum: 17 }, [], []))
      .to.be.revertedWithCustomError(ledger, "InvalidQuorum")
      .withArgs(17, 16);
    await expect(c.createProject("P", "", { ...POLICY, evaluationWindow: 60 }, [], []))
      .to.be.revertedWithCustomError(ledger, "InvalidEvaluationWindow")
      .withArgs(60, 3600, 365 * DAY);
    await expect(
      c.createProject("P", "", { ...POLICY, evaluationWindow: 366 * DAY }, [], []),
    ).to.be.revertedWithCustomError(ledger, "InvalidEvaluationWindow");
    await expect(c.createProject("P", "", { ...POLICY, minScore: 0 }, [], []))
      .to.be.revertedWithCustomError(ledger, "InvalidMinScore")
      .withArgs(0, 10);
    await expect(c.createProject("P", "", { ...POLICY, minScore: 11 }, [], []))
      .to.be.revertedWithCustomError(ledger, "InvalidMinScore")
      .withArgs(11, 10);
    await expect(c.createProject("P", "", POLICY, ["a"], [0]))
      .to.be.revertedWithCustomError(ledger, "InvalidWeight")
      .withArgs(0, 1_000_000);
    await expect(c.createProject("P", "", POLICY, ["a"], [1_000_001])).to.be.revertedWithCustomError(
      ledger,
      "InvalidWeight",
    );
  });

  it("reverts on unknown projects and kinds", async () => {
    const { ledger, alice } = await networkHelpers.loadFixture(deployWithProject);
    await expect(ledger.getProject(9)).to.be.revertedWithCustomError(ledger, "UnknownProject").withArgs(9);
    await expect(ledger.getKind(1, 3)).to.be.revertedWithCustomError(ledger, "UnknownKind").withArgs(1, 3);
    await expect(ledger.connect(alice).revokeRole(9, alice.address, MEMBER)).to.be.revertedWithCustomError(
      ledger,
      "UnknownProject",
    );
    await expect(ledger.connect(alice).grantRole(9, alice.address, MEMBER)).to.be.revertedWithCustomError(
      ledger,
      "UnknownProject",
    );
  });

  it("lets only coordinators manage a project", async () => {
    const { ledger, alice, outsider } = await networkHelpers.loadFixture(deployWithProject);
    const a = ledger.connect(alice);
    for (const call of [
      a.grantRole(1, outsider.address, MEMBER),
      a.revokeRole(1, outsider.address, MEMBER),
      a.addKind(1, "Ops", 3),
      a.setKindActive(1, 0, false),
      a.addIncomeToken(1, outsider.address),
      a.updateProject(1, "ipfs://x", POLICY),
    ]) {
      await expect(call).to.be.revertedWithCustomError(ledger, "NotCoordinator").withArgs(1, alice.address);
    }
  });

  it("grants and revokes roles with events; granting twice or revoking a missing role is a no-op", async () => {
    const { ledger, coordinator, alice, outsider } = await networkHelpers.loadFixture(deployWithProject);
    const c = ledger.connect(coordinator);
    await expect(c.grantRole(1, outsider.address, MEMBER))
      .to.emit(ledger, "ProjectRoleGranted")
      .withArgs(1, outsider.address, MEMBER, coordinator.address);
    await expect(c.grantRole(1, outsider.address, MEMBER)).not.to.emit(ledger, "ProjectRoleGranted");
    await expect(c.revokeRole(1, outsider.address, MEMBER))
      .to.emit(ledger, "ProjectRoleRevoked")
      .withArgs(1, outsider.address, MEMBER, coordinator.address);
    await expect(c.revokeRole(1, outsider.address, MEMBER)).not.to.emit(ledger, "ProjectRoleRevoked");
    expect(await ledger.rolesOf(1, outsider.address)).to.equal(0n);
    await expect(c.grantRole(1, alice.address, 3))
      .to.be.revertedWithCustomError(ledger, "InvalidRole")
      .withArgs(3);
    await expect(c.revokeRole(1, alice.address, 0))
      .to.be.revertedWithCustomError(ledger, "InvalidRole")
      .withArgs(0);
  });

  it("lets members renounce, and never leaves a project without a coordinator", async () => {
    const { ledger, coordinator, alice } = await networkHelpers.loadFixture(deployWithProject);
    await expect(ledger.connect(coordinator).revokeRole(1, coordinator.address, COORDINATOR))
      .to.be.revertedWithCustomError(ledger, "LastCoordinator")
      .withArgs(1);
    await ledger.connect(coordinator).grantRole(1, alice.address, COORDINATOR);
    await expect(ledger.connect(coordinator).revokeRole(1, coordinator.address, COORDINATOR))
      .to.emit(ledger, "ProjectRoleRevoked")
      .withArgs(1, coordinator.address, COORDINATOR, coordinator.address);
    await expect(ledger.connect(alice).revokeRole(1, alice.address, COORDINATOR)).to.be.revertedWithCustomError(
      ledger,
      "LastCoordinator",
    );
    await expect(ledger.connect(alice).revokeRole(1, alice.address, MEMBER)).to.emit(ledger, "ProjectRoleRevoked");
    expect(await ledger.rolesOf(1, alice.address)).to.equal(BigInt(COORDINATOR));
  });

  it("adds and (de)activates kinds, bounded by MAX_KINDS", async () => {
    const { ledger, coordinator } = await networkHelpers.loadFixture(deployWithProject);
    const c = ledger.connect(coordinator);
    await expect(c.addKind(1, "Ops", 3))
      .to.emit(ledger, "KindAdded")
      .withArgs(1, 3, "Ops", 3);
    await expect(c.setKindActive(1, 3, false))
      .to.emit(ledger, "KindActivationChanged")
      .withArgs(1, 3, false, coordinator.address);
    await expect(c.setKindActive(1, 4, true))
      .to.be.revertedWithCustomError(ledger, "UnknownKind")
      .withArgs(1, 4);
    for (let i = 4; i < 256; i++) await c.addKind(1, `k${i}`, 1);
    await expect(c.addKind(1, "one too many", 1))
      .to.be.revertedWithCustomError(ledger, "TooManyKinds")
      .withArgs(1, 256);
  });

  it("updates the policy for later contributions only", async () => {
    const { ledger, coordinator, alice } = await networkHelpers.loadFixture(deployWithProject);
    await ledger
      .connect(alice)
      .submit({ projectId: 1, kindId: 0, quantity: 1, evidenceHash: ethers.ZeroHash, evidenceURI: "" });
    const next = { quorum: 3, evaluationWindow: 2 * DAY, minScore: 7 };
    await expect(ledger.connect(coordinator).updateProject(1, "ipfs://v2", next))
      .to.emit(ledger, "ProjectUpdated")
      .withArgs(1, coordinator.address, "ipfs://v2", 3, 2 * DAY, 7);
    await expect(
      ledger.connect(coordinator).updateProject(1, "", { ...next, quorum: 0 }),
    ).to.be.revertedWithCustomError(ledger, "InvalidQuorum");
    const before = await ledger.getContribution(1);
    expect([before.quorum, before.minScore]).to.deep.equal([2n, 5n]);
    await ledger
      .connect(alice)
      .submit({ projectId: 1, kindId: 0, quantity: 1, evidenceHash: ethers.ZeroHash, evidenceURI: "" });
    const after = await ledger.getContribution(2);
    expect([after.quorum, after.minScore]).to.deep.equal([3n, 7n]);
    expect((await ledger.getProject(1))[1]).to.equal("ipfs://v2");
  });

  it("accepts up to seven ERC-20 income tokens besides ETH", async () => {
    const { ledger, coordinator, token } = await networkHelpers.loadFixture(deployWithProject);
    const c = ledger.connect(coordinator);
    await expect(c.addIncomeToken(1, await token.getAddress()))
      .to.emit(ledger, "IncomeTokenAdded")
      .withArgs(1, await token.getAddress(), coordinator.address);
    await expect(c.addIncomeToken(1, await token.getAddress())).to.be.revertedWithCustomError(
      ledger,
      "IncomeTokenAlreadyAccepted",
    );
    await expect(c.addIncomeToken(1, ethers.ZeroAddress))
      .to.be.revertedWithCustomError(ledger, "IncomeTokenAlreadyAccepted")
      .withArgs(1, ethers.ZeroAddress);
    const more = [];
    for (let i = 0; i < 7; i++) more.push(await ethers.deployContract("MockERC20", [`T${i}`, `T${i}`, 18]));
    for (const t of more.slice(0, 6)) await c.addIncomeToken(1, await t.getAddress());
    expect((await ledger.incomeTokens(1)).length).to.equal(8);
    await expect(c.addIncomeToken(1, await more[6].getAddress()))
      .to.be.revertedWithCustomError(ledger, "TooManyIncomeTokens")
      .withArgs(1, 8);
  });

  describe("finding 10: income tokens are checked", () => {
    it("finding 10: an address without code (a plain wallet) is refused as an income token", async () => {
      const { ledger, coordinator, outsider } = await networkHelpers.loadFixture(deployWithProject);
      await expect(ledger.connect(coordinator).addIncomeToken(1, outsider.address))
        .to.be.revertedWithCustomError(ledger, "NotAnERC20")
        .withArgs(1, outsider.address);
      expect(await ledger.incomeTokens(1)).to.deep.equal([ethers.ZeroAddress]);
    });

    it("finding 10: a contract without decimals is refused as an income token", async () => {
      const { ledger, coordinator, outsider } = await networkHelpers.loadFixture(deployWithProject);
      const wallet = await ethers.deployContract("MockERC1271Wallet", [outsider.address]);
      const addr = await wallet.getAddress();
      await expect(ledger.connect(coordinator).addIncomeToken(1, addr))
        .to.be.revertedWithCustomError(ledger, "NotAnERC20")
        .withArgs(1, addr);
    });

    it("finding 10: a contract whose balanceOf reverts is refused as an income token", async () => {
      const { ledger, coordinator } = await networkHelpers.loadFixture(deployWithProject);
      const broken = await ethers.deployContract("BrokenBalanceERC20", [false]);
      const addr = await broken.getAddress();
      await expect(ledger.connect(coordinator).addIncomeToken(1, addr))
        .to.be.revertedWithCustomError(ledger, "NotAnERC20")
        .withArgs(1, addr);
      // answering decimals with a value that is not a uint8 is refused as well
      const odd = await ethers.deployContract("BrokenBalanceERC20", [true]);
      await expect(ledger.connect(coordinator).addIncomeToken(1, await odd.getAddress()))
        .to.be.revertedWithCustomError(ledger, "NotAnERC20")
        .withArgs(1, await odd.getAddress());
    });

    it("finding 10: a real ERC-20 is accepted as an income token", async () => {
      const { ledger, coordinator, token } = await networkHelpers.loadFixture(deployWithProject);
      const addr = await token.getAddress();
      await expect(ledger.connect(coordinator).addIncomeToken(1, addr))
        .to.emit(ledger, "IncomeTokenAdded")
        .withArgs(1, addr, coordinator.address);
      expect(await ledger.incomeTokens(1)).to.deep.equal([ethers.ZeroAddress, addr]);
    });
  });
});
