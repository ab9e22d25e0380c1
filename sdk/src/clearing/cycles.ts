/**
 * Cancels every cycle of the subgraph of arcs with positive flow (arcs `tail[k] -> head[k]`, k in `arcs`, flow
 * mutated in place) until that subgraph is acyclic, and reports each cycle with the amount cancelled. On a
 * circulation (flow conserved at every node) this is a cycle decomposition and leaves every flow at zero.
 * Walks with current-arc pointers: O(arcs + total length of the cycles found) node steps, one bigint compare and one
 * subtraction per cycle arc.
 */
export function cancelCycles(
  n: number,
  tail: Int32Array,
  head: Int32Array,
  flow: bigint[],
  arcs: Int32Array,
  onCycle?: (cycle: number[], amount: bigint) => void,
): number {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < arcs.length; i++) start[tail[arcs[i]] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const out = new Int32Array(arcs.length);
  {
    const fill = start.slice(0, n);
    for (let i = 0; i < arcs.length; i++) out[fill[tail[arcs[i]]]++] = arcs[i];
  }
  const cur = start.slice(0, n);
  const pos = new Int32Array(n).fill(-1);
  const dead = new Uint8Array(n);
  const pathNode = new Int32Array(n + 1);
  const pathArc = new Int32Array(n + 1);
  let cycles = 0;
  for (let r = 0; r < n; r++) {
    if (dead[r] === 1 || start[r] === start[r + 1]) continue;
    let top = 0;
    pathNode[0] = r;
    pos[r] = 0;
    while (top >= 0) {
      const u = pathNode[top];
      const end = start[u + 1];
      let k = cur[u];
      while (k < end && (flow[out[k]] === 0n || dead[head[out[k]]] === 1)) k++;
      cur[u] = k;
      if (k === end) {
        dead[u] = 1;
        pos[u] = -1;
        top--;
        continue;
      }
      const a = out[k];
      const v = head[a];
      if (pos[v] < 0) {
        pathArc[top] = a;
        pathNode[++top] = v;
        pos[v] = top;
        continue;
      }
      // cycle: pathArc[pos[v] .. top - 1] then a
      const from = pos[v];
      pathArc[top] = a;
      let amount = flow[a];
      for (let i = from; i < top; i++) {
        const f = flow[pathArc[i]];
        if (f < amount) amount = f;
      }
      const cycle: number[] = new Array<number>(top - from + 1);
      for (let i = from; i <= top; i++) {
        const b = pathArc[i];
        flow[b] -= amount;
        cycle[i - from] = b;
      }
      cycles++;
      if (onCycle) onCycle(cycle, amount);
      for (let i = from + 1; i <= top; i++) pos[pathNode[i]] = -1;
      top = from;
    }
  }
  return cycles;
}

/**
 * Decomposes a circulation (flow on arcs `tail[k] -> head[k]`, k < arcs, conserved at every node; mutated to zero)
 * into short cycles: for each node in turn and each of its arcs u -> v still carrying flow, a shortest path v ~> u
 * through arcs with flow (bidirectional BFS, meeting in the middle) closes a cycle, which is cancelled by its
 * smallest flow. Short cycles share arcs locally, which is what lets {@link chunkSolution} pack them tightly.
 * Throws if the flow is not a circulation.
 */
export function shortCycles(
  n: number,
  tail: Int32Array,
  head: Int32Array,
  flow: bigint[],
  arcs: number,
  onCycle: (cycle: number[], amount: bigint) => void,
): void {
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let k = 0; k < arcs; k++) {
    outStart[tail[k] + 1]++;
    inStart[head[k] + 1]++;
  }
  for (let v = 0; v < n; v++) {
    outStart[v + 1] += outStart[v];
    inStart[v + 1] += inStart[v];
  }
  const outArc = new Int32Array(arcs);
  const inArc = new Int32Array(arcs);
  const outEnd = outStart.slice(0, n);
  const inEnd = inStart.slice(0, n);
  const alive = new Uint8Array(arcs);
  for (let k = 0; k < arcs; k++) {
    if (flow[k] < 0n) throw new Error("shortCycles: negative flow");
    alive[k] = flow[k] > 0n ? 1 : 0;
    outArc[outEnd[tail[k]]++] = k;
    inArc[inEnd[head[k]]++] = k;
  }
  const fMark = new Int32Array(n);
  const bMark = new Int32Array(n);
  const fArc = new Int32Array(n);
  const bArc = new Int32Array(n);
  let fq = new Int32Array(n);
  let bq = new Int32Array(n);
  let nq = new Int32Array(n);
  let stamp = 0;
  const fwd: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let i = outStart[u]; i < outEnd[u];) {
      const a = outArc[i];
      if (alive[a] === 0) {
        outArc[i] = outArc[--outEnd[u]];
        continue;
      }
      const v = head[a];
      stamp++;
      let fl = 1;
      let bl = 1;
      fq[0] = v;
      fMark[v] = stamp;
      bq[0] = u;
      bMark[u] = stamp;
      let meet = -1;
      while (meet < 0) {
        if (fl === 0 || bl === 0) throw new Error("shortCycles: the flow is not a circulation");
        let nl = 0;
        if (fl <= bl) {
          for (let j = 0; j < fl && meet < 0; j++) {
            const x = fq[j];
            for (let p = outStart[x]; p < outEnd[x];) {
              const b = outArc[p];
              if (alive[b] === 0) {
                outArc[p] = outArc[--outEnd[x]];
                continue;
              }
              p++;
              const y = head[b];
              if (fMark[y] === stamp) continue;
              fMark[y] = stamp;
              fArc[y] = b;
              if (bMark[y] === stamp) {
                meet = y;
                break;
              }
              nq[nl++] = y;
            }
          }
          const t = fq;
          fq = nq;
          nq = t;
          fl = nl;
        } else {
          for (let j = 0; j < bl && meet < 0; j++) {
            const x = bq[j];
            for (let p = inStart[x]; p < inEnd[x];) {
              const b = inArc[p];
              if (alive[b] === 0) {
                inArc[p] = inArc[--inEnd[x]];
                continue;
              }
              p++;
              const y = tail[b];
              if (bMark[y] === stamp) continue;
              bMark[y] = stamp;
              bArc[y] = b;
              if (fMark[y] === stamp) {
                meet = y;
                break;
              }
              nq[nl++] = y;
            }
          }
          const t = bq;
          bq = nq;
          nq = t;
          bl = nl;
        }
      }
      // cycle: a, then v ~> meet (forward parents), then meet ~> u (backward parents)
      fwd.length = 0;
      for (let y = meet; y !== v; y = tail[fArc[y]]) fwd.push(fArc[y]);
      const cycle: number[] = [a];
      for (let j = fwd.length - 1; j >= 0; j--) cycle.push(fwd[j]);
      for (let y = meet; y !== u; y = head[bArc[y]]) cycle.push(bArc[y]);
      let amount = flow[a];
      for (const b of cycle) if (flow[b] < amount) amount = flow[b];
      for (const b of cycle) {
        const f = flow[b] - amount;
        flow[b] = f;
        if (f === 0n) alive[b] = 0;
      }
      onCycle(cycle, amount);
    }
  }
}
