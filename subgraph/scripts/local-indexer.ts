// The commons subgraph on the test-grade local indexer (@cosmolocal/graph-test-runtime): the built manifest's mappings
// on the current local deployment (ignition/deployments/chain-31337). Used by `npm run indexer -w subgraph` and by the
// browser e2e story that compares the dApp's two readers.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startLocalIndexer, type LocalIndexer } from "@cosmolocal/graph-test-runtime";
import { DATA_SOURCES, findDeployment } from "./prepare.ts";

/** The subgraph's name in its GraphQL URL, `/subgraphs/name/cosmolocal/commons` (as on a graph-node). */
export const SUBGRAPH_NAME = "cosmolocal/commons";
/** `graph build`'s manifest: the compiled mappings the indexer runs. */
export const BUILT_MANIFEST = join(import.meta.dirname, "../build/subgraph.yaml");

/** The GraphQL URL of the subgraph on an indexer at `host:port`. */
export const subgraphUrlAt = (port: number, host = "127.0.0.1") =>
  `http://${host}:${port}/subgraphs/name/${SUBGRAPH_NAME}`;

/**
 * Starts indexing the local deployment from each contract's deployment block. Needs `npm run build -w subgraph` (the
 * compiled mappings) and a deployment on the local chain.
 */
export async function startCommonsIndexer(opts: {
  rpcUrl: string;
  port?: number;
  host?: string;
  log?: (line: string) => void;
}): Promise<LocalIndexer> {
  if (!existsSync(BUILT_MANIFEST))
    throw new Error(`${BUILT_MANIFEST} is missing: build the subgraph first (npm run build -w subgraph)`);
  const addresses = Object.fromEntries(
    DATA_SOURCES.map((ds) => {
      const d = findDeployment("localhost", ds.futureId);
      return [ds.name, { address: d.address, startBlock: d.startBlock }];
    }),
  );
  return startLocalIndexer({
    manifest: BUILT_MANIFEST,
    rpcUrl: opts.rpcUrl,
    addresses,
    port: opts.port,
    host: opts.host,
    name: SUBGRAPH_NAME,
    log: opts.log,
  });
}
