// The cluster exchange contract's checks in TypeScript (contracts/cluster/ClusterRules.sol and submitMatches): which
// offer-need pairs may trade, whether a batch of matches passes (reasons are the contract's error names), and the
// intents' own well-formedness (checkTerms and the field widths).
import { CREDIT_MAX_OBLIGATION } from "../constants.ts";
import { distanceMetres, validPlace } from "./geo.ts";
import type { CheckResult, Intent, Match } from "./types.ts";

const ZERO_SPEC = `0x${"0".repeat(64)}`;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const MAX_UINT32 = 2 ** 32 - 1;
const MAX_UINT40 = 2 ** 40 - 1;
const MAX_UINT64 = 2n ** 64n - 1n;
const MAX_UINT96 = 2n ** 96n - 1n;

declare const normal: unique symbol;
/** An intent checked well-formed, with its owner and spec in lower case (compared as such). */
export type NormalIntent = Intent & { readonly [normal]: true };

/**
 * Throws a RangeError naming the intent and field unless `intent` is one the contract can hold: the field widths of
 * IntentTerms, 0 < remaining, 0 < price, start < end, a valid place, 0 < maxDistance. Returns it normalised.
 */
export function normaliseIntent(intent: Intent): NormalIntent {
  const bad = (field: string, why: string) => new RangeError(`intent ${intent.id}: ${field} ${why}`);
  const { id, owner, side, category, unit, designId, spec, remaining, price, start, end, lat, lon, maxDistance } =
    intent;
  const uint = (x: unknown, max: bigint, min = 0n) => typeof x === "bigint" && x >= min && x <= max;
  const int = (x: number, max: number, min = 0) => Number.isSafeInteger(x) && x >= min && x <= max;
  if (!uint(id, MAX_UINT64)) throw bad("id", "must be a uint64 (bigint)");
  if (typeof owner !== "string" || !ADDRESS.test(owner)) throw bad("owner", "must be a 20-byte hex address");
  if (side !== "offer" && side !== "need") throw bad("side", 'must be "offer" or "need"');
  if (!int(category, MAX_UINT32)) throw bad("category", "must be a uint32");
  if (typeof unit !== "string" || !/^[\x21-\x7e]{1,8}$/.test(unit))
    throw bad("unit", "must be 1 to 8 ASCII characters");
  if (!uint(designId, MAX_UINT64)) throw bad("designId", "must be a uint64 (bigint), 0 for none");
  if (typeof spec !== "string" || !BYTES32.test(spec)) throw bad("spec", "must be a bytes32 hex string");
  if (!uint(remaining, MAX_UINT96, 1n)) throw bad("remaining", "must be a uint96 > 0 (bigint)");
  if (!uint(price, MAX_UINT96, 1n)) throw bad("price", "must be a uint96 > 0 (bigint)");
  if (!int(start, MAX_UINT40) || !int(end, MAX_UINT40) || end <= start)
    throw bad("window", "must be unix seconds with start < end");
  if (!validPlace(lat, lon)) throw bad("place", "must be integer microdegrees within ±90° / ±180°");
  if (!int(maxDistance, MAX_UINT32, 1)) throw bad("maxDistance", "must be whole metres > 0 (uint32)");
  return { ...intent, owner: owner.toLowerCase(), spec: spec.toLowerCase() } as NormalIntent;
}

/**
 * ClusterRules.checkMatch for offer `o` and need `n` (normalised) at `price` (default: the ask) and time `now`
 * (default: no expiry check): the error the contract would revert with, or the distance in metres if they may trade.
 * In order: different owners (SelfTrade), same category and unit (CategoryMismatch), the need's design and spec if
 * any (DesignMismatch), ask <= price <= the need's maximum (PriceOutsideTerms), overlapping windows (WindowsDisjoint),
 * neither ended before `now` (IntentExpired), distance <= both maxima (TooFar).
 */
export function pairRule(o: NormalIntent, n: NormalIntent, price: bigint = o.price, now?: number): string | number {
  if (o.owner === n.owner) return "SelfTrade";
  if (o.category !== n.category || o.unit !== n.unit) return "CategoryMismatch";
  if ((n.designId !== 0n && o.designId !== n.designId) || (n.spec !== ZERO_SPEC && o.spec !== n.spec))
    return "DesignMismatch";
  if (price < o.price || price > n.price) return "PriceOutsideTerms";
  if (o.start > n.end || n.start > o.end) return "WindowsDisjoint";
  if (expired(o, now) || expired(n, now)) return "IntentExpired";
  const d = distanceMetres(o.lat, o.lon, n.lat, n.lon);
  if (d > o.maxDistance || d > n.maxDistance) return "TooFar";
  return d;
}

/** Whether an intent's window ended before `now` (unix seconds; undefined: never). */
export const expired = (intent: Intent, now: number | undefined) => now !== undefined && intent.end < now;

/**
 * The contract's checks of a batch (submitMatches), match by match: both ids are intents of the batch
 * (UnknownIntent; on chain, IntentIndexOutOfRange), an offer and a need (WrongSide), {@link pairRule} at the match's
 * price and `now` (if given), quantity > 0 (ZeroQuantity), per intent Σ quantity <= remaining
 * (QuantityExceedsRemaining), quantity × price <= the credit network's MAX_OBLIGATION (OrderTooLarge). Throws on a
 * malformed intent.
 */
export function checkMatches(
  intents: readonly Intent[],
  matches: readonly Match[],
  options: { now?: number } = {},
): CheckResult {
  const byId = new Map<bigint, NormalIntent>();
  for (const intent of intents) byId.set(intent.id, normaliseIntent(intent));
  const used = new Map<bigint, bigint>();
  for (let index = 0; index < matches.length; index++) {
    const fail = (reason: string): CheckResult => ({ ok: false, reason, index });
    const { offerId, needId, quantity, price } = matches[index];
    const o = byId.get(offerId);
    const n = byId.get(needId);
    if (o === undefined || n === undefined) return fail("UnknownIntent");
    if (o.side !== "offer" || n.side !== "need") return fail("WrongSide");
    const rule = pairRule(o, n, price, options.now);
    if (typeof rule === "string") return fail(rule);
    if (quantity <= 0n) return fail("ZeroQuantity");
    for (const intent of [o, n]) {
      const total = (used.get(intent.id) ?? 0n) + quantity;
      if (total > intent.remaining) return fail("QuantityExceedsRemaining");
      used.set(intent.id, total);
    }
    if (quantity * price > CREDIT_MAX_OBLIGATION) return fail("OrderTooLarge");
  }
  return { ok: true };
}
