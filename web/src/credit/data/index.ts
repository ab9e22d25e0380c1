// The credit module's read path: one interface (`CreditReader` in ./types.ts, a method per screen need), the reader
// chosen once (the subgraph when VITE_SUBGRAPH_URL is set, else the chain reader on the target chain's event reader,
// one per client so its folded state lives on), and the hooks
// the screens use. Queries refresh when a new block arrives (shared/data/live.tsx) and after the user's own
// transactions, never on a timer.
import type { Address } from "viem";
import { readerHook, readerPages, readerQuery } from "../../shared/data/reader";
import { creditAddress, creditStartBlock } from "../contracts";
import { createCreditChainReader } from "./chain";
import { createCreditSubgraphReader } from "./subgraph";
import { creditNetworkAbi } from "@cosmolocal/sdk";
import { eventReader } from "../../shared/data/events";
import { creditFold } from "./fold";
import type { CreditReader, PaymentsQuery } from "./types";

export * from "./types";

/** The data source, chosen once: the subgraph when VITE_SUBGRAPH_URL is set, otherwise the chain itself. */
export const useCreditReader = readerHook(creditAddress, (network) => ({
  subgraph: (url): CreditReader => createCreditSubgraphReader(url, network),
  chain: (client): CreditReader =>
    createCreditChainReader(
      client,
      network,
      eventReader(client, creditNetworkAbi, [network], creditStartBlock, creditFold),
    ),
}));

const useCreditQuery = readerQuery("credit", useCreditReader);
const useCreditPages = readerPages("credit", useCreditReader);

export const useCreditInfo = () => useCreditQuery(["info"], (r) => r.info());

export const useMyCredit = (account: Address | undefined) =>
  useCreditQuery(["mine", account?.toLowerCase()], (r) => r.mine(account!), !!account);

export const useCreditMembers = () => useCreditQuery(["members"], (r) => r.members());

/** The Members tab's list, by address, a page at a time. */
export const useCreditMemberPages = () => useCreditPages(["memberPage"], (r, after) => r.memberPage(after));

export const useCreditGraph = (on = true) => useCreditQuery(["graph"], (r) => r.graph(), on);

export const useClearingSet = () => useCreditQuery(["clearing"], (r) => r.clearing());

export const useClearingEpochs = (first: number) => useCreditQuery(["epochs", first], (r) => r.epochs(first));

export const usePayments = (query: PaymentsQuery) =>
  useCreditQuery(["payments", query.account?.toLowerCase(), query.before?.toString(), query.first], (r) =>
    r.payments(query),
  );
