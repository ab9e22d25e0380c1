import type { ClearingSolution } from "./types.ts";

/**
 * Gas model of a `CreditNetwork.clear` transaction, an upper bound used to size chunks: a fixed part plus a part per
 * edge (set-off or credit move). The bench measures 77.6k gas for 3 set-offs and 14.1k per added set-off between
 * members the batch already touched; an edge that brings two members the batch has not touched yet costs more, and
 * `test/credit/CreditNetwork.solver.ts` submits chunks of random and structured batches and checks every one against
 * this bound on chain.
 */
export const CLEARING_GAS_BASE = 60_000n;
export const CLEARING_GAS_PER_EDGE = 16_000n;

/** The gas bound of a clearing transaction with `edges` set-offs and credit moves. */
export function clearingGas(edges: number): bigint {
  return CLEARING_GAS_BASE + CLEARING_GAS_PER_EDGE * BigInt(edges);
}

/** The most edges a clearing transaction may hold within `budget` gas (at least 1). */
export function edgesForGas(budget: bigint): number {
  const edges = (budget - CLEARING_GAS_BASE) / CLEARING_GAS_PER_EDGE;
  return edges < 1n ? 1 : Number(edges);
}

/**
 * What a part of a split cycle (`CreditNetwork.clearPart`) costs beyond its edges, in gas: recording the bridge it
 * leaves (a new obligation: three storage slots and two events) and keeping it for the solution, plus the steward
 * check. Setting off the bridge the part before left costs like an edge and is counted as one.
 * `test/credit/CreditNetwork.solver.ts` checks every part of a split ring against this bound on chain.
 */
export const CLEARING_GAS_PER_BRIDGE = 110_000n;

/** The bridge a part leaves, counted in edges of {@link CLEARING_GAS_PER_EDGE} (rounded up). */
export const BRIDGE_EDGES = Number((CLEARING_GAS_PER_BRIDGE + CLEARING_GAS_PER_EDGE - 1n) / CLEARING_GAS_PER_EDGE);

/**
 * A chunk of {@link chunkSolution} in edges of {@link CLEARING_GAS_PER_EDGE}: its set-offs and credit moves, for a
 * part of a split cycle also the bridge it sets off (one edge) and the bridge it leaves ({@link BRIDGE_EDGES}).
 * Within a budget of `edgesForGas(budget)` edges, its gas is within the budget.
 */
export function chunkEdges(chunk: ClearingSolution): number {
  const edges = chunk.setOffs.length + chunk.creditMoves.length;
  if (!chunk.split) return edges;
  return edges + (chunk.split.index > 1 ? 1 : 0) + (chunk.split.bridge ? BRIDGE_EDGES : 0);
}
