// The credit subgraph reader: each screen need answered by the queries in ./queries.ts, every growing list paged
// (graphqlAll's id cursor, payments by block), mapped onto the same views as the chain reader. No view calls:
// MAX_HOPS and STEWARD_ROLE are SDK constants, the block is the subgraph's own (_meta).
import { contractConstants, type ObligationStatusName } from "@cosmolocal/sdk";
import { getAddress, type Address, type Hash, type Hex } from "viem";
import { graphqlAll, graphqlQuery, metaOf, PAGE_SIZE, type GqlMeta } from "../../shared/data/graphql.ts";
import { graphqlPage, mapPage } from "../../shared/data/pages.ts";
import * as Q from "./queries.ts";
import {
  byAccount,
  byLine,
  claimKey,
  MEMBERS_PAGE,
  sortAddresses,
  type Claims,
  type ClearingEpoch,
  type ClearingPartInfo,
  type CreditReader,
  type CreditLine,
  type CreditMember,
  type CreditObligation,
  type CreditPayment,
  type MemberStatusName,
  type PaymentsPage,
} from "./types.ts";

const { MAX_HOPS, STEWARD_ROLE } = contractConstants.CreditNetwork.constants;

type Num = string | number;
interface Ref {
  account: string;
}
interface GqlMember {
  account: string;
  status: string;
  clearingConsent: boolean;
  liquidityConsent: boolean;
  netPosition: Num;
  creditPosition: Num;
  creditLimitGiven: Num;
  creditLimitReceived: Num;
}
interface GqlLine {
  id: string;
  giver: Ref;
  receiver: Ref;
  limit: Num;
  pendingOffer: Num;
  used: Num;
}
interface GqlPair {
  id: string;
  low: Ref;
  high: Ref;
  balance: Num;
}
interface GqlObligation {
  id: string;
  obligationId: Num;
  debtor: Ref;
  creditor: Ref;
  amount: Num;
  remaining: Num;
  dueDate: Num;
  ref: string;
  status: string;
  proposer: Ref;
  cancelRequestedBy: Num;
  clearedTotal: Num;
  paidTotal: Num;
  createdAtBlock: Num;
  /** Parts of a split clearing are keyed by their epoch number. */
  bridgeOf: { id: string; index: Num; solutionId: string } | null;
  bridgeSettledBy: { id: string } | null;
}
interface GqlPayment {
  id: string;
  from: Ref;
  to: Ref;
  amount: Num;
  hopCount: Num;
  memo: string;
  blockNumber: Num;
  transactionHash: string;
  hops: { payer: Ref; payee: Ref }[];
  obligationPayments: { obligation: { obligationId: Num } }[];
}
interface GqlEpoch {
  epoch: Num;
  operator: string;
  solutionId: string;
  obligationsBefore: Num;
  cleared: Num;
  movedToCredit: Num;
  netInternalDebt: Num;
  setOffCount: Num;
  outstandingAfter: Num;
  part: {
    index: Num;
    bridge: { obligationId: Num } | null;
    bridgeAmount: Num;
    settledBridge: { obligationId: Num } | null;
  } | null;
  blockNumber: Num;
  transactionHash: string;
}
interface GqlInfo extends GqlMeta {
  creditNetwork: {
    name: string;
    symbol: string;
    decimals: Num;
    stewards: string[];
    outstanding: Num;
    netInternalDebt: Num;
    obligationCount: Num;
    openObligationCount: Num;
    epochCount: Num;
    activeMemberCount: Num;
    suspendedMemberCount: Num;
    openLineCount: Num;
    totalCreditLimit: Num;
    creditInUse: Num;
  } | null;
}

const MEMBER_STATUS: readonly MemberStatusName[] = ["None", "Active", "Suspended"];
const OBLIGATION_STATUS: readonly ObligationStatusName[] = ["None", "Proposed", "Open", "Settled", "Cancelled"];
const pick = <T extends string>(names: readonly T[], v: string): T => names.find((n) => n === v) ?? names[0];
/** Larger than any block number: the `before` of the first page. */
const NO_BLOCK = "9223372036854775807";

const toMember = (m: GqlMember): CreditMember => ({
  account: getAddress(m.account),
  status: pick(MEMBER_STATUS, m.status),
  clearing: m.clearingConsent,
  liquidity: m.liquidityConsent,
  netPosition: BigInt(m.netPosition),
  creditPosition: BigInt(m.creditPosition),
  creditGiven: BigInt(m.creditLimitGiven),
  creditReceived: BigInt(m.creditLimitReceived),
});

const toLine = (l: GqlLine): CreditLine => ({
  giver: getAddress(l.giver.account),
  receiver: getAddress(l.receiver.account),
  limit: BigInt(l.limit),
  offer: BigInt(l.pendingOffer),
  used: BigInt(l.used),
});

const toObligation = (o: GqlObligation): CreditObligation => ({
  id: BigInt(o.obligationId),
  debtor: getAddress(o.debtor.account),
  creditor: getAddress(o.creditor.account),
  amount: BigInt(o.amount),
  remaining: BigInt(o.remaining),
  dueDate: Number(o.dueDate),
  status: pick(OBLIGATION_STATUS, o.status),
  proposer: getAddress(o.proposer.account),
  cancelRequestedBy: Number(o.cancelRequestedBy),
  ref: o.ref as Hex,
  cleared: BigInt(o.clearedTotal),
  paid: BigInt(o.paidTotal),
  recordedAt: BigInt(o.createdAtBlock),
  ...(o.bridgeOf
    ? {
        bridge: {
          solutionId: o.bridgeOf.solutionId as Hex,
          epoch: BigInt(o.bridgeOf.id),
          part: Number(o.bridgeOf.index),
          ...(o.bridgeSettledBy ? { settledIn: BigInt(o.bridgeSettledBy.id) } : {}),
        },
      }
    : {}),
});

const toPart = (p: NonNullable<GqlEpoch["part"]>): ClearingPartInfo => ({
  index: Number(p.index),
  ...(p.bridge ? { bridgeId: BigInt(p.bridge.obligationId) } : {}),
  bridgeAmount: BigInt(p.bridgeAmount),
  ...(p.settledBridge ? { settledBridgeId: BigInt(p.settledBridge.obligationId) } : {}),
});

const toEpoch = (e: GqlEpoch): ClearingEpoch => ({
  epoch: BigInt(e.epoch),
  operator: getAddress(e.operator),
  solutionId: e.solutionId as Hex,
  obligationsBefore: BigInt(e.obligationsBefore),
  cleared: BigInt(e.cleared),
  movedToCredit: BigInt(e.movedToCredit),
  nid: BigInt(e.netInternalDebt),
  setOffs: Number(e.setOffCount),
  outstandingAfter: BigInt(e.outstandingAfter),
  ...(e.part ? { part: toPart(e.part) } : {}),
  blockNumber: BigInt(e.blockNumber),
  txHash: e.transactionHash as Hash,
});

/** Payments newest first, ties within a block by log index: event-log ids are block number ++ log index. */
const newestFirst = (rows: GqlPayment[]) => [...rows].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

function toPayment(p: GqlPayment): CreditPayment {
  const from = getAddress(p.from.account);
  const to = getAddress(p.to.account);
  const ob = p.obligationPayments[0]?.obligation.obligationId;
  return {
    from,
    to,
    amount: BigInt(p.amount),
    hops: Number(p.hopCount),
    memo: p.memo as Hex,
    route: p.hops.length
      ? [getAddress(p.hops[0].payer.account), ...p.hops.map((h) => getAddress(h.payee.account))]
      : [from, to],
    ...(ob === undefined ? {} : { obligationId: BigInt(ob) }),
    blockNumber: BigInt(p.blockNumber),
    txHash: p.transactionHash as Hash,
  };
}

/** Both directions of each pair's balance (zero balances left out). */
function claimsOf(pairs: GqlPair[]): Claims {
  const claims = new Map<string, bigint>();
  for (const p of pairs) {
    const b = BigInt(p.balance);
    if (b === 0n) continue;
    claims.set(claimKey(p.low.account, p.high.account), b);
    claims.set(claimKey(p.high.account, p.low.account), -b);
  }
  return claims;
}

export function createCreditSubgraphReader(url: string, address: Address): CreditReader {
  const all = <T extends { id: string }>(query: string, key: string, variables: Record<string, unknown> = {}) =>
    graphqlAll<T, Record<string, T[]>>(url, query, (d) => d[key], variables);

  return {
    source: "subgraph",
    async info() {
      const d = await graphqlQuery<GqlInfo>(url, Q.CREDIT_INFO_QUERY, { network: address.toLowerCase() });
      const n = d.creditNetwork;
      const missing = "The subgraph has not indexed this credit network yet.";
      if (!n) throw new Error(missing);
      const { block } = metaOf(d, missing);
      return {
        address,
        name: n.name,
        symbol: n.symbol,
        decimals: Number(n.decimals),
        maxHops: MAX_HOPS,
        stewardRole: STEWARD_ROLE,
        stewards: sortAddresses(n.stewards.map((a) => getAddress(a))),
        outstanding: BigInt(n.outstanding),
        nid: BigInt(n.netInternalDebt),
        obligationCount: BigInt(n.obligationCount),
        openObligations: Number(n.openObligationCount),
        epochCount: BigInt(n.epochCount),
        activeMembers: Number(n.activeMemberCount),
        suspendedMembers: Number(n.suspendedMemberCount),
        openLines: Number(n.openLineCount),
        creditLimit: BigInt(n.totalCreditLimit),
        creditInUse: BigInt(n.creditInUse),
        block,
      };
    },

    async mine(account) {
      const member = account.toLowerCase();
      const v = { member };
      const [m, given, received, low, high, owed, due] = await Promise.all([
        graphqlQuery<{ creditMember: GqlMember | null }>(url, Q.CREDIT_MEMBER_QUERY, v),
        all<GqlLine>(Q.LINES_GIVEN_QUERY, "creditLines", v),
        all<GqlLine>(Q.LINES_RECEIVED_QUERY, "creditLines", v),
        all<GqlPair>(Q.PAIRS_LOW_QUERY, "creditPairs", v),
        all<GqlPair>(Q.PAIRS_HIGH_QUERY, "creditPairs", v),
        all<GqlObligation>(Q.OBLIGATIONS_OWED_QUERY, "obligations", v),
        all<GqlObligation>(Q.OBLIGATIONS_DUE_QUERY, "obligations", v),
      ]);
      const lines = [...given, ...received].map(toLine).filter((l) => l.limit > 0n || l.offer > 0n || l.used > 0n);
      const claims = claimsOf([...low, ...high]);
      const counterparties = new Map<string, Address>();
      for (const l of lines) {
        const other = l.giver.toLowerCase() === member ? l.receiver : l.giver;
        counterparties.set(other.toLowerCase(), other);
      }
      for (const p of [...low, ...high]) {
        if (BigInt(p.balance) === 0n) continue;
        const other = p.low.account.toLowerCase() === member ? p.high.account : p.low.account;
        counterparties.set(other.toLowerCase(), getAddress(other));
      }
      const obligations = [...owed, ...due].map(toObligation).sort((a, b) => (a.id < b.id ? 1 : -1));
      const standing = m.creditMember ? toMember(m.creditMember) : undefined;
      return {
        account: getAddress(account),
        member: standing && standing.status !== "None" ? standing : undefined,
        lines: lines.sort(byLine),
        claims,
        counterparties: sortAddresses([...counterparties.values()]),
        obligations,
      };
    },

    async members() {
      return (await all<GqlMember & { id: string }>(Q.MEMBERS_QUERY, "creditMembers")).map(toMember).sort(byAccount);
    },

    async memberPage(after) {
      // By id, the lower-case address: the chain reader's order (byAccount).
      const page = await graphqlPage<GqlMember & { id: string }, { creditMembers: (GqlMember & { id: string })[] }>(
        url,
        Q.MEMBERS_QUERY,
        (d) => d.creditMembers,
        { after: after ?? "" },
        MEMBERS_PAGE,
        (m) => m.id,
      );
      return mapPage(page, toMember);
    },

    async graph() {
      const [members, lines, positive, negative] = await Promise.all([
        all<GqlMember & { id: string }>(Q.MEMBERS_QUERY, "creditMembers"),
        all<GqlLine>(Q.OPEN_LINES_QUERY, "creditLines"),
        all<GqlPair>(Q.PAIRS_POSITIVE_QUERY, "creditPairs"),
        all<GqlPair>(Q.PAIRS_NEGATIVE_QUERY, "creditPairs"),
      ]);
      return {
        maxHops: MAX_HOPS,
        members: members.map(toMember).sort(byAccount),
        lines: lines.map(toLine).sort(byLine),
        claims: claimsOf([...positive, ...negative]),
      };
    },

    async clearing() {
      type LiquidityLine = GqlLine & { pair: { low: Ref; balance: Num } };
      const [obligations, lines] = await Promise.all([
        all<GqlObligation>(Q.CLEARABLE_QUERY, "obligations"),
        all<LiquidityLine>(Q.LIQUIDITY_LINES_QUERY, "creditLines"),
      ]);
      const claims = new Map<string, bigint>();
      for (const l of lines) {
        // The pair's balance is the lower address's claim; the giver's claim on the receiver follows.
        const b = BigInt(l.pair.balance);
        const c = l.pair.low.account.toLowerCase() === l.giver.account.toLowerCase() ? b : -b;
        claims.set(claimKey(l.giver.account, l.receiver.account), c);
        claims.set(claimKey(l.receiver.account, l.giver.account), -c);
      }
      return {
        obligations: obligations.map(toObligation).sort((a, b) => (a.id < b.id ? -1 : 1)),
        lines: lines.map(toLine).sort(byLine),
        claims,
      };
    },

    async epochs(first) {
      const d = await graphqlQuery<{ clearingEpoches: GqlEpoch[] }>(url, Q.EPOCHS_QUERY, { first });
      return d.clearingEpoches.map(toEpoch);
    },

    async payments({ account, before, first }): Promise<PaymentsPage> {
      const member = account?.toLowerCase();
      const v = { first, before: (before ?? NO_BLOCK).toString(), member };
      const pages = member
        ? await Promise.all([
            graphqlQuery<{ payments: GqlPayment[] }>(url, Q.PAYMENTS_SENT_QUERY, v),
            graphqlQuery<{ payments: GqlPayment[] }>(url, Q.PAYMENTS_RECEIVED_QUERY, v),
          ])
        : [await graphqlQuery<{ payments: GqlPayment[] }>(url, Q.PAYMENTS_QUERY, v)];
      const top = newestFirst(pages.flatMap((p) => p.payments)).map(toPayment);
      if (top.length < first) return { items: top }; // every source ran out: the last page
      // The oldest block of the page may hold more payments than the page took: take that block whole.
      const last = top[first - 1].blockNumber;
      const newer = top.filter((p) => p.blockNumber > last);
      const inBlock = await graphqlQuery<{ payments: GqlPayment[] }>(url, Q.PAYMENTS_IN_BLOCK_QUERY, {
        block: last.toString(),
        first: PAGE_SIZE,
      });
      const whole = newestFirst(inBlock.payments)
        .map(toPayment)
        .filter((p) => !member || p.from.toLowerCase() === member || p.to.toLowerCase() === member);
      return { items: [...newer, ...whole], next: last };
    },
  };
}
