// The solidarity circles' read path: one interface (`CommonfareReader` in ./types.ts, a method per screen need), the
// reader chosen once (the subgraph when this page load reads one, else the chain reader on the target chain's event
// reader from Commonfare's deployment block, one per client so its folded state lives on), and the hooks the screens
// use. Queries refresh when a new block arrives (shared/data/live.tsx) and after the user's own transactions.
import { commonfareAbi } from "@cosmolocal/sdk";
import { useQuery } from "@tanstack/react-query";
import type { Address, PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { targetChain } from "../../shared/config";
import { eventReader } from "../../shared/data/events";
import { readerHook, readerPages, readerQuery } from "../../shared/data/reader";
import { tokenInfo } from "../../shared/data/tokens";
import { commonfareAddress, commonfareStartBlock } from "../contracts";
import { createCommonfareChainReader } from "./chain";
import { commonfareFold } from "./fold";
import { createCommonfareSubgraphReader } from "./subgraph";
import type { ClaimFilter, CommonfareReader, MemberFilter } from "./types";

export * from "./types";
export { settleMember } from "./settle";

/** The circles' reader (undefined until the client is ready, or where Commonfare is not deployed). */
export const useCommonfareReader = readerHook(commonfareAddress, (address) => ({
  subgraph: (url): CommonfareReader => createCommonfareSubgraphReader(url),
  chain: (client): CommonfareReader =>
    createCommonfareChainReader(
      eventReader(client, commonfareAbi, [address], commonfareStartBlock, commonfareFold),
      client,
    ),
}));

const useCommonfareQuery = readerQuery("commonfare", useCommonfareReader);
const useCommonfarePages = readerPages("commonfare", useCommonfareReader);

/** A filter as a query key: the same filter, whatever the case of its addresses, is one key. */
const memberKey = (f: MemberFilter) => ({ ...f, account: f.account?.toLowerCase() });
const claimKey = (f: ClaimFilter) => ({ ...f, claimant: f.claimant?.toLowerCase(), buddy: f.buddy?.toLowerCase() });

/** Every circle, a page at a time. */
export const useCirclePages = () => useCommonfarePages(["circles"], (r, after) => r.circles(after));

/** One circle (null: no such circle; a query's answer is never undefined). */
export const useCircle = (id: bigint | undefined) =>
  useCommonfareQuery(["circle", id?.toString()], async (r) => (await r.circle(id!)) ?? null, id !== undefined);

/** A circle's accounts `filter` lists, settled now, by account, a page at a time. */
export const useMemberPages = (circleId: bigint | undefined, filter: MemberFilter, enabled = true) =>
  useCommonfarePages(
    ["members", circleId?.toString(), memberKey(filter)],
    (r, after) => r.members(circleId!, filter, after),
    enabled && circleId !== undefined,
    true,
  );

/** One account of a circle, settled now (null: it never asked to join; a query's answer is never undefined). */
export const useMember = (circleId: bigint | undefined, account: Address | undefined) =>
  useCommonfareQuery(
    ["member", circleId?.toString(), account?.toLowerCase()],
    async (r) => (await r.member(circleId!, account!)) ?? null,
    circleId !== undefined && account !== undefined,
  );

/** A circle's claims `filter` lists, newest first, a page at a time. */
export const useClaimPages = (circleId: bigint | undefined, filter: ClaimFilter, enabled = true) =>
  useCommonfarePages(
    ["claims", circleId?.toString(), claimKey(filter)],
    (r, after) => r.claims(circleId!, filter, after),
    enabled && circleId !== undefined,
    true,
  );

/** A circle's pool and burn after each change, the newest page (oldest first, for the chart). */
export const useCoverHistory = (circleId: bigint | undefined) =>
  useCommonfareQuery(
    ["cover", circleId?.toString()],
    async (r) => {
      const page = await r.coverHistory(circleId!);
      return { points: [...page.items].reverse(), older: page.next !== undefined };
    },
    circleId !== undefined,
  );

/** A circle's currency: its symbol and decimals, read once from the token. */
export function useCurrency(currency: Address | undefined) {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  return useQuery({
    queryKey: ["token", currency?.toLowerCase()],
    queryFn: () => tokenInfo(client!, currency!),
    enabled: !!client && !!currency,
    staleTime: Infinity,
  });
}
