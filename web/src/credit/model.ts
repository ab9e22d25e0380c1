// The credit network as the screens see it: one snapshot's types and the pure helpers over it (no I/O, so the
// path finder and the clearing input can be reasoned about, and tested, on their own).
import type { MemberStatus, ObligationStatusName } from "@cosmolocal/sdk";
import type { Address, Hash, Hex } from "viem";

export type MemberStatusName = (typeof MemberStatus)[number];

export interface CreditInfo {
  address: Address;
  name: string;
  symbol: string;
  decimals: number;
  maxHops: number;
  stewardRole: Hex;
  /** Sum of the remaining amounts of open obligations. */
  outstanding: bigint;
  /** Net internal debt: the floor set-off alone cannot go below. */
  nid: bigint;
  obligationCount: bigint;
  epochCount: bigint;
  /** The block the snapshot was taken at. */
  block: bigint;
}

export interface CreditMember {
  account: Address;
  status: MemberStatusName;
  clearing: boolean;
  liquidity: boolean;
  /** Obligation net position: open amounts owed to the member minus open amounts it owes. */
  netPosition: bigint;
  /** Credit position: the sum of its balances (positive: others owe it on the credit network). */
  creditPosition: bigint;
}

/** The credit line giver -> receiver: the receiver may owe the giver up to `limit`. */
export interface CreditLine {
  giver: Address;
  receiver: Address;
  /** Accepted limit (0: no line). */
  limit: bigint;
  /** Pending offer waiting for the receiver (0: none). */
  offer: bigint;
  /** What the receiver owes the giver now (>= 0). */
  used: bigint;
}

export interface CreditObligation {
  id: bigint;
  debtor: Address;
  creditor: Address;
  amount: bigint;
  remaining: bigint;
  dueDate: number;
  status: ObligationStatusName;
  proposer: Address;
  /** Bit 0: the debtor agreed to cancel; bit 1: the creditor agreed. */
  cancelRequestedBy: number;
  ref: Hex;
  /** Set off by clearing, over all epochs. */
  cleared: bigint;
  /** Paid by the debtor on the credit network. */
  paid: bigint;
  recordedAt: bigint;
}

export interface ClearingEpoch {
  epoch: bigint;
  operator: Address;
  solutionId: Hex;
  obligationsBefore: bigint;
  cleared: bigint;
  movedToCredit: bigint;
  nid: bigint;
  setOffs: number;
  blockNumber: bigint;
  txHash: Hash;
}

export interface CreditPayment {
  from: Address;
  to: Address;
  amount: bigint;
  hops: number;
  memo: Hex;
  /** Every account the payment passed through, sender first. */
  route: Address[];
  /** Set when the payment settled (part of) an obligation. */
  obligationId?: bigint;
  blockNumber: bigint;
  txHash: Hash;
}

export interface CreditSnapshot {
  info: CreditInfo;
  members: CreditMember[];
  /** Every directed line with a limit or a pending offer. */
  lines: CreditLine[];
  /** a's claim on b, keyed `${a}|${b}` in lower case (both directions present). */
  claims: Map<string, bigint>;
  stewards: Address[];
  /** Newest first. */
  obligations: CreditObligation[];
  /** Oldest first. */
  epochs: ClearingEpoch[];
  /** Newest first. */
  payments: CreditPayment[];
}

const key = (a: string, b: string) => `${a.toLowerCase()}|${b.toLowerCase()}`;

/** `a`'s claim on `b`: positive when b owes a. */
export function claimOf(s: CreditSnapshot, a: string, b: string): bigint {
  return s.claims.get(key(a, b)) ?? 0n;
}

export function lineOf(s: CreditSnapshot, giver: string, receiver: string): CreditLine | undefined {
  const g = giver.toLowerCase();
  const r = receiver.toLowerCase();
  return s.lines.find((l) => l.giver.toLowerCase() === g && l.receiver.toLowerCase() === r);
}

export function memberOf(s: CreditSnapshot, account: string | undefined): CreditMember | undefined {
  if (!account) return undefined;
  const a = account.toLowerCase();
  return s.members.find((m) => m.account.toLowerCase() === a);
}

/**
 * How much `from` can pay `to` directly right now, as the contract's `payCapacity`: its claim on `to` plus the
 * unused credit `to` gives it. With `settleOnly` (a suspended party) only the claim counts.
 */
export function capacityOf(s: CreditSnapshot, from: string, to: string, settleOnly = false): bigint {
  if (from.toLowerCase() === to.toLowerCase()) return 0n;
  const claim = claimOf(s, from, to);
  const room = settleOnly ? claim : claim + (lineOf(s, to, from)?.limit ?? 0n);
  return room > 0n ? room : 0n;
}
