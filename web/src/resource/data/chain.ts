// The resource chain reader: the registry's events from its deployment block, read in chunks and folded once
// (./fold.ts), kept between refreshes; every view is derived from the folded state at the synced block with the
// registry's own arithmetic (./rules.ts) — no view call per season or per holder. The one exception is the list of
// resources (names, units, configuration: what the council's screens need), read by view calls until the history is
// folded (see `heads`).
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { getAddress, type Address, type PublicClient } from "viem";
import { logChunkBlocks, reorgDepth } from "../../shared/config";
import { eventReader } from "../../shared/data/events";
import type { Latest } from "../../shared/data/logs";
import { registryFold, type RegistryState, type ResourceState } from "./fold";
import { holdingView, holdsSomething, maxHoldingAt, resourceUnit, seasonAt, seasonViews } from "./rules";
import {
  HOLDERS_PAGE,
  LIST_PAGE,
  type Holding,
  type Page,
  type Resource,
  type ResourceReader,
  type ResourceSnapshot,
  type Stock,
} from "./types";

type Synced = Latest<RegistryState>;

const lower = (a: string) => a.toLowerCase();

/** Newest first from `after` (an index, exclusive), `size` items that pass `keep`. */
function newest<T extends { index: number }>(all: readonly T[], after: string | undefined, keep: (x: T) => boolean) {
  const items: T[] = [];
  let i = (after === undefined ? all.length : Number(after)) - 1;
  for (; i >= 0 && items.length < LIST_PAGE; i--) if (keep(all[i])) items.push(all[i]);
  // More may follow when the page is full and older items remain.
  const next = items.length === LIST_PAGE && i >= 0 ? String(items[items.length - 1].index) : undefined;
  return { items, next };
}

export function createResourceChainReader(client: PublicClient, address: Address, fromBlock: bigint): ResourceReader {
  const reader = eventReader(client, resourceRegistryAbi, [address], fromBlock, registryFold);

  /** Whether a screen has needed the history (then the resource list comes from the fold too, at no extra cost). */
  let folding = false;
  /** The state at the latest block and that block's time; the reads of one refresh share one sync. */
  function synced(): Promise<Synced> {
    folding = true;
    return reader.latest();
  }

  const head = (r: ResourceState): Resource => ({
    id: r.id,
    info: { ...r.info, rule: { ...r.info.rule }, closedPeriods: [...r.info.closedPeriods] },
    unit: resourceUnit(r.info.unit),
  });

  const holdingIn = (r: ResourceState, time: number, account: string) =>
    holdingView(
      r,
      time,
      r.accounts.get(lower(account)) ?? getAddress(account),
      r.shares.get(lower(account)) ?? 0n,
      r.slots.get(lower(account)),
    );

  /**
   * The list of resources without the registry's history: `resourceCount` and one `getResource` per stock (the
   * council's screens need the names, not the landings; the list stays short, each registration being a council
   * decision through its timelock). Kept between refreshes: a refresh asks for the registry's logs since the list's
   * block (one bounded `eth_getLogs`, re-reading the re-org window) and reads the list again only if there are any.
   * Once the history has been folded (a resource's own screens), the list comes from the fold.
   */
  const heads = (() => {
    let cached: ResourceSnapshot | undefined;
    const viewCalls = async (block: bigint, time: number): Promise<ResourceSnapshot> => {
      const at = { address, abi: resourceRegistryAbi, blockNumber: block } as const;
      const count = await client.readContract({ ...at, functionName: "resourceCount" });
      const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
      const resources = await Promise.all(
        ids.map(async (id): Promise<Resource> => {
          const info = await client.readContract({ ...at, functionName: "getResource", args: [id] });
          return { id, info, unit: resourceUnit(info.unit) };
        }),
      );
      return { block, time, resources };
    };
    return {
      async read(): Promise<ResourceSnapshot> {
        if (folding) {
          const { state, block, time } = await synced();
          const resources = [...state.resources.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(head);
          return (cached = { block, time, resources });
        }
        const latest = await client.getBlock({ blockTag: "latest" });
        const time = Number(latest.timestamp);
        if (cached && latest.number <= cached.block) return cached;
        const from = cached ? cached.block + 1n - reorgDepth : undefined;
        if (cached && from !== undefined && latest.number - from < logChunkBlocks) {
          const logs = await client.getLogs({ address, fromBlock: from > 0n ? from : 0n, toBlock: latest.number });
          if (logs.length === 0) return (cached = { ...cached, block: latest.number, time });
        }
        return (cached = await viewCalls(latest.number, time));
      },
    };
  })();

  async function resource(id: bigint) {
    const s = await synced();
    return { ...s, r: s.state.resources.get(id.toString()) };
  }

  return {
    source: "chain",

    async resources() {
      return heads.read();
    },

    async stock(id): Promise<Stock | undefined> {
      const { r, block, time } = await resource(id);
      if (!r) return undefined;
      const seasons = seasonViews(r, time);
      return {
        ...head(r),
        block,
        time,
        current: seasonAt(r.info, time),
        seasons,
        assessors: [...r.assessors.values()],
        buyers: [...r.buyers.values()],
        maxHolding: maxHoldingAt(r, time),
        holderCount: [...r.shares.values()].filter((b) => b > 0n).length,
        landingCount: r.landings.length,
        transferCount: r.transfers.length,
      };
    },

    async holders(id, after): Promise<Page<Holding>> {
      const { r, time } = await resource(id);
      if (!r) return { items: [] };
      const accounts = [...r.accounts.keys()].filter((a) => after === undefined || a > after).sort();
      const items = [];
      let i = 0;
      for (; i < accounts.length && items.length < HOLDERS_PAGE; i++) {
        const h = holdingIn(r, time, accounts[i]);
        if (holdsSomething(h)) items.push(h);
      }
      return { items, next: i < accounts.length ? accounts[i - 1] : undefined };
    },

    async holding(id, account) {
      const { r, time } = await resource(id);
      if (!r) throw new Error(`Resource ${id} is not registered.`);
      return holdingIn(r, time, account);
    },

    async approvals(id, holder) {
      const { r } = await resource(id);
      return [...(r?.approvals.get(lower(holder))?.values() ?? [])];
    },

    async landings(id, filter, after) {
      const { r } = await resource(id);
      if (!r) return { items: [] };
      const holder = filter.holder && lower(filter.holder);
      const buyer = filter.buyer && lower(filter.buyer);
      return newest(
        r.landings,
        after,
        (l) => (!holder || lower(l.holder) === holder) && (!buyer || lower(l.buyer) === buyer),
      );
    },

    async transfers(id, after) {
      const { r } = await resource(id);
      return r ? newest(r.transfers, after, () => true) : { items: [] };
    },
  };
}
