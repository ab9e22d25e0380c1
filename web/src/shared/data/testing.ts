// Test plumbing shared by the modules' reader tests: real ABI-encoded logs and hand-built decoded ones, decoding as
// the chain reader decodes, a stand-in JSON-RPC client serving eth_getLogs from a list, and a stand-in graph-node.
import {
  encodeAbiParameters,
  encodeEventTopics,
  formatLog,
  numberToHex,
  parseEventLogs,
  type Abi,
  type AbiEvent,
  type Address,
  type Hex,
  type PublicClient,
  type RpcLog,
} from "viem";
import { vi } from "vitest";
import type { DecodedLog } from "./logs";

/** `n` as a 32-byte hash (a block or transaction hash of a test log). */
export const hash32 = (n: bigint | number): Hex => `0x${BigInt(n).toString(16).padStart(64, "0")}`;

export { eventLogId } from "./logs";

/** Where a test log stands: the contract that emits it, its block, its index and its transaction. */
export interface LogPlace {
  address: Address;
  block: bigint | number;
  /** Default 0. */
  logIndex?: number;
  /** Default: `hash32(block * 1000 + logIndex)`. */
  transactionHash?: Hex;
  /** Default: `hash32(block)`. */
  blockHash?: Hex;
}

function place(at: LogPlace) {
  const block = BigInt(at.block);
  const logIndex = at.logIndex ?? 0;
  return {
    block,
    logIndex,
    blockHash: at.blockHash ?? hash32(block),
    transactionHash: at.transactionHash ?? hash32(block * 1000n + BigInt(logIndex)),
  };
}

/** The raw log of `eventName(args)` of `abi` at `at`, ABI-encoded as eth_getLogs returns it. */
export function encodeLog(abi: Abi, eventName: string, args: Record<string, unknown>, at: LogPlace): RpcLog {
  const event = abi.find((x): x is AbiEvent => x.type === "event" && x.name === eventName);
  if (!event) throw new Error(`no event ${eventName} in the ABI`);
  const indexed = Object.fromEntries(event.inputs.filter((i) => i.indexed).map((i) => [i.name!, args[i.name!]]));
  const data = event.inputs.filter((i) => !i.indexed);
  const p = place(at);
  return {
    address: at.address,
    topics: encodeEventTopics({ abi: [event], eventName, args: indexed } as never) as RpcLog["topics"],
    data: encodeAbiParameters(
      data,
      data.map((i) => args[i.name!]),
    ),
    blockNumber: numberToHex(p.block),
    blockHash: p.blockHash,
    logIndex: numberToHex(p.logIndex),
    transactionHash: p.transactionHash,
    transactionIndex: "0x0",
    removed: false,
  };
}

/** Raw logs decoded as the chain reader decodes them (viem's formatLog, then parseEventLogs, strict). */
export function decodeLogs<const A extends Abi>(abi: A, logs: readonly RpcLog[]): DecodedLog<A>[] {
  return parseEventLogs({ abi, logs: logs.map((l) => formatLog(l)), strict: true }) as unknown as DecodedLog<A>[];
}

/**
 * A decoded log built by hand, as parseEventLogs gives it (no ABI: a fold reads only the name, the arguments and the
 * place); with the block's time when the RPC would carry one. `L` is the module's decoded log type.
 */
export function decodedLog<L>(eventName: string, args: object, at: LogPlace & { blockTimestamp?: bigint | number }): L {
  const p = place(at);
  return {
    eventName,
    args,
    address: at.address,
    blockNumber: p.block,
    blockHash: p.blockHash,
    logIndex: p.logIndex,
    transactionHash: p.transactionHash,
    transactionIndex: 0,
    data: "0x",
    topics: [],
    removed: false,
    ...(at.blockTimestamp !== undefined ? { blockTimestamp: BigInt(at.blockTimestamp) } : {}),
  } as unknown as L;
}

/** What a stand-in chain holds and what was asked of it. Tests change `head` and `logs` between reads. */
export interface FakeChain {
  head: bigint;
  logs: RpcLog[];
  /** Every request in order, by JSON-RPC method (`eth_call <function>` for a view call). */
  calls: string[];
  /** The block ranges eth_getLogs was asked for. */
  ranges: { from: bigint; to: bigint }[];
  /** The blocks whose header was read by number (not the latest block's). */
  blocks: bigint[];
}

export interface FakeChainOptions {
  head?: bigint;
  logs?: RpcLog[];
  /** A block's time (eth_getBlockByNumber); without it the head's time is 0 and a read of another header fails. */
  time?: (block: bigint) => bigint;
  /** View call answers by function name; a call to another function fails. */
  views?: Record<string, unknown>;
  /** Throws to refuse an eth_getLogs range (a public endpoint's limits), given the logs it would return. */
  refuse?: (from: bigint, to: bigint, hits: readonly RpcLog[]) => void;
}

/** A JSON-RPC client over a stand-in chain: eth_getLogs from `logs`, the head, block headers and view calls. */
export function fakeChain(options: FakeChainOptions = {}): { chain: FakeChain; client: PublicClient } {
  const chain: FakeChain = { head: options.head ?? 0n, logs: options.logs ?? [], calls: [], ranges: [], blocks: [] };
  const client = {
    async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
      chain.calls.push(method);
      if (method !== "eth_getLogs") throw new Error(`unexpected ${method}`);
      const [{ fromBlock, toBlock }] = params as [{ fromBlock: Hex; toBlock: Hex }];
      const from = BigInt(fromBlock);
      const to = BigInt(toBlock);
      chain.ranges.push({ from, to });
      const hits = chain.logs.filter((l) => BigInt(l.blockNumber!) >= from && BigInt(l.blockNumber!) <= to);
      options.refuse?.(from, to, hits);
      return hits;
    },
    // viem's getLogs (one call, no chunking: for reads that bound their range themselves).
    async getLogs({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) {
      chain.calls.push("eth_getLogs");
      chain.ranges.push({ from: fromBlock, to: toBlock });
      return chain.logs.filter((l) => BigInt(l.blockNumber!) >= fromBlock && BigInt(l.blockNumber!) <= toBlock);
    },
    async getBlockNumber() {
      chain.calls.push("eth_blockNumber");
      return chain.head;
    },
    async getBlock(args: { blockNumber?: bigint; blockTag?: string } = {}) {
      chain.calls.push("eth_getBlockByNumber");
      const number = args.blockNumber ?? chain.head;
      if (args.blockNumber !== undefined) {
        if (!options.time) throw new Error(`unexpected eth_getBlockByNumber(${number})`);
        chain.blocks.push(number);
      }
      return { number, timestamp: options.time?.(number) ?? 0n };
    },
    async readContract({ functionName }: { functionName: string }) {
      chain.calls.push(`eth_call ${functionName}`);
      if (!options.views || !(functionName in options.views)) throw new Error(`unexpected eth_call ${functionName}`);
      return options.views[functionName];
    },
  };
  return { chain, client: client as unknown as PublicClient };
}

/** How many of `calls` are `method` (`eth_call` counts every view call, `eth_call name` those of one function). */
export const count = (calls: readonly string[], method: string) =>
  calls.filter((c) => c === method || c.startsWith(`${method} `)).length;

/** What was asked of a stand-in chain so far, by kind (a snapshot: later requests do not change it). */
export function tally(chain: FakeChain) {
  return {
    getLogs: count(chain.calls, "eth_getLogs"),
    blockNumbers: count(chain.calls, "eth_blockNumber"),
    getBlock: count(chain.calls, "eth_getBlockByNumber"),
    readContract: count(chain.calls, "eth_call"),
    blockTimes: [...chain.blocks],
  };
}

/** A request to the stand-in graph-node: its operation name (`query Name(`), text and variables. */
export interface GraphqlCall {
  op: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Stubs fetch as a graph-node endpoint: `answer` gives each request's `data`; returns the requests made, in order.
 * Undo with `vi.unstubAllGlobals()`.
 */
export function stubGraphql(
  answer: (op: string, variables: Record<string, unknown>, query: string) => unknown,
): GraphqlCall[] {
  const calls: GraphqlCall[] = [];
  vi.stubGlobal("fetch", async (_url: string, init: { body: string }) => {
    const { query, variables } = JSON.parse(init.body) as { query: string; variables: Record<string, unknown> };
    const op = /query (\w+)/.exec(query)?.[1] ?? "";
    calls.push({ op, query, variables });
    return new Response(JSON.stringify({ data: answer(op, variables, query) }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  });
  return calls;
}
