// Small pieces the designs screens share: a currency's symbol and decimals (ETH, or the ERC-20's, read once), amounts
// in it, a design's name and link, a licence's tier badge and the terms in words.
import { useQuery } from "@tanstack/react-query";
import type { PublicClient } from "viem";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { targetChain } from "../shared/config";
import { tokenInfo, type TokenInfo } from "../shared/data/tokens";
import { formatAmount, formatDuration, isEth } from "../shared/format";
import { href } from "../shared/router";
import type { DesignSummary, Terms, Tier } from "./data";

/** A currency's symbol and decimals (ETH at once; an ERC-20's read once per token). */
export function useCurrency(address: Address | undefined): TokenInfo | undefined {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  const eth = !!address && isEth(address);
  const q = useQuery({
    queryKey: ["token", address?.toLowerCase()],
    queryFn: () => tokenInfo(client!, address!),
    enabled: !!client && !!address && !eth,
    staleTime: Infinity,
  });
  if (!address) return undefined;
  return eth ? { address, symbol: "ETH", decimals: 18 } : q.data;
}

/** An amount in its currency ("12.5 dEUR"), up to 6 decimals; "…" while the currency loads. */
export function Money({ amount, currency, testId }: { amount: bigint; currency: Address; testId?: string }) {
  const token = useCurrency(currency);
  return <span data-testid={testId}>{token ? `${formatAmount(amount, token.decimals, 6)} ${token.symbol}` : "…"}</span>;
}

/** A design's name for people: its metadata's name, else "Design #id". */
export const designName = (d: Pick<DesignSummary, "id" | "name">) => d.name || `Design #${d.id}`;

export function DesignLink({ design }: { design: Pick<DesignSummary, "id" | "name"> }) {
  return (
    <a href={href("designs", "d", design.id)} data-testid={`design-link-${design.id}`}>
      {designName(design)}
    </a>
  );
}

export function TierBadge({ tier }: { tier: Tier }) {
  return tier === "commons" ? (
    <span className="badge badge-accepted">commons · free</span>
  ) : (
    <span className="badge badge-settled">commercial</span>
  );
}

/** A share in basis points as a percentage ("12.5 %"). */
export const pct = (bps: number) => `${bps / 100} %`;

/** The terms' fees in words, given the currency's info: "0.5 dEUR per unit · 10 dEUR per 30 days". */
export function feesInWords(t: Terms, token: TokenInfo | undefined): string {
  const amount = (v: bigint) => (token ? `${formatAmount(v, token.decimals, 6)} ${token.symbol}` : "…");
  const parts = [
    ...(t.feePerUnit > 0n ? [`${amount(t.feePerUnit)} per unit made`] : []),
    ...(t.feePerPeriod > 0n ? [`${amount(t.feePerPeriod)} per ${formatDuration(t.periodLength)} of use`] : []),
  ];
  return parts.length ? parts.join(" · ") : "no fee";
}
