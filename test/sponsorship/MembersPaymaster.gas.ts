import { expect } from "chai";
import {
  deploySponsorship,
  delegate,
  ethers,
  execute,
  firstOp,
  input,
  networkHelpers,
  sponsor,
  submitData,
} from "./fixtures.ts";

// Gas of a sponsored contribution submission over the same direct call (issue 22 targets <= 75,000 after
// delegation). Both members are fresh: the direct `funded` member and the sponsored 0-ETH `member` each submit their
// first and then their second contribution, so both calls change the same kinds of storage.
describe("MembersPaymaster · gas overhead", () => {
  it("prints the overhead of a sponsored submit over a direct one (first op with the 7702 authorization, later ops)", async () => {
    const stack = await networkHelpers.loadFixture(deploySponsorship);
    const { ledger, funded, member } = stack;
    const direct = async (quantity: bigint) =>
      (await (await ledger.connect(funded).submit(input({ quantity }))).wait())!.gasUsed;
    const d1 = await direct(1n);
    const first = await firstOp(
      stack,
      member,
      execute(await ledger.getAddress(), await submitData(stack, input({ quantity: 1n }))),
    );
    const d2 = await direct(2n);
    const later = await sponsor(
      stack,
      member,
      execute(await ledger.getAddress(), await submitData(stack, input({ quantity: 2n }))),
    );
    const d3 = await direct(3n);
    const later2 = await sponsor(
      stack,
      member,
      execute(await ledger.getAddress(), await submitData(stack, input({ quantity: 3n }))),
    );
    const firstOverhead = first.receipt.gasUsed - d1;
    const opOverhead = later.receipt.gasUsed - d2;
    const opOverhead2 = later2.receipt.gasUsed - d3;
    console.log(`      direct submit: ${d1}, ${d2}, ${d3} gas`);
    console.log(
      `      aa.sponsored.firstOp.overhead: ${firstOverhead} gas (handleOps ${first.receipt.gasUsed}, with the 7702 authorization)`,
    );
    console.log(
      `      aa.sponsored.op.overhead: ${opOverhead}, ${opOverhead2} gas (handleOps ${later.receipt.gasUsed}, ${later2.receipt.gasUsed})`,
    );
    expect(first.receipt.status).to.equal(1);
    expect(opOverhead).to.be.greaterThan(0n);
  });

  it("prints the same after a plain delegation transaction", async () => {
    const stack = await networkHelpers.loadFixture(deploySponsorship);
    await delegate(stack, stack.member);
    const { ledger, funded, member } = stack;
    const d = (await (await ledger.connect(funded).submit(input())).wait())!.gasUsed;
    const s = await sponsor(stack, member, execute(await ledger.getAddress(), await submitData(stack)));
    console.log(`      first sponsored op of a delegated account: ${s.receipt.gasUsed - d} gas over ${d}`);
    expect(await ethers.provider.getBalance(member.address)).to.equal(0n);
  });
});
