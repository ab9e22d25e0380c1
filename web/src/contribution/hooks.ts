// View calls for the connected account only (a constant number per screen, never one per member): the income the
// ledger owes it per income token (at most 8) and its balance of the token it pays in with.
import { contributionLedgerAbi } from "@cosmolocal/sdk";
import { erc20Abi, type Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { targetChain } from "../shared/config";
import { ledgerAddress } from "./contracts";

/** Income owed to `account` in each token (same order as `tokens`). */
export function useClaimable(projectId: bigint, tokens: Address[], account: Address | undefined) {
  return useReadContracts({
    contracts: tokens.map((token) => ({
      address: ledgerAddress,
      abi: contributionLedgerAbi,
      functionName: "claimable",
      args: [projectId, token, account!],
      chainId: targetChain.id,
    })) as {
      address: Address;
      abi: typeof contributionLedgerAbi;
      functionName: "claimable";
      args: [bigint, Address, Address];
      chainId: number;
    }[],
    query: { enabled: !!account && !!ledgerAddress && tokens.length > 0 },
  });
}

export function useTokenBalance(token: Address | undefined, account: Address | undefined) {
  return useReadContract({
    address: token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: account ? [account] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!token && !!account },
  });
}
