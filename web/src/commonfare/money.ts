// Amounts in a circle's currency, to the last unit: a member's share of a gift is rounded up to the currency's smallest
// unit (GiftMath), so the books show every decimal the currency has (trailing zeros trimmed), not a rounded figure.
import { unitOf, type Unit } from "../shared/units";

/** The circle's currency as a unit whose figures keep every decimal ("1,234.567891 dEUR", "−0.000001 dEUR"). */
export function exactUnit(info: { decimals: number; symbol: string }): Unit {
  return unitOf(info, info.decimals);
}
