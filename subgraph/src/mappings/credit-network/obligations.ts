// Obligations: recorded, accepted, cancelled (on request of both parties) and paid along paths; voided nonces.
import { BigInt } from "@graphprotocol/graph-ts";
import {
  NonceCancelled,
  ObligationAccepted,
  ObligationOperatorSet,
  ObligationCancelled,
  ObligationCancelRequested,
  ObligationPaid,
  ObligationRecorded,
} from "../../../generated/CreditNetwork/CreditNetwork";
import {
  CreditMember,
  Obligation,
  ObligationNonceCancellation,
  ObligationOperator,
  ObligationPayment,
} from "../../../generated/schema";
import { creditNetwork } from "../../utils/constants.generated";
import { earlierLogId, eventId, stampEvent } from "../../utils/events";
import { accountKey, getNetwork, getOrCreateMember, loadObligation, obligationKey, shiftOpenAmount } from "./entities";

export function handleObligationRecorded(event: ObligationRecorded): void {
  const network = getNetwork(event);
  const obligation = new Obligation(obligationKey(event.params.id));
  obligation.obligationId = event.params.id;
  obligation.debtor = getOrCreateMember(event.params.debtor, event).id;
  obligation.creditor = getOrCreateMember(event.params.creditor, event).id;
  obligation.amount = event.params.amount;
  obligation.remaining = event.params.amount;
  obligation.dueDate = event.params.dueDate;
  obligation.ref = event.params.ref;
  obligation.status = "Proposed"; // a signed obligation's ObligationAccepted follows in the same transaction
  // A bridge of a clearing split into parts is recorded by a steward, who need not be a member: the proposer gets an
  // entity (status None) so that the reference holds.
  const proposer = accountKey(event.params.proposer);
  if (CreditMember.load(proposer) == null) getOrCreateMember(event.params.proposer, event).save();
  obligation.proposer = proposer;
  obligation.signed = false;
  obligation.cancelRequestedBy = 0;
  obligation.clearedTotal = BigInt.zero();
  obligation.paidTotal = BigInt.zero();
  obligation.createdAtBlock = event.block.number;
  obligation.createdAtTimestamp = event.block.timestamp;
  obligation.createdTransaction = event.transaction.hash;
  obligation.save();
  network.obligationCount += 1;
  network.save();
}

export function handleObligationAccepted(event: ObligationAccepted): void {
  const network = getNetwork(event);
  const obligation = loadObligation(event.params.id);
  obligation.status = "Open";
  obligation.acceptedBy = event.params.by;
  obligation.acceptedAtTimestamp = event.block.timestamp;
  // Only a signed obligation is "accepted" by its proposer (the signer), in the transaction that recorded it.
  obligation.signed =
    obligation.createdTransaction.equals(event.transaction.hash) && obligation.proposer == accountKey(event.params.by);
  shiftOpenAmount(network, obligation, obligation.remaining, 1, event);
  network.openObligationCount += 1;
  obligation.save();
  network.save();
}

export function handleObligationCancelRequested(event: ObligationCancelRequested): void {
  const obligation = loadObligation(event.params.id);
  const bit =
    obligation.debtor == accountKey(event.params.by) ? creditNetwork._DEBTOR_BIT : creditNetwork._CREDITOR_BIT;
  obligation.cancelRequestedBy = obligation.cancelRequestedBy | bit;
  obligation.save();
}

export function handleObligationCancelled(event: ObligationCancelled): void {
  const network = getNetwork(event);
  const obligation = loadObligation(event.params.id);
  const remaining = event.params.remaining;
  if (obligation.status == "Open") {
    shiftOpenAmount(network, obligation, remaining, -1, event);
    network.openObligationCount -= 1;
    network.obligationsCancelledTotal = network.obligationsCancelledTotal.plus(remaining);
  }
  obligation.status = "Cancelled";
  obligation.cancelledRemaining = remaining;
  obligation.closedAtTimestamp = event.block.timestamp;
  obligation.save();
  network.save();
}

export function handleObligationPaid(event: ObligationPaid): void {
  const network = getNetwork(event);
  const obligation = loadObligation(event.params.id);
  const amount = event.params.amount;
  shiftOpenAmount(network, obligation, amount, -1, event);
  obligation.remaining = event.params.remaining;
  obligation.paidTotal = obligation.paidTotal.plus(amount);
  if (event.params.remaining.isZero()) {
    obligation.status = "Settled";
    network.openObligationCount -= 1;
    obligation.closedAtTimestamp = event.block.timestamp;
  }
  obligation.save();
  network.obligationsPaidTotal = network.obligationsPaidTotal.plus(amount);
  network.save();

  const payment = new ObligationPayment(eventId(event));
  payment.obligation = obligation.id;
  payment.payment = earlierLogId(event, 1); // the Paid log right before
  payment.amount = amount;
  payment.remaining = event.params.remaining;
  stampEvent(payment, event);
  payment.save();
}

export function handleNonceCancelled(event: NonceCancelled): void {
  const entry = new ObligationNonceCancellation(eventId(event));
  entry.signer = event.params.signer;
  entry.counterparty = event.params.counterparty;
  entry.nonce = event.params.nonce;
  entry.sequence = event.params.nonce.bitAnd(BigInt.fromU64(u64.MAX_VALUE));
  stampEvent(entry, event);
  entry.save();
}

export function handleObligationOperatorSet(event: ObligationOperatorSet): void {
  const id = event.params.member.toHexString() + "-" + event.params.operator.toHexString();
  let entry = ObligationOperator.load(id);
  if (entry == null) {
    entry = new ObligationOperator(id);
    entry.member = event.params.member;
    entry.operator = event.params.operator;
    entry.changes = 0;
    entry.approved = false;
    entry.approvedSince = BigInt.zero();
  }
  // As the contract: approving while approved, or withdrawing while not, changes nothing but the count.
  if (event.params.approved && !entry.approved) {
    entry.approvedSince = event.block.timestamp;
    entry.withdrawnAt = null;
  } else if (!event.params.approved && entry.approved) {
    entry.withdrawnAt = event.block.timestamp;
  }
  entry.approved = event.params.approved;
  entry.changes += 1;
  entry.updatedAtBlock = event.block.number;
  entry.updatedAtTimestamp = event.block.timestamp;
  entry.save();
}
