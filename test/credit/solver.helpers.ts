// Shared helpers of the clearing-solver tests (no tests here). Everything below is written independently of the
// solver's internals: it only reads the inputs and the returned batch.
import type { GLPK, LP } from "glpk.js/node";
import {
  mulberry32,
  type ClearingSolution,
  type LiquidityInput,
  type ObligationInput,
} from "../../sdk/src/clearing/index.ts";

/** A deterministic 20-byte address for member `i` (lowercase hex). */
export const addr = (i: number): string => `0x${(i + 1).toString(16).padStart(40, "0")}`;

/** Obligations from [debtor, creditor, amount] triples over members addr(0), addr(1), ...; ids 1, 2, ... */
export function obligationsOf(edges: [number, number, bigint | number][]): ObligationInput[] {
  return edges.map(([d, c, a], i) => ({ id: BigInt(i + 1), debtor: addr(d), creditor: addr(c), amount: BigInt(a) }));
}

/** A random instance: `n` members, `m` obligations, `l` liquidity lines; amounts 1..maxUnits units of 10^decimals. */
export function randomInstance(
  seed: number,
  n: number,
  m: number,
  l: number,
  maxUnits: number,
  decimals = 0,
): { obligations: ObligationInput[]; liquidity: LiquidityInput[] } {
  const rand = mulberry32(seed);
  const below = (k: number) => rand() % k;
  const scale = 10n ** BigInt(decimals);
  const amount = () => BigInt(1 + below(maxUnits)) * scale + (decimals > 0 ? BigInt(rand()) % scale : 0n);
  const pair = (): [number, number] => {
    const a = below(n);
    const b = (a + 1 + below(n - 1)) % n;
    return [a, b];
  };
  const obligations: ObligationInput[] = [];
  for (let i = 0; i < m; i++) {
    const [d, c] = pair();
    obligations.push({ id: BigInt(i + 1), debtor: addr(d), creditor: addr(c), amount: amount() });
  }
  const liquidity: LiquidityInput[] = [];
  for (let i = 0; i < l; i++) {
    const [p, q] = pair();
    liquidity.push({ payer: addr(p), payee: addr(q), capacity: below(5) === 0 ? 0n : amount() });
  }
  return { obligations, liquidity };
}

/**
 * The clearing LP for GLPK: maximise the sum of set-offs s_e (0 <= s_e <= amount) subject to, at every member,
 * sum(s as debtor) - sum(s as creditor) - sum(t as payer) + sum(t as payee) = 0, with 0 <= t_k <= capacity.
 * `unit` divides the amounts (GLPK works in doubles).
 */
export function clearingLp(
  glpk: GLPK,
  obligations: readonly ObligationInput[],
  liquidity: readonly LiquidityInput[] = [],
  unit = 1n,
): LP {
  const rows = new Map<string, { name: string; coef: number }[]>();
  const row = (member: string) => {
    const key = member.toLowerCase();
    let r = rows.get(key);
    if (r === undefined) rows.set(key, (r = []));
    return r;
  };
  const toNumber = (x: bigint) => Number(x / unit) + Number(x % unit) / Number(unit);
  const bounds: LP["bounds"] = [];
  obligations.forEach((o, e) => {
    row(o.debtor).push({ name: `s${e}`, coef: 1 });
    row(o.creditor).push({ name: `s${e}`, coef: -1 });
    bounds.push({ name: `s${e}`, type: glpk.GLP_DB, lb: 0, ub: toNumber(o.amount) });
  });
  liquidity.forEach((q, k) => {
    row(q.payer).push({ name: `t${k}`, coef: -1 });
    row(q.payee).push({ name: `t${k}`, coef: 1 });
    bounds.push({ name: `t${k}`, type: q.capacity > 0n ? glpk.GLP_DB : glpk.GLP_FX, lb: 0, ub: toNumber(q.capacity) });
  });
  return {
    name: "clearing",
    objective: {
      direction: glpk.GLP_MAX,
      name: "cleared",
      vars: obligations.map((_, e) => ({ name: `s${e}`, coef: 1 })),
    },
    subjectTo: [...rows].map(([member, vars]) => ({
      name: member,
      vars,
      bnds: { type: glpk.GLP_FX, lb: 0, ub: 0 },
    })),
    bounds,
  };
}

/**
 * Exact complementary-slackness check of `solution.potentials` (bigint): every residual arc of the clearing
 * circulation has a non-negative reduced cost. Arc costs: -1 on obligation debtor -> creditor, 0 on a credit
 * line payee -> payer. Together with feasibility this proves the solution optimal. Returns the violations.
 */
export function certificateViolations(
  obligations: readonly ObligationInput[],
  solution: ClearingSolution,
  liquidity: readonly LiquidityInput[] = [],
): string[] {
  const potentials = new Map<string, bigint>();
  for (const [k, v] of solution.potentials ?? []) potentials.set(k.toLowerCase(), v);
  const p = (a: string) => {
    const v = potentials.get(a.toLowerCase());
    if (v === undefined) throw new Error(`no potential for ${a}`);
    return v;
  };
  const setOff = new Map(solution.setOffs.map((s) => [s.id, s.amount]));
  const violations: string[] = [];
  for (const o of obligations) {
    const s = setOff.get(o.id) ?? 0n;
    const reduced = -1n + p(o.debtor) - p(o.creditor); // arc debtor -> creditor, cost -1
    if (s < o.amount && reduced < 0n) violations.push(`obligation ${o.id}: can grow but reduced cost ${reduced}`);
    if (s > 0n && -reduced < 0n) violations.push(`obligation ${o.id}: can shrink but reduced cost ${-reduced}`);
  }
  const pairs = new Map<string, { payer: string; payee: string; capacity: bigint; moved: bigint }>();
  const key = (a: string, b: string) => `${a.toLowerCase()}>${b.toLowerCase()}`;
  for (const q of liquidity) {
    const k = key(q.payer, q.payee);
    const e = pairs.get(k) ?? { payer: q.payer, payee: q.payee, capacity: 0n, moved: 0n };
    e.capacity += q.capacity;
    pairs.set(k, e);
  }
  for (const c of solution.creditMoves) {
    const e = pairs.get(key(c.payer, c.payee));
    if (e === undefined) violations.push(`credit move ${c.payer} -> ${c.payee} without a line`);
    else e.moved += c.amount;
  }
  for (const e of pairs.values()) {
    if (e.capacity === 0n) continue; // no arc at all
    const reduced = p(e.payee) - p(e.payer); // arc payee -> payer, cost 0
    if (e.moved < e.capacity && reduced < 0n) violations.push(`line ${e.payer} -> ${e.payee}: can grow, rc ${reduced}`);
    if (e.moved > 0n && reduced > 0n) violations.push(`line ${e.payer} -> ${e.payee}: can shrink, rc ${-reduced}`);
  }
  return violations;
}

/** Each member's combined position change (obligation net position + credit position); all zero if conserved. */
export function positionChanges(
  obligations: readonly ObligationInput[],
  solution: Pick<ClearingSolution, "setOffs" | "creditMoves">,
): Map<string, bigint> {
  const byId = new Map(obligations.map((o) => [o.id, o]));
  const delta = new Map<string, bigint>();
  const add = (a: string, x: bigint) => delta.set(a.toLowerCase(), (delta.get(a.toLowerCase()) ?? 0n) + x);
  for (const s of solution.setOffs) {
    const o = byId.get(s.id)!;
    add(o.debtor, s.amount); // owes less: obligation net position up
    add(o.creditor, -s.amount);
  }
  for (const c of solution.creditMoves) {
    add(c.payer, -c.amount); // now owes the payee on the credit line
    add(c.payee, c.amount);
  }
  for (const [k, v] of delta) if (v === 0n) delta.delete(k);
  return delta;
}

/** The obligations after applying a batch (remaining amounts reduced; fully cleared ones removed). */
export function applySetOffs(obligations: readonly ObligationInput[], solution: Pick<ClearingSolution, "setOffs">) {
  const setOff = new Map(solution.setOffs.map((s) => [s.id, s.amount]));
  return obligations.map((o) => ({ ...o, amount: o.amount - (setOff.get(o.id) ?? 0n) })).filter((o) => o.amount > 0n);
}
