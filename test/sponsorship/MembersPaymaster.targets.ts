import { expect } from "chai";
import {
  accountInterface,
  buildOp,
  deployDelegated,
  ethers,
  execute,
  executeBatch,
  handleOps,
  input,
  networkHelpers,
  refusal,
  sign,
  sponsor,
  submitData,
  type Stack,
} from "./fixtures.ts";

async function expectRefused(stack: Stack, callData: string, error: string, args: unknown[] = []) {
  const op = await sign(await buildOp(stack, stack.member.address, callData), stack.member);
  await expect(handleOps(stack, [op]))
    .to.be.revertedWithCustomError(stack.entryPoint, "FailedOpWithRevert")
    .withArgs(0n, "AA33 reverted", refusal(stack, error, args));
}

describe("MembersPaymaster · call targets", () => {
  it("sponsors a batch whose every call targets an allowed contract", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, credit, member } = stack;
    const callData = executeBatch([
      { target: await ledger.getAddress(), data: await submitData(stack) },
      { target: await ledger.getAddress(), data: await submitData(stack, input({ quantity: 5n })) },
      {
        target: await credit.getAddress(),
        data: credit.interface.encodeFunctionData("setClearingConsent", [true, false]),
      },
    ]);
    const { event } = await sponsor(stack, member, callData);
    expect(event.success).to.equal(true);
    expect(await ledger.contributionCount()).to.equal(2n);
    expect((await ledger.getContribution(2n)).quantity).to.equal(5n);
    expect(await credit.member(member.address)).to.deep.equal([1n, true, false]);
  });

  it("refuses a call to a contract outside the allow-list, alone or anywhere in a batch", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, outsider, funded } = stack;
    await expectRefused(stack, execute(outsider.address, "0x"), "CallTargetNotAllowed", [outsider.address]);
    const token = await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 6]);
    await expectRefused(
      stack,
      executeBatch([
        { target: await ledger.getAddress(), data: await submitData(stack) },
        { target: await token.getAddress(), data: token.interface.encodeFunctionData("approve", [funded.address, 1n]) },
      ]),
      "CallTargetNotAllowed",
      [await token.getAddress()],
    );
    // A call to the account itself (e.g. to reach any target through a nested execute) is refused too.
    await expectRefused(stack, execute(stack.member.address, execute(outsider.address, "0x")), "CallTargetNotAllowed", [
      stack.member.address,
    ]);
  });

  it("refuses a target once the owner removed it", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, paymaster, owner } = stack;
    await paymaster.connect(owner).removeCallTarget(await ledger.getAddress());
    await expectRefused(stack, execute(await ledger.getAddress(), await submitData(stack)), "CallTargetNotAllowed", [
      await ledger.getAddress(),
    ]);
  });

  it("sponsors a call to a target the owner allowed after deployment, and refuses it once removed", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { paymaster, owner, member, funded } = stack;
    const token = await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 6]);
    const target = await token.getAddress();
    const approve = execute(target, token.interface.encodeFunctionData("approve", [funded.address, 1n]));
    await paymaster.connect(owner).allowCallTarget(target);
    const { event } = await sponsor(stack, member, approve);
    expect(event.success).to.equal(true);
    expect(await token.allowance(member.address, funded.address)).to.equal(1n);
    await paymaster.connect(owner).removeCallTarget(target);
    await expectRefused(stack, approve, "CallTargetNotAllowed", [target]);
  });

  it("refuses other selectors, including calls shorter than a selector", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger } = stack;
    const transfer = accountInterface.encodeFunctionData("isValidSignature", [ethers.ZeroHash, "0x"]);
    await expectRefused(stack, transfer, "UnsupportedAccountCall", [transfer.slice(0, 10)]);
    await expectRefused(stack, await submitData(stack), "UnsupportedAccountCall", [
      ledger.interface.getFunction("submit")!.selector,
    ]);
    await expectRefused(stack, "0x", "UnsupportedAccountCall", ["0x00000000"]);
    await expectRefused(stack, "0xb61d27", "UnsupportedAccountCall", ["0xb61d2700"]);
  });

  it("refuses malformed execute / executeBatch call data", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const good = execute(await stack.ledger.getAddress(), await submitData(stack));
    // Truncated: the bytes' tail runs past the end.
    await expectRefused(stack, good.slice(0, good.length - 64), "MalformedAccountCall");
    // Dirty upper bits in the target word.
    await expectRefused(stack, "0xb61d27f6" + "ff" + good.slice(12), "MalformedAccountCall");
    // An offset pointing outside the call data.
    const words = good.slice(10);
    await expectRefused(
      stack,
      "0xb61d27f6" + words.slice(0, 128) + ethers.toBeHex(1n << 40n, 32).slice(2) + words.slice(192),
      "MalformedAccountCall",
    );
    // A batch whose array length exceeds the data.
    const batch = executeBatch([{ target: await stack.ledger.getAddress(), data: "0x" }]);
    await expectRefused(
      stack,
      batch.slice(0, 74) + ethers.toBeHex(5n, 32).slice(2) + batch.slice(138),
      "MalformedAccountCall",
    );
  });

  it("refuses an empty batch and a batch over MAX_CALLS_PER_OP, and sponsors one at the cap", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, paymaster, member } = stack;
    const max = await paymaster.MAX_CALLS_PER_OP();
    expect(max).to.equal(16n);
    await expectRefused(stack, executeBatch([]), "EmptyBatch");
    const call = { target: await ledger.getAddress(), data: ledger.interface.encodeFunctionData("contributionCount") };
    await expectRefused(stack, executeBatch(Array(Number(max) + 1).fill(call)), "TooManyCalls", [max + 1n, max]);
    const { event } = await sponsor(stack, member, executeBatch(Array(Number(max)).fill(call)), {
      // The paymaster decodes and checks 16 calls (more under --coverage's instrumented bytecode).
      gas: { callGasLimit: 300_000n, paymasterVerificationGasLimit: 400_000n },
    });
    expect(event.success).to.equal(true);
  });
});
