/**
 * Cost scaling (Goldberg and Tarjan's ε-scaling push-relabel for minimum-cost flow): improves a feasible flow to one
 * of least cost with the same net flow at every node. Costs are multiplied by n + 1, so that 1-optimality (every
 * residual arc's reduced cost >= −1) proves the flow optimal for the integer costs. Each refine(ε) saturates the arcs
 * of negative reduced cost, then discharges the nodes with excess FIFO (push on arcs of negative reduced cost, relabel
 * p(u) = max over residual arcs of p(v) − c(u, v) − ε), ε divided by 16 per round down to 1. Flows, costs and prices
 * are exact integers in doubles: scaled costs must be <= 2^51 ({@link scalingFits}) and prices (which only fall) stay
 * above −2^51, so every c + p(u) − p(v) is below 2^53; a run whose prices would fall further stops and reports it.
 *
 * Global price updates (Goldberg's set-relabel) at the start of each refine and after every n relabels make it fast:
 * rank(u) = fewest ε-steps by which u's price must drop to open an admissible path to a deficit node, by a bucket
 * Dijkstra backwards over residual arcs of length max(0, ⌊c_p / ε⌋ + 1), ranks capped at n; then p(u) −= ε × rank(u),
 * nodes not reached dropping by the last rank + 1. Every residual arc keeps c_p >= −ε.
 */

const ALPHA = 16;

/** Prices stay above −LIMIT and scaled costs below LIMIT: every sum of three stays an exact integer. */
const LIMIT = 2 ** 51;

/** Whether costs up to `maxCost` on `n` nodes, scaled by n + 1, are small enough for {@link costScaling}. */
export const scalingFits = (n: number, maxCost: number): boolean => maxCost * (n + 1) <= LIMIT;

/**
 * Minimises Σ cost × flow over the flows with the same net flow at every node as `flow` (feasible: 0 <= flow <=
 * cap), in place. Arcs e: from[e] → to[e], integer cost >= 0. Returns false, `flow` untouched, if prices would leave
 * the exact range.
 */
export function costScaling(
  n: number,
  from: Int32Array,
  to: Int32Array,
  cost: Float64Array,
  cap: Float64Array,
  flow: Float64Array,
): boolean {
  const m = from.length;
  const arcs = 2 * m;
  const arcTo = new Int32Array(arcs);
  const arcCost = new Float64Array(arcs);
  const res = new Float64Array(arcs);
  const start = new Int32Array(n + 1);
  let eps = 0;
  for (let e = 0; e < m; e++) {
    const c = cost[e] * (n + 1);
    arcTo[2 * e] = to[e];
    arcTo[2 * e + 1] = from[e];
    arcCost[2 * e] = c;
    arcCost[2 * e + 1] = -c;
    res[2 * e] = cap[e] - flow[e];
    res[2 * e + 1] = flow[e];
    start[from[e] + 1]++;
    start[to[e] + 1]++;
    if (c > eps) eps = c;
  }
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const adj = new Int32Array(arcs);
  const tail = new Int32Array(arcs);
  {
    const fill = start.slice(0, n);
    for (let e = 0; e < m; e++) {
      adj[fill[from[e]]++] = 2 * e;
      adj[fill[to[e]]++] = 2 * e + 1;
      tail[2 * e] = from[e];
      tail[2 * e + 1] = to[e];
    }
  }
  const price = new Float64Array(n);
  const excess = new Float64Array(n);
  const cur = new Int32Array(n);
  const queue = new Int32Array(n);
  const queued = new Uint8Array(n);

  let lowest = 0;
  const rank = new Int32Array(n);
  const bucket = new Int32Array(n + 2);
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const settled = new Uint8Array(n);
  const unlink = (v: number) => {
    const r = rank[v];
    if (prev[v] >= 0) next[prev[v]] = next[v];
    else bucket[r] = next[v];
    if (next[v] >= 0) prev[next[v]] = prev[v];
  };
  const link = (v: number, r: number) => {
    rank[v] = r;
    prev[v] = -1;
    next[v] = bucket[r];
    if (bucket[r] >= 0) prev[bucket[r]] = v;
    bucket[r] = v;
  };
  const globalUpdate = (eps: number) => {
    bucket.fill(-1);
    settled.fill(0);
    let waiting = 0; // nodes with excess not yet settled
    for (let v = 0; v < n; v++) {
      rank[v] = n + 1;
      if (excess[v] < 0) link(v, 0);
      else if (excess[v] > 0) waiting++;
    }
    let r = 0;
    for (; r <= n && waiting > 0; r++) {
      while (bucket[r] >= 0) {
        const v = bucket[r];
        unlink(v);
        settled[v] = 1;
        if (excess[v] > 0) waiting--;
        // arcs u -> v with residual capacity: the reverse of v's arcs b (v -> u) with res[b ^ 1] > 0
        for (let j = start[v], end = start[v + 1]; j < end; j++) {
          const a = adj[j] ^ 1;
          if (res[a] <= 0) continue;
          const u = tail[a];
          if (settled[u] === 1) continue;
          const cp = arcCost[a] + price[u] - price[v];
          const len = cp < 0 ? 0 : Math.floor(cp / eps) + 1;
          const nr = r + len;
          if (nr < rank[u] && nr <= n) {
            if (rank[u] <= n) unlink(u);
            link(u, nr);
          }
        }
      }
    }
    for (let v = 0; v < n; v++) {
      const p = price[v] - eps * (settled[v] === 1 ? rank[v] : r);
      price[v] = p;
      if (p < lowest) lowest = p;
      cur[v] = start[v];
    }
  };

  /** Makes the ε′-optimal flow (ε′ = αε) ε-optimal; false if a price would leave the exact range. */
  const refine = (eps: number): boolean => {
    for (let a = 0; a < arcs; a++) {
      const r = res[a];
      if (r > 0 && arcCost[a] + price[tail[a]] - price[arcTo[a]] < 0) {
        excess[tail[a]] -= r;
        excess[arcTo[a]] += r;
        res[a] = 0;
        res[a ^ 1] += r;
      }
    }
    globalUpdate(eps);
    if (lowest < -LIMIT) return false;
    let relabels = 0;
    let head = 0;
    let size = 0;
    for (let v = 0; v < n; v++) {
      if (excess[v] > 0) {
        queue[size++] = v;
        queued[v] = 1;
      }
    }
    while (size > 0) {
      const u = queue[head];
      head = head + 1 === n ? 0 : head + 1;
      size--;
      queued[u] = 0;
      let k = cur[u];
      const end = start[u + 1];
      let left = excess[u];
      let p = price[u];
      while (left > 0) {
        if (k === end) {
          // relabel: the highest price that makes some residual arc admissible, minus ε
          let best = -Infinity;
          for (let j = start[u]; j < end; j++) {
            const a = adj[j];
            if (res[a] > 0) {
              const x = price[arcTo[a]] - arcCost[a];
              if (x > best) best = x;
            }
          }
          p = best - eps;
          price[u] = p;
          if (p < lowest) lowest = p;
          if (++relabels === n) {
            relabels = 0;
            excess[u] = left;
            globalUpdate(eps);
            p = price[u];
          }
          if (lowest < -LIMIT) return false;
          k = start[u];
          continue;
        }
        const a = adj[k];
        const r = res[a];
        if (r > 0) {
          const v = arcTo[a];
          if (arcCost[a] + p - price[v] < 0) {
            const delta = left < r ? left : r;
            res[a] = r - delta;
            res[a ^ 1] += delta;
            left -= delta;
            const xv = excess[v] + delta;
            excess[v] = xv;
            if (xv > 0 && queued[v] === 0) {
              queue[(head + size) % n] = v;
              size++;
              queued[v] = 1;
            }
            if (left === 0) break;
          }
        }
        k++;
      }
      excess[u] = 0;
      cur[u] = k;
    }
    return true;
  };

  while (eps > 1) {
    eps = Math.max(1, Math.floor(eps / ALPHA));
    if (!refine(eps)) return false;
  }
  for (let e = 0; e < m; e++) flow[e] = res[2 * e + 1];
  return true;
}
