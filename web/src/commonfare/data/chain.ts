// The commonfare circles' chain reader: Commonfare's events from its deployment block, read in bounded chunks and
// folded once (./fold.ts, by the incremental event reader it is given: each refresh reads only the blocks after the
// last one read); each call cuts its view or page from the folded state and settles members to their circle's index in
// the browser (./settle.ts). Block times are read only for the rows shown whose logs carried none and whose time no
// event states. No view calls.
import type { Address, PublicClient } from "viem";
import { BlockTimeCache } from "../../shared/data/blockTimes.ts";
import type { IncrementalLogReader } from "../../shared/data/logs.ts";
import { mapPage, newestPage, pageOf, type Page } from "../../shared/data/pages.ts";
import { coverMonths1e2 } from "../math.ts";
import type { CircleEntry, ClaimEntry, CommonfareAbi, CommonfareState, MemberEntry, Timed } from "./fold.ts";
import { byAddress, inOrder, settleMember } from "./settle.ts";
import {
  COMMONFARE_PAGE,
  COVER_PAGE,
  MEMBERS_PAGE,
  type Circle,
  type Claim,
  type ClaimFilter,
  type CommonfareReader,
  type CoverPoint,
  type Member,
  type MemberFilter,
} from "./types.ts";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether member `m` is one `f` lists. */
const memberMatches = (f: MemberFilter, m: MemberEntry) =>
  (f.statuses === undefined || f.statuses.includes(m.record.status)) &&
  (f.account === undefined || same(m.record.account, f.account)) &&
  (f.level === undefined || m.record.level === f.level);

/** Whether claim `c` is one `f` lists. */
const claimMatches = (f: ClaimFilter, c: ClaimEntry) =>
  (f.claimant === undefined || same(c.view.claimant, f.claimant)) &&
  (f.buddy === undefined || same(c.view.buddy, f.buddy)) &&
  (f.states === undefined || f.states.includes(c.view.state));

/**
 * The chain reader of the commonfare circles; `reader` folds Commonfare's events with `commonfareFold` from its
 * deployment block (./index.ts makes it with the target chain's chunk size and re-org window) and keeps the state;
 * `client` reads the time of a block whose logs came without `blockTimestamp`, once.
 */
export function createCommonfareChainReader(
  reader: Pick<IncrementalLogReader<CommonfareAbi, CommonfareState>, "latest">,
  client: Pick<PublicClient, "getBlock">,
): CommonfareReader {
  // The reads a new block sets off at once share one refresh (IncrementalLogReader.latest).
  const state = async () => (await reader.latest()).state;
  const times = new BlockTimeCache(client);
  const known = (s: CommonfareState, t: Timed) => t.time ?? s.knownTimes.get(t.block);
  const timeOf = (s: CommonfareState, t: Timed) => known(s, t) ?? times.get(t.block)!;
  const loadTimes = (s: CommonfareState, ts: (Timed | undefined)[]) =>
    times.load(ts.filter((t): t is Timed => t !== undefined && known(s, t) === undefined).map((t) => t.block));

  const circleView = (s: CommonfareState, c: CircleEntry): Circle => ({
    ...c.view,
    rules: { ...c.view.rules },
    levels: c.view.levels.map((l) => ({ ...l })),
    board: byAddress(c.view.board),
    foundedAt: timeOf(s, c.founded),
    coverMonths1e2: coverMonths1e2(c.view.pool, c.view.burn),
  });

  const memberTimes = (m: MemberEntry) => [m.requested, m.levelSet, m.left];
  const memberView = (s: CommonfareState, c: CircleEntry, m: MemberEntry): Member => {
    const { candidacy, ...record } = m.record;
    return settleMember(
      {
        ...record,
        ...(candidacy && m.requested
          ? {
              candidacy: {
                ...candidacy,
                approvers: byAddress(candidacy.approvers),
                requestedAt: timeOf(s, m.requested),
              },
            }
          : {}),
        levelChangeableFrom: m.levelSet ? timeOf(s, m.levelSet) + c.view.rules.levelChangeGap : 0,
        ...(m.left ? { leftAt: timeOf(s, m.left) } : {}),
      },
      c.view,
    );
  };

  const claimTimes = (cl: ClaimEntry) => [cl.reported, cl.ended, ...cl.confirmations.map((x) => x.at)];
  const claimView = (s: CommonfareState, cl: ClaimEntry): Claim => ({
    ...cl.view,
    reportedAt: timeOf(s, cl.reported),
    confirmations: inOrder(
      cl.confirmations.map((x) => ({ confirmer: x.confirmer, asBuddy: x.asBuddy, at: timeOf(s, x.at) })),
    ),
    ...(cl.ended ? { endedAt: timeOf(s, cl.ended) } : {}),
  });

  return {
    source: "chain",

    async circles(after) {
      const s = await state();
      const page = pageOf(
        [...s.circles.values()],
        COMMONFARE_PAGE,
        after,
        (c) => c.view.id.toString(),
        (c, cursor) => c.view.id > BigInt(cursor),
      );
      await loadTimes(
        s,
        page.items.map((c) => c.founded),
      );
      return mapPage(page, (c) => circleView(s, c));
    },

    async circle(id) {
      const s = await state();
      const c = s.circles.get(id);
      if (!c) return undefined;
      await loadTimes(s, [c.founded]);
      return circleView(s, c);
    },

    async members(circleId, filter, after): Promise<Page<Member>> {
      const s = await state();
      const c = s.circles.get(circleId);
      if (!c) return { items: [] };
      const sorted = [...c.members.entries()]
        .filter(([, m]) => memberMatches(filter, m))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const page = pageOf(
        sorted,
        MEMBERS_PAGE,
        after,
        ([key]) => key,
        ([key], cursor) => key > cursor.toLowerCase(),
      );
      await loadTimes(
        s,
        page.items.flatMap(([, m]) => memberTimes(m)),
      );
      return mapPage(page, ([, m]) => memberView(s, c, m));
    },

    async member(circleId, account: Address) {
      const s = await state();
      const c = s.circles.get(circleId);
      const m = c?.members.get(account.toLowerCase());
      if (!c || !m) return undefined;
      await loadTimes(s, memberTimes(m));
      return memberView(s, c, m);
    },

    async claims(circleId, filter, after) {
      const s = await state();
      const c = s.circles.get(circleId);
      if (!c) return { items: [] };
      const newest = [...c.claims.values()].filter((cl) => claimMatches(filter, cl)).reverse();
      const page = newestPage(newest, COMMONFARE_PAGE, after, (cl) => cl.view.id);
      await loadTimes(s, page.items.flatMap(claimTimes));
      return mapPage(page, (cl) => claimView(s, cl));
    },

    async coverHistory(circleId, after): Promise<Page<CoverPoint>> {
      const s = await state();
      const c = s.circles.get(circleId);
      if (!c) return { items: [] };
      const page = pageOf(
        [...c.cover].reverse(),
        COVER_PAGE,
        after,
        (p) => p.point.id,
        (p, cursor) => p.point.id < cursor.toLowerCase(),
      );
      await loadTimes(
        s,
        page.items.map((p) => p.at),
      );
      return mapPage(page, (p) => ({ ...p.point, at: timeOf(s, p.at) }));
    },
  };
}
