// The credit network's entities as the handlers load and update them: the network (name, symbol, decimals read once
// with eth_call), members, pairs, lines and obligations, with the ids and positions they share.
import { Address, BigInt, ethereum, log } from "@graphprotocol/graph-ts";
import { CreditNetwork as CreditNetworkContract } from "../../../generated/CreditNetwork/CreditNetwork";
import {
  CreditLine,
  CreditLineChange,
  CreditMember,
  CreditMemberChange,
  CreditNetwork,
  CreditPair,
  Obligation,
} from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { positivePart } from "../../utils/math";

export function accountKey(account: Address): string {
  return account.toHexString();
}

export function lineKey(giver: Address, receiver: Address): string {
  return giver.toHexString() + "-" + receiver.toHexString();
}

/** Lower-case hex strings of equal length order like the addresses (the contract's `a < b`). */
export function isLow(a: Address, b: Address): boolean {
  return a.toHexString() < b.toHexString();
}

export function pairKey(a: Address, b: Address): string {
  return isLow(a, b) ? lineKey(a, b) : lineKey(b, a);
}

/** The network entity; the first event of the contract creates it and reads name, symbol and decimals. */
export function getNetwork(event: ethereum.Event): CreditNetwork {
  const id = event.address.toHexString();
  let network = CreditNetwork.load(id);
  if (network == null) {
    network = new CreditNetwork(id);
    network.address = event.address;
    const contract = CreditNetworkContract.bind(event.address);
    const name = contract.try_name();
    const symbol = contract.try_symbol();
    const decimals = contract.try_decimals();
    network.name = name.reverted ? "" : name.value;
    network.symbol = symbol.reverted ? "" : symbol.value;
    network.decimals = decimals.reverted ? 0 : decimals.value;
    network.admins = [];
    network.stewards = [];
    network.memberCount = 0;
    network.activeMemberCount = 0;
    network.suspendedMemberCount = 0;
    network.lineCount = 0;
    network.openLineCount = 0;
    network.totalCreditLimit = BigInt.zero();
    network.creditInUse = BigInt.zero();
    network.pairCount = 0;
    network.paymentCount = 0;
    network.paymentVolume = BigInt.zero();
    network.obligationCount = 0;
    network.openObligationCount = 0;
    network.outstanding = BigInt.zero();
    network.netInternalDebt = BigInt.zero();
    network.obligationsPaidTotal = BigInt.zero();
    network.obligationsCancelledTotal = BigInt.zero();
    network.epochCount = 0;
    network.clearedTotal = BigInt.zero();
    network.movedToCreditTotal = BigInt.zero();
    network.createdAtBlock = event.block.number;
    network.createdAtTimestamp = event.block.timestamp;
    if (name.reverted || symbol.reverted || decimals.reverted) {
      log.warning("CreditNetwork {}: name/symbol/decimals call reverted", [id]);
    }
  }
  return network;
}

export function getOrCreateMember(account: Address, event: ethereum.Event): CreditMember {
  const id = accountKey(account);
  let member = CreditMember.load(id);
  if (member == null) {
    member = new CreditMember(id);
    member.account = account;
    member.status = "None";
    member.clearingConsent = false;
    member.liquidityConsent = false;
    member.obligationsPayable = BigInt.zero();
    member.obligationsReceivable = BigInt.zero();
    member.netPosition = BigInt.zero();
    member.creditPosition = BigInt.zero();
    member.combinedPosition = BigInt.zero();
    member.creditLimitGiven = BigInt.zero();
    member.creditLimitReceived = BigInt.zero();
    member.totalPaid = BigInt.zero();
    member.totalReceived = BigInt.zero();
    member.paymentsSentCount = 0;
    member.paymentsReceivedCount = 0;
    member.updatedAtTimestamp = event.block.timestamp;
  }
  return member;
}

export function recordMemberChange(event: ethereum.Event, member: CreditMember, kind: string, by: Address): void {
  const change = new CreditMemberChange(eventId(event));
  change.member = member.id;
  change.kind = kind;
  change.by = by;
  change.status = member.status;
  change.clearingConsent = member.clearingConsent;
  change.liquidityConsent = member.liquidityConsent;
  stampEvent(change, event);
  change.save();
}

/** Moves a member to `status`, keeping the network's member counters. */
export function setStatus(network: CreditNetwork, member: CreditMember, status: string): void {
  if (member.status == "Active") network.activeMemberCount -= 1;
  if (member.status == "Suspended") network.suspendedMemberCount -= 1;
  if (status == "Active") network.activeMemberCount += 1;
  if (status == "Suspended") network.suspendedMemberCount += 1;
  member.status = status;
}

export function getOrCreatePair(network: CreditNetwork, a: Address, b: Address, event: ethereum.Event): CreditPair {
  const id = pairKey(a, b);
  let pair = CreditPair.load(id);
  if (pair == null) {
    pair = new CreditPair(id);
    const low = isLow(a, b) ? a : b;
    const high = isLow(a, b) ? b : a;
    pair.low = accountKey(low);
    pair.high = accountKey(high);
    pair.balance = BigInt.zero();
    pair.changeCount = 0;
    pair.updatedAtTimestamp = event.block.timestamp;
    pair.save();
    network.pairCount += 1;
  }
  return pair;
}

/** `a`'s claim on `b` from their pair's balance (low's claim on high). */
export function claimOf(pairBalance: BigInt, a: Address, b: Address): BigInt {
  return isLow(a, b) ? pairBalance : pairBalance.neg();
}

export function lineStatus(limit: BigInt, pendingOffer: BigInt): string {
  if (limit.gt(BigInt.zero())) return "Open";
  if (pendingOffer.gt(BigInt.zero())) return "Offered";
  return "Closed";
}

/** Recomputes the derived fields of a line: status, used (the receiver's debt to the giver), available. */
export function refreshLine(line: CreditLine, pairBalance: BigInt, giver: Address, receiver: Address): void {
  line.status = lineStatus(line.limit, line.pendingOffer);
  line.used = positivePart(claimOf(pairBalance, giver, receiver));
  line.available = positivePart(line.limit.minus(line.used));
}

export function getOrCreateLine(
  network: CreditNetwork,
  giver: Address,
  receiver: Address,
  event: ethereum.Event,
): CreditLine {
  const id = lineKey(giver, receiver);
  let line = CreditLine.load(id);
  if (line == null) {
    // Both parties are members (offers need active members); their entities exist.
    const pair = getOrCreatePair(network, giver, receiver, event);
    line = new CreditLine(id);
    line.giver = accountKey(giver);
    line.receiver = accountKey(receiver);
    line.pair = pair.id;
    line.limit = BigInt.zero();
    line.pendingOffer = BigInt.zero();
    line.createdAtTimestamp = event.block.timestamp;
    line.updatedAtTimestamp = event.block.timestamp;
    refreshLine(line, pair.balance, giver, receiver);
    network.lineCount += 1;
  }
  return line;
}

/** Sets a line's accepted limit, keeping the members' and the network's limit totals. */
export function setLimit(
  network: CreditNetwork,
  line: CreditLine,
  giver: Address,
  receiver: Address,
  limit: BigInt,
): void {
  const delta = limit.minus(line.limit);
  const wasOpen = line.limit.gt(BigInt.zero());
  const isOpen = limit.gt(BigInt.zero());
  if (isOpen && !wasOpen) network.openLineCount += 1;
  if (!isOpen && wasOpen) network.openLineCount -= 1;
  network.totalCreditLimit = network.totalCreditLimit.plus(delta);
  const giverMember = CreditMember.load(accountKey(giver))!;
  giverMember.creditLimitGiven = giverMember.creditLimitGiven.plus(delta);
  giverMember.save();
  const receiverMember = CreditMember.load(accountKey(receiver))!;
  receiverMember.creditLimitReceived = receiverMember.creditLimitReceived.plus(delta);
  receiverMember.save();
  line.limit = limit;
}

export function saveLine(line: CreditLine, giver: Address, receiver: Address, event: ethereum.Event): void {
  const pair = CreditPair.load(line.pair)!;
  refreshLine(line, pair.balance, giver, receiver);
  if (line.openedAtTimestamp === null && line.limit.gt(BigInt.zero())) line.openedAtTimestamp = event.block.timestamp;
  line.updatedAtTimestamp = event.block.timestamp;
  line.save();
}

export function recordLineChange(
  event: ethereum.Event,
  line: CreditLine,
  kind: string,
  limit: BigInt,
  by: Address,
): void {
  const change = new CreditLineChange(eventId(event));
  change.line = line.id;
  change.kind = kind;
  change.limit = limit;
  change.by = by;
  stampEvent(change, event);
  change.save();
}

/** Updates `used` / `available` of the line `giver -> receiver`, if it exists, after a balance change. */
export function refreshLineUse(giver: Address, receiver: Address, pairBalance: BigInt): void {
  const line = CreditLine.load(lineKey(giver, receiver));
  if (line == null) return;
  refreshLine(line, pairBalance, giver, receiver);
  line.save();
}

export function shiftCreditPosition(member: CreditMember, delta: BigInt, event: ethereum.Event): void {
  member.creditPosition = member.creditPosition.plus(delta);
  member.combinedPosition = member.netPosition.plus(member.creditPosition);
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

export function obligationKey(id: BigInt): string {
  return id.toString();
}

/** Sets a member's obligation net position from its payables and receivables, keeping NID (CN-5). */
export function refreshNetPosition(network: CreditNetwork, member: CreditMember, event: ethereum.Event): void {
  const old = member.netPosition;
  const updated = member.obligationsReceivable.minus(member.obligationsPayable);
  network.netInternalDebt = network.netInternalDebt.plus(positivePart(updated)).minus(positivePart(old));
  member.netPosition = updated;
  member.combinedPosition = updated.plus(member.creditPosition);
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

/**
 * `amount` of an open obligation opens (`sign` 1) or is paid, cleared or cancelled (`sign` -1): the parties'
 * payables and receivables, their net positions, outstanding and NID follow.
 */
export function shiftOpenAmount(
  network: CreditNetwork,
  obligation: Obligation,
  amount: BigInt,
  sign: i32,
  event: ethereum.Event,
): void {
  const delta = sign > 0 ? amount : amount.neg();
  const debtor = CreditMember.load(obligation.debtor)!;
  debtor.obligationsPayable = debtor.obligationsPayable.plus(delta);
  refreshNetPosition(network, debtor, event);
  const creditor = CreditMember.load(obligation.creditor)!;
  creditor.obligationsReceivable = creditor.obligationsReceivable.plus(delta);
  refreshNetPosition(network, creditor, event);
  network.outstanding = network.outstanding.plus(delta);
}

export function loadObligation(id: BigInt): Obligation {
  // The contract emits nothing for unknown obligations.
  return Obligation.load(obligationKey(id))!;
}
