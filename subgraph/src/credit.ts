// Mapping of the mutual-credit module (CreditNetwork). One handler per event the contract emits (ICreditNetwork
// and AccessControl's RoleGranted / RoleRevoked). State is recomputed from events alone, following the
// contract's bookkeeping: pair balances (CN-1), obligation net positions, outstanding and NID (CN-4, CN-5). Only
// the network's name, symbol and decimals are read with eth_call, once, when the network is first seen.
//
// Hops and payments: every hop emits BalanceUpdated, and the Paid log of a payment follows its `hops` hops
// directly (the contract emits nothing in between), so hop i of a payment is the log at index
// logIndex(Paid) - hops + i of the same transaction. Likewise the credit moves of a clearing batch are the
// BalanceUpdated logs right before its ClearingCompleted log (after the batch's ObligationCleared logs; a batch
// always has at least one set-off), and the Paid log of payObligation is right before its ObligationPaid log.
import { Address, BigDecimal, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  BalanceUpdated,
  ClearingCompleted,
  ClearingConsentSet,
  CreditLineClosed,
  CreditLineOffered,
  CreditLineUpdated,
  CreditNetwork as CreditNetworkContract,
  CreditOfferCancelled,
  MemberAdmitted,
  MemberReinstated,
  MemberSuspended,
  NonceCancelled,
  ObligationAccepted,
  ObligationCancelled,
  ObligationCancelRequested,
  ObligationCleared,
  ObligationPaid,
  ObligationRecorded,
  Paid,
  RoleGranted,
  RoleRevoked,
} from "../generated/CreditNetwork/CreditNetwork";
import {
  ClearingEpoch,
  CreditBalanceChange,
  CreditLine,
  CreditLineChange,
  CreditMember,
  CreditMemberChange,
  CreditNetwork,
  CreditPair,
  CreditRoleChange,
  Obligation,
  ObligationNonceCancellation,
  ObligationPayment,
  Payment,
  SetOffEntry,
} from "../generated/schema";

// AccessControl roles of CreditNetwork.
const DEFAULT_ADMIN_ROLE = "0x0000000000000000000000000000000000000000000000000000000000000000";
const STEWARD_ROLE = "0xbde745d383bd90948c6bf528cf5a56a9fe775bfee56a5d53b36fd785802b88ec"; // keccak256("STEWARD_ROLE")

// Bits of Obligation.cancelRequestedBy (ICreditNetwork.Obligation.cancelRequestedBy).
const CANCEL_BY_DEBTOR: i32 = 1;
const CANCEL_BY_CREDITOR: i32 = 2;

// ------------------------------------------------------------------------------------------------- ids

function accountKey(account: Address): string {
  return account.toHexString();
}

function lineKey(giver: Address, receiver: Address): string {
  return giver.toHexString() + "-" + receiver.toHexString();
}

/** Lower-case hex strings of equal length order like the addresses (the contract's `a < b`). */
function isLow(a: Address, b: Address): boolean {
  return a.toHexString() < b.toHexString();
}

function pairKey(a: Address, b: Address): string {
  return isLow(a, b) ? lineKey(a, b) : lineKey(b, a);
}

/** Id of an event-log entity: transaction hash ++ log index. */
function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

/** Id of the log `offset` positions before `event` in the same transaction (see the header). */
function earlierLogId(event: ethereum.Event, offset: i32): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32() - offset);
}

// ---------------------------------------------------------------------------------------- arithmetic

function positive(x: BigInt): BigInt {
  return x.gt(BigInt.zero()) ? x : BigInt.zero();
}

function abs(x: BigInt): BigInt {
  return x.lt(BigInt.zero()) ? x.neg() : x;
}

// ------------------------------------------------------------------------------------------- network

/** The network entity; the first event of the contract creates it and reads name, symbol and decimals. */
function getNetwork(event: ethereum.Event): CreditNetwork {
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

function roleName(role: Bytes): string {
  const hex = role.toHexString();
  if (hex == DEFAULT_ADMIN_ROLE) return "DEFAULT_ADMIN";
  if (hex == STEWARD_ROLE) return "STEWARD";
  return hex;
}

function withAccount(list: Bytes[], account: Bytes, present: boolean): Bytes[] {
  const out: Bytes[] = [];
  for (let i = 0; i < list.length; i++) {
    if (!list[i].equals(account)) out.push(list[i]);
  }
  if (present) out.push(account);
  return out;
}

function applyRole(event: ethereum.Event, role: Bytes, account: Address, sender: Address, granted: boolean): void {
  const network = getNetwork(event);
  const name = roleName(role);
  if (name == "DEFAULT_ADMIN") network.admins = withAccount(network.admins, account, granted);
  if (name == "STEWARD") network.stewards = withAccount(network.stewards, account, granted);
  network.save();

  const change = new CreditRoleChange(eventId(event));
  change.network = network.id;
  change.role = role;
  change.roleName = name;
  change.account = account;
  change.granted = granted;
  change.sender = sender;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function handleRoleGranted(event: RoleGranted): void {
  applyRole(event, event.params.role, event.params.account, event.params.sender, true);
}

export function handleRoleRevoked(event: RoleRevoked): void {
  applyRole(event, event.params.role, event.params.account, event.params.sender, false);
}

// ------------------------------------------------------------------------------------------- members

function getOrCreateMember(account: Address, event: ethereum.Event): CreditMember {
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

function recordMemberChange(event: ethereum.Event, member: CreditMember, kind: string, by: Address): void {
  const change = new CreditMemberChange(eventId(event));
  change.member = member.id;
  change.kind = kind;
  change.by = by;
  change.status = member.status;
  change.clearingConsent = member.clearingConsent;
  change.liquidityConsent = member.liquidityConsent;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

/** Moves a member to `status`, keeping the network's member counters. */
function setStatus(network: CreditNetwork, member: CreditMember, status: string): void {
  if (member.status == "Active") network.activeMemberCount -= 1;
  if (member.status == "Suspended") network.suspendedMemberCount -= 1;
  if (status == "Active") network.activeMemberCount += 1;
  if (status == "Suspended") network.suspendedMemberCount += 1;
  member.status = status;
}

export function handleMemberAdmitted(event: MemberAdmitted): void {
  const network = getNetwork(event);
  const member = getOrCreateMember(event.params.member, event);
  setStatus(network, member, "Active");
  member.admittedBy = event.params.steward;
  member.admittedAtTimestamp = event.block.timestamp;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
  network.memberCount += 1;
  network.save();
  recordMemberChange(event, member, "Admitted", event.params.steward);
}

export function handleMemberSuspended(event: MemberSuspended): void {
  const network = getNetwork(event);
  const member = getOrCreateMember(event.params.member, event);
  setStatus(network, member, "Suspended");
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
  network.save();
  recordMemberChange(event, member, "Suspended", event.params.steward);
}

export function handleMemberReinstated(event: MemberReinstated): void {
  const network = getNetwork(event);
  const member = getOrCreateMember(event.params.member, event);
  setStatus(network, member, "Active");
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
  network.save();
  recordMemberChange(event, member, "Reinstated", event.params.steward);
}

export function handleClearingConsentSet(event: ClearingConsentSet): void {
  const member = getOrCreateMember(event.params.member, event);
  member.clearingConsent = event.params.clearing;
  member.liquidityConsent = event.params.liquidity;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
  recordMemberChange(event, member, "ConsentSet", event.params.member);
}

// ---------------------------------------------------------------------------------- pairs and lines

function getOrCreatePair(network: CreditNetwork, a: Address, b: Address, event: ethereum.Event): CreditPair {
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
function claimOf(pairBalance: BigInt, a: Address, b: Address): BigInt {
  return isLow(a, b) ? pairBalance : pairBalance.neg();
}

function lineStatus(limit: BigInt, pendingOffer: BigInt): string {
  if (limit.gt(BigInt.zero())) return "Open";
  if (pendingOffer.gt(BigInt.zero())) return "Offered";
  return "Closed";
}

/** Recomputes the derived fields of a line: status, used (the receiver's debt to the giver), available. */
function refreshLine(line: CreditLine, pairBalance: BigInt, giver: Address, receiver: Address): void {
  line.status = lineStatus(line.limit, line.pendingOffer);
  line.used = positive(claimOf(pairBalance, giver, receiver));
  line.available = positive(line.limit.minus(line.used));
}

function getOrCreateLine(network: CreditNetwork, giver: Address, receiver: Address, event: ethereum.Event): CreditLine {
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
function setLimit(network: CreditNetwork, line: CreditLine, giver: Address, receiver: Address, limit: BigInt): void {
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

function saveLine(line: CreditLine, giver: Address, receiver: Address, event: ethereum.Event): void {
  const pair = CreditPair.load(line.pair)!;
  refreshLine(line, pair.balance, giver, receiver);
  if (line.openedAtTimestamp === null && line.limit.gt(BigInt.zero())) line.openedAtTimestamp = event.block.timestamp;
  line.updatedAtTimestamp = event.block.timestamp;
  line.save();
}

function recordLineChange(event: ethereum.Event, line: CreditLine, kind: string, limit: BigInt, by: Address): void {
  const change = new CreditLineChange(eventId(event));
  change.line = line.id;
  change.kind = kind;
  change.limit = limit;
  change.by = by;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

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

// ------------------------------------------------------------------------------------------ payments

/** Updates `used` / `available` of the line `giver -> receiver`, if it exists, after a balance change. */
function refreshLineUse(giver: Address, receiver: Address, pairBalance: BigInt): void {
  const line = CreditLine.load(lineKey(giver, receiver));
  if (line == null) return;
  refreshLine(line, pairBalance, giver, receiver);
  line.save();
}

function shiftCreditPosition(member: CreditMember, delta: BigInt, event: ethereum.Event): void {
  member.creditPosition = member.creditPosition.plus(delta);
  member.combinedPosition = member.netPosition.plus(member.creditPosition);
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

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

  network.creditInUse = network.creditInUse.plus(abs(newPairBalance)).minus(abs(oldPairBalance));
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
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
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
  payment.blockNumber = event.block.number;
  payment.timestamp = event.block.timestamp;
  payment.transactionHash = event.transaction.hash;
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

// --------------------------------------------------------------------------------------- obligations

function obligationKey(id: BigInt): string {
  return id.toString();
}

/** Sets a member's obligation net position from its payables and receivables, keeping NID (CN-5). */
function refreshNetPosition(network: CreditNetwork, member: CreditMember, event: ethereum.Event): void {
  const old = member.netPosition;
  const updated = member.obligationsReceivable.minus(member.obligationsPayable);
  network.netInternalDebt = network.netInternalDebt.plus(positive(updated)).minus(positive(old));
  member.netPosition = updated;
  member.combinedPosition = updated.plus(member.creditPosition);
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

/**
 * `amount` of an open obligation opens (`sign` 1) or is paid, cleared or cancelled (`sign` -1): the parties'
 * payables and receivables, their net positions, outstanding and NID follow.
 */
function shiftOpenAmount(
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

function loadObligation(id: BigInt): Obligation {
  // The contract emits nothing for unknown obligations.
  return Obligation.load(obligationKey(id))!;
}

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
  obligation.proposer = accountKey(event.params.proposer);
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
  obligation.save();
  network.save();
}

export function handleObligationCancelRequested(event: ObligationCancelRequested): void {
  const obligation = loadObligation(event.params.id);
  const bit = obligation.debtor == accountKey(event.params.by) ? CANCEL_BY_DEBTOR : CANCEL_BY_CREDITOR;
  obligation.cancelRequestedBy = obligation.cancelRequestedBy | bit;
  obligation.save();
}

export function handleObligationCancelled(event: ObligationCancelled): void {
  const network = getNetwork(event);
  const obligation = loadObligation(event.params.id);
  const remaining = event.params.remaining;
  if (obligation.status == "Open") {
    shiftOpenAmount(network, obligation, remaining, -1, event);
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
  payment.blockNumber = event.block.number;
  payment.timestamp = event.block.timestamp;
  payment.transactionHash = event.transaction.hash;
  payment.save();
}

// ------------------------------------------------------------------------------------------ clearing

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
  entry.blockNumber = event.block.number;
  entry.timestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
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
  epoch.blockNumber = event.block.number;
  epoch.timestamp = event.block.timestamp;
  epoch.transactionHash = event.transaction.hash;
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

export function handleNonceCancelled(event: NonceCancelled): void {
  const entry = new ObligationNonceCancellation(eventId(event));
  entry.signer = event.params.signer;
  entry.counterparty = event.params.counterparty;
  entry.nonce = event.params.nonce;
  entry.sequence = event.params.nonce.bitAnd(BigInt.fromU64(u64.MAX_VALUE));
  entry.blockNumber = event.block.number;
  entry.timestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  entry.save();
}
