// Set-up shared by the mapping tests: the in-process Hardhat connection, the council's Ignition parameters, sending,
// the contracts' logs in chain order (raw and parsed), test runtimes of the built subgraph's data sources, and
// graph-node's query API over their store for the dApp's subgraph readers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Interface, LogDescription } from "ethers";
import { network } from "hardhat";
import { SubgraphGraphQL, SubgraphRuntime, type EntityStore } from "@cosmolocal/graph-test-runtime";
import { createPublicClient, custom, type Abi, type Address } from "viem";
import { IncrementalLogReader, type EventFold } from "../../web/src/shared/data/logs.ts";

/** The built manifest (`npm run build -w subgraph`). */
export const MANIFEST = join(import.meta.dirname, "../build/subgraph.yaml");
export const ZERO = "0x0000000000000000000000000000000000000000";

export const lower = (s: string) => s.toLowerCase();

/**
 * The in-process Hardhat network. Unlimited code size: the shared artifacts/ may hold an instrumented (coverage)
 * build while other suites run; the contracts' size limit is checked by the contract tests, not here.
 */
export function connect() {
  return network.connect({ override: { allowUnlimitedContractSize: true } });
}

type Connection = Awaited<ReturnType<typeof connect>>;
type Provider = Connection["ethers"]["provider"];
export type Log = Awaited<ReturnType<Provider["getLogs"]>>[number];

/** Sends a transaction and waits for its receipt. */
export const send = async (tx: Promise<{ wait(): Promise<unknown> }>) => (await tx).wait();

/**
 * Parameters of the Ignition Council module: three founders seated for three delegations, a 60 s voting delay, a
 * 600 s voting period, quorum 50 % and the timelock's `minDelay` in seconds.
 */
export function councilParameters(founders: readonly { address: string }[], minDelay: number) {
  return {
    Council: {
      founders: founders.map((f) => f.address),
      delegations: ["Secretariat", "Fishers", "Coast"],
      votingDelay: 60,
      votingPeriod: 600,
      minDelay,
      quorumPercent: 50,
    },
  };
}

/** Every log of the contracts at `addresses` up to the latest block, in chain order. */
export async function chainLogs(provider: Provider, addresses: readonly string[]): Promise<Log[]> {
  const wanted = new Set(addresses.map(lower));
  const logs = (await provider.getLogs({ fromBlock: 0, toBlock: "latest" })).filter((l) =>
    wanted.has(lower(l.address)),
  );
  return logs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
}

/** The logs that are event `name` of the contract at their address (`contracts`: address → its ABI), parsed. */
export function parsedEvents(
  logs: readonly Log[],
  name: string,
  contracts: Record<string, Pick<Interface, "parseLog">>,
): LogDescription[] {
  const byAddress = new Map(Object.entries(contracts).map(([address, iface]) => [lower(address), iface]));
  const parsed: LogDescription[] = [];
  for (const log of logs) {
    const event = byAddress.get(lower(log.address))?.parseLog(log);
    if (event && event.name === name) parsed.push(event);
  }
  return parsed;
}

/** A runtime of data source `dataSource` of the built subgraph listening to `address`, on `store` if given. */
export function subgraphRuntime(dataSource: string, address?: string, store?: EntityStore): SubgraphRuntime {
  return new SubgraphRuntime({ manifest: MANIFEST, dataSource, address, store });
}

/** graph-node's query API over `store` (this subgraph's schema), its `_meta` the block `head`. */
export function storeGraphQL(
  store: EntityStore,
  head: { number: number; hash: string | null; timestamp: number; parentHash: string },
): SubgraphGraphQL {
  return new SubgraphGraphQL(readFileSync(join(import.meta.dirname, "../schema.graphql"), "utf8"), store, {
    meta: () => ({
      block: { number: head.number, hash: head.hash, timestamp: head.timestamp, parentHash: head.parentHash },
      deployment: "test",
      hasIndexingErrors: false,
    }),
  });
}

/**
 * The plumbing of a test of the dApp's two readers over a story: every `fetch` served by graph-node's query API over
 * `store` at the latest block (the subgraph reader's requests) until `undo()`, a viem client on the connection, and
 * an event reader folding the logs of `address` with `fold` from `contract`'s deployment block in chunks of
 * `maxRange` blocks (many small chunks: the bounded read path, not one call from block 0).
 */
export async function readerPlumbing<const A extends Abi, S>(options: {
  conn: Connection;
  store: EntityStore;
  contract: { deploymentTransaction(): { wait(): Promise<{ blockNumber: number } | null> } | null };
  abi: A;
  address: string;
  fold: EventFold<A, S>;
  maxRange: bigint;
}) {
  const { conn, store, contract, abi, address, fold, maxRange } = options;
  const gql = storeGraphQL(store, (await conn.ethers.provider.getBlock("latest"))!);
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (_url: string, init: { body: string }) => {
    const { query, variables } = JSON.parse(init.body) as { query: string; variables: Record<string, unknown> };
    return new Response(JSON.stringify(await gql.execute(query, variables)), { status: 200 });
  }) as typeof fetch;
  const client = createPublicClient({ transport: custom(conn.provider) });
  const fromBlock = BigInt((await contract.deploymentTransaction()!.wait())!.blockNumber);
  const events = new IncrementalLogReader({ client, abi, addresses: [address as Address], fromBlock, fold, maxRange });
  return {
    client,
    events,
    undo() {
      globalThis.fetch = realFetch;
    },
  };
}

/** Every item of a list a reader gives a page at a time (`read(after)`), following the cursors (at most 100 pages). */
export async function allPages<T>(read: (after?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = await read(), n = 0; ; page = await read(page.next), n++) {
    out.push(...page.items);
    if (!page.next || n > 100) return out;
  }
}
