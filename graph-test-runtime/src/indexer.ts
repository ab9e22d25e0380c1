// A test-grade local indexer in place of graph-node: follows a JSON-RPC chain from each data source's start block in
// bounded eth_getLogs chunks, runs the built subgraph's mappings into one store, and serves the GraphQL API over HTTP.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { JsonRpcProvider, type Log } from "ethers";
import { SubgraphGraphQL, type MetaBlock } from "./graphql.ts";
import { MappingError } from "./host.ts";
import { parseManifest, processLogsAcross, SubgraphRuntime } from "./runtime.ts";
import { EntityStore, parseSchema } from "./store.ts";

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
/** The most blocks one eth_getLogs spans (public RPCs refuse wider ranges). */
export const MAX_LOG_CHUNK = 1000;

export interface LocalIndexerOptions {
  /** The built manifest (`graph build`'s `build/subgraph.yaml`). */
  manifest: string;
  /** JSON-RPC endpoint of the chain. */
  rpcUrl: string;
  /** Per data source name, the contract and the block to start from (default: the manifest's). */
  addresses?: Record<string, { address: string; startBlock: number }>;
  /** HTTP port (default 8000, graph-node's; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Subgraph name in the URL path `/subgraphs/name/<name>` (default "local/subgraph"). */
  name?: string;
  /** Milliseconds between polls for new blocks once caught up (default 500). */
  pollInterval?: number;
  /** Blocks per eth_getLogs call (default and maximum 1000). */
  chunkSize?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface LocalIndexer {
  /** GraphQL endpoint: POST `{ query, variables }`. */
  url: string;
  store: EntityStore;
  graphql: SubgraphGraphQL;
  /** The last block processed (what `_meta.block` answers). */
  block(): MetaBlock;
  /** Resolves once block `n` is processed; rejects when indexing failed or after `timeoutMs` (default 30 s). */
  waitForBlock(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const hex = (n: number) => "0x" + n.toString(16);

/**
 * Starts indexing and serving. Data sources whose address is the zero address (not deployed) are left out. Logs
 * are read in chain order, from the lowest start block, at most `chunkSize` blocks per call, all data sources'
 * addresses in one filter; each log goes to the runtime of its address if the log is at or after that data
 * source's start block. After catching up, only new blocks are read, every `pollInterval` ms. A failing mapping
 * stops indexing (as graph-node fails the subgraph): queries still answer, `_meta.hasIndexingErrors` is true.
 */
export async function startLocalIndexer(options: LocalIndexerOptions): Promise<LocalIndexer> {
  const chunkSize = Math.min(options.chunkSize ?? MAX_LOG_CHUNK, MAX_LOG_CHUNK);
  if (!(chunkSize >= 1)) throw new Error("indexer: chunkSize must be at least 1");
  const pollInterval = options.pollInterval ?? 500;
  const name = options.name ?? "local/subgraph";
  const log = options.log ?? (() => {});
  const { schemaFile, dataSources } = parseManifest(options.manifest);
  const sdl = readFileSync(schemaFile, "utf8");
  const store = new EntityStore(parseSchema(sdl));
  const sources = dataSources
    .map((ds) => {
      const given = options.addresses?.[ds.name];
      return {
        ds,
        address: (given?.address ?? ds.address).toLowerCase(),
        startBlock: given?.startBlock ?? ds.startBlock,
      };
    })
    .filter((s) => s.address !== ZERO_ADDRESS);
  const seen = new Map<string, string>();
  for (const s of sources) {
    const other = seen.get(s.address);
    if (other) throw new Error(`indexer: data sources ${other} and ${s.ds.name} both listen to ${s.address}`);
    seen.set(s.address, s.ds.name);
  }
  const runtimes = sources.map(
    (s) => new SubgraphRuntime({ manifest: options.manifest, dataSource: s.ds.name, address: s.address, store }),
  );
  const startOf = new Map(sources.map((s) => [s.address, s.startBlock]));
  const addresses = sources.map((s) => s.address);
  const firstBlock = sources.length > 0 ? Math.min(...sources.map((s) => s.startBlock)) : 0;
  if (sources.length === 0) log("indexer: no data source has an address (deploy the contracts first)");

  const provider = new JsonRpcProvider(options.rpcUrl, undefined, { staticNetwork: true });
  let next = firstBlock;
  let processed = firstBlock - 1;
  let meta: MetaBlock = { number: Math.max(processed, 0), hash: null, timestamp: null, parentHash: null };
  let failure: Error | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());

  const graphql = new SubgraphGraphQL(sdl, store, {
    meta: () => ({ block: meta, deployment: name, hasIndexingErrors: failure !== null }),
  });

  /** Reads and processes the blocks from `next` up to the chain's head, chunk by chunk. */
  const catchUp = async () => {
    let head: number;
    try {
      head = Number(await provider.send("eth_blockNumber", []));
    } catch (e) {
      log(`indexer: RPC unavailable (${(e as Error).message}); retrying`);
      return;
    }
    while (!closed && addresses.length > 0 && next <= head) {
      const to = Math.min(next + chunkSize - 1, head);
      let logs: Log[];
      try {
        logs = await provider.getLogs({ address: addresses, fromBlock: next, toBlock: to });
      } catch (e) {
        log(`indexer: eth_getLogs ${next}–${to} failed (${(e as Error).message}); retrying`);
        return;
      }
      // Processing errors (a mapping, an eth_call) are fatal: the runtimes have seen part of the chunk.
      logs = logs
        .filter((l) => l.blockNumber >= (startOf.get(l.address.toLowerCase()) ?? Infinity))
        .sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
      const handled = await processLogsAcross(provider, runtimes, logs);
      const block = (await provider.send("eth_getBlockByNumber", [hex(to), false])) as Record<string, string>;
      meta = { number: to, hash: block.hash, timestamp: Number(block.timestamp), parentHash: block.parentHash };
      processed = to;
      next = to + 1;
      if (handled.length > 0) log(`indexer: blocks ${handled[0].blockNumber}–${to}: ${handled.length} events`);
      notify();
    }
  };

  const poll = () => {
    running = catchUp().then(
      () => {
        if (!closed) timer = setTimeout(poll, pollInterval);
      },
      (e: Error) => {
        failure = e;
        log(
          `indexer: indexing failed at block ${next}: ${e instanceof MappingError ? "mapping error: " : ""}${e.message}`,
        );
        notify();
      },
    );
  };

  const path = `/subgraphs/name/${name}`;
  const server = createServer((req, res) => void handle(req, res));
  const cors = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Authorization",
    "Access-Control-Max-Age": "600",
  };
  const reply = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? cors : { ...cors, "Content-Type": "application/json" });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "OPTIONS") return reply(res, 204);
    if (url.pathname !== path) return reply(res, 404, { errors: [{ message: `No subgraph at ${url.pathname}` }] });
    let request: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      if (req.method === "GET") {
        const variables = url.searchParams.get("variables");
        request = {
          query: url.searchParams.get("query") ?? undefined,
          variables: variables ? JSON.parse(variables) : undefined,
          operationName: url.searchParams.get("operationName") ?? undefined,
        };
      } else if (req.method === "POST") {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } else {
        return reply(res, 405, { errors: [{ message: `Method ${req.method} not allowed` }] });
      }
    } catch (e) {
      return reply(res, 400, { errors: [{ message: `Invalid request: ${(e as Error).message}` }] });
    }
    if (typeof request?.query !== "string") return reply(res, 400, { errors: [{ message: "No query" }] });
    const result = await graphql.execute(
      request.query,
      (request.variables ?? null) as Record<string, unknown> | null,
      typeof request.operationName === "string" ? request.operationName : null,
    );
    reply(res, 200, result);
  }

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8000, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  poll();

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}${path}`,
    store,
    graphql,
    block: () => meta,
    waitForBlock(n, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (processed >= n) done(resolve);
          else if (failure) done(() => reject(failure));
        };
        const timeout = setTimeout(
          () =>
            done(() => reject(new Error(`indexer: block ${n} not processed after ${timeoutMs} ms (at ${processed})`))),
          timeoutMs,
        );
        const done = (then: () => void) => {
          clearTimeout(timeout);
          waiters.delete(check);
          then();
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      provider.destroy();
    },
  };
}
