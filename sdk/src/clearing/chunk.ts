import { shortCycles } from "./cycles.ts";
import { indexInput } from "./members.ts";
import type { ClearingSolution, CreditMove, LiquidityInput, ObligationInput, SetOff } from "./types.ts";
import { verifyBatch } from "./verify.ts";

/**
 * Splits a batch into smaller batches that can be submitted one after the other, each valid on its own: the
 * circulation (set-offs debtor -> creditor, credit moves payee -> payer) is decomposed into cycles, and whole cycles
 * are packed in order into chunks of at most `maxEdgesPerChunk` distinct edges (set-offs + credit-move pairs), so
 * every chunk conserves every member's net position. A single cycle longer than the limit stays whole in a chunk of
 * its own. Per obligation (and per credit-move pair) the chunks' amounts add up to the solution's. Each chunk is
 * ordered per the contract's rules; `obligationsBefore` and `nid` are those before that chunk is applied (chunks in
 * the order returned), `potentials` are absent. Throws if the solution does not verify.
 */
export function chunkSolution(
  solution: ClearingSolution,
  obligations: readonly ObligationInput[],
  maxEdgesPerChunk: number,
  liquidity?: readonly LiquidityInput[],
): ClearingSolution[] {
  if (!Number.isInteger(maxEdgesPerChunk) || maxEdgesPerChunk < 1) {
    throw new Error(`chunkSolution: maxEdgesPerChunk must be an integer >= 1`);
  }
  if (solution.setOffs.length === 0 && solution.creditMoves.length === 0) return [];
  const check = verifyBatch(obligations, solution, liquidity);
  if (!check.ok) throw new Error(`chunkSolution: the solution does not verify: ${check.reason}`);

  const ix = indexInput(obligations, liquidity ?? []);
  const { setOffs, creditMoves } = solution;
  const S = setOffs.length;
  const arcs = S + creditMoves.length;
  const tail = new Int32Array(arcs);
  const head = new Int32Array(arcs);
  const flow: bigint[] = new Array<bigint>(arcs);
  const obligationOf = new Int32Array(S);
  {
    const order = ix.order;
    let j = 0;
    for (let k = 0; k < S; k++) {
      while (obligations[order === null ? j : order[j]].id < setOffs[k].id) j++;
      const e = order === null ? j : order[j];
      obligationOf[k] = e;
      tail[k] = ix.debtor[e];
      head[k] = ix.creditor[e];
      flow[k] = setOffs[k].amount;
    }
  }
  for (let i = 0; i < creditMoves.length; i++) {
    tail[S + i] = ix.index.get(creditMoves[i].payee.toLowerCase())!;
    head[S + i] = ix.index.get(creditMoves[i].payer.toLowerCase())!;
    flow[S + i] = creditMoves[i].amount;
  }

  // Pack cycles, in the order found, into chunks of at most maxEdgesPerChunk distinct arcs.
  const packed: Map<number, bigint>[] = [];
  let current = new Map<number, bigint>();
  shortCycles(ix.n, tail, head, flow, arcs, (cycle, amount) => {
    let fresh = 0;
    for (const a of cycle) if (!current.has(a)) fresh++;
    if (current.size > 0 && current.size + fresh > maxEdgesPerChunk) {
      packed.push(current);
      current = new Map<number, bigint>();
    }
    for (const a of cycle) current.set(a, (current.get(a) ?? 0n) + amount);
  });
  if (current.size > 0) packed.push(current);
  for (let k = 0; k < arcs; k++)
    if (flow[k] !== 0n) throw new Error("chunkSolution: internal error: not a circulation");

  // A chunk of credit moves only would be an EmptyBatch on-chain: merge it into a neighbour.
  const chunks: Map<number, bigint>[] = [];
  const hasSetOff = (c: Map<number, bigint>) => [...c.keys()].some((a) => a < S);
  for (const c of packed) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && (!hasSetOff(c) || !hasSetOff(last))) {
      for (const [a, v] of c) last.set(a, (last.get(a) ?? 0n) + v);
    } else {
      chunks.push(c);
    }
  }

  // Running totals before each chunk: outstanding and NID (set-offs move obligation net positions).
  const net: bigint[] = new Array<bigint>(ix.n).fill(0n);
  for (let e = 0; e < obligations.length; e++) {
    net[ix.debtor[e]] -= obligations[e].amount;
    net[ix.creditor[e]] += obligations[e].amount;
  }
  let nid = 0n;
  for (const v of net) if (v > 0n) nid += v;
  let outstanding = solution.obligationsBefore;
  const adjust = (v: number, delta: bigint) => {
    const before = net[v];
    const after = before + delta;
    net[v] = after;
    nid += (after > 0n ? after : 0n) - (before > 0n ? before : 0n);
  };

  const seen = new Int32Array(ix.n).fill(-1);
  return chunks.map((c, index) => {
    const keys = [...c.keys()].sort((a, b) => a - b);
    const chunkSetOffs: SetOff[] = [];
    const chunkMoves: CreditMove[] = [];
    let members = 0;
    const touch = (v: number) => {
      if (seen[v] !== index) {
        seen[v] = index;
        members++;
      }
    };
    let cleared = 0n;
    let moved = 0n;
    for (const a of keys) {
      const amount = c.get(a)!;
      touch(tail[a]);
      touch(head[a]);
      if (a < S) {
        chunkSetOffs.push({ id: setOffs[a].id, amount });
        cleared += amount;
      } else {
        const move = creditMoves[a - S];
        chunkMoves.push({ payer: move.payer, payee: move.payee, amount });
        moved += amount;
      }
    }
    const chunk: ClearingSolution = {
      setOffs: chunkSetOffs,
      creditMoves: chunkMoves,
      obligationsBefore: outstanding,
      cleared,
      movedToCredit: moved,
      nid,
      members,
    };
    outstanding -= cleared;
    for (const a of keys) {
      if (a >= S) continue;
      const amount = c.get(a)!;
      adjust(ix.debtor[obligationOf[a]], amount);
      adjust(ix.creditor[obligationOf[a]], -amount);
    }
    return chunk;
  });
}
