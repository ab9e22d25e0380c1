// The credit module's reader interface and its views: what each screen shows (headline figures, one member's credit, the payment graph,
// the clearing input, epochs, a page of payments), the same from the chain reader and from the subgraph reader.
import type { MemberStatus, ObligationStatusName } from "@cosmolocal/sdk";
import type { Address, Hash, Hex } from "viem";
import type { Page } from "../../shared/data/pages.ts";

export type MemberStatusName = (typeof MemberStatus)[number];

/** The network's constants and headline figures, as of `block`. */
export interface CreditInfo {
  address: Address;
  name: string;
  symbol: string;
  decimals: number;
  maxHops: number;
  stewardRole: Hex;
  stewards: Address[];
  /** Sum of the remaining amounts of open obligations. */
  outstanding: bigint;
  /** Net internal debt: the floor set-off alone cannot go below. */
  nid: bigint;
  obligationCount: bigint;
  /** Open obligations with something left to pay. */
  openObligations: number;
  epochCount: bigint;
  activeMembers: number;
  suspendedMembers: number;
  /** Credit lines with an accepted limit, the sum of those limits, and the credit in use (sum of |balance| per pair). */
  openLines: number;
  creditLimit: bigint;
  creditInUse: bigint;
  /** The block the figures are as of. */
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
  /** Sums of the accepted limits of the lines it gives and receives. */
  creditGiven: bigint;
  creditReceived: bigint;
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
  /** Set when the obligation is the bridge of a clearing split into parts (recorded by the steward's clearPart). */
  bridge?: ObligationBridge;
}

/**
 * A bridge of a clearing split into parts: a cycle too long for one transaction is set off part by part, and each part
 * but the last leaves "the split's first member owes the last member the part reached" open, for the next part to set
 * off in full. Nobody's position moves: the set-offs of the part make up for it.
 */
export interface ObligationBridge {
  /** The split clearing's solution id. */
  solutionId: Hex;
  /** The epoch of the part that left it open, and that part's number in the split (1, 2, ...). */
  epoch: bigint;
  part: number;
  /** The epoch of the next part, which set it off (absent while it is open). */
  settledIn?: bigint;
}

/** What an epoch that is a part of a clearing split into parts did with its bridges. */
export interface ClearingPartInfo {
  /** The part's number in its split (1, 2, ...). */
  index: number;
  /** The bridge obligation it left open for the next part, and its amount (absent / 0: the split is complete). */
  bridgeId?: bigint;
  bridgeAmount: bigint;
  /** The bridge of the part before it, which it set off in full (absent: the first part). */
  settledBridgeId?: bigint;
}

export interface ClearingEpoch {
  epoch: bigint;
  operator: Address;
  solutionId: Hex;
  obligationsBefore: bigint;
  cleared: bigint;
  movedToCredit: bigint;
  nid: bigint;
  /** Set-offs, the settled bridge of a part included. */
  setOffs: number;
  /** Outstanding after the epoch: obligationsBefore - cleared, plus the bridge a part left open. */
  outstandingAfter: bigint;
  /** Set when the epoch is a part of a clearing split into parts. */
  part?: ClearingPartInfo;
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

/** Balances: a's claim on b, keyed `${a}|${b}` in lower case (both directions present). */
export type Claims = Map<string, bigint>;

/** What paying along a path needs: members' standing, lines and balances (the path finder's input). */
export interface CreditGraph {
  maxHops: number;
  members: CreditMember[];
  /** Every directed line with an accepted limit. */
  lines: CreditLine[];
  claims: Claims;
}

/** One member's credit: its standing, the lines it gives or receives (with offers), its balances, its obligations. */
export interface MyCredit {
  account: Address;
  member?: CreditMember;
  /** Lines with a limit, a pending offer or a debt, given or received by the member. */
  lines: CreditLine[];
  /** The member's balances with every counterparty (both directions present). */
  claims: Claims;
  /** Everyone the member has a line or a balance with. */
  counterparties: Address[];
  /** Newest first. */
  obligations: CreditObligation[];
}

/** The clearing solver's input: open obligations between consenting members, and the lines offered as liquidity. */
export interface ClearingSet {
  obligations: CreditObligation[];
  /** Accepted lines whose giver offers liquidity and consents, whose receiver consents, both active. */
  lines: CreditLine[];
  /** Balances of the pairs of those lines. */
  claims: Claims;
}

/** A page of payments, newest first; `next` is the `before` of the next page (none when this is the last). */
export interface PaymentsPage {
  items: CreditPayment[];
  next?: bigint;
}

export interface PaymentsQuery {
  /** Only payments this account sent or received. */
  account?: Address;
  /** Only payments in blocks before this one. */
  before?: bigint;
  /** At least this many (the last block's payments come whole). */
  first: number;
}

/** Members per page of the Members tab. */
export const MEMBERS_PAGE = 50;

export const claimKey = (a: string, b: string) => `${a.toLowerCase()}|${b.toLowerCase()}`;

const compareAddresses = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};
/** The order of every list of members and counterparties both readers return: by address. */
export const byAccount = <T extends { account: string }>(a: T, b: T) => compareAddresses(a.account, b.account);
/** The order of every list of credit lines both readers return: by giver's address, then receiver's. */
export const byLine = (a: CreditLine, b: CreditLine) =>
  compareAddresses(a.giver, b.giver) || compareAddresses(a.receiver, b.receiver);
/** Addresses in the readers' order. */
export const sortAddresses = (list: Address[]) => [...list].sort(compareAddresses);

/** The credit module's reads, one method per screen need; the chain reader and the subgraph reader implement it. */
export interface CreditReader {
  readonly source: "chain" | "subgraph";
  /** The network's constants and headline figures (page header, My credit's summary, Members' stewards). */
  info(): Promise<CreditInfo>;
  /** One member's standing, lines, balances and obligations (header, My credit, Obligations, Clearing's consent). */
  mine(account: Address): Promise<MyCredit>;
  /** Every admitted member (the member pickers of the credit line and obligation forms). */
  members(): Promise<CreditMember[]>;
  /** Admitted members by address, a page at a time after the address `after` (the Members tab). */
  memberPage(after?: string): Promise<Page<CreditMember>>;
  /** Members, accepted lines and non-zero balances: the path finder's input (Pay, paying an obligation). */
  graph(): Promise<CreditGraph>;
  /** Open obligations between consenting members and the lines offered as liquidity (Clearing's solver). */
  clearing(): Promise<ClearingSet>;
  /** The newest `first` clearing epochs, newest first (Clearing). */
  epochs(first: number): Promise<ClearingEpoch[]>;
  /** A page of payments, newest first (Pay). */
  payments(query: PaymentsQuery): Promise<PaymentsPage>;
}
