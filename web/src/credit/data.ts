// The credit module's reads: one snapshot of the network behind one interface, from the chain (events folded, then
// the views at the same block) or, with VITE_SUBGRAPH_URL, from the subgraph (./subgraph.ts).
import { creditNetworkAbi, MemberStatus, ObligationStatus } from "@cosmolocal/sdk";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { usePublicClient } from "wagmi";
import { getAddress, type Address, type PublicClient } from "viem";
import { subgraphUrl, targetChain } from "../shared/config";
import { creditAddress, creditStartBlock } from "./contracts";
import type { ClearingEpoch, CreditLine, CreditMember, CreditObligation, CreditPayment, CreditSnapshot } from "./model";
import { createCreditSubgraphReader } from "./subgraph";

export * from "./model";

const key = (a: string, b: string) => `${a.toLowerCase()}|${b.toLowerCase()}`;

export interface CreditReader {
  readonly source: "chain" | "subgraph";
  snapshot(): Promise<CreditSnapshot>;
}

export function createCreditChainReader(client: PublicClient, address: Address, fromBlock = 0n): CreditReader {
  return { source: "chain", snapshot: () => loadCredit(client, address, fromBlock) };
}

export async function loadCredit(client: PublicClient, address: Address, fromBlock = 0n): Promise<CreditSnapshot> {
  const block = await client.getBlockNumber({ cacheTime: 0 }); // not a cached (pre-transaction) block
  const base = { address, abi: creditNetworkAbi, blockNumber: block } as const;
  const [logs, name, symbol, decimals, maxHops, stewardRole, outstanding, nid, obligationCount, epochCount] =
    await Promise.all([
      client.getContractEvents({ address, abi: creditNetworkAbi, fromBlock, toBlock: block }),
      client.readContract({ ...base, functionName: "name" }),
      client.readContract({ ...base, functionName: "symbol" }),
      client.readContract({ ...base, functionName: "decimals" }),
      client.readContract({ ...base, functionName: "MAX_HOPS" }),
      client.readContract({ ...base, functionName: "STEWARD_ROLE" }),
      client.readContract({ ...base, functionName: "outstanding" }),
      client.readContract({ ...base, functionName: "netInternalDebt" }),
      client.readContract({ ...base, functionName: "obligationCount" }),
      client.readContract({ ...base, functionName: "epochCount" }),
    ]);

  const members = new Map<string, CreditMember>();
  const member = (account: Address) => {
    const k = account.toLowerCase();
    let m = members.get(k);
    if (!m)
      members.set(
        k,
        (m = {
          account: getAddress(account),
          status: "None",
          clearing: false,
          liquidity: false,
          netPosition: 0n,
          creditPosition: 0n,
        }),
      );
    return m;
  };
  const lines = new Map<string, CreditLine>();
  const line = (giver: Address, receiver: Address) => {
    const k = key(giver, receiver);
    let l = lines.get(k);
    if (!l)
      lines.set(k, (l = { giver: getAddress(giver), receiver: getAddress(receiver), limit: 0n, offer: 0n, used: 0n }));
    return l;
  };
  const claims = new Map<string, bigint>();
  const stewards = new Map<string, Address>();
  const obligations = new Map<bigint, CreditObligation>();
  const epochs: ClearingEpoch[] = [];
  const payments: CreditPayment[] = [];
  const hopsByTx = new Map<string, { payer: Address; payee: Address }[]>();

  for (const log of logs) {
    const at = { blockNumber: log.blockNumber ?? 0n, txHash: log.transactionHash! };
    switch (log.eventName) {
      case "MemberAdmitted":
      case "MemberReinstated":
        member(log.args.member!).status = "Active";
        break;
      case "MemberSuspended":
        member(log.args.member!).status = "Suspended";
        break;
      case "ClearingConsentSet": {
        const m = member(log.args.member!);
        m.clearing = log.args.clearing!;
        m.liquidity = log.args.liquidity!;
        break;
      }
      case "CreditLineOffered":
        line(log.args.giver!, log.args.receiver!).offer = log.args.limit!;
        break;
      case "CreditOfferCancelled":
        line(log.args.giver!, log.args.receiver!).offer = 0n;
        break;
      case "CreditLineUpdated": {
        const l = line(log.args.giver!, log.args.receiver!);
        l.limit = log.args.limit!;
        l.offer = 0n; // an accepted offer, or a cut that also drops any pending raise
        break;
      }
      case "CreditLineClosed": {
        const l = line(log.args.giver!, log.args.receiver!);
        l.limit = 0n;
        l.offer = 0n;
        break;
      }
      case "BalanceUpdated": {
        const { payer, payee, balance } = log.args;
        claims.set(key(payer!, payee!), balance!);
        claims.set(key(payee!, payer!), -balance!);
        const list = hopsByTx.get(at.txHash) ?? [];
        list.push({ payer: payer!, payee: payee! });
        hopsByTx.set(at.txHash, list);
        break;
      }
      case "Paid": {
        const hops = Number(log.args.hops!);
        const pending = hopsByTx.get(at.txHash) ?? [];
        const mine = pending.splice(Math.max(0, pending.length - hops), hops);
        payments.push({
          from: log.args.from!,
          to: log.args.to!,
          amount: log.args.amount!,
          hops,
          memo: log.args.memo!,
          route: mine.length ? [mine[0].payer, ...mine.map((h) => h.payee)] : [log.args.from!, log.args.to!],
          ...at,
        });
        break;
      }
      case "ObligationRecorded": {
        const a = log.args;
        obligations.set(a.id!, {
          id: a.id!,
          debtor: a.debtor!,
          creditor: a.creditor!,
          amount: a.amount!,
          remaining: a.amount!,
          dueDate: Number(a.dueDate!),
          status: "Proposed",
          proposer: a.proposer!,
          cancelRequestedBy: 0,
          ref: a.ref!,
          cleared: 0n,
          paid: 0n,
          recordedAt: at.blockNumber,
        });
        break;
      }
      case "ObligationAccepted": {
        const o = obligations.get(log.args.id!);
        if (o) o.status = "Open";
        break;
      }
      case "ObligationCancelRequested": {
        const o = obligations.get(log.args.id!);
        if (o) o.cancelRequestedBy |= log.args.by!.toLowerCase() === o.debtor.toLowerCase() ? 1 : 2;
        break;
      }
      case "ObligationCancelled": {
        const o = obligations.get(log.args.id!);
        if (o) o.status = "Cancelled";
        break;
      }
      case "ObligationPaid": {
        const o = obligations.get(log.args.id!);
        if (o) {
          o.paid += log.args.amount!;
          o.remaining = log.args.remaining!;
          if (o.remaining === 0n) o.status = "Settled";
        }
        const p = payments[payments.length - 1];
        if (p && p.txHash === at.txHash) p.obligationId = log.args.id!;
        break;
      }
      case "ObligationCleared": {
        const o = obligations.get(log.args.id!);
        if (o) {
          o.cleared += log.args.amount!;
          o.remaining = log.args.remaining!;
          if (o.remaining === 0n) o.status = "Settled";
        }
        break;
      }
      case "ClearingCompleted": {
        const a = log.args;
        epochs.push({
          epoch: a.epoch!,
          operator: a.operator!,
          solutionId: a.solutionId!,
          obligationsBefore: a.obligationsBefore!,
          cleared: a.cleared!,
          movedToCredit: a.movedToCredit!,
          nid: a.netInternalDebt!,
          setOffs: Number(a.setOffs!),
          ...at,
        });
        break;
      }
      case "RoleGranted":
        if (log.args.role === stewardRole) stewards.set(log.args.account!.toLowerCase(), log.args.account!);
        break;
      case "RoleRevoked":
        if (log.args.role === stewardRole) stewards.delete(log.args.account!.toLowerCase());
        break;
    }
  }

  // The current state from the views, at the same block.
  const memberList = [...members.values()];
  const pairs = new Map<string, [Address, Address]>();
  for (const l of lines.values()) {
    const [a, b] = [l.giver, l.receiver].sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1));
    pairs.set(key(a, b), [a, b]);
  }
  await Promise.all([
    ...memberList.map(async (m) => {
      const [data, net] = await Promise.all([
        client.readContract({ ...base, functionName: "member", args: [m.account] }),
        client.readContract({ ...base, functionName: "netPosition", args: [m.account] }),
      ]);
      m.status = MemberStatus[data.status] ?? "None";
      m.clearing = data.clearing;
      m.liquidity = data.liquidity;
      m.netPosition = net;
    }),
    ...[...pairs.values()].map(async ([a, b]) => {
      const [ab, ba, offerAb, offerBa, claim] = await Promise.all([
        client.readContract({ ...base, functionName: "creditLimit", args: [a, b] }),
        client.readContract({ ...base, functionName: "creditLimit", args: [b, a] }),
        client.readContract({ ...base, functionName: "creditOffer", args: [a, b] }),
        client.readContract({ ...base, functionName: "creditOffer", args: [b, a] }),
        client.readContract({ ...base, functionName: "balance", args: [a, b] }),
      ]);
      Object.assign(line(a, b), { limit: ab, offer: offerAb });
      Object.assign(line(b, a), { limit: ba, offer: offerBa });
      claims.set(key(a, b), claim);
      claims.set(key(b, a), -claim);
    }),
    ...[...obligations.values()].map(async (o) => {
      const v = await client.readContract({ ...base, functionName: "obligation", args: [o.id] });
      o.remaining = v.remaining;
      o.status = ObligationStatus[v.status] ?? "None";
      o.cancelRequestedBy = v.cancelRequestedBy;
    }),
  ]);

  for (const l of lines.values()) {
    const owed = claims.get(key(l.giver, l.receiver)) ?? 0n;
    l.used = owed > 0n ? owed : 0n;
  }
  for (const [k, claim] of claims) {
    const m = members.get(k.split("|")[0]);
    if (m) m.creditPosition += claim;
  }

  return {
    info: {
      address,
      name,
      symbol,
      decimals,
      maxHops: Number(maxHops),
      stewardRole,
      outstanding,
      nid,
      obligationCount,
      epochCount,
      block,
    },
    members: memberList.filter((m) => m.status !== "None"),
    lines: [...lines.values()].filter((l) => l.limit > 0n || l.offer > 0n),
    claims,
    stewards: [...stewards.values()],
    obligations: [...obligations.values()].reverse(),
    epochs,
    payments: payments.reverse(),
  };
}

/** Picks the data source once: the subgraph when VITE_SUBGRAPH_URL is set, otherwise the chain itself. */
export function useCreditReader(): CreditReader | undefined {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  return useMemo(() => {
    if (!client || !creditAddress) return undefined;
    return subgraphUrl
      ? createCreditSubgraphReader(subgraphUrl, client, creditAddress)
      : createCreditChainReader(client, creditAddress, creditStartBlock);
  }, [client]);
}

/** The credit network's snapshot, refreshed every few seconds (and after every confirmed transaction). */
export function useCredit() {
  const reader = useCreditReader();
  return useQuery({
    queryKey: ["credit", reader?.source, "snapshot"],
    queryFn: () => reader!.snapshot(),
    enabled: !!reader,
  });
}
