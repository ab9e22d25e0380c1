// The cluster exchange's chain reader: ClusterExchange's events from its deployment block, read in bounded chunks and
// folded once (./fold.ts, by the event reader it is given); each call cuts its view or page from the folded state,
// reading only the times of blocks whose logs did not carry one (an intent's post and last change, an order's match).
// No view calls.
import type { PublicClient } from "viem";
import { BlockTimeCache } from "../../shared/data/blockTimes.ts";
import type { IncrementalLogReader } from "../../shared/data/logs.ts";
import { mapPage, newestPage, pageOf, type Page } from "../../shared/data/pages.ts";
import type { ClusterAbi, ClusterState, IntentRecord, OrderEntry, Timed } from "./fold.ts";
import { bookId } from "./fold.ts";
import {
  CLUSTER_PAGE,
  type ClusterIntent,
  type ClusterOrder,
  type ClusterReader,
  type IntentFilter,
  type OrderFilter,
} from "./types.ts";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether intent `i` is one `f` lists (every given field must hold; the box's bounds included). */
function intentMatches(f: IntentFilter, i: IntentRecord): boolean {
  const t = i.view.terms;
  return (
    (f.side === undefined || t.side === f.side) &&
    (f.owner === undefined || same(t.owner, f.owner)) &&
    (f.category === undefined || t.category === f.category) &&
    (f.unit === undefined || same(t.unit, f.unit)) &&
    (f.openAt === undefined || (i.view.active && i.view.remaining > 0n && t.end >= f.openAt)) &&
    (f.box === undefined ||
      (t.lat >= f.box.latMin && t.lat <= f.box.latMax && t.lon >= f.box.lonMin && t.lon <= f.box.lonMax))
  );
}

/** Whether order `o` is one `f` lists. */
function orderMatches(f: OrderFilter, o: OrderEntry): boolean {
  const r = o.view.record;
  return (
    (f.producer === undefined || same(r.producer, f.producer)) &&
    (f.buyer === undefined || same(r.buyer, f.buyer)) &&
    (f.states === undefined || f.states.includes(r.state))
  );
}

/**
 * The chain reader of the cluster exchange; `reader` folds its events with `clusterFold` from its deployment block
 * (./index.ts makes it with the target chain's chunk size and re-org window) and keeps the state; `client` reads the
 * time of a block whose logs came without `blockTimestamp`, once.
 */
export function createClusterChainReader(
  reader: Pick<IncrementalLogReader<ClusterAbi, ClusterState>, "latest">,
  client: Pick<PublicClient, "getBlock">,
): ClusterReader {
  // The reads a new block sets off at once share one refresh (IncrementalLogReader.latest).
  const state = async () => (await reader.latest()).state;
  const times = new BlockTimeCache(client);
  const timeOf = (t: Timed) => t.time ?? times.get(t.block)!;
  const loadTimes = (ts: (Timed | undefined)[]) =>
    times.load(ts.filter((t): t is Timed => t !== undefined && t.time === undefined).map((t) => t.block));

  const intentView = (i: IntentRecord): ClusterIntent => ({
    ...i.view,
    terms: { ...i.view.terms },
    postedAt: timeOf(i.posted),
    updatedAt: timeOf(i.changed),
    ...(i.withdrawn ? { withdrawnAt: timeOf(i.withdrawn) } : {}),
  });
  const intentTimes = (i: IntentRecord) => [i.posted, i.changed, i.withdrawn];

  /** An order's view: its record with the match's block time, and its offer's current category, unit and place. */
  const orderView = (s: ClusterState, o: OrderEntry): ClusterOrder => {
    const offer = s.intents.get(o.view.record.offerId)!.view;
    return {
      ...o.view,
      record: { ...o.view.record, matchedAt: timeOf(o.matched) },
      category: offer.terms.category,
      unit: offer.terms.unit,
      unitText: offer.unitText,
      lat: offer.terms.lat,
      lon: offer.terms.lon,
    };
  };

  return {
    source: "chain",

    async info() {
      const { info } = await state();
      return { ...info, ordersByState: { ...info.ordersByState } };
    },

    async categories(after) {
      const s = await state();
      const ids = [...s.books.keys()].sort();
      const boards = ids.map((id) => s.books.get(id)!);
      const id = (b: (typeof boards)[number]) => bookId(b.category, b.unit);
      return mapPage(
        pageOf(boards, CLUSTER_PAGE, after, id, (b, cursor) => id(b) > cursor),
        (b) => ({ ...b }),
      );
    },

    async intents(filter, after, size = CLUSTER_PAGE) {
      const s = await state();
      const newest = [...s.intents.values()].filter((i) => intentMatches(filter, i)).reverse();
      const page = newestPage(newest, size, after, (i) => i.view.id);
      await loadTimes(page.items.flatMap(intentTimes));
      return mapPage(page, intentView);
    },

    async intent(id) {
      const i = (await state()).intents.get(id);
      if (!i) return undefined;
      await loadTimes(intentTimes(i));
      return intentView(i);
    },

    async orders(filter, after): Promise<Page<ClusterOrder>> {
      const s = await state();
      const newest = [...s.orders.values()].filter((o) => orderMatches(filter, o)).reverse();
      const page = newestPage(newest, CLUSTER_PAGE, after, (o) => o.view.id);
      await loadTimes(page.items.map((o) => o.matched));
      return mapPage(page, (o) => orderView(s, o));
    },

    async order(id) {
      const s = await state();
      const o = s.orders.get(id);
      if (!o) return undefined;
      await loadTimes([o.matched, ...o.steps.map((st) => st.at)]);
      return { ...orderView(s, o), steps: o.steps.map((st) => ({ ...st.step, at: timeOf(st.at) })) };
    },
  };
}
