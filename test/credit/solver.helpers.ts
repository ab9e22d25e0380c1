// Shared helpers of the clearing-solver tests (no tests here), also the clearing bench's instances and LP baseline.
// Everything below is written independently of the solver's internals: it only reads the inputs and the returned batch.
import type { GLPK, LP } from "glpk.js/node";
import highsModule, { type Highs, type ModelData } from "highs";
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
 * Loads HiGHS (WebAssembly). Its types describe the CommonJS build, whose default export TypeScript's node16
 * resolution sees one level down (`.default`); the ES module that Node loads exports the loader itself.
 */
export const loadHighs = highsModule as unknown as typeof highsModule.default;

/**
 * The same clearing LP for HiGHS, as sparse column data (no model text to write or parse): a column per obligation
 * (+1 in the debtor's row, -1 in the creditor's, objective 1, bounds [0, amount / unit]) and per liquidity line
 * (+1 in the payee's row, -1 in the payer's, objective 0, bounds [0, capacity / unit]); a row per member, fixed at 0.
 */
export function clearingHighsModel(
  highs: Highs,
  obligations: readonly ObligationInput[],
  liquidity: readonly LiquidityInput[] = [],
  unit = 1n,
): ModelData {
  const index = new Map<string, number>();
  const row = (member: string) => {
    const key = member.toLowerCase();
    let i = index.get(key);
    if (i === undefined) index.set(key, (i = index.size));
    return i;
  };
  const toNumber = (x: bigint) => Number(x / unit) + Number(x % unit) / Number(unit);
  const m = obligations.length;
  const cols = m + liquidity.length;
  const from = new Int32Array(cols);
  const to = new Int32Array(cols);
  const upper = new Float64Array(cols);
  const cost = new Float64Array(cols);
  obligations.forEach((o, e) => {
    [from[e], to[e], upper[e], cost[e]] = [row(o.debtor), row(o.creditor), toNumber(o.amount), 1];
  });
  liquidity.forEach((q, k) => {
    [from[m + k], to[m + k], upper[m + k]] = [row(q.payee), row(q.payer), toNumber(q.capacity)];
  });
  return clearingHighsArcs(highs, index.size, from, to, upper, cost);
}

/**
 * The clearing LP for HiGHS from dense arrays (what a reader of a large file builds without one object per row):
 * column j has +1 in row from[j] and -1 in row to[j], bounds [0, upper[j]] and objective cost[j] (default all 1);
 * `rows` members, each row fixed at 0; maximise.
 */
export function clearingHighsArcs(
  highs: Highs,
  rows: number,
  from: Int32Array,
  to: Int32Array,
  upper: Float64Array,
  cost: Float64Array = new Float64Array(from.length).fill(1),
): ModelData {
  const cols = from.length;
  const starts = new Int32Array(cols + 1);
  const indices = new Int32Array(2 * cols);
  const values = new Float64Array(2 * cols);
  for (let j = 0; j < cols; j++) {
    if (from[j] === to[j]) throw new Error(`clearingHighsArcs: column ${j} is a self-loop`);
    starts[j + 1] = 2 * j + 2;
    indices[2 * j] = from[j];
    indices[2 * j + 1] = to[j];
    values[2 * j] = 1;
    values[2 * j + 1] = -1;
  }
  return {
    numCols: cols,
    numRows: rows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: cost,
    colLower: new Float64Array(cols),
    colUpper: upper,
    rowLower: new Float64Array(rows),
    rowUpper: new Float64Array(rows),
    matrix: { format: "csc", numRows: rows, numCols: cols, starts, indices, values },
  };
}

/** Solves a HiGHS model within `seconds` (0: no limit); the objective is meaningful only when `optimal`. */
export function solveHighs(
  highs: Highs,
  model: ModelData,
  seconds = 0,
): { optimal: boolean; status: string; objective: number; ms: number; memoryBytes: number } {
  const started = performance.now();
  return highs.withModel(model, (lp) => {
    lp.options.set({ output_flag: false, ...(seconds > 0 ? { time_limit: seconds } : {}) });
    lp.run();
    const code = lp.getModelStatus();
    const status = Object.entries(highs.constants.modelStatus).find(([, v]) => v === code)?.[0] ?? String(code);
    return {
      optimal: code === highs.constants.modelStatus.optimal,
      status,
      objective: lp.getObjectiveValue(),
      ms: performance.now() - started,
      memoryBytes: highs.memoryBytes,
    };
  });
}

// --- Structured and adversarial instances ------------------------------------------------------------------------
// Seeded; member i is addr(label[i]) for a seeded permutation `label` (so the index order the shapes are built in
// says nothing to the solver); ids 1..m in the order built; amounts 1..10,000 units of 10^18 plus random wei, as
// randomClearingInstance draws them.

const WEI = 10n ** 18n;

/** Builds an instance of `n` members from `build`, which calls `edge(debtor, creditor)` per obligation. */
function shape(
  n: number,
  seed: number,
  build: (edge: (debtor: number, creditor: number) => void, below: (k: number) => number) => void,
): ObligationInput[] {
  const rand = mulberry32(seed);
  const below = (k: number) => Math.floor((rand() / 4294967296) * k);
  const label = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = below(i + 1);
    [label[i], label[j]] = [label[j], label[i]];
  }
  const members = label.map(addr);
  const obligations: ObligationInput[] = [];
  build((d, c) => {
    const wei = ((BigInt(rand()) << 32n) | BigInt(rand())) % WEI;
    const amount = BigInt(1 + below(10_000)) * WEI + wei;
    obligations.push({ id: BigInt(obligations.length + 1), debtor: members[d], creditor: members[c], amount });
  }, below);
  return obligations;
}

/** One ring of `n` members: i owes i + 1 (mod n). n obligations; the optimum clears n times the smallest amount. */
export const ringInstance = (n: number, seed = 1) =>
  shape(n, seed, (edge) => {
    for (let i = 0; i < n; i++) edge(i, (i + 1) % n);
  });

/** A ring of `n` plus `chords` short forward chords i -> i + 2..9 (mod n) from random members. */
export const ringWithChords = (n: number, chords: number, seed = 1) =>
  shape(n, seed, (edge, below) => {
    for (let i = 0; i < n; i++) edge(i, (i + 1) % n);
    for (let k = 0; k < chords; k++) {
      const i = below(n);
      edge(i, (i + 2 + below(8)) % n);
    }
  });

/** `rings` disjoint rings of `size` members each. */
export const manyRings = (rings: number, size: number, seed = 1) =>
  shape(rings * size, seed, (edge) => {
    for (let r = 0; r < rings; r++) for (let i = 0; i < size; i++) edge(r * size + i, r * size + ((i + 1) % size));
  });

/** `cliques` complete digraphs of `size` members, each joined to the next by one obligation (a ring of cliques). */
export const ringOfCliques = (cliques: number, size: number, seed = 1) =>
  shape(cliques * size, seed, (edge) => {
    for (let k = 0; k < cliques; k++) {
      const base = k * size;
      for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) if (i !== j) edge(base + i, base + j);
      edge(base + size - 1, ((k + 1) % cliques) * size);
    }
  });

/**
 * A path 0 -> 1 -> ... -> n-1, the back edge n-1 -> 0 and 8 long backward jumps (from the second half to the first):
 * every cycle runs along a long stretch of the path, and the cycles overlap.
 */
export const longPathBackEdges = (n: number, seed = 1) =>
  shape(n, seed, (edge, below) => {
    for (let i = 0; i + 1 < n; i++) edge(i, i + 1);
    edge(n - 1, 0);
    const half = Math.floor(n / 2);
    for (let k = 0; k < 8; k++) edge(half + below(n - half), below(half));
  });

/** A directed `w` x `h` torus: each member owes its right and its lower neighbour (wrapping). 2wh obligations. */
export const grid = (w: number, h: number, seed = 1) =>
  shape(w * h, seed, (edge) => {
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        edge(y * w + x, y * w + ((x + 1) % w));
        edge(y * w + x, ((y + 1) % h) * w + x);
      }
  });

/** `rings` rings of `size` members that all pass through one hub (member 0): hub -> a1 -> ... -> a(size-1) -> hub. */
export const starOfRings = (rings: number, size: number, seed = 1) =>
  shape(1 + rings * (size - 1), seed, (edge) => {
    for (let r = 0; r < rings; r++) {
      const at = (i: number) => (i === 0 ? 0 : 1 + r * (size - 1) + (i - 1));
      for (let i = 0; i < size; i++) edge(at(i), at((i + 1) % size));
    }
  });

/**
 * Trade-like (the 1,000,000-obligation bench instance is powerLaw(100_000, 1_000_000, 1)). Members arrive in index
 * order, each starting m / n obligations; each joins the arriving member with a partner that is, with probability 1/4,
 * drawn by preferential attachment (an end of a uniformly drawn earlier obligation made that way, so a member's chance
 * grows with its number of such partners: a few hubs, 1,405 partners for the largest at 1,000,000 obligations) and
 * otherwise a nearby member (index distance 1..5, either side: the median member has 11 partners); who owes whom is
 * drawn 50/50.
 */
export const powerLaw = (n: number, m: number, seed = 1) =>
  shape(n, seed, (edge, below) => {
    const ends = new Int32Array(2 * m);
    let count = 0;
    for (let e = 0; e < m; e++) {
      const a = Math.floor((e * n) / m);
      let b = a;
      if (below(4) === 0) {
        b = count > 0 ? ends[below(count)] : (a + 1) % n;
        if (b !== a) [ends[count++], ends[count++]] = [a, b];
      }
      if (b === a) {
        const d = 1 + below(Math.min(5, n - 1));
        b = below(2) ? (a + d) % n : (a + n - d) % n;
      }
      if (below(2)) edge(a, b);
      else edge(b, a);
    }
  });

/** A complete digraph on `n` members (n(n-1) obligations; 89,700 at the default 300). */
export const denseSmall = (n = 300, seed = 1) =>
  shape(n, seed, (edge) => {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) edge(i, j);
  });

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
