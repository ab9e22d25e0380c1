// Intents: posted, updated (new terms, possibly in another category or unit: it moves boards) and withdrawn; each
// change kept with its terms; the terms' stored hash computed from the event's tuple (= intent(id).termsHash).
import { BigInt, Bytes, Entity, ethereum } from "@graphprotocol/graph-ts";
import {
  IntentPosted,
  IntentPostedTermsStruct,
  IntentUpdated,
  IntentWithdrawn,
} from "../../../generated/ClusterExchange/ClusterExchange";
import { ClusterIntent, ClusterIntentChange } from "../../../generated/schema";
import { clusterExchange } from "../../utils/constants.generated";
import { eventId, stampEvent } from "../../utils/events";
import { getBook, getExchange, loadIntent, shiftBook, termsHashOf, unitText } from "./entities";

/** Sets the terms' fields (but owner and side) and their hash on an intent or an intent change. */
function setTerms(entity: Entity, t: IntentPostedTermsStruct): void {
  entity.setBigInt("category", t.category);
  entity.setString("unit", unitText(t.unit));
  entity.setBytes("unitBytes", t.unit);
  entity.setBigInt("designId", t.designId);
  entity.setBytes("spec", t.spec);
  entity.setBigInt("quantity", t.quantity);
  entity.setBigInt("price", t.price);
  entity.setBigInt("start", t.start);
  entity.setBigInt("end", t.end);
  entity.setI32("lat", t.lat);
  entity.setI32("lon", t.lon);
  entity.setBigInt("maxDistance", t.maxDistance);
  entity.setBytes("termsHash", termsHashOf(t));
}

/** Records the change of `intent` (after it), with `terms` (null: withdrawn). */
function intentChanged(
  event: ethereum.Event,
  intent: ClusterIntent,
  kind: string,
  t: IntentPostedTermsStruct | null,
): void {
  const change = new ClusterIntentChange(eventId(event));
  change.intent = intent.id;
  change.kind = kind;
  change.owner = intent.owner;
  if (t != null) setTerms(change, t);
  change.matched = intent.matched;
  stampEvent(change, event);
  change.save();
}

/** Applies terms `t` to `intent`: its fields, hash, board and design; the board's counts follow (shiftBook). */
function applyTerms(event: ethereum.Event, intent: ClusterIntent, t: IntentPostedTermsStruct): void {
  setTerms(intent, t);
  const book = getBook(event, t.category, t.unit);
  book.save();
  intent.book = book.id;
  intent.design = t.designId.isZero() ? null : t.designId.toString();
  intent.remaining = t.quantity.minus(intent.matched);
  intent.updatedAt = event.block.timestamp;
}

export function handleIntentPosted(event: IntentPosted): void {
  const p = event.params;
  const t = p.terms;
  const offer = p.side == clusterExchange.Side.Offer;
  const exchange = getExchange(event);
  exchange.intentCount += 1;
  if (offer) {
    exchange.offerCount += 1;
    exchange.activeOfferCount += 1;
  } else {
    exchange.needCount += 1;
    exchange.activeNeedCount += 1;
  }
  exchange.save();

  const intent = new ClusterIntent(p.intentId.toString());
  intent.intentId = p.intentId;
  intent.exchange = exchange.id;
  intent.owner = p.owner;
  intent.side = clusterExchange.SideNames[p.side];
  intent.matched = BigInt.zero();
  intent.active = true;
  intent.version = 1;
  intent.orderCount = 0;
  intent.postedAt = event.block.timestamp;
  intent.postedAtBlock = event.block.number;
  intent.postedTransaction = event.transaction.hash;
  applyTerms(event, intent, t);
  intent.save();
  shiftBook(event, intent, 1);
  intentChanged(event, intent, "Posted", t);
}

export function handleIntentUpdated(event: IntentUpdated): void {
  const p = event.params;
  const t = changetype<IntentPostedTermsStruct>(p.terms);
  const intent = loadIntent(p.intentId);
  shiftBook(event, intent, -1);
  intent.version += 1;
  applyTerms(event, intent, t);
  intent.save();
  shiftBook(event, intent, 1);
  intentChanged(event, intent, "Updated", t);
}

export function handleIntentWithdrawn(event: IntentWithdrawn): void {
  const p = event.params;
  const intent = loadIntent(p.intentId);
  shiftBook(event, intent, -1);
  intent.active = false;
  intent.matched = p.matched;
  intent.remaining = intent.quantity.minus(p.matched);
  intent.termsHash = Bytes.fromUint8Array(new Uint8Array(20)); // the contract keeps only the matched part
  intent.withdrawnAt = event.block.timestamp;
  intent.updatedAt = event.block.timestamp;
  intent.save();
  const exchange = getExchange(event);
  if (intent.side == "Offer") exchange.activeOfferCount -= 1;
  else exchange.activeNeedCount -= 1;
  exchange.save();
  intentChanged(event, intent, "Withdrawn", null);
}
