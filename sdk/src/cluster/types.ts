// The cluster exchange's off-chain shapes: intents (offers and needs) as the matcher reads them, and the matches it
// returns, which the contract's batch checks (validate.ts mirrors them) must accept.

/** An open offer or need of a credit-network member, as recorded by the cluster exchange. */
export interface Intent {
  /** Intent id on chain. */
  id: bigint;
  /** The member's address (compared case-insensitively). */
  owner: string;
  side: "offer" | "need";
  /** Catalogue code (uint32). */
  category: number;
  /** Unit of the quantity, up to 8 ASCII characters ("pcs", "kg"); compared exactly. */
  unit: string;
  /** A design of the design commons, 0n for none. A need with a design accepts only offers of that design. */
  designId: bigint;
  /** Specification hash (bytes32 hex), all zero for none. A need with a spec accepts only offers of that spec. */
  spec: string;
  /** Quantity still open (intent quantity − already matched), > 0. */
  remaining: bigint;
  /** Per unit, in credit-network base units: an offer's asking price, a need's maximum. */
  price: bigint;
  /** Unix seconds: an offer is available from start until end; a need is wanted from start, due by end. */
  start: number;
  end: number;
  /** Place, int32 microdegrees. */
  lat: number;
  lon: number;
  /** The farthest (metres) the owner accepts to trade. */
  maxDistance: number;
}

/** An offer matched to a need: `quantity` units at `price` per unit (the offer's ask). */
export interface Match {
  offerId: bigint;
  needId: bigint;
  quantity: bigint;
  price: bigint;
}

/** Options of the matchers. */
export interface MatchOptions {
  /** Transport cost, credit base units per unit per km (>= 0); weighs distance against price in the objective. */
  costPerUnitKm: bigint;
  /** Unix seconds: intents whose window ended before `now` are left out (they can no longer be matched). */
  now?: number;
}

/** A batch of matches and its totals. */
export interface MatchResult {
  /**
   * Matches with quantity > 0, ascending by (needId, offerId); a pair whose amount (quantity × price) would exceed
   * the credit network's MAX_OBLIGATION comes as several matches (orders) that each fit.
   */
  matches: Match[];
  /** Σ quantity. */
  matchedQuantity: bigint;
  /** What stays open after the batch (offers and needs with remaining > 0, expired ones included), in input order. */
  unmatched: { offers: Intent[]; needs: Intent[] };
  /** Σ quantity × price: what the buyers pay. */
  paid: bigint;
  /** Σ quantity × distance (metres, the contract's distance). */
  transportMetres: bigint;
  /**
   * The objective's cost in thousandths of a base unit, exact: Σ quantity × (price × 1000 + distance metres ×
   * costPerUnitKm) = 1000 × (paid + transport cost), transport cost per unit = km × costPerUnitKm.
   */
  cost: bigint;
  /** Compatible offer-need pairs, and the connected groups of them solved independently (0 for the greedy). */
  candidates: number;
  components: number;
}

/**
 * Outcome of {@link checkMatches}: `reason` is the contract's error for the first rule a match breaks (UnknownIntent
 * stands for an intent missing from the batch), `index` the match.
 */
export type CheckResult = { ok: true } | { ok: false; reason: string; index: number };
