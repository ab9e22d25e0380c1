// Who pays a write's gas: the member, or the co-op through its paymaster. The choice is the person's ("the co-op",
// "me", or automatic: the co-op whenever the account holds no ETH), kept in this browser. Sponsorship needs a bundler
// and the co-op's paymaster on the chain, and an account whose key can sign an EIP-7702 authorization and operations
// here: the local test wallet's. The panel says who pays and how much of the period's budget is left.
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import { useSyncExternalStore } from "react";
import type { LocalAccount } from "viem";
import { useBalance, useReadContract } from "wagmi";
import { BURNER_ID, burnerAccount, burnerIndex } from "../shared/burner";
import { targetChain } from "../shared/config";
import { sameAddress } from "../shared/format";
import { useWallet } from "../shared/wallet";
import { paymasterAddress } from "./contracts";
import { eth } from "./errors";
import { sponsorshipAvailable } from "./sponsor";

export type GasPreference = "auto" | "coop" | "self";
const KEY = "cosmolocal.gas";
const listeners = new Set<() => void>();
const readPreference = (): GasPreference => {
  const v = localStorage.getItem(KEY);
  return v === "coop" || v === "self" ? v : "auto";
};
export function setGasPreference(p: GasPreference): void {
  if (p === "auto") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, p);
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export interface GasPayer {
  /** The co-op pays this account's writes now. */
  sponsored: boolean;
  /** The co-op could pay (bundler, paymaster and a key that signs here). */
  canSponsor: boolean;
  /** The key that signs the account's authorization and operations (when it can sponsor). */
  owner?: LocalAccount;
  preference: GasPreference;
  /** The account's ETH, when read. */
  balance?: bigint;
}

/** Who pays the connected account's gas. */
export function useGasPayer(): GasPayer {
  const { address, connector } = useWallet();
  const preference = useSyncExternalStore(subscribe, readPreference);
  const balance = useBalance({ address, chainId: targetChain.id, query: { enabled: !!address } });
  const local = connector?.id === BURNER_ID ? burnerAccount(burnerIndex()) : undefined;
  const owner = local && sameAddress(local.address, address) ? local : undefined;
  const canSponsor = sponsorshipAvailable && !!owner;
  const value = balance.data?.value;
  const sponsored = canSponsor && (preference === "coop" || (preference === "auto" && value === 0n));
  return { sponsored, canSponsor, owner, preference, balance: value };
}

/** The connected member's standing with the paymaster: member or not, and the budget left in the current period. */
export function useMemberBudget(member: `0x${string}` | undefined) {
  const enabled = !!member && !!paymasterAddress;
  const common = { address: paymasterAddress, abi: membersPaymasterAbi, chainId: targetChain.id } as const;
  const isMember = useReadContract({ ...common, functionName: "isMember", args: [member!], query: { enabled } });
  const period = useReadContract({ ...common, functionName: "currentPeriod", query: { enabled } });
  const remaining = useReadContract({
    ...common,
    functionName: "remainingBudget",
    args: [member!, period.data ?? 0],
    query: { enabled: enabled && period.data !== undefined },
  });
  const budget = useReadContract({ ...common, functionName: "budgetOf", args: [member!], query: { enabled } });
  return {
    isMember: isMember.data,
    period: period.data,
    remaining: remaining.data,
    budget: budget.data?.[0],
  };
}

/** The wallet's gas line: who pays, the budget left, and the choice. */
export function GasPayerPanel() {
  const { address } = useWallet();
  const payer = useGasPayer();
  const standing = useMemberBudget(payer.canSponsor ? address : undefined);
  if (!payer.canSponsor || !address) return null;
  const said = !payer.sponsored
    ? "you pay"
    : standing.isMember === false
      ? "the co-op pays only its members, and this account is not one"
      : standing.remaining !== undefined && standing.budget !== undefined
        ? `the co-op pays · ${eth(standing.remaining)} of ${eth(standing.budget)} left this period`
        : "the co-op pays";
  return (
    <div className="gas-payer small" data-testid="gas-payer" data-payer={payer.sponsored ? "coop" : "self"}>
      <label>
        <span className="muted">Gas</span>{" "}
        <select
          data-testid="gas-preference"
          value={payer.preference}
          onChange={(e) => setGasPreference(e.target.value as GasPreference)}
          aria-label="Who pays the gas"
        >
          <option value="auto">automatic (the co-op when I hold no ETH)</option>
          <option value="coop">the co-op pays</option>
          <option value="self">I pay</option>
        </select>
      </label>{" "}
      <span data-testid="gas-payer-said">{said}</span>
    </div>
  );
}
