// ERC-4337 v0.8 user operations of MembersPaymaster-sponsored members, built, signed and submitted as a bundler would:
// the packed operation, its paymaster data (a 4-byte budget period), its EIP-712 hash, the EIP-7702 authorization of
// the first operation and the bundler's handleOps. No Hardhat network of its own: shared by the paymaster tests and the
// gas bench (scripts/bench/sponsorship.ts), each with its own connection.
import { Interface, solidityPacked, toBeHex, TypedDataEncoder, zeroPadBytes } from "ethers";
import type { Authorization, BaseContract, BaseWallet, ContractTransactionResponse, Signer } from "ethers";
import { aaArtifact, SIMPLE_7702_ACCOUNT_V08 } from "./account-abstraction.ts";

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

/** Gas limits and fees of an operation (generous defaults; maxCost ~ 0.0029 ETH at 5 gwei). */
export const DEFAULT_OP_GAS = {
  verificationGasLimit: 120_000n,
  callGasLimit: 200_000n,
  paymasterVerificationGasLimit: 120_000n,
  paymasterPostOpGasLimit: 50_000n,
  preVerificationGas: 90_000n,
  maxFeePerGas: 5_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
};
export type OpGas = typeof DEFAULT_OP_GAS;

/** Simple7702Account's ABI: execute, executeBatch, ERC-1271, ExecuteError. */
export const accountInterface = new Interface(aaArtifact("Simple7702Account").abi as string[]);

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

const pack128 = (high: bigint, low: bigint) => toBeHex((high << 128n) | low, 32);

/** `paymasterAndData` naming budget period `period`. */
export function paymasterData(paymaster: string, period: bigint | number, gas: OpGas = DEFAULT_OP_GAS): string {
  return solidityPacked(
    ["address", "uint128", "uint128", "uint32"],
    [paymaster, gas.paymasterVerificationGasLimit, gas.paymasterPostOpGasLimit, period],
  );
}

/** The 20-byte initCode marking an EIP-7702 account (the hash then binds the account's delegate). */
export const EIP7702_INIT_CODE = zeroPadBytes("0x7702", 20);

/** What building an operation reads: the sender's EntryPoint nonce and the paymaster's current period. */
export interface OpContext {
  entryPoint: Pick<BaseContract, "getFunction">;
  paymaster: { currentPeriod(): Promise<bigint>; getAddress(): Promise<string> };
}

export type OpOverrides = Partial<PackedUserOperation> & { period?: bigint | number; gas?: Partial<OpGas> };

/** An unsigned operation of `sender` through the paymaster, for the current period unless `overrides.period`. */
export async function buildOp(
  ctx: OpContext,
  sender: string,
  callData: string,
  overrides: OpOverrides = {},
): Promise<PackedUserOperation> {
  const gas = { ...DEFAULT_OP_GAS, ...overrides.gas };
  const period = overrides.period ?? (await ctx.paymaster.currentPeriod());
  const op: PackedUserOperation = {
    sender,
    nonce: await ctx.entryPoint.getFunction("getNonce")(sender, 0),
    initCode: "0x",
    callData,
    accountGasLimits: pack128(gas.verificationGasLimit, gas.callGasLimit),
    preVerificationGas: gas.preVerificationGas,
    gasFees: pack128(gas.maxPriorityFeePerGas, gas.maxFeePerGas),
    paymasterAndData: paymasterData(await ctx.paymaster.getAddress(), period, gas),
    signature: "0x",
  };
  const { period: _period, gas: _gas, ...fields } = overrides;
  return { ...op, ...fields };
}

/**
 * The EntryPoint v0.8's hash of `op` (EIP-712, domain "ERC4337"/"1"), computed off-chain so that the first operation
 * can be signed before the account's delegation exists; with the 7702 initCode marker the hash binds the delegate
 * instead of the initCode. Equal to `entryPoint.getUserOpHash(op)` once the account is delegated.
 */
export function userOpHash(
  op: PackedUserOperation,
  chainId: bigint,
  entryPoint: string,
  delegate: string = SIMPLE_7702_ACCOUNT_V08,
): string {
  const initCode = op.initCode.toLowerCase() === EIP7702_INIT_CODE.toLowerCase() ? delegate : op.initCode;
  return TypedDataEncoder.hash(
    { name: "ERC4337", version: "1", chainId, verifyingContract: entryPoint },
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
export async function signOp(
  op: PackedUserOperation,
  signer: BaseWallet,
  entryPoint: string,
): Promise<PackedUserOperation> {
  const { chainId } = await signer.provider!.getNetwork();
  return { ...op, signature: signer.signingKey.sign(userOpHash(op, chainId, entryPoint)).serialized };
}

/** The EIP-7702 authorization delegating `account` to Simple7702Account (its next transaction nonce). */
export function authorize(account: BaseWallet): Promise<Authorization> {
  return account.authorize({ address: SIMPLE_7702_ACCOUNT_V08 });
}

/** What submitting a bundle needs: the EntryPoint (ethers contract), the bundler's wallet, the fee beneficiary. */
export interface BundleContext {
  entryPoint: { connect(runner: Signer): unknown };
  bundler: Signer;
  beneficiary: { address: string };
}

/** Submits `ops` from the bundler, as a type-4 transaction with `authorizationList` when one is given. */
export async function handleOps(
  ctx: BundleContext,
  ops: PackedUserOperation[],
  authorizationList: Authorization[] = [],
) {
  const entryPoint = ctx.entryPoint.connect(ctx.bundler) as {
    handleOps(ops: PackedUserOperation[], beneficiary: string, overrides: object): Promise<ContractTransactionResponse>;
  };
  return entryPoint.handleOps(ops, ctx.beneficiary.address, {
    gasLimit: 3_000_000n,
    ...(authorizationList.length > 0 ? { type: 4, authorizationList } : {}),
  });
}
