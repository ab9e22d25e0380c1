// The resource module's one read interface for the screens: the reader (the subgraph when VITE_SUBGRAPH_URL is set,
// otherwise the chain reader, one per client so its folded state lives across refreshes) and the hooks the screens
// use. Queries refresh when a new block arrives (shared/data/live.tsx) and after the user's own transactions.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { readerHook } from "../../shared/data/reader";
import { registryAddress, resourceStartBlock } from "../contracts";
import { createResourceChainReader } from "./chain";
import { createResourceSubgraphReader } from "./subgraph";
import type { LandingFilter, ResourceReader } from "./types";

export * from "./types";
export {
  BPS,
  closures,
  holdsSomething,
  MAX_CLOSED_PERIODS,
  RESOURCE_DECIMALS,
  resourceUnit,
  ruleCapOf,
  seasonAt,
  seasonStart,
  WAD,
} from "./rules";

/** The registry's reader (undefined until the client is ready or where the registry is not deployed). */
export const useResourceReader = readerHook(registryAddress, (registry) => ({
  subgraph: (url): ResourceReader => createResourceSubgraphReader(url),
  chain: (client): ResourceReader => createResourceChainReader(client, registry, resourceStartBlock),
}));

/** Every registered resource (id, configuration, unit). */
export function useResources() {
  const reader = useResourceReader();
  return useQuery({
    queryKey: ["resources", reader?.source, "list"],
    queryFn: () => reader!.resources(),
    enabled: !!reader,
  });
}

/** One stock's public view (null if no such resource). */
export function useStock(id: bigint | undefined) {
  const reader = useResourceReader();
  return useQuery({
    queryKey: ["resources", reader?.source, "stock", id?.toString()],
    queryFn: async () => (await reader!.stock(id!)) ?? null,
    enabled: !!reader && id !== undefined,
  });
}

/** The current season's holders, a page at a time. */
export function useHolders(id: bigint) {
  const reader = useResourceReader();
  return useInfiniteQuery({
    queryKey: ["resources", reader?.source, "holders", id.toString()],
    queryFn: ({ pageParam }) => reader!.holders(id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    enabled: !!reader,
  });
}

/** One account's current-season position. */
export function useHolding(id: bigint, account: Address | undefined) {
  const reader = useResourceReader();
  return useQuery({
    queryKey: ["resources", reader?.source, "holding", id.toString(), account?.toLowerCase()],
    queryFn: () => reader!.holding(id, account!),
    enabled: !!reader && !!account,
  });
}

/** The buyers `holder` allows to record its landings. */
export function useApprovals(id: bigint, holder: Address | undefined) {
  const reader = useResourceReader();
  return useQuery({
    queryKey: ["resources", reader?.source, "approvals", id.toString(), holder?.toLowerCase()],
    queryFn: () => reader!.approvals(id, holder!),
    enabled: !!reader && !!holder,
  });
}

/** Landings newest first (all, of a holder, or by a buyer), a page at a time. */
export function useLandings(id: bigint, filter: LandingFilter) {
  const reader = useResourceReader();
  return useInfiniteQuery({
    queryKey: [
      "resources",
      reader?.source,
      "landings",
      id.toString(),
      filter.holder?.toLowerCase() ?? "",
      filter.buyer?.toLowerCase() ?? "",
    ],
    queryFn: ({ pageParam }) => reader!.landings(id, filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    enabled: !!reader,
  });
}

/** Entitlement transfers newest first, a page at a time. */
export function useTransfers(id: bigint) {
  const reader = useResourceReader();
  return useInfiniteQuery({
    queryKey: ["resources", reader?.source, "transfers", id.toString()],
    queryFn: ({ pageParam }) => reader!.transfers(id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
    enabled: !!reader,
  });
}
