// The sponsorship module's read path: one interface (`SponsorshipReader` in ./types.ts, a method per screen need), the
// reader chosen once (the subgraph when this page load reads one, else the chain reader on the target chain's event
// reader from the paymaster's deployment block, one per client so its folded state lives on), and the hooks the
// screen uses. Queries refresh when a new block arrives (shared/data/live.tsx) and after the user's own transactions.
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import { eventReader } from "../../shared/data/events";
import { readerHook, readerPages, readerQuery } from "../../shared/data/reader";
import { paymasterAddress, paymasterStartBlock } from "../contracts";
import { createSponsorshipChainReader } from "./chain";
import { paymasterFold } from "./fold";
import { createSponsorshipSubgraphReader } from "./subgraph";
import type { SponsorshipReader } from "./types";

export * from "./types";

/** The paymaster's reader (undefined until the client is ready, or where the paymaster is not deployed). */
export const useSponsorshipReader = readerHook(paymasterAddress, (paymaster) => ({
  subgraph: (url): SponsorshipReader => createSponsorshipSubgraphReader(url, paymaster),
  chain: (client): SponsorshipReader =>
    createSponsorshipChainReader(
      eventReader(client, membersPaymasterAbi, [paymaster], paymasterStartBlock, paymasterFold),
    ),
}));

const useSponsorshipQuery = readerQuery("sponsorship", useSponsorshipReader);
const useSponsorshipPages = readerPages("sponsorship", useSponsorshipReader);

export const usePaymasterInfo = () => useSponsorshipQuery(["info"], (r) => r.info());

/** The periods `from`..`to` with spending, oldest first (none until both are known). */
export const usePeriodSpending = (from: number | undefined, to: number | undefined) =>
  useSponsorshipQuery(
    ["periods", from, to],
    (r) => r.periods(from!, to!),
    from !== undefined && to !== undefined,
    true,
  );

/** Members' spending in `period`, by address, a page at a time. */
export const useMemberSpendingPages = (period: number | undefined) =>
  useSponsorshipPages(["spending", period], (r, after) => r.spendingPage(period!, after), period !== undefined, true);

/** Sponsored operations, newest first, a page at a time. */
export const useRecentSponsorships = () => useSponsorshipPages(["sponsorships"], (r, after) => r.sponsorships(after));

/** Members with a budget of their own, by address, a page at a time. */
export const useOwnBudgetPages = () => useSponsorshipPages(["budgets"], (r, after) => r.budgetPage(after));

/** The allowed call targets, by address, a page at a time. */
export const useCallTargetPages = () => useSponsorshipPages(["targets"], (r, after) => r.targetPage(after));
