// A sponsored write: the member's own address, delegated by EIP-7702 to the canonical Simple7702Account, sends one
// ERC-4337 v0.8 operation through the bundler, and the co-op's MembersPaymaster pays its gas. The first operation
// carries the 7702 authorization (viem signs it when the address is not delegated yet). The paymaster data names the
// budget period the operation is paid from (its 4 bytes after the paymaster's address and gas limits).
import { membersPaymasterAbi, SIMPLE_7702_ACCOUNT_V08 } from "@cosmolocal/sdk";
import {
  createPublicClient,
  encodeFunctionData,
  http,
  numberToHex,
  type Abi,
  type Address,
  type Hash,
  type Hex,
  type LocalAccount,
  type PrivateKeyAccount,
  type TransactionReceipt,
} from "viem";
import { createBundlerClient, toSimple7702SmartAccount, type UserOperationReceipt } from "viem/account-abstraction";
import { rpcUrl, targetChain } from "../shared/config";
import { bundlerUrl, paymasterAddress } from "./contracts";

/**
 * The postOp gas limit every operation names: the paymaster refuses less than its MIN_POST_OP_GAS_LIMIT (30,000);
 * its postOp uses about POST_OP_GAS (IMembersPaymaster), and what is not used costs nothing but headroom in the budget
 * reservation.
 */
export const POST_OP_GAS_LIMIT = 40_000n;

const publicClient = createPublicClient({ chain: targetChain, transport: http(rpcUrl) });

/** The paymaster data of an operation paid from budget period `period`: the period as 4 big-endian bytes. */
export function periodData(period: number): Hex {
  return numberToHex(period, { size: 4 });
}

/** Whether the dApp can send sponsored operations on this chain: a bundler and the co-op's paymaster. */
export const sponsorshipAvailable = !!bundlerUrl && !!paymasterAddress;

export interface SponsoredCall {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

export interface SponsoredResult {
  userOpHash: Hash;
  /** The bundle transaction's receipt. */
  receipt: TransactionReceipt;
  /** What the operation cost the paymaster's deposit (the EntryPoint's `actualGasCost`), in wei. */
  actualGasCost: bigint;
  success: boolean;
  reason?: string;
}

/**
 * Sends `call` as `owner`'s sponsored operation and waits for it to be included. `onSent` is told the operation's hash
 * once the bundler accepted it. Throws what the bundler or the paymaster refused (see errors.ts for the wording).
 */
export async function sendSponsored(
  owner: LocalAccount,
  call: SponsoredCall,
  onSent?: (userOpHash: Hash) => void,
): Promise<SponsoredResult> {
  if (!bundlerUrl || !paymasterAddress) throw new Error("Gas sponsorship is not set up on this chain.");
  const paymaster = paymasterAddress;
  // viem types the owner as a private-key account; any local account (the test wallet's are HD accounts) signs the
  // operation's EIP-712 hash the same way.
  const account = await toSimple7702SmartAccount({ client: publicClient, owner: owner as PrivateKeyAccount });
  const period = await publicClient.readContract({
    address: paymaster,
    abi: membersPaymasterAbi,
    functionName: "currentPeriod",
  });
  const paymasterFields = {
    paymaster,
    paymasterData: periodData(period),
    paymasterPostOpGasLimit: POST_OP_GAS_LIMIT,
    // One answer for estimation and sending: the data does not depend on the gas limits (no paymaster signature).
    isFinal: true,
  } as const;
  const bundler = createBundlerClient({
    client: publicClient,
    transport: http(bundlerUrl),
    paymaster: { getPaymasterData: async () => paymasterFields },
  });
  const userOpHash = await bundler.sendUserOperation({
    account,
    calls: [
      {
        to: call.address,
        data: encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args }),
      },
    ],
    authorization: await authorizationIfNeeded(owner),
  });
  onSent?.(userOpHash);
  const r: UserOperationReceipt = await bundler.waitForUserOperationReceipt({ hash: userOpHash, timeout: 120_000 });
  return {
    userOpHash,
    receipt: r.receipt,
    actualGasCost: r.actualGasCost,
    success: r.success,
    reason: r.reason,
  };
}

/**
 * The EIP-7702 authorization that delegates `owner`'s address to Simple7702Account, signed for its current nonce, when
 * the address is not delegated to it yet (its code is not the designator 0xef0100 ‖ implementation); else undefined.
 */
async function authorizationIfNeeded(owner: LocalAccount) {
  const code = await publicClient.getCode({ address: owner.address });
  if (code?.toLowerCase() === `0xef0100${SIMPLE_7702_ACCOUNT_V08.slice(2)}`.toLowerCase()) return undefined;
  if (!owner.signAuthorization)
    throw new Error("This wallet cannot sign the EIP-7702 authorization sponsorship needs.");
  return owner.signAuthorization({
    address: SIMPLE_7702_ACCOUNT_V08,
    chainId: targetChain.id,
    nonce: await publicClient.getTransactionCount({ address: owner.address }),
  });
}
