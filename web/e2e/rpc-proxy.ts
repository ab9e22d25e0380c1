// A JSON-RPC proxy that behaves like a free public endpoint (test code of the e2e harness and the bench): it refuses
// wide or heavy `eth_getLogs` and rate-limits the way Alchemy does, and counts every call it receives.
//
// Error shapes (all Alchemy's, so one real provider is imitated throughout):
// - a range over `maxLogRange` blocks: JSON-RPC error -32600 "You can make eth_getLogs requests with up to a N block
//   range. Based on your parameters, this block range should work: [0x…, 0x…]" (HTTP 200);
// - more than `maxLogResults` logs: -32602 "Log response size exceeded. …, this block range should work: [0x…, 0x…]"
//   (HTTP 200), the suggested range ending before the block of the first log over the cap;
// - over the rate: HTTP 429 with `Retry-After` (seconds) and a body whose error has code 429 and Alchemy's message
//   (one error per call for a batch).
// Counting, like compute units: every call of a JSON-RPC batch is one request, for the token bucket and the stats; a
// batch is admitted or refused (429) whole. Calls refused for the rate still count in `total` and `byMethod`.
// `eth_sendRawTransaction` takes no token (`unmetered`): on a public chain the user's wallet sends transactions through
// its own RPC, never the dApp's endpoint; only the local test wallet sends through it, and viem never retries a send.
// Block tags of a log filter resolve against the node: `earliest` 0, `latest`, `pending` and a missing bound the head,
// `safe` and `finalized` the node's blocks of that name; a `blockHash` filter names one block and passes the range
// check. Only `eth_getLogs` is capped (the dApp uses no `eth_newFilter` / `eth_getFilterLogs`).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RpcProxyOptions {
  /** The node's JSON-RPC URL. */
  upstream: string;
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** The widest `eth_getLogs` range accepted, in blocks, both ends included (default 1,000; `Infinity`: no cap). */
  maxLogRange?: number;
  /** The most logs one `eth_getLogs` may return (default 10,000; `Infinity`: no cap). */
  maxLogResults?: number;
  /** Token-bucket refill rate: calls per second (default 25). `Infinity` lifts the rate limit. */
  ratePerSecond?: number;
  /** Token-bucket size: calls accepted at once after a pause (default 50). */
  burst?: number;
  /** Methods that take no token from the bucket (counted all the same; default: eth_sendRawTransaction). */
  unmetered?: readonly string[];
}

export interface RpcProxyStats {
  /** HTTP POSTs received (a batch is one). */
  httpRequests: number;
  /** JSON-RPC calls received, each call of a batch counted, refused ones included. */
  total: number;
  /** `total` by method. */
  byMethod: Record<string, number>;
  /** Calls refused: `eth_getLogs` over the range or over the results cap, and calls over the rate (HTTP 429). */
  refused: { range: number; results: number; rate: number };
  /** `refused.rate` by method. */
  rateLimitedByMethod: Record<string, number>;
  /** The last (up to 20) `eth_getLogs` refused for their range or results: what was asked, to find the reader. */
  logRefusals: LogRefusal[];
}

export interface LogRefusal {
  reason: "range" | "results";
  /** The filter's bounds as asked, and the width they resolved to (undefined for a block-hash filter). */
  fromBlock: unknown;
  toBlock: unknown;
  blocks?: number;
  address: unknown;
}

export interface RpcProxy {
  /** The proxy's JSON-RPC URL (what the dApp is built with). */
  url: string;
  /** `GET` it for the stats as JSON. */
  statsUrl: string;
  /** `POST` to it to zero the stats and refill the bucket. */
  resetUrl: string;
  stats(): RpcProxyStats;
  /** Zeroes the stats and refills the token bucket. */
  reset(): void;
  close(): Promise<void>;
}

export const PROXY_DEFAULTS = {
  maxLogRange: 1_000,
  maxLogResults: 10_000,
  ratePerSecond: 25,
  burst: 50,
  unmetered: ["eth_sendRawTransaction"],
} as const;
const STATS_PATH = "/__proxy/stats";
const RESET_PATH = "/__proxy/reset";

type Id = string | number | null;
interface Call {
  jsonrpc?: string;
  id?: Id;
  method?: unknown;
  params?: unknown;
}
interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}
interface Reply {
  jsonrpc: "2.0";
  id: Id;
  result?: unknown;
  error?: RpcError;
}

const RATE_MESSAGE =
  "Your app has exceeded its compute units per second capacity. If you have retries enabled, you can safely ignore " +
  "this message. If not, check out https://docs.alchemy.com/reference/throughput";

const hex = (n: bigint) => `0x${n.toString(16)}`;

/**
 * A token bucket: `burst` tokens, refilled at `rate` per second. `take(n)` returns 0 when the `n` calls may go, or the
 * seconds until they may. A batch larger than the bucket goes on a full bucket and leaves it in debt.
 */
class TokenBucket {
  private readonly rate: number;
  private readonly burst: number;
  private tokens: number;
  private at = performance.now();
  constructor(rate: number, burst: number) {
    this.rate = rate;
    this.burst = this.tokens = burst;
  }
  take(n: number): number {
    if (this.rate === Infinity) return 0;
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    const need = Math.min(n, this.burst);
    if (this.tokens >= need) {
      this.tokens -= n;
      return 0;
    }
    return (need - this.tokens) / this.rate;
  }
  refill(): void {
    this.tokens = this.burst;
    this.at = performance.now();
  }
}

const emptyStats = (): RpcProxyStats => ({
  httpRequests: 0,
  total: 0,
  byMethod: {},
  refused: { range: 0, results: 0, rate: 0 },
  rateLimitedByMethod: {},
  logRefusals: [],
});
const KEPT_REFUSALS = 20;

export async function startRpcProxy(options: RpcProxyOptions): Promise<RpcProxy> {
  const maxLogRange = options.maxLogRange ?? PROXY_DEFAULTS.maxLogRange;
  const maxLogResults = options.maxLogResults ?? PROXY_DEFAULTS.maxLogResults;
  const rate = options.ratePerSecond ?? PROXY_DEFAULTS.ratePerSecond;
  const burst = options.burst ?? PROXY_DEFAULTS.burst;
  if (!(maxLogRange >= 1) || !(maxLogResults >= 0) || !(rate > 0) || !(burst >= 1))
    throw new Error("startRpcProxy: the limits must be positive (maxLogRange and burst at least 1)");
  const bucket = new TokenBucket(rate, burst);
  const unmetered = new Set<string>(options.unmetered ?? PROXY_DEFAULTS.unmetered);
  let stats = emptyStats();
  let nextUpstreamId = 1;

  async function upstream(call: Call): Promise<Reply> {
    const res = await fetch(options.upstream, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: call.id ?? null, method: call.method, params: call.params ?? [] }),
    });
    return (await res.json()) as Reply;
  }

  /** The proxy's own reads of the node (not counted). */
  async function read(method: string, params: unknown[]): Promise<unknown> {
    const reply = await upstream({ id: `proxy-${nextUpstreamId++}`, method, params });
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result;
  }

  /** A block tag or number of a log filter as a block number; undefined when it is not one (the node answers). */
  async function blockNumber(tag: unknown, head: () => Promise<bigint>): Promise<bigint | undefined> {
    if (tag === undefined || tag === "latest" || tag === "pending") return head();
    if (tag === "earliest") return 0n;
    if (tag === "safe" || tag === "finalized") {
      const block = (await read("eth_getBlockByNumber", [tag, false])) as { number: string } | null;
      return block ? BigInt(block.number) : undefined;
    }
    if (typeof tag === "string" && /^0x[0-9a-fA-F]+$/.test(tag)) return BigInt(tag);
    return undefined;
  }

  async function getLogs(call: Call): Promise<Reply> {
    const id = call.id ?? null;
    const filter = Array.isArray(call.params) ? (call.params[0] as Record<string, unknown> | undefined) : undefined;
    // A block-hash filter names one block: no range to check.
    if (!filter || typeof filter !== "object" || filter.blockHash !== undefined) return logsCapped(call, undefined);
    let headBlock: bigint | undefined;
    const head = async () => (headBlock ??= BigInt((await read("eth_blockNumber", [])) as string));
    const from = await blockNumber(filter.fromBlock, head);
    const to = await blockNumber(filter.toBlock, head);
    if (from === undefined || to === undefined || to < from) return logsCapped(call, undefined);
    if (Number(to - from + 1n) > maxLogRange) {
      stats.refused.range++;
      refusal("range", filter, Number(to - from + 1n));
      return {
        jsonrpc: "2.0",
        id,
        error: {
          code: -32600,
          message:
            `You can make eth_getLogs requests with up to a ${maxLogRange} block range. Based on your parameters, ` +
            `this block range should work: [${hex(from)}, ${hex(from + BigInt(maxLogRange) - 1n)}]`,
        },
      };
    }
    // The node reads exactly the range checked (the head may move between the check and the read).
    return logsCapped({ ...call, params: [{ ...filter, fromBlock: hex(from), toBlock: hex(to) }] }, from, to);
  }

  function refusal(reason: LogRefusal["reason"], filter: Record<string, unknown>, blocks?: number) {
    // As JSON keeps it (no undefined fields), so `stats()` and the stats endpoint agree.
    const record = { reason, fromBlock: filter.fromBlock, toBlock: filter.toBlock, blocks, address: filter.address };
    stats.logRefusals.push(JSON.parse(JSON.stringify(record)) as LogRefusal);
    if (stats.logRefusals.length > KEPT_REFUSALS) stats.logRefusals.shift();
  }

  async function logsCapped(call: Call, from?: bigint, to?: bigint): Promise<Reply> {
    const reply = await upstream(call);
    const logs = reply.result;
    if (!Array.isArray(logs) || logs.length <= maxLogResults) return reply;
    stats.refused.results++;
    const filter = (call.params as Record<string, unknown>[])[0];
    refusal("results", filter, from !== undefined && to !== undefined ? Number(to - from + 1n) : undefined);
    const first = from ?? BigInt((logs[0] as { blockNumber: string }).blockNumber);
    const over = BigInt((logs[maxLogResults] as { blockNumber: string }).blockNumber);
    const end = over > first ? over - 1n : first;
    return {
      jsonrpc: "2.0",
      id: call.id ?? null,
      error: {
        code: -32602,
        message:
          `Log response size exceeded. You can make eth_getLogs requests with up to a ${maxLogRange} block range and ` +
          `no limit on the response size, or you can request any block range with a cap of ${maxLogResults} logs in ` +
          `the response. Based on your parameters and the response size limit, this block range should work: ` +
          `[${hex(first)}, ${hex(end)}]`,
      },
    };
  }

  async function answer(call: Call): Promise<Reply> {
    if (!call || typeof call !== "object" || typeof call.method !== "string")
      return { jsonrpc: "2.0", id: call?.id ?? null, error: { code: -32600, message: "invalid request" } };
    try {
      return call.method === "eth_getLogs" ? await getLogs(call) : await upstream(call);
    } catch (err) {
      return { jsonrpc: "2.0", id: call.id ?? null, error: { code: -32603, message: `upstream: ${String(err)}` } };
    }
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Any origin (the dApp is served from another port); `Retry-After` readable by the page's fetch.
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-expose-headers", "Retry-After");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "content-type",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    const path = new URL(req.url ?? "/", "http://proxy").pathname;
    if (req.method === "GET" && path === STATS_PATH) return send(res, 200, stats);
    if (req.method === "POST" && path === RESET_PATH) {
      reset();
      return send(res, 200, stats);
    }
    if (req.method !== "POST") return send(res, 405, { error: "JSON-RPC takes POST" }, { allow: "POST, OPTIONS" });

    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    stats.httpRequests++;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 200, { jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } });
    }
    const batch = Array.isArray(body);
    const calls = (batch ? body : [body]) as Call[];
    if (calls.length === 0)
      return send(res, 200, { jsonrpc: "2.0", id: null, error: { code: -32600, message: "empty batch" } });
    for (const call of calls) {
      const method = typeof call?.method === "string" ? call.method : "(invalid)";
      stats.total++;
      stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
    }
    const metered = calls.filter((c) => !unmetered.has(c?.method as string)).length;
    const wait = metered > 0 ? bucket.take(metered) : 0;
    if (wait > 0) {
      stats.refused.rate += calls.length;
      for (const call of calls) {
        const method = typeof call?.method === "string" ? call.method : "(invalid)";
        stats.rateLimitedByMethod[method] = (stats.rateLimitedByMethod[method] ?? 0) + 1;
      }
      const refusals = calls.map((c) => ({
        jsonrpc: "2.0",
        id: c?.id ?? null,
        error: { code: 429, message: RATE_MESSAGE },
      }));
      return send(res, 429, batch ? refusals : refusals[0], { "retry-after": String(Math.max(1, Math.ceil(wait))) });
    }
    // A batch's calls in order, one after the other (its transactions keep their nonce order).
    const replies: Reply[] = [];
    for (const c of calls) replies.push(await answer(c));
    send(res, 200, batch ? replies : replies[0]);
  }

  function reset() {
    stats = emptyStats();
    bucket.refill();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, { jsonrpc: "2.0", id: null, error: { code: -32603, message: String(err) } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address === "0.0.0.0" ? "127.0.0.1" : address}:${port}`;
  return {
    url,
    statsUrl: url + STATS_PATH,
    resetUrl: url + RESET_PATH,
    stats: () => structuredClone(stats),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
