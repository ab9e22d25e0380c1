// Shared fixtures of the MembersPaymaster tests: one connection to the in-process Hardhat network (Prague), the
// canonical ERC-4337 v0.8 stack deployed from @account-abstraction/contracts' shipped artifacts through the
// deterministic deployer (EntryPoint and Simple7702Account at their canonical addresses), a contribution project and a
// credit network whose members the paymaster sponsors, members holding 0 ETH that delegate to Simple7702Account with
// an EIP-7702 authorization, and helpers to build, sign and submit PackedUserOperations as a bundler would.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { network } from "hardhat";
import type { Authorization, Wallet } from "ethers";
import { input, MEMBER, COORDINATOR, POLICY } from "../contribution/fixtures.ts";

export { input, MEMBER, COORDINATOR };

export const conn = await network.create();
export const { ethers, networkHelpers } = conn;

export const DAY = 24 * 3600;
export const PERIOD = 30 * DAY;
export const ENTRY_POINT = "0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108";
export const SIMPLE_7702 = "0xe6Cae83BdE06E4c305530e199D7217f42808555B";
/** Arachnid's deterministic deployment proxy, its one-time deployer and presigned (pre-EIP-155) deployment. */
export const DETERMINISTIC_DEPLOYER = "0x4e59b44847b379578588920ca78fbf26c0b4956c";
const DEPLOYER_SIGNER = "0x3fab184622dc19b6109349b94811493bf2a45362";
const DEPLOYER_TX =
  "0xf8a58085174876e800830186a08080b853604580600e600039806000f350fe7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf31ba02222222222222222222222222222222222222222222222222222222222222222a02222222222222222222222222222222222222222222222222222222222222222";
/** The CREATE2 salts of the canonical v0.8 deployments. */
const ENTRY_POINT_SALT = "0x0a59dbff790c23c976a548690c27297883cc66b4c67024f9117b0238995e35e9";
const SIMPLE_7702_SALT = ethers.ZeroHash;

const require = createRequire(import.meta.url);
const artifact = (name: string): { abi: unknown[]; bytecode: string } =>
  JSON.parse(readFileSync(require.resolve(`@account-abstraction/contracts/artifacts/${name}.json`), "utf8"));
export const entryPointArtifact = artifact("EntryPoint");
export const accountArtifact = artifact("Simple7702Account");
/** The account's ABI: execute, executeBatch, ERC-1271, ExecuteError. */
export const accountInterface = new ethers.Interface(accountArtifact.abi as string[]);

export type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

/** The default gas limits and fees of a test operation (generous; maxCost ~ 0.0029 ETH at 5 gwei). */
export const GAS = {
  verificationGasLimit: 120_000n,
  callGasLimit: 200_000n,
  paymasterVerificationGasLimit: 120_000n,
  paymasterPostOpGasLimit: 50_000n,
  preVerificationGas: 90_000n,
  maxFeePerGas: 5_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
};
export const BUDGET = ethers.parseEther("0.01");

export interface PackedUserOperation {
  sender: string;
  nonce: bigint;
  initCode: string;
  callData: string;
  accountGasLimits: string;
  preVerificationGas: bigint;
  gasFees: string;
  paymasterAndData: string;
  signature: string;
}

/** Deploys Arachnid's proxy from its presigned transaction, then the EntryPoint and Simple7702Account through it. */
export async function deployAccountAbstraction() {
  const [funder] = await ethers.getSigners();
  if ((await ethers.provider.getCode(DETERMINISTIC_DEPLOYER)) === "0x") {
    await funder.sendTransaction({ to: DEPLOYER_SIGNER, value: ethers.parseEther("0.01") });
    await ethers.provider.send("eth_sendRawTransaction", [DEPLOYER_TX]);
  }
  for (const [salt, bytecode, expected] of [
    [ENTRY_POINT_SALT, entryPointArtifact.bytecode, ENTRY_POINT],
    [SIMPLE_7702_SALT, accountArtifact.bytecode, SIMPLE_7702],
  ] as const) {
    if ((await ethers.provider.getCode(expected)) !== "0x") continue;
    await funder.sendTransaction({ to: DETERMINISTIC_DEPLOYER, data: ethers.concat([salt, bytecode]) });
    if ((await ethers.provider.getCode(expected)) === "0x") throw new Error(`nothing deployed at ${expected}`);
  }
  return { entryPoint: new ethers.Contract(ENTRY_POINT, entryPointArtifact.abi as string[], ethers.provider) };
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

  const paymaster = await ethers.deployContract("MembersPaymaster", [
    ENTRY_POINT,
    owner.address,
    await ledger.getAddress(),
    1n,
    await credit.getAddress(),
    PERIOD,
  ]);
  await paymaster.connect(owner).allowCallTarget(await ledger.getAddress());
  await paymaster.connect(owner).allowCallTarget(await credit.getAddress());
  await paymaster.connect(owner).setDefaultBudget(BUDGET);
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

/** `execute(target, value, data)` call data of the account. */
export function execute(target: string, data: string, value = 0n): string {
  return accountInterface.encodeFunctionData("execute", [target, value, data]);
}

/** `executeBatch(calls)` call data of the account. */
export function executeBatch(calls: { target: string; value?: bigint; data: string }[]): string {
  return accountInterface.encodeFunctionData("executeBatch", [
    calls.map((c) => ({ target: c.target, value: c.value ?? 0n, data: c.data })),
  ]);
}

const pack128 = (high: bigint, low: bigint) => ethers.toBeHex((high << 128n) | low, 32);

/** `paymasterAndData` naming `period` (by default the chain's current period). */
export function paymasterData(paymaster: string, period: bigint | number, gas = GAS): string {
  return ethers.solidityPacked(
    ["address", "uint128", "uint128", "uint32"],
    [paymaster, gas.paymasterVerificationGasLimit, gas.paymasterPostOpGasLimit, period],
  );
}

/** The 20-byte initCode marking an EIP-7702 account (the hash then binds the account's delegate). */
export const EIP7702_INIT_CODE = ethers.zeroPadBytes("0x7702", 20);

/** An unsigned operation of `sender` through `paymaster` for the current period. */
export async function buildOp(
  stack: Pick<Stack, "entryPoint" | "paymaster">,
  sender: string,
  callData: string,
  overrides: Partial<PackedUserOperation> & { period?: bigint | number; gas?: Partial<typeof GAS> } = {},
): Promise<PackedUserOperation> {
  const gas = { ...GAS, ...overrides.gas };
  const period = overrides.period ?? (await stack.paymaster.currentPeriod());
  const op: PackedUserOperation = {
    sender,
    nonce: await stack.entryPoint.getNonce(sender, 0),
    initCode: "0x",
    callData,
    accountGasLimits: pack128(gas.verificationGasLimit, gas.callGasLimit),
    preVerificationGas: gas.preVerificationGas,
    gasFees: pack128(gas.maxPriorityFeePerGas, gas.maxFeePerGas),
    paymasterAndData: paymasterData(await stack.paymaster.getAddress(), period, gas),
    signature: "0x",
  };
  const { period: _period, gas: _gas, ...fields } = overrides;
  return { ...op, ...fields };
}

/**
 * The EntryPoint's hash of `op` (EIP-712, domain "ERC4337"/"1"), computed here so that the first operation can be
 * signed before the account's delegation exists; with the 7702 initCode marker the hash binds the delegate instead of
 * the initCode. Equal to `entryPoint.getUserOpHash(op)` once the account is delegated (checked in the tests).
 */
export async function userOpHash(op: PackedUserOperation, delegate = SIMPLE_7702): Promise<string> {
  const { chainId } = await ethers.provider.getNetwork();
  const initCode = op.initCode.toLowerCase() === EIP7702_INIT_CODE.toLowerCase() ? delegate : op.initCode;
  return ethers.TypedDataEncoder.hash(
    { name: "ERC4337", version: "1", chainId, verifyingContract: ENTRY_POINT },
    {
      PackedUserOperation: [
        { name: "sender", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "initCode", type: "bytes" },
        { name: "callData", type: "bytes" },
        { name: "accountGasLimits", type: "bytes32" },
        { name: "preVerificationGas", type: "uint256" },
        { name: "gasFees", type: "bytes32" },
        { name: "paymasterAndData", type: "bytes" },
      ],
    },
    { ...op, initCode },
  );
}

/** Signs `op` with the account's own key (Simple7702Account recovers the raw hash). */
export async function sign(op: PackedUserOperation, signer: Wallet): Promise<PackedUserOperation> {
  return { ...op, signature: signer.signingKey.sign(await userOpHash(op)).serialized };
}

/** The EIP-7702 authorization delegating `account` to Simple7702Account (its next transaction nonce). */
export async function authorize(account: Wallet): Promise<Authorization> {
  return account.authorize({ address: SIMPLE_7702 });
}

/** Submits `ops` from the bundler (with `authorizationList` when the first operation of a member carries it). */
export async function handleOps(
  stack: Pick<Stack, "entryPoint" | "bundler" | "beneficiary">,
  ops: PackedUserOperation[],
  authorizationList: Authorization[] = [],
) {
  const entryPoint = stack.entryPoint.connect(stack.bundler) as typeof stack.entryPoint;
  return entryPoint.handleOps(ops, stack.beneficiary.address, {
    gasLimit: 3_000_000n,
    ...(authorizationList.length > 0 ? { type: 4, authorizationList } : {}),
  });
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
