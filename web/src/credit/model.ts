// Pure helpers over the credit views (no I/O): claims, lines, members, pay capacities and how an obligation's
// reference reads, so the path finder and the clearing input can be reasoned about, and tested, on their own.
import { shortHash } from "../shared/format";
import { bytes32ToText } from "../shared/units";
import { claimKey, type Claims, type CreditLine, type CreditMember, type CreditObligation } from "./data/types";

/** Balances and lines: enough to tell a claim, a line and a pay capacity. */
export interface LinesAndClaims {
  lines: readonly CreditLine[];
  claims: Claims;
}

/** `a`'s claim on `b`: positive when b owes a. */
export function claimOf(s: Pick<LinesAndClaims, "claims">, a: string, b: string): bigint {
  return s.claims.get(claimKey(a, b)) ?? 0n;
}

export function lineOf(s: Pick<LinesAndClaims, "lines">, giver: string, receiver: string): CreditLine | undefined {
  const g = giver.toLowerCase();
  const r = receiver.toLowerCase();
  return s.lines.find((l) => l.giver.toLowerCase() === g && l.receiver.toLowerCase() === r);
}

export function memberOf(
  s: { members: readonly CreditMember[] } | readonly CreditMember[],
  account: string | undefined,
): CreditMember | undefined {
  if (!account) return undefined;
  const a = account.toLowerCase();
  const list = "members" in s ? s.members : s;
  return list.find((m) => m.account.toLowerCase() === a);
}

/**
 * How much `from` can pay `to` directly right now, as the contract's `payCapacity`: its claim on `to` plus the
 * unused credit `to` gives it. With `settleOnly` (a suspended party) only the claim counts.
 */
export function capacityOf(s: LinesAndClaims, from: string, to: string, settleOnly = false): bigint {
  if (from.toLowerCase() === to.toLowerCase()) return 0n;
  const claim = claimOf(s, from, to);
  const room = settleOnly ? claim : claim + (lineOf(s, to, from)?.limit ?? 0n);
  return room > 0n ? room : 0n;
}

/** A reference as text (a bytes32 holding text), else its first bytes in hex. */
export function refText(ref: `0x${string}`): string {
  const t = bytes32ToText(ref);
  return t === undefined ? `${ref.slice(0, 10)}…` : t || "—";
}

/**
 * What an obligation's reference cell says: its reference, or for the bridge of a clearing split into parts (its ref
 * is the solution id) what the bridge is and whether its next part has set it off.
 */
export function obligationRefText(o: Pick<CreditObligation, "ref" | "bridge">): string {
  const b = o.bridge;
  if (!b) return refText(o.ref);
  const state =
    b.settledIn === undefined
      ? "set off by its next part"
      : `set off by the next part, in clearing epoch ${b.settledIn}`;
  return `Bridge of a clearing split into parts (part ${b.part}, solution ${shortHash(b.solutionId)}): ${state}`;
}
