// `npm run indexer -w subgraph`: the test-grade local indexer of @cosmolocal/graph-test-runtime on the local chain
// that `npm start` runs, serving graph-node's GraphQL API for machines without Docker (graph-node is the real one).
import { startCommonsIndexer } from "./local-indexer.ts";
import { NETWORKS } from "./prepare.ts";

const rpcUrl = process.env.RPC_URL ?? "http://127.0.0.1:8545";
const port = Number(process.env.INDEXER_PORT ?? 8000);
const host = process.env.INDEXER_HOST ?? "127.0.0.1";

const chainId = await fetch(rpcUrl, {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
})
  .then((r) => r.json() as Promise<{ result: string }>)
  .then((r) => Number(r.result))
  .catch(() => null);
if (chainId !== NETWORKS.localhost) {
  console.error(
    `indexer: no local chain (chain id ${NETWORKS.localhost}) at ${rpcUrl}${chainId === null ? "" : ` (found chain ${chainId})`}; start it with \`npm start\` first`,
  );
  process.exit(1);
}

const indexer = await startCommonsIndexer({ rpcUrl, port, host, log: (line) => console.log(line) });
console.log(`
Local indexer (test grade: graph-test-runtime, in memory; graph-node is the real one) follows ${rpcUrl}.
  GraphQL  ${indexer.url}
Start the dApp on it with
  VITE_SUBGRAPH_URL=${indexer.url}
Press Ctrl+C to stop.`);

const stop = async () => {
  await indexer.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
