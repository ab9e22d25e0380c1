/**
 * Exact min-cost flow with bigint capacities and small non-negative integer costs: primal-dual (successive shortest
 * paths in batches). Each phase runs Dijkstra on reduced costs from every node with excess until the nearest deficit
 * node (distance D), raises the potentials by min(dist, D), collects the arcs of reduced cost 0 (fixed for the phase)
 * into their own adjacency, and routes as much excess as that admissible graph lets reach a deficit, with one of two
 * maximum-flow methods:
 *
 * - push-relabel (the default): highest label first, exact distance labels from the deficit nodes (global relabel)
 *   at the start and after every O(n + arcs) of relabelling work, and the gap heuristic. Amounts are two float64
 *   limbs (value = hi × 2^52 + lo, 0 <= lo < 2^52), which allocate nothing; it needs the capacities and the supply to
 *   sum below 2^100, and leaves the excess that cannot reach a deficit where it stopped (it is routed by a later
 *   phase), so it is not used for `partial` problems.
 * - Dinic rounds (bigint amounts): BFS levels from the excess nodes + current-arc blocking flow, until no deficit node
 *   is reachable. Used for `partial` problems and amounts beyond the limbs.
 *
 * Invariant: cost + pi[u] - pi[v] >= 0 on every open residual arc (true at pi = 0 since costs are >= 0; kept by
 * the Dijkstra update; flow moves on reduced-cost-0 arcs only, so the reverse arcs it opens have 0 too, wherever the
 * excess ends up). At the end the flow is feasible and pi certifies it optimal. With `partial`, supply and demand need
 * not balance: the run stops when no excess node reaches a deficit node, which is successive shortest paths from a
 * super source to a super sink, so the flow is a maximum flow of least cost among the maximum flows (used by the
 * cluster matcher).
 */

/** A min-cost flow problem: route `supply` (> 0 excess, < 0 demand, sum 0) over edges `from[e] -> to[e]`. */
export interface FlowProblem {
  n: number;
  m: number;
  from: Int32Array;
  to: Int32Array;
  /**
   * Cost per unit, integer >= 0. Float64Array for costs beyond int32: the run's distances and potentials stay below
   * 4 (n + 1) × max cost, which must be at most 2^53 so that every value is an exact integer (checked).
   */
  cost: Int32Array | Float64Array;
  cap: bigint[];
  supply: bigint[];
  /** Route as much supply as can reach a deficit (a maximum flow of least cost) instead of all of it. */
  partial?: boolean;
  /**
   * Give up with a {@link PhaseLimitError} after this many Dijkstra phases (default: none). Each phase costs a pass
   * over the graph and their number grows with the length of the routes the flow needs, so a caller with another
   * engine for long-route shapes can stop early.
   */
  maxPhases?: number;
  /**
   * How each phase routes the excess over the admissible graph: `"push-relabel"` (default; float64 limbs, used when
   * the problem is not `partial` and the capacities and the positive supplies each sum below 2^100) or `"dinic"`
   * (bigint, always possible). Both give an optimal flow; forcing one is for tests and comparisons.
   */
  phaseFlow?: "push-relabel" | "dinic";
  /**
   * The same capacities as two float64 limbs each (`cap[e] = hi[e] × 2^52 + lo[e]`, `0 <= lo[e] < 2^52`), when the
   * caller has them: push-relabel then need not convert `cap`.
   */
  capLimbs?: { hi: Float64Array; lo: Float64Array };
  /** Called now and then with the number of excess nodes fully routed, out of the initial number. */
  onProgress?: (done: number, total: number) => void;
}

export interface FlowResult {
  flow: bigint[];
  /**
   * Potentials with cost(u, v) + pi[u] - pi[v] >= 0 on every residual arc (u -> v forward where flow < cap,
   * v -> u backward, cost negated, where flow > 0): the optimality certificate.
   */
  pi: Float64Array;
  /** Dijkstra phases, for diagnostics. */
  phases: number;
  /** Dinic: rounds (BFS + blocking flow) and augmenting paths. Push-relabel: 0 and the number of pushes. */
  rounds: number;
  augmentations: number;
  /** Push-relabel: relabels, global relabels and gaps found (0 with Dinic). */
  relabels: number;
  globalRelabels: number;
  gaps: number;
}

const INF = Infinity;
/** 2^52, the low limb's base. */
const B = 4503599627370496;
const B_BIG = 4503599627370496n;
/** Limbs hold every value exactly while the totals stay below this. */
const LIMB_LIMIT = 1n << 100n;

/** Thrown by {@link minCostFlow} when it reaches its `maxPhases`. */
export class PhaseLimitError extends Error {
  readonly phases: number;
  constructor(phases: number) {
    super(`minCostFlow: stopped after ${phases} phases`);
    this.phases = phases;
  }
}

export function minCostFlow(problem: FlowProblem): FlowResult {
  const { n, m, from, to, cost, cap, supply, onProgress } = problem;
  const arcs = 2 * m;
  const arcTo = new Int32Array(arcs);
  const arcCost = new Float64Array(arcs);
  let maxCost = 0;
  const open = new Uint8Array(arcs);
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const a = 2 * e;
    if (!(cost[e] >= 0) || !Number.isInteger(cost[e])) throw new Error("minCostFlow: costs must be integers >= 0");
    if (cost[e] > maxCost) maxCost = cost[e];
    arcTo[a] = to[e];
    arcTo[a + 1] = from[e];
    arcCost[a] = cost[e];
    arcCost[a + 1] = -cost[e];
    open[a] = cap[e] > 0n ? 1 : 0;
    start[from[e] + 1]++;
    start[to[e] + 1]++;
  }
  if (maxCost * 4 * (n + 1) > 2 ** 53) throw new RangeError("minCostFlow: costs too large for exact potentials");
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const adj = new Int32Array(arcs);
  {
    const fill = start.slice(0, n);
    for (let e = 0; e < m; e++) {
      adj[fill[from[e]]++] = 2 * e;
      adj[fill[to[e]]++] = 2 * e + 1;
    }
  }

  const sign = new Int8Array(n);
  let positive = 0;
  let supplyTotal = 0n;
  for (let v = 0; v < n; v++) {
    const x = supply[v];
    if (x > 0n) {
      sign[v] = 1;
      positive++;
      supplyTotal += x;
    } else if (x < 0n) sign[v] = -1;
  }
  const totalSources = positive;
  let limbs = problem.phaseFlow !== "dinic" && !problem.partial && supplyTotal < LIMB_LIMIT;

  // Amounts: bigints for Dinic; for push-relabel two float64 limbs per residual capacity and per excess.
  let res: bigint[] = [];
  let excess: bigint[] = [];
  let rHi = new Float64Array(0);
  let rLo = new Float64Array(0);
  let exHi = new Float64Array(0);
  let exLo = new Float64Array(0);
  if (limbs) {
    rHi = new Float64Array(arcs);
    rLo = new Float64Array(arcs);
    // the capacities must sum below 2^100: the high limbs below 2^48 (each is the floor of a capacity / 2^52)
    let hiTotal = 0;
    const given = problem.capLimbs;
    for (let e = 0; e < m; e++) {
      if (given !== undefined) {
        hiTotal += rHi[2 * e] = given.hi[e];
        rLo[2 * e] = given.lo[e];
        continue;
      }
      const c = cap[e];
      if (c < B_BIG) rLo[2 * e] = Number(c);
      else {
        const hi = Number(c >> 52n);
        hiTotal += hi;
        rHi[2 * e] = hi;
        rLo[2 * e] = Number(BigInt.asUintN(52, c));
      }
    }
    limbs = hiTotal + m < 2 ** 48;
  }
  if (limbs) {
    exHi = new Float64Array(n);
    exLo = new Float64Array(n);
    for (let v = 0; v < n; v++) {
      const x = supply[v];
      const hi = x >> 52n; // floor, so the low limb is in [0, 2^52) for negative values too
      exHi[v] = Number(hi);
      exLo[v] = Number(x - (hi << 52n));
    }
  } else {
    res = new Array<bigint>(arcs);
    for (let e = 0; e < m; e++) {
      res[2 * e] = cap[e];
      res[2 * e + 1] = 0n;
    }
    excess = supply.slice();
  }

  const pi = new Float64Array(n);
  const dist = new Float64Array(n);
  const done = new Uint8Array(n);
  const heapKey = new Float64Array(arcs + n + 1);
  const heapNode = new Int32Array(arcs + n + 1);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const cur = new Int32Array(n);
  let phases = 0;
  let rounds = 0;
  let augmentations = 0;
  let relabels = 0;
  let globalRelabels = 0;
  let gaps = 0;

  /** Dijkstra from all excess nodes to the nearest deficit node; updates pi. Returns D, or -1 if none reachable. */
  const dijkstra = (): number => {
    dist.fill(INF);
    done.fill(0);
    let size = 0;
    const push = (key: number, node: number) => {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heapKey[parent] <= key) break;
        heapKey[i] = heapKey[parent];
        heapNode[i] = heapNode[parent];
        i = parent;
      }
      heapKey[i] = key;
      heapNode[i] = node;
    };
    for (let v = 0; v < n; v++) {
      if (sign[v] > 0) {
        dist[v] = 0;
        heapKey[size] = 0;
        heapNode[size++] = v;
      }
    }
    let D = -1;
    while (size > 0) {
      const d = heapKey[0];
      const u = heapNode[0];
      // pop: move the last entry down from the root
      size--;
      if (size > 0) {
        const key = heapKey[size];
        const node = heapNode[size];
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          if (c + 1 < size && heapKey[c + 1] < heapKey[c]) c++;
          if (heapKey[c] >= key) break;
          heapKey[i] = heapKey[c];
          heapNode[i] = heapNode[c];
          i = c;
        }
        heapKey[i] = key;
        heapNode[i] = node;
      }
      if (done[u] === 1 || d > dist[u]) continue;
      done[u] = 1;
      if (sign[u] < 0) {
        D = d;
        break;
      }
      const base = d + pi[u];
      for (let k = start[u], end = start[u + 1]; k < end; k++) {
        const a = adj[k];
        if (open[a] === 0) continue;
        const v = arcTo[a];
        if (done[v] === 1) continue;
        const nd = base + arcCost[a] - pi[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          push(nd, v);
        }
      }
    }
    if (D < 0) return -1;
    for (let v = 0; v < n; v++) pi[v] += done[v] === 1 ? dist[v] : D;
    return D;
  };

  /**
   * Admissible adjacency of the phase: arcs of reduced cost 0 (fixed while pi is), open or not. An arc and its
   * reverse have the same reduced cost up to sign, so both are listed, each at its tail.
   */
  const zStart = new Int32Array(n + 1);
  const zArc = new Int32Array(arcs);
  const zFill = new Int32Array(n);
  const slots = limbs ? arcs : 0;
  const zTo = new Int32Array(slots);
  const zRev = new Int32Array(slots);
  const zOpen = new Uint8Array(slots);
  const zBack = new Uint8Array(slots); // zBack[k] = zOpen[zRev[k]]: the slot the other way is open
  const zHi = new Float64Array(slots);
  const zLo = new Float64Array(slots);
  const buildAdmissible = () => {
    zStart.fill(0);
    for (let a = 0; a < arcs; a += 2) {
      const u = arcTo[a + 1];
      const v = arcTo[a];
      if (arcCost[a] + pi[u] === pi[v]) {
        zStart[u + 1]++;
        zStart[v + 1]++;
      }
    }
    for (let v = 0; v < n; v++) zStart[v + 1] += zStart[v];
    zFill.set(zStart.subarray(0, n));
    for (let a = 0; a < arcs; a += 2) {
      const u = arcTo[a + 1];
      const v = arcTo[a];
      if (arcCost[a] + pi[u] === pi[v]) {
        const ku = zFill[u]++;
        const kv = zFill[v]++;
        zArc[ku] = a;
        zArc[kv] = a + 1;
        if (limbs) {
          // push-relabel works on the slots: head, reverse slot, open flag and residual limbs side by side
          zTo[ku] = v;
          zTo[kv] = u;
          zRev[ku] = kv;
          zRev[kv] = ku;
          zOpen[ku] = zBack[kv] = open[a];
          zOpen[kv] = zBack[ku] = open[a + 1];
          zHi[ku] = rHi[a];
          zLo[ku] = rLo[a];
          zHi[kv] = rHi[a + 1];
          zLo[kv] = rLo[a + 1];
        }
      }
    }
  };
  /** Copies the slots' residuals back to the arcs at the end of a push-relabel phase. */
  const storeAdmissible = () => {
    for (let k = 0, end = zStart[n]; k < end; k++) {
      const a = zArc[k];
      open[a] = zOpen[k];
      rHi[a] = zHi[k];
      rLo[a] = zLo[k];
    }
  };

  // ---- Dinic rounds (bigint) ---------------------------------------------------------------------------------

  const pathNode = limbs ? new Int32Array(0) : new Int32Array(n + 1);
  const pathArc = limbs ? new Int32Array(0) : new Int32Array(n + 1);

  /** BFS levels over admissible arcs from the excess nodes; true if a deficit node is reached. */
  const bfs = (): boolean => {
    level.fill(-1);
    let head = 0;
    let tail = 0;
    for (let v = 0; v < n; v++) {
      if (sign[v] > 0) {
        level[v] = 0;
        queue[tail++] = v;
      }
    }
    let sinkLevel = INF;
    while (head < tail) {
      const u = queue[head++];
      const lu = level[u];
      if (lu >= sinkLevel) continue;
      for (let k = zStart[u], end = zStart[u + 1]; k < end; k++) {
        const a = zArc[k];
        if (open[a] === 0) continue;
        const v = arcTo[a];
        if (level[v] !== -1) continue;
        level[v] = lu + 1;
        queue[tail++] = v;
        if (sign[v] < 0 && sinkLevel === INF) sinkLevel = lu + 1;
      }
    }
    return sinkLevel !== INF;
  };

  /** Blocking flow on the level graph (current-arc DFS, iterative). */
  const blockingFlow = () => {
    cur.set(zStart.subarray(0, n));
    for (let s = 0; s < n; s++) {
      if (sign[s] <= 0 || level[s] !== 0) continue;
      while (sign[s] > 0) {
        let top = 0;
        pathNode[0] = s;
        let found = false;
        for (;;) {
          const u = pathNode[top];
          if (top > 0 && sign[u] < 0) {
            found = true;
            break;
          }
          const lu = level[u] + 1;
          const end = zStart[u + 1];
          let k = cur[u];
          for (; k < end; k++) {
            const a = zArc[k];
            if (open[a] === 0) continue;
            const v = arcTo[a];
            if (level[v] !== lu) continue;
            pathArc[top] = a;
            pathNode[++top] = v;
            break;
          }
          cur[u] = k;
          if (k === end) {
            level[u] = -1; // dead end for this round
            if (top === 0) break;
            top--;
          }
        }
        if (!found) break;
        // bottleneck
        const t = pathNode[top];
        let delta = excess[s];
        const need = -excess[t];
        if (need < delta) delta = need;
        for (let i = 0; i < top; i++) {
          const r = res[pathArc[i]];
          if (r < delta) delta = r;
        }
        for (let i = 0; i < top; i++) {
          const a = pathArc[i];
          const r = res[a] - delta;
          res[a] = r;
          if (r === 0n) open[a] = 0;
          res[a ^ 1] += delta;
          open[a ^ 1] = 1;
        }
        const xs = excess[s] - delta;
        excess[s] = xs;
        if (xs === 0n) {
          sign[s] = 0;
          positive--;
        }
        const xt = excess[t] + delta;
        excess[t] = xt;
        if (xt === 0n) sign[t] = 0;
        augmentations++;
      }
    }
  };

  // ---- push-relabel (limbs) ----------------------------------------------------------------------------------

  // label[v]: a lower bound on v's distance to a deficit node over open admissible arcs (deficit nodes 0), or n when
  // none is reachable. Nodes with excess are kept per label in stacks (aFirst/aNext), and every labelled node in a
  // doubly linked list per label (bFirst/bNext/bPrev), which finds gaps: when no node is left at label d, no node
  // above d reaches a deficit any more.
  const size = limbs ? n + 1 : 0;
  const label = new Int32Array(size);
  const aFirst = new Int32Array(size).fill(-1);
  const aNext = new Int32Array(size);
  const bFirst = new Int32Array(size).fill(-1);
  const bNext = new Int32Array(size);
  const bPrev = new Int32Array(size);
  let maxActive = -1;
  let maxLabel = -1;
  const bucketInsert = (v: number, d: number) => {
    const h = bFirst[d];
    bNext[v] = h;
    bPrev[v] = -1;
    if (h >= 0) bPrev[h] = v;
    bFirst[d] = v;
  };
  const bucketRemove = (v: number, d: number) => {
    const p = bPrev[v];
    const x = bNext[v];
    if (p >= 0) bNext[p] = x;
    else bFirst[d] = x;
    if (x >= 0) bPrev[x] = p;
  };
  const activate = (v: number, d: number) => {
    aNext[v] = aFirst[d];
    aFirst[d] = v;
    if (d > maxActive) maxActive = d;
  };

  /** Exact labels: BFS backwards from the deficit nodes over open admissible arcs. */
  const globalRelabel = () => {
    globalRelabels++;
    for (let d = 0; d <= maxLabel; d++) {
      aFirst[d] = -1;
      bFirst[d] = -1;
    }
    label.fill(n);
    let head = 0;
    let tail = 0;
    for (let v = 0; v < n; v++) {
      if (sign[v] < 0) {
        label[v] = 0;
        queue[tail++] = v;
      }
    }
    maxActive = -1;
    maxLabel = -1;
    while (head < tail) {
      const v = queue[head++];
      const d = label[v];
      bucketInsert(v, d);
      maxLabel = d;
      if (sign[v] > 0) activate(v, d);
      cur[v] = zStart[v];
      for (let k = zStart[v], end = zStart[v + 1]; k < end; k++) {
        if (zBack[k] === 0) continue; // the slot w -> v is closed
        const w = zTo[k];
        if (label[w] !== n) continue;
        label[w] = d + 1;
        queue[tail++] = w;
      }
    }
  };

  /**
   * Moves min(excess(u), residual) along the open admissible slot k = u -> v (label(v) = label(u) - 1): limbs
   * subtracted and added with one carry each. Returns true when u's excess is used up.
   */
  const pushSlot = (u: number, k: number, v: number): boolean => {
    let dh = exHi[u];
    let dl = exLo[u];
    const rh = zHi[k];
    const rl = zLo[k];
    let emptied = true;
    if (rh < dh || (rh === dh && rl <= dl)) {
      // saturating push
      emptied = rh === dh && rl === dl;
      dh = rh;
      dl = rl;
      zHi[k] = 0;
      zLo[k] = 0;
      zOpen[k] = 0;
      zBack[zRev[k]] = 0;
    } else {
      let l = rl - dl;
      let h = rh - dh;
      if (l < 0) {
        l += B;
        h -= 1;
      }
      zLo[k] = l;
      zHi[k] = h;
    }
    const r = zRev[k];
    let l = zLo[r] + dl;
    let h = zHi[r] + dh;
    if (l >= B) {
      l -= B;
      h += 1;
    }
    zLo[r] = l;
    zHi[r] = h;
    zOpen[r] = 1;
    zBack[k] = 1;
    if (emptied) {
      exHi[u] = 0;
      exLo[u] = 0;
    } else {
      l = exLo[u] - dl;
      h = exHi[u] - dh;
      if (l < 0) {
        l += B;
        h -= 1;
      }
      exLo[u] = l;
      exHi[u] = h;
    }
    l = exLo[v] + dl;
    h = exHi[v] + dh;
    if (l >= B) {
      l -= B;
      h += 1;
    }
    exLo[v] = l;
    exHi[v] = h;
    const s = h > 0 || (h === 0 && l > 0) ? 1 : h < 0 ? -1 : 0;
    if (s !== sign[v]) {
      if (s > 0) {
        positive++;
        activate(v, label[v]);
      }
      sign[v] = s;
    }
    augmentations++;
    return emptied;
  };

  /**
   * Routes as much excess as the admissible graph lets reach a deficit node: highest-label push-relabel, with a
   * global relabel at the start and after every 6n + (admissible arcs) / 2 arc scans of relabelling, and the gap
   * heuristic. Excess at nodes that reach no deficit stays there for the next phase.
   */
  const pushRelabel = () => {
    globalRelabel();
    let work = 0;
    const workLimit = 6 * n + (zStart[n] >> 1);
    while (maxActive >= 0) {
      const u = aFirst[maxActive];
      if (u < 0) {
        maxActive--;
        continue;
      }
      aFirst[maxActive] = aNext[u];
      // discharge u: push on admissible arcs from its current arc on, relabel when there is none
      let du = label[u];
      const first = zStart[u];
      const end = zStart[u + 1];
      for (;;) {
        let k = cur[u];
        let emptied = false;
        for (; k < end; k++) {
          if (zOpen[k] === 0) continue;
          const v = zTo[k];
          if (label[v] !== du - 1) continue;
          if (pushSlot(u, k, v)) {
            emptied = true;
            break;
          }
        }
        cur[u] = k;
        if (emptied) {
          sign[u] = 0;
          positive--;
          break;
        }
        // relabel: one above the lowest neighbour over an open arc
        relabels++;
        let best = n;
        let bestK = first;
        for (let j = first; j < end; j++) {
          if (zOpen[j] === 0) continue;
          const l = label[zTo[j]];
          if (l < best) {
            best = l;
            bestK = j;
          }
        }
        work += end - first + 12;
        bucketRemove(u, du);
        if (bFirst[du] < 0) {
          // gap: no node is left at label du, so none above it (u included) reaches a deficit node
          gaps++;
          for (let d = du + 1; d <= maxLabel; d++) {
            for (let w = bFirst[d]; w >= 0; w = bNext[w]) label[w] = n;
            bFirst[d] = -1;
            aFirst[d] = -1;
          }
          label[u] = n;
          maxLabel = du - 1;
          if (maxActive > maxLabel) maxActive = maxLabel;
          break;
        }
        if (best >= n - 1) {
          label[u] = n;
          break;
        }
        du = best + 1;
        label[u] = du;
        cur[u] = bestK;
        bucketInsert(u, du);
        if (du > maxLabel) maxLabel = du;
        if (work > workLimit) {
          globalRelabel(); // u is stacked again if it still reaches a deficit node
          work = 0;
          break;
        }
      }
    }
  };

  let reported = -1;
  const report = (force: boolean) => {
    if (!onProgress) return;
    // push-relabel may leave excess on nodes that had none: count progress as the sources left, never going back
    const doneSources = Math.max(reported, totalSources - Math.min(positive, totalSources));
    if (force || doneSources - reported >= Math.max(1, totalSources / 100)) {
      reported = doneSources;
      onProgress(doneSources, totalSources);
    }
  };
  report(true);
  while (positive > 0) {
    if (dijkstra() < 0) {
      if (problem.partial) break;
      throw new Error("minCostFlow: infeasible (supply cannot reach demand)");
    }
    phases++;
    if (problem.maxPhases !== undefined && phases > problem.maxPhases) throw new PhaseLimitError(problem.maxPhases);
    buildAdmissible();
    if (limbs) {
      pushRelabel();
      storeAdmissible();
    } else {
      while (bfs()) {
        rounds++;
        blockingFlow();
      }
    }
    report(false);
  }
  for (let v = 0; !problem.partial && v < n; v++) {
    if (limbs ? exHi[v] !== 0 || exLo[v] !== 0 : excess[v] !== 0n) throw new Error("minCostFlow: unbalanced supply");
  }
  report(true);

  const flow: bigint[] = new Array<bigint>(m);
  for (let e = 0; e < m; e++) {
    const r = 2 * e + 1;
    if (!limbs) flow[e] = res[r];
    else if (rHi[r - 1] === 0 && rLo[r - 1] === 0)
      flow[e] = cap[e]; // full: no new bigint
    else if (rHi[r] === 0) flow[e] = rLo[r] === 0 ? 0n : BigInt(rLo[r]);
    else flow[e] = (BigInt(rHi[r]) << 52n) + BigInt(rLo[r]);
  }
  return { flow, pi, phases, rounds, augmentations, relabels, globalRelabels, gaps };
}
