// Set-up shared by the mapping tests: the in-process Hardhat connection, the council's Ignition parameters, sending,
// the contracts' logs in chain order (raw and parsed), and test runtimes of the built subgraph's data sources.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Interface, LogDescription } from "ethers";
import { network } from "hardhat";
import { SubgraphGraphQL, SubgraphRuntime, type EntityStore } from "@cosmolocal/graph-test-runtime";

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
