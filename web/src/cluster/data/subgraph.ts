// The cluster exchange's subgraph reader: each screen need answered by the queries of ./queries.ts (every list a page
// by an id cursor, its filters one `where` variable), mapped onto the same views as the chain reader. No view calls.
import { getAddress, type Address, type Hash, type Hex } from "viem";
import { graphqlQuery } from "../../shared/data/graphql.ts";
import { graphqlPage, idBefore, mapPage, type Page } from "../../shared/data/pages.ts";
import * as Q from "./queries.ts";
import {
  CLUSTER_PAGE,
  ORDER_STATES,
  type CategoryBoard,
  type ClusterInfo,
  type ClusterIntent,
  type ClusterOrder,
  type ClusterReader,
  type IntentFilter,
  type LicenceReport,
  type OrderFilter,
  type OrderState,
  type OrderStep,
} from "./types.ts";

type Num = string | number;
type Maybe<T> = T | null | undefined;
interface GqlIntent {
  intentId: Num;
  owner: string;
  side: "Offer" | "Need";
  category: Num;
  unit: string;
  unitBytes: string;
  designId: Num;
  spec: string;
  quantity: Num;
  price: Num;
  start: Num;
  end: Num;
  lat: Num;
  lon: Num;
  maxDistance: Num;
  matched: Num;
  remaining: Num;
  active: boolean;
  version: Num;
  orderCount: Num;
  postedAt: Num;
  postedAtBlock: Num;
  postedTransaction: string;
  withdrawnAt: Maybe<Num>;
  /** The latest change (post, update or withdrawal). */
  changes: { timestamp: Num }[];
}
interface GqlOrder {
  orderId: Num;
  offerId: Num;
  needId: Num;
  producer: string;
  buyer: string;
  designId: Num;
  quantity: Num;
  price: Num;
  matchedAt: Num;
  dueBy: Num;
  promisedAt: Num;
  shippedAt: Num;
  state: OrderState;
  offer: { category: Num; unit: string; unitBytes: string; lat: Num; lon: Num };
  acceptedAt: Maybe<Num>;
  inProductionAt: Maybe<Num>;
  deliveredAt: Maybe<Num>;
  cancelledAt: Maybe<Num>;
  disputedAt: Maybe<Num>;
  deliveredQuantity: Num;
  amount: Maybe<Num>;
  obligationId: Maybe<Num>;
  deliveredBy: Maybe<string>;
  disputeReason: Maybe<string>;
  productionReportSkipped: Maybe<Exclude<LicenceReport, "Reported">>;
  cancelledBy: Maybe<string>;
  returned: Num;
  matchedAtBlock: Num;
  matchedTransaction: string;
}
interface GqlStep {
  state: OrderState;
  actor: string;
  at: Num;
  promisedAt: Maybe<Num>;
  quantity: Maybe<Num>;
  amount: Maybe<Num>;
  obligationId: Maybe<Num>;
  reason: Maybe<string>;
  blockNumber: Num;
  transactionHash: string;
}
type GqlExchange = Record<string, Num>;
interface GqlBoard {
  id: string;
  category: Num;
  unit: string;
  unitBytes: string;
  activeOfferCount: Num;
  activeNeedCount: Num;
  openOfferQuantity: Num;
  openNeedQuantity: Num;
  matchedQuantity: Num;
  deliveredQuantity: Num;
  orderCount: Num;
}

const given = <T>(x: Maybe<T>): x is T => x !== null && x !== undefined;
/** `{ [key]: view(x) }` when the answer gives `x`, else nothing (the view leaves the field out). */
const optional = <K extends string, T, U>(key: K, x: Maybe<T>, view: (x: T) => U) =>
  (given(x) ? { [key]: view(x) } : {}) as Partial<Record<K, U>>;

const intent = (i: GqlIntent): ClusterIntent => ({
  id: BigInt(i.intentId),
  terms: {
    owner: getAddress(i.owner),
    side: i.side === "Offer" ? "offer" : "need",
    category: Number(i.category),
    unit: i.unitBytes as Hex,
    designId: BigInt(i.designId),
    spec: i.spec as Hex,
    quantity: BigInt(i.quantity),
    price: BigInt(i.price),
    start: Number(i.start),
    end: Number(i.end),
    lat: Number(i.lat),
    lon: Number(i.lon),
    maxDistance: Number(i.maxDistance),
  },
  unitText: i.unit,
  matched: BigInt(i.matched),
  remaining: BigInt(i.remaining),
  active: i.active,
  version: Number(i.version),
  orderCount: Number(i.orderCount),
  postedAt: Number(i.postedAt),
  updatedAt: Number(i.changes[0]?.timestamp ?? i.postedAt),
  ...optional("withdrawnAt", i.withdrawnAt, Number),
  blockNumber: BigInt(i.postedAtBlock),
  txHash: i.postedTransaction as Hash,
});

const order = (o: GqlOrder): ClusterOrder => ({
  id: BigInt(o.orderId),
  record: {
    offerId: BigInt(o.offerId),
    needId: BigInt(o.needId),
    producer: getAddress(o.producer),
    buyer: getAddress(o.buyer),
    designId: BigInt(o.designId),
    quantity: BigInt(o.quantity),
    price: BigInt(o.price),
    matchedAt: Number(o.matchedAt),
    dueBy: Number(o.dueBy),
    promisedAt: Number(o.promisedAt),
    shippedAt: Number(o.shippedAt),
    state: o.state,
  },
  category: Number(o.offer.category),
  unit: o.offer.unitBytes as Hex,
  unitText: o.offer.unit,
  lat: Number(o.offer.lat),
  lon: Number(o.offer.lon),
  ...optional("acceptedAt", o.acceptedAt, Number),
  ...optional("inProductionAt", o.inProductionAt, Number),
  ...optional("deliveredAt", o.deliveredAt, Number),
  ...optional("cancelledAt", o.cancelledAt, Number),
  ...optional("disputedAt", o.disputedAt, Number),
  deliveredQuantity: BigInt(o.deliveredQuantity),
  ...optional("amount", o.amount, BigInt),
  ...optional("obligationId", o.obligationId, BigInt),
  ...optional("deliveredBy", o.deliveredBy, getAddress),
  ...optional("disputeReason", o.disputeReason, (r) => r as Hex),
  // Delivered with a design: reported to the producer's licence unless the exchange said why not.
  ...(BigInt(o.designId) !== 0n && o.deliveredAt != null
    ? { licenceReport: o.productionReportSkipped ?? ("Reported" as const) }
    : {}),
  ...optional("cancelledBy", o.cancelledBy, getAddress),
  returned: BigInt(o.returned),
  blockNumber: BigInt(o.matchedAtBlock),
  txHash: o.matchedTransaction as Hash,
});

const step = (st: GqlStep): OrderStep => ({
  state: st.state,
  actor: getAddress(st.actor),
  at: Number(st.at),
  ...optional("promisedAt", st.promisedAt, Number),
  ...optional("quantity", st.quantity, BigInt),
  ...optional("amount", st.amount, BigInt),
  ...optional("obligationId", st.obligationId, BigInt),
  ...optional("reason", st.reason, (r) => r as Hex),
  blockNumber: BigInt(st.blockNumber),
  txHash: st.transactionHash as Hash,
});

const board = (b: GqlBoard): CategoryBoard => ({
  category: Number(b.category),
  unit: b.unitBytes as Hex,
  unitText: b.unit,
  activeOfferCount: Number(b.activeOfferCount),
  activeNeedCount: Number(b.activeNeedCount),
  openOfferQuantity: BigInt(b.openOfferQuantity),
  openNeedQuantity: BigInt(b.openNeedQuantity),
  matchedQuantity: BigInt(b.matchedQuantity),
  deliveredQuantity: BigInt(b.deliveredQuantity),
  orderCount: Number(b.orderCount),
});

/** `state`'s count field on the exchange ("InProduction" → inProductionOrderCount). */
const countField = (state: OrderState) => `${state[0].toLowerCase()}${state.slice(1)}OrderCount`;

/** The exchange's totals; all zero before its first event (the subgraph makes its entity then). */
function info(x: GqlExchange | null): ClusterInfo {
  const n = (key: string) => Number(x?.[key] ?? 0);
  const big = (key: string) => BigInt(x?.[key] ?? 0);
  return {
    intentCount: n("intentCount"),
    offerCount: n("offerCount"),
    needCount: n("needCount"),
    activeOfferCount: n("activeOfferCount"),
    activeNeedCount: n("activeNeedCount"),
    orderCount: n("orderCount"),
    ordersByState: Object.fromEntries(ORDER_STATES.map((s) => [s, n(countField(s))])) as Record<OrderState, number>,
    quantityMatched: big("quantityMatched"),
    quantityReturned: big("quantityReturned"),
    quantityDelivered: big("quantityDelivered"),
    obligationCount: n("obligationCount"),
    creditSettled: big("creditSettled"),
  };
}

/** `filter` as a ClusterIntent_filter (every given field must hold; the box's bounds included). */
export function intentWhere(f: IntentFilter): Record<string, unknown> {
  return {
    ...(f.side !== undefined ? { side: f.side === "offer" ? "Offer" : "Need" } : {}),
    ...(f.owner !== undefined ? { owner: f.owner.toLowerCase() } : {}),
    ...(f.category !== undefined ? { category: String(f.category) } : {}),
    ...(f.unit !== undefined ? { unitBytes: f.unit.toLowerCase() } : {}),
    ...(f.openAt !== undefined ? { active: true, remaining_gt: "0", end_gte: String(f.openAt) } : {}),
    ...(f.box !== undefined
      ? { lat_gte: f.box.latMin, lat_lte: f.box.latMax, lon_gte: f.box.lonMin, lon_lte: f.box.lonMax }
      : {}),
  };
}

/** `filter` as a ClusterOrder_filter. */
export function orderWhere(f: OrderFilter): Record<string, unknown> {
  return {
    ...(f.producer !== undefined ? { producer: f.producer.toLowerCase() } : {}),
    ...(f.buyer !== undefined ? { buyer: f.buyer.toLowerCase() } : {}),
    ...(f.states !== undefined ? { state_in: [...f.states] } : {}),
  };
}

/** The subgraph reader of the ClusterExchange at `exchange` (its totals' id is the lower-case address). */
export function createClusterSubgraphReader(url: string, exchange: Address): ClusterReader {
  /** A page of `query`'s collection `key`, newest first by `idField`, those `where` holds, after the id `after`. */
  const newestPage = async <R, T>(
    query: string,
    key: string,
    where: Record<string, unknown>,
    idField: string & keyof R,
    after: string | undefined,
    size: number,
    view: (row: R) => T,
  ): Promise<Page<T>> =>
    mapPage(
      await graphqlPage<R, Record<string, R[]>>(
        url,
        query,
        (d) => d[key],
        { where: { ...where, [`${idField}_lt`]: idBefore(after) } },
        size,
        (r) => String(r[idField]),
      ),
      view,
    );

  return {
    source: "subgraph",

    async info() {
      const { clusterExchange } = await graphqlQuery<{ clusterExchange: GqlExchange | null }>(url, Q.EXCHANGE_QUERY, {
        exchange: exchange.toLowerCase(),
      });
      return info(clusterExchange);
    },

    async categories(after) {
      const page = await graphqlPage<GqlBoard, { clusterCategories: GqlBoard[] }>(
        url,
        Q.CATEGORIES_QUERY,
        (d) => d.clusterCategories,
        { after: after ?? "" },
        CLUSTER_PAGE,
        (b) => b.id,
      );
      return mapPage(page, board);
    },

    intents: (filter, after, size = CLUSTER_PAGE) =>
      newestPage<GqlIntent, ClusterIntent>(
        Q.INTENTS_QUERY,
        "clusterIntents",
        intentWhere(filter),
        "intentId",
        after,
        size,
        intent,
      ),

    async intent(id) {
      const { clusterIntent: i } = await graphqlQuery<{ clusterIntent: GqlIntent | null }>(url, Q.INTENT_QUERY, {
        id: id.toString(),
      });
      return i ? intent(i) : undefined;
    },

    orders: (filter, after) =>
      newestPage<GqlOrder, ClusterOrder>(
        Q.ORDERS_QUERY,
        "clusterOrders",
        orderWhere(filter),
        "orderId",
        after,
        CLUSTER_PAGE,
        order,
      ),

    async order(id) {
      const { clusterOrder: o } = await graphqlQuery<{ clusterOrder: (GqlOrder & { steps: GqlStep[] }) | null }>(
        url,
        Q.ORDER_QUERY,
        { id: id.toString() },
      );
      return o ? { ...order(o), steps: o.steps.map(step) } : undefined;
    },
  };
}
