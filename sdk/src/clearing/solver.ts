import { cancelCycles } from "./cycles.ts";
import { minCostFlow } from "./mcf.ts";
import { addressKey, indexInput } from "./members.ts";
import { outAdjacency, stronglyConnected } from "./scc.ts";
import type { ClearingSolution, CreditMove, ObligationInput, SetOff, SolveOptions } from "./types.ts";

/**
 * Optimal multilateral clearing: the batch of set-offs (and credit moves on the given liquidity) that clears the
 * largest total amount of obligations while leaving every member's net position unchanged. Exact (bigint amounts),
 * deterministic (same input, same output), and certified: `potentials` prove optimality (see {@link dualBound}).
 *
 * Model: the set-offs s (and credit moves t) form a circulation on the arcs debtor -> creditor (0 <= s <= remaining)
 * and payee -> payer (0 <= t <= capacity); maximise the sum of s. Only arcs inside a strongly connected component can
 * carry a circulation (peripheral members drop out). Within the components the problem is solved in its MTCS form:
 * the remaining amounts x = remaining - s route every member's net debt to the net creditors at cost 1 per unit per
 * obligation (0 on credit lines, used as payer -> payee), by an exact primal-dual min-cost flow.
 */
export function solveClearing(obligations: readonly ObligationInput[], options: SolveOptions = {}): ClearingSolution {
  const liquidity = options.liquidity ?? [];
  const ix = indexInput(obligations, liquidity);
  const { n, debtor, creditor, payer, payee } = ix;
  const m = obligations.length;
  const lines = liquidity.length;

  // Totals and NID over all obligations (net position = owed to the member - owed by it, as on-chain).
  const net: bigint[] = new Array<bigint>(n).fill(0n);
  let obligationsBefore = 0n;
  for (let e = 0; e < m; e++) {
    const a = obligations[e].amount;
    obligationsBefore += a;
    net[debtor[e]] -= a;
    net[creditor[e]] += a;
  }
  let nid = 0n;
  for (let v = 0; v < n; v++) if (net[v] > 0n) nid += net[v];

  // Circulation graph: obligation e = arc e (debtor -> creditor); line k = arc m + k (payee -> payer), if capacity > 0.
  const arcCount = m + lines;
  const tail = new Int32Array(arcCount);
  const head = new Int32Array(arcCount);
  tail.set(debtor);
  head.set(creditor);
  for (let k = 0; k < lines; k++) {
    tail[m + k] = payee[k];
    head[m + k] = payer[k];
  }
  const usable = new Uint8Array(arcCount).fill(1);
  for (let k = 0; k < lines; k++) if (liquidity[k].capacity === 0n) usable[m + k] = 0;
  // Arcs of unusable lines become self-loops for the SCC pass (ignored below).
  const sccHead = head.slice();
  for (let k = 0; k < lines; k++) if (usable[m + k] === 0) sccHead[m + k] = tail[m + k];
  const { comp, count: compCount } = stronglyConnected(n, tail, sccHead, arcCount);

  // Arcs inside a component, and the members they touch (re-indexed densely for the flow).
  const local = new Int32Array(n).fill(-1);
  let nodes = 0;
  const inner: number[] = [];
  for (let k = 0; k < arcCount; k++) {
    if (usable[k] === 0) continue;
    const u = tail[k];
    const v = head[k];
    if (comp[u] !== comp[v]) continue;
    inner.push(k);
    if (local[u] < 0) local[u] = nodes++;
    if (local[v] < 0) local[v] = nodes++;
  }

  // MTCS form: x (remaining) on debtor -> creditor at cost 1, y (credit move) on payer -> payee at cost 0,
  // supply = debts - credits over the inner obligations = -net - (debts - credits) over the obligations between
  // components (usually few, so this saves a pass of bigint additions over all obligations).
  const fm = inner.length;
  const from = new Int32Array(fm);
  const to = new Int32Array(fm);
  const cost = new Int32Array(fm);
  const cap: bigint[] = new Array<bigint>(fm);
  const supply: bigint[] = new Array<bigint>(nodes);
  for (let v = 0; v < n; v++) if (local[v] >= 0) supply[local[v]] = -net[v];
  for (let e = 0; e < m; e++) {
    const d = local[debtor[e]];
    const c = local[creditor[e]];
    if (d < 0 && c < 0) continue;
    if (d >= 0 && c >= 0 && comp[debtor[e]] === comp[creditor[e]]) continue;
    const a = obligations[e].amount;
    if (d >= 0) supply[d] -= a;
    if (c >= 0) supply[c] += a;
  }
  for (let i = 0; i < fm; i++) {
    const k = inner[i];
    if (k < m) {
      const d = local[debtor[k]];
      const c = local[creditor[k]];
      const a = obligations[k].amount;
      from[i] = d;
      to[i] = c;
      cost[i] = 1;
      cap[i] = a;
    } else {
      from[i] = local[payer[k - m]];
      to[i] = local[payee[k - m]];
      cost[i] = 0;
      cap[i] = liquidity[k - m].capacity;
    }
  }
  const { flow, pi } = minCostFlow({ n: nodes, m: fm, from, to, cost, cap, supply, onProgress: options.onProgress });

  // Circulation flows: s = remaining - x on obligations, t = y on lines.
  const circ: bigint[] = new Array<bigint>(arcCount).fill(0n);
  const lineArcs: number[] = [];
  for (let i = 0; i < fm; i++) {
    const k = inner[i];
    if (k < m) circ[k] = cap[i] - flow[i];
    else if (flow[i] > 0n) {
      circ[k] = flow[i];
      lineArcs.push(k);
    }
  }
  // Credit moves that only go round in a circle (no set-off on them) change nothing: cancel them. Every reduced cost
  // on such a cycle is 0, so the certificate stays valid.
  if (lineArcs.length > 1) cancelCycles(n, tail, head, circ, Int32Array.from(lineArcs));

  // Set-offs in id order.
  const setOffs: SetOff[] = [];
  let cleared = 0n;
  const order = ix.order;
  for (let j = 0; j < m; j++) {
    const e = order === null ? j : order[j];
    const s = circ[e];
    if (s > 0n) {
      setOffs.push({ id: obligations[e].id, amount: s });
      cleared += s;
    }
  }

  // Credit moves merged per (payer, payee), ordered by the addresses as integers.
  const merged = new Map<number, bigint>();
  for (const k of lineArcs) {
    const t = circ[k];
    if (t === 0n) continue;
    const key = payer[k - m] * n + payee[k - m];
    merged.set(key, (merged.get(key) ?? 0n) + t);
  }
  let movedToCredit = 0n;
  const moves: { move: CreditMove; a: bigint; b: bigint }[] = [];
  for (const [key, amount] of merged) {
    const p = Math.floor(key / n);
    const q = key - p * n;
    movedToCredit += amount;
    moves.push({
      move: { payer: ix.names[p], payee: ix.names[q], amount },
      a: addressKey(ix.names[p]),
      b: addressKey(ix.names[q]),
    });
  }
  moves.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));

  const potentials = certificate(n, m, arcCount, tail, head, usable, comp, compCount, local, pi, ix.names);
  return {
    setOffs,
    creditMoves: moves.map((x) => x.move),
    obligationsBefore,
    cleared,
    movedToCredit,
    nid,
    members: n,
    potentials,
  };
}

/**
 * Potentials for every member: inside a component p = -pi (the flow's potentials; the circulation's residual arcs
 * are the MTCS residual arcs reversed), shifted per component so that every arc between components (no flow, only
 * its forward residual arc) has a non-negative reduced cost: p(tail) - p(head) >= 1 for an obligation, >= 0 for a
 * credit line. Components are numbered sinks first, so one pass in id order suffices.
 */
function certificate(
  n: number,
  m: number,
  arcCount: number,
  tail: Int32Array,
  head: Int32Array,
  usable: Uint8Array,
  comp: Int32Array,
  compCount: number,
  local: Int32Array,
  pi: Float64Array,
  names: string[],
): Map<string, bigint> {
  const { start, arc } = outAdjacency(n, tail, arcCount);
  const compStart = new Int32Array(compCount + 1);
  for (let v = 0; v < n; v++) compStart[comp[v] + 1]++;
  for (let c = 0; c < compCount; c++) compStart[c + 1] += compStart[c];
  const byComp = new Int32Array(n);
  {
    const fill = compStart.slice(0, compCount);
    for (let v = 0; v < n; v++) byComp[fill[comp[v]]++] = v;
  }
  const p = new Float64Array(n);
  for (let v = 0; v < n; v++) p[v] = local[v] >= 0 ? -pi[local[v]] : 0;
  for (let c = 0; c < compCount; c++) {
    let offset = -Infinity;
    for (let i = compStart[c]; i < compStart[c + 1]; i++) {
      const u = byComp[i];
      for (let j = start[u]; j < start[u + 1]; j++) {
        const k = arc[j];
        if (usable[k] === 0) continue;
        const v = head[k];
        if (comp[v] === c) continue;
        const need = p[v] + (k < m ? 1 : 0) - p[u];
        if (need > offset) offset = need;
      }
    }
    if (offset === -Infinity) continue;
    for (let i = compStart[c]; i < compStart[c + 1]; i++) p[byComp[i]] += offset;
  }
  let min = Infinity;
  for (let v = 0; v < n; v++) if (p[v] < min) min = p[v];
  const potentials = new Map<string, bigint>();
  for (let v = 0; v < n; v++) potentials.set(names[v], BigInt(p[v] - min));
  return potentials;
}
