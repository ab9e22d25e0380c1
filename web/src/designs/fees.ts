// The dApp's mirror of the contract's fee arithmetic (FeeSplit.sol and DesignCommons' payPeriods rule): what a licence
// owes for units or periods, how a fee splits between the design's ancestors and its own project, and which periods a
// licence may still pay for, to the wei and the second, so a form shows what the contract will do; shares and amounts
// as text.
import type { TokenInfo } from "../shared/data/tokens";
import { formatAmount } from "../shared/format";
import type { Licence, Terms, Tier } from "./data/types";

/** Basis points in a whole (FeeSplit.BPS). */
export const BPS = 10_000n;
/** The most periods one payment names (the contract's `uint32 periods`). */
export const MAX_PERIODS = 2 ** 32 - 1;

/** A share in basis points as a percentage ("12.5 %"). */
export const bpsText = (bps: number | bigint) => `${Number(bps) / 100} %`;

/** Amounts in a fee's currency as text ("12.5 dEUR", up to 6 decimals). */
export const amountIn =
  ({ decimals, symbol }: Pick<TokenInfo, "decimals" | "symbol">) =>
  (value: bigint) =>
    `${formatAmount(value, decimals, 6)} ${symbol}`;

/** What `units` produced under a licence on these terms pay: `units × feePerUnit`, nothing under a commons licence. */
export function feeForUnits(terms: Pick<Terms, "feePerUnit">, units: bigint, tier: Tier = "commercial"): bigint {
  return tier === "commons" ? 0n : units * terms.feePerUnit;
}

/** What `periods` periods of use pay: `periods × feePerPeriod` (only a commercial licence pays periods). */
export function feeForPeriods(terms: Pick<Terms, "feePerPeriod">, periods: bigint | number): bigint {
  return BigInt(periods) * terms.feePerPeriod;
}

/** An ancestor's share of a fee: `fee × shareBps / 10000`, rounded down (FeeSplit.share). */
export const shareOf = (fee: bigint, shareBps: number) => (fee * BigInt(shareBps)) / BPS;

export interface AncestorShare {
  designId: bigint;
  projectId: bigint;
  shareBps: number;
}

export interface FeeSplit {
  /** Each ancestor's amount, in the order given (0 when its share rounds down to nothing: nothing is credited). */
  ancestors: (AncestorShare & { amount: bigint })[];
  /** The design's own project's part: the fee less the ancestors' amounts, every rounding remainder included. */
  project: bigint;
}

/** Where `fee` goes (DesignCommons._collectAndSplit): each ancestor's share rounded down, the rest to the project. */
export function splitFee(fee: bigint, ancestors: readonly AncestorShare[]): FeeSplit {
  const parts = ancestors.map((a) => ({ ...a, amount: shareOf(fee, a.shareBps) }));
  return { ancestors: parts, project: parts.reduce((rest, a) => rest - a.amount, fee) };
}

/** Where a payment of `periods` periods made at chain time `now` takes a licence's paid time (FeeSplit.extendPaid):
 * from the later of `paidUntil` and now (a lapse is not paid for afterwards). */
export function paidUntilAfter(paidUntil: number, now: number, periods: number, periodLength: number): number {
  return Math.max(paidUntil, now) + periods * periodLength;
}

/** When the last of `periods` periods paid at chain time `now` starts: the contract refuses it at or after the
 * licence's expiry (PeriodsBeyondExpiry). */
export const lastPeriodStart = (paidUntil: number, now: number, periods: number, periodLength: number) =>
  paidUntilAfter(paidUntil, now, periods, periodLength) - periodLength;

/**
 * The most periods the licence can pay at chain time `now`: every period paid must start before it expires (the
 * contract's PeriodsBeyondExpiry), so none once its paid time (or now) has reached the expiry. A payment is mined
 * after the form reads `now`; near the expiry, the block's later time may leave one period fewer.
 */
export function maxPeriods(
  licence: Pick<Licence, "paidUntil" | "expiresAt">,
  periodLength: number,
  now: number,
): number {
  const start = Math.max(licence.paidUntil, now);
  if (periodLength <= 0 || start >= licence.expiresAt) return 0;
  return Math.min(Math.ceil((licence.expiresAt - start) / periodLength), MAX_PERIODS);
}

/**
 * Whether the contract would refuse `periods` periods paid at chain time `now` with PeriodsBeyondExpiry: the last one
 * would start at or after the licence's expiry (the contract's own test, `paidUntil' - periodLength >= expiresAt`).
 */
export function periodsBeyondExpiry(
  licence: Pick<Licence, "paidUntil" | "expiresAt">,
  periodLength: number,
  periods: number,
  now: number,
): boolean {
  return lastPeriodStart(licence.paidUntil, now, periods, periodLength) >= licence.expiresAt;
}
