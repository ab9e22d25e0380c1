import { expect } from "chai";
import { acceptedContribution, deployWithProject, ETH, ethers, input, networkHelpers } from "./fixtures.ts";

const Action = { None: 0, Claim: 1, Evaluate: 2, Submit: 3 };

/** Project 1 where a contract member (ReentrantClaimer) holds 100 points and alice 300, with 4 ETH of income. */
async function withContractMember() {
  const f = await deployWithProject();
  const { ledger, coordinator, alice, bob, carol, funder } = f;
  const claimer = await ethers.deployContract("ReentrantClaimer", [await ledger.getAddress()]);
  const claimerAddress = await claimer.getAddress();
  await ledger.connect(coordinator).grantRole(1, claimerAddress, 1);
  await claimer.submit(input({ quantity: 1n }));
  const id = await ledger.contributionCount();
  await ledger.connect(bob).evaluate(id, 10, ethers.ZeroHash);
  await ledger.connect(carol).evaluate(id, 10, ethers.ZeroHash);
  await acceptedContribution(ledger, alice, [bob, carol], [10, 10], input({ quantity: 3n }));
  await ledger.connect(funder).depositIncome(1, { value: ethers.parseEther("4") });
  return { ...f, claimer, claimerAddress };
}

describe("ContributionLedger · hostile tokens and reentrancy", () => {
  it("refuses fee-on-transfer tokens, which would make claims pay out more than the contract holds", async () => {
    const { ledger, coordinator, alice, bob, carol, funder } = await networkHelpers.loadFixture(deployWithProject);
    await acceptedContribution(ledger, alice, [bob, carol], [8, 8]);
    const fee = await ethers.deployContract("FeeOnTransferERC20", ["Fee Token", "FEE"]);
    const addr = await fee.getAddress();
    await ledger.connect(coordinator).addIncomeToken(1, addr);
    await fee.mint(funder.address, 10_000n);
    await fee.connect(funder).approve(await ledger.getAddress(), 10_000n);
    const delivered = 10_000n - (await fee.feeOf(10_000n));
    await expect(ledger.connect(funder).depositIncomeToken(1, addr, 10_000n))
      .to.be.revertedWithCustomError(ledger, "TransferAmountMismatch")
      .withArgs(addr, 10_000n, delivered);
  });

  it("refuses tokens that return false instead of reverting (SafeERC20)", async () => {
    const { ledger, coordinator, alice, bob, carol, funder } = await networkHelpers.loadFixture(deployWithProject);
    await acceptedContribution(ledger, alice, [bob, carol], [8, 8]);
    const bad = await ethers.deployContract("FalseReturnERC20", ["False Token", "FALSE", true]);
    const addr = await bad.getAddress();
    await ledger.connect(coordinator).addIncomeToken(1, addr);
    await bad.mint(funder.address, 1_000n);
    await bad.connect(funder).approve(await ledger.getAddress(), 1_000n);
    await expect(ledger.connect(funder).depositIncomeToken(1, addr, 1_000n))
      .to.be.revertedWithCustomError(ledger, "SafeERC20FailedOperation")
      .withArgs(addr);
    // it works while honest; a claim that gets `false` back reverts and leaves the member's entitlement intact
    await bad.setReturnFalse(false);
    await ledger.connect(funder).depositIncomeToken(1, addr, 1_000n);
    const owed = await ledger.claimable(1, addr, alice.address);
    expect(owed).to.be.within(999n, 1_000n); // the sole holder; < 1 wei stays in the carry
    await bad.setReturnFalse(true);
    await expect(ledger.connect(alice).claim(1, addr)).to.be.revertedWithCustomError(
      ledger,
      "SafeERC20FailedOperation",
    );
    expect(await ledger.claimable(1, addr, alice.address)).to.equal(owed);
  });

  it("a contract member cannot re-enter claim to be paid twice", async () => {
    const { ledger, claimer, claimerAddress } = await networkHelpers.loadFixture(withContractMember);
    await claimer.setAction(Action.Claim, false, 0, 0, 0);
    await expect(claimer.claim(1))
      .to.emit(ledger, "IncomeClaimed")
      .withArgs(1, ETH, claimerAddress, ethers.parseEther("1"));
    expect(await claimer.reentryAttempts()).to.equal(1n);
    expect(await claimer.reentrySuccesses()).to.equal(0n);
    expect(ledger.interface.parseError(await claimer.lastReentryError())!.name).to.equal(
      "ReentrancyGuardReentrantCall",
    );
    expect(await claimer.totalReceived()).to.equal(ethers.parseEther("1"));
    expect(await ethers.provider.getBalance(await ledger.getAddress())).to.equal(ethers.parseEther("3"));
  });

  it("a receiver that reverts makes its own claim fail with EthTransferFailed, and keeps its entitlement", async () => {
    const { ledger, claimer, claimerAddress } = await networkHelpers.loadFixture(withContractMember);
    await claimer.setAction(Action.Claim, true, 0, 0, 0);
    await expect(claimer.claim(1))
      .to.be.revertedWithCustomError(ledger, "EthTransferFailed")
      .withArgs(claimerAddress, ethers.parseEther("1"));
    expect(await ledger.claimable(1, ETH, claimerAddress)).to.equal(ethers.parseEther("1"));
    await claimer.setAction(Action.None, false, 0, 0, 0);
    await expect(claimer.claim(1)).to.emit(ledger, "IncomeClaimed");
  });

  it("re-entering evaluate or submit from the payment callback changes nothing it should not", async () => {
    const { ledger, alice, claimer, claimerAddress } = await networkHelpers.loadFixture(withContractMember);
    await ledger.connect(alice).submit(input());
    const target = await ledger.contributionCount();
    await claimer.setAction(Action.Evaluate, false, target, 9, 0);
    await claimer.claim(1);
    // evaluate is not guarded (it moves no value); the callback's evaluation is an ordinary one by a member
    expect(await ledger.hasEvaluated(target, claimerAddress)).to.equal(true);
    expect(await claimer.totalReceived()).to.equal(ethers.parseEther("1"));
    const [received, claimed] = await ledger.incomeStats(1, ETH);
    expect(received - claimed).to.equal(ethers.parseEther("3"));
  });
});
