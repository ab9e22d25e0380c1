// Typed ledger reads (generated ABI from @cosmolocal/sdk), live for the connected account: roles, claimable income,
// token balances.
import { contributionLedgerAbi, MEMBER_ROLE, COORDINATOR_ROLE } from "@cosmolocal/sdk";
import { erc20Abi, type Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { targetChain } from "../shared/config";
import { ledgerAddress } from "./contracts";

export function useRoles(projectId: bigint, account: Address | undefined) {
  const q = useReadContract({
    address: ledgerAddress,
    abi: contributionLedgerAbi,
    functionName: "rolesOf",
    args: account ? [projectId, account] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!account && !!ledgerAddress },
  });
  const roles = q.data ?? 0;
  return {
    roles,
    isMember: (roles & MEMBER_ROLE) !== 0,
    isCoordinator: (roles & COORDINATOR_ROLE) !== 0,
    isLoading: q.isLoading,
  };
}

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
