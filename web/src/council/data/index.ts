// The council's read path behind one interface: the subgraph reader when VITE_SUBGRAPH_URL is set, otherwise the
// chain reader (one per client, kept: its folded events live across refreshes); the hooks the screens use, which
// refresh per new block (shared/data/live.tsx) and after the user's own transactions.
import { useQuery } from "@tanstack/react-query";
import type { Address, PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { subgraphUrl, targetChain } from "../../shared/config";
import { councilAddress, councilStartBlock, seatAddress, timelockAddress } from "../contracts";
import { createCouncilChainReader } from "./chain";
import { createCouncilSubgraphReader } from "./subgraph";
import { PROPOSALS_PER_PAGE, type CouncilReader } from "./types";

export * from "./types";

const readers = new WeakMap<PublicClient, CouncilReader>();

/** The council's reader on the target chain (undefined until the client is ready or where it is not deployed). */
export function useCouncilReader(): CouncilReader | undefined {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  if (!client || !councilAddress || !seatAddress || !timelockAddress) return undefined;
  let reader = readers.get(client);
  if (!reader) {
    const addresses = { governor: councilAddress, seats: seatAddress, timelock: timelockAddress };
    reader = subgraphUrl
      ? createCouncilSubgraphReader(subgraphUrl, client, addresses)
      : createCouncilChainReader(client, addresses, councilStartBlock);
    readers.set(client, reader);
  }
  return reader;
}

/** Settings, seats and the open proposals. */
export function useCouncil() {
  const reader = useCouncilReader();
  return useQuery({
    queryKey: ["council", reader?.source, "overview"],
    queryFn: () => reader!.overview(),
    enabled: !!reader,
  });
}

/** Page `page` of the proposals (0 = the newest), with `me`'s votes at each snapshot. */
export function useProposalPage(page: number, me?: Address) {
  const reader = useCouncilReader();
  return useQuery({
    queryKey: ["council", reader?.source, "proposals", page, me ?? null],
    queryFn: () => reader!.proposals(page, PROPOSALS_PER_PAGE, me),
    enabled: !!reader,
  });
}
