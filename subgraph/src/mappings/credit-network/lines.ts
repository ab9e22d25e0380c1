// Credit lines: offers, updates, cancelled offers and closures.
import { BigInt } from "@graphprotocol/graph-ts";
import {
  CreditLineClosed,
  CreditLineOffered,
  CreditLineUpdated,
  CreditOfferCancelled,
} from "../../../generated/CreditNetwork/CreditNetwork";
import { CreditLine } from "../../../generated/schema";
import { getNetwork, getOrCreateLine, lineKey, recordLineChange, saveLine, setLimit } from "./entities";

export function handleCreditLineOffered(event: CreditLineOffered): void {
  const giver = event.params.giver;
  const receiver = event.params.receiver;
  const network = getNetwork(event);
  const line = getOrCreateLine(network, giver, receiver, event);
  line.pendingOffer = event.params.limit;
  saveLine(line, giver, receiver, event);
  network.save();
  recordLineChange(event, line, "Offered", event.params.limit, giver);
}

export function handleCreditLineUpdated(event: CreditLineUpdated): void {
  const giver = event.params.giver;
  const receiver = event.params.receiver;
  const network = getNetwork(event);
  const line = getOrCreateLine(network, giver, receiver, event);
  // A higher limit is the receiver accepting the pending offer; a limit at or below the current one is the
  // giver's cut. Either way the pending offer is gone.
  const by = event.params.limit.gt(line.limit) ? receiver : giver;
  setLimit(network, line, giver, receiver, event.params.limit);
  line.pendingOffer = BigInt.zero();
  saveLine(line, giver, receiver, event);
  network.save();
  recordLineChange(event, line, "Updated", event.params.limit, by);
}

export function handleCreditOfferCancelled(event: CreditOfferCancelled): void {
  const giver = event.params.giver;
  const receiver = event.params.receiver;
  const network = getNetwork(event);
  const line = getOrCreateLine(network, giver, receiver, event);
  line.pendingOffer = BigInt.zero();
  saveLine(line, giver, receiver, event);
  network.save();
  recordLineChange(event, line, "OfferCancelled", BigInt.zero(), event.params.by);
}

export function handleCreditLineClosed(event: CreditLineClosed): void {
  const giver = event.params.giver;
  const receiver = event.params.receiver;
  const line = CreditLine.load(lineKey(giver, receiver));
  // The contract refuses to close a line that never existed (NoCreditLine); guard anyway.
  if (line == null) return;
  const network = getNetwork(event);
  setLimit(network, line, giver, receiver, BigInt.zero());
  line.pendingOffer = BigInt.zero();
  line.closedAtTimestamp = event.block.timestamp;
  line.closedBy = event.params.by;
  saveLine(line, giver, receiver, event);
  network.save();
  recordLineChange(event, line, "Closed", BigInt.zero(), event.params.by);
}
