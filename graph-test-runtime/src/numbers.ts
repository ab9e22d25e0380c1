// graph-node's number semantics, in JS: BigInt as little-endian two's-complement bytes, and BigDecimal as
// `digits * 10^exp` kept to 34 significant digits with trailing zeros removed.

/** Decodes graph-ts `BigInt` bytes (signed, little-endian). Empty means zero. */
export function bigIntFromSignedLE(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  if (bytes.length > 0 && bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(8 * bytes.length);
  return value;
}

/** Encodes a bigint as graph-node does (`to_signed_bytes_le`: minimal two's complement, [0] for zero). */
export function bigIntToSignedLE(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(BigInt.asUintN(8, v));
    out.push(byte);
    v >>= 8n; // arithmetic shift
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

export function bigIntFromUnsignedLE(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

// ------------------------------------------------------------------------------------------- decimals

export interface Decimal {
  digits: bigint;
  exp: bigint;
}

export const DECIMAL_PRECISION = 34;

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function digitCount(x: bigint): number {
  return abs(x).toString().length;
}

/** Divides by 10^n rounding half to even. */
function roundDiv10(x: bigint, n: number): bigint {
  const d = 10n ** BigInt(n);
  const q = x / d;
  const r = abs(x % d);
  const twice = 2n * r;
  if (twice > d || (twice === d && q % 2n !== 0n)) return x < 0n ? q - 1n : q + 1n;
  return q;
}

export function normalizeDecimal(x: Decimal): Decimal {
  let { digits, exp } = x;
  if (digits === 0n) return { digits: 0n, exp: 0n };
  let n = digitCount(digits);
  while (n > DECIMAL_PRECISION) {
    digits = roundDiv10(digits, n - DECIMAL_PRECISION);
    exp += BigInt(n - DECIMAL_PRECISION);
    n = digitCount(digits);
  }
  while (digits % 10n === 0n) {
    digits /= 10n;
    exp += 1n;
  }
  return { digits, exp };
}

export function decimalFromString(s: string): Decimal {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new Error(`BigDecimal: invalid number "${s}"`);
  const frac = m[3] ?? "";
  let digits = BigInt((m[2] || "0") + frac);
  if (m[1] === "-") digits = -digits;
  const exp = BigInt(m[4] ?? "0") - BigInt(frac.length);
  return normalizeDecimal({ digits, exp });
}

export function decimalToString(x: Decimal): string {
  const { digits, exp } = normalizeDecimal(x);
  const sign = digits < 0n ? "-" : "";
  const s = abs(digits).toString();
  if (exp >= 0n) return sign + s + "0".repeat(Number(exp));
  const point = s.length + Number(exp);
  if (point > 0) return sign + s.slice(0, point) + "." + s.slice(point);
  return sign + "0." + "0".repeat(-point) + s;
}

function align(x: Decimal, y: Decimal): [bigint, bigint, bigint] {
  const exp = x.exp < y.exp ? x.exp : y.exp;
  return [x.digits * 10n ** (x.exp - exp), y.digits * 10n ** (y.exp - exp), exp];
}

export function decimalPlus(x: Decimal, y: Decimal): Decimal {
  const [a, b, exp] = align(x, y);
  return normalizeDecimal({ digits: a + b, exp });
}

export function decimalMinus(x: Decimal, y: Decimal): Decimal {
  const [a, b, exp] = align(x, y);
  return normalizeDecimal({ digits: a - b, exp });
}

export function decimalTimes(x: Decimal, y: Decimal): Decimal {
  return normalizeDecimal({ digits: x.digits * y.digits, exp: x.exp + y.exp });
}

export function decimalDividedBy(x: Decimal, y: Decimal): Decimal {
  if (y.digits === 0n) throw new Error("BigDecimal: division by zero");
  // Scale the dividend so that the quotient carries a few digits more than the precision, then round.
  const k = Math.max(0, DECIMAL_PRECISION + 3 + digitCount(y.digits) - digitCount(x.digits));
  const digits = (x.digits * 10n ** BigInt(k)) / y.digits;
  return normalizeDecimal({ digits, exp: x.exp - y.exp - BigInt(k) });
}

export function decimalEquals(x: Decimal, y: Decimal): boolean {
  const a = normalizeDecimal(x);
  const b = normalizeDecimal(y);
  return a.digits === b.digits && a.exp === b.exp;
}

/** -1, 0 or 1 as x is less than, equal to or greater than y (numerically). */
export function decimalCompare(x: Decimal, y: Decimal): number {
  const [a, b] = align(x, y);
  return a < b ? -1 : a > b ? 1 : 0;
}
