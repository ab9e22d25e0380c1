// Clearing epochs: the set-offs of a batch and its summary (credit moves are linked in payments.ts).
import { BigDecimal, log } from "@graphprotocol/graph-ts";
import { ClearingCompleted, ObligationCleared } from "../../../generated/CreditNetwork/CreditNetwork";
import { ClearingEpoch, CreditBalanceChange, SetOffEntry } from "../../../generated/schema";
import { earlierLogId, eventId, stampEvent } from "../../utils/events";
import { getNetwork, loadObligation, shiftOpenAmount } from "./entities";

export function handleObligationCleared(event: ObligationCleared): void {
  const network = getNetwork(event);
  const obligation = loadObligation(event.params.id);
  const amount = event.params.amount;
  // A set-off lowers the debtor's payables and the creditor's receivables. The contract shifts net positions
  // by the batch's credit moves instead; flow conservation makes the two equal once the batch is complete.
  shiftOpenAmount(network, obligation, amount, -1, event);
  obligation.remaining = event.params.remaining;
  obligation.clearedTotal = obligation.clearedTotal.plus(amount);
  if (event.params.remaining.isZero()) {
    obligation.status = "Settled";
    network.openObligationCount -= 1;
    obligation.closedAtTimestamp = event.block.timestamp;
  }
  obligation.save();
  network.save();

  const entry = new SetOffEntry(eventId(event));
  entry.epoch = event.params.epoch.toString();
  entry.obligation = obligation.id;
  entry.debtor = obligation.debtor;
  entry.creditor = obligation.creditor;
  entry.amount = amount;
  entry.remaining = event.params.remaining;
  stampEvent(entry, event);
  entry.save();
}

export function handleClearingCompleted(event: ClearingCompleted): void {
  const network = getNetwork(event);
  const epoch = new ClearingEpoch(event.params.epoch.toString());

  // The batch's credit moves are the BalanceUpdated logs right before this one (after its ObligationCleared
  // logs); walk back to the first, then number them in order.
  let moves = 0;
  while (CreditBalanceChange.load(earlierLogId(event, moves + 1)) != null) moves += 1;
  for (let i = 0; i < moves; i++) {
    const move = CreditBalanceChange.load(earlierLogId(event, moves - i))!;
    move.epoch = epoch.id;
    move.moveIndex = i;
    move.save();
  }

  const before = event.params.obligationsBefore;
  const cleared = event.params.cleared;
  epoch.epoch = event.params.epoch;
  epoch.operator = event.params.operator;
  epoch.solutionId = event.params.solutionId;
  epoch.obligationsBefore = before;
  epoch.cleared = cleared;
  epoch.movedToCredit = event.params.movedToCredit;
  epoch.outstandingAfter = before.minus(cleared);
  epoch.netInternalDebt = event.params.netInternalDebt;
  epoch.setOffCount = event.params.setOffs.toI32();
  epoch.creditMoveCount = moves;
  epoch.clearedRatio = before.isZero() ? BigDecimal.zero() : cleared.toBigDecimal().div(before.toBigDecimal());
  stampEvent(epoch, event);
  epoch.save();

  network.epochCount = event.params.epoch.toI32();
  network.clearedTotal = network.clearedTotal.plus(cleared);
  network.movedToCreditTotal = network.movedToCreditTotal.plus(event.params.movedToCredit);
  network.save();
  if (!network.netInternalDebt.equals(event.params.netInternalDebt)) {
    log.error("ClearingCompleted {}: indexed NID {} differs from the contract's {}", [
      epoch.id,
      network.netInternalDebt.toString(),
      event.params.netInternalDebt.toString(),
    ]);
  }
}
