import { expect } from "chai";
import { coverage } from "../utils/coverage.ts";
import {
  BUDGET,
  buildOp,
  deployDelegated,
  ethers,
  execute,
  GAS,
  handleOps,
  maxCostOf,
  networkHelpers,
  PERIOD,
  refusal,
  sign,
  sponsor,
  sponsoredEvents,
  submitData,
  userOpEvents,
} from "./fixtures.ts";

describe("MembersPaymaster · budgets and accounting", () => {
  it("charges each operation to its member's period and starts afresh in the next period", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, paymaster, entryPoint, member } = stack;
    const call = execute(await ledger.getAddress(), await submitData(stack));
    const p0 = await paymaster.currentPeriod();
    const [start, end] = await paymaster.periodBounds(p0);
    expect(end - start).to.equal(BigInt(PERIOD));

    const a = await sponsor(stack, member, call);
    const b = await sponsor(stack, member, call);
    const [ca] = sponsoredEvents(stack, a.receipt);
    const [cb] = sponsoredEvents(stack, b.receipt);
    expect([ca.member, ca.period]).to.deep.equal([member.address, p0]);
    expect(a.event.sender).to.equal(member.address); // the EntryPoint's UserOperationEvent of the same operation
    expect(cb.period).to.equal(p0);
    expect(await paymaster.spendingOf(member.address)).to.deep.equal([p0, ca.cost + cb.cost, 0n]);
    expect(await paymaster.remainingBudget(member.address, p0)).to.equal(BUDGET - ca.cost - cb.cost);

    await networkHelpers.time.increaseTo(end);
    const p1 = await paymaster.currentPeriod();
    expect(p1).to.equal(p0 + 1n);
    expect(await paymaster.remainingBudget(member.address, p1)).to.equal(BUDGET);
    const c = await sponsor(stack, member, call);
    const [cc] = sponsoredEvents(stack, c.receipt);
    expect(cc.period).to.equal(p1);
    expect(await paymaster.spendingOf(member.address)).to.deep.equal([p1, cc.cost, 0n]);
    expect(await paymaster.remainingBudget(member.address, p0)).to.equal(0n);

    // The closed period is refused; an operation naming it is also outside its validity window.
    const old = await sign(await buildOp(stack, member.address, call, { period: p0 }), member);
    await expect(handleOps(stack, [old]))
      .to.be.revertedWithCustomError(entryPoint, "FailedOpWithRevert")
      .withArgs(0n, "AA33 reverted", refusal(stack, "PeriodClosed", [p0, p1]));
    // A future period passes validation but the EntryPoint enforces its window (validAfter).
    const early = await sign(await buildOp(stack, member.address, call, { period: p1 + 1n }), member);
    await expect(handleOps(stack, [early]))
      .to.be.revertedWithCustomError(entryPoint, "FailedOp")
      .withArgs(0n, "AA32 paymaster expired or not due");
  });

  it("the deposit falls by exactly the EntryPoint's charges; each recorded cost is within 1,000 gas of its charge", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, credit, paymaster, member, member2, creditMember } = stack;
    const before = await paymaster.getDeposit();
    const consent = credit.interface.encodeFunctionData("setClearingConsent", [true, true]);
    const calls = [
      [member, execute(await ledger.getAddress(), await submitData(stack))],
      [member2, execute(await ledger.getAddress(), await submitData(stack))],
      [creditMember, execute(await credit.getAddress(), consent)],
      // A reverting call is still paid for and charged: member2 is not a credit network member.
      [member2, execute(await credit.getAddress(), consent)],
      [member, execute(await ledger.getAddress(), await submitData(stack))],
    ] as const;
    let charged = 0n;
    const spent = new Map<string, bigint>();
    const errors: bigint[] = [];
    for (const [who, callData] of calls) {
      const { receipt, event } = await sponsor(stack, who, callData);
      const [s] = sponsoredEvents(stack, receipt);
      expect(s.member).to.equal(event.sender);
      charged += event.actualGasCost;
      spent.set(who.address, (spent.get(who.address) ?? 0n) + s.cost);
      const fee = BigInt(event.actualGasCost) / BigInt(event.actualGasUsed);
      errors.push((BigInt(s.cost) - BigInt(event.actualGasCost)) / fee);
    }
    expect(await paymaster.getDeposit()).to.equal(before - charged);
    // POST_OP_GAS is calibrated on the production build (deployed; 0 to 16 gas below it there); the default build's
    // postOp costs ~385 gas more, and under --coverage the instrumented postOp more still.
    if (!coverage) for (const e of errors) expect(e < 0n ? -e : e).to.be.lessThanOrEqual(1_000n);
    for (const [who, total] of spent) expect((await paymaster.spendingOf(who))[1]).to.equal(total);
    console.log(`      recorded - charged, in gas per operation: ${errors.join(", ")}`);
  });

  it("reserves maxCost in validation so that two operations of one member in one bundle cannot overspend", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, paymaster, entryPoint, owner, member } = stack;
    const maxCost = maxCostOf(GAS);
    await paymaster.connect(owner).setMemberBudget(member.address, (maxCost * 3n) / 2n);
    const call = execute(await ledger.getAddress(), await submitData(stack));
    const nonce = await entryPoint.getNonce(member.address, 0);
    const op1 = await sign(await buildOp(stack, member.address, call, { nonce }), member);
    const op2 = await sign(await buildOp(stack, member.address, call, { nonce: nonce + 1n }), member);
    const period = await paymaster.currentPeriod();
    await expect(handleOps(stack, [op1, op2]))
      .to.be.revertedWithCustomError(entryPoint, "FailedOpWithRevert")
      .withArgs(
        1n,
        "AA33 reverted",
        refusal(stack, "BudgetExhausted", [member.address, period, maxCost / 2n, maxCost]),
      );

    // With room for both, one bundle pays both and the reservations are released.
    await paymaster.connect(owner).setMemberBudget(member.address, maxCost * 2n);
    const receipt = (await (await handleOps(stack, [op1, op2])).wait())!;
    const costs = sponsoredEvents(stack, receipt).map((e) => e.cost);
    expect(costs.length).to.equal(2);
    expect(await paymaster.spendingOf(member.address)).to.deep.equal([period, costs[0] + costs[1], 0n]);
    // Less than maxCost left: the next operation is refused with what remains.
    await paymaster.connect(owner).setMemberBudget(member.address, costs[0] + costs[1] + maxCost - 1n);
    const op3 = await sign(await buildOp(stack, member.address, call), member);
    await expect(handleOps(stack, [op3]))
      .to.be.revertedWithCustomError(entryPoint, "FailedOpWithRevert")
      .withArgs(
        0n,
        "AA33 reverted",
        refusal(stack, "BudgetExhausted", [member.address, period, maxCost - 1n, maxCost]),
      );
  });

  it("refuses malformed paymaster data, a period beyond 48-bit time and a postOp gas limit too low to account", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, paymaster, entryPoint, member } = stack;
    const call = execute(await ledger.getAddress(), await submitData(stack));
    const op = await buildOp(stack, member.address, call);
    for (const pmData of [op.paymasterAndData.slice(0, -2), op.paymasterAndData + "00"]) {
      const bad = await sign({ ...op, paymasterAndData: pmData }, member);
      await expect(handleOps(stack, [bad]))
        .to.be.revertedWithCustomError(entryPoint, "FailedOpWithRevert")
        .withArgs(0n, "AA33 reverted", refusal(stack, "InvalidPaymasterData", [(pmData.length - 2) / 2]));
    }
    const far = await sign(await buildOp(stack, member.address, call, { period: 2n ** 32n - 1n }), member);
    await expect(handleOps(stack, [far]))
      .to.be.revertedWithCustomError(entryPoint, "FailedOpWithRevert")
      .withArgs(
        0n,
        "AA33 reverted",
        refusal(stack, "PeriodClosed", [2n ** 32n - 1n, 0n]).slice(0, 0) ||
          refusal(stack, "PeriodOutOfRange", [2n ** 32n - 1n]),
      );
    const low = await sign(
      await buildOp(stack, member.address, call, { gas: { paymasterPostOpGasLimit: 29_999n } }),
      member,
    );
    await expect(handleOps(stack, [low]))
      .to.be.revertedWithCustomError(entryPoint, "FailedOpWithRevert")
      .withArgs(
        0n,
        "AA33 reverted",
        refusal(stack, "PostOpGasLimitTooLow", [29_999n, await paymaster.MIN_POST_OP_GAS_LIMIT()]),
      );
  });
});
