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
  /** Cumulative income per point (scaled by 1e18) by lower-case token, as the last deposit set it. */
  acc: Map<string, bigint>;
  /** Lower-case account → lower-case token → what it claimed and its debt, as the ledger accounts them. */
  incomes: Map<string, Map<string, MemberIncome>>;
}

/**
 * A member's income in one token, as ContributionLedger accounts it: it can claim floor(points * acc / 1e18) - debt;
 * the debt grows by ceil(points * acc / 1e18) when points are minted and by every amount claimed.
 */
export interface MemberIncome {
  claimed: bigint;
  debt: bigint;
}

/** The ledger's ACC_SCALE. */
export const ACC_SCALE = 10n ** 18n;

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

function income(p: ProjectState, account: Address, token: string): MemberIncome {
  const key = lower(account);
  let byToken = p.incomes.get(key);
  if (!byToken) p.incomes.set(key, (byToken = new Map()));
  let i = byToken.get(lower(token));
  if (!i) byToken.set(lower(token), (i = { claimed: 0n, debt: 0n }));
  return i;
}

/** What `account` can claim in `token` now (the ledger's `claimable` view). */
export function claimableOf(p: ProjectState, account: Address, token: string): bigint {
  const points = p.members.get(lower(account))?.points ?? 0n;
  const earned = (points * (p.acc.get(lower(token)) ?? 0n)) / ACC_SCALE;
  const debt = p.incomes.get(lower(account))?.get(lower(token))?.debt ?? 0n;
  return earned > debt ? earned - debt : 0n;
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
        acc: new Map(),
        incomes: new Map(),
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
      // New points earn only later income: for every income token the debt grows by ceil(points * acc / 1e18).
      for (const token of p.tokens) {
        const acc = p.acc.get(lower(token)) ?? 0n;
        if (acc === 0n) continue;
        income(p, log.args.member, token).debt += (log.args.points * acc + ACC_SCALE - 1n) / ACC_SCALE;
      }
      return;
    }
    case "IncomeDeposited": {
      const p = s.projects.get(log.args.projectId);
      if (!p) return;
      book(p, log.args.token).received += log.args.amount;
      p.acc.set(lower(log.args.token), log.args.accIncomePerPoint);
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
      // The ledger sets the debt to what the member had earned: it grows by the amount claimed.
      const i = income(p, log.args.member, log.args.token);
      i.claimed += log.args.amount;
      i.debt += log.args.amount;
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
