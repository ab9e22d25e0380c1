// The resource subgraph reader: the registry's entities (subgraph/schema.graphql) mapped onto the screens' types, a
// query per screen need, lists paged (landings and transfers newest first by their per-resource index); a started,
// unopened season and the holdings in it are derived with the registry's arithmetic (./rules.ts), like `getSeason`.
import { getAddress, type Address, type Hex } from "viem";
import { graphqlAll, graphqlQuery, metaOf, type GqlMeta } from "../../shared/data/graphql";
import {
  APPROVALS_QUERY,
  BUYER_LANDINGS_QUERY,
  HOLDER_LANDINGS_QUERY,
  HOLDING_QUERY,
  LANDINGS_QUERY,
  POSITIONS_QUERY,
  RESOURCES_QUERY,
  SHARE_HOLDERS_QUERY,
  SHARES_OF_QUERY,
  STOCK_QUERY,
  TRANSFERS_QUERY,
} from "./queries";
import {
  holdingView,
  holdsSomething,
  maxHoldingAt,
  resourceUnit,
  seasonAt,
  seasonViews,
  type StockState,
} from "./rules";
import {
  HOLDERS_PAGE,
  LIST_PAGE,
  type Holding,
  type HolderSlot,
  type Landing,
  type Page,
  type Resource,
  type ResourceInfo,
  type ResourceReader,
  type StoredSeason,
} from "./types";

type Num = string | number;
interface GqlResource {
  id: string;
  name: string;
  unit: string;
  firstSeasonStart: Num;
  seasonLength: Num;
  totalShares: Num;
  openedSeason: number;
  lastAssessedSeason: number;
  targetRate: Num;
  precautionaryBiomass: Num;
  limitBiomass: Num;
  maxRiseBps: number;
  maxCutBps: number;
  carryOverBps: number;
  concentrationCapBps: number;
  closedPeriodStarts: Num[];
  closedPeriodEnds: Num[];
}
interface GqlSeason {
  number: number;
  assessed: boolean;
  biomass: Num;
  ruleCap: Num;
  cap: Num;
  reportHash: string | null;
  opened: boolean;
  carryVoided: boolean;
  carriedIn: Num;
  allocationPerShare: Num;
  carryLimitPerShare: Num;
  landed: Num;
  carryForward: Num;
  closed: boolean;
  leftInSea: Num;
}
interface GqlPosition {
  holder: string;
  seasonNumber: number;
  settled: boolean;
  seasonShares: Num;
  allocated: Num;
  carriedIn: Num;
  received: Num;
  sent: Num;
  landed: Num;
  entitlement: Num;
  carryLimit: Num;
}
interface GqlLanding {
  index: number;
  holder: string;
  buyer: string;
  seasonNumber: number;
  amount: Num;
  ticket: string;
  blockNumber: Num;
  transactionHash: string;
}
interface GqlTransfer {
  index: number;
  from: string;
  to: string;
  seasonNumber: number;
  amount: Num;
  blockNumber: Num;
  transactionHash: string;
}

/** No address sorts before it: the first page's cursor. */
const FIRST_HOLDER = "0x0000000000000000000000000000000000000000";
/** Above every index: the first newest-first page's cursor. */
const NEWEST = 2 ** 31 - 1;
const ZERO_HASH = `0x${"0".repeat(64)}` as Hex;

function info(r: GqlResource): ResourceInfo {
  return {
    name: r.name,
    unit: r.unit,
    firstSeasonStart: BigInt(r.firstSeasonStart),
    seasonLength: Number(r.seasonLength),
    totalShares: Number(r.totalShares),
    openedSeason: r.openedSeason,
    lastAssessedSeason: r.lastAssessedSeason,
    rule: {
      targetRate: BigInt(r.targetRate),
      precautionaryBiomass: BigInt(r.precautionaryBiomass),
      limitBiomass: BigInt(r.limitBiomass),
      maxRiseBps: r.maxRiseBps,
      maxCutBps: r.maxCutBps,
    },
    carryOverBps: r.carryOverBps,
    concentrationCapBps: r.concentrationCapBps,
    closedPeriods: r.closedPeriodStarts.map((s, i) => ({ start: Number(s), end: Number(r.closedPeriodEnds[i]) })),
  };
}

const resource = (r: GqlResource): Resource => ({ id: BigInt(r.id), info: info(r), unit: resourceUnit(r.unit) });

function stored(s: GqlSeason): StoredSeason {
  return {
    assessed: s.assessed,
    biomass: BigInt(s.biomass),
    ruleCap: BigInt(s.ruleCap),
    cap: BigInt(s.cap),
    reportHash: (s.reportHash ?? ZERO_HASH) as Hex,
    opened: s.opened,
    carryVoided: s.carryVoided,
    carriedIn: BigInt(s.carriedIn),
    allocationPerShare: BigInt(s.allocationPerShare),
    carryLimitPerShare: BigInt(s.carryLimitPerShare),
    landed: BigInt(s.landed),
    carryForward: BigInt(s.carryForward),
    closed: s.closed,
    leftInSea: BigInt(s.leftInSea),
  };
}

const slot = (p: GqlPosition): HolderSlot => ({
  season: p.seasonNumber,
  seasonShares: BigInt(p.seasonShares),
  entitlement: BigInt(p.entitlement),
  landed: BigInt(p.landed),
  carriedIn: BigInt(p.carriedIn),
  received: BigInt(p.received),
  sent: BigInt(p.sent),
});

const landing = (l: GqlLanding): Landing => ({
  index: l.index,
  holder: getAddress(l.holder),
  buyer: getAddress(l.buyer),
  season: l.seasonNumber,
  amount: BigInt(l.amount),
  ticket: l.ticket as Hex,
  blockNumber: BigInt(l.blockNumber),
  txHash: l.transactionHash as Hex,
});

/** Newest first: the next page's cursor is the last index when the page is full. */
function page<T extends { index: number }>(items: T[]): Page<T> {
  return { items, next: items.length === LIST_PAGE ? String(items[items.length - 1].index) : undefined };
}

interface Core {
  block: bigint;
  time: number;
  resource: Resource;
  counts: { holderCount: number; landingCount: number; transferCount: number };
  state: StockState & { info: ResourceInfo };
  assessors: Address[];
  buyers: Address[];
}

export function createResourceSubgraphReader(url: string): ResourceReader {
  const query = <T>(q: string, variables: Record<string, unknown> = {}) => graphqlQuery<T>(url, q, variables);

  async function core(id: bigint): Promise<Core | undefined> {
    const data = await query<
      GqlMeta & {
        resource:
          (GqlResource & { holderCount: number; landingCount: number; entitlementTransferCount: number }) | null;
        seasons: GqlSeason[];
        accreditations: { kind: string; account: string }[];
      }
    >(STOCK_QUERY, { id: id.toString(), resource: id.toString() });
    if (!data.resource) return undefined;
    const r = resource(data.resource);
    const accounts = (kind: string) =>
      data.accreditations.filter((a) => a.kind === kind).map((a) => getAddress(a.account));
    return {
      ...metaOf(data),
      resource: r,
      counts: {
        holderCount: data.resource.holderCount,
        landingCount: data.resource.landingCount,
        transferCount: data.resource.entitlementTransferCount,
      },
      state: { info: r.info, seasons: new Map(data.seasons.map((s) => [s.number, stored(s)])) },
      assessors: accounts("Assessor"),
      buyers: accounts("Buyer"),
    };
  }

  /**
   * A holding at the core's time from the holder's position in the last opened season (or none) and its shares: in
   * that season the subgraph's position is the contract's (settled, or projected at the opening); in a later,
   * unopened season it is derived from it like `holdingOf`.
   */
  function holdingFrom(c: Core, holder: Address, shares: bigint, p: GqlPosition | undefined): Holding {
    const current = seasonAt(c.resource.info, c.time);
    if (p && current > 0 && p.seasonNumber === current) {
      const s = slot(p);
      return {
        holder,
        season: BigInt(current),
        shares,
        seasonShares: s.seasonShares,
        settled: p.settled,
        allocated: BigInt(p.allocated),
        pendingCarryIn: p.settled ? 0n : s.carriedIn,
        entitlement: s.entitlement,
        landed: s.landed,
        carryLimit: BigInt(p.carryLimit),
        carriedIn: s.carriedIn,
        received: s.received,
        sent: s.sent,
      };
    }
    // An unsettled (projected) position is not the contract's slot: that one is older.
    return holdingView(c.state, c.time, holder, shares, p?.settled ? slot(p) : undefined);
  }

  return {
    source: "subgraph",

    async resources() {
      let at = { block: 0n, time: 0 };
      const rows = await graphqlAll<GqlResource, GqlMeta & { resources: GqlResource[] }>(url, RESOURCES_QUERY, (d) => {
        at = metaOf(d);
        return d.resources;
      });
      const resources = rows.map(resource).sort((a, b) => (a.id < b.id ? -1 : 1));
      return { ...at, resources };
    },

    async stock(id) {
      const c = await core(id);
      if (!c) return undefined;
      return {
        ...c.resource,
        block: c.block,
        time: c.time,
        current: seasonAt(c.resource.info, c.time),
        seasons: seasonViews(c.state, c.time),
        assessors: c.assessors,
        buyers: c.buyers,
        maxHolding: maxHoldingAt(c.state, c.time),
        ...c.counts,
      };
    },

    async holders(id, after) {
      const c = await core(id);
      if (!c) return { items: [] };
      const rid = id.toString();
      const opened = c.resource.info.openedSeason;
      const cursor = after ?? FIRST_HOLDER;
      let holders: { holder: string; shares?: bigint; position?: GqlPosition }[];
      if (opened === 0) {
        const data = await query<{ shareBalances: { holder: string; balance: Num }[] }>(SHARE_HOLDERS_QUERY, {
          first: HOLDERS_PAGE,
          resource: rid,
          after: cursor,
        });
        holders = data.shareBalances.map((b) => ({ holder: b.holder, shares: BigInt(b.balance) }));
      } else {
        // Every share holder has a position in the last opened season (projected at its opening, or settled).
        const data = await query<{ holderSeasons: GqlPosition[] }>(POSITIONS_QUERY, {
          first: HOLDERS_PAGE,
          season: `${rid}-${opened}`,
          after: cursor,
        });
        const balances = data.holderSeasons.length
          ? await query<{ shareBalances: { holder: string; balance: Num }[] }>(SHARES_OF_QUERY, {
              resource: rid,
              holders: data.holderSeasons.map((p) => p.holder),
            })
          : { shareBalances: [] };
        const shares = new Map(balances.shareBalances.map((b) => [b.holder.toLowerCase(), BigInt(b.balance)]));
        holders = data.holderSeasons.map((p) => ({
          holder: p.holder,
          shares: shares.get(p.holder.toLowerCase()) ?? 0n,
          position: p,
        }));
      }
      const items = holders
        .map((h) => holdingFrom(c, getAddress(h.holder), h.shares ?? 0n, h.position))
        .filter(holdsSomething);
      const next = holders.length === HOLDERS_PAGE ? holders[holders.length - 1].holder.toLowerCase() : undefined;
      return { items, next };
    },

    async holding(id, account) {
      const rid = id.toString();
      const [c, data] = await Promise.all([
        core(id),
        query<{ shareBalance: { balance: Num } | null; holderSeasons: GqlPosition[] }>(HOLDING_QUERY, {
          resource: rid,
          holder: account.toLowerCase(),
          balance: `${rid}-${account.toLowerCase()}`,
        }),
      ]);
      if (!c) throw new Error(`Resource ${id} is not registered.`);
      const shares = BigInt(data.shareBalance?.balance ?? 0);
      const latest = data.holderSeasons[0];
      // Only a position in the last opened season is the one the contract holds; older ones carry nothing over.
      const position = latest && latest.seasonNumber === c.resource.info.openedSeason ? latest : undefined;
      return holdingFrom(c, getAddress(account), shares, position);
    },

    async approvals(id, holder) {
      const data = await query<{ buyerApprovals: { buyer: string }[] }>(APPROVALS_QUERY, {
        resource: id.toString(),
        holder: holder.toLowerCase(),
      });
      return data.buyerApprovals.map((a) => getAddress(a.buyer));
    },

    async landings(id, filter, after) {
      const base = { first: LIST_PAGE, resource: id.toString(), before: after === undefined ? NEWEST : Number(after) };
      const [q, extra] = filter.holder
        ? [HOLDER_LANDINGS_QUERY, { holder: filter.holder.toLowerCase() }]
        : filter.buyer
          ? [BUYER_LANDINGS_QUERY, { buyer: filter.buyer.toLowerCase() }]
          : [LANDINGS_QUERY, {}];
      const data = await query<{ landings: GqlLanding[] }>(q, { ...base, ...extra });
      return page(data.landings.map(landing));
    },

    async transfers(id, after) {
      const data = await query<{ entitlementTransfers: GqlTransfer[] }>(TRANSFERS_QUERY, {
        first: LIST_PAGE,
        resource: id.toString(),
        before: after === undefined ? NEWEST : Number(after),
      });
      return page(
        data.entitlementTransfers.map((t) => ({
          index: t.index,
          from: getAddress(t.from),
          to: getAddress(t.to),
          season: t.seasonNumber,
          amount: BigInt(t.amount),
          blockNumber: BigInt(t.blockNumber),
          txHash: t.transactionHash as Hex,
        })),
      );
    },
  };
}
