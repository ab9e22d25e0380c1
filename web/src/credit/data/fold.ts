// The credit network's events folded into its state (pure: plain Maps, arrays and bigints, no I/O), and the views
// derived from that state. Members' standing and consents, lines' limits and offers, pair balances, obligations'
// life cycle and the members' obligation net positions, stewards, clearing epochs and payments with their routes
// all follow from the events alone, so the chain reader needs no view call per member, pair or obligation.
import { contractConstants, type creditNetworkAbi } from "@cosmolocal/sdk";
import { getAddress, type Address, type Hash } from "viem";
import type { DecodedLog, EventFold } from "../../shared/data/logs.ts";
import {
  byAccount,
  byLine,
  claimKey,
  sortAddresses,
  type ClearingEpoch,
  type ClearingPartInfo,
  type ClearingSet,
  type CreditGraph,
  type CreditLine,
  type CreditMember,
  type CreditObligation,
  type CreditPayment,
  type MemberStatusName,
  type MyCredit,
  type PaymentsPage,
  type PaymentsQuery,
} from "./types.ts";

const STEWARD_ROLE = contractConstants.CreditNetwork.constants.STEWARD_ROLE.toLowerCase();

export interface MemberState {
  account: Address;
  status: MemberStatusName;
  clearing: boolean;
  liquidity: boolean;
  /** Remaining amounts of open obligations it owes / that are owed to it. */
  payable: bigint;
  receivable: bigint;
}

export interface CreditState {
  /** By lower-case account. */
  members: Map<string, MemberState>;
  /** By `giver|receiver` (lower case): accepted limit and pending offer. */
  lines: Map<string, { giver: Address; receiver: Address; limit: bigint; offer: bigint }>;
  /** By `low|high` (lower case, low < high): low's claim on high. */
  balances: Map<string, bigint>;
  /** By lower-case account. */
  stewards: Map<string, Address>;
  obligations: Map<bigint, CreditObligation>;
  /** Oldest first. */
  epochs: ClearingEpoch[];
  /** In chain order (oldest first). */
  payments: CreditPayment[];
  /** The hops (BalanceUpdated) of the transaction being folded that no Paid has claimed yet. */
  hops: { tx: Hash; payer: Address; payee: Address }[];
  /** The part of a split clearing its ClearingBridged log announced, for the ClearingCompleted log right after. */
  part?: ClearingPartInfo & { epoch: bigint };
}

type Log = DecodedLog<typeof creditNetworkAbi>;

const lower = (a: string) => a.toLowerCase();
const same = (a: string, b: string) => lower(a) === lower(b);

function member(s: CreditState, account: Address): MemberState {
  const k = lower(account);
  let m = s.members.get(k);
  if (!m) {
    m = {
      account: getAddress(account),
      status: "None",
      clearing: false,
      liquidity: false,
      payable: 0n,
      receivable: 0n,
    };
    s.members.set(k, m);
  }
  return m;
}

function line(s: CreditState, giver: Address, receiver: Address) {
  const k = claimKey(giver, receiver);
  let l = s.lines.get(k);
  if (!l) {
    l = { giver: getAddress(giver), receiver: getAddress(receiver), limit: 0n, offer: 0n };
    s.lines.set(k, l);
  }
  return l;
}

/** `amount` of open obligation `o` opens (sign 1) or is paid, cleared or cancelled (sign -1). */
function shiftOpen(s: CreditState, o: CreditObligation, amount: bigint, sign: 1n | -1n) {
  member(s, o.debtor).payable += sign * amount;
  member(s, o.creditor).receivable += sign * amount;
}

/** A part's record without the epoch it is keyed by, its fields in the subgraph reader's order. */
function partInfo(p: ClearingPartInfo & { epoch: bigint }): ClearingPartInfo {
  return {
    index: p.index,
    ...(p.bridgeId === undefined ? {} : { bridgeId: p.bridgeId }),
    bridgeAmount: p.bridgeAmount,
    ...(p.settledBridgeId === undefined ? {} : { settledBridgeId: p.settledBridgeId }),
  };
}

function applyOne(s: CreditState, log: Log) {
  const tx = log.transactionHash;
  if (s.hops.length > 0 && s.hops[0].tx !== tx) s.hops = []; // a clearing batch's credit moves: no Paid claims them
  switch (log.eventName) {
    case "MemberAdmitted":
    case "MemberReinstated":
      member(s, log.args.member).status = "Active";
      break;
    case "MemberSuspended":
      member(s, log.args.member).status = "Suspended";
      break;
    case "ClearingConsentSet": {
      const m = member(s, log.args.member);
      m.clearing = log.args.clearing;
      m.liquidity = log.args.liquidity;
      break;
    }
    case "CreditLineOffered":
      line(s, log.args.giver, log.args.receiver).offer = log.args.limit;
      break;
    case "CreditOfferCancelled":
      line(s, log.args.giver, log.args.receiver).offer = 0n;
      break;
    case "CreditLineUpdated": {
      // An accepted offer, or a cut (which also drops any pending raise).
      const l = line(s, log.args.giver, log.args.receiver);
      l.limit = log.args.limit;
      l.offer = 0n;
      break;
    }
    case "CreditLineClosed": {
      const l = line(s, log.args.giver, log.args.receiver);
      l.limit = 0n;
      l.offer = 0n;
      break;
    }
    case "BalanceUpdated": {
      const { payer, payee, balance } = log.args;
      if (lower(payer) < lower(payee)) s.balances.set(claimKey(payer, payee), balance);
      else s.balances.set(claimKey(payee, payer), -balance);
      s.hops.push({ tx, payer: getAddress(payer), payee: getAddress(payee) });
      break;
    }
    case "Paid": {
      const hops = Number(log.args.hops);
      const mine = s.hops.splice(Math.max(0, s.hops.length - hops), hops);
      const from = getAddress(log.args.from);
      const to = getAddress(log.args.to);
      s.payments.push({
        from,
        to,
        amount: log.args.amount,
        hops,
        memo: log.args.memo,
        route: mine.length ? [mine[0].payer, ...mine.map((h) => h.payee)] : [from, to],
        blockNumber: log.blockNumber,
        txHash: tx,
      });
      break;
    }
    case "ObligationRecorded": {
      const a = log.args;
      s.obligations.set(a.id, {
        id: a.id,
        debtor: getAddress(a.debtor),
        creditor: getAddress(a.creditor),
        amount: a.amount,
        remaining: a.amount,
        dueDate: Number(a.dueDate),
        status: "Proposed",
        proposer: getAddress(a.proposer),
        cancelRequestedBy: 0,
        ref: a.ref,
        cleared: 0n,
        paid: 0n,
        recordedAt: log.blockNumber,
      });
      member(s, a.debtor);
      member(s, a.creditor);
      break;
    }
    case "ObligationAccepted": {
      const o = s.obligations.get(log.args.id);
      if (!o) break;
      o.status = "Open";
      shiftOpen(s, o, o.remaining, 1n);
      break;
    }
    case "ObligationCancelRequested": {
      const o = s.obligations.get(log.args.id);
      if (o) o.cancelRequestedBy |= same(log.args.by, o.debtor) ? 1 : 2;
      break;
    }
    case "ObligationCancelled": {
      const o = s.obligations.get(log.args.id);
      if (!o) break;
      if (o.status === "Open") shiftOpen(s, o, log.args.remaining, -1n);
      o.status = "Cancelled";
      break;
    }
    case "ObligationPaid":
    case "ObligationCleared": {
      const o = s.obligations.get(log.args.id);
      if (!o) break;
      shiftOpen(s, o, log.args.amount, -1n);
      if (log.eventName === "ObligationPaid") {
        o.paid += log.args.amount;
        const p = s.payments[s.payments.length - 1];
        if (p && p.txHash === tx) p.obligationId = o.id;
      } else o.cleared += log.args.amount;
      o.remaining = log.args.remaining;
      if (o.remaining === 0n) o.status = "Settled";
      break;
    }
    case "ClearingBridged": {
      // After the part's set-offs (the settled bridge's last) and its new bridge's ObligationRecorded / Accepted.
      const { solutionId, epoch, bridgeId, settledBridgeId } = log.args;
      const settled = s.obligations.get(settledBridgeId);
      if (settled?.bridge) settled.bridge.settledIn = epoch;
      const index = settled?.bridge ? settled.bridge.part + 1 : 1;
      const bridge = s.obligations.get(bridgeId);
      if (bridge) bridge.bridge = { solutionId, epoch, part: index };
      s.part = {
        epoch,
        index,
        ...(bridge ? { bridgeId } : {}),
        bridgeAmount: bridge?.amount ?? 0n,
        ...(settled ? { settledBridgeId } : {}),
      };
      break;
    }
    case "ClearingCompleted": {
      const a = log.args;
      const part = s.part?.epoch === a.epoch ? s.part : undefined;
      s.part = undefined;
      s.epochs.push({
        epoch: a.epoch,
        operator: getAddress(a.operator),
        solutionId: a.solutionId,
        obligationsBefore: a.obligationsBefore,
        cleared: a.cleared,
        movedToCredit: a.movedToCredit,
        nid: a.netInternalDebt,
        setOffs: Number(a.setOffs),
        // A part's new bridge opened in the same transaction: it is owed after the part.
        outstandingAfter: a.obligationsBefore - a.cleared + (part?.bridgeAmount ?? 0n),
        ...(part ? { part: partInfo(part) } : {}),
        blockNumber: log.blockNumber,
        txHash: tx,
      });
      s.hops = [];
      break;
    }
    case "RoleGranted":
      if (lower(log.args.role) === STEWARD_ROLE) s.stewards.set(lower(log.args.account), getAddress(log.args.account));
      break;
    case "RoleRevoked":
      if (lower(log.args.role) === STEWARD_ROLE) s.stewards.delete(lower(log.args.account));
      break;
  }
}

export const creditFold: EventFold<typeof creditNetworkAbi, CreditState> = {
  initial: () => ({
    members: new Map(),
    lines: new Map(),
    balances: new Map(),
    stewards: new Map(),
    obligations: new Map(),
    epochs: [],
    payments: [],
    hops: [],
  }),
  apply(state, logs) {
    for (const log of logs) applyOne(state, log);
  },
};

// ------------------------------------------------------------------------------------------------ views

/** a's claim on b. */
export function claimIn(s: CreditState, a: string, b: string): bigint {
  if (same(a, b)) return 0n;
  return lower(a) < lower(b) ? (s.balances.get(claimKey(a, b)) ?? 0n) : -(s.balances.get(claimKey(b, a)) ?? 0n);
}

function lineView(s: CreditState, l: { giver: Address; receiver: Address; limit: bigint; offer: bigint }): CreditLine {
  const owed = claimIn(s, l.giver, l.receiver);
  return { giver: l.giver, receiver: l.receiver, limit: l.limit, offer: l.offer, used: owed > 0n ? owed : 0n };
}

/** Every member's view (admitted ones only), positions and credit given/received included. */
export function membersOf(s: CreditState): CreditMember[] {
  const credit = new Map<string, bigint>();
  const given = new Map<string, bigint>();
  const received = new Map<string, bigint>();
  for (const [k, b] of s.balances) {
    const [low, high] = k.split("|");
    credit.set(low, (credit.get(low) ?? 0n) + b);
    credit.set(high, (credit.get(high) ?? 0n) - b);
  }
  for (const l of s.lines.values()) {
    given.set(lower(l.giver), (given.get(lower(l.giver)) ?? 0n) + l.limit);
    received.set(lower(l.receiver), (received.get(lower(l.receiver)) ?? 0n) + l.limit);
  }
  const out: CreditMember[] = [];
  for (const [k, m] of s.members)
    if (m.status !== "None") out.push(memberView(m, credit.get(k) ?? 0n, given.get(k) ?? 0n, received.get(k) ?? 0n));
  return out.sort(byAccount);
}

function memberView(m: MemberState, creditPosition: bigint, creditGiven: bigint, creditReceived: bigint): CreditMember {
  return {
    account: m.account,
    status: m.status,
    clearing: m.clearing,
    liquidity: m.liquidity,
    netPosition: m.receivable - m.payable,
    creditPosition,
    creditGiven,
    creditReceived,
  };
}

/** The headline figures the state implies (the network's constants come from elsewhere). */
export function summaryOf(s: CreditState) {
  let activeMembers = 0;
  let suspendedMembers = 0;
  let nid = 0n;
  let outstanding = 0n;
  for (const m of s.members.values()) {
    if (m.status === "Active") activeMembers++;
    if (m.status === "Suspended") suspendedMembers++;
    const net = m.receivable - m.payable;
    if (net > 0n) nid += net;
    outstanding += m.payable;
  }
  let openLines = 0;
  let creditLimit = 0n;
  for (const l of s.lines.values())
    if (l.limit > 0n) {
      openLines++;
      creditLimit += l.limit;
    }
  let creditInUse = 0n;
  for (const b of s.balances.values()) creditInUse += b < 0n ? -b : b;
  let openObligations = 0;
  for (const o of s.obligations.values()) if (o.status === "Open" && o.remaining > 0n) openObligations++;
  return {
    stewards: sortAddresses([...s.stewards.values()]),
    outstanding,
    nid,
    obligationCount: BigInt(s.obligations.size),
    openObligations,
    epochCount: BigInt(s.epochs.length),
    activeMembers,
    suspendedMembers,
    openLines,
    creditLimit,
    creditInUse,
  };
}

/** One member's credit: standing, lines (with offers or debts), balances, obligations newest first. */
export function myCreditOf(s: CreditState, account: Address): MyCredit {
  const me = lower(account);
  const claims = new Map<string, bigint>();
  const counterparties = new Map<string, Address>();
  for (const [k, b] of s.balances) {
    const [low, high] = k.split("|");
    if (b === 0n || (low !== me && high !== me)) continue;
    const other = low === me ? high : low;
    const claim = low === me ? b : -b;
    claims.set(claimKey(me, other), claim);
    claims.set(claimKey(other, me), -claim);
    counterparties.set(other, s.members.get(other)?.account ?? getAddress(other));
  }
  const lines: CreditLine[] = [];
  for (const l of s.lines.values()) {
    if (!same(l.giver, me) && !same(l.receiver, me)) continue;
    const v = lineView(s, l);
    if (v.limit === 0n && v.offer === 0n && v.used === 0n) continue;
    lines.push(v);
    const other = same(l.giver, me) ? l.receiver : l.giver;
    counterparties.set(lower(other), other);
  }
  const obligations = [...s.obligations.values()]
    .filter((o) => same(o.debtor, me) || same(o.creditor, me))
    .sort((a, b) => (a.id < b.id ? 1 : -1));
  const m = s.members.get(me);
  let credit = 0n;
  for (const [k, c] of claims) if (k.startsWith(`${me}|`)) credit += c;
  const given = lines.filter((l) => same(l.giver, me)).reduce((t, l) => t + l.limit, 0n);
  const received = lines.filter((l) => same(l.receiver, me)).reduce((t, l) => t + l.limit, 0n);
  return {
    account: getAddress(account),
    member: m && m.status !== "None" ? memberView(m, credit, given, received) : undefined,
    lines: lines.sort(byLine),
    claims,
    counterparties: sortAddresses([...counterparties.values()]),
    obligations,
  };
}

/** The payment graph: admitted members, lines with an accepted limit, and every non-zero balance. */
export function graphOf(s: CreditState, maxHops: number): CreditGraph {
  const claims = new Map<string, bigint>();
  for (const [k, b] of s.balances) {
    if (b === 0n) continue;
    const [low, high] = k.split("|");
    claims.set(claimKey(low, high), b);
    claims.set(claimKey(high, low), -b);
  }
  const lines: CreditLine[] = [];
  for (const l of s.lines.values()) if (l.limit > 0n) lines.push(lineView(s, l));
  return { maxHops, members: membersOf(s), lines: lines.sort(byLine), claims };
}

/** The clearing input: open obligations between consenting members, and the lines offered as liquidity. */
export function clearingOf(s: CreditState): ClearingSet {
  const consents = (a: string) => s.members.get(lower(a))?.clearing === true;
  const obligations = [...s.obligations.values()]
    .filter((o) => o.status === "Open" && o.remaining > 0n && consents(o.debtor) && consents(o.creditor))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const lines: CreditLine[] = [];
  const claims = new Map<string, bigint>();
  for (const l of s.lines.values()) {
    const giver = s.members.get(lower(l.giver));
    const receiver = s.members.get(lower(l.receiver));
    if (l.limit === 0n || !giver || !receiver) continue;
    if (!giver.liquidity || !giver.clearing || !receiver.clearing) continue;
    if (giver.status !== "Active" || receiver.status !== "Active") continue;
    lines.push(lineView(s, l));
    const c = claimIn(s, l.giver, l.receiver);
    claims.set(claimKey(l.giver, l.receiver), c);
    claims.set(claimKey(l.receiver, l.giver), -c);
  }
  return { obligations, lines: lines.sort(byLine), claims };
}

/** The newest `first` epochs, newest first. */
export function epochsOf(s: CreditState, first: number): ClearingEpoch[] {
  return s.epochs.slice(-first).reverse();
}

/**
 * A page of payments, newest first: those in blocks before `before` (of `account`, when given), at least `first`
 * of them where there are, with every payment of the page's oldest block (so that `next`, that block, is exact).
 */
export function paymentsOf(s: CreditState, q: PaymentsQuery): PaymentsPage {
  const items: CreditPayment[] = [];
  let next: bigint | undefined;
  for (let i = s.payments.length - 1; i >= 0; i--) {
    const p = s.payments[i];
    if (q.before !== undefined && p.blockNumber >= q.before) continue;
    if (q.account && !same(p.from, q.account) && !same(p.to, q.account)) continue;
    if (next !== undefined && p.blockNumber < next) return { items, next };
    items.push(p);
    if (items.length === q.first && next === undefined) next = p.blockNumber;
  }
  return { items };
}
