// The impact module's read interface: one reader (the subgraph's where VITE_SUBGRAPH_URL is set, else the chain's,
// one per client), a method per screen need, and the hooks the screens use (refreshed per new block by LiveBlocks).
import { erc20Abi, type Address } from "viem";
import { useBalance, useReadContract } from "wagmi";
import { targetChain } from "../../shared/config";
import type { Page } from "../../shared/data/pages";
import { readerHook, readerPages, readerQuery } from "../../shared/data/reader";
import type { TokenInfo } from "../../shared/data/tokens";
import { isEth } from "../../shared/format";
import { certificatesAddress, impactMarketAddress, impactRegistryAddress, impactStartBlock } from "../contracts";
import { createImpactChainReader } from "./chain";
import { createImpactSubgraphReader } from "./subgraph";
import type {
  CertificatePage,
  ClaimDetail,
  ClaimFilter,
  ClaimListed,
  ClaimPage,
  Certificate,
  Holding,
  ImpactBase,
  MarketFilter,
  Round,
  MyVote,
  QueueClaim,
  RoundFilter,
} from "./types";

export * from "./types";
export * from "./format";

export interface ImpactReader {
  readonly source: "chain" | "subgraph";
  /** The clock, methodologies, verifiers and currencies every screen uses. */
  base(): Promise<ImpactBase>;
  /** The newest `limit` claims passing `filter`, and the totals. */
  claims(filter: ClaimFilter, limit: number): Promise<ClaimPage>;
  /** One claim's page; null when no claim has this id. */
  claim(id: bigint): Promise<ClaimDetail | null>;
  /** A claimant's claims with their listings, newest first, a page at a time (after the claim id `after`). */
  claimsOf(claimant: Address, after?: string): Promise<Page<ClaimListed>>;
  /**
   * Listings with units left (not rejected) that `filter` picks, a page at a time (after the cursor `after`); for
   * sale, only those a buyer can get units of now.
   */
  market(filter: MarketFilter, after?: string): Promise<Page<ClaimListed>>;
  /** The rounds `filter` picks, newest first with their latest points, a page at a time (after the round id `after`). */
  rounds(filter: RoundFilter, after?: string): Promise<Page<Round>>;
  /** Rounds that can still match at `time` (before their end, with funds left); no points. */
  openRounds(time: number): Promise<Round[]>;
  /**
   * The verifier's queue: submitted claims `me` may vote on and has not (not its own, none before its slot), newest
   * first, a page at a time (after the claim id `after`).
   */
  verifierQueue(me: Address, after?: string): Promise<Page<QueueClaim>>;
  /** The votes `me` cast, newest claim first, a page at a time (after the claim id `after`). */
  myVotes(me: Address, after?: string): Promise<Page<MyVote>>;
  /** The units `me` holds, newest claim first, a page at a time (after the claim id `after`). */
  holdings(me: Address, after?: string): Promise<Page<Holding>>;
  /** The certificates `me` owns, newest first, a page at a time (after the certificate id `after`). */
  certificates(me: Address, after?: string): Promise<Page<Certificate>>;
  /** One certificate's page; null for an id never issued. */
  certificate(id: bigint): Promise<CertificatePage | null>;
}

export const impactDeployed = !!impactRegistryAddress && !!impactMarketAddress && !!certificatesAddress;

/** The module's reader: the subgraph's when configured, else the chain reader kept per client (its fold lives on). */
export const useImpactReader = readerHook(
  impactDeployed
    ? { registry: impactRegistryAddress!, market: impactMarketAddress!, certificates: certificatesAddress! }
    : undefined,
  (addresses) => ({
    subgraph: (url, client): ImpactReader => createImpactSubgraphReader(url, client),
    chain: (client): ImpactReader => createImpactChainReader(client, addresses, impactStartBlock),
  }),
);

/** A read of the reader; `keep`: while a new key loads (a new filter, a new block's time), the last answer stays. */
const useImpactQuery = readerQuery("impact", useImpactReader);
/** A list of the reader read a page at a time. */
const useImpactPages = readerPages("impact", useImpactReader);

export const useImpactBase = () => useImpactQuery(["base"], (r) => r.base());

export const useImpactClaims = (filter: ClaimFilter, limit: number) =>
  useImpactQuery(["claims", filter.status, filter.methodologyId, filter.place, filter.claimant, limit], (r) =>
    r.claims(filter, limit),
  );

export const useImpactClaim = (id: bigint | undefined) =>
  useImpactQuery(["claim", id?.toString()], (r) => r.claim(id!), id !== undefined);

export const useClaimsOf = (claimant: Address | undefined) =>
  useImpactPages(["claimsOf", claimant], (r, after) => r.claimsOf(claimant!, after), !!claimant);

/** A market list; a new filter keeps the last list shown while it loads. */
export const useImpactMarket = (filter: MarketFilter) =>
  useImpactPages(
    ["market", filter.upcoming, filter.methodologyId, filter.place, filter.currency],
    (r, after) => r.market(filter, after),
    true,
    true,
  );

export const useImpactRounds = (filter: RoundFilter, enabled = true) =>
  useImpactPages(["rounds", filter.owner, filter.notOwner], (r, after) => r.rounds(filter, after), enabled);

export const useOpenRounds = (time: number | undefined) =>
  useImpactQuery(["openRounds", time], (r) => r.openRounds(time!), time !== undefined, true);

export const useVerifierQueue = (me: Address | undefined, enabled = true) =>
  useImpactPages(["verifierQueue", me], (r, after) => r.verifierQueue(me!, after), !!me && enabled);

export const useMyVotes = (me: Address | undefined, enabled = true) =>
  useImpactPages(["myVotes", me], (r, after) => r.myVotes(me!, after), !!me && enabled);

export const useHoldings = (me: Address | undefined) =>
  useImpactPages(["holdings", me], (r, after) => r.holdings(me!, after), !!me);

export const useCertificates = (me: Address | undefined) =>
  useImpactPages(["certificates", me], (r, after) => r.certificates(me!, after), !!me);

export const useCertificate = (id: bigint | undefined) =>
  useImpactQuery(["certificate", id?.toString()], (r) => r.certificate(id!), id !== undefined);

/** `me`'s balance in `token` (ETH or an ERC-20). */
export function useCurrencyBalance(token: TokenInfo | undefined, me?: Address): bigint | undefined {
  const erc20 = !!token && !isEth(token.address);
  const eth = useBalance({
    address: me,
    chainId: targetChain.id,
    query: { enabled: !!me && !erc20 },
  });
  const tok = useReadContract({
    address: erc20 ? token!.address : undefined,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: me ? [me] : undefined,
    chainId: targetChain.id,
    query: { enabled: erc20 && !!me },
  });
  return erc20 ? tok.data : eth.data?.value;
}

/** The allowance `me` gave the market in `token` (ERC-20 only). */
export function useAllowance(token: TokenInfo | undefined, me?: Address) {
  return useReadContract({
    address: !!token && !isEth(token.address) ? token.address : undefined,
    abi: erc20Abi,
    functionName: "allowance",
    args: me ? [me, impactMarketAddress!] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!token && !isEth(token.address) && !!me },
  });
}
