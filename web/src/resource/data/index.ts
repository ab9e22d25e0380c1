// The resource module's one read interface for the screens: the reader (the subgraph when VITE_SUBGRAPH_URL is set,
// otherwise the chain reader, one per client so its folded state lives across refreshes) and the hooks the screens
// use. Queries refresh when a new block arrives (shared/data/live.tsx) and after the user's own transactions.
import type { Address } from "viem";
import { readerHook, readerPages, readerQuery } from "../../shared/data/reader";
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
const useResourcePages = readerPages("resources", useResourceReader);

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
  return useResourcePages(["holders", id.toString()], (r, after) => r.holders(id, after));
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
  return useResourcePages(
    ["landings", id.toString(), filter.holder?.toLowerCase() ?? "", filter.buyer?.toLowerCase() ?? ""],
    (r, after) => r.landings(id, filter, after),
  );
}

/** Entitlement transfers newest first, a page at a time. */
export function useTransfers(id: bigint) {
  return useResourcePages(["transfers", id.toString()], (r, after) => r.transfers(id, after));
}
