import { expect } from "chai";
import {
  deployDelegated,
  deploySponsorship,
  ethers,
  execute,
  firstOp,
  MEMBER,
  networkHelpers,
  refusal,
  SIMPLE_7702,
  sponsor,
  sponsoredEvents,
  submitData,
  userOpEvents,
  buildOp,
  sign,
  handleOps,
} from "./fixtures.ts";
import { BANNED_OPCODES, mappingSlot, paymasterValidationTrace } from "./trace.ts";

// Storage slots of the module contracts' member mappings (checked below against eth_getStorageAt).
const LEDGER_MEMBERS_SLOT = 8n; // ContributionLedger._members: mapping(uint64 => mapping(address => MemberData))
const CREDIT_MEMBERS_SLOT = 7n; // CreditNetwork._members: mapping(address => Member)
const PAYMASTER_MEMBERS_SLOT = 2n; // MembersPaymaster._members (after Ownable's owner and Ownable2Step's pending owner)

describe("MembersPaymaster · membership", () => {
  it("delegates a member holding 0 ETH and pays its first operation, which carries the 7702 authorization", async () => {
    const stack = await networkHelpers.loadFixture(deploySponsorship);
    const { entryPoint, ledger, paymaster, member, beneficiary } = stack;
    expect(await ethers.provider.getBalance(member.address)).to.equal(0n);
    const depositBefore = await paymaster.getDeposit();
    const beneficiaryBefore = await ethers.provider.getBalance(beneficiary.address);
    const { op, receipt } = await firstOp(stack, member, execute(await ledger.getAddress(), await submitData(stack)));

    expect(await ethers.provider.getCode(member.address)).to.equal(
      ethers.concat(["0xef0100", SIMPLE_7702]).toLowerCase(),
    );
    expect(await ethers.provider.getBalance(member.address)).to.equal(0n);
    expect((await ledger.getContribution(1n)).contributor).to.equal(member.address);
    const [ev] = userOpEvents(stack, receipt);
    expect(ev.sender).to.equal(member.address);
    expect(ev.paymaster).to.equal(await paymaster.getAddress());
    expect(ev.success).to.equal(true);
    expect(await entryPoint.getUserOpHash(op)).to.equal(ev.userOpHash); // the off-chain hash the member signed
    expect(await paymaster.getDeposit()).to.equal(depositBefore - ev.actualGasCost);
    expect(await ethers.provider.getBalance(beneficiary.address)).to.equal(beneficiaryBefore + ev.actualGasCost);
    const [sponsored] = sponsoredEvents(stack, receipt);
    expect(sponsored.member).to.equal(member.address);
    expect(sponsored.period).to.equal(await paymaster.currentPeriod());
  });

  it("sponsors a contribution project's member and a credit network's active member", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, credit, paymaster, member2, creditMember } = stack;
    expect(await paymaster.isMember(member2.address)).to.equal(true); // project only
    expect(await paymaster.isMember(creditMember.address)).to.equal(true); // credit network only
    const a = await sponsor(stack, member2, execute(await ledger.getAddress(), await submitData(stack)));
    expect(a.event.success).to.equal(true);
    expect(await ledger.contributionCount()).to.equal(1n);
    const b = await sponsor(
      stack,
      creditMember,
      execute(await credit.getAddress(), credit.interface.encodeFunctionData("setClearingConsent", [true, true])),
    );
    expect(b.event.success).to.equal(true);
    expect(await credit.member(creditMember.address)).to.deep.equal([1n, true, true]);
  });

  it("refuses a non-member with NotCoopMember, decodable from the EntryPoint's AA33 revert", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { entryPoint, ledger, paymaster, outsider } = stack;
    expect(await paymaster.isMember(outsider.address)).to.equal(false);
    const op = await sign(
      await buildOp(stack, outsider.address, execute(await ledger.getAddress(), await submitData(stack))),
      outsider,
    );
    await expect(handleOps(stack, [op]))
      .to.be.revertedWithCustomError(entryPoint, "FailedOpWithRevert")
      .withArgs(0n, "AA33 reverted", refusal(stack, "NotCoopMember", [outsider.address]));
    expect(await paymaster.spendingOf(outsider.address)).to.deep.equal([0n, 0n, 0n]);
  });

  it("refuses a member whose role was revoked and a suspended credit member", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { entryPoint, ledger, credit, coordinator, steward, member2, creditMember } = stack;
    await ledger.connect(coordinator).revokeRole(1n, member2.address, MEMBER);
    await credit.connect(steward).suspendMember(creditMember.address);
    for (const who of [member2, creditMember]) {
      const op = await sign(
        await buildOp(stack, who.address, execute(await ledger.getAddress(), await submitData(stack))),
        who,
      );
      await expect(handleOps(stack, [op]))
        .to.be.revertedWithCustomError(entryPoint, "FailedOpWithRevert")
        .withArgs(0n, "AA33 reverted", refusal(stack, "NotCoopMember", [who.address]));
    }
  });

  it("reads the member views from slots associated with the sender (storage layout)", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { ledger, credit, member, creditMember } = stack;
    // ContributionLedger._members[1][member]: roles in the lowest byte.
    const ledgerSlot = mappingSlot(member.address, mappingSlot(1n, LEDGER_MEMBERS_SLOT));
    const roles = BigInt(await ethers.provider.getStorage(await ledger.getAddress(), ledgerSlot)) & 0xffn;
    expect(roles).to.equal(await ledger.rolesOf(1n, member.address));
    // CreditNetwork._members[creditMember]: status (1 = Active) in the lowest byte.
    const creditSlot = mappingSlot(creditMember.address, CREDIT_MEMBERS_SLOT);
    expect(BigInt(await ethers.provider.getStorage(await credit.getAddress(), creditSlot)) & 0xffn).to.equal(1n);
  });

  it("validation follows ERC-7562: no banned opcode, and only sender-associated slots outside the paymaster", async () => {
    const stack = await networkHelpers.loadFixture(deployDelegated);
    const { entryPoint, ledger, credit, paymaster, creditMember } = stack;
    const ledgerAddress = await ledger.getAddress();
    const creditAddress = await credit.getAddress();
    // creditMember is not in the project: validation reads both sources.
    const { receipt } = await sponsor(
      stack,
      creditMember,
      execute(creditAddress, credit.interface.encodeFunctionData("setClearingConsent", [true, false])),
    );
    const trace = await paymasterValidationTrace(
      receipt.hash,
      await entryPoint.getAddress(),
      await paymaster.getAddress(),
    );
    for (const op of BANNED_OPCODES) expect(trace.opcodes.has(op), op).to.equal(false);
    expect(trace.opcodes.has("GAS (not before a call)")).to.equal(false);

    const ledgerSlot = mappingSlot(creditMember.address, mappingSlot(1n, LEDGER_MEMBERS_SLOT));
    const creditSlot = mappingSlot(creditMember.address, CREDIT_MEMBERS_SLOT);
    expect([...trace.slots.keys()].sort()).to.deep.equal(
      [ledgerAddress, creditAddress, await paymaster.getAddress()].map((a) => a.toLowerCase()).sort(),
    );
    expect([...trace.slots.get(ledgerAddress.toLowerCase())!]).to.deep.equal([ledgerSlot]);
    expect([...trace.slots.get(creditAddress.toLowerCase())!]).to.deep.equal([creditSlot]);
    // The paymaster's own storage (allowed when staked, STO-031): the member's spending slot and the configuration
    // slot, which holds both the default budget (the member has no budget of its own) and the allowed state of the
    // deployment's call targets.
    const paymasterAddress = (await paymaster.getAddress()).toLowerCase();
    const memberBase = BigInt(mappingSlot(creditMember.address, PAYMASTER_MEMBERS_SLOT));
    const configSlot = ethers.toBeHex(PAYMASTER_MEMBERS_SLOT + 2n, 32);
    expect([...trace.slots.get(paymasterAddress)!].sort()).to.deep.equal(
      [ethers.toBeHex(memberBase, 32), configSlot].sort(),
    );
    // With a budget of its own: the member's second slot (its budget) too.
    await paymaster.connect(stack.owner).setMemberBudget(creditMember.address, ethers.parseEther("0.02"));
    const own = await sponsor(
      stack,
      creditMember,
      execute(creditAddress, credit.interface.encodeFunctionData("setClearingConsent", [false, false])),
    );
    const ownTrace = await paymasterValidationTrace(
      own.receipt.hash,
      await entryPoint.getAddress(),
      await paymaster.getAddress(),
    );
    expect([...ownTrace.slots.get(paymasterAddress)!].sort()).to.deep.equal(
      [ethers.toBeHex(memberBase, 32), ethers.toBeHex(memberBase + 1n, 32), configSlot].sort(),
    );
    // A target allowed after deployment: its allow-list entry (keyed by the target) instead of the configuration slot.
    const token = await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 6]);
    await paymaster.connect(stack.owner).allowCallTarget(await token.getAddress());
    const later = await sponsor(
      stack,
      creditMember,
      execute(await token.getAddress(), token.interface.encodeFunctionData("approve", [creditAddress, 1n])),
    );
    const laterTrace = await paymasterValidationTrace(
      later.receipt.hash,
      await entryPoint.getAddress(),
      await paymaster.getAddress(),
    );
    const allowListSlot = mappingSlot(await token.getAddress(), PAYMASTER_MEMBERS_SLOT + 1n);
    expect([...laterTrace.slots.get(paymasterAddress)!].sort()).to.deep.equal(
      [ethers.toBeHex(memberBase, 32), ethers.toBeHex(memberBase + 1n, 32), allowListSlot].sort(),
    );
    const [staked] = await Promise.all([entryPoint.getDepositInfo(await paymaster.getAddress())]);
    expect(staked.staked).to.equal(true);
  });
});
