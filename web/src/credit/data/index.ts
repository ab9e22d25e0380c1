// The credit module's read path: one interface (a method per screen need), the reader chosen once (the subgraph
// when VITE_SUBGRAPH_URL is set, else the chain reader, one per client so its folded state lives on), and the hooks
// the screens use. Queries refresh when a new block arrives (shared/data/live.tsx) and after the user's own
// transactions, never on a timer.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Address, PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { subgraphUrl, targetChain } from "../../shared/config";
import { creditAddress, creditStartBlock } from "../contracts";
import { createCreditChainReader } from "./chain";
import { createCreditSubgraphReader } from "./subgraph";
import type {
  ClearingEpoch,
  ClearingSet,
  CreditGraph,
  CreditInfo,
  CreditMember,
  MyCredit,
  PaymentsPage,
  PaymentsQuery,
} from "./types";

export * from "./types";

export interface CreditReader {
  readonly source: "chain" | "subgraph";
  /** The network's constants and headline figures (page header, My credit's summary, Members' stewards). */
  info(): Promise<CreditInfo>;
  /** One member's standing, lines, balances and obligations (header, My credit, Obligations, Clearing's consent). */
  mine(account: Address): Promise<MyCredit>;
  /** Every admitted member (Members, the member pickers). */
  members(): Promise<CreditMember[]>;
  /** Members, accepted lines and non-zero balances: the path finder's input (Pay, paying an obligation). */
  graph(): Promise<CreditGraph>;
  /** Open obligations between consenting members and the lines offered as liquidity (Clearing's solver). */
  clearing(): Promise<ClearingSet>;
  /** The newest `first` clearing epochs, newest first (Clearing). */
  epochs(first: number): Promise<ClearingEpoch[]>;
  /** A page of payments, newest first (Pay). */
  payments(query: PaymentsQuery): Promise<PaymentsPage>;
}

const chainReaders = new WeakMap<PublicClient, CreditReader>();

/** The data source, chosen once: the subgraph when VITE_SUBGRAPH_URL is set, otherwise the chain itself. */
export function useCreditReader(): CreditReader | undefined {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  return useMemo(() => {
    if (!creditAddress) return undefined;
    if (subgraphUrl) return createCreditSubgraphReader(subgraphUrl, creditAddress);
    if (!client) return undefined;
    let reader = chainReaders.get(client);
    if (!reader) chainReaders.set(client, (reader = createCreditChainReader(client, creditAddress, creditStartBlock)));
    return reader;
  }, [client]);
}

function useCreditQuery<T>(name: string, args: readonly unknown[], run: (r: CreditReader) => Promise<T>, on = true) {
  const reader = useCreditReader();
  return useQuery({
    queryKey: ["credit", reader?.source, name, ...args],
    queryFn: () => run(reader!),
    enabled: !!reader && on,
  });
}

export const useCreditInfo = () => useCreditQuery("info", [], (r) => r.info());

export const useMyCredit = (account: Address | undefined) =>
  useCreditQuery("mine", [account?.toLowerCase()], (r) => r.mine(account!), !!account);

export const useCreditMembers = () => useCreditQuery("members", [], (r) => r.members());

export const useCreditGraph = (on = true) => useCreditQuery("graph", [], (r) => r.graph(), on);

export const useClearingSet = () => useCreditQuery("clearing", [], (r) => r.clearing());

export const useClearingEpochs = (first: number) => useCreditQuery("epochs", [first], (r) => r.epochs(first));

export const usePayments = (query: PaymentsQuery) =>
  useCreditQuery("payments", [query.account?.toLowerCase(), query.before?.toString(), query.first], (r) =>
    r.payments(query),
  );
