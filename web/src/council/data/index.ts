// The council's read path behind one interface: the subgraph reader when VITE_SUBGRAPH_URL is set, otherwise the
// chain reader (one per client, kept: its folded events live across refreshes); the hooks the screens use, which
// refresh per new block (shared/data/live.tsx) and after the user's own transactions.
import type { Address } from "viem";
import { readerHook, readerQuery } from "../../shared/data/reader";
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
const useCouncilQuery = readerQuery("council", useCouncilReader);

/** Settings, seats and the open proposals. */
export function useCouncil() {
  return useCouncilQuery(["overview"], (r) => r.overview());
}

/** Page `page` of the proposals (0 = the newest), with `me`'s votes at each snapshot. */
export function useProposalPage(page: number, me?: Address) {
  return useCouncilQuery(["proposals", page, me ?? null], (r) => r.proposals(page, PROPOSALS_PER_PAGE, me));
}
