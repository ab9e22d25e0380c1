// Picks the data source once: the subgraph when VITE_SUBGRAPH_URL is set, otherwise the chain itself.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { usePublicClient } from "wagmi";
import type { PublicClient } from "viem";
import { ledgerAddress, ledgerFromBlock, subgraphUrl, targetChain } from "../config";
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
      : createChainReader(client, ledgerAddress, ledgerFromBlock);
  }, [client]);
}

const REFRESH_MS = 4_000;

export function useProjects() {
  const reader = useLedgerReader();
  return useQuery({
    queryKey: ["ledger", reader?.source, "projects"],
    queryFn: () => reader!.projects(),
    enabled: !!reader,
    refetchInterval: REFRESH_MS,
  });
}

export function useProject(id: bigint) {
  const reader = useLedgerReader();
  return useQuery({
    queryKey: ["ledger", reader?.source, "project", id.toString()],
    queryFn: async () => (await reader!.project(id)) ?? null,
    enabled: !!reader,
    refetchInterval: REFRESH_MS,
  });
}
