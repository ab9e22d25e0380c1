// BigInt arithmetic the mappings share: minimum, absolute value, the positive part, UTC days, and a rounded-up mulDiv.
import { BigInt } from "@graphprotocol/graph-ts";

export const SECONDS_PER_DAY: i32 = 86400;

export function minBig(a: BigInt, b: BigInt): BigInt {
  return a.lt(b) ? a : b;
}

/** max(x, 0). */
export function positivePart(x: BigInt): BigInt {
  return x.gt(BigInt.zero()) ? x : BigInt.zero();
}

export function absBig(x: BigInt): BigInt {
  return x.lt(BigInt.zero()) ? x.neg() : x;
}

/** a - b, at least 0. */
export function minusFloor0(a: BigInt, b: BigInt): BigInt {
  return a.gt(b) ? a.minus(b) : BigInt.zero();
}

/** The UTC day (days since 1970-01-01) of a block timestamp. */
export function dayOf(timestamp: BigInt): i32 {
  return timestamp.div(BigInt.fromI32(SECONDS_PER_DAY)).toI32();
}

/** ceil(a × b / c) for a, b >= 0 and c > 0, exactly (Math.mulDiv with Math.Rounding.Ceil). */
export function mulDivCeil(a: BigInt, b: BigInt, c: BigInt): BigInt {
  const product = a.times(b);
  const q = product.div(c);
  return q.times(c).equals(product) ? q : q.plus(BigInt.fromI32(1));
}
