// The sponsorship chain reader: the paymaster's events from its deployment block, read in bounded chunks and folded
// once (./fold.ts, by the event reader it is given); each call reads only the blocks since the last one and cuts its
// view or page from the folded state. No view calls.
import type { membersPaymasterAbi } from "@cosmolocal/sdk";
import type { IncrementalLogReader } from "../../shared/data/logs.ts";
import { pageOf } from "../../shared/data/pages.ts";
import type { SponsorshipState } from "./fold.ts";
import { byAddress, MAX_PERIODS, SPONSORSHIP_PAGE, type SponsorshipReader } from "./types.ts";

/** A page by address after the lower-case address `after`. */
function addressPage<T>(all: Iterable<T>, key: (x: T) => string, after: string | undefined) {
  return pageOf(
    [...all].sort(byAddress(key)),
    SPONSORSHIP_PAGE,
    after,
    (x) => key(x).toLowerCase(),
    (x, cursor) => key(x).toLowerCase() > cursor,
  );
}

/**
 * The chain reader of the paymaster; `reader` folds its events with `paymasterFold` from its deployment block
 * (./index.ts makes it with the target chain's chunk size and re-org window) and keeps the state.
 */
export function createSponsorshipChainReader(
  reader: Pick<IncrementalLogReader<typeof membersPaymasterAbi, SponsorshipState>, "latest">,
): SponsorshipReader {
  // The reads a new block sets off at once share one refresh (IncrementalLogReader.latest).
  const state = async () => (await reader.latest()).state;
  return {
    source: "chain",
    async info() {
      return { ...(await state()).info };
    },
    async periods(from, to) {
      if (to - from >= MAX_PERIODS) throw new Error(`At most ${MAX_PERIODS} periods at once.`);
      const s = await state();
      return [...s.periods.values()]
        .filter((p) => p.period >= from && p.period <= to)
        .sort((a, b) => a.period - b.period);
    },
    async spendingPage(period, after) {
      return addressPage((await state()).spending.get(period)?.values() ?? [], (m) => m.member, after);
    },
    async sponsorships(after) {
      const newest = [...(await state()).sponsorships].reverse();
      return pageOf(
        newest,
        SPONSORSHIP_PAGE,
        after,
        (x) => x.id,
        (x, cursor) => x.id < cursor,
      );
    },
    async budgetPage(after) {
      return addressPage((await state()).budgets.values(), (b) => b.member, after);
    },
    async targetPage(after) {
      return addressPage((await state()).targets.values(), (t) => t.target, after);
    },
  };
}
