// The council's read path behind one interface: the subgraph reader when VITE_SUBGRAPH_URL is set, otherwise the
// chain reader (one per client, kept: its folded events live across refreshes); the hooks the screens use, which
// refresh per new block (shared/data/live.tsx) and after the user's own transactions.
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { readerHook } from "../../shared/data/reader";
import { councilAddress, councilStartBlock, seatAddress, timelockAddress } from "../contracts";
import { createCouncilChainReader } from "./chain";
import { createCouncilSubgraphReader } from "./subgraph";
import { PROPOSALS_PER_PAGE, type CouncilReader } from "./types";

export * from "./types";

const addresses =
  councilAddress && seatAddress && timelockAddress
    ? { governor: councilAddress, seats: seatAddress, timelock: timelockAddress }
    : undefined;

/** The council's reader on the target chain (undefined until the client is ready or where it is not deployed). */
export const useCouncilReader = readerHook(addresses, (a) => ({
  subgraph: (url, client): CouncilReader => createCouncilSubgraphReader(url, client, a),
  chain: (client): CouncilReader => createCouncilChainReader(client, a, councilStartBlock),
}));

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
