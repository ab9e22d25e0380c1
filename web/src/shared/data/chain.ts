// Chain reads: every ledger event since VITE_LEDGER_FROM_BLOCK folded into projects (the contract emits enough
// to recompute every balance from events alone), then the headline figures confirmed with view calls.
import { contributionLedgerAbi, ContributionStatus, ETH_TOKEN } from "@cosmolocal/sdk";
import { getAddress, type Address, type PublicClient } from "viem";
import { tokenInfo } from "./tokens";
import type { Contribution, IncomeEvent, LedgerReader, Member, Project } from "./types";

interface Draft extends Omit<Project, "members" | "income"> {
  members: Map<string, Member>;
  tokens: Address[];
  books: Map<string, { received: bigint; claimed: bigint; deposits: IncomeEvent[]; claims: IncomeEvent[] }>;
}

export function createChainReader(client: PublicClient, ledger: Address, fromBlock = 0n): LedgerReader {
  async function load(): Promise<Project[]> {
    const logs = await client.getContractEvents({
      address: ledger,
      abi: contributionLedgerAbi,
      fromBlock,
      toBlock: "latest",
    });
    const projects = new Map<bigint, Draft>();
    const contributions = new Map<bigint, Contribution>();

    const member = (p: Draft, account: Address): Member => {
      const key = account.toLowerCase();
      let m = p.members.get(key);
      if (!m) p.members.set(key, (m = { account: getAddress(account), roles: 0, points: 0n }));
      return m;
    };
    const book = (p: Draft, token: Address) => {
      const key = token.toLowerCase();
      let b = p.books.get(key);
      if (!b) p.books.set(key, (b = { received: 0n, claimed: 0n, deposits: [], claims: [] }));
      return b;
    };

    for (const log of logs) {
      const at = { blockNumber: log.blockNumber ?? 0n, txHash: log.transactionHash! };
      switch (log.eventName) {
        case "ProjectCreated": {
          const a = log.args;
          projects.set(a.projectId!, {
            id: a.projectId!,
            name: a.name!,
            metadataURI: a.metadataURI!,
            creator: a.creator!,
            quorum: a.quorum!,
            evaluationWindow: a.evaluationWindow!,
            minScore: a.minScore!,
            totalPoints: 0n,
            kinds: [],
            members: new Map(),
            contributions: [],
            tokens: [ETH_TOKEN],
            books: new Map(),
          });
          break;
        }
        case "ProjectUpdated": {
          const p = projects.get(log.args.projectId!);
          if (!p) break;
          Object.assign(p, {
            metadataURI: log.args.metadataURI!,
            quorum: log.args.quorum!,
            evaluationWindow: log.args.evaluationWindow!,
            minScore: log.args.minScore!,
          });
          break;
        }
        case "KindAdded": {
          const p = projects.get(log.args.projectId!);
          p?.kinds.push({ id: log.args.kindId!, name: log.args.name!, weight: log.args.weight!, active: true });
          break;
        }
        case "KindActivationChanged": {
          const k = projects.get(log.args.projectId!)?.kinds.find((k) => k.id === log.args.kindId);
          if (k) k.active = log.args.active!;
          break;
        }
        case "IncomeTokenAdded": {
          projects.get(log.args.projectId!)?.tokens.push(log.args.token!);
          break;
        }
        case "ProjectRoleGranted": {
          const p = projects.get(log.args.projectId!);
          if (p) member(p, log.args.account!).roles |= log.args.role!;
          break;
        }
        case "ProjectRoleRevoked": {
          const p = projects.get(log.args.projectId!);
          if (p) member(p, log.args.account!).roles &= ~log.args.role!;
          break;
        }
        case "ContributionSubmitted": {
          const a = log.args;
          const p = projects.get(a.projectId!);
          if (!p) break;
          const c: Contribution = {
            id: a.contributionId!,
            projectId: a.projectId!,
            contributor: a.contributor!,
            submitter: a.submitter!,
            kindId: a.kindId!,
            quantity: a.quantity!,
            evidenceHash: a.evidenceHash!,
            evidenceURI: a.evidenceURI!,
            closesAt: Number(a.closesAt!),
            quorum: p.quorum,
            minScore: p.minScore,
            status: "Pending",
            evaluations: [],
            medianScoreX2: 0,
            points: 0n,
          };
          contributions.set(c.id, c);
          p.contributions.push(c);
          break;
        }
        case "ContributionEvaluated": {
          contributions.get(log.args.contributionId!)?.evaluations.push({
            evaluator: log.args.evaluator!,
            score: log.args.score!,
            commentHash: log.args.commentHash!,
          });
          break;
        }
        case "ContributionSettled": {
          const c = contributions.get(log.args.contributionId!);
          if (!c) break;
          c.status = ContributionStatus[log.args.status!] ?? "None";
          c.medianScoreX2 = log.args.medianScoreX2!;
          c.points = log.args.points!;
          break;
        }
        case "PointsMinted": {
          const p = projects.get(log.args.projectId!);
          if (!p) break;
          member(p, log.args.member!).points += log.args.points!;
          p.totalPoints = log.args.totalPoints!;
          break;
        }
        case "IncomeDeposited": {
          const p = projects.get(log.args.projectId!);
          if (!p) break;
          const b = book(p, log.args.token!);
          b.received += log.args.amount!;
          b.deposits.push({ account: log.args.from!, amount: log.args.amount!, ...at });
          break;
        }
        case "IncomeClaimed": {
          const p = projects.get(log.args.projectId!);
          if (!p) break;
          const b = book(p, log.args.token!);
          b.claimed += log.args.amount!;
          b.claims.push({ account: log.args.member!, amount: log.args.amount!, ...at });
          break;
        }
      }
    }

    return Promise.all(
      [...projects.values()].map(async (p) => {
        // Headline figures straight from the contract's views (they agree with the events; views win).
        const [, , , , totalPoints] = await client.readContract({
          address: ledger,
          abi: contributionLedgerAbi,
          functionName: "getProject",
          args: [p.id],
        });
        const income = await Promise.all(
          p.tokens.map(async (token) => {
            const [info, [received, claimed]] = await Promise.all([
              tokenInfo(client, token),
              client.readContract({
                address: ledger,
                abi: contributionLedgerAbi,
                functionName: "incomeStats",
                args: [p.id, token],
              }),
            ]);
            const b = book(p, token);
            return { token: info, received, claimed, deposits: b.deposits.reverse(), claims: b.claims.reverse() };
          }),
        );
        const { tokens: _t, books: _b, ...rest } = p;
        return {
          ...rest,
          totalPoints,
          members: [...p.members.values()].filter((m) => m.roles !== 0 || m.points > 0n),
          contributions: [...p.contributions].reverse(),
          income,
        } satisfies Project;
      }),
    );
  }

  return {
    source: "chain",
    projects: load,
    async project(id) {
      return (await load()).find((p) => p.id === id);
    },
  };
}
