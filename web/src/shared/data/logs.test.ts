// The bounded chain reads on their own: chunking under a provider's range and result limits, back-off on 429, and
// incremental folding that reads each block once (plus the re-org window).
import { HttpRequestError, LimitExceededRpcError, parseAbi, RpcRequestError, type Address, type RpcLog } from "viem";
import { describe, expect, it } from "vitest";
import { ChunkedLogs, classifyLogsError, IncrementalLogReader, type DecodedLog, type EventFold } from "./logs";
import { encodeLog, fakeChain, hash32 } from "./testing";

const abi = parseAbi(["event Counted(address indexed who, uint256 amount)"]);
const A: Address = "0x00000000000000000000000000000000000000a1";
const B: Address = "0x00000000000000000000000000000000000000b2";

/** A log of `Counted(who, amount)` in block `block`. */
const counted = (block: bigint, amount: bigint, who: Address = A, hash = 1n): RpcLog =>
  encodeLog(abi, "Counted", { who, amount }, { address: A, block, transactionHash: hash32(hash) });

interface Limits {
  maxRange?: bigint;
  maxResults?: number;
  /** Calls answered 429 before the next success. */
  rateLimited?: number;
}

/** A JSON-RPC client at `head` over `logs`, refusing like public endpoints do (viem's error classes, as its transport throws them). */
function provider(head: bigint, logs: RpcLog[], limits: Limits = {}) {
  const url = "https://rpc.example";
  let rateLimited = limits.rateLimited ?? 0;
  return fakeChain({
    head,
    logs,
    refuse(from, to, hits) {
      if (rateLimited) {
        rateLimited--;
        throw new HttpRequestError({ url, status: 429, details: "Too Many Requests" });
      }
      if (limits.maxRange !== undefined && to - from + 1n > limits.maxRange)
        throw new RpcRequestError({
          url,
          body: {},
          error: { code: -32600, message: `eth_getLogs is limited to a ${limits.maxRange} block range` },
        });
      if (limits.maxResults !== undefined && hits.length > limits.maxResults)
        throw new LimitExceededRpcError(
          new RpcRequestError({
            url,
            body: {},
            error: { code: -32005, message: "query returned more than 10000 results" },
          }),
        );
    },
  });
}

const noSleep = { sleep: async () => undefined };

describe("ChunkedLogs", () => {
  it("learns a provider's 1,000-block limit once, then reads in 1,000-block chunks without another refusal", async () => {
    const { chain: p, client } = provider(10_000n, [counted(10n, 1n), counted(4_321n, 2n)], { maxRange: 1_000n });
    const reader = new ChunkedLogs(client, { maxRange: 2_000n, ...noSleep });
    const logs = await reader.read([A], 1n, 4_999n);
    expect(logs.map((l) => l.blockNumber)).toEqual([10n, 4_321n]);
    expect(reader.stats).toEqual({ requests: 6, refused: 1, rateLimited: 0 });
    expect(p.ranges.slice(1).map((c) => c.to - c.from + 1n)).toEqual([1_000n, 1_000n, 1_000n, 1_000n, 999n]);
    p.ranges.length = 0;
    await reader.read([A], 5_000n, 9_999n);
    expect(p.ranges.every((c) => c.to - c.from + 1n <= 1_000n)).toBe(true);
    expect(reader.stats.refused).toBe(1);
  });

  it("halves a dense range whose results exceed the provider's cap, and returns every log once, in order", async () => {
    const logs = Array.from({ length: 30 }, (_, i) => counted(100n + BigInt(i), BigInt(i)));
    const { chain: p, client } = provider(1_000n, logs, { maxResults: 10 });
    const reader = new ChunkedLogs(client, { maxRange: 2_000n, ...noSleep });
    const out = await reader.read([A], 1n, 1_000n);
    expect(out.map((l) => l.blockNumber)).toEqual(logs.map((l) => BigInt(l.blockNumber!)));
    expect(reader.stats.refused).toBeGreaterThan(0);
    expect(p.ranges.filter((c) => c.from <= 129n && c.to >= 100n).length).toBeGreaterThan(1);
  });

  it("backs off on HTTP 429 with growing delays, then goes on", async () => {
    const delays: number[] = [];
    const { client } = provider(100n, [counted(50n, 7n)], { rateLimited: 3 });
    const reader = new ChunkedLogs(client, {
      backoffMs: 100,
      sleep: async (ms) => void delays.push(ms),
    });
    const out = await reader.read([A], 1n, 100n);
    expect(out).toHaveLength(1);
    expect(reader.stats.rateLimited).toBe(3);
    expect(delays).toHaveLength(3);
    expect(delays[1]).toBeGreaterThanOrEqual(200);
    expect(delays[2]).toBeGreaterThanOrEqual(400);
  });

  it("gives up after its retries and throws the provider's error", async () => {
    const { chain: p, client } = provider(100n, [], { rateLimited: 10 });
    const reader = new ChunkedLogs(client, { retries: 2, ...noSleep });
    await expect(reader.read([A], 1n, 100n)).rejects.toBeInstanceOf(HttpRequestError);
    expect(p.ranges).toHaveLength(3);
  });
});

describe("classifyLogsError", () => {
  const url = "https://rpc.example";
  const rpc = (code: number, message: string) => new RpcRequestError({ url, body: {}, error: { code, message } });
  it.each([
    [
      "Alchemy's range refusal",
      rpc(-32600, "You can make eth_getLogs requests with up to a 500 block range."),
      "range",
    ],
    ["Infura's result cap", rpc(-32005, "query returned more than 10000 results"), "range"],
    ["a 413", new HttpRequestError({ url, status: 413 }), "range"],
    ["HTTP 429", new HttpRequestError({ url, status: 429 }), "rate"],
    ["a JSON-RPC rate limit", rpc(-32005, "daily request count exceeded, request rate limited"), "rate"],
    ["a 503", new HttpRequestError({ url, status: 503 }), "transient"],
    ["a programming error", new TypeError("x is undefined"), "fatal"],
  ] as const)("%s is %s", (_, err, kind) => {
    expect(classifyLogsError(err)).toBe(kind);
  });
});

/** Sums of `amount` per account, and the number of logs folded (to see each log is folded once). */
interface Sums {
  total: Record<string, string>;
  folded: number;
}
const sums: EventFold<typeof abi, Sums> = {
  initial: () => ({ total: {}, folded: 0 }),
  apply(state, logs: readonly DecodedLog<typeof abi>[]) {
    for (const log of logs) {
      const who = log.args.who.toLowerCase();
      state.total[who] = (BigInt(state.total[who] ?? 0) + log.args.amount).toString();
      state.folded++;
    }
  },
};

describe("IncrementalLogReader", () => {
  it("starts at the deployment block and reads only the new blocks on each refresh", async () => {
    const { chain: p, client } = provider(5_000n, [counted(3_000n, 5n)]);
    const reader = new IncrementalLogReader({ client, abi, addresses: [A], fromBlock: 2_500n, fold: sums });
    const first = await reader.sync();
    expect(first.block).toBe(5_000n);
    expect(first.state.total[A]).toBe("5");
    expect(p.ranges[0].from).toBe(2_500n);
    p.logs.push(counted(5_001n, 2n));
    p.head = 5_001n;
    p.ranges.length = 0;
    const next = await reader.sync();
    expect(p.ranges).toEqual([{ from: 5_001n, to: 5_001n }]);
    expect(next.state).toEqual({ total: { [A]: "7" }, folded: 2 });
    p.ranges.length = 0;
    await reader.sync();
    expect(p.ranges).toEqual([]);
  });

  it("re-reads the last blocks on each refresh and follows a re-organisation there without folding twice", async () => {
    const { chain: p, client } = provider(100n, [counted(90n, 1n), counted(99n, 10n, A, 0xaan)]);
    const reader = new IncrementalLogReader({
      client,
      abi,
      addresses: [A],
      fromBlock: 1n,
      fold: sums,
      reorgDepth: 3n,
    });
    expect((await reader.sync()).state.total[A]).toBe("11");
    // Block 99 is re-organised: its log now pays B instead of A.
    p.logs[1] = counted(99n, 10n, B, 0xbbn);
    p.ranges.length = 0;
    const after = await reader.sync();
    expect(p.ranges).toEqual([{ from: 98n, to: 100n }]);
    expect(after.state).toEqual({ total: { [A]: "1", [B]: "10" }, folded: 2 });
    // Once past the re-org window, the block is final and never read again.
    p.head = 110n;
    p.ranges.length = 0;
    const later = await reader.sync();
    expect(p.ranges).toEqual([{ from: 98n, to: 110n }]);
    expect(later.state.folded).toBe(2);
    p.ranges.length = 0;
    await reader.sync();
    expect(p.ranges).toEqual([{ from: 108n, to: 110n }]);
  });

  it("runs overlapping refreshes one after the other", async () => {
    const { chain: p, client } = provider(50n, [counted(10n, 4n)]);
    const reader = new IncrementalLogReader({ client, abi, addresses: [A], fromBlock: 1n, fold: sums });
    const [a, b] = await Promise.all([reader.sync(), reader.sync()]);
    expect(a.state.folded).toBe(1);
    expect(b.state.folded).toBe(1);
    expect(p.ranges).toHaveLength(1);
  });
});

describe("IncrementalLogReader.latest", () => {
  /** A chain at `head` over `logs` whose blocks are 1,000 s + their number. */
  const timed = (head: bigint, logs: RpcLog[]) => fakeChain({ head, logs, time: (b) => 1_000n + b });

  it("gives the reads a new block sets off at once one head request and one log read", async () => {
    const { chain, client } = timed(40n, [counted(10n, 4n)]);
    const reader = new IncrementalLogReader({ client, abi, addresses: [A], fromBlock: 1n, fold: sums });
    const all = await Promise.all([reader.latest(), reader.latest(), reader.latest()]);
    expect(all.map((r) => [r.block, r.time, r.state.folded])).toEqual([
      [40n, 1_040, 1],
      [40n, 1_040, 1],
      [40n, 1_040, 1],
    ]);
    expect(chain.calls).toEqual(["eth_getBlockByNumber", "eth_getLogs"]);
  });

  it("a read made while a refresh runs gets the next refresh, which sees the block mined meanwhile", async () => {
    const { chain, client } = timed(40n, [counted(10n, 4n)]);
    const reader = new IncrementalLogReader({ client, abi, addresses: [A], fromBlock: 1n, fold: sums });
    const first = reader.latest();
    await Promise.resolve(); // the first refresh has started (its head request is out)
    chain.logs.push(counted(41n, 6n));
    chain.head = 41n;
    const second = reader.latest();
    expect((await first).block).toBe(40n);
    const after = await second;
    expect(after.block).toBe(41n);
    expect(after.state.total[A]).toBe("10");
    expect(chain.calls.filter((c) => c === "eth_getBlockByNumber")).toHaveLength(2);
  });
});
