// The impact module's read interface: one reader (the subgraph's where VITE_SUBGRAPH_URL is set, else the chain's,
// one per client), a method per screen need, and the hooks the screens use (refreshed per new block by LiveBlocks).
import { erc20Abi, type Address } from "viem";
import { useBalance, useReadContract } from "wagmi";
import { targetChain } from "../../shared/config";
import { readerHook, readerQuery } from "../../shared/data/reader";
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
  Holdings,
  ImpactBase,
  Market,
  Round,
  VerifierDesk,
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
  /** A claimant's claims with their listings, newest first. */
  claimsOf(claimant: Address): Promise<ClaimListed[]>;
  /** Claims listed with units left (not rejected). */
  market(): Promise<Market>;
  /** Every round, newest first, with its latest points. */
  rounds(): Promise<Round[]>;
  /** Rounds that can still match at `time` (before their end, with funds left); no points. */
  openRounds(time: number): Promise<Round[]>;
  verifierDesk(me: Address): Promise<VerifierDesk>;
  holdings(me: Address): Promise<Holdings>;
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

export const useImpactBase = () => useImpactQuery(["base"], (r) => r.base());

export const useImpactClaims = (filter: ClaimFilter, limit: number) =>
  useImpactQuery(["claims", filter.status, filter.methodologyId, filter.place, filter.claimant, limit], (r) =>
    r.claims(filter, limit),
  );

export const useImpactClaim = (id: bigint | undefined) =>
  useImpactQuery(["claim", id?.toString()], (r) => r.claim(id!), id !== undefined);

export const useClaimsOf = (claimant: Address | undefined) =>
  useImpactQuery(["claimsOf", claimant], (r) => r.claimsOf(claimant!), !!claimant);

export const useImpactMarket = () => useImpactQuery(["market"], (r) => r.market());

export const useImpactRounds = () => useImpactQuery(["rounds"], (r) => r.rounds());

export const useOpenRounds = (time: number | undefined) =>
  useImpactQuery(["openRounds", time], (r) => r.openRounds(time!), time !== undefined, true);

export const useVerifierDesk = (me: Address | undefined, enabled = true) =>
  useImpactQuery(["verifierDesk", me], (r) => r.verifierDesk(me!), !!me && enabled);

export const useHoldings = (me: Address | undefined) => useImpactQuery(["holdings", me], (r) => r.holdings(me!), !!me);

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
