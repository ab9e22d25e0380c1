// The credit reads from the subgraph (./subgraphQuery.ts) mapped onto the chain reader's snapshot; MAX_HOPS,
// STEWARD_ROLE and the current block come from the chain.
import { creditNetworkAbi, type ObligationStatusName } from "@cosmolocal/sdk";
import { getAddress, type Address, type Hash, type Hex, type PublicClient } from "viem";
import type { CreditReader } from "./data";
import type { CreditSnapshot, MemberStatusName } from "./model";
import { graphqlQuery } from "../shared/data/graphql";
import { CREDIT_QUERY } from "./subgraphQuery";

type Num = string | number;
interface Ref {
  account: string;
}
interface GqlCredit {
  creditNetwork: {
    name: string;
    symbol: string;
    decimals: Num;
    stewards: string[];
    outstanding: Num;
    netInternalDebt: Num;
    obligationCount: Num;
    epochCount: Num;
  } | null;
  creditMembers: {
    account: string;
    status: string;
    clearingConsent: boolean;
    liquidityConsent: boolean;
    netPosition: Num;
    creditPosition: Num;
  }[];
  creditLines: { giver: Ref; receiver: Ref; limit: Num; pendingOffer: Num; used: Num }[];
  creditPairs: { low: Ref; high: Ref; balance: Num }[];
  obligations: {
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
  }[];
  clearingEpoches: {
    epoch: Num;
    operator: string;
    solutionId: string;
    obligationsBefore: Num;
    cleared: Num;
    movedToCredit: Num;
    netInternalDebt: Num;
    setOffCount: Num;
    blockNumber: Num;
    transactionHash: string;
  }[];
  payments: {
    from: Ref;
    to: Ref;
    amount: Num;
    hopCount: Num;
    memo: string;
    blockNumber: Num;
    transactionHash: string;
    hops: { payer: Ref; payee: Ref }[];
    obligationPayments: { obligation: { obligationId: Num } }[];
  }[];
}

const MEMBER_STATUS: readonly MemberStatusName[] = ["None", "Active", "Suspended"];
const OBLIGATION_STATUS: readonly ObligationStatusName[] = ["None", "Proposed", "Open", "Settled", "Cancelled"];
const pick = <T extends string>(names: readonly T[], v: string): T => names.find((n) => n === v) ?? names[0];
const key = (a: string, b: string) => `${a.toLowerCase()}|${b.toLowerCase()}`;

export function createCreditSubgraphReader(url: string, client: PublicClient, address: Address): CreditReader {
  let constants: Promise<[bigint, Hex]> | undefined;
  const query = <T>(q: string, variables: Record<string, unknown>) => graphqlQuery<T>(url, q, variables);

  return {
    source: "subgraph",
    async snapshot(): Promise<CreditSnapshot> {
      constants ??= Promise.all([
        client.readContract({ address, abi: creditNetworkAbi, functionName: "MAX_HOPS" }),
        client.readContract({ address, abi: creditNetworkAbi, functionName: "STEWARD_ROLE" }),
      ]);
      const [data, [maxHops, stewardRole], block] = await Promise.all([
        query<GqlCredit>(CREDIT_QUERY, { network: address.toLowerCase() }),
        constants,
        client.getBlockNumber(),
      ]);
      const n = data.creditNetwork;
      if (!n) throw new Error("The subgraph has not indexed this credit network yet.");
      const claims = new Map<string, bigint>();
      for (const p of data.creditPairs) {
        claims.set(key(p.low.account, p.high.account), BigInt(p.balance));
        claims.set(key(p.high.account, p.low.account), -BigInt(p.balance));
      }
      return {
        info: {
          address,
          name: n.name,
          symbol: n.symbol,
          decimals: Number(n.decimals),
          maxHops: Number(maxHops),
          stewardRole,
          outstanding: BigInt(n.outstanding),
          nid: BigInt(n.netInternalDebt),
          obligationCount: BigInt(n.obligationCount),
          epochCount: BigInt(n.epochCount),
          block,
        },
        members: data.creditMembers
          .map((m) => ({
            account: getAddress(m.account),
            status: pick(MEMBER_STATUS, m.status),
            clearing: m.clearingConsent,
            liquidity: m.liquidityConsent,
            netPosition: BigInt(m.netPosition),
            creditPosition: BigInt(m.creditPosition),
          }))
          .filter((m) => m.status !== "None"),
        lines: data.creditLines
          .map((l) => ({
            giver: getAddress(l.giver.account),
            receiver: getAddress(l.receiver.account),
            limit: BigInt(l.limit),
            offer: BigInt(l.pendingOffer),
            used: BigInt(l.used),
          }))
          .filter((l) => l.limit > 0n || l.offer > 0n),
        claims,
        stewards: n.stewards.map((a) => getAddress(a)),
        obligations: data.obligations.map((o) => ({
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
        })),
        epochs: data.clearingEpoches.map((e) => ({
          epoch: BigInt(e.epoch),
          operator: getAddress(e.operator),
          solutionId: e.solutionId as Hex,
          obligationsBefore: BigInt(e.obligationsBefore),
          cleared: BigInt(e.cleared),
          movedToCredit: BigInt(e.movedToCredit),
          nid: BigInt(e.netInternalDebt),
          setOffs: Number(e.setOffCount),
          blockNumber: BigInt(e.blockNumber),
          txHash: e.transactionHash as Hash,
        })),
        payments: data.payments.map((p) => {
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
            obligationId: ob === undefined ? undefined : BigInt(ob),
            blockNumber: BigInt(p.blockNumber),
            txHash: p.transactionHash as Hash,
          };
        }),
      };
    },
  };
}
