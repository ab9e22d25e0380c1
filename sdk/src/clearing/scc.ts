/** Compressed adjacency: arcs out of v are `arc[start[v]] .. arc[start[v + 1] - 1]` (arc indices into tail/head). */
export interface Csr {
  start: Int32Array;
  arc: Int32Array;
}

/** Builds the out-adjacency of `n` nodes for arcs `tail[k] -> head[k]`, in arc order. */
export function outAdjacency(n: number, tail: Int32Array, count: number): Csr {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) start[tail[k] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const arc = new Int32Array(count);
  for (let k = 0; k < count; k++) arc[fill[tail[k]]++] = k;
  return { start, arc };
}

/**
 * Strongly connected components of the digraph `tail[k] -> head[k]` (iterative Tarjan, O(n + arcs), no recursion).
 * Component ids come out in reverse topological order: every arc between two components goes from a larger id to a
 * smaller one. Only arcs inside a component can lie on a cycle.
 */
export function stronglyConnected(
  n: number,
  tail: Int32Array,
  head: Int32Array,
  arcs: number,
): { comp: Int32Array; count: number } {
  const { start, arc } = outAdjacency(n, tail, arcs);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const call = new Int32Array(n);
  const next = new Int32Array(n);
  let sp = 0;
  let counter = 0;
  let count = 0;
  for (let r = 0; r < n; r++) {
    if (index[r] !== -1) continue;
    let csp = 0;
    index[r] = low[r] = counter++;
    stack[sp++] = r;
    onStack[r] = 1;
    next[r] = start[r];
    call[csp++] = r;
    while (csp > 0) {
      const v = call[csp - 1];
      if (next[v] < start[v + 1]) {
        const w = head[arc[next[v]++]];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          next[w] = start[w];
          call[csp++] = w;
        } else if (onStack[w] === 1 && index[w] < low[v]) {
          low[v] = index[w];
        }
      } else {
        csp--;
        if (csp > 0) {
          const u = call[csp - 1];
          if (low[v] < low[u]) low[u] = low[v];
        }
        if (low[v] === index[v]) {
          let w: number;
          do {
            w = stack[--sp];
            onStack[w] = 0;
            comp[w] = count;
          } while (w !== v);
          count++;
        }
      }
    }
  }
  return { comp, count };
}
