// The contribution module's event fold: every ContributionLedger event the screens need, folded by pure functions
// into plain state (Maps, arrays, bigints), from which the chain reader derives each screen's view per project.
import { contributionLedgerAbi, ContributionStatus, ETH_TOKEN, MEMBER_ROLE } from "@cosmolocal/sdk";
import { getAddress, type Address, type Hash } from "viem";
import type { DecodedLog, EventFold } from "../../shared/data/logs";
import type { Contribution, Kind, Member } from "./types";

export type LedgerAbi = typeof contributionLedgerAbi;
export type LedgerLog = DecodedLog<LedgerAbi>;

/** A payment as folded: the token by address (its symbol and decimals are read once by the reader). */
export interface FoldedPayment {
  flow: "in" | "out";
  token: Address;
  account: Address;
  amount: bigint;
  blockNumber: bigint;
  logIndex: number;
  txHash: Hash;
}

export interface ProjectState {
  id: bigint;
  name: string;
  metadataURI: string;
  creator: Address;
  quorum: number;
  evaluationWindow: number;
  minScore: number;
  totalPoints: bigint;
  kinds: Kind[];
  /** Income tokens: ETH first, then ERC-20s in the order they were accepted. */
  tokens: Address[];
  /** By lower-case account. */
  members: Map<string, Member>;
  /** Accounts holding the member role. */
  memberCount: number;
  /** Contribution ids in submission order. */
  contributions: bigint[];
  /** Contribution ids per lower-case contributor, in submission order. */
  byContributor: Map<string, bigint[]>;
  /** Ids of the pending contributions, in submission order. */
  pending: Set<bigint>;
  acceptedCount: number;
  /** Income totals by lower-case token. */
  books: Map<string, { received: bigint; claimed: bigint }>;
  /** Payments in and out, in chain order. */
  payments: FoldedPayment[];
  /** Claimed so far: lower-case account → lower-case token → amount. */
  claimed: Map<string, Map<string, bigint>>;
}

export interface LedgerState {
  projects: Map<bigint, ProjectState>;
  contributions: Map<bigint, Contribution>;
}

const lower = (a: string) => a.toLowerCase();

function member(p: ProjectState, account: Address): Member {
  const key = lower(account);
  let m = p.members.get(key);
  if (!m) p.members.set(key, (m = { account: getAddress(account), roles: 0, points: 0n }));
  return m;
}

function book(p: ProjectState, token: Address) {
  const key = lower(token);
  let b = p.books.get(key);
  if (!b) p.books.set(key, (b = { received: 0n, claimed: 0n }));
  return b;
}

function setRoles(p: ProjectState, account: Address, roles: number) {
  const m = member(p, account);
  const was = (m.roles & MEMBER_ROLE) !== 0;
  m.roles = roles;
  const is = (m.roles & MEMBER_ROLE) !== 0;
  if (was !== is) p.memberCount += is ? 1 : -1;
}

/** Folds one decoded ContributionLedger log into `s` (logs must come in chain order). */
export function applyLedgerLog(s: LedgerState, log: LedgerLog): void {
  switch (log.eventName) {
    case "ProjectCreated": {
      const a = log.args;
      s.projects.set(a.projectId, {
        id: a.projectId,
        name: a.name,
        metadataURI: a.metadataURI,
        creator: getAddress(a.creator),
        quorum: a.quorum,
        evaluationWindow: a.evaluationWindow,
        minScore: a.minScore,
        totalPoints: 0n,
        kinds: [],
        tokens: [ETH_TOKEN],
        members: new Map(),
        memberCount: 0,
        contributions: [],
        byContributor: new Map(),
        pending: new Set(),
        acceptedCount: 0,
        books: new Map([[ETH_TOKEN, { received: 0n, claimed: 0n }]]),
        payments: [],
        claimed: new Map(),
      });
      return;
    }
    case "ProjectUpdated": {
      const p = s.projects.get(log.args.projectId);
      if (!p) return;
      p.metadataURI = log.args.metadataURI;
      p.quorum = log.args.quorum;
      p.evaluationWindow = log.args.evaluationWindow;
      p.minScore = log.args.minScore;
      return;
    }
    case "KindAdded": {
      const a = log.args;
      s.projects.get(a.projectId)?.kinds.push({ id: a.kindId, name: a.name, weight: a.weight, active: true });
      return;
    }
    case "KindActivationChanged": {
      const k = s.projects.get(log.args.projectId)?.kinds.find((k) => k.id === log.args.kindId);
      if (k) k.active = log.args.active;
      return;
    }
    case "IncomeTokenAdded": {
      const p = s.projects.get(log.args.projectId);
      if (!p) return;
      p.tokens.push(getAddress(log.args.token));
      book(p, log.args.token);
      return;
    }
    case "ProjectRoleGranted": {
      const p = s.projects.get(log.args.projectId);
      if (p) setRoles(p, log.args.account, member(p, log.args.account).roles | log.args.role);
      return;
    }
    case "ProjectRoleRevoked": {
      const p = s.projects.get(log.args.projectId);
      if (p) setRoles(p, log.args.account, member(p, log.args.account).roles & ~log.args.role);
      return;
    }
    case "ContributionSubmitted": {
      const a = log.args;
      const p = s.projects.get(a.projectId);
      if (!p) return;
      const c: Contribution = {
        id: a.contributionId,
        projectId: a.projectId,
        contributor: getAddress(a.contributor),
        submitter: getAddress(a.submitter),
        kindId: a.kindId,
        quantity: a.quantity,
        evidenceHash: a.evidenceHash,
        evidenceURI: a.evidenceURI,
        closesAt: a.closesAt,
        quorum: p.quorum,
        minScore: p.minScore,
        status: "Pending",
        evaluations: [],
        medianScoreX2: 0,
        points: 0n,
      };
      s.contributions.set(c.id, c);
      p.contributions.push(c.id);
      p.pending.add(c.id);
      const key = lower(a.contributor);
      const mine = p.byContributor.get(key);
      if (mine) mine.push(c.id);
      else p.byContributor.set(key, [c.id]);
      return;
    }
    case "ContributionEvaluated": {
      s.contributions.get(log.args.contributionId)?.evaluations.push({
        evaluator: getAddress(log.args.evaluator),
        score: log.args.score,
        commentHash: log.args.commentHash,
      });
      return;
    }
    case "ContributionSettled": {
      const c = s.contributions.get(log.args.contributionId);
      const p = s.projects.get(log.args.projectId);
      if (!c || !p) return;
      c.status = ContributionStatus[log.args.status] ?? "None";
      c.medianScoreX2 = log.args.medianScoreX2;
      c.points = log.args.points;
      p.pending.delete(c.id);
      if (c.status === "Accepted") p.acceptedCount++;
      return;
    }
    case "PointsMinted": {
      const p = s.projects.get(log.args.projectId);
      if (!p) return;
      member(p, log.args.member).points += log.args.points;
      p.totalPoints = log.args.totalPoints;
      return;
    }
    case "IncomeDeposited": {
      const p = s.projects.get(log.args.projectId);
      if (!p) return;
      book(p, log.args.token).received += log.args.amount;
      p.payments.push({
        flow: "in",
        token: getAddress(log.args.token),
        account: getAddress(log.args.from),
        amount: log.args.amount,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        txHash: log.transactionHash,
      });
      return;
    }
    case "IncomeClaimed": {
      const p = s.projects.get(log.args.projectId);
      if (!p) return;
      book(p, log.args.token).claimed += log.args.amount;
      p.payments.push({
        flow: "out",
        token: getAddress(log.args.token),
        account: getAddress(log.args.member),
        amount: log.args.amount,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        txHash: log.transactionHash,
      });
      const key = lower(log.args.member);
      let mine = p.claimed.get(key);
      if (!mine) p.claimed.set(key, (mine = new Map()));
      const token = lower(log.args.token);
      mine.set(token, (mine.get(token) ?? 0n) + log.args.amount);
      return;
    }
    default:
      // NoncesCancelled and the ownership events change nothing the screens show (signatures are kept locally).
      return;
  }
}

export const ledgerFold: EventFold<LedgerAbi, LedgerState> = {
  initial: () => ({ projects: new Map(), contributions: new Map() }),
  apply(state, logs) {
    for (const log of logs) applyLedgerLog(state, log);
  },
};
