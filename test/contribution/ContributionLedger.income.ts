import { expect } from "chai";
import { acceptedContribution, deployWithProject, ETH, ethers, input, networkHelpers } from "./fixtures.ts";

/** Project 1 where alice holds 300 points (3 × 10 × 10) and bob 100 (1 × 10 × 10). */
async function withPoints() {
  const f = await deployWithProject();
  const { ledger, alice, bob, carol, dave } = f;
  await acceptedContribution(ledger, alice, [carol, dave], [10, 10], input({ quantity: 3n }));
  await acceptedContribution(ledger, bob, [carol, dave], [10, 10], input({ quantity: 1n }));
  await ledger.connect(f.coordinator).addIncomeToken(1, await f.token.getAddress());
  return f;
}

describe("ContributionLedger · income and claims", () => {
  it("owes ETH income pro rata at the moment it arrives, and pays it out on claim", async () => {
    const { ledger, alice, bob, funder } = await networkHelpers.loadFixture(withPoints);
    const amount = ethers.parseEther("4");
    await expect(ledger.connect(funder).depositIncome(1, { value: amount }))
      .to.emit(ledger, "IncomeDeposited")
      .withArgs(1, ETH, funder.address, amount, (amount * 10n ** 18n) / 400n, 400);
    expect(await ledger.claimable(1, ETH, alice.address)).to.equal(ethers.parseEther("3"));
    expect(await ledger.claimable(1, ETH, bob.address)).to.equal(ethers.parseEther("1"));
    await expect(ledger.connect(alice).claim(1, ETH)).to.changeEtherBalances(
      ethers,
      [alice, ledger],
      [ethers.parseEther("3"), -ethers.parseEther("3")],
    );
    expect(await ledger.claimable(1, ETH, alice.address)).to.equal(0n);
    await expect(ledger.connect(bob).claim(1, ETH))
      .to.emit(ledger, "IncomeClaimed")
      .withArgs(1, ETH, bob.address, ethers.parseEther("1"));
    const [received, claimed] = await ledger.incomeStats(1, ETH);
    expect([received, claimed]).to.deep.equal([amount, amount]);
  });

  it("new points earn only income that arrives after they were minted", async () => {
    const { ledger, alice, bob, carol, dave, funder } = await networkHelpers.loadFixture(withPoints);
    await ledger.connect(funder).depositIncome(1, { value: 400n });
    await acceptedContribution(ledger, carol, [alice, dave], [10, 10], input({ quantity: 4n })); // +400 points
    expect(await ledger.claimable(1, ETH, carol.address)).to.equal(0n);
    await ledger.connect(funder).depositIncome(1, { value: 800n });
    expect(await ledger.claimable(1, ETH, alice.address)).to.equal(300n + 300n);
    expect(await ledger.claimable(1, ETH, bob.address)).to.equal(100n + 100n);
    expect(await ledger.claimable(1, ETH, carol.address)).to.equal(400n);
    // alice claims in between; a later contribution of hers does not disturb what she is owed
    await ledger.connect(alice).claim(1, ETH);
    await acceptedContribution(ledger, alice, [bob, dave], [10, 10], input({ quantity: 1n }));
    await ledger.connect(funder).depositIncome(1, { value: 900n });
    expect(await ledger.claimable(1, ETH, alice.address)).to.equal(400n);
  });

  it("ERC-20 income: pays pro rata through SafeERC20", async () => {
    const { ledger, token, alice, bob, funder } = await networkHelpers.loadFixture(withPoints);
    const addr = await token.getAddress();
    await token.mint(funder.address, 1_000_000n);
    await token.connect(funder).approve(await ledger.getAddress(), 1_000_000n);
    await expect(ledger.connect(funder).depositIncomeToken(1, addr, 1_000_000n)).to.emit(ledger, "IncomeDeposited");
    await expect(ledger.connect(alice).claim(1, addr)).to.changeTokenBalances(
      ethers,
      token,
      [alice, ledger],
      [750_000n, -750_000n],
    );
    await expect(ledger.connect(bob).claim(1, addr)).to.changeTokenBalance(ethers, token, bob, 250_000n);
  });

  it("rounding never pays out more than came in; the remainder is carried to the next deposit", async () => {
    const { ledger, coordinator, alice, bob, carol, dave, funder } =
      await networkHelpers.loadFixture(deployWithProject);
    await ledger.connect(coordinator).updateProject(1, "", { quorum: 1, evaluationWindow: 3600, minScore: 1 });
    await acceptedContribution(ledger, alice, [bob], [1], input({ quantity: 1n })); // 10
    await acceptedContribution(ledger, bob, [carol], [1], input({ quantity: 1n })); // 10
    await acceptedContribution(ledger, carol, [dave], [1], input({ quantity: 1n })); // 10
    for (let i = 0; i < 7; i++) await ledger.connect(funder).depositIncome(1, { value: 1n }); // 7 wei over 30 points
    const owed = [];
    for (const m of [alice, bob, carol]) owed.push(await ledger.claimable(1, ETH, m.address));
    const sum = owed.reduce((a, b) => a + b, 0n);
    expect(sum <= 7n).to.equal(true);
    expect(7n - sum <= 2n).to.equal(true); // dust: at most one wei per member
    for (const m of [alice, bob, carol])
      if ((await ledger.claimable(1, ETH, m.address)) > 0n) await ledger.connect(m).claim(1, ETH);
    const [received, claimed] = await ledger.incomeStats(1, ETH);
    expect(received - claimed).to.equal(7n - sum);
    expect(await ethers.provider.getBalance(await ledger.getAddress())).to.equal(received - claimed);
  });

  it("refuses deposits nobody could be owed, zero deposits, unknown projects and unaccepted tokens", async () => {
    const { ledger, coordinator, token, funder } = await networkHelpers.loadFixture(deployWithProject);
    await expect(ledger.connect(funder).depositIncome(1, { value: 1n }))
      .to.be.revertedWithCustomError(ledger, "NoPointHolders")
      .withArgs(1);
    await expect(ledger.connect(funder).depositIncome(1)).to.be.revertedWithCustomError(ledger, "ZeroAmount");
    await expect(ledger.connect(funder).depositIncome(9, { value: 1n }))
      .to.be.revertedWithCustomError(ledger, "UnknownProject")
      .withArgs(9);
    const addr = await token.getAddress();
    await expect(ledger.connect(funder).depositIncomeToken(1, addr, 5n))
      .to.be.revertedWithCustomError(ledger, "IncomeTokenNotAccepted")
      .withArgs(1, addr);
    await expect(ledger.connect(funder).depositIncomeToken(9, addr, 5n))
      .to.be.revertedWithCustomError(ledger, "UnknownProject")
      .withArgs(9);
    await ledger.connect(coordinator).addIncomeToken(1, addr);
    await token.mint(funder.address, 5n);
    await token.connect(funder).approve(await ledger.getAddress(), 5n);
    await expect(ledger.connect(funder).depositIncomeToken(1, addr, 5n)).to.be.revertedWithCustomError(
      ledger,
      "NoPointHolders",
    );
  });

  it("refuses a claim with nothing owed", async () => {
    const { ledger, alice, outsider, funder } = await networkHelpers.loadFixture(withPoints);
    await expect(ledger.connect(alice).claim(1, ETH))
      .to.be.revertedWithCustomError(ledger, "NothingToClaim")
      .withArgs(1, ETH, alice.address);
    await ledger.connect(funder).depositIncome(1, { value: 100n });
    await expect(ledger.connect(outsider).claim(1, ETH))
      .to.be.revertedWithCustomError(ledger, "NothingToClaim")
      .withArgs(1, ETH, outsider.address);
    await ledger.connect(alice).claim(1, ETH);
    await expect(ledger.connect(alice).claim(1, ETH)).to.be.revertedWithCustomError(ledger, "NothingToClaim");
  });

  it("caps the cumulative income of a (project, token) at 2^128 - 1", async () => {
    const { ledger, token, funder } = await networkHelpers.loadFixture(withPoints);
    const addr = await token.getAddress();
    const max = 2n ** 128n - 1n;
    await token.mint(funder.address, max + 1n);
    await token.connect(funder).approve(await ledger.getAddress(), max + 1n);
    await ledger.connect(funder).depositIncomeToken(1, addr, max);
    await expect(ledger.connect(funder).depositIncomeToken(1, addr, 1n))
      .to.be.revertedWithCustomError(ledger, "IncomeCapExceeded")
      .withArgs(1, addr);
  });

  it("revoked members keep their points and their income", async () => {
    const { ledger, coordinator, alice, funder } = await networkHelpers.loadFixture(withPoints);
    await ledger.connect(coordinator).revokeRole(1, alice.address, 1);
    await ledger.connect(funder).depositIncome(1, { value: 400n });
    expect(await ledger.pointsOf(1, alice.address)).to.equal(300n);
    await expect(ledger.connect(alice).claim(1, ETH))
      .to.emit(ledger, "IncomeClaimed")
      .withArgs(1, ETH, alice.address, 300n);
  });

  it("claims cost the same gas whatever the number of members (no loop over members)", async () => {
    const { ledger, coordinator, alice, bob, carol, funder } = await networkHelpers.loadFixture(withPoints);
    await ledger.connect(funder).depositIncome(1, { value: ethers.parseEther("1") });
    const first = await (await ledger.connect(alice).claim(1, ETH)).wait();
    // 40 more members earn points, then income arrives again
    await ledger.connect(coordinator).updateProject(1, "", { quorum: 1, evaluationWindow: 3600, minScore: 1 });
    for (let i = 0; i < 40; i++) {
      const w = ethers.Wallet.createRandom().connect(ethers.provider);
      await funder.sendTransaction({ to: w.address, value: ethers.parseEther("0.01") });
      await ledger.connect(coordinator).grantRole(1, w.address, 1);
      await acceptedContribution(ledger, w as never, [carol], [5]);
    }
    await ledger.connect(funder).depositIncome(1, { value: ethers.parseEther("1") });
    const later = await (await ledger.connect(bob).claim(1, ETH)).wait();
    const again = await (await ledger.connect(alice).claim(1, ETH)).wait();
    expect(again!.gasUsed).to.equal(first!.gasUsed);
    expect(later!.gasUsed).to.equal(first!.gasUsed);
  });
});
