/**
 * Parallel arcs grouped: arcs with the same tail, head and weight (obligations weigh 1, credit lines 0) are
 * interchangeable in a circulation, so each group acts as one arc of their summed capacity; its flow is then shared
 * out over its arcs in order, each filled up to its capacity before the next (any share would do: the arcs of a group
 * have the same reduced cost). Repeat invoices between the same two members are the common case in trade data.
 */
export interface ParallelGroups {
  count: number;
  /** Arcs of group g: `arcs[start[g]] .. arcs[start[g + 1] - 1]`, in arc order. */
  start: Int32Array;
  arcs: Int32Array;
  tail: Int32Array;
  head: Int32Array;
  weight: Int32Array;
  cap: bigint[];
}

/**
 * Groups the arcs `inner` (arcs `tail[k] -> head[k]`; k < m an obligation of capacity `capacity(k)`, else a credit
 * line) by (tail, head, weight). O(n + arcs), one bigint addition per arc.
 */
export function parallelGroups(
  n: number,
  m: number,
  tail: Int32Array,
  head: Int32Array,
  inner: readonly number[],
  capacity: (k: number) => bigint,
): ParallelGroups {
  const total = inner.length;
  // arcs by tail (counting sort), then one pass per tail with the last group seen per (head, weight)
  const byTail = new Int32Array(n + 1);
  for (const k of inner) byTail[tail[k] + 1]++;
  for (let v = 0; v < n; v++) byTail[v + 1] += byTail[v];
  const sorted = new Int32Array(total);
  {
    const fill = byTail.slice(0, n);
    for (const k of inner) sorted[fill[tail[k]]++] = k;
  }
  const seenAt = new Int32Array(2 * n).fill(-1);
  const seenGroup = new Int32Array(2 * n);
  const groupOf = new Int32Array(total);
  const tails = new Int32Array(total);
  const heads = new Int32Array(total);
  const weight = new Int32Array(total);
  const cap: bigint[] = [];
  const size = new Int32Array(total + 1);
  let count = 0;
  for (let v = 0; v < n; v++) {
    for (let i = byTail[v]; i < byTail[v + 1]; i++) {
      const k = sorted[i];
      const w = k < m ? 1 : 0;
      const key = 2 * head[k] + w;
      let g: number;
      if (seenAt[key] === v) {
        g = seenGroup[key];
        cap[g] += capacity(k);
      } else {
        g = count++;
        seenAt[key] = v;
        seenGroup[key] = g;
        tails[g] = v;
        heads[g] = head[k];
        weight[g] = w;
        cap.push(capacity(k));
      }
      groupOf[i] = g;
      size[g + 1]++;
    }
  }
  for (let g = 0; g < count; g++) size[g + 1] += size[g];
  const arcs = new Int32Array(total);
  {
    // stable: within a group (one tail) the arcs keep their order in `inner`
    const fill = size.slice(0, count);
    for (let i = 0; i < total; i++) arcs[fill[groupOf[i]]++] = sorted[i];
  }
  return {
    count,
    start: size.subarray(0, count + 1),
    arcs,
    tail: tails.subarray(0, count),
    head: heads.subarray(0, count),
    weight: weight.subarray(0, count),
    cap,
  };
}

/**
 * The circulation graph's arcs grouped into chains: a member with exactly one arc in and one arc out (a "series"
 * member) passes on whatever it receives, so every circulation carries the same amount on both arcs. A chain is a
 * maximal run of arcs whose inner members are series members: from a non-series member to the next one, or a cycle
 * made of series members only (or closing on its own start), which then stands alone. A chain carries one flow `s`
 * on all its arcs, at most its smallest capacity, and gains its weight (the number of obligations on it) per unit.
 */
export interface Chains extends ParallelGroups {
  /** Per chain: the first arc with the chain's capacity, its smallest; `weight` is its arcs' weights summed. */
  bottleneck: Int32Array;
}

/**
 * Groups the arcs `0 .. count - 1` (`tail[k] -> head[k]`, weight and capacity per arc) into chains. O(n + arcs), one
 * bigint compare per arc.
 */
export function seriesChains(
  n: number,
  arcs: Pick<ParallelGroups, "count" | "tail" | "head" | "weight" | "cap">,
): Chains {
  const { count: total, tail, head, weight: arcWeight, cap: arcCap } = arcs;
  const indeg = new Int32Array(n);
  const outdeg = new Int32Array(n);
  const outArc = new Int32Array(n);
  for (let k = 0; k < total; k++) {
    outdeg[tail[k]]++;
    indeg[head[k]]++;
    outArc[tail[k]] = k;
  }
  const series = (v: number) => indeg[v] === 1 && outdeg[v] === 1;
  const start = new Int32Array(total + 1);
  const list = new Int32Array(total);
  const tails = new Int32Array(total);
  const heads = new Int32Array(total);
  const weight = new Int32Array(total);
  const bottleneck = new Int32Array(total);
  const cap: bigint[] = [];
  const visited = new Uint8Array(total);
  let count = 0;
  let filled = 0;
  const walk = (first: number) => {
    let k = first;
    let w = 0;
    let least = -1n;
    let narrow = first;
    const from = tail[first];
    for (;;) {
      visited[k] = 1;
      list[filled++] = k;
      const c = arcCap[k];
      w += arcWeight[k];
      if (least < 0n || c < least) {
        least = c;
        narrow = k;
      }
      const v = head[k];
      if (!series(v) || v === from) break;
      k = outArc[v];
      if (visited[k] === 1) break;
    }
    tails[count] = from;
    heads[count] = head[k];
    weight[count] = w;
    cap.push(least);
    bottleneck[count] = narrow;
    start[++count] = filled;
  };
  for (let k = 0; k < total; k++) if (!series(tail[k])) walk(k);
  for (let k = 0; k < total; k++) if (visited[k] === 0) walk(k); // cycles of series members only
  return {
    count,
    start: start.subarray(0, count + 1),
    arcs: list,
    tail: tails.subarray(0, count),
    head: heads.subarray(0, count),
    weight: weight.subarray(0, count),
    cap,
    bottleneck: bottleneck.subarray(0, count),
  };
}

/**
 * Potentials of the chains' inner members, given those of their ends in `p`: walking a chain, each arc k of weight
 * w_k (1 for an obligation, 0 for a credit line) gets p(tail) - p(head) = w_k (reduced cost 0: optimal whatever its
 * flow), except the bottleneck arc, which also takes the chain's slack d = p(chain tail) - p(chain head) - weight.
 * The chain's flow satisfies complementary slackness with d: d > 0 only if the chain carries nothing (then every arc
 * needs >= w_k), d < 0 only if it is full (then the bottleneck arc is saturated and needs <= w_k). A chain closing
 * on itself has d = -weight and is full when its weight is > 0.
 */
export function chainPotentials(chains: Chains, head: Int32Array, weight: Int32Array, p: Float64Array): void {
  for (let c = 0; c < chains.count; c++) {
    const first = chains.start[c];
    const last = chains.start[c + 1] - 1;
    let value = p[chains.tail[c]];
    const slack = value - p[chains.head[c]] - chains.weight[c];
    for (let j = first; j < last; j++) {
      const k = chains.arcs[j];
      value -= weight[k] + (k === chains.bottleneck[c] ? slack : 0);
      p[head[k]] = value;
    }
  }
}
