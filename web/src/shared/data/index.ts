// Picks the data source once: the subgraph when VITE_SUBGRAPH_URL is set, otherwise the chain itself.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { usePublicClient } from "wagmi";
import type { PublicClient } from "viem";
import { subgraphUrl, targetChain } from "../config";
import { contributionStartBlock, ledgerAddress } from "../../contribution/contracts";
import { createChainReader } from "./chain";
import { createSubgraphReader } from "./subgraph";
import type { LedgerReader } from "./types";

export * from "./types";

export function useLedgerReader(): LedgerReader | undefined {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  return useMemo(() => {
    if (!client || !ledgerAddress) return undefined;
    return subgraphUrl
      ? createSubgraphReader(subgraphUrl, client)
      : createChainReader(client, ledgerAddress, contributionStartBlock);
  }, [client]);
}

export function useProjects() {
  const reader = useLedgerReader();
  return useQuery({
    queryKey: ["ledger", reader?.source, "projects"],
    queryFn: () => reader!.projects(),
    enabled: !!reader,
  });
}

export function useProject(id: bigint) {
  const reader = useLedgerReader();
  return useQuery({
    queryKey: ["ledger", reader?.source, "project", id.toString()],
    queryFn: async () => (await reader!.project(id)) ?? null,
    enabled: !!reader,
  });
}
