// The contribution subgraph reader: each screen's view from one bounded or paged GraphQL query (./queries.ts),
// mapped onto the same types as the chain reader; token symbols and decimals come from the token contracts, once.
import { ContributionStatus, type ContributionStatusName } from "@cosmolocal/sdk";
import { getAddress, type Hash, type Hex, type PublicClient } from "viem";
import { graphqlAll, graphqlQuery, PAGE_SIZE } from "../../shared/data/graphql";
import { tokenInfo } from "../../shared/data/tokens";
import {
  CONTRIBUTIONS_BY_QUERY,
  CONTRIBUTIONS_QUERY,
  MEMBER_QUERY,
  MEMBERS_QUERY,
  PAYMENTS_QUERY,
  PENDING_QUERY,
  PROJECT_QUERY,
  PROJECTS_QUERY,
} from "./queries";
import { ACC_SCALE } from "./fold";
import type {
  Contribution,
  ContributionReader,
  IncomeBook,
  Me,
  Member,
  Payment,
  Project,
  ProjectSummary,
} from "./types";

type Num = string | number;
interface GqlIncome {
  incomeTokens: string[];
  incomeTotals: { token: string; received: Num; claimed: Num }[];
}
interface GqlSummary extends GqlIncome {
  projectId: Num;
  name: string;
  totalPoints: Num;
  memberCount: Num;
  pendingCount: Num;
  acceptedCount: Num;
}
interface GqlProject extends GqlSummary {
  metadataURI: string;
  creator: string;
  quorum: Num;
  evaluationWindow: Num;
  minScore: Num;
  contributionCount: Num;
  depositCount: Num;
  claimCount: Num;
  kinds: { kindId: Num; name: string; weight: Num; active: boolean }[];
}
interface GqlMember {
  account: string;
  roles: Num;
  points: Num;
}
interface GqlMe {
  member: (GqlMember & { incomes: { token: string; claimed: Num; debt: Num }[] }) | null;
  project: { incomeTokens: string[]; incomeTotals: { token: string; accIncomePerPoint: Num }[] } | null;
}
interface GqlContribution {
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
}
interface GqlPayment {
  token: string;
  from?: string;
  account?: string;
  amount: Num;
  blockNumber: Num;
  transactionHash: string;
}

/** Above every contribution id (uint256): the cursor of a first page ordered newest first. */
const NO_CURSOR = (2n ** 256n).toString();

function status(s: string | number): ContributionStatusName {
  if (typeof s === "number" || /^\d+$/.test(s)) return ContributionStatus[Number(s)] ?? "None";
  const name = s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  return (ContributionStatus as readonly string[]).includes(name) ? (name as ContributionStatusName) : "None";
}

function contribution(projectId: bigint, c: GqlContribution): Contribution {
  return {
    id: BigInt(c.contributionId),
    projectId,
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
      evaluator: getAddress(e.evaluatorAccount),
      score: Number(e.score),
      commentHash: e.commentHash as Hex,
    })),
    medianScoreX2: Number(c.medianScoreX2 ?? 0),
    points: BigInt(c.points ?? 0),
  };
}

const member = (m: GqlMember): Member => ({
  account: getAddress(m.account),
  roles: Number(m.roles),
  points: BigInt(m.points),
});

export function createSubgraphReader(url: string, client: PublicClient): ContributionReader {
  const query = <T>(q: string, variables: Record<string, unknown> = {}) => graphqlQuery<T>(url, q, variables);

  /** Income totals in the contract's order: ETH first, then ERC-20s in the order they were accepted. */
  async function books(p: GqlIncome): Promise<IncomeBook[]> {
    const totals = new Map(p.incomeTotals.map((t) => [t.token.toLowerCase(), t]));
    return Promise.all(
      p.incomeTokens.map(async (token) => {
        const t = totals.get(token.toLowerCase());
        return {
          token: await tokenInfo(client, getAddress(token)),
          received: BigInt(t?.received ?? 0),
          claimed: BigInt(t?.claimed ?? 0),
        };
      }),
    );
  }

  async function summary(p: GqlSummary): Promise<ProjectSummary> {
    return {
      id: BigInt(p.projectId),
      name: p.name,
      totalPoints: BigInt(p.totalPoints),
      memberCount: Number(p.memberCount),
      pendingCount: Number(p.pendingCount),
      acceptedCount: Number(p.acceptedCount),
      income: await books(p),
    };
  }

  /** The newest `first` contributions (and whether there are more), a page of up to 1,000 at a time. */
  async function newest(projectId: bigint, first: number, vars: Record<string, unknown>, q: string) {
    const rows: GqlContribution[] = [];
    let before = NO_CURSOR;
    // One row more than asked tells whether there are more.
    while (rows.length < first + 1) {
      const want = Math.min(PAGE_SIZE, first + 1 - rows.length);
      const page = (await query<{ contributions: GqlContribution[] }>(q, { ...vars, first: want, before }))
        .contributions;
      rows.push(...page);
      if (page.length < want) break;
      before = String(page[page.length - 1].contributionId);
    }
    return { items: rows.slice(0, first).map((c) => contribution(projectId, c)), more: rows.length > first };
  }

  return {
    source: "subgraph",

    async projects(first) {
      const rows: GqlSummary[] = [];
      let after = "0";
      while (rows.length < first + 1) {
        const want = Math.min(PAGE_SIZE, first + 1 - rows.length);
        const page = (await query<{ projects: GqlSummary[] }>(PROJECTS_QUERY, { first: want, after })).projects;
        rows.push(...page);
        if (page.length < want) break;
        after = String(page[page.length - 1].projectId);
      }
      return { items: await Promise.all(rows.slice(0, first).map(summary)), more: rows.length > first };
    },

    async project(id): Promise<Project | undefined> {
      const p = (await query<{ project: GqlProject | null }>(PROJECT_QUERY, { id: id.toString() })).project;
      if (!p) return undefined;
      return {
        ...(await summary(p)),
        metadataURI: p.metadataURI,
        creator: getAddress(p.creator),
        quorum: Number(p.quorum),
        evaluationWindow: Number(p.evaluationWindow),
        minScore: Number(p.minScore),
        kinds: p.kinds
          .map((k) => ({ id: Number(k.kindId), name: k.name, weight: Number(k.weight), active: k.active }))
          .sort((a, b) => a.id - b.id),
        contributionCount: Number(p.contributionCount),
        paymentCount: Number(p.depositCount) + Number(p.claimCount),
      };
    },

    async me(projectId, account) {
      const who = account.toLowerCase();
      const { member: m, project } = await query<GqlMe>(MEMBER_QUERY, {
        id: `${projectId}-${who}`,
        project: projectId.toString(),
      });
      const points = BigInt(m?.points ?? 0);
      const acc = new Map(project?.incomeTotals.map((t) => [t.token.toLowerCase(), BigInt(t.accIncomePerPoint)]));
      const mine = new Map(m?.incomes.map((i) => [i.token.toLowerCase(), i]));
      const income: Me["income"] = {};
      for (const token of project?.incomeTokens ?? []) {
        const t = token.toLowerCase();
        // The ledger's claimable: floor(points * acc / 1e18) - debt.
        const earned = (points * (acc.get(t) ?? 0n)) / ACC_SCALE;
        const debt = BigInt(mine.get(t)?.debt ?? 0);
        income[t] = { claimed: BigInt(mine.get(t)?.claimed ?? 0), claimable: earned > debt ? earned - debt : 0n };
      }
      return { account, roles: Number(m?.roles ?? 0), points, income };
    },

    async members(projectId, first) {
      // One page (the screens show the first N, N < 1,000). Accounts holding no role and no points sort last (0
      // points) and are left out, as the chain reader does.
      const want = Math.min(PAGE_SIZE, first + 1);
      const rows = (
        await query<{ members: GqlMember[] }>(MEMBERS_QUERY, { project: projectId.toString(), first: want })
      ).members;
      const shown = rows.map(member).filter((m) => m.roles !== 0 || m.points > 0n);
      return { items: shown.slice(0, first), more: rows.length === want };
    },

    contributions(projectId, first, contributor) {
      const project = projectId.toString();
      return contributor
        ? newest(projectId, first, { project, account: contributor.toLowerCase() }, CONTRIBUTIONS_BY_QUERY)
        : newest(projectId, first, { project }, CONTRIBUTIONS_QUERY);
    },

    async pending(projectId) {
      const rows = await graphqlAll<
        GqlContribution & { id: string },
        { contributions: (GqlContribution & { id: string })[] }
      >(url, PENDING_QUERY, (d) => d.contributions, { project: projectId.toString() });
      return rows.map((c) => contribution(projectId, c)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    async payments(projectId, first) {
      const want = Math.min(PAGE_SIZE, first);
      const data = await query<{ incomeDeposits: GqlPayment[]; incomeClaims: GqlPayment[] }>(PAYMENTS_QUERY, {
        project: projectId.toString(),
        first: want,
      });
      const rows = [
        ...data.incomeDeposits.map((e) => ({ e, flow: "in" as const, account: e.from! })),
        ...data.incomeClaims.map((e) => ({ e, flow: "out" as const, account: e.account! })),
      ].sort((a, b) => Number(b.e.blockNumber) - Number(a.e.blockNumber));
      const items: Payment[] = await Promise.all(
        rows.slice(0, first).map(async ({ e, flow, account }) => ({
          flow,
          token: await tokenInfo(client, getAddress(e.token)),
          account: getAddress(account),
          amount: BigInt(e.amount),
          blockNumber: BigInt(e.blockNumber),
          txHash: e.transactionHash as Hash,
        })),
      );
      return { items, more: rows.length > first };
    },
  };
}
