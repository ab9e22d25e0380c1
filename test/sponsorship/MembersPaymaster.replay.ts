import { expect } from "chai";
import {
  buildOp,
  deployDelegated,
  execute,
  handleOps,
  input,
  networkHelpers,
  paymasterData,
  sign,
  sponsor,
  submitData,
} from "./fixtures.ts";

describe("MembersPaymaster · replayed and altered operations", () => {
  it("a replayed operation (same nonce) is refused by the EntryPoint and charges nothing", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { entryPoint, ledger, paymaster, member } = stack;
    const { op } = await sponsor(stack, member, execute(await ledger.getAddress(), await submitData(stack)));
    const deposit = await paymaster.getDeposit();
    const spending = await paymaster.spendingOf(member.address);
    await expect(handleOps(stack, [op]))
      .to.be.revertedWithCustomError(entryPoint, "FailedOp")
      .withArgs(0n, "AA25 invalid account nonce");
    expect(await ledger.contributionCount()).to.equal(1n);
    expect(await paymaster.getDeposit()).to.equal(deposit);
    expect(await paymaster.spendingOf(member.address)).to.deep.equal(spending);
  });

  it("an operation altered after signing (call data, period, gas) fails the account's signature check", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { entryPoint, ledger, paymaster, member } = stack;
    const signed = await sign(
      await buildOp(stack, member.address, execute(await ledger.getAddress(), await submitData(stack))),
      member,
    );
    const period = await paymaster.currentPeriod();
    const altered = [
      { callData: execute(await ledger.getAddress(), await submitData(stack, input({ quantity: 99n }))) },
      { paymasterAndData: paymasterData(await paymaster.getAddress(), period + 1n) },
      { preVerificationGas: signed.preVerificationGas + 1n },
    ];
    for (const change of altered) {
      await expect(handleOps(stack, [{ ...signed, ...change }]))
        .to.be.revertedWithCustomError(entryPoint, "FailedOp")
        .withArgs(0n, "AA24 signature error");
    }
    // Signed by another key (a member signing for someone else's account).
    const forged = await sign(signed, stack.member2);
    await expect(handleOps(stack, [forged]))
      .to.be.revertedWithCustomError(entryPoint, "FailedOp")
      .withArgs(0n, "AA24 signature error");
    // The untouched operation still goes through.
    await (await handleOps(stack, [signed])).wait();
    expect(await ledger.contributionCount()).to.equal(1n);
  });
});
