// The resource module's one read interface for the screens: the reader (the subgraph when VITE_SUBGRAPH_URL is set,
// otherwise the chain reader, one per client so its folded state lives across refreshes) and the hooks the screens
// use. Queries refresh when a new block arrives (shared/data/live.tsx) and after the user's own transactions.
import { useInfiniteQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { readerHook, readerQuery } from "../../shared/data/reader";
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
const useResourceQuery = readerQuery("resources", useResourceReader);

/** Every registered resource (id, configuration, unit). */
export function useResources() {
  return useResourceQuery(["list"], (r) => r.resources());
}

/** One stock's public view (null if no such resource). */
export function useStock(id: bigint | undefined) {
  return useResourceQuery(["stock", id?.toString()], async (r) => (await r.stock(id!)) ?? null, id !== undefined);
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
  return useResourceQuery(
    ["holding", id.toString(), account?.toLowerCase()],
    (r) => r.holding(id, account!),
    !!account,
  );
}

/** The buyers `holder` allows to record its landings. */
export function useApprovals(id: bigint, holder: Address | undefined) {
  return useResourceQuery(
    ["approvals", id.toString(), holder?.toLowerCase()],
    (r) => r.approvals(id, holder!),
    !!holder,
  );
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
