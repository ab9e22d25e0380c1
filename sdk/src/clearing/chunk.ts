import { shortCycles } from "./cycles.ts";
import { BRIDGE_EDGES } from "./gas.ts";
import { indexInput } from "./members.ts";
import type { ClearingBridge, ClearingSolution, CreditMove, LiquidityInput, ObligationInput, SetOff } from "./types.ts";

/** A chunk being packed: its arcs' amounts, and, for a part of a split cycle, which part and the bridge it leaves. */
interface Packed {
  arcs: Map<number, bigint>;
  split?: { index: number; count: number; bridge?: { debtor: number; creditor: number; amount: bigint } };
}
import { verifyBatch } from "./verify.ts";

/**
 * Splits a batch into smaller batches that can be submitted one after the other, each valid on its own: the
 * circulation (set-offs debtor -> creditor, credit moves payee -> payer) is decomposed into cycles, and whole cycles
 * are packed in order into chunks of at most `maxEdgesPerChunk` distinct edges (set-offs + credit-move pairs), so
 * every chunk conserves every member's net position. A single cycle longer than the limit is split into consecutive
 * parts (`split` set; submitted with `CreditNetwork.clearPart`, in order): the cycle u0 -> u1 -> ... -> u0 is set
 * off stretch by stretch, each part leaving the bridge "u0 owes the last member reached" for the next part to set
 * off, so each part conserves every member's position too. A part holds at most `maxEdgesPerChunk` edges counting
 * the bridge it sets off as one and the bridge it leaves as {@link BRIDGE_EDGES} (what recording it costs in gas),
 * and at least one edge of the cycle. Per obligation (and per credit-move pair) the chunks' amounts add up to the
 * solution's. Each chunk is ordered per the contract's rules; `obligationsBefore` and `nid` are those before that
 * chunk is applied (chunks in the order returned, bridges counted in `obligationsBefore`), `potentials` are absent.
 * Throws if the solution does not verify.
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

  // Pack cycles, in the order found, into chunks of at most maxEdgesPerChunk distinct arcs; split longer cycles.
  const packed: Packed[] = [];
  let current = new Map<number, bigint>();
  const flush = () => {
    if (current.size > 0) packed.push({ arcs: current });
    current = new Map<number, bigint>();
  };
  shortCycles(ix.n, tail, head, flow, arcs, (cycle, amount) => {
    if (cycle.length > maxEdgesPerChunk) {
      flush();
      for (const part of splitCycle(cycle, amount, maxEdgesPerChunk, tail, head, S)) packed.push(part);
      return;
    }
    let fresh = 0;
    for (const a of cycle) if (!current.has(a)) fresh++;
    if (current.size + fresh > maxEdgesPerChunk) flush();
    for (const a of cycle) current.set(a, (current.get(a) ?? 0n) + amount);
  });
  flush();
  for (let k = 0; k < arcs; k++)
    if (flow[k] !== 0n) throw new Error("chunkSolution: internal error: not a circulation");

  // A chunk of credit moves only would be an EmptyBatch on-chain: merge it into a neighbour (never into a part).
  const chunks: Packed[] = [];
  const hasSetOff = (c: Packed) => [...c.arcs.keys()].some((a) => a < S);
  for (const c of packed) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && !c.split && !last.split && (!hasSetOff(c) || !hasSetOff(last))) {
      for (const [a, v] of c.arcs) last.arcs.set(a, (last.arcs.get(a) ?? 0n) + v);
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
  const address = (v: number) => ix.names[v];
  let openBridge: { debtor: number; creditor: number; amount: bigint } | undefined;
  return chunks.map((c, index) => {
    const keys = [...c.arcs.keys()].sort((a, b) => a - b);
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
      const amount = c.arcs.get(a)!;
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
    const settled = c.split && c.split.index > 1 ? openBridge : undefined;
    if (settled) cleared += settled.amount;
    const bridge = c.split?.bridge;
    const chunk: ClearingSolution = {
      setOffs: chunkSetOffs,
      creditMoves: chunkMoves,
      obligationsBefore: outstanding,
      cleared,
      movedToCredit: moved,
      nid,
      members,
    };
    if (c.split) {
      const b: ClearingBridge | undefined = bridge && {
        debtor: address(bridge.debtor),
        creditor: address(bridge.creditor),
        amount: bridge.amount,
      };
      chunk.split = { index: c.split.index, count: c.split.count, ...(b ? { bridge: b } : {}) };
    }
    outstanding -= cleared;
    for (const a of keys) {
      if (a >= S) continue;
      const amount = c.arcs.get(a)!;
      adjust(ix.debtor[obligationOf[a]], amount);
      adjust(ix.creditor[obligationOf[a]], -amount);
    }
    // The bridges: the one set off like a set-off, the new one like a new obligation (together they balance the
    // part, so NID is unchanged by a whole part; outstanding counts the new bridge).
    if (settled) {
      adjust(settled.debtor, settled.amount);
      adjust(settled.creditor, -settled.amount);
    }
    if (bridge) {
      outstanding += bridge.amount;
      adjust(bridge.debtor, -bridge.amount);
      adjust(bridge.creditor, bridge.amount);
    }
    if (c.split) openBridge = bridge;
    return chunk;
  });
}

/**
 * The parts of the cycle `cycle` (arcs in path order, u0 = tail of the first) carrying `amount`: consecutive
 * stretches of at most `maxEdges - 1 - BRIDGE_EDGES` arcs (at least one), each but the last leaving the bridge
 * "u0 owes the head of its last arc" of `amount`. A first part of credit moves only would be an empty batch
 * on-chain, so the first part runs on to its first set-off (arcs below `setOffArcs`).
 */
function splitCycle(
  cycle: readonly number[],
  amount: bigint,
  maxEdges: number,
  tail: Int32Array,
  head: Int32Array,
  setOffArcs: number,
): Packed[] {
  const stretch = Math.max(1, maxEdges - 1 - BRIDGE_EDGES);
  const ends: number[] = [];
  let start = 0;
  while (start < cycle.length) {
    let end = Math.min(cycle.length, start + stretch);
    if (start === 0) while (end < cycle.length && !cycle.slice(0, end).some((a) => a < setOffArcs)) end++;
    ends.push(end);
    start = end;
  }
  const first = tail[cycle[0]];
  let from = 0;
  return ends.map((end, i) => {
    const arcs = new Map<number, bigint>();
    for (let k = from; k < end; k++) arcs.set(cycle[k], amount);
    from = end;
    const last = i === ends.length - 1;
    return {
      arcs,
      split: {
        index: i + 1,
        count: ends.length,
        ...(last ? {} : { bridge: { debtor: first, creditor: head[cycle[end - 1]], amount } }),
      },
    };
  });
}
