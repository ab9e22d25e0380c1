// The bounded chain reads on their own: chunking under a provider's range and result limits, back-off on 429, and
// incremental folding that reads each block once (plus the re-org window).
import {
  encodeAbiParameters,
  encodeEventTopics,
  HttpRequestError,
  LimitExceededRpcError,
  numberToHex,
  parseAbi,
  RpcRequestError,
  type Address,
  type RpcLog,
} from "viem";
import { describe, expect, it } from "vitest";
import { ChunkedLogs, classifyLogsError, IncrementalLogReader, type DecodedLog, type EventFold } from "./logs";

const abi = parseAbi(["event Counted(address indexed who, uint256 amount)"]);
const A: Address = "0x00000000000000000000000000000000000000a1";
const B: Address = "0x00000000000000000000000000000000000000b2";

/** A log of `Counted(who, amount)` in block `block`. */
function counted(block: bigint, amount: bigint, who: Address = A, hash = "0x01"): RpcLog {
  return {
    address: A,
    topics: encodeEventTopics({ abi, eventName: "Counted", args: { who } }) as RpcLog["topics"],
    data: encodeAbiParameters([{ type: "uint256" }], [amount]),
    blockNumber: numberToHex(block),
    blockHash: `0x${block.toString(16).padStart(64, "0")}`,
    logIndex: "0x0",
    transactionHash: `0x${hash.slice(2).padStart(64, "0")}`,
    transactionIndex: "0x0",
    removed: false,
  };
}

interface Provider {
  head: bigint;
  logs: RpcLog[];
  maxRange?: bigint;
  maxResults?: number;
  /** Calls answered 429 before the next success. */
  rateLimited?: number;
  calls: { from: bigint; to: bigint }[];
}

/** A JSON-RPC client over `p`, refusing like public endpoints do (viem's error classes, as its transport throws them). */
function client(p: Provider) {
  const url = "https://rpc.example";
  return {
    async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
      if (method !== "eth_getLogs") throw new Error(`unexpected ${method}`);
      const [{ fromBlock, toBlock }] = params as [{ fromBlock: `0x${string}`; toBlock: `0x${string}` }];
      const from = BigInt(fromBlock);
      const to = BigInt(toBlock);
      p.calls.push({ from, to });
      if (p.rateLimited) {
        p.rateLimited--;
        throw new HttpRequestError({ url, status: 429, details: "Too Many Requests" });
      }
      if (p.maxRange !== undefined && to - from + 1n > p.maxRange)
        throw new RpcRequestError({
          url,
          body: {},
          error: { code: -32600, message: `eth_getLogs is limited to a ${p.maxRange} block range` },
        });
      const hits = p.logs.filter((l) => BigInt(l.blockNumber!) >= from && BigInt(l.blockNumber!) <= to);
      if (p.maxResults !== undefined && hits.length > p.maxResults)
        throw new LimitExceededRpcError(
          new RpcRequestError({
            url,
            body: {},
            error: { code: -32005, message: "query returned more than 10000 results" },
          }),
        );
      return hits;
    },
    async getBlockNumber() {
      return p.head;
    },
  };
}

const noSleep = { sleep: async () => undefined };

describe("ChunkedLogs", () => {
  it("learns a provider's 1,000-block limit once, then reads in 1,000-block chunks without another refusal", async () => {
    const p: Provider = { head: 10_000n, logs: [counted(10n, 1n), counted(4_321n, 2n)], maxRange: 1_000n, calls: [] };
    const reader = new ChunkedLogs(client(p), { maxRange: 2_000n, ...noSleep });
    const logs = await reader.read([A], 1n, 4_999n);
    expect(logs.map((l) => l.blockNumber)).toEqual([10n, 4_321n]);
    expect(reader.stats).toEqual({ requests: 6, refused: 1, rateLimited: 0 });
    expect(p.calls.slice(1).map((c) => c.to - c.from + 1n)).toEqual([1_000n, 1_000n, 1_000n, 1_000n, 999n]);
    p.calls.length = 0;
    await reader.read([A], 5_000n, 9_999n);
    expect(p.calls.every((c) => c.to - c.from + 1n <= 1_000n)).toBe(true);
    expect(reader.stats.refused).toBe(1);
  });

  it("halves a dense range whose results exceed the provider's cap, and returns every log once, in order", async () => {
    const logs = Array.from({ length: 30 }, (_, i) => counted(100n + BigInt(i), BigInt(i)));
    const p: Provider = { head: 1_000n, logs, maxResults: 10, calls: [] };
    const reader = new ChunkedLogs(client(p), { maxRange: 2_000n, ...noSleep });
    const out = await reader.read([A], 1n, 1_000n);
    expect(out.map((l) => l.blockNumber)).toEqual(logs.map((l) => BigInt(l.blockNumber!)));
    expect(reader.stats.refused).toBeGreaterThan(0);
    expect(p.calls.filter((c) => c.from <= 129n && c.to >= 100n).length).toBeGreaterThan(1);
  });

  it("backs off on HTTP 429 with growing delays, then goes on", async () => {
    const delays: number[] = [];
    const p: Provider = { head: 100n, logs: [counted(50n, 7n)], rateLimited: 3, calls: [] };
    const reader = new ChunkedLogs(client(p), {
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
    const p: Provider = { head: 100n, logs: [], rateLimited: 10, calls: [] };
    const reader = new ChunkedLogs(client(p), { retries: 2, ...noSleep });
    await expect(reader.read([A], 1n, 100n)).rejects.toBeInstanceOf(HttpRequestError);
    expect(p.calls).toHaveLength(3);
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
    const p: Provider = { head: 5_000n, logs: [counted(3_000n, 5n)], calls: [] };
    const reader = new IncrementalLogReader({ client: client(p), abi, addresses: [A], fromBlock: 2_500n, fold: sums });
    const first = await reader.sync();
    expect(first.block).toBe(5_000n);
    expect(first.state.total[A]).toBe("5");
    expect(p.calls[0].from).toBe(2_500n);
    p.logs.push(counted(5_001n, 2n));
    p.head = 5_001n;
    p.calls.length = 0;
    const next = await reader.sync();
    expect(p.calls).toEqual([{ from: 5_001n, to: 5_001n }]);
    expect(next.state).toEqual({ total: { [A]: "7" }, folded: 2 });
    p.calls.length = 0;
    await reader.sync();
    expect(p.calls).toEqual([]);
  });

  it("re-reads the last blocks on each refresh and follows a re-organisation there without folding twice", async () => {
    const p: Provider = { head: 100n, logs: [counted(90n, 1n), counted(99n, 10n, A, "0xaa")], calls: [] };
    const reader = new IncrementalLogReader({
      client: client(p),
      abi,
      addresses: [A],
      fromBlock: 1n,
      fold: sums,
      reorgDepth: 3n,
    });
    expect((await reader.sync()).state.total[A]).toBe("11");
    // Block 99 is re-organised: its log now pays B instead of A.
    p.logs[1] = counted(99n, 10n, B, "0xbb");
    p.calls.length = 0;
    const after = await reader.sync();
    expect(p.calls).toEqual([{ from: 98n, to: 100n }]);
    expect(after.state).toEqual({ total: { [A]: "1", [B]: "10" }, folded: 2 });
    // Once past the re-org window, the block is final and never read again.
    p.head = 110n;
    p.calls.length = 0;
    const later = await reader.sync();
    expect(p.calls).toEqual([{ from: 98n, to: 110n }]);
    expect(later.state.folded).toBe(2);
    p.calls.length = 0;
    await reader.sync();
    expect(p.calls).toEqual([{ from: 108n, to: 110n }]);
  });

  it("runs overlapping refreshes one after the other", async () => {
    const p: Provider = { head: 50n, logs: [counted(10n, 4n)], calls: [] };
    const reader = new IncrementalLogReader({ client: client(p), abi, addresses: [A], fromBlock: 1n, fold: sums });
    const [a, b] = await Promise.all([reader.sync(), reader.sync()]);
    expect(a.state.folded).toBe(1);
    expect(b.state.folded).toBe(1);
    expect(p.calls).toHaveLength(1);
  });
});

describe("IncrementalLogReader.latest", () => {
  /** `client(p)` with the head block's time, counting head requests. */
  function headed(p: Provider) {
    const c = client(p);
    const heads = { count: 0 };
    return {
      heads,
      client: {
        ...c,
        async getBlock() {
          heads.count++;
          return { number: p.head, timestamp: 1_000n + p.head };
        },
      },
    };
  }

  it("gives the reads a new block sets off at once one head request and one log read", async () => {
    const p: Provider = { head: 40n, logs: [counted(10n, 4n)], calls: [] };
    const { heads, client: c } = headed(p);
    const reader = new IncrementalLogReader({ client: c, abi, addresses: [A], fromBlock: 1n, fold: sums });
    const all = await Promise.all([reader.latest(), reader.latest(), reader.latest()]);
    expect(all.map((r) => [r.block, r.time, r.state.folded])).toEqual([
      [40n, 1_040, 1],
      [40n, 1_040, 1],
      [40n, 1_040, 1],
    ]);
    expect(heads.count).toBe(1);
    expect(p.calls).toHaveLength(1);
  });

  it("a read made while a refresh runs gets the next refresh, which sees the block mined meanwhile", async () => {
    const p: Provider = { head: 40n, logs: [counted(10n, 4n)], calls: [] };
    const { heads, client: c } = headed(p);
    const reader = new IncrementalLogReader({ client: c, abi, addresses: [A], fromBlock: 1n, fold: sums });
    const first = reader.latest();
    await Promise.resolve(); // the first refresh has started (its head request is out)
    p.logs.push(counted(41n, 6n));
    p.head = 41n;
    const second = reader.latest();
    expect((await first).block).toBe(40n);
    const after = await second;
    expect(after.block).toBe(41n);
    expect(after.state.total[A]).toBe("10");
    expect(heads.count).toBe(2);
  });
});
