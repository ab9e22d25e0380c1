// Reading a pasted signed payload (obligation terms, attestations): JSON parsing and field readers whose errors name
// the wrong field in plain words.
import { getAddress, isAddress, isHex, type Address, type Hex } from "viem";

/**
 * Parses `text` as JSON whose `type` must be `type`.
 * @param notJson message when the text is not JSON; @param wrongType message when it is JSON of another kind.
 */
export function parseSignedJson(
  text: string,
  type: string,
  notJson: string,
  wrongType: string,
): Record<string, unknown> {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(notJson);
  }
  if (raw?.type !== type) throw new Error(wrongType);
  return raw;
}

export function addrField(v: unknown, what: string): Address {
  if (typeof v !== "string" || !isAddress(v, { strict: false })) throw new Error(`The ${what} is not an address.`);
  return getAddress(v);
}

export function uintField(v: unknown, what: string): bigint {
  if (typeof v !== "string" || !/^\d+$/.test(v)) throw new Error(`The ${what} is not a whole number.`);
  return BigInt(v);
}

/** A hex string, of exactly `bytes` bytes when given. */
export function hexField(v: unknown, what: string, bytes?: number): Hex {
  if (typeof v !== "string" || !isHex(v) || (bytes !== undefined && v.length !== 2 + bytes * 2))
    throw new Error(`The ${what} is malformed.`);
  return v;
}
