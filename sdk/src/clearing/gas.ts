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
