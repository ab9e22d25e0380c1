import { expect } from "chai";
import {
  BUDGET,
  deploySponsorship,
  ENTRY_POINT,
  ethers,
  execute,
  firstOp,
  buildOp,
  handleOps,
  networkHelpers,
  refusal,
  sign,
  submitData,
  userOpEvents,
  authorize,
  EIP7702_INIT_CODE,
  SIMPLE_7702,
  MEMBER,
} from "./fixtures.ts";

describe("MembersPaymaster · membership", () => {
  it("sponsors a member holding 0 ETH: delegation, submit, and the paymaster pays", async () => {
    const stack = await networkHelpers.loadFixture(deploySponsorship);
    const { entryPoint, ledger, paymaster, member } = stack;
    expect(await ethers.provider.getBalance(member.address)).to.equal(0n);
    const depositBefore = await paymaster.getDeposit();
    const { op, receipt } = await firstOp(stack, member, execute(await ledger.getAddress(), await submitData(stack)));
    expect(await ethers.provider.getCode(member.address)).to.equal(
      ethers.concat(["0xef0100", SIMPLE_7702]).toLowerCase(),
    );
    expect(await ethers.provider.getBalance(member.address)).to.equal(0n);
    expect(await ledger.contributionCount()).to.equal(1n);
    const [ev] = userOpEvents(stack, receipt);
    expect(ev.success).to.equal(true);
    expect(ev.paymaster).to.equal(await paymaster.getAddress());
    expect(await paymaster.getDeposit()).to.equal(depositBefore - ev.actualGasCost);
    expect(await entryPoint.getUserOpHash(op)).to.equal(ev.userOpHash);
    console.log("      first op gas", receipt.gasUsed, "charged", ev.actualGasCost);
  });
});
