// Clearing epochs: the set-offs of a batch, the parts of a clearing split into parts with their bridges, and the
// batch's summary (credit moves are linked in payments.ts).
import { BigDecimal, BigInt, log } from "@graphprotocol/graph-ts";
import { ClearingBridged, ClearingCompleted, ObligationCleared } from "../../../generated/CreditNetwork/CreditNetwork";
import { ClearingEpoch, ClearingPart, CreditBalanceChange, SetOffEntry } from "../../../generated/schema";
import { earlierLogId, eventId, stampEvent } from "../../utils/events";
import { getNetwork, loadObligation, obligationKey, shiftOpenAmount } from "./entities";

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

/**
 * A part of a clearing split into parts (clearPart), logged after its set-offs (the settled bridge's last), credit
 * moves and new bridge (ObligationRecorded, ObligationAccepted), right before its ClearingCompleted: the part links
 * the bridges, which the obligation handlers have already opened and settled.
 */
export function handleClearingBridged(event: ClearingBridged): void {
  const id = event.params.epoch.toString();
  const part = new ClearingPart(id);
  part.epoch = id;
  part.solutionId = event.params.solutionId;
  part.index = 1;
  part.first = id;
  const settledId = event.params.settledBridgeId;
  if (!settledId.isZero()) {
    const settled = loadObligation(settledId);
    settled.bridgeSettledBy = id;
    settled.save();
    part.settledBridge = settled.id;
    const leftBy = settled.bridgeOf;
    let previous: ClearingPart | null = null;
    if (leftBy != null) previous = ClearingPart.load(leftBy!);
    if (previous == null) {
      log.error("ClearingBridged {}: settled obligation {} is no bridge of a part", [id, settled.id]);
    } else {
      part.index = previous.index + 1;
      part.first = previous.first;
    }
  }
  const bridgeId = event.params.bridgeId;
  part.bridgeAmount = BigInt.zero();
  if (!bridgeId.isZero()) {
    const bridge = loadObligation(bridgeId);
    bridge.bridgeOf = id;
    // Its ObligationAccepted came from the steward who recorded it, in the same transaction: not a signed obligation.
    bridge.signed = false;
    bridge.save();
    part.bridge = obligationKey(bridgeId);
    part.bridgeAmount = bridge.amount;
  }
  stampEvent(part, event);
  part.save();
}

export function handleClearingCompleted(event: ClearingCompleted): void {
  const network = getNetwork(event);
  const epoch = new ClearingEpoch(event.params.epoch.toString());
  const part = ClearingPart.load(epoch.id);

  // The batch's credit moves are the BalanceUpdated logs right before this one (after its ObligationCleared
  // logs), or for a part before its ClearingBridged log and its new bridge's two logs; walk back to the first, then
  // number them in order.
  let skip = 0;
  if (part != null) skip = part.bridge == null ? 1 : 3;
  let moves = 0;
  while (CreditBalanceChange.load(earlierLogId(event, skip + moves + 1)) != null) moves += 1;
  for (let i = 0; i < moves; i++) {
    const move = CreditBalanceChange.load(earlierLogId(event, skip + moves - i))!;
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
  // The obligation handlers keep outstanding: a part's new bridge is in it (the contract's outstanding() after it).
  epoch.outstandingAfter = network.outstanding;
  epoch.netInternalDebt = event.params.netInternalDebt;
  epoch.setOffCount = event.params.setOffs.toI32();
  epoch.creditMoveCount = moves;
  epoch.clearedRatio = before.isZero() ? BigDecimal.zero() : cleared.toBigDecimal().div(before.toBigDecimal());
  if (part != null) epoch.part = part.id;
  stampEvent(epoch, event);
  epoch.save();

  network.epochCount = event.params.epoch.toI32();
  network.clearedTotal = network.clearedTotal.plus(cleared);
  network.movedToCreditTotal = network.movedToCreditTotal.plus(event.params.movedToCredit);
  network.save();
  const bridged = part == null ? BigInt.zero() : part.bridgeAmount;
  if (!network.outstanding.equals(before.minus(cleared).plus(bridged))) {
    log.error("ClearingCompleted {}: indexed outstanding {} differs from the contract's {} - {} + {}", [
      epoch.id,
      network.outstanding.toString(),
      before.toString(),
      cleared.toString(),
      bridged.toString(),
    ]);
  }
  if (!network.netInternalDebt.equals(event.params.netInternalDebt)) {
    log.error("ClearingCompleted {}: indexed NID {} differs from the contract's {}", [
      epoch.id,
      network.netInternalDebt.toString(),
      event.params.netInternalDebt.toString(),
    ]);
  }
}
