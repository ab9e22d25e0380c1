// What the council's paymaster actions check a draft against: the paymaster's deposit and stake at the EntryPoint, its
// settings, the system's contracts it sponsors calls to and the treasury's ETH, read now, then as the calls before
// the draft in the same proposal leave them.
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import { decodeFunctionData, type Address } from "viem";
import { entryPoint08Abi } from "viem/account-abstraction";
import { useBalance, useReadContract, useReadContracts } from "wagmi";
import { earliestExecution, type ProposalContext } from "../../council/actions/action";
import { timelockAddress } from "../../council/contracts";
import { targetChain } from "../../shared/config";
import { sameAddress } from "../../shared/format";
import { paymasterAddress } from "../contracts";
import { SYSTEM_CONTRACTS } from "./calls";

export interface PaymasterState {
  /** The EntryPoint it pays from (never a call target). */
  entryPoint: Address;
  /** Wei the paymaster holds at the EntryPoint to pay members' gas. */
  deposit: bigint;
  /** Its stake at the EntryPoint (wei). */
  stake: bigint;
  /** Whether the stake is locked (bundlers take the paymaster as staked). */
  staked: boolean;
  /** The stake's unstake delay, seconds (0: never staked, or withdrawn). */
  unstakeDelay: number;
  /** When an unlocked stake can be withdrawn (Unix seconds; 0: not unlocked). */
  withdrawTime: number;
  defaultBudget: bigint;
  coordinatorBudgetCap: bigint;
  /** The system's contracts sponsored operations may call. */
  allowed: readonly Address[];
  /** Wei the council's treasury (its timelock) holds: what a stake is paid from (undefined: not read). */
  treasury?: bigint;
}

const paymaster = { address: paymasterAddress, abi: membersPaymasterAbi, chainId: targetChain.id } as const;

/** The paymaster now (undefined while loading, or where it is not deployed); new blocks refresh it. */
export function usePaymasterState(): PaymasterState | undefined {
  const enabled = !!paymasterAddress;
  const settings = useReadContracts({
    contracts: [
      { ...paymaster, functionName: "entryPoint" },
      { ...paymaster, functionName: "defaultBudget" },
      { ...paymaster, functionName: "coordinatorBudgetCap" },
    ],
    allowFailure: false,
    query: { enabled },
  });
  const allowed = useReadContracts({
    contracts: SYSTEM_CONTRACTS.map((c) => ({
      ...paymaster,
      functionName: "isCallTargetAllowed" as const,
      args: [c.address] as const,
    })),
    allowFailure: false,
    query: { enabled },
  });
  const entryPoint = settings.data?.[0];
  const info = useReadContract({
    address: entryPoint,
    abi: entryPoint08Abi,
    functionName: "getDepositInfo",
    args: [paymasterAddress!],
    chainId: targetChain.id,
    query: { enabled: enabled && !!entryPoint },
  });
  const treasury = useBalance({
    address: timelockAddress,
    chainId: targetChain.id,
    query: { enabled: enabled && !!timelockAddress },
  });
  if (!settings.data || !allowed.data || !info.data) return undefined;
  const [, defaultBudget, coordinatorBudgetCap] = settings.data;
  const d = info.data;
  return {
    entryPoint: settings.data[0],
    deposit: d.deposit,
    stake: d.stake,
    staked: d.staked,
    unstakeDelay: d.unstakeDelaySec,
    withdrawTime: d.withdrawTime,
    defaultBudget,
    coordinatorBudgetCap,
    allowed: SYSTEM_CONTRACTS.filter((_, i) => allowed.data[i]).map((c) => c.address),
    treasury: treasury.data?.value,
  };
}

/**
 * The paymaster as the calls before this one in the proposal leave it (they run first, in order, at the proposal's
 * earliest execution); undefined when it has not been read. The treasury pays the stakes those calls add.
 */
export function paymasterAfter(ctx: ProposalContext): PaymasterState | undefined {
  if (!ctx.paymaster) return undefined;
  const s = { ...ctx.paymaster };
  for (const call of ctx.before) {
    if (!sameAddress(call.target, paymasterAddress)) continue;
    const value = call.value ?? 0n;
    if (s.treasury !== undefined) s.treasury -= value;
    let c;
    try {
      c = decodeFunctionData({ abi: membersPaymasterAbi, data: call.data });
    } catch {
      continue;
    }
    switch (c.functionName) {
      case "withdrawTo":
        s.deposit -= c.args[1];
        break;
      case "deposit":
        s.deposit += value;
        break;
      case "addStake":
        Object.assign(s, { stake: s.stake + value, staked: true, unstakeDelay: c.args[0], withdrawTime: 0 });
        break;
      case "unlockStake":
        Object.assign(s, { staked: false, withdrawTime: earliestExecution(ctx.council) + s.unstakeDelay });
        break;
      case "withdrawStake":
        Object.assign(s, { stake: 0n, unstakeDelay: 0, withdrawTime: 0 });
        break;
      case "allowCallTarget":
        s.allowed = [...s.allowed.filter((a) => !sameAddress(a, c.args[0])), c.args[0]];
        break;
      case "removeCallTarget":
        s.allowed = s.allowed.filter((a) => !sameAddress(a, c.args[0]));
        break;
      case "setDefaultBudget":
        s.defaultBudget = c.args[0];
        break;
      case "setCoordinatorBudgetCap":
        s.coordinatorBudgetCap = c.args[0];
        break;
    }
  }
  return s;
}
