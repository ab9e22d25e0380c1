/**
 * Exact min-cost flow with bigint capacities and small non-negative integer costs: primal-dual (successive shortest
 * paths in batches). Each phase runs Dijkstra on reduced costs from every node with excess until the nearest deficit
 * node (distance D), raises the potentials by min(dist, D), collects the arcs of reduced cost 0 (fixed for the phase)
 * into their own adjacency, and saturates that admissible graph with Dinic rounds (BFS levels + current-arc blocking
 * flow) from the excess nodes to the deficit nodes. Costs, potentials, levels and adjacency live in typed arrays;
 * residual capacities and excesses are bigints, touched only to find and apply augmentations.
 *
 * Invariant: cost + pi[u] - pi[v] >= 0 on every open residual arc (true at pi = 0 since costs are >= 0; kept by
 * the Dijkstra update; augmentations use reduced-cost-0 arcs only, so the reverse arcs they open have 0 too).
 * At the end the flow is feasible and pi certifies it optimal. With `partial`, supply and demand need not balance:
 * the run stops when no excess node reaches a deficit node, which is successive shortest paths from a super source to a
 * super sink, so the flow is a maximum flow of least cost among the maximum flows (used by the cluster matcher).
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
  /** Dijkstra phases, Dinic rounds (BFS + blocking flow) and augmenting paths: for diagnostics. */
  phases: number;
  rounds: number;
  augmentations: number;
}

const INF = Infinity;

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
  const res: bigint[] = new Array<bigint>(arcs);
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
    res[a] = cap[e];
    res[a + 1] = 0n;
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

  const excess = supply.slice();
  const sign = new Int8Array(n);
  let positive = 0;
  for (let v = 0; v < n; v++) {
    const x = excess[v];
    if (x > 0n) {
      sign[v] = 1;
      positive++;
    } else if (x < 0n) sign[v] = -1;
  }
  const totalSources = positive;

  const pi = new Float64Array(n);
  const dist = new Float64Array(n);
  const done = new Uint8Array(n);
  const heapKey = new Float64Array(arcs + n + 1);
  const heapNode = new Int32Array(arcs + n + 1);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const cur = new Int32Array(n);
  const pathNode = new Int32Array(n + 1);
  const pathArc = new Int32Array(n + 1);
  let phases = 0;
  let rounds = 0;
  let augmentations = 0;

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

  /** Admissible adjacency of the phase: arcs of reduced cost 0 (fixed while pi is), open or not. */
  const zStart = new Int32Array(n + 1);
  const zArc = new Int32Array(arcs);
  const zFill = new Int32Array(n);
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
        zArc[zFill[u]++] = a;
        zArc[zFill[v]++] = a + 1;
      }
    }
  };

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

  let reported = -1;
  const report = (force: boolean) => {
    if (!onProgress) return;
    const doneSources = totalSources - positive;
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
    while (bfs()) {
      rounds++;
      blockingFlow();
    }
    report(false);
  }
  for (let v = 0; !problem.partial && v < n; v++) {
    if (excess[v] !== 0n) throw new Error("minCostFlow: unbalanced supply");
  }
  report(true);

  const flow: bigint[] = new Array<bigint>(m);
  for (let e = 0; e < m; e++) flow[e] = res[2 * e + 1];
  return { flow, pi, phases, rounds, augmentations };
}
