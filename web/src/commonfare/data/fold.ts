// The commonfare circles' event fold: every Commonfare event folded by pure functions into plain state (Maps, arrays,
// bigints), from which the chain reader cuts each screen's view and page. Each account is kept at its last settlement
// (the balance and gift index an event gives) with the gifts taken from it up to there, computed with GiftMath's
// rounding (../math.ts); the browser settles it to the circle's index when it shows it (./settle.ts), as the contract
// does. The circle's books: members, claimants, candidates, funding weight, index, pool and burn after each event, the
// money in and out, the claims with their confirmations and months paid, and the pool and burn after each change.
import type { commonfareAbi } from "@cosmolocal/sdk";
import { getAddress, type Address } from "viem";
import type { DecodedLog, EventFold } from "../../shared/data/logs.ts";
import { eventLogId } from "../../shared/data/logs.ts";
import { given } from "../math.ts";
import type { Candidacy, Circle, Claim, CoverCause, CoverPoint, MemberRecord } from "./types.ts";

export type CommonfareAbi = typeof commonfareAbi;
export type CommonfareLog = DecodedLog<CommonfareAbi>;

/** A block, with its time when known (from the log's `blockTimestamp`, or a time an event states exactly). */
export interface Timed {
  block: bigint;
  time?: number;
}

/** A member as folded: its record (its times apart) and the blocks of its request, level setting and leaving. */
export interface MemberEntry {
  record: Omit<MemberRecord, "leftAt" | "levelChangeableFrom" | "candidacy"> & {
    candidacy?: Omit<Candidacy, "requestedAt">;
  };
  requested?: Timed;
  /** Its admission or last level change: the level-change gap counts from it. */
  levelSet?: Timed;
  left?: Timed;
}

/** A claim as folded: its view (its times apart) and the blocks of its report, confirmations and end. */
export interface ClaimEntry {
  view: Omit<Claim, "reportedAt" | "confirmations" | "endedAt">;
  reported: Timed;
  confirmations: { confirmer: Address; asBuddy: boolean; at: Timed }[];
  ended?: Timed;
}

/** A cover chart point as folded (its time apart). */
export interface CoverEntry {
  point: Omit<CoverPoint, "at">;
  at: Timed;
}

/** A circle as folded: its books (its founding time apart), members by lower-case address, claims by id, history. */
export interface CircleEntry {
  view: Omit<Circle, "foundedAt" | "coverMonths1e2">;
  founded: Timed;
  members: Map<string, MemberEntry>;
  claims: Map<bigint, ClaimEntry>;
  cover: CoverEntry[];
}

export interface CommonfareState {
  /** By id, in id order. */
  circles: Map<bigint, CircleEntry>;
  /** Which circle each claim (ids are global) belongs to. */
  claimCircle: Map<bigint, bigint>;
  /** Block times the events state exactly (an admission's time, a claim's start), so no read is needed for them. */
  knownTimes: Map<bigint, number>;
}

function timed(log: CommonfareLog): Timed {
  const time = (log as { blockTimestamp?: bigint | null }).blockTimestamp;
  return { block: log.blockNumber, ...(time !== undefined && time !== null ? { time: Number(time) } : {}) };
}

/** A member's monthly deposit (its funding weight) at its level. */
const weightOf = (c: CircleEntry, m: MemberEntry) => c.view.levels[m.record.level]?.monthlyDeposit ?? 0n;

/**
 * Settles member `m` at the circle's index `index` (an event's), as the contract does before it changes the account:
 * a funding member has given its share since its snapshot; a claimant's account is frozen. Returns what it gave.
 */
function settle(c: CircleEntry, m: MemberEntry, index: bigint): bigint {
  const r = m.record;
  const since = r.status === "Member" ? given(weightOf(c, m), index, r.snapshot) : 0n;
  r.settledGifted += since;
  r.snapshot = index;
  return since;
}

/** A pool or burn change of `c`: a point of the cover chart. */
function coverPoint(c: CircleEntry, log: CommonfareLog, cause: CoverCause, at: Timed = timed(log)): void {
  c.cover.push({
    point: {
      id: eventLogId(log.blockNumber, log.logIndex),
      blockNumber: log.blockNumber,
      cause,
      pool: c.view.pool,
      burn: c.view.burn,
    },
    at,
  });
}

/** Folds one decoded Commonfare log into `s` (logs must come in chain order). */
export function applyCommonfareLog(s: CommonfareState, log: CommonfareLog): void {
  if (log.eventName === "CurrencySet" || log.eventName === "OwnershipTransferStarted") return;
  if (log.eventName === "OwnershipTransferred") return;
  const circleId = log.args.circleId;
  if (log.eventName === "CircleFounded") {
    const { founder, rules, levels, board } = log.args;
    s.circles.set(circleId, {
      view: {
        id: circleId,
        founder: getAddress(founder),
        rules: {
          currency: getAddress(rules.currency),
          capMonths: rules.capMonths,
          floorMonths: rules.floorMonths,
          maxGiftMonths: rules.maxGiftMonths,
          minMembers: rules.minMembers,
          maxMembers: rules.maxMembers,
          waitingPeriod: rules.waitingPeriod,
          levelChangeGap: rules.levelChangeGap,
          admissionVotes: rules.admissionVotes,
          boardConfirmations: rules.boardConfirmations,
        },
        levels: levels.map((l) => ({ monthlyDeposit: l.monthlyDeposit, monthlyBenefit: l.monthlyBenefit })),
        board: board.map((b) => getAddress(b)),
        members: 0,
        claimants: 0,
        candidates: 0,
        fundingWeight: 0n,
        index: 0n,
        pool: 0n,
        burn: 0n,
        deposited: 0n,
        withdrawn: 0n,
        paidOnLeaving: 0n,
        giftsPaid: 0n,
        writtenOff: 0n,
        claimCount: 0,
        blockNumber: log.blockNumber,
        txHash: log.transactionHash,
      },
      founded: timed(log),
      members: new Map(),
      claims: new Map(),
      cover: [],
    });
    // The founder is admitted by the next event of the same transaction (MemberAdmitted).
    return;
  }
  const c = s.circles.get(circleId);
  if (!c) return;
  const v = c.view;
  switch (log.eventName) {
    case "JoinRequested": {
      const { candidate, level } = log.args;
      const key = candidate.toLowerCase();
      const m = c.members.get(key) ?? newEntry(circleId, candidate, level);
      m.record.status = "Candidate";
      m.record.level = level;
      m.record.settledBalance = 0n;
      m.record.snapshot = 0n;
      m.record.candidacy = {
        round: (m.record.candidacy?.round ?? 0) + 1,
        level,
        status: "Pending",
        approvals: 0,
        approvers: [],
      };
      m.requested = timed(log);
      c.members.set(key, m);
      v.candidates++;
      return;
    }
    case "CandidacyWithdrawn": {
      const m = c.members.get(log.args.candidate.toLowerCase());
      if (!m) return;
      m.record.status = "None";
      if (m.record.candidacy) m.record.candidacy.status = "Withdrawn";
      v.candidates--;
      return;
    }
    case "AdmissionApproved": {
      const { candidate, approver, approvals } = log.args;
      const m = c.members.get(candidate.toLowerCase());
      if (!m?.record.candidacy) return;
      m.record.candidacy.approvals = approvals;
      m.record.candidacy.approvers.push(getAddress(approver));
      return;
    }
    case "MemberAdmitted": {
      // A candidate, or the founder (who never was one): its account opens at 0, settled at `index`.
      const { member, level, claimableFrom, index } = log.args;
      const key = member.toLowerCase();
      const m = c.members.get(key) ?? newEntry(circleId, member, level);
      if (m.record.status === "Candidate") {
        v.candidates--;
        if (m.record.candidacy) m.record.candidacy.status = "Admitted";
      }
      // The admission's time is exact: its waiting period ends `waitingPeriod` seconds after it.
      const joinedAt = claimableFrom - v.rules.waitingPeriod;
      s.knownTimes.set(log.blockNumber, joinedAt);
      Object.assign(m.record, {
        status: "Member",
        level,
        settledBalance: 0n,
        snapshot: index,
        memberships: m.record.memberships + 1,
        joinedAt,
        removed: false,
        claimableFrom,
      } satisfies Partial<MemberRecord>);
      delete m.left;
      m.levelSet = { block: log.blockNumber, time: joinedAt };
      c.members.set(key, m);
      v.members++;
      v.fundingWeight += weightOf(c, m);
      return;
    }
    case "Deposited":
    case "Withdrawn": {
      const { member, amount, balance, index } = log.args;
      const m = c.members.get(member.toLowerCase());
      if (!m) return;
      settle(c, m, index);
      m.record.settledBalance = balance;
      if (log.eventName === "Deposited") {
        m.record.deposited += amount;
        v.deposited += amount;
        v.pool += amount;
      } else {
        m.record.withdrawn += amount;
        v.withdrawn += amount;
        v.pool -= amount;
      }
      coverPoint(c, log, log.eventName);
      return;
    }
    case "LevelChanged": {
      const { member, toLevel, balance, claimableFrom, index } = log.args;
      const m = c.members.get(member.toLowerCase());
      if (!m) return;
      const from = weightOf(c, m);
      settle(c, m, index);
      m.record.settledBalance = balance;
      m.record.level = toLevel;
      m.record.claimableFrom = claimableFrom;
      m.levelSet = timed(log);
      v.fundingWeight = v.fundingWeight - from + weightOf(c, m);
      return;
    }
    case "MemberLeft": {
      const { member, amount, index } = log.args;
      const m = c.members.get(member.toLowerCase());
      if (!m) return;
      settle(c, m, index);
      m.record.settledBalance = 0n;
      m.record.leftWith += amount;
      m.record.status = "None";
      m.left = timed(log);
      v.members--;
      v.fundingWeight -= weightOf(c, m);
      v.pool -= amount;
      v.paidOnLeaving += amount;
      coverPoint(c, log, "MemberLeft");
      return;
    }
    case "ArrearsWrittenOff": {
      // The member's account is settled at the index before the write-off; its arrears are then taken from the other
      // funding members through the index.
      const { member, arrears, index } = log.args;
      const m = c.members.get(member.toLowerCase());
      if (!m) return;
      settle(c, m, v.index);
      m.record.settledBalance = 0n;
      m.record.writtenOff += arrears;
      m.record.status = "None";
      m.record.removed = true;
      m.left = timed(log);
      v.members--;
      v.fundingWeight -= weightOf(c, m);
      v.index = index;
      v.writtenOff += arrears;
      return;
    }
    case "BoardMemberResigned": {
      const gone = log.args.boardMember.toLowerCase();
      v.board = v.board.filter((b) => b.toLowerCase() !== gone);
      return;
    }
    case "ClaimReported": {
      const { claimId, claimant, buddy, noteHash, benefit, maxMonths } = log.args;
      c.claims.set(claimId, {
        view: {
          id: claimId,
          circleId,
          claimant: getAddress(claimant),
          buddy: getAddress(buddy),
          noteHash,
          benefit,
          maxMonths,
          state: "Reported",
          buddyConfirmed: false,
          boardConfirmations: 0,
          startedAt: 0,
          monthsPaid: 0,
          received: 0n,
          recovered: false,
        },
        reported: timed(log),
        confirmations: [],
      });
      s.claimCircle.set(claimId, circleId);
      const m = c.members.get(claimant.toLowerCase());
      if (m) m.record.openClaimId = claimId;
      v.claimCount++;
      return;
    }
    case "ClaimWithdrawn": {
      const cl = c.claims.get(log.args.claimId);
      if (!cl) return;
      cl.view.state = "Withdrawn";
      cl.ended = timed(log);
      const m = c.members.get(cl.view.claimant.toLowerCase());
      if (m) delete m.record.openClaimId;
      return;
    }
    case "ClaimConfirmed": {
      const { claimId, confirmer, asBuddy, boardConfirmations } = log.args;
      const cl = c.claims.get(claimId);
      if (!cl) return;
      cl.confirmations.push({ confirmer: getAddress(confirmer), asBuddy, at: timed(log) });
      if (asBuddy) cl.view.buddyConfirmed = true;
      cl.view.boardConfirmations = boardConfirmations;
      return;
    }
    case "ClaimStarted": {
      const { claimId, claimant, startedAt, balance, index } = log.args;
      const cl = c.claims.get(claimId);
      const m = c.members.get(claimant.toLowerCase());
      if (!cl || !m) return;
      s.knownTimes.set(log.blockNumber, startedAt);
      cl.view.state = "Running";
      cl.view.startedAt = startedAt;
      settle(c, m, index);
      m.record.settledBalance = balance;
      m.record.status = "Claiming";
      v.fundingWeight -= weightOf(c, m);
      v.burn += cl.view.benefit;
      v.claimants++;
      coverPoint(c, log, "ClaimStarted", { block: log.blockNumber, time: startedAt });
      return;
    }
    case "GiftCollected": {
      const { claimId, amount, monthsPaid, index } = log.args;
      const cl = c.claims.get(claimId);
      if (!cl) return;
      cl.view.monthsPaid = monthsPaid;
      cl.view.received += amount;
      const m = c.members.get(cl.view.claimant.toLowerCase());
      if (m) m.record.received += amount;
      v.index = index;
      v.pool -= amount;
      v.giftsPaid += amount;
      coverPoint(c, log, "GiftCollected");
      return;
    }
    case "ClaimEnded": {
      const { claimId, monthsPaid, recovered, index } = log.args;
      const cl = c.claims.get(claimId);
      if (!cl) return;
      cl.view.state = "Ended";
      cl.view.monthsPaid = monthsPaid;
      cl.view.recovered = recovered;
      cl.ended = timed(log);
      const m = c.members.get(cl.view.claimant.toLowerCase());
      if (m) {
        // The claimant funds gifts again from `index`, its balance as it was.
        m.record.status = "Member";
        m.record.snapshot = index;
        delete m.record.openClaimId;
        v.fundingWeight += weightOf(c, m);
      }
      v.burn -= cl.view.benefit;
      v.claimants--;
      coverPoint(c, log, "ClaimEnded");
      return;
    }
  }
}

/** A new entry for `account`, first seen asking to join (or founding) at `level`. */
function newEntry(circleId: bigint, account: Address, level: number): MemberEntry {
  return {
    record: {
      circleId,
      account: getAddress(account),
      status: "None",
      level,
      settledBalance: 0n,
      snapshot: 0n,
      deposited: 0n,
      withdrawn: 0n,
      leftWith: 0n,
      received: 0n,
      settledGifted: 0n,
      writtenOff: 0n,
      memberships: 0,
      removed: false,
      claimableFrom: 0,
    },
  };
}

export const commonfareFold: EventFold<CommonfareAbi, CommonfareState> = {
  initial: () => ({ circles: new Map(), claimCircle: new Map(), knownTimes: new Map() }),
  apply(state, logs) {
    for (const log of logs) applyCommonfareLog(state, log);
  },
};
