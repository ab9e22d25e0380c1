// Orders: matched (the record takes its parties, design and due date from the intents' current terms and its time from
// the block), then each step of the life cycle with its time and actor, the record's hash recomputed after each
// (= orderHash(id)); the intents' matched parts, the boards and the exchange's totals follow; a delivery links the
// credit network's obligation.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  OrderAccepted,
  OrderCancelled,
  OrderDelivered,
  OrderDisputed,
  OrderInProduction,
  OrderMatched,
  OrderShipped,
  ProductionReportSkipped,
} from "../../../generated/ClusterExchange/ClusterExchange";
import { designCommons } from "../../utils/constants.generated";
import { ClusterIntent, ClusterOrder, ClusterOrderStep } from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { countState, getExchange, loadBook, loadIntent, loadOrder, recordHashOf, shiftBook } from "./entities";

/** `delta` more (or, negative, less) of `intent` matched; its board follows. */
function matchedMore(event: ethereum.Event, intent: ClusterIntent, delta: BigInt, newOrder: boolean): void {
  shiftBook(event, intent, -1);
  intent.matched = intent.matched.plus(delta);
  intent.remaining = intent.quantity.minus(intent.matched);
  if (newOrder) intent.orderCount += 1;
  intent.updatedAt = event.block.timestamp;
  intent.save();
  shiftBook(event, intent, 1);
}

/**
 * Order `order` moved to `state` (its other record fields set by the caller) by `actor` at `at`: the exchange's
 * counts by state, the record's hash, and the step (returned unsaved, for the caller's details).
 */
function stepTaken(
  event: ethereum.Event,
  order: ClusterOrder,
  state: string,
  actor: Address,
  at: BigInt,
): ClusterOrderStep {
  const exchange = getExchange(event);
  if (order.stepCount > 0) countState(exchange, order.state, -1);
  countState(exchange, state, 1);
  exchange.save();
  order.state = state;
  order.recordHash = recordHashOf(order);
  order.stepCount += 1;
  order.updatedAt = event.block.timestamp;
  order.save();

  const step = new ClusterOrderStep(eventId(event));
  step.order = order.id;
  step.state = state;
  step.actor = actor;
  step.at = at;
  step.recordHash = order.recordHash;
  stampEvent(step, event);
  return step;
}

export function handleOrderMatched(event: OrderMatched): void {
  const p = event.params;
  const offer = loadIntent(p.offerId);
  const need = loadIntent(p.needId);
  matchedMore(event, offer, p.quantity, true);
  matchedMore(event, need, p.quantity, true);
  const book = loadBook(event, offer.book);
  book.matchedQuantity = book.matchedQuantity.plus(p.quantity);
  book.orderCount += 1;
  book.save();
  const exchange = getExchange(event);
  exchange.orderCount += 1;
  exchange.quantityMatched = exchange.quantityMatched.plus(p.quantity);
  exchange.save();

  const order = new ClusterOrder(p.orderId.toString());
  order.orderId = p.orderId;
  order.exchange = exchange.id;
  order.book = book.id;
  order.offer = offer.id;
  order.offerId = p.offerId;
  order.need = need.id;
  order.needId = p.needId;
  order.producer = offer.owner;
  order.buyer = need.owner;
  order.designId = offer.designId;
  order.design = offer.design;
  order.quantity = p.quantity;
  order.price = p.price;
  order.matchedAt = event.block.timestamp;
  order.dueBy = need.end;
  order.promisedAt = BigInt.zero();
  order.shippedAt = BigInt.zero();
  order.matcher = p.matcher;
  order.deliveredQuantity = BigInt.zero();
  order.returned = BigInt.zero();
  order.stepCount = 0;
  order.matchedAtBlock = event.block.number;
  order.matchedTransaction = event.transaction.hash;
  const step = stepTaken(event, order, "Matched", p.matcher, event.block.timestamp);
  step.quantity = p.quantity;
  step.save();
}

export function handleOrderAccepted(event: OrderAccepted): void {
  const p = event.params;
  const order = loadOrder(p.orderId);
  order.promisedAt = p.promisedAt;
  order.acceptedAt = p.at;
  const step = stepTaken(event, order, "Accepted", Address.fromBytes(order.producer), p.at);
  step.promisedAt = p.promisedAt;
  step.save();
}

export function handleOrderInProduction(event: OrderInProduction): void {
  const p = event.params;
  const order = loadOrder(p.orderId);
  order.inProductionAt = p.at;
  stepTaken(event, order, "InProduction", Address.fromBytes(order.producer), p.at).save();
}

export function handleOrderShipped(event: OrderShipped): void {
  const p = event.params;
  const order = loadOrder(p.orderId);
  order.shippedAt = p.at;
  stepTaken(event, order, "Shipped", Address.fromBytes(order.producer), p.at).save();
}

export function handleOrderDelivered(event: OrderDelivered): void {
  const p = event.params;
  const order = loadOrder(p.orderId);
  order.deliveredQuantity = p.quantity;
  order.amount = p.amount;
  order.obligationId = p.obligationId;
  order.obligation = p.obligationId.toString();
  order.deliveredBy = p.by;
  order.deliveredAt = p.at;
  const step = stepTaken(event, order, "Delivered", p.by, p.at);
  step.quantity = p.quantity;
  step.amount = p.amount;
  step.obligationId = p.obligationId;
  step.save();

  const book = loadBook(event, order.book);
  book.deliveredQuantity = book.deliveredQuantity.plus(p.quantity);
  book.save();
  const exchange = getExchange(event);
  exchange.quantityDelivered = exchange.quantityDelivered.plus(p.quantity);
  exchange.obligationCount += 1;
  exchange.creditSettled = exchange.creditSettled.plus(p.amount);
  exchange.save();
}

/** Cancelled before shipping, `returned` (the order's quantity) goes back to both intents; after a dispute, nothing. */
export function handleOrderCancelled(event: OrderCancelled): void {
  const p = event.params;
  const order = loadOrder(p.orderId);
  order.cancelledBy = p.by;
  order.cancelledAt = p.at;
  order.returned = p.returned;
  const step = stepTaken(event, order, "Cancelled", p.by, p.at);
  step.quantity = p.returned;
  step.save();
  if (p.returned.isZero()) return;

  const back = p.returned.neg();
  matchedMore(event, loadIntent(order.offerId), back, false);
  matchedMore(event, loadIntent(order.needId), back, false);
  const book = loadBook(event, order.book);
  book.matchedQuantity = book.matchedQuantity.plus(back);
  book.save();
  const exchange = getExchange(event);
  exchange.quantityReturned = exchange.quantityReturned.plus(p.returned);
  exchange.save();
}

export function handleOrderDisputed(event: OrderDisputed): void {
  const p = event.params;
  const order = loadOrder(p.orderId);
  order.disputeReason = p.reason;
  order.disputedAt = p.at;
  const step = stepTaken(event, order, "Disputed", Address.fromBytes(order.buyer), p.at);
  step.reason = p.reason;
  step.save();
}

/** A delivered order's production the design commons could not count on the producer's licence: why (CX-5). */
export function handleProductionReportSkipped(event: ProductionReportSkipped): void {
  const order = loadOrder(event.params.orderId);
  order.productionReportSkipped = designCommons.ReportOutcomeNames[event.params.outcome];
  order.save();
}
