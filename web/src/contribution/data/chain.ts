// The contribution chain reader: ContributionLedger's events from its deployment block, read in bounded chunks by
// one incremental reader (the folded state is kept; a refresh reads only new blocks), each view derived per project.
// No view calls: every figure follows from the events; only token symbols and decimals are read, once per token.
import { contributionLedgerAbi } from "@cosmolocal/sdk";
import type { Address, PublicClient } from "viem";
import { eventReader } from "../../shared/data/events";
import { tokenInfo } from "../../shared/data/tokens";
import { claimableOf, ledgerFold, type LedgerState, type ProjectState } from "./fold";
import type { Contribution, ContributionReader, IncomeBook, Me, Member, Page, Project, ProjectSummary } from "./types";

const copy = (c: Contribution): Contribution => ({ ...c, evaluations: c.evaluations.map((e) => ({ ...e })) });
/** Most points first; ties by account, as the subgraph orders them (by id, "<projectId>-<account>"). */
const byPointsDesc = (a: Member, b: Member) =>
  b.points > a.points ? 1 : b.points < a.points ? -1 : a.account.toLowerCase() < b.account.toLowerCase() ? -1 : 1;

export function createChainReader(client: PublicClient, ledger: Address, fromBlock: bigint): ContributionReader {
  const reader = eventReader(client, contributionLedgerAbi, [ledger], fromBlock, ledgerFold);

  // The reads a new block sets off at once share one refresh (IncrementalLogReader.latest).
  async function state(): Promise<LedgerState> {
    return (await reader.latest()).state;
  }

  async function books(p: ProjectState): Promise<IncomeBook[]> {
    return Promise.all(
      p.tokens.map(async (token) => {
        const b = p.books.get(token.toLowerCase());
        return { token: await tokenInfo(client, token), received: b?.received ?? 0n, claimed: b?.claimed ?? 0n };
      }),
    );
  }

  async function summary(p: ProjectState): Promise<ProjectSummary> {
    return {
      id: p.id,
      name: p.name,
      totalPoints: p.totalPoints,
      memberCount: p.memberCount,
      pendingCount: p.pending.size,
      acceptedCount: p.acceptedCount,
      income: await books(p),
    };
  }

  const page = <T>(all: readonly T[], first: number): Page<T> => ({
    items: all.slice(0, first),
    more: all.length > first,
  });

  return {
    source: "chain",

    async projects(first) {
      const s = await state();
      const ids = [...s.projects.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const shown = ids.slice(0, first).map((id) => s.projects.get(id)!);
      return { items: await Promise.all(shown.map(summary)), more: ids.length > first };
    },

    async project(id): Promise<Project | undefined> {
      const p = (await state()).projects.get(id);
      if (!p) return undefined;
      return {
        ...(await summary(p)),
        metadataURI: p.metadataURI,
        creator: p.creator,
        quorum: p.quorum,
        evaluationWindow: p.evaluationWindow,
        minScore: p.minScore,
        kinds: p.kinds.map((k) => ({ ...k })).sort((a, b) => a.id - b.id),
        contributionCount: p.contributions.length,
        paymentCount: p.payments.length,
      };
    },

    async me(projectId, account): Promise<Me> {
      const p = (await state()).projects.get(projectId);
      const m = p?.members.get(account.toLowerCase());
      const incomes = p?.incomes.get(account.toLowerCase());
      return {
        account,
        roles: m?.roles ?? 0,
        points: m?.points ?? 0n,
        income: Object.fromEntries(
          (p?.tokens ?? []).map((t) => [
            t.toLowerCase(),
            { claimed: incomes?.get(t.toLowerCase())?.claimed ?? 0n, claimable: claimableOf(p!, account, t) },
          ]),
        ),
      };
    },

    async members(projectId, first) {
      const p = (await state()).projects.get(projectId);
      const all = [...(p?.members.values() ?? [])].filter((m) => m.roles !== 0 || m.points > 0n).sort(byPointsDesc);
      return page(
        all.map((m) => ({ ...m })),
        first,
      );
    },

    async contributions(projectId, first, contributor) {
      const s = await state();
      const p = s.projects.get(projectId);
      const ids = (contributor ? p?.byContributor.get(contributor.toLowerCase()) : p?.contributions) ?? [];
      const newest: Contribution[] = [];
      for (let i = ids.length - 1; i >= 0 && newest.length < first; i--)
        newest.push(copy(s.contributions.get(ids[i])!));
      return { items: newest, more: ids.length > first };
    },

    async pending(projectId) {
      const s = await state();
      return [...(s.projects.get(projectId)?.pending ?? [])].map((id) => copy(s.contributions.get(id)!));
    },

    async payments(projectId, first) {
      const p = (await state()).projects.get(projectId);
      const all = p?.payments ?? [];
      const newest = all.slice(Math.max(0, all.length - first)).reverse();
      return {
        items: await Promise.all(
          newest.map(async ({ token, logIndex: _, ...rest }) => ({ ...rest, token: await tokenInfo(client, token) })),
        ),
        more: all.length > first,
      };
    },
  };
}
