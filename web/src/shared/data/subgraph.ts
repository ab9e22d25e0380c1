// The contribution reads from the subgraph (when VITE_SUBGRAPH_URL is set), mapped onto the same types as the chain
// reads; token symbols and decimals come from the token contracts.
import { ContributionStatus, type ContributionStatusName } from "@cosmolocal/sdk";
import { getAddress, type Address, type Hash, type Hex, type PublicClient } from "viem";
import { graphqlQuery } from "./graphql";
import { PROJECT_QUERY, PROJECTS_QUERY } from "./subgraphQuery";
import { tokenInfo } from "./tokens";
import type { IncomeEvent, LedgerReader, Project } from "./types";

type Num = string | number;
interface GqlEvent {
  from?: string;
  account?: string;
  amount: Num;
  blockNumber: Num;
  transactionHash: string;
}
interface GqlProject {
  id: string;
  name: string;
  metadataURI: string;
  creator: string;
  quorum: Num;
  evaluationWindow: Num;
  minScore: Num;
  totalPoints: Num;
  incomeTokens: string[];
  kinds: { kindId: Num; name: string; weight: Num; active: boolean }[];
  members: { account: string; roles: Num; points: Num }[];
  contributions: {
    contributionId: Num;
    contributorAccount: string;
    submitter: string;
    kind: { kindId: Num };
    quantity: Num;
    evidenceHash: string;
    evidenceURI: string;
    closesAt: Num;
    quorum: Num;
    minScore: Num;
    status: string | number;
    medianScoreX2: Num | null;
    points: Num | null;
    evaluations: { evaluatorAccount: string; score: Num; commentHash: string }[];
  }[];
  incomeTotals: { token: string; received: Num; claimed: Num; deposits: GqlEvent[]; claims: GqlEvent[] }[];
}

function status(s: string | number): ContributionStatusName {
  if (typeof s === "number" || /^\d+$/.test(s)) return ContributionStatus[Number(s)] ?? "None";
  const name = s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  return (ContributionStatus as readonly string[]).includes(name) ? (name as ContributionStatusName) : "None";
}

const event = (e: GqlEvent): IncomeEvent => ({
  account: getAddress((e.from ?? e.account)!),
  amount: BigInt(e.amount),
  blockNumber: BigInt(e.blockNumber),
  txHash: e.transactionHash as Hash,
});

export function createSubgraphReader(url: string, client: PublicClient): LedgerReader {
  const query = <T>(q: string, variables: Record<string, unknown> = {}) => graphqlQuery<T>(url, q, variables);

  async function map(p: GqlProject): Promise<Project> {
    const income = await Promise.all(
      p.incomeTotals.map(async (b) => ({
        token: await tokenInfo(client, getAddress(b.token)),
        received: BigInt(b.received),
        claimed: BigInt(b.claimed),
        deposits: b.deposits.map(event),
        claims: b.claims.map(event),
      })),
    );
    // Same order as the contract's incomeTokens(): ETH first, then ERC-20s in the order they were accepted.
    const order = p.incomeTokens.map((t) => t.toLowerCase());
    income.sort((a, b) => order.indexOf(a.token.address.toLowerCase()) - order.indexOf(b.token.address.toLowerCase()));
    return {
      id: BigInt(p.id),
      name: p.name,
      metadataURI: p.metadataURI,
      creator: getAddress(p.creator),
      quorum: Number(p.quorum),
      evaluationWindow: Number(p.evaluationWindow),
      minScore: Number(p.minScore),
      totalPoints: BigInt(p.totalPoints),
      kinds: p.kinds
        .map((k) => ({ id: Number(k.kindId), name: k.name, weight: Number(k.weight), active: k.active }))
        .sort((a, b) => a.id - b.id),
      members: p.members
        .map((m) => ({ account: getAddress(m.account), roles: Number(m.roles), points: BigInt(m.points) }))
        .filter((m) => m.roles !== 0 || m.points > 0n),
      contributions: p.contributions
        .map((c) => ({
          id: BigInt(c.contributionId),
          projectId: BigInt(p.id),
          contributor: getAddress(c.contributorAccount),
          submitter: getAddress(c.submitter),
          kindId: Number(c.kind.kindId),
          quantity: BigInt(c.quantity),
          evidenceHash: c.evidenceHash as Hex,
          evidenceURI: c.evidenceURI,
          closesAt: Number(c.closesAt),
          quorum: Number(c.quorum),
          minScore: Number(c.minScore),
          status: status(c.status),
          evaluations: c.evaluations.map((e) => ({
            evaluator: getAddress(e.evaluatorAccount) as Address,
            score: Number(e.score),
            commentHash: e.commentHash as Hex,
          })),
          medianScoreX2: Number(c.medianScoreX2 ?? 0),
          points: BigInt(c.points ?? 0),
        }))
        .sort((a, b) => (a.id > b.id ? -1 : 1)),
      income,
    };
  }

  return {
    source: "subgraph",
    async projects() {
      const data = await query<{ projects: GqlProject[] }>(PROJECTS_QUERY);
      return (await Promise.all(data.projects.map(map))).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async project(id) {
      const data = await query<{ project: GqlProject | null }>(PROJECT_QUERY, { id: id.toString() });
      return data.project ? map(data.project) : undefined;
    },
  };
}
