// The cluster exchange's event fold: every ClusterExchange event folded by pure functions into plain state (Maps,
// arrays, bigints), from which the chain reader cuts each screen's view and page. Books follow the subgraph mapping's
// (subgraph/src/mappings/cluster-exchange): the exchange's totals, a board per category and unit, each intent's
// current terms and matched part, each order's record (its parties, design and due date from the intents' terms when
// matched, its time from the block) and its steps.
import type { clusterExchangeAbi } from "@cosmolocal/sdk";
import { getAddress, hexToString, type Address, type Hex } from "viem";
import type { DecodedLog, EventFold } from "../../shared/data/logs.ts";
import {
  LICENCE_REPORTS,
  type CategoryBoard,
  type ClusterInfo,
  type ClusterIntent,
  type ClusterOrder,
  type IntentTerms,
  type OrderRecord,
  type OrderState,
  type OrderStep,
} from "./types.ts";

export type ClusterAbi = typeof clusterExchangeAbi;
export type ClusterLog = DecodedLog<ClusterAbi>;

/** Set where the RPC gives `blockTimestamp` with its logs; else the chain reader reads the block's time. */
export interface Timed {
  block: bigint;
  time?: number;
}

/** An intent as folded: its view (its times apart), its board's id and the logs that posted, changed and withdrew it. */
export interface IntentRecord {
  view: Omit<ClusterIntent, "postedAt" | "updatedAt" | "withdrawnAt">;
  /** Its current terms' board: `<category>-<unit hex>`. */
  book: string;
  posted: Timed;
  /** The last post, update or withdrawal. */
  changed: Timed;
  withdrawn?: Timed;
}

/** A step as folded: the step (its time apart) and its time (the event's `at`, or the match's block). */
export interface StepRecord {
  step: Omit<OrderStep, "at">;
  at: Timed;
}

/**
 * An order as folded: its view (but its record's match time, and its offer's category, unit and place, read from the
 * offer's current terms), the board it was matched on, the block that matched it, and its steps in chain order.
 */
export interface OrderEntry {
  view: Omit<ClusterOrder, "record" | "category" | "unit" | "unitText" | "lat" | "lon"> & {
    record: Omit<OrderRecord, "matchedAt">;
  };
  book: string;
  matched: Timed;
  steps: StepRecord[];
}

export interface ClusterState {
  info: ClusterInfo;
  /** By id `<category>-<unit hex>`. */
  books: Map<string, CategoryBoard>;
  /** In id order. */
  intents: Map<bigint, IntentRecord>;
  /** In id order. */
  orders: Map<bigint, OrderEntry>;
}

/** The unit's text: its bytes without the trailing zero bytes that pad it to bytes8, as UTF-8 (as the mapping). */
export function unitTextOf(unit: Hex): string {
  let hex = unit.toLowerCase();
  while (hex.length > 2 && hex.endsWith("00")) hex = hex.slice(0, -2);
  return hexToString(hex as Hex);
}

/** A board's id as the subgraph's: `<category>-<unit hex>` (the unit's bytes8 in lower-case hex). */
export const bookId = (category: number, unit: Hex) => `${category}-${unit.toLowerCase()}`;

function timed(log: ClusterLog): Timed {
  const time = (log as { blockTimestamp?: bigint | null }).blockTimestamp;
  return { block: log.blockNumber, ...(time !== undefined && time !== null ? { time: Number(time) } : {}) };
}

/** A time an event gives (`at`), in its block. */
const atTime = (log: ClusterLog, at: number): Timed => ({ block: log.blockNumber, time: at });

type EventTerms = Extract<ClusterLog, { eventName: "IntentPosted" }>["args"]["terms"];

const termsOf = (t: EventTerms): IntentTerms => ({
  owner: getAddress(t.owner),
  side: t.side === 0 ? "offer" : "need",
  category: t.category,
  unit: t.unit,
  designId: t.designId,
  spec: t.spec,
  quantity: t.quantity,
  price: t.price,
  start: t.start,
  end: t.end,
  lat: t.lat,
  lon: t.lon,
  maxDistance: t.maxDistance,
});

/** The board of `category` in `unit`, made at first use. */
function book(s: ClusterState, category: number, unit: Hex): CategoryBoard {
  const id = bookId(category, unit);
  let b = s.books.get(id);
  if (!b)
    s.books.set(
      id,
      (b = {
        category,
        unit: unit.toLowerCase() as Hex,
        unitText: unitTextOf(unit),
        activeOfferCount: 0,
        activeNeedCount: 0,
        openOfferQuantity: 0n,
        openNeedQuantity: 0n,
        matchedQuantity: 0n,
        deliveredQuantity: 0n,
        orderCount: 0,
      }),
    );
  return b;
}

/**
 * Adds (`sign` 1) or takes away (-1) what active intent `i` puts on its board: one intent on its side and its
 * unmatched quantity. Changes take it away, change the intent, and put it back (the mapping's shiftBook).
 */
function shiftBook(s: ClusterState, i: IntentRecord, sign: 1 | -1): void {
  if (!i.view.active) return;
  const b = s.books.get(i.book)!;
  const open = i.view.remaining * BigInt(sign);
  if (i.view.terms.side === "offer") {
    b.activeOfferCount += sign;
    b.openOfferQuantity += open;
  } else {
    b.activeNeedCount += sign;
    b.openNeedQuantity += open;
  }
}

/** Sets intent `i`'s terms, its unit's text, its board (made at first use) and its unmatched part. */
function applyTerms(s: ClusterState, i: IntentRecord, terms: IntentTerms): void {
  i.view.terms = terms;
  i.view.unitText = unitTextOf(terms.unit);
  book(s, terms.category, terms.unit);
  i.book = bookId(terms.category, terms.unit);
  i.view.remaining = terms.quantity - i.view.matched;
}

/** `delta` more (or, negative, less) of intent `i` matched; its board follows. */
function matchedMore(s: ClusterState, i: IntentRecord, delta: bigint, newOrder: boolean): void {
  shiftBook(s, i, -1);
  i.view.matched += delta;
  i.view.remaining = i.view.terms.quantity - i.view.matched;
  if (newOrder) i.view.orderCount++;
  shiftBook(s, i, 1);
}

/** Order `o` moved to `state` by `actor` at `at`: the exchange's counts by state, and the step (with `details`). */
function stepTaken(
  s: ClusterState,
  log: ClusterLog,
  o: OrderEntry,
  state: OrderState,
  actor: Address,
  at: Timed,
  details: Partial<Omit<OrderStep, "state" | "actor" | "at" | "blockNumber" | "txHash">> = {},
): void {
  if (o.steps.length > 0) s.info.ordersByState[o.view.record.state]--;
  s.info.ordersByState[state]++;
  o.view.record.state = state;
  o.steps.push({
    step: { state, actor: getAddress(actor), ...details, blockNumber: log.blockNumber, txHash: log.transactionHash },
    at,
  });
}

/** Folds one decoded ClusterExchange log into `s` (logs must come in chain order). */
export function applyClusterLog(s: ClusterState, log: ClusterLog): void {
  switch (log.eventName) {
    case "IntentPosted": {
      const { intentId, owner, side } = log.args;
      const terms = termsOf(log.args.terms);
      const offer = side === 0;
      s.info.intentCount++;
      if (offer) {
        s.info.offerCount++;
        s.info.activeOfferCount++;
      } else {
        s.info.needCount++;
        s.info.activeNeedCount++;
      }
      const i: IntentRecord = {
        view: {
          id: intentId,
          terms: { ...terms, owner: getAddress(owner), side: offer ? "offer" : "need" },
          unitText: "",
          matched: 0n,
          remaining: 0n,
          active: true,
          version: 1,
          orderCount: 0,
          blockNumber: log.blockNumber,
          txHash: log.transactionHash,
        },
        book: "",
        posted: timed(log),
        changed: timed(log),
      };
      applyTerms(s, i, i.view.terms);
      s.intents.set(intentId, i);
      shiftBook(s, i, 1);
      return;
    }
    case "IntentUpdated": {
      const i = s.intents.get(log.args.intentId);
      if (!i) return;
      shiftBook(s, i, -1);
      i.view.version++;
      applyTerms(s, i, termsOf(log.args.terms));
      i.changed = timed(log);
      shiftBook(s, i, 1);
      return;
    }
    case "IntentWithdrawn": {
      const i = s.intents.get(log.args.intentId);
      if (!i) return;
      shiftBook(s, i, -1);
      i.view.active = false;
      i.view.matched = log.args.matched;
      i.view.remaining = i.view.terms.quantity - log.args.matched;
      i.changed = i.withdrawn = timed(log);
      if (i.view.terms.side === "offer") s.info.activeOfferCount--;
      else s.info.activeNeedCount--;
      return;
    }
    case "OrderMatched": {
      const { orderId, offerId, needId, quantity, price, matcher } = log.args;
      const offer = s.intents.get(offerId);
      const need = s.intents.get(needId);
      if (!offer || !need) return;
      matchedMore(s, offer, quantity, true);
      matchedMore(s, need, quantity, true);
      const b = s.books.get(offer.book)!;
      b.matchedQuantity += quantity;
      b.orderCount++;
      s.info.orderCount++;
      s.info.quantityMatched += quantity;
      const o: OrderEntry = {
        view: {
          id: orderId,
          record: {
            offerId,
            needId,
            producer: offer.view.terms.owner,
            buyer: need.view.terms.owner,
            designId: offer.view.terms.designId,
            quantity,
            price,
            dueBy: need.view.terms.end,
            promisedAt: 0,
            shippedAt: 0,
            state: "Matched",
          },
          deliveredQuantity: 0n,
          returned: 0n,
          blockNumber: log.blockNumber,
          txHash: log.transactionHash,
        },
        book: offer.book,
        matched: timed(log),
        steps: [],
      };
      s.orders.set(orderId, o);
      stepTaken(s, log, o, "Matched", matcher, o.matched, { quantity });
      return;
    }
    case "OrderAccepted": {
      const { orderId, promisedAt, at } = log.args;
      const o = s.orders.get(orderId);
      if (!o) return;
      o.view.record.promisedAt = promisedAt;
      o.view.acceptedAt = at;
      stepTaken(s, log, o, "Accepted", o.view.record.producer, atTime(log, at), { promisedAt });
      return;
    }
    case "OrderInProduction": {
      const { orderId, at } = log.args;
      const o = s.orders.get(orderId);
      if (!o) return;
      o.view.inProductionAt = at;
      stepTaken(s, log, o, "InProduction", o.view.record.producer, atTime(log, at));
      return;
    }
    case "OrderShipped": {
      const { orderId, at } = log.args;
      const o = s.orders.get(orderId);
      if (!o) return;
      o.view.record.shippedAt = at;
      stepTaken(s, log, o, "Shipped", o.view.record.producer, atTime(log, at));
      return;
    }
    case "OrderDelivered": {
      const { orderId, obligationId, quantity, amount, by, at } = log.args;
      const o = s.orders.get(orderId);
      if (!o) return;
      Object.assign(o.view, {
        deliveredQuantity: quantity,
        amount,
        obligationId,
        deliveredBy: getAddress(by),
        deliveredAt: at,
      });
      // Reported to the producer's licence unless ProductionReportSkipped follows in the same transaction.
      if (o.view.record.designId !== 0n) o.view.licenceReport = "Reported";
      stepTaken(s, log, o, "Delivered", by, atTime(log, at), { quantity, amount, obligationId });
      s.books.get(o.book)!.deliveredQuantity += quantity;
      s.info.quantityDelivered += quantity;
      s.info.obligationCount++;
      s.info.creditSettled += amount;
      return;
    }
    case "OrderCancelled": {
      // Cancelled before shipping, `returned` (the order's quantity) goes back to both intents; after a dispute,
      // nothing.
      const { orderId, by, returned, at } = log.args;
      const o = s.orders.get(orderId);
      if (!o) return;
      o.view.cancelledBy = getAddress(by);
      o.view.cancelledAt = at;
      o.view.returned = returned;
      stepTaken(s, log, o, "Cancelled", by, atTime(log, at), { quantity: returned });
      if (returned === 0n) return;
      for (const id of [o.view.record.offerId, o.view.record.needId]) {
        const i = s.intents.get(id);
        if (i) matchedMore(s, i, -returned, false);
      }
      s.books.get(o.book)!.matchedQuantity -= returned;
      s.info.quantityReturned += returned;
      return;
    }
    case "ProductionReportSkipped": {
      const o = s.orders.get(log.args.orderId);
      if (o) o.view.licenceReport = LICENCE_REPORTS[log.args.outcome];
      return;
    }
    case "OrderDisputed": {
      const { orderId, reason, at } = log.args;
      const o = s.orders.get(orderId);
      if (!o) return;
      o.view.disputeReason = reason;
      o.view.disputedAt = at;
      stepTaken(s, log, o, "Disputed", o.view.record.buyer, atTime(log, at), { reason });
      return;
    }
  }
}

export const clusterFold: EventFold<ClusterAbi, ClusterState> = {
  initial: () => ({
    info: {
      intentCount: 0,
      offerCount: 0,
      needCount: 0,
      activeOfferCount: 0,
      activeNeedCount: 0,
      orderCount: 0,
      ordersByState: {
        Matched: 0,
        Accepted: 0,
        InProduction: 0,
        Shipped: 0,
        Delivered: 0,
        Cancelled: 0,
        Disputed: 0,
      },
      quantityMatched: 0n,
      quantityReturned: 0n,
      quantityDelivered: 0n,
      obligationCount: 0,
      creditSettled: 0n,
    },
    books: new Map(),
    intents: new Map(),
    orders: new Map(),
  }),
  apply(state, logs) {
    for (const log of logs) applyClusterLog(state, log);
  },
};
