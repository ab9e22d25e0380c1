// Payments and their hops: hop i of a payment is the BalanceUpdated log hops - i positions before its Paid log, and a
// clearing batch's credit moves are the BalanceUpdated logs right before its ClearingCompleted log.
import { log } from "@graphprotocol/graph-ts";
import { BalanceUpdated, Paid } from "../../../generated/CreditNetwork/CreditNetwork";
import { CreditBalanceChange, Payment } from "../../../generated/schema";
import { earlierLogId, eventId, stampEvent } from "../../utils/events";
import { absBig } from "../../utils/math";
import {
  accountKey,
  claimOf,
  getNetwork,
  getOrCreateMember,
  getOrCreatePair,
  refreshLineUse,
  shiftCreditPosition,
} from "./entities";

export function handleBalanceUpdated(event: BalanceUpdated): void {
  const payer = event.params.payer;
  const payee = event.params.payee;
  const network = getNetwork(event);
  const pair = getOrCreatePair(network, payer, payee, event);
  const oldPairBalance = pair.balance;
  const newClaim = event.params.balance; // payer's claim on payee after the hop
  const amount = claimOf(oldPairBalance, payer, payee).minus(newClaim);
  const newPairBalance = claimOf(newClaim, payer, payee); // the same sign flip maps it back to low's claim
  pair.balance = newPairBalance;
  pair.changeCount += 1;
  pair.updatedAtTimestamp = event.block.timestamp;
  pair.save();

  network.creditInUse = network.creditInUse.plus(absBig(newPairBalance)).minus(absBig(oldPairBalance));
  network.save();
  shiftCreditPosition(getOrCreateMember(payer, event), amount.neg(), event);
  shiftCreditPosition(getOrCreateMember(payee, event), amount, event);
  refreshLineUse(payer, payee, newPairBalance);
  refreshLineUse(payee, payer, newPairBalance);

  const change = new CreditBalanceChange(eventId(event));
  change.pair = pair.id;
  change.payer = accountKey(payer);
  change.payee = accountKey(payee);
  change.amount = amount;
  change.balance = newClaim;
  change.pairBalance = newPairBalance;
  stampEvent(change, event);
  change.logIndex = event.logIndex;
  change.save();
}

export function handlePaid(event: Paid): void {
  const network = getNetwork(event);
  const amount = event.params.amount;
  const hops = event.params.hops.toI32();
  const payment = new Payment(eventId(event));
  payment.from = accountKey(event.params.from);
  payment.to = accountKey(event.params.to);
  payment.amount = amount;
  payment.hopCount = hops;
  payment.memo = event.params.memo;
  stampEvent(payment, event);
  payment.save();

  // The payment's hops are the `hops` BalanceUpdated logs right before this one.
  for (let i = 0; i < hops; i++) {
    const hop = CreditBalanceChange.load(earlierLogId(event, hops - i));
    if (hop == null) {
      log.error("Paid {}: hop {} of {} has no BalanceUpdated log", [
        payment.id.toHexString(),
        i.toString(),
        hops.toString(),
      ]);
      continue;
    }
    hop.payment = payment.id;
    hop.hopIndex = i;
    hop.save();
  }

  const from = getOrCreateMember(event.params.from, event);
  from.totalPaid = from.totalPaid.plus(amount);
  from.paymentsSentCount += 1;
  from.save();
  const to = getOrCreateMember(event.params.to, event);
  to.totalReceived = to.totalReceived.plus(amount);
  to.paymentsReceivedCount += 1;
  to.save();
  network.paymentCount += 1;
  network.paymentVolume = network.paymentVolume.plus(amount);
  network.save();
}
