// Pure helpers over the credit views (no I/O): claims, lines, members and pay capacities, so the path finder and the
// clearing input can be reasoned about, and tested, on their own.
import { claimKey, type Claims, type CreditLine, type CreditMember } from "./data/types";

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
