import { addressKey, indexInput } from "./members.ts";
import type { ClearingSolution, LiquidityInput, ObligationInput, VerifyResult } from "./types.ts";

/**
 * Obligation net position of every member, as the contract's `netPosition`: amounts owed to it minus amounts it owes.
 * Keyed by the address as first spelled in the input. The sum of the positive values is the NID.
 */
export function netPositions(obligations: readonly ObligationInput[]): Map<string, bigint> {
  const ix = indexInput(obligations, []);
  const net: bigint[] = new Array<bigint>(ix.n).fill(0n);
  for (let e = 0; e < obligations.length; e++) {
    const a = obligations[e].amount;
    net[ix.debtor[e]] -= a;
    net[ix.creditor[e]] += a;
  }
  const out = new Map<string, bigint>();
  for (let v = 0; v < ix.n; v++) out.set(ix.names[v], net[v]);
  return out;
}

/** Net internal debt: the sum of the positive net positions (the floor that set-off alone cannot go below). */
export function netInternalDebt(obligations: readonly ObligationInput[]): bigint {
  let nid = 0n;
  for (const v of netPositions(obligations).values()) if (v > 0n) nid += v;
  return nid;
}

const pairKey = (payer: string, payee: string) => `${payer.toLowerCase()}|${payee.toLowerCase()}`;

/**
 * Checks a batch the way `CreditNetwork.clear` does, against the obligations' current remaining amounts (and the
 * credit lines' available capacities; omitted = no liquidity, so any credit move fails): non-empty; set-offs strictly
 * ascending by id, each on a known obligation, 0 < amount <= remaining; credit moves strictly ascending by
 * (payer, payee) as integers, payer != payee, 0 < amount <= capacity of the pair; every member's net position
 * unchanged. Then that `cleared` and `movedToCredit` are the sums. The reason names the contract error.
 * Not checked here (contract state): membership, clearing consent, liquidity consent.
 */
export function verifyBatch(
  obligations: readonly ObligationInput[],
  solution: Pick<ClearingSolution, "setOffs" | "creditMoves" | "cleared" | "movedToCredit">,
  liquidity?: readonly LiquidityInput[],
): VerifyResult {
  const lines = liquidity ?? [];
  const ix = indexInput(obligations, lines);
  const { setOffs, creditMoves } = solution;
  if (setOffs.length === 0) return { ok: false, reason: "EmptyBatch()" };
  const imbalance: bigint[] = new Array<bigint>(ix.n).fill(0n);
  const m = obligations.length;
  const order = ix.order;
  let j = 0;
  let cleared = 0n;
  for (let i = 0; i < setOffs.length; i++) {
    const { id, amount } = setOffs[i];
    if (i > 0) {
      const prev = setOffs[i - 1].id;
      if (id === prev) return { ok: false, reason: `DuplicateEdge(${i}, ${id})` };
      if (id < prev) return { ok: false, reason: `EdgesNotSorted(${i}, ${id})` };
    }
    while (j < m && obligations[order === null ? j : order[j]].id < id) j++;
    const e = j < m ? (order === null ? j : order[j]) : -1;
    if (e < 0 || obligations[e].id !== id) return { ok: false, reason: `UnknownObligation(${id})` };
    if (amount <= 0n) return { ok: false, reason: `ZeroAmount() at set-off ${i} (amount ${amount})` };
    const remaining = obligations[e].amount;
    if (amount > remaining) return { ok: false, reason: `SetOffExceedsRemaining(${id}, ${remaining}, ${amount})` };
    imbalance[ix.debtor[e]] += amount;
    imbalance[ix.creditor[e]] -= amount;
    cleared += amount;
  }

  const capacity = new Map<string, bigint>();
  for (const q of lines) {
    const key = pairKey(q.payer, q.payee);
    capacity.set(key, (capacity.get(key) ?? 0n) + q.capacity);
  }
  let moved = 0n;
  let prevA = -1n;
  let prevB = -1n;
  for (let i = 0; i < creditMoves.length; i++) {
    const { payer, payee, amount } = creditMoves[i];
    if (payer.toLowerCase() === payee.toLowerCase()) return { ok: false, reason: `SelfDealing(${payer})` };
    let a: bigint;
    let b: bigint;
    try {
      a = addressKey(payer);
      b = addressKey(payee);
    } catch (err) {
      return { ok: false, reason: (err as Error).message };
    }
    if (!(a > prevA || (a === prevA && b > prevB))) {
      return { ok: false, reason: `CreditMovesNotSorted(${i}, ${payer}, ${payee})` };
    }
    prevA = a;
    prevB = b;
    if (amount <= 0n) return { ok: false, reason: `ZeroAmount() at credit move ${i} (amount ${amount})` };
    const cap = capacity.get(pairKey(payer, payee)) ?? 0n;
    if (amount > cap) return { ok: false, reason: `CreditLimitExceeded(${i}, ${payer}, ${payee}, ${cap}, ${amount})` };
    // capacity > 0 means both are members of the indexed input (they appear in a liquidity line)
    imbalance[ix.index.get(payer.toLowerCase())!] -= amount;
    imbalance[ix.index.get(payee.toLowerCase())!] += amount;
    moved += amount;
  }
  for (let v = 0; v < ix.n; v++) {
    if (imbalance[v] !== 0n) return { ok: false, reason: `VertexNotConserved(${ix.names[v]}, ${imbalance[v]})` };
  }
  if (cleared !== solution.cleared)
    return { ok: false, reason: `cleared is ${solution.cleared}, set-offs sum ${cleared}` };
  if (moved !== solution.movedToCredit) {
    return { ok: false, reason: `movedToCredit is ${solution.movedToCredit}, credit moves sum ${moved}` };
  }
  return { ok: true };
}

/**
 * Upper bound on the total any valid batch can clear, proven by potentials p (any integers; a solution's
 * `potentials` give a tight one): for every circulation, sum of set-offs = sum over arcs of -reducedCost * flow
 * <= sum over arcs of max(0, -reducedCost) * capacity, where an obligation debtor -> creditor has reduced cost
 * p(debtor) - p(creditor) - 1 and capacity its remaining, and a line payer -> payee (credit move payer pays payee)
 * has reduced cost p(payee) - p(payer) and capacity its capacity. `cleared == dualBound` proves a verified batch
 * optimal, exactly (bigint arithmetic, independent of how the batch was found).
 */
export function dualBound(
  obligations: readonly ObligationInput[],
  potentials: ReadonlyMap<string, bigint>,
  liquidity?: readonly LiquidityInput[],
): bigint {
  const lower = new Map<string, bigint>();
  let small = true; // every potential a safe integer: slacks are then computed exactly in doubles
  for (const [k, v] of potentials) {
    lower.set(k.toLowerCase(), v);
    if (v > 2n ** 50n || v < -(2n ** 50n)) small = false;
  }
  // per spelling, so that each distinct string is lowercased once (inputs repeat the same strings)
  const bySpelling = new Map<string, bigint>();
  const p = (name: string): bigint => {
    let v = bySpelling.get(name);
    if (v !== undefined) return v;
    v = lower.get(name.toLowerCase());
    if (v === undefined) throw new Error(`dualBound: no potential for ${name}`);
    bySpelling.set(name, v);
    return v;
  };
  let bound = 0n;
  if (small) {
    const q = new Map<string, number>();
    const pn = (name: string): number => {
      let v = q.get(name);
      if (v === undefined) q.set(name, (v = Number(p(name))));
      return v;
    };
    for (const o of obligations) {
      const slack = 1 - pn(o.debtor) + pn(o.creditor); // |slack| < 2^52: exact
      if (slack === 1) bound += o.amount;
      else if (slack > 0) bound += BigInt(slack) * o.amount;
    }
  } else {
    for (const o of obligations) {
      const slack = 1n - p(o.debtor) + p(o.creditor);
      if (slack > 0n) bound += slack * o.amount;
    }
  }
  for (const q of liquidity ?? []) {
    const slack = p(q.payer) - p(q.payee);
    if (slack > 0n) bound += slack * q.capacity;
  }
  return bound;
}
