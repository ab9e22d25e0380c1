// Which reader a module's screens read through (the subgraph's when this page load reads one, see source.ts; otherwise
// the chain reader, one per client of the target chain, kept so its folded events live across refreshes), and its
// query hooks (one answer, or a list a page at a time).
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { targetChain } from "../config";
import type { Page } from "./pages";
import { readSubgraphUrl } from "./source";

/** How a module makes its two readers. */
export interface ReaderFactory<R> {
  subgraph(url: string, client: PublicClient): R;
  chain(client: PublicClient): R;
}

/**
 * A hook giving the module's reader: undefined until the client is ready, or where the module is not deployed
 * (`deployed`, the module's addresses, is undefined); else the readers `make(deployed)` makes.
 */
export function readerHook<D, R extends object>(
  deployed: D | undefined,
  make: (deployed: D) => ReaderFactory<R>,
): () => R | undefined {
  const factory = deployed === undefined ? undefined : make(deployed);
  // By the client's uid, not the object: wagmi's usePublicClient gives each component its own extended copy of the
  // same client, and one reader (one folded history, one refresh per block) must serve every component.
  const readers = new Map<string, R>();
  return function useReader() {
    const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
    if (!client || !factory) return undefined;
    let reader = readers.get(client.uid);
    if (!reader) {
      reader = readSubgraphUrl ? factory.subgraph(readSubgraphUrl, client) : factory.chain(client);
      readers.set(client.uid, reader);
    }
    return reader;
  };
}

/**
 * The query hook of a module's reader: keyed by the module, the reader's source and `key`; off until the reader is
 * ready (and while `enabled` is false); with `keep`, the last answer stays while a new key loads. No structural
 * sharing: a chain reader's views may hold objects of its folded state, which the next block changes in place, so
 * an answer that compares equal to the last one (same objects) may still show new values; each answer re-renders.
 */
export function readerQuery<R extends { source: string }>(module: string, useReader: () => R | undefined) {
  return function useReaderQuery<T>(
    key: readonly unknown[],
    run: (reader: R) => Promise<T>,
    enabled = true,
    keep = false,
  ) {
    const reader = useReader();
    const q = useQuery({
      queryKey: [module, reader?.source, ...key],
      queryFn: () => run(reader!),
      structuralSharing: false,
      enabled: !!reader && enabled,
      ...(keep ? { placeholderData: keepPreviousData } : {}),
    });
    // A refresh that fails (a rate-limited RPC, a node restarting) keeps the last answer on screen, and the forms
    // under it, until the next block tries again: only a first load that fails is an error for the screen.
    return q.error && q.data !== undefined ? { ...q, error: null } : q;
  };
}

/**
 * The paged query hook of a module's reader, for a list read a page at a time: `run(reader, after)` gives the page
 * after the cursor `after` (the first page for undefined). Keyed and enabled like `readerQuery`; a new block
 * refreshes the pages already shown; with `keep`, the last list stays while a new key (a new filter) loads. `items`
 * is every shown page's items in order; pass the result to ShowMore.
 */
export function readerPages<R extends { source: string }>(module: string, useReader: () => R | undefined) {
  return function useReaderPages<T>(
    key: readonly unknown[],
    run: (reader: R, after: string | undefined) => Promise<Page<T>>,
    enabled = true,
    keep = false,
  ) {
    const reader = useReader();
    const q = useInfiniteQuery({
      queryKey: [module, reader?.source, ...key],
      queryFn: ({ pageParam }) => run(reader!, pageParam),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last: Page<T>) => last.next,
      structuralSharing: false,
      enabled: !!reader && enabled,
      ...(keep ? { placeholderData: keepPreviousData } : {}),
    });
    const items = q.data?.pages.flatMap((p) => p.items);
    // As in readerQuery: a failed refresh keeps the pages shown.
    return { ...q, items, error: q.error && q.data !== undefined ? null : q.error };
  };
}
