// Amounts in a circle's currency, to the last unit: a member's share of a gift is rounded up to the currency's smallest
// unit (GiftMath), so the books show every decimal the currency has (trailing zeros trimmed), not a rounded figure.
import { formatAmount } from "../shared/format";
import { unitOf, type Unit } from "../shared/units";

/** The circle's currency as a unit whose figures keep every decimal ("1,234.567891 dEUR", "−0.000001 dEUR"). */
export function exactUnit(info: { decimals: number; symbol: string }): Unit {
  const { decimals, symbol } = info;
  const num = (v: bigint) => formatAmount(v < 0n ? -v : v, decimals, decimals);
  return {
    ...unitOf(info),
    num: (v) => (v < 0n ? `−${num(v)}` : num(v)),
    fmt: (v) => `${v < 0n ? "−" : ""}${num(v)} ${symbol}`,
    signed: (v) => `${v > 0n ? "+" : v < 0n ? "−" : ""}${num(v)} ${symbol}`,
  };
}
