// The cluster exchange's read path: one interface (`ClusterReader` in ./types.ts, a method per screen need), the reader
// chosen once (the subgraph when this page load reads one, else the chain reader on the target chain's event reader
// from ClusterExchange's deployment block, one per client so its folded state lives on), the hooks the screens use,
// and the browser matcher's load of every open intent. Queries refresh when a new block arrives
// (shared/data/live.tsx) and after the user's own transactions.
import { clusterExchangeAbi } from "@cosmolocal/sdk";
import { eventReader } from "../../shared/data/events";
import { readerHook, readerPages, readerQuery } from "../../shared/data/reader";
import { clusterAddress, clusterStartBlock } from "../contracts";
import { createClusterChainReader } from "./chain";
import { clusterFold } from "./fold";
import { createClusterSubgraphReader } from "./subgraph";
import {
  OPEN_INTENTS_PAGE,
  type ClusterIntent,
  type ClusterReader,
  type IntentFilter,
  type OrderFilter,
} from "./types";

export * from "./types";

/** The cluster exchange's reader (undefined until the client is ready, or where it is not deployed). */
export const useClusterReader = readerHook(clusterAddress, (exchange) => ({
  subgraph: (url): ClusterReader => createClusterSubgraphReader(url, exchange),
  chain: (client): ClusterReader =>
    createClusterChainReader(
      eventReader(client, clusterExchangeAbi, [exchange], clusterStartBlock, clusterFold),
      client,
    ),
}));

const useClusterQuery = readerQuery("cluster", useClusterReader);
const useClusterPages = readerPages("cluster", useClusterReader);

/** A filter as a query key: the same filter, whatever the case of its addresses and unit, is one key. */
const intentKey = (f: IntentFilter) => ({
  ...f,
  owner: f.owner?.toLowerCase(),
  unit: f.unit?.toLowerCase(),
});
const orderKey = (f: OrderFilter) => ({
  ...f,
  producer: f.producer?.toLowerCase(),
  buyer: f.buyer?.toLowerCase(),
});

/** The exchange's totals. */
export const useClusterInfo = () => useClusterQuery(["info"], (r) => r.info());

/** The category boards, by category and unit, a page at a time. */
export const useCategoryPages = () => useClusterPages(["categories"], (r, after) => r.categories(after));

/** The intents `filter` lists, newest first, a page at a time (the last list kept while a new filter loads). */
export const useIntentPages = (filter: IntentFilter, enabled = true) =>
  useClusterPages(["intents", intentKey(filter)], (r, after) => r.intents(filter, after), enabled, true);

/** The orders `filter` lists, newest first, a page at a time (the last list kept while a new filter loads). */
export const useOrderPages = (filter: OrderFilter, enabled = true) =>
  useClusterPages(["orders", orderKey(filter)], (r, after) => r.orders(filter, after), enabled, true);

/** One order with its steps (undefined: no such order). */
export const useOrder = (id: bigint | undefined) =>
  useClusterQuery(["order", id?.toString()], (r) => r.order(id!), id !== undefined);

/**
 * The intents `filter` lists (for the matcher: an open filter, `openAt`), newest first, read OPEN_INTENTS_PAGE at a
 * time until the last page or `max` rows; `truncated` when more were left unread.
 */
export async function loadOpenIntents(
  reader: Pick<ClusterReader, "intents">,
  filter: IntentFilter,
  max: number,
): Promise<{ intents: ClusterIntent[]; truncated: boolean }> {
  const intents: ClusterIntent[] = [];
  for (let after: string | undefined; ;) {
    const page = await reader.intents(filter, after, OPEN_INTENTS_PAGE);
    intents.push(...page.items);
    if (intents.length >= max)
      return { intents: intents.slice(0, max), truncated: intents.length > max || page.next !== undefined };
    if (page.next === undefined) return { intents, truncated: false };
    after = page.next;
  }
}
