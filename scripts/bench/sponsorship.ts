// Gas of a MembersPaymaster-sponsored contribution submission over the same direct call (issue 22; see scripts/bench.ts
// for how it is run), measured as test/sponsorship/MembersPaymaster.gas.ts does: a 0-ETH member's first operation
// carries its EIP-7702 authorization, and a bundler wallet submits EntryPoint.handleOps. Also the same operation through
// a paymaster that checks nothing, which separates the EntryPoint's and the account's share from the paymaster's.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { BaseWallet } from "ethers";
import { aaArtifact, deployAccountAbstraction, ENTRY_POINT_V08 } from "../lib/account-abstraction.ts";
import {
  authorize,
  buildOp,
  EIP7702_INIT_CODE,
  execute,
  handleOps,
  signOp,
  type OpContext,
} from "../lib/user-operations.ts";

/**
 * The target after delegation. The first operation has none: on top of a later one it pays what the protocol
 * charges once per account (the 7702 authorization, 25,000; the EntryPoint nonce's and the paymaster's first
 * zero-to-non-zero writes), which no paymaster code changes.
 */
export const SPONSORSHIP_TARGETS: Record<string, number> = {
  "aa.sponsored.op.overhead": 75_000,
};

/**
 * Runtime code of a paymaster that accepts every operation: whatever it is called with, it returns the ABI encoding
 * of `(bytes context, uint256 validationData) = ("", 0)`, i.e. the words 0x40, 0, 0 (`PUSH1 0x40 PUSH1 0 MSTORE
 * PUSH1 0x60 PUSH1 0 RETURN`); an empty context means the EntryPoint calls no postOp. The creation code copies it out.
 */
const NOOP_PAYMASTER_RUNTIME = "604060005260606000f3";
const NOOP_PAYMASTER_INITCODE = `0x69${NOOP_PAYMASTER_RUNTIME}600052600a6016f3`;

type Receipt = { wait(): Promise<{ gasUsed: bigint } | null> };
async function gasOf(tx: Promise<Receipt>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

export async function benchSponsorship(ethers: HardhatEthers): Promise<Record<string, number>> {
  const [admin, owner, beneficiary, direct, directNoop] = await ethers.getSigners();
  await deployAccountAbstraction(admin);
  const entryPoint = new ethers.Contract(ENTRY_POINT_V08, aaArtifact("EntryPoint").abi as string[], ethers.provider);
  // Fixed keys, so that the figures do not move with the bytes of random addresses in the call data (±50 gas).
  const wallet = (label: string) =>
    new ethers.Wallet(ethers.id(`cosmolocal.bench.sponsorship.${label}`), ethers.provider);
  const bundler = wallet("bundler");
  await (await admin.sendTransaction({ to: bundler.address, value: ethers.parseEther("10") })).wait();

  // The co-op: a contribution project (its members are sponsored) and a credit network, both allowed call targets.
  const ledger = await ethers.deployContract("ContributionLedger");
  const policy = { quorum: 2, evaluationWindow: 7 * 86400, minScore: 5 };
  await (await ledger.createProject("Bench", "ipfs://bench", policy, ["Code"], [10])).wait();
  const credit = await ethers.deployContract("CreditNetwork", [
    "Bench Credit",
    "BEN",
    6,
    admin.address,
    [admin.address],
  ]);
  const targets = [await ledger.getAddress(), await credit.getAddress()];
  const paymaster = await ethers.deployContract("MembersPaymaster", [
    ENTRY_POINT_V08,
    owner.address,
    targets[0],
    1n,
    targets[1],
    30 * 86400,
    targets,
    ethers.parseEther("0.01"),
    0n,
  ]);
  await (await paymaster.deposit({ value: ethers.parseEther("1") })).wait();
  await (await paymaster.connect(owner).addStake(86400, { value: ethers.parseEther("1") })).wait();
  const noopTx = await admin.sendTransaction({ data: NOOP_PAYMASTER_INITCODE });
  const noopAddress = (await noopTx.wait())!.contractAddress!;
  await (
    await entryPoint.connect(admin).getFunction("depositTo")(noopAddress, { value: ethers.parseEther("1") })
  ).wait();
  // The no-op paymaster names the same 4-byte period (its operations have the same size); it reads nothing.
  const noop: OpContext["paymaster"] = {
    currentPeriod: () => paymaster.currentPeriod(),
    getAddress: async () => noopAddress,
  };

  // Fresh members: two pay their own gas, two hold 0 ETH and are sponsored (each its first and second submission).
  const member = wallet("member");
  const memberNoop = wallet("member-noop");
  for (const m of [direct, directNoop, member, memberNoop]) await (await ledger.grantRole(1, m.address, 1)).wait();
  await (await credit.admitMember(member.address)).wait();

  const input = (quantity: bigint) => ({
    projectId: 1n,
    kindId: 0,
    quantity,
    evidenceHash: ethers.keccak256(ethers.toUtf8Bytes("ipfs://evidence")),
    evidenceURI: "ipfs://evidence",
  });
  const submitDirect = (who: typeof direct, quantity: bigint) => gasOf(ledger.connect(who).submit(input(quantity)));
  const bundle = { entryPoint, bundler, beneficiary };
  /** `account`'s sponsored submission through `via`; its first one carries the 7702 authorization. */
  async function submitSponsored(account: BaseWallet, via: OpContext["paymaster"], quantity: bigint, first: boolean) {
    const callData = execute(targets[0], ledger.interface.encodeFunctionData("submit", [input(quantity)]));
    const overrides = first ? { initCode: EIP7702_INIT_CODE } : {};
    const op = await buildOp({ entryPoint, paymaster: via }, account.address, callData, overrides);
    const signed = await signOp(op, account, ENTRY_POINT_V08);
    return gasOf(handleOps(bundle, [signed], first ? [await authorize(account)] : []));
  }

  const d1 = await submitDirect(direct, 1n);
  const first = await submitSponsored(member, paymaster, 1n, true);
  const d2 = await submitDirect(direct, 2n);
  const later = await submitSponsored(member, paymaster, 2n, false);
  const n1 = await submitDirect(directNoop, 1n);
  const noopFirst = await submitSponsored(memberNoop, noop, 1n, true);
  const n2 = await submitDirect(directNoop, 2n);
  const noopLater = await submitSponsored(memberNoop, noop, 2n, false);

  const opOverhead = Number(later - d2);
  const floor = Number(noopLater - n2);
  return {
    "aa.sponsored.firstOp.overhead": Number(first - d1),
    "aa.sponsored.op.overhead": opOverhead,
    // The same operations through the paymaster that checks nothing: the EntryPoint's and the account's share.
    "aa.sponsored.firstOp.floor": Number(noopFirst - n1),
    "aa.sponsored.op.floor": floor,
    // What MembersPaymaster adds to a later operation: membership, call targets, budget, postOp and its event.
    "aa.sponsored.op.paymaster": opOverhead - floor,
  };
}
