// Off-chain multilateral clearing (MTCS) for the CreditNetwork contract: exact optimal solver with a dual
// certificate, the contract's batch checks, chunking, and a seeded instance generator. Browser-safe (no node: APIs).
export type {
  ClearingBridge,
  ClearingSolution,
  CreditMove,
  LiquidityInput,
  ObligationInput,
  SetOff,
  SolveOptions,
  SplitPart,
  VerifyResult,
} from "./types.ts";
export { solveClearing } from "./solver.ts";
export { netPositions, netInternalDebt, verifyBatch, dualBound } from "./verify.ts";
export { chunkSolution } from "./chunk.ts";
export {
  BRIDGE_EDGES,
  CLEARING_GAS_BASE,
  CLEARING_GAS_PER_BRIDGE,
  CLEARING_GAS_PER_EDGE,
  chunkEdges,
  clearingGas,
  edgesForGas,
} from "./gas.ts";
export { minCostFlow } from "./mcf.ts";
export type { FlowProblem, FlowResult } from "./mcf.ts";
export { mulberry32, randomClearingInstance } from "./random.ts";
export type { RandomInstanceOptions } from "./random.ts";
