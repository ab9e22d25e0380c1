/**
 * Maximum-gain circulation by cost scaling (Goldberg's push-relabel method, as in LEMON's CostScaling and CS2): the
 * flows s on arcs `tail -> head` with 0 <= s <= cap and flow conserved at every node that maximise sum(weight * s).
 * As a min-cost circulation the costs are -weight, multiplied by n + 1; an ε-optimal circulation (every residual arc
 * has reduced cost >= -ε) is refined from ε = max cost down to ε = 1, dividing by {@link ALPHA}, and at ε = 1 every
 * residual cycle has scaled cost > -(n + 1), so unscaled cost >= 0: the circulation is optimal. The number of refine
 * passes is log_ALPHA(n · max weight), whatever the shape of the graph (a long cycle needs no more passes than a
 * short one), which is what the successive-shortest-path method lacks.
 *
 * Amounts are exact: capacities, flows and excesses are kept as two float64 limbs (value = hi · 2^52 + lo, 0 <= lo <
 * 2^52), which allocate nothing, unlike bigints; {@link fitsScaling} checks that every value fits (the caller keeps
 * the bigint engine for larger inputs). Prices are integers in float64, bounded as checked there.
 *
 * Each refine saturates the arcs of negative reduced cost, then discharges nodes with excess in FIFO order (push on
 * arcs of negative reduced cost, looking ahead: a node without deficit and without such an arc is relabelled before
 * anything is pushed to it; relabel to the best residual arc's price minus ε), with a global price update (a
 * bucket-based shortest-path pass from the deficits, lengths floor(reduced cost / ε) + 1) at the start and after
 * every n/2 relabels. At the end, exact integer potentials are recovered from the prices by a label-correcting pass
 * that moves each node at most one unit.
 */

/** The factor by which ε shrinks between refine passes. */
export const ALPHA = 16;

/** A global price update runs after this many relabels per node. */
const UPDATE_FACTOR = 0.5;

const B = 4503599627370496; // 2^52, the low limb's base
const B_BIG = 4503599627370496n;
const LO_MASK = B_BIG - 1n;

export interface CirculationProblem {
  n: number;
  m: number;
  tail: Int32Array;
  head: Int32Array;
  /** Gain per unit of flow on the arc, an integer >= 0. */
  weight: Int32Array;
  cap: bigint[];
  /** Called after each refine pass with (passes done, passes in all). */
  onProgress?: (done: number, total: number) => void;
}

export interface CirculationResult {
  /** Optimal flow per arc. */
  flow: bigint[];
  /**
   * Integer potentials proving it optimal: an arc with flow < cap has p(tail) - p(head) >= weight, an arc with
   * flow > 0 has p(tail) - p(head) <= weight.
   */
  potentials: Float64Array;
  /** Refine passes, pushes, relabels and global price updates, for diagnostics. */
  refines: number;
  pushes: number;
  relabels: number;
  updates: number;
}

/**
 * Whether {@link maxCirculation} can solve the problem exactly: the capacities sum below 0.999 × 2^100 (so that every flow
 * and excess fits two limbs) and prices stay below 2^50 (they move by at most about 3 n ε per pass, and ε starts at
 * (n + 1) × the largest weight).
 */
export function fitsScaling(problem: CirculationProblem): boolean {
  const { n, m, weight, cap } = problem;
  // summed as doubles (no bigint operation per arc): relative error below m × 2^-53, far inside the 0.1 % margin
  let total = 0;
  for (let e = 0; e < m; e++) total += Number(cap[e]);
  let maxW = 0;
  for (let e = 0; e < m; e++) if (weight[e] > maxW) maxW = weight[e];
  return total < 0.999 * 2 ** 100 && 4 * (n + 1) * (n + 1) * Math.max(1, maxW) < 2 ** 50;
}

export function maxCirculation(problem: CirculationProblem): CirculationResult {
  const { n, m, tail, head, weight, cap } = problem;
  const arcs = 2 * m;
  const scale = n + 1;
  const arcTo = new Int32Array(arcs);
  const cost = new Float64Array(arcs);
  const rHi = new Float64Array(arcs);
  const rLo = new Float64Array(arcs);
  const start = new Int32Array(n + 1);
  let maxW = 0;
  for (let e = 0; e < m; e++) {
    const a = 2 * e;
    const w = weight[e];
    if (w > maxW) maxW = w;
    arcTo[a] = head[e];
    arcTo[a + 1] = tail[e];
    cost[a] = -w * scale;
    cost[a + 1] = w * scale;
    const c = cap[e];
    rHi[a] = Number(c >> 52n);
    rLo[a] = Number(c & LO_MASK);
    start[tail[e] + 1]++;
    start[head[e] + 1]++;
  }
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const adj = new Int32Array(arcs);
  {
    const fill = start.slice(0, n);
    for (let e = 0; e < m; e++) {
      adj[fill[tail[e]]++] = 2 * e;
      adj[fill[head[e]]++] = 2 * e + 1;
    }
  }

  const exHi = new Float64Array(n);
  const exLo = new Float64Array(n);
  const p = new Float64Array(n);
  const cur = new Int32Array(n);
  const inQueue = new Uint8Array(n);
  const fifo = new Int32Array(n + 1);
  let qHead = 0;
  let qTail = 0;
  let pushes = 0;
  let relabels = 0;
  let updates = 0;
  let refines = 0;

  const positive = (v: number) => exHi[v] > 0 || (exHi[v] === 0 && exLo[v] > 0);
  const enqueue = (v: number) => {
    if (inQueue[v] === 1) return;
    inQueue[v] = 1;
    fifo[qTail] = v;
    qTail = qTail === n ? 0 : qTail + 1;
  };
  /** Moves (hi, lo) along arc a from v to arcTo[a]: residual of a down, of its reverse up, excesses shifted. */
  const move = (v: number, a: number, hi: number, lo: number) => {
    let l = rLo[a] - lo;
    let h = rHi[a] - hi;
    if (l < 0) {
      l += B;
      h -= 1;
    }
    rLo[a] = l;
    rHi[a] = h;
    const r = a ^ 1;
    l = rLo[r] + lo;
    h = rHi[r] + hi;
    if (l >= B) {
      l -= B;
      h += 1;
    }
    rLo[r] = l;
    rHi[r] = h;
    l = exLo[v] - lo;
    h = exHi[v] - hi;
    if (l < 0) {
      l += B;
      h -= 1;
    }
    exLo[v] = l;
    exHi[v] = h;
    const w = arcTo[a];
    const wasPositive = positive(w);
    l = exLo[w] + lo;
    h = exHi[w] + hi;
    if (l >= B) {
      l -= B;
      h += 1;
    }
    exLo[w] = l;
    exHi[w] = h;
    if (!wasPositive && positive(w)) enqueue(w);
    pushes++;
  };

  // Global price update: bucket-based shortest distances to the nearest deficit over residual arcs of length
  // floor(reduced cost / ε) + 1, until every node with excess is reached; p -= ε × distance (unreached: the radius).
  const dist = new Int32Array(n);
  const scanned = new Uint8Array(n);
  const bucketHead = new Int32Array(n + 2);
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const UNSET = 2147483647;
  const globalUpdate = (eps: number) => {
    updates++;
    bucketHead.fill(-1);
    dist.fill(UNSET);
    scanned.fill(0);
    const insert = (v: number, d: number) => {
      dist[v] = d;
      const h = bucketHead[d];
      next[v] = h;
      prev[v] = -1;
      if (h >= 0) prev[h] = v;
      bucketHead[d] = v;
    };
    const remove = (v: number) => {
      const d = dist[v];
      if (prev[v] >= 0) next[prev[v]] = next[v];
      else bucketHead[d] = next[v];
      if (next[v] >= 0) prev[next[v]] = prev[v];
    };
    let active = 0;
    for (let v = 0; v < n; v++) {
      if (exHi[v] < 0) insert(v, 0);
      else if (positive(v)) active++;
    }
    const maxBucket = n;
    let radius = 0;
    for (let b = 0; b <= maxBucket && active > 0; b++) {
      radius = b + 1;
      while (bucketHead[b] >= 0) {
        const w = bucketHead[b];
        remove(w);
        scanned[w] = 1;
        if (positive(w)) active--;
        const pw = p[w];
        for (let k = start[w], end = start[w + 1]; k < end; k++) {
          const r = adj[k] ^ 1; // the arc u -> w
          if (rHi[r] === 0 && rLo[r] === 0) continue;
          const u = arcTo[adj[k]];
          if (scanned[u] === 1) continue;
          const nd = b + Math.floor((cost[r] + p[u] - pw) / eps) + 1;
          if (nd >= dist[u] || nd > maxBucket) continue;
          if (dist[u] !== UNSET) remove(u);
          insert(u, nd);
        }
      }
    }
    let low = 0;
    for (let v = 0; v < n; v++) {
      const value = p[v] - eps * (scanned[v] === 1 ? dist[v] : radius);
      p[v] = value;
      if (value < low) low = value;
    }
    if (!(low > -(2 ** 52))) throw new RangeError("maxCirculation: prices out of range");
  };

  let sinceUpdate = 0;
  const updateEvery = Math.max(16, Math.floor(n * UPDATE_FACTOR));
  /** Whether v has an arc of negative reduced cost, from its current arc on (arcs before it are not admissible). */
  const hasAdmissible = (v: number) => {
    const pv = p[v];
    const end = start[v + 1];
    for (let k = cur[v]; k < end; k++) {
      const a = adj[k];
      if (rHi[a] === 0 && rLo[a] === 0) continue;
      if (cost[a] + pv - p[arcTo[a]] < 0) {
        cur[v] = k;
        return true;
      }
    }
    cur[v] = end;
    return false;
  };
  /** Lowers p(v) so that its best residual arc has reduced cost -ε; false if v has no residual arc. */
  const relabel = (v: number, eps: number): boolean => {
    let best = -Infinity;
    for (let j = start[v], end = start[v + 1]; j < end; j++) {
      const a = adj[j];
      if (rHi[a] === 0 && rLo[a] === 0) continue;
      const value = p[arcTo[a]] - cost[a];
      if (value > best) best = value;
    }
    if (best === -Infinity) return false;
    p[v] = best - eps;
    if (!(p[v] > -(2 ** 52))) throw new RangeError("maxCirculation: prices out of range");
    cur[v] = start[v];
    relabels++;
    sinceUpdate++;
    return true;
  };

  const refine = (eps: number) => {
    refines++;
    // Saturate every residual arc of negative reduced cost: the circulation becomes 0-optimal, with excesses.
    for (let v = 0; v < n; v++) {
      const pv = p[v];
      for (let k = start[v], end = start[v + 1]; k < end; k++) {
        const a = adj[k];
        if (rHi[a] === 0 && rLo[a] === 0) continue;
        if (cost[a] + pv - p[arcTo[a]] < 0) move(v, a, rHi[a], rLo[a]);
      }
    }
    qHead = qTail = 0;
    inQueue.fill(0);
    for (let v = 0; v < n; v++) if (positive(v)) enqueue(v);
    globalUpdate(eps);
    cur.set(start.subarray(0, n));
    sinceUpdate = 0;
    while (qHead !== qTail) {
      const v = fifo[qHead];
      qHead = qHead === n ? 0 : qHead + 1;
      inQueue[v] = 0;
      const end = start[v + 1];
      while (positive(v)) {
        const pv = p[v];
        let k = cur[v];
        for (; k < end; k++) {
          const a = adj[k];
          if (rHi[a] === 0 && rLo[a] === 0) continue;
          const w = arcTo[a];
          if (cost[a] + pv - p[w] >= 0) continue;
          // look-ahead: a node that holds no deficit and has no admissible arc would only send the excess back, so
          // it is relabelled first, and the arc is used only if it stays admissible
          if (exHi[w] >= 0 && !hasAdmissible(w)) {
            relabel(w, eps);
            if (cost[a] + pv - p[w] >= 0) continue;
          }
          break;
        }
        if (k < end) {
          cur[v] = k;
          const a = adj[k];
          const xh = exHi[v];
          const xl = exLo[v];
          const rh = rHi[a];
          const rl = rLo[a];
          if (xh < rh || (xh === rh && xl < rl)) move(v, a, xh, xl);
          else move(v, a, rh, rl);
          continue;
        }
        if (!relabel(v, eps)) throw new Error("maxCirculation: a node with excess has no residual arc");
        if (sinceUpdate > updateEvery) {
          globalUpdate(eps);
          sinceUpdate = 0;
          cur.set(start.subarray(0, n));
        }
      }
    }
  };

  let eps = maxW * scale;
  let passes = 0;
  for (let e = eps; e > 1; e = Math.max(1, Math.floor(e / ALPHA))) passes++;
  problem.onProgress?.(0, passes);
  while (eps > 1) {
    eps = Math.max(1, Math.floor(eps / ALPHA));
    refine(eps);
    problem.onProgress?.(refines, passes);
  }

  // Exact potentials: start from floor(p / scale) (every residual arc then violates c + P(tail) - P(head) >= 0 by
  // at most one unit) and relax P(head) <= P(tail) + c over residual arcs until none is violated; each node moves
  // down at most once by one unit, so this is O(arcs).
  const P = new Float64Array(n);
  for (let v = 0; v < n; v++) P[v] = Math.floor(p[v] / scale);
  qHead = qTail = 0;
  inQueue.fill(0);
  for (let v = 0; v < n; v++) enqueue(v);
  let relaxations = 0;
  while (qHead !== qTail) {
    const v = fifo[qHead];
    qHead = qHead === n ? 0 : qHead + 1;
    inQueue[v] = 0;
    for (let k = start[v], end = start[v + 1]; k < end; k++) {
      const a = adj[k];
      if (rHi[a] === 0 && rLo[a] === 0) continue;
      const w = arcTo[a];
      const bound = P[v] + cost[a] / scale;
      if (P[w] > bound) {
        P[w] = bound;
        enqueue(w);
        if (++relaxations > 4 * (n + arcs)) throw new Error("maxCirculation: internal error: not optimal");
      }
    }
  }

  const flow: bigint[] = new Array<bigint>(m);
  for (let e = 0; e < m; e++) {
    const r = 2 * e + 1;
    flow[e] = rHi[r] === 0 ? BigInt(rLo[r]) : (BigInt(rHi[r]) << 52n) | BigInt(rLo[r]);
  }
  return { flow, potentials: P, refines, pushes, relabels, updates };
}
