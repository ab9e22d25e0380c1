// The cluster exchange's entities as the handlers load and create them: the exchange's totals (created at its first
// event), the production board per category and unit, intents and orders; an intent's unit as text, the terms' stored
// hash and an order record's hash, both computed as the contract does (keccak256 of abi.encode).
import { Address, BigInt, Bytes, crypto, ethereum, log } from "@graphprotocol/graph-ts";
import { ClusterCategory, ClusterExchange, ClusterIntent, ClusterOrder } from "../../../generated/schema";
import { clusterExchange } from "../../utils/constants.generated";
import { childId } from "../../utils/ids";

export function getExchange(event: ethereum.Event): ClusterExchange {
  const id = event.address.toHexString();
  let exchange = ClusterExchange.load(id);
  if (exchange == null) {
    exchange = new ClusterExchange(id);
    exchange.address = event.address;
    exchange.intentCount = 0;
    exchange.offerCount = 0;
    exchange.needCount = 0;
    exchange.activeOfferCount = 0;
    exchange.activeNeedCount = 0;
    exchange.orderCount = 0;
    exchange.matchedOrderCount = 0;
    exchange.acceptedOrderCount = 0;
    exchange.inProductionOrderCount = 0;
    exchange.shippedOrderCount = 0;
    exchange.deliveredOrderCount = 0;
    exchange.cancelledOrderCount = 0;
    exchange.disputedOrderCount = 0;
    exchange.quantityMatched = BigInt.zero();
    exchange.quantityReturned = BigInt.zero();
    exchange.quantityDelivered = BigInt.zero();
    exchange.obligationCount = 0;
    exchange.creditSettled = BigInt.zero();
    exchange.createdAtBlock = event.block.number;
    exchange.createdAtTimestamp = event.block.timestamp;
  }
  exchange.updatedAtTimestamp = event.block.timestamp;
  return exchange;
}

/** The unit's text: its bytes without the trailing zero bytes that pad it to bytes8. */
export function unitText(unit: Bytes): string {
  let n = unit.length;
  while (n > 0 && unit[n - 1] == 0) n--;
  return Bytes.fromUint8Array(unit.subarray(0, n)).toString();
}

/** The board of `category` in `unit` (saved by the caller). */
export function getBook(event: ethereum.Event, category: BigInt, unit: Bytes): ClusterCategory {
  const id = childId(category.toString(), unit.toHexString());
  let book = ClusterCategory.load(id);
  if (book == null) {
    book = new ClusterCategory(id);
    book.exchange = event.address.toHexString();
    book.category = category;
    book.unit = unitText(unit);
    book.unitBytes = unit;
    book.activeOfferCount = 0;
    book.activeNeedCount = 0;
    book.openOfferQuantity = BigInt.zero();
    book.openNeedQuantity = BigInt.zero();
    book.matchedQuantity = BigInt.zero();
    book.deliveredQuantity = BigInt.zero();
    book.orderCount = 0;
  }
  book.updatedAtTimestamp = event.block.timestamp;
  return book;
}

export function loadBook(event: ethereum.Event, id: string): ClusterCategory {
  const book = ClusterCategory.load(id);
  if (book == null) log.critical("ClusterExchange: unknown board {}", [id]);
  book!.updatedAtTimestamp = event.block.timestamp;
  return book!;
}

export function loadIntent(intentId: BigInt): ClusterIntent {
  const intent = ClusterIntent.load(intentId.toString());
  if (intent == null) log.critical("ClusterExchange: event for unknown intent {}", [intentId.toString()]);
  return intent!;
}

export function loadOrder(orderId: BigInt): ClusterOrder {
  const order = ClusterOrder.load(orderId.toString());
  if (order == null) log.critical("ClusterExchange: event for unknown order {}", [orderId.toString()]);
  return order!;
}

/**
 * Adds (`sign` 1) or takes away (-1) what active intent `intent` puts on its board: one intent on its side and its
 * unmatched quantity. Handlers take it away, change the intent, and put it back.
 */
export function shiftBook(event: ethereum.Event, intent: ClusterIntent, sign: i32): void {
  if (!intent.active) return;
  const book = loadBook(event, intent.book);
  const open = intent.quantity.minus(intent.matched).times(BigInt.fromI32(sign));
  if (intent.side == "Offer") {
    book.activeOfferCount += sign;
    book.openOfferQuantity = book.openOfferQuantity.plus(open);
  } else {
    book.activeNeedCount += sign;
    book.openNeedQuantity = book.openNeedQuantity.plus(open);
  }
  book.save();
}

/** The stored hash of terms: the top 160 bits of keccak256(abi.encode(terms)). */
export function termsHashOf(terms: ethereum.Tuple): Bytes {
  const hash = crypto.keccak256(ethereum.encode(ethereum.Value.fromTuple(terms))!);
  return Bytes.fromUint8Array(hash.subarray(0, 20));
}

const uint = (x: BigInt): ethereum.Value => ethereum.Value.fromUnsignedBigInt(x);

/** keccak256(abi.encode(order's record)): IClusterExchange.Order's fields in order, as orderHash(id) stores it. */
export function recordHashOf(o: ClusterOrder): Bytes {
  const fields = new ethereum.Tuple();
  fields.push(uint(o.offerId));
  fields.push(uint(o.needId));
  fields.push(ethereum.Value.fromAddress(Address.fromBytes(o.producer)));
  fields.push(ethereum.Value.fromAddress(Address.fromBytes(o.buyer)));
  fields.push(uint(o.designId));
  fields.push(uint(o.quantity));
  fields.push(uint(o.price));
  fields.push(uint(o.matchedAt));
  fields.push(uint(o.dueBy));
  fields.push(uint(o.promisedAt));
  fields.push(uint(o.shippedAt));
  fields.push(uint(BigInt.fromI32(clusterExchange.OrderStateNames.indexOf(o.state))));
  return Bytes.fromByteArray(crypto.keccak256(ethereum.encode(ethereum.Value.fromTuple(fields))!));
}

/** Counts one order more (`delta` 1) or less (-1) in `state` among the exchange's orders. */
export function countState(exchange: ClusterExchange, state: string, delta: i32): void {
  if (state == "Matched") exchange.matchedOrderCount += delta;
  else if (state == "Accepted") exchange.acceptedOrderCount += delta;
  else if (state == "InProduction") exchange.inProductionOrderCount += delta;
  else if (state == "Shipped") exchange.shippedOrderCount += delta;
  else if (state == "Delivered") exchange.deliveredOrderCount += delta;
  else if (state == "Cancelled") exchange.cancelledOrderCount += delta;
  else if (state == "Disputed") exchange.disputedOrderCount += delta;
  else log.critical("ClusterExchange: unknown order state {}", [state]);
}
