import { expect } from "chai";
import { BUDGET, deploySponsorship, DAY, ENTRY_POINT, ethers, networkHelpers, PERIOD } from "./fixtures.ts";

const MAX_BUDGET = 2n ** 96n - 1n;

describe("MembersPaymaster · owner, coordinators and deposit", () => {
  it("is deployed with its sources, period, owner, stake and deposit", async () => {
    const { paymaster, ledger, credit, owner, entryPoint } = await networkHelpers.loadFixture(deploySponsorship);
    expect(await paymaster.entryPoint()).to.equal(ENTRY_POINT);
    expect(await paymaster.owner()).to.equal(owner.address);
    expect(await paymaster.LEDGER()).to.equal(await ledger.getAddress());
    expect(await paymaster.PROJECT_ID()).to.equal(1n);
    expect(await paymaster.CREDIT_NETWORK()).to.equal(await credit.getAddress());
    expect(await paymaster.PERIOD_LENGTH()).to.equal(BigInt(PERIOD));
    expect(await paymaster.defaultBudget()).to.equal(BUDGET);
    expect(await paymaster.getDeposit()).to.equal(ethers.parseEther("1"));
    const info = await entryPoint.getDepositInfo(await paymaster.getAddress());
    expect([info.staked, info.stake, info.unstakeDelaySec]).to.deep.equal([true, ethers.parseEther("1"), BigInt(DAY)]);
    const origin = await paymaster.PERIOD_ORIGIN();
    expect(await paymaster.periodAt(origin - 1n)).to.equal(0n);
    expect(await paymaster.periodAt(origin + BigInt(PERIOD) * 3n)).to.equal(3n);
    expect(await paymaster.periodAt(2n ** 200n)).to.equal(2n ** 32n - 1n);
    expect(await paymaster.periodBounds(2n)).to.deep.equal([
      origin + 2n * BigInt(PERIOD),
      origin + 3n * BigInt(PERIOD),
    ]);
  });

  it("refuses inconsistent constructor arguments", async () => {
    const { ledger, credit, owner } = await networkHelpers.loadFixture(deploySponsorship);
    const factory = await ethers.getContractFactory("MembersPaymaster");
    const [l, c, z] = [await ledger.getAddress(), await credit.getAddress(), ethers.ZeroAddress];
    await expect(ethers.deployContract("MembersPaymaster", [ENTRY_POINT, owner.address, l, 0n, c, PERIOD, [], 0n, 0n]))
      .to.be.revertedWithCustomError(factory, "InvalidProject")
      .withArgs(l, 0n);
    await expect(ethers.deployContract("MembersPaymaster", [ENTRY_POINT, owner.address, z, 1n, c, PERIOD, [], 0n, 0n]))
      .to.be.revertedWithCustomError(factory, "InvalidProject")
      .withArgs(z, 1n);
    await expect(
      ethers.deployContract("MembersPaymaster", [ENTRY_POINT, owner.address, z, 0n, z, PERIOD, [], 0n, 0n]),
    ).to.be.revertedWithCustomError(factory, "NoMembershipSource");
    await expect(ethers.deployContract("MembersPaymaster", [ENTRY_POINT, owner.address, z, 0n, c, 0, [], 0n, 0n]))
      .to.be.revertedWithCustomError(factory, "InvalidPeriodLength")
      .withArgs(0);
    await expect(ethers.deployContract("MembersPaymaster", [ENTRY_POINT, z, z, 0n, c, PERIOD, [], 0n, 0n]))
      .to.be.revertedWithCustomError(factory, "OwnableInvalidOwner")
      .withArgs(z);
    // Credit network only.
    const only = await ethers.deployContract("MembersPaymaster", [
      ENTRY_POINT,
      owner.address,
      z,
      0n,
      c,
      PERIOD,
      [],
      0n,
      0n,
    ]);
    expect(await only.isMember((await ethers.getSigners())[0].address)).to.equal(false);
  });

  it("starts with the deployment's rules: call targets, default budget and coordinator cap, each evented", async () => {
    const { ledger, credit, owner } = await networkHelpers.loadFixture(deploySponsorship);
    const [l, c] = [await ledger.getAddress(), await credit.getAddress()];
    const deployed = await ethers.deployContract("MembersPaymaster", [
      ENTRY_POINT,
      owner.address,
      l,
      1n,
      c,
      PERIOD,
      [l, c],
      BUDGET,
      BUDGET * 2n,
    ]);
    const tx = deployed.deploymentTransaction()!;
    await expect(tx).to.emit(deployed, "CallTargetAllowed").withArgs(l);
    await expect(tx).to.emit(deployed, "CallTargetAllowed").withArgs(c);
    await expect(tx).to.emit(deployed, "DefaultBudgetSet").withArgs(BUDGET);
    await expect(tx)
      .to.emit(deployed, "CoordinatorBudgetCapSet")
      .withArgs(BUDGET * 2n);
    expect(await deployed.isCallTargetAllowed(l)).to.equal(true);
    expect(await deployed.defaultBudget()).to.equal(BUDGET);
    expect(await deployed.coordinatorBudgetCap()).to.equal(BUDGET * 2n);
    const factory = await ethers.getContractFactory("MembersPaymaster");
    await expect(
      ethers.deployContract("MembersPaymaster", [ENTRY_POINT, owner.address, l, 1n, c, PERIOD, [ENTRY_POINT], 0n, 0n]),
    )
      .to.be.revertedWithCustomError(factory, "InvalidCallTarget")
      .withArgs(ENTRY_POINT);
    const tooLarge = 2n ** 96n;
    await expect(
      ethers.deployContract("MembersPaymaster", [ENTRY_POINT, owner.address, l, 1n, c, PERIOD, [], tooLarge, 0n]),
    )
      .to.be.revertedWithCustomError(factory, "BudgetTooLarge")
      .withArgs(tooLarge, tooLarge - 1n);
  });

  it("only the owner withdraws the deposit; anyone tops it up", async () => {
    const { paymaster, owner, outsider, funded, admin } = await networkHelpers.loadFixture(deploySponsorship);
    await expect(paymaster.connect(funded).withdrawTo(funded.address, 1n))
      .to.be.revertedWithCustomError(paymaster, "OwnableUnauthorizedAccount")
      .withArgs(funded.address);
    await paymaster.connect(admin).deposit({ value: 5n });
    const to = outsider.address;
    await expect(paymaster.connect(owner).withdrawTo(to, ethers.parseEther("0.25"))).to.changeEtherBalance(
      ethers,
      to,
      ethers.parseEther("0.25"),
    );
    expect(await paymaster.getDeposit()).to.equal(ethers.parseEther("0.75") + 5n);
    await expect(paymaster.connect(funded).unlockStake()).to.be.revertedWithCustomError(
      paymaster,
      "OwnableUnauthorizedAccount",
    );
  });

  it("hands ownership over in two steps (to the co-op's timelock)", async () => {
    const { paymaster, owner, admin } = await networkHelpers.loadFixture(deploySponsorship);
    await paymaster.connect(owner).transferOwnership(admin.address);
    expect(await paymaster.owner()).to.equal(owner.address);
    await paymaster.connect(admin).acceptOwnership();
    expect(await paymaster.owner()).to.equal(admin.address);
    await expect(paymaster.connect(owner).setDefaultBudget(1n)).to.be.revertedWithCustomError(
      paymaster,
      "OwnableUnauthorizedAccount",
    );
  });

  it("keeps the allow-list's rules for the first 8 distinct deployment targets and the ones after them", async () => {
    const { ledger, credit, owner } = await networkHelpers.loadFixture(deploySponsorship);
    const [l, c] = [await ledger.getAddress(), await credit.getAddress()];
    // 10 distinct targets and a repeated one: the first 8 distinct ones are stored apart from the later ones.
    const targets = [l, c, ...Array.from({ length: 8 }, () => ethers.Wallet.createRandom().address)];
    const deployed = await ethers.deployContract("MembersPaymaster", [
      ENTRY_POINT,
      owner.address,
      l,
      1n,
      c,
      PERIOD,
      [...targets.slice(0, 3), l, ...targets.slice(3)],
      BUDGET,
      0n,
    ]);
    for (const t of targets) expect(await deployed.isCallTargetAllowed(t)).to.equal(true);
    expect(await deployed.isCallTargetAllowed(ethers.ZeroAddress)).to.equal(false);
    // Removing one of either kind leaves every other target as it was; allowing it again restores it.
    for (const removed of [targets[7], targets[9]]) {
      await expect(deployed.connect(owner).removeCallTarget(removed))
        .to.emit(deployed, "CallTargetRemoved")
        .withArgs(removed);
      for (const t of targets) expect(await deployed.isCallTargetAllowed(t)).to.equal(t !== removed);
      await expect(deployed.connect(owner).allowCallTarget(removed))
        .to.emit(deployed, "CallTargetAllowed")
        .withArgs(removed);
      for (const t of targets) expect(await deployed.isCallTargetAllowed(t)).to.equal(true);
    }
    // Removing an address never allowed (address 0 included) changes nothing, as before.
    await expect(deployed.connect(owner).removeCallTarget(ethers.ZeroAddress)).to.emit(deployed, "CallTargetRemoved");
    for (const t of targets) expect(await deployed.isCallTargetAllowed(t)).to.equal(true);
  });

  it("the owner manages the allow-list, evented; others cannot", async () => {
    const { paymaster, owner, funded, ledger, entryPoint } = await networkHelpers.loadFixture(deploySponsorship);
    const target = funded.address;
    await expect(paymaster.connect(owner).allowCallTarget(target))
      .to.emit(paymaster, "CallTargetAllowed")
      .withArgs(target);
    expect(await paymaster.isCallTargetAllowed(target)).to.equal(true);
    await expect(paymaster.connect(owner).removeCallTarget(target))
      .to.emit(paymaster, "CallTargetRemoved")
      .withArgs(target);
    expect(await paymaster.isCallTargetAllowed(target)).to.equal(false);
    expect(await paymaster.isCallTargetAllowed(await ledger.getAddress())).to.equal(true);
    for (const bad of [ethers.ZeroAddress, await paymaster.getAddress(), await entryPoint.getAddress()]) {
      await expect(paymaster.connect(owner).allowCallTarget(bad))
        .to.be.revertedWithCustomError(paymaster, "InvalidCallTarget")
        .withArgs(bad);
    }
    for (const call of [
      paymaster.connect(funded).allowCallTarget(target),
      paymaster.connect(funded).removeCallTarget(target),
    ]) {
      await expect(call)
        .to.be.revertedWithCustomError(paymaster, "OwnableUnauthorizedAccount")
        .withArgs(funded.address);
    }
  });

  it("the owner sets the default budget and the coordinators' cap; coordinators set members' budgets within the cap", async () => {
    const { paymaster, owner, coordinator, member, member2, funded } =
      await networkHelpers.loadFixture(deploySponsorship);
    await expect(paymaster.connect(owner).setDefaultBudget(123n)).to.emit(paymaster, "DefaultBudgetSet").withArgs(123n);
    expect(await paymaster.budgetOf(member.address)).to.deep.equal([123n, false]);
    await expect(paymaster.connect(owner).setDefaultBudget(MAX_BUDGET + 1n))
      .to.be.revertedWithCustomError(paymaster, "BudgetTooLarge")
      .withArgs(MAX_BUDGET + 1n, MAX_BUDGET);
    await expect(paymaster.connect(coordinator).setDefaultBudget(1n)).to.be.revertedWithCustomError(
      paymaster,
      "OwnableUnauthorizedAccount",
    );

    // Coordinators: nothing until the owner sets a cap.
    await expect(paymaster.connect(coordinator).setMemberBudget(member.address, 1n))
      .to.be.revertedWithCustomError(paymaster, "BudgetAboveCoordinatorCap")
      .withArgs(1n, 0n);
    await expect(paymaster.connect(owner).setCoordinatorBudgetCap(1000n))
      .to.emit(paymaster, "CoordinatorBudgetCapSet")
      .withArgs(1000n);
    expect(await paymaster.coordinatorBudgetCap()).to.equal(1000n);
    await expect(paymaster.connect(coordinator).setMemberBudget(member.address, 1000n))
      .to.emit(paymaster, "MemberBudgetSet")
      .withArgs(member.address, 1000n, coordinator.address);
    expect(await paymaster.budgetOf(member.address)).to.deep.equal([1000n, true]);
    await expect(paymaster.connect(coordinator).setMemberBudget(member.address, 1001n))
      .to.be.revertedWithCustomError(paymaster, "BudgetAboveCoordinatorCap")
      .withArgs(1001n, 1000n);
    // The owner is not capped; 0 is a budget of its own (no sponsorship), distinct from the default.
    await expect(paymaster.connect(owner).setMemberBudget(member2.address, 0n))
      .to.emit(paymaster, "MemberBudgetSet")
      .withArgs(member2.address, 0n, owner.address);
    expect(await paymaster.budgetOf(member2.address)).to.deep.equal([0n, true]);
    expect(await paymaster.remainingBudget(member2.address, 0)).to.equal(0n);
    await expect(paymaster.connect(coordinator).clearMemberBudget(member2.address))
      .to.emit(paymaster, "MemberBudgetCleared")
      .withArgs(member2.address, coordinator.address);
    expect(await paymaster.budgetOf(member2.address)).to.deep.equal([123n, false]);
    // A member (not a coordinator) or an outsider sets nothing.
    for (const who of [member, funded]) {
      const signer = who.connect(ethers.provider);
      await expect(paymaster.connect(signer).setMemberBudget(member.address, 1n))
        .to.be.revertedWithCustomError(paymaster, "NotBudgetAdmin")
        .withArgs(who.address);
      await expect(paymaster.connect(signer).clearMemberBudget(member.address))
        .to.be.revertedWithCustomError(paymaster, "NotBudgetAdmin")
        .withArgs(who.address);
    }
    await expect(
      paymaster.connect(owner).setMemberBudget(member.address, MAX_BUDGET + 1n),
    ).to.be.revertedWithCustomError(paymaster, "BudgetTooLarge");
    await expect(paymaster.connect(owner).setCoordinatorBudgetCap(MAX_BUDGET + 1n)).to.be.revertedWithCustomError(
      paymaster,
      "BudgetTooLarge",
    );
  });

  it("only the EntryPoint calls validation and postOp", async () => {
    const { paymaster, funded } = await networkHelpers.loadFixture(deploySponsorship);
    await expect(paymaster.connect(funded).postOp(0, "0x", 0n, 0n)).to.be.revertedWith("Sender not EntryPoint");
  });
});
