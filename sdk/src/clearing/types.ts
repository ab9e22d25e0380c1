/** An open obligation: `debtor` owes `creditor` `amount` (its remaining amount, in token units; > 0). */
export interface ObligationInput {
  id: bigint;
  debtor: string;
  creditor: string;
  amount: bigint;
}

/**
 * Liquidity a clearing batch may use: `payer` may pay `payee` up to `capacity` on the credit line the payee gives
 * it (unused limit of the line payee -> payer, and the payee offered its lines as clearing liquidity).
 */
export interface LiquidityInput {
  payer: string;
  payee: string;
  capacity: bigint;
}

/** Reduce obligation `id` by `amount`. */
export interface SetOff {
  id: bigint;
  amount: bigint;
}

/** `payer` pays `payee` `amount` on credit (for net positions: a set-off of a virtual obligation payee -> payer). */
export interface CreditMove {
  payer: string;
  payee: string;
  amount: bigint;
}

/** The bridge a part of a split cycle leaves open (ICreditNetwork.Bridge): `debtor` owes `creditor` `amount`. */
export interface ClearingBridge {
  debtor: string;
  creditor: string;
  amount: bigint;
}

/**
 * Where a chunk is one part of a cycle too long for one transaction, split by {@link chunkSolution}: it is submitted
 * with `CreditNetwork.clearPart` (a steward's call), right after the part before it, under one solution id. Every part
 * but the first sets off the bridge the part before it left (the contract finds it by the solution id); every part but
 * the last leaves `bridge`.
 */
export interface SplitPart {
  /** 1-based number of the part among the split's `count` parts. */
  index: number;
  count: number;
  /** The bridge the part leaves for the next one (absent on the last part). */
  bridge?: ClearingBridge;
}

/** A clearing batch (or one chunk of it) with its totals. */
export interface ClearingSolution {
  /** Set-offs with amount > 0, strictly ascending by id. */
  setOffs: SetOff[];
  /** Credit moves with amount > 0, one per (payer, payee), strictly ascending by (BigInt(payer), BigInt(payee)). */
  creditMoves: CreditMove[];
  /** Sum of the obligations' amounts before clearing. */
  obligationsBefore: bigint;
  /** Sum of the set-offs. */
  cleared: bigint;
  /** Sum of the credit moves. */
  movedToCredit: bigint;
  /** Net internal debt of the obligations before clearing: sum of the positive net positions. */
  nid: bigint;
  /** Distinct members among the obligations (and liquidity lines) of the input. */
  members: number;
  /** On a chunk that is a part of a split cycle: which part, and the bridge it leaves (absent on other chunks). */
  split?: SplitPart;
  /**
   * Dual certificate of optimality (absent on chunks): a potential per member (keyed by its address as first spelled
   * in the input; compare case-insensitively) such
   * that every residual arc of the clearing circulation has a non-negative reduced cost. With p = potentials:
   * an obligation debtor -> creditor not fully set off has p(debtor) - p(creditor) >= 1, one with a set-off > 0 has
   * p(debtor) - p(creditor) <= 1; a credit move payer -> payee below its capacity has p(payee) >= p(payer), one
   * with amount > 0 has p(payee) <= p(payer). See {@link dualBound} for the upper bound these potentials prove.
   */
  potentials?: Map<string, bigint>;
}

/** Options of {@link solveClearing}. */
export interface SolveOptions {
  /** Credit lines usable as liquidity (default: none). */
  liquidity?: LiquidityInput[];
  /** Called now and then with the work done so far out of the total (members routed, or cost-scaling passes). */
  onProgress?: (done: number, total: number) => void;
  /**
   * The flow engine: `"auto"` (default) runs the primal-dual engine and hands over to cost scaling when the network
   * needs many phases (long cycles with chords, grids); the others force one engine (for tests and comparisons).
   * `"cost-scaling"` falls back to primal-dual when the amounts or the network are too large for its limbs.
   */
  engine?: "auto" | "primal-dual" | "cost-scaling";
}

/** Outcome of {@link verifyBatch}: `reason` names the on-chain error the batch would revert with. */
export type VerifyResult = { ok: true } | { ok: false; reason: string };
