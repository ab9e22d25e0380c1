// The design commons' chain reader: DesignCommons' events from its deployment block, read in bounded chunks and
// folded once (./fold.ts, by the event reader it is given); each call cuts its view or page from the folded state,
// reading only the times of blocks whose logs did not carry one (a design's registration, an accreditation). No view
// calls.
import type { PublicClient } from "viem";
import { BlockTimeCache } from "../../shared/data/blockTimes.ts";
import type { IncrementalLogReader } from "../../shared/data/logs.ts";
import { mapPage, newestPage, pageOf, type Page } from "../../shared/data/pages.ts";
import { normalSearch } from "../metadata.ts";
import type { DesignRecord, DesignsAbi, DesignsState, EntityRecord, Timed } from "./fold.ts";
import { DESIGNS_PAGE, type CommonsEntity, type Design, type DesignSummary, type DesignsReader } from "./types.ts";

/** `items` ordered by their lower-case `key` (currencies, entities: the subgraph's id order). */
const byLowerKey = <T>(items: Iterable<T>, key: (x: T) => string) =>
  [...items].sort((a, b) => (key(a).toLowerCase() < key(b).toLowerCase() ? -1 : 1));

/**
 * The chain reader of the design commons; `reader` folds its events with `designsFold` from its deployment block
 * (./index.ts makes it with the target chain's chunk size and re-org window) and keeps the state; `client` reads the
 * time of a block whose logs came without `blockTimestamp`, once.
 */
export function createDesignsChainReader(
  reader: Pick<IncrementalLogReader<DesignsAbi, DesignsState>, "latest">,
  client: Pick<PublicClient, "getBlock">,
): DesignsReader {
  // The reads a new block sets off at once share one refresh (IncrementalLogReader.latest).
  const state = async () => (await reader.latest()).state;
  const times = new BlockTimeCache(client);
  const timeOf = (t: Timed) => t.time ?? times.get(t.block)!;
  const loadTimes = (ts: (Timed | undefined)[]) =>
    times.load(ts.filter((t): t is Timed => t !== undefined && t.time === undefined).map((t) => t.block));

  const summary = (d: DesignRecord): DesignSummary => ({
    ...d.summary,
    terms: d.termsVersions[d.termsVersions.length - 1],
    registeredAt: timeOf(d.registered),
  });
  /** The page after design id `after` of `designs` (in id order), newest first. */
  async function designPage(designs: readonly DesignRecord[], after: string | undefined): Promise<Page<DesignSummary>> {
    const page = newestPage([...designs].reverse(), DESIGNS_PAGE, after, (d) => d.summary.id);
    await loadTimes(page.items.map((d) => d.registered));
    return mapPage(page, summary);
  }
  const entityView = (e: EntityRecord): CommonsEntity => ({
    entity: e.entity,
    accredited: e.accredited,
    uri: e.uri,
    accreditedAt: timeOf(e.accreditedIn),
    ...(e.revokedIn ? { revokedAt: timeOf(e.revokedIn) } : {}),
  });
  const newestLicences = <T extends { id: bigint }>(list: readonly T[] | undefined, after: string | undefined) =>
    newestPage([...(list ?? [])].reverse(), DESIGNS_PAGE, after, (l) => l.id);

  return {
    source: "chain",

    async info() {
      const s = await state();
      return { ...s.info, currencies: byLowerKey(s.books.values(), (b) => b.currency).map((b) => ({ ...b })) };
    },

    async designs(search, after) {
      const s = await state();
      const text = normalSearch(search);
      return designPage(
        [...s.designs.values()].filter((d) => d.search.includes(text)),
        after,
      );
    },

    async design(id): Promise<Design | undefined> {
      const d = (await state()).designs.get(id);
      if (!d) return undefined;
      await loadTimes([d.registered]);
      return {
        ...summary(d),
        termsVersions: [...d.termsVersions],
        ancestors: d.ancestors.map((a) => ({ ...a })),
        fees: byLowerKey(d.fees.values(), (f) => f.currency).map((f) => ({
          ...f,
          byAncestor: f.byAncestor.map((x) => ({ ...x })),
        })),
      };
    },

    async derivatives(id, after) {
      return designPage((await state()).children.get(id) ?? [], after);
    },

    async projectDesigns(projectId, after) {
      return designPage((await state()).byProject.get(projectId) ?? [], after);
    },

    async licences(designId, after) {
      return newestLicences((await state()).licencesByDesign.get(designId), after);
    },

    async licencesOf(licensee, after) {
      return newestLicences((await state()).licencesByLicensee.get(licensee.toLowerCase()), after);
    },

    async licence(id) {
      const l = (await state()).licences.get(id);
      return l && { ...l };
    },

    async payments(designId, after) {
      const newest = [...((await state()).payments.get(designId) ?? [])].reverse();
      return pageOf(
        newest,
        DESIGNS_PAGE,
        after,
        (p) => p.id,
        (p, cursor) => p.id < cursor,
      );
    },

    async entities(after) {
      const s = await state();
      const accredited = byLowerKey(
        [...s.entities.values()].filter((e) => e.accredited),
        (e) => e.entity,
      );
      const page = pageOf(
        accredited,
        DESIGNS_PAGE,
        after,
        (e) => e.entity.toLowerCase(),
        (e, cursor) => e.entity.toLowerCase() > cursor,
      );
      await loadTimes(page.items.flatMap((e) => [e.accreditedIn, e.revokedIn]));
      return mapPage(page, entityView);
    },

    async entity(account) {
      const e = (await state()).entities.get(account.toLowerCase());
      if (!e) return undefined;
      await loadTimes([e.accreditedIn, e.revokedIn]);
      return entityView(e);
    },

    async projectIncome(projectId) {
      const rows = (await state()).income.get(projectId)?.values() ?? [];
      return byLowerKey(rows, (i) => i.currency).map((i) => ({ ...i }));
    },
  };
}
