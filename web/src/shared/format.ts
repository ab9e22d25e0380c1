import { formatUnits, type Address } from "viem";

/**
 * A hash or long id cut to "0x12345678…" (a transaction, a solution, a role, a proposal). Not for accounts: they go
 * through the identity component (Who.tsx, names.ts), and the build's identity check flags an Address given here.
 */
export function shortHash(value: string): string {
  return value.length > 14 ? `${value.slice(0, 10)}…` : value;
}

/** A token amount with thousands separators and at most `maxDecimals` decimals (trailing zeros trimmed). */
export function formatAmount(value: bigint, decimals: number, maxDecimals = 4): string {
  const s = formatUnits(value, decimals);
  const [int, frac = ""] = s.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cut = frac.slice(0, maxDecimals).replace(/0+$/, "");
  if (cut === "" && value > 0n && int === "0") return `< 0.${"0".repeat(maxDecimals - 1)}1`;
  return cut ? `${grouped}.${cut}` : grouped;
}

export function formatInt(value: bigint | number): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? "" : "s"}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`;
  return `${Math.round(seconds / 60)} minutes`;
}

export function formatDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function sameAddress(a?: string, b?: string): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

export const isEth = (token: Address) => /^0x0{40}$/i.test(token);
