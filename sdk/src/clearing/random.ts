import type { LiquidityInput, ObligationInput } from "./types.ts";

/** Seeded PRNG (mulberry32): a function returning uint32 values; same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Parameters of {@link randomClearingInstance}. */
export interface RandomInstanceOptions {
  seed: number;
  members: number;
  obligations: number;
  /** Amount = units * 10^decimals + random sub-unit part (< 10^decimals). Default 18. */
  decimals?: number;
  /** Units drawn uniformly from 1..maxUnits. Default 10,000. */
  maxUnits?: number;
  /** Number of random credit lines offered as liquidity (capacity drawn like an amount). Default 0. */
  liquidity?: number;
  /** Mixed-case (not checksummed, just varied) spellings of the member addresses. Default false. */
  mixedCase?: boolean;
}

/**
 * A reproducible random clearing instance (for benchmarks, tests and demos): members with random 20-byte
 * addresses, obligations between uniformly drawn distinct members with ids 1..obligations, and optional liquidity.
 */
export function randomClearingInstance(options: RandomInstanceOptions): {
  members: string[];
  obligations: ObligationInput[];
  liquidity: LiquidityInput[];
} {
  const { seed, members: n, obligations: m, decimals = 18, maxUnits = 10_000, liquidity: l = 0 } = options;
  if (n < 2) throw new Error("randomClearingInstance: need at least 2 members");
  const rand = mulberry32(seed);
  const below = (k: number) => Math.floor((rand() / 4294967296) * k);
  const scale = 10n ** BigInt(decimals);
  const amount = (): bigint => {
    const units = BigInt(1 + below(maxUnits));
    if (decimals === 0) return units;
    const wide = (BigInt(rand()) << 32n) | BigInt(rand());
    return units * scale + (wide % scale);
  };
  const members: string[] = [];
  const seen = new Set<string>();
  while (members.length < n) {
    let hex = "";
    for (let i = 0; i < 5; i++) hex += rand().toString(16).padStart(8, "0");
    if (seen.has(hex)) continue;
    seen.add(hex);
    if (options.mixedCase) hex = [...hex].map((c) => (rand() & 1 ? c.toUpperCase() : c)).join("");
    members.push(`0x${hex}`);
  }
  const pair = (): [string, string] => {
    const a = below(n);
    let b = below(n - 1);
    if (b >= a) b++;
    return [members[a], members[b]];
  };
  const obligations: ObligationInput[] = new Array<ObligationInput>(m);
  for (let i = 0; i < m; i++) {
    const [debtor, creditor] = pair();
    obligations[i] = { id: BigInt(i + 1), debtor, creditor, amount: amount() };
  }
  const liquidity: LiquidityInput[] = [];
  for (let i = 0; i < l; i++) {
    const [payer, payee] = pair();
    liquidity.push({ payer, payee, capacity: amount() });
  }
  return { members, obligations, liquidity };
}
