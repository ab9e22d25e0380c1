import type { LiquidityInput, ObligationInput } from "./types.ts";

/** Members mapped once to dense indices; obligations and liquidity lines as index arrays. */
export interface IndexedInput {
  /** Number of distinct members (case-insensitive). */
  n: number;
  /** Spelling of each member as first seen in the input. */
  names: string[];
  /** Lowercase address of each member. */
  keys: string[];
  /** Lowercase address -> index. */
  index: Map<string, number>;
  debtor: Int32Array;
  creditor: Int32Array;
  payer: Int32Array;
  payee: Int32Array;
  /** Obligation positions ordered by id ascending (null when the input already is). */
  order: Int32Array | null;
}

/**
 * Validates the input (ids unique, amounts > 0, no self-loops, capacities >= 0) and maps members to dense indices.
 * Addresses compare case-insensitively; the first spelling seen is the one returned in results.
 */
export function indexInput(
  obligations: readonly ObligationInput[],
  liquidity: readonly LiquidityInput[],
): IndexedInput {
  const index = new Map<string, number>();
  const raw = new Map<string, number>();
  const names: string[] = [];
  const keys: string[] = [];
  const idOf = (name: string): number => {
    let i = raw.get(name);
    if (i !== undefined) return i;
    if (typeof name !== "string") throw new TypeError(`clearing: member must be a string, got ${typeof name}`);
    const key = name.toLowerCase();
    i = index.get(key);
    if (i === undefined) {
      i = names.length;
      names.push(name);
      keys.push(key);
      index.set(key, i);
    }
    raw.set(name, i);
    return i;
  };

  const m = obligations.length;
  const debtor = new Int32Array(m);
  const creditor = new Int32Array(m);
  let sorted = true;
  for (let e = 0; e < m; e++) {
    const o = obligations[e];
    const d = idOf(o.debtor);
    const c = idOf(o.creditor);
    if (d === c) throw new Error(`clearing: obligation ${o.id} has the same debtor and creditor (${o.debtor})`);
    if (typeof o.amount !== "bigint" || o.amount <= 0n)
      throw new Error(`clearing: obligation ${o.id} amount must be > 0`);
    if (typeof o.id !== "bigint" || o.id < 0n) throw new Error(`clearing: obligation id must be a bigint >= 0`);
    debtor[e] = d;
    creditor[e] = c;
    if (sorted && e > 0 && !(obligations[e - 1].id < o.id)) sorted = false;
  }
  let order: Int32Array | null = null;
  if (!sorted) {
    const idx = Array.from({ length: m }, (_, i) => i);
    idx.sort((a, b) => {
      const x = obligations[a].id;
      const y = obligations[b].id;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    order = Int32Array.from(idx);
    for (let k = 1; k < m; k++) {
      if (obligations[order[k - 1]].id === obligations[order[k]].id) {
        throw new Error(`clearing: duplicate obligation id ${obligations[order[k]].id}`);
      }
    }
  }

  const l = liquidity.length;
  const payer = new Int32Array(l);
  const payee = new Int32Array(l);
  for (let k = 0; k < l; k++) {
    const q = liquidity[k];
    const a = idOf(q.payer);
    const b = idOf(q.payee);
    if (a === b) throw new Error(`clearing: liquidity line with payer = payee (${q.payer})`);
    if (typeof q.capacity !== "bigint" || q.capacity < 0n) throw new Error(`clearing: liquidity capacity must be >= 0`);
    payer[k] = a;
    payee[k] = b;
  }
  return { n: names.length, names, keys, index, debtor, creditor, payer, payee, order };
}

/** Order key of a member in credit moves: the address as an unsigned integer (as the contract compares them). */
export function addressKey(name: string): bigint {
  try {
    return BigInt(name);
  } catch {
    throw new Error(`clearing: credit-move member ${name} is not a hex address`);
  }
}
