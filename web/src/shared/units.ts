// Amounts in a module's unit (a network's currency, a resource's tonnes) parsed and formatted as bigint with its
// decimals and symbol; short text packed into a bytes32 (memos, references).
import { parseUnits, stringToHex, type Hex } from "viem";
import { formatAmount } from "./format";

export interface Unit {
  decimals: number;
  symbol: string;
  /** "1,250.5 CMC" */
  fmt(value: bigint): string;
  /** "1,250.5" */
  num(value: bigint): string;
  /** "+1,250.5 CMC" / "−40 CMC" / "0 CMC" */
  signed(value: bigint): string;
  /** A positive amount typed by a person, or a plain-language error. */
  parse(text: string): { value: bigint } | { error: string };
  /** For charts. */
  float(value: bigint): number;
}

/** A unit for `info`, its figures shown with at most `fractionDigits` decimals (2 by default; trailing zeros trimmed). */
export function unitOf(info: { decimals: number; symbol: string }, fractionDigits = 2): Unit {
  const { decimals, symbol } = info;
  const num = (v: bigint) => formatAmount(v < 0n ? -v : v, decimals, fractionDigits);
  return {
    decimals,
    symbol,
    num: (v) => (v < 0n ? `−${num(v)}` : num(v)),
    fmt: (v) => `${v < 0n ? "−" : ""}${num(v)} ${symbol}`,
    signed: (v) => `${v > 0n ? "+" : v < 0n ? "−" : ""}${num(v)} ${symbol}`,
    float: (v) => Number(v) / 10 ** decimals,
    parse(text) {
      const t = text.trim().replace(/,/g, "");
      if (!t) return { error: `Enter an amount in ${symbol}.` };
      const re = decimals > 0 ? new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`) : /^\d+$/;
      if (!re.test(t))
        return {
          error:
            decimals > 0
              ? `Enter a positive number of ${symbol} with at most ${decimals} decimals, like 125 or 12.5.`
              : `Enter a whole number of ${symbol}.`,
        };
      const value = parseUnits(t, decimals);
      if (value === 0n) return { error: "The amount must be greater than zero." };
      return { value };
    },
  };
}

const encoder = new TextEncoder();

/** A memo or reference as bytes32; undefined when the text needs more than 31 bytes. */
export function textToBytes32(text: string): Hex | undefined {
  if (encoder.encode(text).length > 31) return undefined;
  return stringToHex(text, { size: 32 });
}

/** The text packed in a bytes32, or undefined when it is not short readable text (e.g. a hash). */
export function bytes32ToText(value: Hex): string | undefined {
  const bytes = new Uint8Array((value.length - 2) / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(value.slice(2 + i * 2, 4 + i * 2), 16);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (end === 0) return "";
  if (bytes.subarray(0, end).includes(0)) return undefined;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u001f\u007f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}
