// The solidarity circles' subgraph reader: each screen need answered by the queries of ./queries.ts (every list a page
// by an id cursor, its filters one `where` variable), mapped onto the same views as the chain reader; members settled
// to their circle's index in the browser (./settle.ts) with the circle's figures read in the same request. The cover
// chart's points are walked back from the circle's pool and burn now through its account entries and gifts, newest
// first. No view calls.
import { getAddress, type Address, type Hash, type Hex } from "viem";
import { graphqlQuery } from "../../shared/data/graphql.ts";
import { idBefore, mapPage, type Page } from "../../shared/data/pages.ts";
import { NO_BURN } from "../math.ts";
import * as Q from "./queries.ts";
import { byAddress, inOrder, settleMember, type SettleCircle } from "./settle.ts";
import {
  COMMONFARE_PAGE,
  COVER_PAGE,
  MEMBERS_PAGE,
  type Circle,
  type Claim,
  type ClaimFilter,
  type ClaimState,
  type CommonfareReader,
  type CoverCause,
  type CoverPoint,
  type Member,
  type MemberFilter,
  type MemberStatus,
} from "./types.ts";

type Num = string | number;
type Maybe<T> = T | null | undefined;
interface GqlLevel {
  level: Num;
  monthlyDeposit: Num;
  monthlyBenefit: Num;
}
interface GqlCircle {
  circleId: Num;
  founder: string;
  currency: { currency: string };
  capMonths: Num;
  floorMonths: Num;
  maxGiftMonths: Num;
  minMembers: Num;
  maxMembers: Num;
  waitingPeriod: Num;
  levelChangeGap: Num;
  admissionVotes: Num;
  boardConfirmations: Num;
  levels: GqlLevel[];
  board: { account: string }[];
  memberCount: Num;
  claimantCount: Num;
  candidateCount: Num;
  fundingWeight: Num;
  index: Num;
  pool: Num;
  burn: Num;
  coverMonths1e2: Maybe<Num>;
  deposited: Num;
  withdrawn: Num;
  leftPaid: Num;
  giftsPaid: Num;
  writtenOff: Num;
  claimCount: Num;
  foundedAt: Num;
  foundedAtBlock: Num;
  foundedTransaction: string;
}
type GqlSettle = Pick<GqlCircle, "index" | "capMonths" | "floorMonths" | "levels">;
interface GqlMember {
  id: string;
  account: string;
  status: MemberStatus;
  level: Num;
  balance: Num;
  snapshot: Num;
  claimableFrom: Num;
  levelChangeableFrom: Num;
  deposited: Num;
  withdrawn: Num;
  leftWith: Num;
  received: Num;
  givenToOthers: Num;
  arrearsWrittenOff: Num;
  memberships: Num;
  joinedAt: Maybe<Num>;
  leftAt: Maybe<Num>;
  removed: boolean;
  candidacy: Maybe<{
    round: Num;
    level: Num;
    status: "Pending" | "Admitted" | "Withdrawn";
    approvals: Num;
    requestedAt: Num;
    approvalList: { approver: string }[];
  }>;
  claim: Maybe<{ claimId: Num; status: ClaimState }>;
}
interface GqlClaim {
  claimId: Num;
  claimantAccount: string;
  buddy: string;
  noteHash: string;
  benefit: Num;
  maxMonths: Num;
  status: ClaimState;
  buddyConfirmed: boolean;
  boardConfirmations: Num;
  reportedAt: Num;
  startedAt: Num;
  monthsPaid: Num;
  received: Num;
  ended: boolean;
  endedAt: Maybe<Num>;
  recovered: boolean;
  withdrawn: boolean;
  withdrawnAt: Maybe<Num>;
  confirmations: { confirmer: string; asBuddy: boolean; timestamp: Num }[];
}
type EntryKind = "Deposited" | "Withdrawn" | "Left" | "ClaimStarted" | "ClaimEnded";
interface GqlEntry {
  id: string;
  kind: EntryKind;
  amount: Num;
  level: Num;
  blockNumber: Num;
  timestamp: Num;
}
interface GqlGift {
  id: string;
  amount: Num;
  blockNumber: Num;
  timestamp: Num;
}

const given = <T>(x: Maybe<T>): x is T => x !== null && x !== undefined;

const levels = (ls: GqlLevel[]) =>
  [...ls]
    .sort((a, b) => Number(a.level) - Number(b.level))
    .map((l) => ({ monthlyDeposit: BigInt(l.monthlyDeposit), monthlyBenefit: BigInt(l.monthlyBenefit) }));

const circle = (c: GqlCircle): Circle => ({
  id: BigInt(c.circleId),
  founder: getAddress(c.founder),
  rules: {
    currency: getAddress(c.currency.currency),
    capMonths: Number(c.capMonths),
    floorMonths: Number(c.floorMonths),
    maxGiftMonths: Number(c.maxGiftMonths),
    minMembers: Number(c.minMembers),
    maxMembers: Number(c.maxMembers),
    waitingPeriod: Number(c.waitingPeriod),
    levelChangeGap: Number(c.levelChangeGap),
    admissionVotes: Number(c.admissionVotes),
    boardConfirmations: Number(c.boardConfirmations),
  },
  levels: levels(c.levels),
  board: byAddress(c.board.map((b) => getAddress(b.account))),
  foundedAt: Number(c.foundedAt),
  members: Number(c.memberCount),
  claimants: Number(c.claimantCount),
  candidates: Number(c.candidateCount),
  fundingWeight: BigInt(c.fundingWeight),
  index: BigInt(c.index),
  pool: BigInt(c.pool),
  burn: BigInt(c.burn),
  coverMonths1e2: given(c.coverMonths1e2) ? BigInt(c.coverMonths1e2) : NO_BURN,
  deposited: BigInt(c.deposited),
  withdrawn: BigInt(c.withdrawn),
  paidOnLeaving: BigInt(c.leftPaid),
  giftsPaid: BigInt(c.giftsPaid),
  writtenOff: BigInt(c.writtenOff),
  claimCount: Number(c.claimCount),
  blockNumber: BigInt(c.foundedAtBlock),
  txHash: c.foundedTransaction as Hash,
});

const settleCircle = (c: GqlSettle): SettleCircle => ({
  index: BigInt(c.index),
  levels: levels(c.levels),
  rules: { capMonths: Number(c.capMonths), floorMonths: Number(c.floorMonths) },
});

const OPEN: readonly ClaimState[] = ["Reported", "Running"];

const member = (circleId: bigint, m: GqlMember, c: SettleCircle): Member =>
  settleMember(
    {
      circleId,
      account: getAddress(m.account),
      status: m.status,
      level: Number(m.level),
      settledBalance: BigInt(m.balance),
      snapshot: BigInt(m.snapshot),
      deposited: BigInt(m.deposited),
      withdrawn: BigInt(m.withdrawn),
      leftWith: BigInt(m.leftWith),
      received: BigInt(m.received),
      settledGifted: BigInt(m.givenToOthers),
      writtenOff: BigInt(m.arrearsWrittenOff),
      memberships: Number(m.memberships),
      ...(given(m.joinedAt) ? { joinedAt: Number(m.joinedAt) } : {}),
      ...(given(m.leftAt) ? { leftAt: Number(m.leftAt) } : {}),
      removed: m.removed,
      claimableFrom: Number(m.claimableFrom),
      levelChangeableFrom: Number(m.levelChangeableFrom),
      ...(m.candidacy
        ? {
            candidacy: {
              round: Number(m.candidacy.round),
              level: Number(m.candidacy.level),
              status: m.candidacy.status,
              approvals: Number(m.candidacy.approvals),
              approvers: byAddress(m.candidacy.approvalList.map((a) => getAddress(a.approver))),
              requestedAt: Number(m.candidacy.requestedAt),
            },
          }
        : {}),
      ...(m.claim && OPEN.includes(m.claim.status) ? { openClaimId: BigInt(m.claim.claimId) } : {}),
    },
    c,
  );

const claim = (circleId: bigint, c: GqlClaim): Claim => ({
  id: BigInt(c.claimId),
  circleId,
  claimant: getAddress(c.claimantAccount),
  buddy: getAddress(c.buddy),
  noteHash: c.noteHash as Hex,
  benefit: BigInt(c.benefit),
  maxMonths: Number(c.maxMonths),
  state: c.status,
  reportedAt: Number(c.reportedAt),
  buddyConfirmed: c.buddyConfirmed,
  boardConfirmations: Number(c.boardConfirmations),
  confirmations: inOrder(
    c.confirmations.map((x) => ({ confirmer: getAddress(x.confirmer), asBuddy: x.asBuddy, at: Number(x.timestamp) })),
  ),
  startedAt: Number(c.startedAt),
  monthsPaid: Number(c.monthsPaid),
  received: BigInt(c.received),
  ...(c.ended && given(c.endedAt)
    ? { endedAt: Number(c.endedAt) }
    : c.withdrawn && given(c.withdrawnAt)
      ? { endedAt: Number(c.withdrawnAt) }
      : {}),
  recovered: c.recovered,
});

/** `filter` as a CircleMember_filter of circle `circleId`. */
export function memberWhere(circleId: bigint, f: MemberFilter): Record<string, unknown> {
  return {
    circle: circleId.toString(),
    ...(f.statuses !== undefined ? { status_in: [...f.statuses] } : {}),
    ...(f.account !== undefined ? { account: f.account.toLowerCase() } : {}),
    ...(f.level !== undefined ? { level: f.level } : {}),
  };
}

/** `filter` as a CircleClaim_filter of circle `circleId`. */
export function claimWhere(circleId: bigint, f: ClaimFilter): Record<string, unknown> {
  return {
    circle: circleId.toString(),
    ...(f.claimant !== undefined ? { claimantAccount: f.claimant.toLowerCase() } : {}),
    ...(f.buddy !== undefined ? { buddy: f.buddy.toLowerCase() } : {}),
    ...(f.states !== undefined ? { status_in: [...f.states] } : {}),
  };
}

/** The account entries that change a pool or a burn, and what each becomes as a cover chart point. */
const COVER_KINDS: Record<EntryKind, CoverCause> = {
  Deposited: "Deposited",
  Withdrawn: "Withdrawn",
  Left: "MemberLeft",
  ClaimStarted: "ClaimStarted",
  ClaimEnded: "ClaimEnded",
};

/** Above every event id (block number ++ log index, 12 bytes). */
const ABOVE_EVERY_LOG_ID = `0x${"ff".repeat(12)}`;

/**
 * A cover page's cursor: the id of its last (oldest) point and the pool and burn just before it (the next page's
 * newest point's), so that the next page walks back from there.
 */
const coverCursor = (id: string, pool: bigint, burn: bigint) => `${id}/${pool}/${burn}`;

export function createCommonfareSubgraphReader(url: string): CommonfareReader {
  const one = async <T>(query: string, variables: Record<string, unknown>) => graphqlQuery<T>(url, query, variables);

  return {
    source: "subgraph",

    async circles(after) {
      const { circles } = await one<{ circles: GqlCircle[] }>(Q.CIRCLES_QUERY, {
        where: { circleId_gt: after ?? "0" },
        first: COMMONFARE_PAGE + 1,
      });
      const items = circles.slice(0, COMMONFARE_PAGE).map(circle);
      return {
        items,
        next: circles.length > COMMONFARE_PAGE ? items[items.length - 1].id.toString() : undefined,
      };
    },

    async circle(id) {
      const { circle: c } = await one<{ circle: GqlCircle | null }>(Q.CIRCLE_QUERY, { id: id.toString() });
      return c ? circle(c) : undefined;
    },

    async members(circleId, filter, after): Promise<Page<Member>> {
      const { circle: c, circleMembers } = await one<{ circle: GqlSettle | null; circleMembers: GqlMember[] }>(
        Q.MEMBERS_QUERY,
        {
          circle: circleId.toString(),
          where: { ...memberWhere(circleId, filter), id_gt: after ?? "" },
          first: MEMBERS_PAGE + 1,
        },
      );
      if (!c) return { items: [] };
      const settle = settleCircle(c);
      const rows = circleMembers.slice(0, MEMBERS_PAGE);
      return mapPage(
        { items: rows, next: circleMembers.length > MEMBERS_PAGE ? rows[rows.length - 1].id : undefined },
        (m) => member(circleId, m, settle),
      );
    },

    async member(circleId, account: Address) {
      const { circle: c, circleMember: m } = await one<{ circle: GqlSettle | null; circleMember: GqlMember | null }>(
        Q.MEMBER_QUERY,
        { circle: circleId.toString(), id: `${circleId}-${account.toLowerCase()}` },
      );
      return c && m ? member(circleId, m, settleCircle(c)) : undefined;
    },

    async claims(circleId, filter, after) {
      const { circleClaims } = await one<{ circleClaims: GqlClaim[] }>(Q.CLAIMS_QUERY, {
        where: { ...claimWhere(circleId, filter), claimId_lt: idBefore(after) },
        first: COMMONFARE_PAGE + 1,
      });
      const items = circleClaims.slice(0, COMMONFARE_PAGE).map((c) => claim(circleId, c));
      return {
        items,
        next: circleClaims.length > COMMONFARE_PAGE ? items[items.length - 1].id.toString() : undefined,
      };
    },

    async coverHistory(circleId, after): Promise<Page<CoverPoint>> {
      const [before, poolAt, burnAt] = after?.split("/") ?? [ABOVE_EVERY_LOG_ID];
      const {
        circle: c,
        circleAccountEntries,
        circleGiftCollections,
      } = await one<{
        circle: { pool: Num; burn: Num; levels: { level: Num; monthlyBenefit: Num }[] } | null;
        circleAccountEntries: GqlEntry[];
        circleGiftCollections: GqlGift[];
      }>(Q.COVER_QUERY, {
        circle: circleId.toString(),
        entries: { circle: circleId.toString(), kind_in: Object.keys(COVER_KINDS), id_lt: before },
        gifts: { circle: circleId.toString(), id_lt: before },
        first: COVER_PAGE + 1,
      });
      if (!c) return { items: [] };
      const benefit = new Map(c.levels.map((l) => [Number(l.level), BigInt(l.monthlyBenefit)]));
      // Newest first, by id (both collections' ids are block number ++ log index, the same width).
      const changes = [
        ...circleAccountEntries.map((e) => ({ ...e, cause: COVER_KINDS[e.kind] })),
        ...circleGiftCollections.map((g) => ({ ...g, cause: "GiftCollected" as const, level: 0 })),
      ].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      // The pool and burn after the newest change: now (first page), or as the last page left them.
      let pool = after === undefined ? BigInt(c.pool) : BigInt(poolAt);
      let burn = after === undefined ? BigInt(c.burn) : BigInt(burnAt);
      const items: CoverPoint[] = [];
      for (const x of changes.slice(0, COVER_PAGE)) {
        items.push({
          id: x.id.toLowerCase() as Hex,
          at: Number(x.timestamp),
          blockNumber: BigInt(x.blockNumber),
          cause: x.cause,
          pool,
          burn,
        });
        // Walk back over the change: the pool and burn just before it.
        const amount = BigInt(x.amount);
        if (x.cause === "Deposited") pool -= amount;
        else if (x.cause === "ClaimStarted") burn -= benefit.get(Number(x.level)) ?? 0n;
        else if (x.cause === "ClaimEnded") burn += benefit.get(Number(x.level)) ?? 0n;
        else pool += amount;
      }
      const last = items[items.length - 1];
      return { items, next: changes.length > COVER_PAGE ? coverCursor(last.id, pool, burn) : undefined };
    },
  };
}
