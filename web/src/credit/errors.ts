// The CreditNetwork's custom errors in plain sentences, from their named arguments: members by name, amounts in the
// network's unit; and how a keyed signature nonce reads.
import { contractConstants, ObligationStatus, type creditNetworkAbi } from "@cosmolocal/sdk";
import type { ErrorTable, WordContext } from "../shared/errorWords";
import { formatDate } from "../shared/format";

const { STEWARD_ROLE } = contractConstants.CreditNetwork.constants;
const UINT40_MAX = (1n << 40n) - 1n;

/** A keyed credit nonce (counterparty address << 64 | sequence) as "sequence n"; plain nonces as they are. */
export const shortNonce = (nonce: bigint) =>
  nonce >> 64n === 0n ? nonce.toString() : `#${(nonce & ((1n << 64n) - 1n)).toString()}`;

const status = (s: number) => (ObligationStatus[s] ?? `status ${s}`).toLowerCase();

export const creditErrors: ErrorTable<typeof creditNetworkAbi, WordContext> = {
  NotNetworkMember: ({ account }, { name }) =>
    `${name(account)} is not a member of the credit network. A steward has to admit this account first.`,
  AlreadyMember: ({ account }, { name }) => `${name(account)} is already a member of the credit network.`,
  MemberIsSuspended: ({ account }, { name }) =>
    `${name(account)} is suspended and may only settle: every step must shrink their debts or claims, not take on new credit.`,
  MemberNotSuspended: ({ account }, { name }) => `${name(account)} is not suspended, so there is nothing to reinstate.`,
  SelfDealing: ({ account }, { name }) =>
    `${name(account)} would deal with themself: a credit line, payment hop or obligation needs two different members.`,
  ZeroAmount: () => "The amount must be greater than zero.",
  AmountTooLarge: ({ amount, max }, { amount: amt }) =>
    max === UINT40_MAX
      ? "The due date is too far in the future."
      : `${amt(amount)} is more than the largest amount allowed here (${amt(max)}).`,
  CreditOfferMismatch: ({ giver, receiver, offered, accepted }, { name, amount }) =>
    offered === 0n
      ? `${name(giver)} has no pending offer for ${name(receiver)} any more (it was withdrawn, declined or already accepted).`
      : `${name(giver)} now offers ${name(receiver)} ${amount(offered)}, not ${amount(accepted)}: the offer changed. Look at it again before accepting.`,
  NoCreditOffer: ({ giver, receiver }, { name }) =>
    `There is no pending credit line offer from ${name(giver)} to ${name(receiver)}.`,
  CreditLineNotAccepted: ({ creditor, debtor }, { name }) =>
    `${name(debtor)} would owe ${name(creditor)}, but ${name(creditor)} has given ${name(debtor)} no accepted credit line.`,
  CreditLimitExceeded: ({ hop, debtor, creditor, limit, needed }, { name, amount }) =>
    `Hop ${hop + 1n}: ${name(debtor)} would owe ${name(creditor)} ${amount(needed)} but the line allows ${amount(limit)}.`,
  NoCreditLine: ({ giver, receiver }, { name }) =>
    `There is no credit line ${name(giver)} → ${name(receiver)} to lower or close (and no pending offer).`,
  CreditLineInUse: ({ giver, receiver, owed }, { name, amount }) =>
    `The line ${name(giver)} → ${name(receiver)} cannot be closed while ${name(receiver)} owes ${name(giver)} ${amount(owed)}. Lower it instead, or close it once that is repaid.`,
  InvalidPathLength: ({ length, max }) =>
    length === 0n
      ? "The payment path is empty: choose whom to pay."
      : `The payment path has ${length} hops; at most ${max} are allowed.`,
  PathEndMismatch: ({ end, expected }, { name }) =>
    `The payment path ends at ${name(end)} but must end at ${name(expected)}, the creditor.`,
  OperatorNotApproved: ({ party, operator }, { name }) =>
    `${name(party)} had not allowed ${name(operator)} to record its obligations when this agreement was made: a trader approves the cluster exchange once, before trading.`,
  AgreementInFuture: ({ agreedAt }) =>
    `The agreement is dated ${new Date(Number(agreedAt) * 1000).toUTCString()}, after the latest block: an obligation settles only an agreement already made.`,
  InvalidOperator: ({ operator }, { name }) =>
    `${name(operator)} cannot be an obligation operator: a member approves another contract, never itself or the zero address.`,
  NotParty: ({ account, debtor, creditor }, { name }) =>
    `${name(account)} is not a party to this (only ${name(debtor)} and ${name(creditor)} are).`,
  UnknownObligation: ({ id }) => `Obligation #${id} does not exist.`,
  WrongObligationStatus: ({ id, status: current, expected }) =>
    `Obligation #${id} is ${status(current)}; this needs it to be ${status(expected)}.`,
  ProposerCannotAccept: ({ id, proposer }, { name }) =>
    `${name(proposer)} recorded obligation #${id}, so the other party has to accept it.`,
  CancelAlreadyRequested: ({ id, party }, { name }) =>
    `${name(party)} already agreed to cancel obligation #${id}; it is cancelled once the other party agrees too.`,
  PaymentExceedsObligation: ({ id, remaining, amount: paid }, { amount }) =>
    `Paying ${amount(paid)} is more than the ${amount(remaining)} still owed on obligation #${id}.`,
  SignatureExpired: ({ deadline }) =>
    `The signed terms expired on ${formatDate(Number(deadline))}. Ask for newly signed terms.`,
  InvalidSignature: ({ signer }, { name }) =>
    `This is not ${name(signer)}'s signature of these terms on this chain and network (or the terms were changed after signing).`,
  InvalidAccountNonce: ({ account, currentNonce }, { name }) =>
    `These signed terms were already recorded or cancelled by ${name(account)}, or they wait for earlier terms of ${name(account)} to be recorded first (next nonce ${shortNonce(currentNonce)}). Ask for newly signed terms.`,
  NonceKeyMismatch: ({ signer, counterparty, nonce }, { name }) =>
    `${name(signer)} signed these terms with a nonce meant for someone else (${shortNonce(nonce)}), so ${name(counterparty)} cannot record them. Ask for newly signed terms.`,
  NonceNotNext: ({ signer, counterparty, nonce, next }, { name }) =>
    nonce < next
      ? `Nonce ${shortNonce(nonce)} of ${name(signer)} towards ${name(counterparty)} is already used (recorded or cancelled): those terms can no longer be recorded, there is nothing to cancel.`
      : `Only ${name(signer)}'s next nonce towards ${name(counterparty)} (${shortNonce(next)}) can be cancelled; cancel that one first.`,
  EmptyBatch: () => "The clearing batch is empty: there is nothing to set off.",
  DuplicateEdge: ({ index, id }) => `Set-off ${index + 1n} repeats obligation #${id}.`,
  EdgesNotSorted: ({ index, id }) =>
    `Set-off ${index + 1n} (obligation #${id}) is out of order: set-offs must be ascending by obligation.`,
  CreditMovesNotSorted: ({ index, payer, payee }, { name }) =>
    `Credit move ${index + 1n} (${name(payer)} → ${name(payee)}) repeats another or is out of order.`,
  SetOffExceedsRemaining: ({ id, remaining, setOff }, { amount }) =>
    `The batch sets off ${amount(setOff)} of obligation #${id} but only ${amount(remaining)} remains: the obligations changed since the solution was computed. Run the solver again.`,
  VertexNotConserved: ({ vertex, imbalance }, { name, amount }) =>
    `The batch would change ${name(vertex)}'s net position by ${imbalance < 0n ? "−" : "+"}${amount(imbalance < 0n ? -imbalance : imbalance)}; clearing must leave every position unchanged.`,
  SolutionIdRequired: () =>
    "A part of a clearing split into parts needs its solution id: the network keeps the bridge between the parts under it.",
  ClearingNotConsented: ({ member }, { name }) =>
    `${name(member)} has not consented to clearing, so their obligations cannot be set off in a batch.`,
  LiquidityNotOffered: ({ giver }, { name }) =>
    `${name(giver)} has not offered their credit lines as clearing liquidity.`,
  AccessControlBadConfirmation: () => "A role can only be renounced by the account that holds it, for itself.",
  // EIP-712 domain strings (raised only when a network is deployed with an over-long name)
  InvalidShortString: () => "The network's signing domain name is malformed.",
  StringTooLong: ({ str }) => `The text “${str}” is too long for the network's signing domain.`,
  AccessControlUnauthorizedAccount: ({ account, neededRole }, { name }) =>
    neededRole.toLowerCase() === STEWARD_ROLE
      ? `${name(account)} is not a steward: only stewards admit, suspend and reinstate members, and submit a clearing split into parts.`
      : `${name(account)} lacks the role this needs.`,
};
