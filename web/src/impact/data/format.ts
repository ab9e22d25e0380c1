// The impact module's pure helpers: units (kg shown as tonnes), money and prices, days and periods, jurisdiction
// codes, round masks and the rules a screen applies to a claim (retirable units, whether a round covers a claim).
import { contractConstants } from "@cosmolocal/sdk";
import { hexToString, stringToHex, type Address, type Hex } from "viem";
import type { TokenInfo } from "../../shared/data/tokens";
import { sameAddress } from "../../shared/format";
import type { ClaimCore, ClaimListed, HistoryItem, ImpactBase, MarketFilter, Round } from "./types";

export const DAY = 86_400;
export const { VERIFIER_ROLE } = contractConstants.ImpactRegistry.constants;
export const ETH_CURRENCY = "0x0000000000000000000000000000000000000000" as Address;

// ------------------------------------------------------------------------------------------------ units and codes

/** Impact units are kg CO2e: "116 t", "17.005 t". */
export function fmtT(kg: bigint): string {
  const neg = kg < 0n;
  const v = neg ? -kg : kg;
  const whole = (v / 1000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (v % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
  return `${neg ? "−" : ""}${whole}${frac ? `.${frac}` : ""} t`;
}

/** Tonnes typed by a person (up to 3 decimals = whole kg) as kg, or a plain-language error. */
export function parseTonnes(text: string): { value: bigint } | { error: string } {
  const t = text.trim().replace(/,/g, "");
  if (!t) return { error: "Enter an amount in tonnes." };
  if (!/^\d+(\.\d{1,3})?$/.test(t)) return { error: "Enter tonnes as a number with at most 3 decimals (1 kg)." };
  const [w, f = ""] = t.split(".");
  const value = BigInt(w) * 1000n + BigInt(f.padEnd(3, "0"));
  if (value === 0n) return { error: "The amount must be greater than zero." };
  return { value };
}

/** A bytes8 ISO 3166 code ("NL-ZH") as text. */
export function jurisdictionText(code: Hex): string {
  try {
    return hexToString(code).replace(/\0+$/, "");
  } catch {
    return code;
  }
}

/** "NL", "BE-VOV", "US-CA": an ISO 3166-1 alpha-2 code, optionally with a subdivision, at most 8 bytes. */
export function parseJurisdiction(text: string): { value: Hex } | { error: string } {
  const t = text.trim().toUpperCase();
  if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(t))
    return { error: "Enter an ISO 3166 code: a country (NL) or a subdivision (NL-ZH, BE-VOV)." };
  return { value: stringToHex(t, { size: 8 }) };
}

/** A day number (days since 1970-01-01 UTC) as "2025-03-01". */
export function dayToIso(day: number): string {
  return new Date(day * DAY * 1000).toISOString().slice(0, 10);
}

/** "2025-03-01" (an <input type="date"> value) as a day number, or undefined. */
export function isoToDay(iso: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 1000 / DAY) : undefined;
}

/** A day number as a date in the reader's words: "1 Mar 2025" (the UTC day the contract counts). */
export function dayText(day: number): string {
  return new Date(day * DAY * 1000).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });
}

/** "1 Mar 2025 – 30 Nov 2025" */
export function periodText(startDay: number, endDay: number): string {
  return startDay === endDay ? dayText(startDay) : `${dayText(startDay)} – ${dayText(endDay)}`;
}

/**
 * A claim's period from its first and last day as typed in `<input type="date">`s ("2025-03-01"), as the contract's
 * day numbers, or why it cannot be claimed on chain day `today`, in dates.
 */
export function parsePeriod(
  startIso: string,
  endIso: string,
  today: number,
): { startDay: number; endDay: number } | { error: string } {
  const startDay = isoToDay(startIso);
  const endDay = isoToDay(endIso);
  if (startDay === undefined || endDay === undefined) return { error: "Enter the period's first and last day." };
  if (startDay < 0) return { error: `The period cannot start before ${dayText(0)}.` };
  if (startDay > endDay)
    return {
      error: `The period's first day (${dayText(startDay)}) must be on or before its last day (${dayText(endDay)}).`,
    };
  if (endDay > today)
    return {
      error: `The period must end by today on chain (${dayText(today)}), not ${dayText(endDay)}: claim reductions already made.`,
    };
  return { startDay, endDay };
}

/** The methodology ids set in a round's mask. */
export function maskIds(mask: bigint): number[] {
  const ids: number[] = [];
  for (let i = 1; i < 256; i++) if ((mask >> BigInt(i)) & 1n) ids.push(i);
  return ids;
}

/** A currency amount: "0.03 ETH", "25 dEUR". */
export function fmtMoney(value: bigint, token: TokenInfo, maxDecimals = 6): string {
  const neg = value < 0n;
  const v = neg ? -value : value;
  const base = 10n ** BigInt(token.decimals);
  const whole = (v / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (v % base).toString().padStart(token.decimals, "0").slice(0, maxDecimals).replace(/0+$/, "");
  const text = frac ? `${whole}.${frac}` : whole;
  return `${neg ? "−" : ""}${text === "0" && v > 0n ? `< 0.${"0".repeat(maxDecimals - 1)}1` : text} ${token.symbol}`;
}

/** A price per kg shown per tonne: "0.03 ETH/t". */
export function fmtPricePerTonne(pricePerUnit: bigint, token: TokenInfo): string {
  return `${fmtMoney(pricePerUnit * 1000n, token)}/t`;
}

/** A currency amount typed by a person, or a plain-language error. */
export function parseMoney(text: string, token: TokenInfo): { value: bigint } | { error: string } {
  const t = text.trim().replace(/,/g, "");
  if (!t) return { error: `Enter an amount in ${token.symbol}.` };
  const re = token.decimals > 0 ? new RegExp(`^\\d+(\\.\\d{1,${token.decimals}})?$`) : /^\d+$/;
  if (!re.test(t)) return { error: `Enter ${token.symbol} as a number with at most ${token.decimals} decimals.` };
  const [w, f = ""] = t.split(".");
  return { value: BigInt(w) * 10n ** BigInt(token.decimals) + BigInt(f.padEnd(token.decimals, "0") || "0") };
}

/** A price per tonne typed by a person as the contract's price per kg (it must divide into whole base units). */
export function parsePricePerTonne(text: string, token: TokenInfo): { value: bigint } | { error: string } {
  const m = parseMoney(text, token);
  if ("error" in m) return m;
  if (m.value === 0n) return { error: "The price must be greater than zero." };
  if (m.value % 1000n !== 0n)
    return {
      error: `The price is per kg on chain: a price per tonne needs at most ${Math.max(0, token.decimals - 3)} decimals of ${token.symbol}.`,
    };
  return { value: m.value / 1000n };
}

// ------------------------------------------------------------------------------------------------ rules on views

export function methodologyName(base: Pick<ImpactBase, "methodologies">, id: number): string {
  return base.methodologies.find((m) => m.id === id)?.name ?? `methodology ${id}`;
}

export function isVerifier(base: Pick<ImpactBase, "verifiers">, account?: string): boolean {
  return !!account && base.verifiers.some((v) => v.accredited && sameAddress(v.account, account));
}

/** Units `account` may retire or transfer of a claim it holds `balance` of (the claimant's frozen units excluded). */
export function retirable(c: Pick<ClaimCore, "claimant" | "frozenUnits">, balance: bigint, account?: string): bigint {
  if (!sameAddress(c.claimant, account)) return balance;
  return balance > c.frozenUnits ? balance - c.frozenUnits : 0n;
}

const min = (...xs: bigint[]) => xs.reduce((a, b) => (a < b ? a : b));

/** What a buyer can get of a listing now: its units left, cut to the claimant's sellable units and the market's
 * limit (verified - revoked - sold, 0 before verification). */
export function availableUnits(
  c: Pick<ClaimCore, "status" | "verifiedUnits" | "revokedUnits">,
  remaining: bigint,
  unitsSold: bigint,
  sellable: bigint,
): bigint {
  const verified = c.status === 2 || c.status === 4;
  const left = c.verifiedUnits - c.revokedUnits - unitsSold;
  return min(remaining, sellable, verified && left > 0n ? left : 0n);
}

/**
 * The market list's parts in order: for sale, claims without a revocation, then those with one; waiting for
 * verification, one part. Each part newest first; a page's cursor is "<part>:<claim id>".
 */
export type MarketPart = "sound" | "revoked" | "upcoming";
export const marketParts = (upcoming?: boolean): MarketPart[] => (upcoming ? ["upcoming"] : ["sound", "revoked"]);
export const marketPart = (c: Pick<ClaimCore, "revokedUnits">, upcoming?: boolean): MarketPart =>
  upcoming ? "upcoming" : c.revokedUnits > 0n ? "revoked" : "sound";
export const marketCursor = (part: MarketPart, id: bigint | string) => `${part}:${id}`;
export function parseMarketCursor(
  after: string | undefined,
  upcoming?: boolean,
): { part: MarketPart; before?: string } {
  if (!after) return { part: marketParts(upcoming)[0] };
  const [part, before] = after.split(":");
  return { part: part as MarketPart, before };
}

/** For sale, only the listings a buyer can get units of now; waiting for verification, all. */
export const buyable = (items: ClaimListed[], filter: MarketFilter) =>
  filter.upcoming ? items : items.filter((c) => c.listing!.available > 0n);

export function roundOpen(r: Pick<Round, "endTime" | "remaining">, time: number): boolean {
  return time < r.endTime && r.remaining > 0n;
}

/** Whether round `r` would match a purchase of claim `c` now, and if not, why (in words). */
export function roundCovers(r: Round, c: ClaimListed, time: number): { ok: true } | { ok: false; why: string } {
  const l = c.listing;
  const choice = r.eligibility.get(c.id.toString()) ?? 0;
  if (!roundOpen(r, time)) return { ok: false, why: "it has ended or has no funds left" };
  if (!l) return { ok: false, why: "the claim is not listed" };
  if (!r.methodologies.includes(c.methodologyId)) return { ok: false, why: "it does not fund this methodology" };
  if (!sameAddress(r.currency, l.currency)) return { ok: false, why: "it pays in another currency" };
  if (l.pricePerUnit > r.maxPricePerUnit) return { ok: false, why: "the listing's price is above its limit" };
  if (choice === 2) return { ok: false, why: "its owner excluded this claim" };
  if (r.allowListOnly && choice !== 1) return { ok: false, why: "it funds only claims its owner chose" };
  if (c.revokedUnits > 0n && !r.acceptsRevokedClaims)
    return { ok: false, why: "it does not fund claims with a revocation" };
  return { ok: true };
}

/** A line of a claim's history in words; `token` names a listing's currency. */
export function historyText(h: HistoryItem, token: (currency: Address) => TokenInfo): string {
  switch (h.kind) {
    case "submitted":
      return `Submitted: ${fmtT(h.units)} claimed`;
    case "attested":
      return `Attested ${fmtT(h.units)}${h.bySignature ? " (signed off-chain, submitted by another account)" : ""} — approval ${h.approvals}`;
    case "rejection":
      return `Rejection ${h.rejections} recorded`;
    case "verified":
      return `Verified: ${fmtT(h.units)} minted to the claimant`;
    case "rejected":
      return "Rejected";
    case "revocationVote":
      return `Voted to revoke ${fmtT(h.units)} (${h.votes} of ${h.threshold})${h.reason ? `: “${h.reason}”` : ""}`;
    case "refrozen":
      return `Units came back to the claimant: ${fmtT(h.frozen)} of them frozen`;
    case "revoked":
      return `Revoked ${fmtT(h.units)} (${fmtT(h.totalRevoked)} in all; ${fmtT(h.frozen)} of the claimant's units frozen)`;
    case "retired":
      return `Retired ${fmtT(h.units)} for ${h.beneficiary} (certificate #${h.certificateId})`;
    case "listed":
      return `Listed ${fmtT(h.units)} at ${fmtPricePerTonne(h.pricePerUnit, token(h.currency))}`;
    case "delisted":
      return "Taken off sale";
    case "bought":
      return `Bought ${fmtT(h.units)}${h.matchedUnits > 0n ? `, ${fmtT(h.matchedUnits)} more matched by round ${h.roundId}` : ""}`;
    case "withdrawn":
      return "Proceeds withdrawn";
  }
}

/** Chain order: block, then index in the block. */
export function byChainOrder(a: { block: bigint; logIndex: number }, b: { block: bigint; logIndex: number }): number {
  return a.block === b.block ? a.logIndex - b.logIndex : a.block < b.block ? -1 : 1;
}

/** Accounts in a stable order (lower-case hex), the same from every reader. */
export function byAccount(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A jurisdiction filter as typed: two letters are a country (its subdivisions included), else a full code. */
export function placeFilter(place?: string): { country: string } | { code: string } | undefined {
  const p = place?.trim().toUpperCase();
  if (!p) return undefined;
  return p.length === 2 ? { country: p } : { code: p };
}

/** Whether a claim's code passes the filter: a country ("NL") matches its subdivisions; a code ("NL-ZH") itself. */
export function placeMatches(code: string, place?: string): boolean {
  const f = placeFilter(place);
  if (!f) return true;
  return "country" in f ? code === f.country || code.startsWith(`${f.country}-`) : code === f.code;
}
