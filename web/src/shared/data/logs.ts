// Bounded, incremental event reads for every chain reader: logs from the contracts' deployment block, in ranges the
// RPC accepts (halved when it refuses a range or a result size, backing off on 429), folded once by a module's pure
// fold; each refresh reads only the blocks after the last one read, plus the last `reorgDepth` blocks again. Plain
// TypeScript (no parameter properties), so Node's type stripping loads it too.
import {
  formatLog,
  HttpRequestError,
  LimitExceededRpcError,
  numberToHex,
  parseEventLogs,
  RpcRequestError,
  type Abi,
  type Address,
  type Log,
  type Hex,
  type ParseEventLogsReturnType,
  type RpcLog,
} from "viem";

/**
 * The subgraph's id of an event-log entity (subgraph/src/utils/events.ts): block number (8 bytes) ++ log index in the
 * block (4 bytes), hex; ids in chain order, so a chain reader's list cut by it pages as the subgraph's does.
 */
export const eventLogId = (block: bigint | number, logIndex: bigint | number): Hex =>
  `0x${BigInt(block).toString(16).padStart(16, "0")}${BigInt(logIndex).toString(16).padStart(8, "0")}`;

/** A decoded log of `A`: its event name and named arguments, with block number, log index and transaction hash. */
export type DecodedLog<A extends Abi> = ParseEventLogsReturnType<A, undefined, true>[number];

/**
 * A module's fold: pure functions over a plain (structured-cloneable) state. `apply` changes the state in place
 * with logs in chain order; it never reads the chain.
 */
export interface EventFold<A extends Abi, S> {
  initial(): S;
  apply(state: S, logs: readonly DecodedLog<A>[]): void;
}

export interface RangeOptions {
  /** The widest range asked for in one `eth_getLogs` (default 2,000 blocks). */
  maxRange?: bigint;
  /** Attempts on a rate limit (HTTP 429) or a dropped connection before giving up (default 6). */
  retries?: number;
  /** First back-off delay in ms, doubled on each retry (default 250). */
  backoffMs?: number;
  /** Waits `ms` (tests replace it). */
  sleep?: (ms: number) => Promise<void>;
}

/** What the readers need of a viem client (a `PublicClient` has it). */
export interface LogsClient {
  request(
    args: { method: "eth_getLogs"; params: [{ address: Address[]; fromBlock: Hex; toBlock: Hex }] },
    options?: { retryCount?: number },
  ): Promise<unknown>;
  getBlockNumber(args?: { cacheTime?: number }): Promise<bigint>;
  /** The head block, for `IncrementalLogReader.latest` (a `PublicClient` has it). */
  getBlock?(args: { blockTag: "latest" }): Promise<{ number: bigint; timestamp: bigint }>;
}

/** Why an `eth_getLogs` call failed: the range or result size was refused, the caller is rate-limited, or other. */
export type LogsFailure = "range" | "rate" | "transient" | "fatal";

const RANGE_WORDS =
  /range|block.*(limit|many|large|exceed)|more than \d+|too many (results|logs)|response size|result.*(limit|exceed|large)|limit.*results|query timeout|10000|[0-9]+ blocks/i;
const RATE_WORDS = /rate.?limit|too many requests|exceeded.*(capacity|quota|per second)|throughput|429/i;

/** Classifies an error thrown by `eth_getLogs` the way public providers word it (Alchemy, Infura, QuickNode, …). */
export function classifyLogsError(err: unknown): LogsFailure {
  const chain: unknown[] = [];
  for (let e: unknown = err; e && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  const text = chain.map((e) => `${(e as Error).message ?? ""} ${(e as { details?: string }).details ?? ""}`).join(" ");
  const http = chain.find((e): e is HttpRequestError => e instanceof HttpRequestError);
  if (http?.status === 429 || RATE_WORDS.test(text)) return "rate";
  if (http?.status === 413 || RANGE_WORDS.test(text)) return "range";
  if (chain.some((e) => e instanceof LimitExceededRpcError)) return "range";
  if (http && (http.status === undefined || http.status >= 500 || http.status === 408)) return "transient";
  // Any other JSON-RPC error on a wide range is most likely a provider's own wording of a range limit.
  if (chain.some((e) => e instanceof RpcRequestError)) return "range";
  return "fatal";
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads the logs of some addresses over a block range in chunks. The chunk size adapts: a refused range is halved,
 * and the chunk never grows back above half the narrowest range refused, so a provider's limit is learned once.
 */
export class ChunkedLogs {
  /** The range of the next request; the learnt ceiling after a refusal. */
  private range: bigint;
  private ceiling: bigint;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests made, refused for their range, and rate-limited (for the bench and the tests). */
  readonly stats = { requests: 0, refused: 0, rateLimited: 0 };

  private readonly client: Pick<LogsClient, "request">;

  constructor(client: Pick<LogsClient, "request">, options: RangeOptions = {}) {
    this.client = client;
    this.range = this.ceiling = options.maxRange ?? 2_000n;
    if (this.range < 1n) throw new Error("ChunkedLogs: maxRange must be at least one block");
    this.retries = options.retries ?? 6;
    this.backoffMs = options.backoffMs ?? 250;
    this.sleep = options.sleep ?? wait;
  }

  /** The chunk size the next read starts with. */
  get chunk(): bigint {
    return this.range;
  }

  /** Every log of `addresses` in blocks `from`..`to` (inclusive), in chain order. */
  async read(addresses: readonly Address[], from: bigint, to: bigint): Promise<Log[]> {
    const out: Log[] = [];
    let start = from;
    let attempt = 0;
    while (start <= to) {
      const end = start + this.range - 1n < to ? start + this.range - 1n : to;
      try {
        this.stats.requests++;
        const logs = (await this.client.request(
          {
            method: "eth_getLogs",
            params: [{ address: [...addresses], fromBlock: numberToHex(start), toBlock: numberToHex(end) }],
          },
          { retryCount: 0 },
        )) as RpcLog[];
        for (const log of logs) out.push(formatLog(log));
        start = end + 1n;
        attempt = 0;
      } catch (err) {
        const failure = classifyLogsError(err);
        if (failure === "range" && end > start) {
          this.stats.refused++;
          const half = (end - start + 1n) / 2n;
          this.range = half;
          if (half < this.ceiling) this.ceiling = half;
          continue;
        }
        if ((failure === "rate" || failure === "transient") && attempt < this.retries) {
          if (failure === "rate") this.stats.rateLimited++;
          await this.sleep(this.backoffMs * 2 ** attempt + Math.floor(Math.random() * this.backoffMs));
          attempt++;
          continue;
        }
        throw err;
      }
    }
    return out;
  }
}

export interface IncrementalOptions<A extends Abi, S> extends RangeOptions {
  client: LogsClient;
  /** The ABI every address's events decode with (the module's contracts' ABIs merged). */
  abi: A;
  addresses: readonly Address[];
  /** The first block to read: the contracts' deployment block. */
  fromBlock: bigint;
  fold: EventFold<A, S>;
  /** Blocks read again on every refresh, in case the chain re-organised them (0 on the local chain). */
  reorgDepth?: bigint;
}

/** The folded state as of a block. */
export interface Synced<S> {
  state: S;
  block: bigint;
}

/** The folded state at the head, and the head's time (seconds). */
export interface Latest<S> extends Synced<S> {
  time: number;
}

/**
 * A module's events folded into its state, kept between refreshes: `sync(head)` reads only the blocks not read yet.
 * The state up to `head - reorgDepth` is final; the newer blocks are read again each time and folded onto a copy.
 */
export class IncrementalLogReader<A extends Abi, S> {
  readonly logs: ChunkedLogs;
  private final: S;
  /** The last block folded into `final` (the block before the deployment at first). */
  private finalTo: bigint;
  private queue: Promise<unknown> = Promise.resolve();
  /** The `latest()` refresh queued but not started yet: later callers share it. */
  private pending: Promise<Latest<S>> | undefined;
  private readonly reorgDepth: bigint;

  private readonly options: IncrementalOptions<A, S>;

  constructor(options: IncrementalOptions<A, S>) {
    this.options = options;
    this.logs = new ChunkedLogs(options.client, options);
    this.final = options.fold.initial();
    this.finalTo = options.fromBlock - 1n;
    this.reorgDepth = options.reorgDepth ?? 0n;
  }

  /** Folds every block up to `head` (default: the latest) and returns the state there. Calls run one at a time. */
  sync(head?: bigint): Promise<Synced<S>> {
    const run = this.queue.then(() => this.step(head));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The state at the head block, with its time: what every screen read asks for. The reads a new block sets off at
   * once share one refresh: a call joins the refresh that has not started yet (it reads the head after the call, so
   * it sees every block up to then); otherwise it queues the next one. One head request and one log read per refresh.
   */
  latest(): Promise<Latest<S>> {
    if (this.pending) return this.pending;
    const { client } = this.options;
    if (!client.getBlock) throw new Error("IncrementalLogReader.latest needs a client with getBlock");
    const getBlock = client.getBlock.bind(client);
    const run = this.queue.then(async () => {
      this.pending = undefined;
      const head = await getBlock({ blockTag: "latest" });
      const { state, block } = await this.step(head.number);
      return { state, block, time: Number(head.timestamp) };
    });
    this.pending = run;
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async step(head?: bigint): Promise<Synced<S>> {
    const { client, abi, addresses, fold } = this.options;
    const latest = head ?? (await client.getBlockNumber({ cacheTime: 0 }));
    if (latest <= this.finalTo) return { state: this.final, block: this.finalTo };
    const raw = await this.logs.read(addresses, this.finalTo + 1n, latest);
    const decoded = parseEventLogs({ abi, logs: raw, strict: true }) as unknown as DecodedLog<A>[];
    const settled = latest - this.reorgDepth;
    const older = decoded.filter((l) => l.blockNumber <= settled);
    const newer = decoded.filter((l) => l.blockNumber > settled);
    if (settled > this.finalTo) {
      fold.apply(this.final, older);
      this.finalTo = settled;
    }
    if (latest === this.finalTo) return { state: this.final, block: latest };
    // The blocks that may still be re-organised: folded onto a copy, and read again next time.
    const state = structuredClone(this.final);
    fold.apply(state, newer);
    return { state, block: latest };
  }
}
