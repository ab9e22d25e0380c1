// Shared fixtures of the MembersPaymaster tests: one connection to the in-process Hardhat network (Prague), the
// canonical ERC-4337 v0.8 stack deployed from @account-abstraction/contracts' shipped artifacts through the
// deterministic deployer (EntryPoint and Simple7702Account at their canonical addresses), a contribution project and a
// credit network whose members the paymaster sponsors, members holding 0 ETH that delegate to Simple7702Account with
// an EIP-7702 authorization, and helpers to build, sign and submit PackedUserOperations as a bundler would.
import { network } from "hardhat";
import type { Authorization, Wallet } from "ethers";
import {
  aaArtifact,
  deployAccountAbstraction as deployCanonical,
  ENTRY_POINT_V08,
  SIMPLE_7702_ACCOUNT_V08,
} from "../../scripts/lib/account-abstraction.ts";
import {
  accountInterface,
  authorize,
  buildOp as buildOpFor,
  DEFAULT_OP_GAS,
  EIP7702_INIT_CODE,
  execute,
  executeBatch,
  handleOps as handleOpsFor,
  paymasterData,
  signOp,
  userOpHash as userOpHashOn,
  type OpOverrides,
  type PackedUserOperation,
} from "../../scripts/lib/user-operations.ts";
import { input, MEMBER, COORDINATOR, POLICY } from "../contribution/fixtures.ts";

export { input, MEMBER, COORDINATOR };

export const conn = await network.create();
export const { ethers, networkHelpers } = conn;

export const DAY = 24 * 3600;
export const PERIOD = 30 * DAY;
export { ENTRY_POINT_V08 as ENTRY_POINT, SIMPLE_7702_ACCOUNT_V08 as SIMPLE_7702 };

/** The shipped artifacts (ABI and canonical bytecode) of the EntryPoint and of the members' account. */
export const entryPointArtifact = aaArtifact("EntryPoint");
export const accountArtifact = aaArtifact("Simple7702Account");
// Building, signing and submitting operations: scripts/lib/user-operations.ts (shared with the gas bench).
export { accountInterface, authorize, EIP7702_INIT_CODE, execute, executeBatch, paymasterData };
export type { PackedUserOperation };

export type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

/** The default gas limits and fees of a test operation. */
export const GAS = DEFAULT_OP_GAS;
export const BUDGET = ethers.parseEther("0.01");

/** The canonical EntryPoint and Simple7702Account (scripts/lib/account-abstraction.ts). */
export async function deployAccountAbstraction() {
  await deployCanonical((await ethers.getSigners())[0]);
  return { entryPoint: new ethers.Contract(ENTRY_POINT_V08, entryPointArtifact.abi as string[], ethers.provider) };
}

/** A wallet from a fixed key (so fixtures are deterministic), connected to the test network. */
export function wallet(label: string): Wallet {
  return new ethers.Wallet(ethers.id(`cosmolocal sponsorship ${label}`), ethers.provider);
}

/**
 * The sponsorship stack: the v0.8 EntryPoint, a ContributionLedger with project 1 (coordinator `coordinator`,
 * members `member` and `member2` with 0 ETH and `funded` who pays its own gas), a CreditNetwork (steward `steward`;
 * `creditMember` holds 0 ETH), and a MembersPaymaster owned by `owner` (standing in for the co-op's timelock) that reads
 * both, allows calls to both, gives every member BUDGET per 30-day period, holds a 1 ETH deposit and a 1 ETH stake.
 * `bundler` is a funded wallet that submits handleOps; `outsider` is a 0-ETH non-member.
 */
export async function deploySponsorship() {
  const { entryPoint } = await deployAccountAbstraction();
  const [admin, owner, coordinator, steward, funded, beneficiary] = await ethers.getSigners();
  const member = wallet("member");
  const member2 = wallet("member 2");
  const creditMember = wallet("credit member");
  const outsider = wallet("outsider");
  const bundler = wallet("bundler");
  await admin.sendTransaction({ to: bundler.address, value: ethers.parseEther("10") });

  const ledger = await ethers.deployContract("ContributionLedger");
  await ledger
    .connect(coordinator)
    .createProject("Open Hardware Lab", "ipfs://lab", POLICY, ["Code", "Design"], [10, 5]);
  for (const m of [member.address, member2.address, funded.address]) {
    await ledger.connect(coordinator).grantRole(1, m, MEMBER);
  }
  const credit = await ethers.deployContract("CreditNetwork", [
    "Commons Credit",
    "CC",
    6,
    admin.address,
    [steward.address],
  ]);
  await credit.connect(steward).admitMember(creditMember.address);
  await credit.connect(steward).admitMember(member.address);

  const targets = [await ledger.getAddress(), await credit.getAddress()];
  const paymaster = await ethers.deployContract("MembersPaymaster", [
    ENTRY_POINT_V08,
    owner.address,
    targets[0],
    1n,
    targets[1],
    PERIOD,
    targets,
    BUDGET,
    0n,
  ]);
  await paymaster.connect(funded).deposit({ value: ethers.parseEther("1") });
  await paymaster.connect(owner).addStake(DAY, { value: ethers.parseEther("1") });
  return {
    entryPoint,
    ledger,
    credit,
    paymaster,
    admin,
    owner,
    coordinator,
    steward,
    funded,
    beneficiary,
    member,
    member2,
    creditMember,
    outsider,
    bundler,
  };
}

export type Stack = Awaited<ReturnType<typeof deploySponsorship>>;

/** An unsigned operation of `sender` through the stack's paymaster for the current period. */
export function buildOp(
  stack: Pick<Stack, "entryPoint" | "paymaster">,
  sender: string,
  callData: string,
  overrides: OpOverrides = {},
): Promise<PackedUserOperation> {
  return buildOpFor(stack, sender, callData, overrides);
}

/** The EntryPoint's hash of `op` (equal to `entryPoint.getUserOpHash(op)` once the account is delegated). */
export async function userOpHash(op: PackedUserOperation, delegate = SIMPLE_7702_ACCOUNT_V08): Promise<string> {
  const { chainId } = await ethers.provider.getNetwork();
  return userOpHashOn(op, chainId, ENTRY_POINT_V08, delegate);
}

/** Signs `op` with the account's own key (Simple7702Account recovers the raw hash). */
export function sign(op: PackedUserOperation, signer: Wallet): Promise<PackedUserOperation> {
  return signOp(op, signer, ENTRY_POINT_V08);
}

/** Submits `ops` from the bundler (with `authorizationList` when the first operation of a member carries it). */
export function handleOps(
  stack: Pick<Stack, "entryPoint" | "bundler" | "beneficiary">,
  ops: PackedUserOperation[],
  authorizationList: Authorization[] = [],
) {
  return handleOpsFor(stack, ops, authorizationList);
}

/** Delegates `account` and sends its first sponsored operation (`callData`) in one handleOps with the authorization. */
export async function firstOp(stack: Stack, account: Wallet, callData: string) {
  const op = await sign(await buildOp(stack, account.address, callData, { initCode: EIP7702_INIT_CODE }), account);
  const tx = await handleOps(stack, [op], [await authorize(account)]);
  return { op, tx, receipt: (await tx.wait())! };
}

/** The paymaster's custom error `name(args)` as the EntryPoint reports it: FailedOpWithRevert(i, "AA33 reverted", …). */
export function refusal(stack: Pick<Stack, "paymaster">, name: string, args: unknown[] = []): string {
  return stack.paymaster.interface.encodeErrorResult(name, args);
}

/** The ledger's `submit` call data for `data`. */
export async function submitData(stack: Pick<Stack, "ledger">, data = input()): Promise<string> {
  return stack.ledger.interface.encodeFunctionData("submit", [data]);
}

/** The UserOperationEvents of a receipt, parsed. */
export function userOpEvents(stack: Pick<Stack, "entryPoint">, receipt: { logs: readonly unknown[] }) {
  return (receipt.logs as Parameters<typeof stack.entryPoint.interface.parseLog>[0][])
    .map((l) => stack.entryPoint.interface.parseLog(l))
    .filter((e) => e?.name === "UserOperationEvent")
    .map((e) => e!.args);
}

/** Delegates `accounts` to Simple7702Account with a plain type-4 transaction the bundler pays (no operation). */
export async function delegate(stack: Pick<Stack, "bundler">, ...accounts: Wallet[]) {
  const authorizationList = await Promise.all(accounts.map((a) => authorize(a)));
  await (await stack.bundler.sendTransaction({ to: stack.bundler.address, type: 4, authorizationList })).wait();
}

/** The stack with `member`, `member2`, `creditMember` and `outsider` already delegated. */
export async function deployDelegated() {
  const stack = await deploySponsorship();
  await delegate(stack, stack.member, stack.member2, stack.creditMember, stack.outsider);
  return stack;
}

/** Signs and submits one operation of `account` (already delegated); returns the receipt and its events. */
export async function sponsor(
  stack: Stack,
  account: Wallet,
  callData: string,
  overrides: Parameters<typeof buildOp>[3] = {},
) {
  const op = await sign(await buildOp(stack, account.address, callData, overrides), account);
  const tx = await handleOps(stack, [op]);
  const receipt = (await tx.wait())!;
  return { op, tx, receipt, event: userOpEvents(stack, receipt)[0] };
}

/** The GasSponsored events of a receipt, parsed. */
export function sponsoredEvents(stack: Pick<Stack, "paymaster">, receipt: { logs: readonly unknown[] }) {
  return (receipt.logs as Parameters<typeof stack.paymaster.interface.parseLog>[0][])
    .map((l) => {
      try {
        return stack.paymaster.interface.parseLog(l);
      } catch {
        return null;
      }
    })
    .filter((e) => e?.name === "GasSponsored")
    .map((e) => e!.args);
}

/** The most the EntryPoint may charge for an operation with `gas` (v0.8's required prefund with a paymaster). */
export function maxCostOf(gas = GAS): bigint {
  return (
    (gas.verificationGasLimit +
      gas.callGasLimit +
      gas.paymasterVerificationGasLimit +
      gas.paymasterPostOpGasLimit +
      gas.preVerificationGas) *
    gas.maxFeePerGas
  );
}
