// The cluster exchange's reader interface and its views: the exchange's totals, each category's board, intents (offers
// and needs, with their terms as the contract hashes them) and orders (their record as the contract hashes it, with
// each step's time), the same from the chain reader and from the subgraph reader. Prices and amounts are in the
// credit network's base units; times are Unix seconds; places are microdegrees.
import type { Address, Hash, Hex } from "viem";
import type { Page } from "../../shared/data/pages.ts";

export type { Page };

/** Rows per page of the screens' lists. */
export const CLUSTER_PAGE = 20;
/** Rows per page when the matcher loads every open intent. */
export const OPEN_INTENTS_PAGE = 1000;

export type Side = "offer" | "need";

/** IClusterExchange.OrderState without None, in the enum's order (the enum's value is the index + 1). */
export const ORDER_STATES = [
  "Matched",
  "Accepted",
  "InProduction",
  "Shipped",
  "Delivered",
  "Cancelled",
  "Disputed",
] as const;
export type OrderState = (typeof ORDER_STATES)[number];
/** IDesignCommons.ReportOutcome, in the enum's order. */
export const LICENCE_REPORTS = ["Reported", "OperatorNotApproved", "NoLicence", "NotCommercial", "Expired"] as const;
export type LicenceReport = (typeof LICENCE_REPORTS)[number];

/** The states of an order that is still under way (the production board's). */
export const LIVE_STATES: readonly OrderState[] = ["Matched", "Accepted", "InProduction", "Shipped", "Disputed"];

/** An intent's terms exactly as the contract's IntentTerms struct holds them (the dApp passes them back to act). */
export interface IntentTerms {
  owner: Address;
  side: Side;
  category: number;
  /** The unit's bytes8 (ASCII, zero-padded on the right). */
  unit: Hex;
  /** A design of the design commons (0n: none). */
  designId: bigint;
  /** A specification hash (the zero hash: none). */
  spec: Hex;
  quantity: bigint;
  /** Per unit: an offer's asking price, a need's highest. */
  price: bigint;
  start: number;
  end: number;
  lat: number;
  lon: number;
  /** Metres. */
  maxDistance: number;
}

/** An intent as the lists show it: its current terms and what was matched of it. */
export interface ClusterIntent {
  id: bigint;
  terms: IntentTerms;
  /** The unit as text (trailing zero bytes trimmed). */
  unitText: string;
  /** Quantity over its live and delivered orders (= intent(id).matched), and quantity − matched. */
  matched: bigint;
  remaining: bigint;
  /** False once withdrawn. */
  active: boolean;
  /** 1 when posted, one more per update. */
  version: number;
  /** Orders it is in (any state). */
  orderCount: number;
  postedAt: number;
  /** The last post, update or withdrawal. */
  updatedAt: number;
  withdrawnAt?: number;
  /** The block and transaction that posted it. */
  blockNumber: bigint;
  txHash: Hash;
}

/** Which intents a list shows (every field optional; all of them must hold). */
export interface IntentFilter {
  side?: Side;
  owner?: Address;
  category?: number;
  /** The unit's bytes8. */
  unit?: Hex;
  /** Only active intents with something unmatched whose window has not ended by this time (Unix seconds). */
  openAt?: number;
  /**
   * Only places within this box, microdegrees, bounds included (a "near me" list's bound; the screen computes the
   * exact distances). latMin ≤ latMax and lonMin ≤ lonMax: a box does not wrap round the antimeridian.
   */
  box?: { latMin: number; latMax: number; lonMin: number; lonMax: number };
}

/** IClusterExchange.Order exactly (its keccak256(abi.encode(..)) is the stored record hash). */
export interface OrderRecord {
  offerId: bigint;
  needId: bigint;
  producer: Address;
  buyer: Address;
  designId: bigint;
  quantity: bigint;
  price: bigint;
  matchedAt: number;
  dueBy: number;
  /** 0 before acceptance. */
  promisedAt: number;
  /** 0 before shipping. */
  shippedAt: number;
  state: OrderState;
}

/** An order: its record, what it is (its offer's current category, unit and place) and what its steps added. */
export interface ClusterOrder {
  id: bigint;
  record: OrderRecord;
  category: number;
  unit: Hex;
  unitText: string;
  /** Where it is made: its offer's place. */
  lat: number;
  lon: number;
  /** When each step happened (absent: not yet, or never). */
  acceptedAt?: number;
  inProductionAt?: number;
  deliveredAt?: number;
  cancelledAt?: number;
  disputedAt?: number;
  /** Delivered: the quantity (the order's, or a steward's resolution), quantity × price and its obligation. */
  deliveredQuantity: bigint;
  amount?: bigint;
  obligationId?: bigint;
  deliveredBy?: Address;
  disputeReason?: Hex;
  /**
   * A delivered order naming a design: whether its units were reported to the producer's commercial licence of the
   * design on the design commons ("Reported": the fee is owed by the producer), or why not (ProductionReportSkipped).
   */
  licenceReport?: LicenceReport;
  cancelledBy?: Address;
  /** The quantity a cancellation returned to both intents (0 after a dispute, or when not cancelled). */
  returned: bigint;
  /** The block and transaction that matched it. */
  blockNumber: bigint;
  txHash: Hash;
}

/** One step of an order, with its state after it. */
export interface OrderStep {
  state: OrderState;
  /** The matcher, the producer (accept, start, ship), the buyer (dispute), or the event's `by` (delivery, cancel). */
  actor: Address;
  at: number;
  /** Accepted: the date promised. */
  promisedAt?: number;
  /** Matched: the quantity; Delivered: the quantity delivered; Cancelled: the quantity returned. */
  quantity?: bigint;
  /** Delivered: the amount and its obligation. */
  amount?: bigint;
  obligationId?: bigint;
  /** Disputed: the reason. */
  reason?: Hex;
  blockNumber: bigint;
  txHash: Hash;
}

/** Which orders a list shows (all given fields must hold). */
export interface OrderFilter {
  producer?: Address;
  buyer?: Address;
  /** Only orders now in one of these states. */
  states?: readonly OrderState[];
}

/** The exchange's totals. */
export interface ClusterInfo {
  intentCount: number;
  offerCount: number;
  needCount: number;
  /** Not withdrawn (expired ones included). */
  activeOfferCount: number;
  activeNeedCount: number;
  orderCount: number;
  /** Orders now in each state. */
  ordersByState: Record<OrderState, number>;
  /** Every match's quantity, what cancellations returned, and what was delivered. */
  quantityMatched: bigint;
  quantityReturned: bigint;
  quantityDelivered: bigint;
  /** Obligations recorded for deliveries, and the sum of their amounts. */
  obligationCount: number;
  creditSettled: bigint;
}

/** One category in one unit (intents match only within both): what is open on each side and what was traded. */
export interface CategoryBoard {
  category: number;
  unit: Hex;
  unitText: string;
  /** Active intents on each side, and the sum of their unmatched quantities (expired ones included). */
  activeOfferCount: number;
  activeNeedCount: number;
  openOfferQuantity: bigint;
  openNeedQuantity: bigint;
  /** Quantity of its live and delivered orders (matched less what cancellations returned), and of deliveries. */
  matchedQuantity: bigint;
  deliveredQuantity: bigint;
  orderCount: number;
}

/** The cluster exchange's read path: one method per screen need, each list a page newest first (boards by id). */
export interface ClusterReader {
  readonly source: "chain" | "subgraph";
  info(): Promise<ClusterInfo>;
  /** Category boards ordered by (category, unit hex) as the subgraph's id `<category>-<unit hex>` sorts them. */
  categories(after?: string): Promise<Page<CategoryBoard>>;
  /** Intents matching `filter`, newest first; `size` rows a page (CLUSTER_PAGE by default). */
  intents(filter: IntentFilter, after?: string, size?: number): Promise<Page<ClusterIntent>>;
  /** One intent (undefined: no such intent). */
  intent(id: bigint): Promise<ClusterIntent | undefined>;
  /** Orders matching `filter`, newest first. */
  orders(filter: OrderFilter, after?: string): Promise<Page<ClusterOrder>>;
  /** One order with its steps in order (undefined: no such order). */
  order(id: bigint): Promise<(ClusterOrder & { steps: OrderStep[] }) | undefined>;
}
