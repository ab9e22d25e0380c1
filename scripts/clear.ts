// `npm run clear -- [options]`: computes the optimal multilateral set-off of a credit network's open obligations (read
// from the chain, or from a CSV/JSON file), writes it for review (--out, --batches, --json) and, with --submit,
// applies it on chain in chunks that fit a gas budget. `npm run clear -- --help` for the options and exit codes.
// Only the browser-safe solver and viem are imported up front: the file source works on a fresh clone; the chain
// source loads the generated SDK (ABIs, deployments) when it runs.
import { getHashes, createHash } from "node:crypto";
import { createWriteStream, existsSync, realpathSync, rmSync, statSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  formatUnits,
  getAddress,
  http,
  isAddress,
  keccak256,
  parseEventLogs,
  toBytes,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { mnemonicToAccount, privateKeyToAccount, type Account } from "viem/accounts";
import {
  chunkSolution,
  BRIDGE_EDGES,
  CLEARING_GAS_BASE,
  CLEARING_GAS_PER_EDGE,
  chunkEdges,
  dualBound,
  edgesForGas,
  netPositions,
  solveClearing,
  verifyBatch,
  type ClearingBridge,
  type ClearingSolution,
  type LiquidityInput,
  type ObligationInput,
} from "../sdk/src/clearing/index.ts";
import { ChunkedLogs } from "../web/src/shared/data/logs.ts";
import { ObligationsFileError, readObligationsFile } from "./lib/obligations-file.ts";

/** Exit codes of the CLI (documented in --help and docs/clearing-solver.md). */
export const EXIT = {
  /** Solved (and written, and submitted when asked); also when there is nothing to clear. */
  ok: 0,
  /** Runtime failure: RPC, a reverted or refused transaction, an internal verification failure, a write error. */
  failure: 1,
  /** Invalid usage or an invalid input file. */
  usage: 2,
  /** The confirmation to submit was declined. */
  declined: 3,
} as const;

/** The SDK's gas model of a clearing transaction (sdk/src/clearing/gas.ts): a fixed part plus a part per edge. */
export const GAS_PER_EDGE = CLEARING_GAS_PER_EDGE;
export const GAS_BASE = CLEARING_GAS_BASE;
/** Default gas budget per clearing transaction (--gas-budget). */
export const DEFAULT_GAS_BUDGET = 10_000_000n;
/** Default widest block range of one eth_getLogs call (--log-window). */
export const DEFAULT_LOG_WINDOW = 10_000n;
const TEST_MNEMONIC = "test test test test test test test test test test test junk";
const NEEDS_SDK =
  "the chain source needs the generated SDK (sdk/src/generated/ is missing): run `npx hardhat build && " +
  "node scripts/gen-sdk.ts` first (npm start and npm run deploy do both); the --file source does not need it";

const HELP = `Usage: npm run clear -- [options]      (or: node scripts/clear.ts [options])

Reads the open obligations of a CreditNetwork (or of a file), computes the batch of set-offs that clears the most
debt without changing any member's net position, proves it optimal, prints the summary, writes it for review and,
with --submit, sends it in chunks that each fit a gas budget.

Source (the chain by default, or --file):
  --file <path>           obligations from a file (works without compiling anything):
                            CSV (.csv .tsv .txt): header id,debtor,creditor,amount in any order, separator , ; or
                            tab, "quoted" fields, # comments; JSON (.json): [{"id":"1","debtor":"0x…",
                            "creditor":"0x…","amount":"100"}, …]; either gzip-compressed (.gz). Amounts are whole
                            base units; ids and amounts below 2^256.
  --rpc <url>             JSON-RPC endpoint (default $RPC_URL or http://127.0.0.1:8545)
  --network <address>     CreditNetwork address (default: the SDK's deployment on the chain)
  --liquidity             also use credit lines offered as liquidity (reads CreditLineUpdated logs)
  --from-block <n>        first block of the log reads (default: the SDK's deployment block of the network;
                          required with --liquidity for a network the SDK does not know)
  --log-window <blocks>   widest block range of one eth_getLogs call (default ${DEFAULT_LOG_WINDOW}; halved when refused)
Output:
  --out <path>            CSV id,setoff: each obligation's set-off (> 0), ascending id, base units
  --batches <path>        the chunks as JSON Lines, one transaction's batch per line
  --json                  print the summary as one JSON object (other messages go to stderr)
  Files are written to a temporary file and renamed; when nothing clears, --out has only its header and
  --batches is empty. A run that fails before writing removes the old files at those paths.
Chunks (for --batches and --submit):
  --gas-budget <gas>      gas per clearing transaction, ${GAS_BASE} + ${GAS_PER_EDGE} per set-off (default
                          ${DEFAULT_GAS_BUDGET}, or half the block gas limit if that is lower)
  --chunk-edges <n>       at most n set-offs per transaction (overrides --gas-budget)
  A cycle longer than a chunk is split into parts, each leaving a bridge obligation (the cycle's first member
  owes the last one reached) that the next part sets off: every part conserves every member's position.
Submitting (chain source only):
  --submit                send the chunks, one transaction each; parts of a split cycle with clearPart, which
                          only a steward may call (refused if a chunk is over the budget)
  --account <i>           Hardhat test account index (local chain 31337 only), or set $PRIVATE_KEY
  --yes                   do not ask for confirmation (required when stdin is not a terminal)
  --help
Exit codes:
  0  solved (written, submitted when asked), or nothing to clear
  1  runtime failure: RPC error, reverted transaction, internal verification failure, chunk over the gas budget
     with --submit, write error
  2  invalid usage or invalid input file (the message names file:line and the column)
  3  the confirmation to submit was declined`;

/** A usage error (exit 2): wrong options, or the chain source without the generated SDK. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Where main() prints: stdout lines and stderr lines. */
export interface Io {
  out?: (line: string) => void;
  err?: (line: string) => void;
}

type ChainSdk = {
  creditNetworkAbi: Abi;
  deployments: Record<number, Partial<Record<string, { address: string; startBlock: number }>>>;
};

/** The generated ABIs and deployments (sdk/src/generated/), loaded only by the chain source. */
export async function loadChainSdk(): Promise<ChainSdk> {
  try {
    const [abis, addresses] = await Promise.all([
      import("../sdk/src/generated/abis.ts"),
      import("../sdk/src/generated/addresses.ts"),
    ]);
    return { creditNetworkAbi: abis.creditNetworkAbi as Abi, deployments: addresses.deployments };
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") throw new UsageError(NEEDS_SDK);
    throw error;
  }
}

export interface ChainObligations {
  obligations: ObligationInput[];
  liquidity: LiquidityInput[];
  /** Open obligations left out because a party has not consented to clearing. */
  excluded: number;
  decimals: number;
  symbol: string;
}

/**
 * The open obligations (remaining > 0) of `network` whose parties both consented to clearing, and, if asked, the
 * liquidity: for every accepted line giver -> receiver whose giver offered liquidity, what the receiver can still
 * pay the giver (`payCapacity`). The lines come from CreditLineUpdated logs read from `fromBlock` to the head in
 * windows of at most `logWindow` blocks (never one unbounded call).
 */
export async function readChainObligations(
  client: PublicClient,
  network: Address,
  opts: {
    fromBlock?: bigint;
    logWindow?: bigint;
    liquidity?: boolean;
    onProgress?: (done: number, total: number) => void;
    sdk?: ChainSdk;
  } = {},
): Promise<ChainObligations> {
  const { creditNetworkAbi } = opts.sdk ?? (await loadChainSdk());
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    client.readContract({ address: network, abi: creditNetworkAbi, functionName, args } as never) as Promise<T>;
  const [count, decimals, symbol] = await Promise.all([
    read<bigint>("obligationCount"),
    read<number>("decimals"),
    read<string>("symbol"),
  ]);
  const consent = new Map<string, { clearing: boolean; liquidity: boolean }>();
  const memberOf = async (a: string) => {
    const key = a.toLowerCase();
    let m = consent.get(key);
    if (!m) {
      const r = await read<{ clearing: boolean; liquidity: boolean }>("member", [a]);
      m = { clearing: r.clearing, liquidity: r.liquidity };
      consent.set(key, m);
    }
    return m;
  };
  const obligations: ObligationInput[] = [];
  let excluded = 0;
  const OPEN = 2;
  const BATCH = 200;
  for (let start = 1n; start <= count; start += BigInt(BATCH)) {
    const ids: bigint[] = [];
    for (let id = start; id < start + BigInt(BATCH) && id <= count; id++) ids.push(id);
    const rows = await Promise.all(
      ids.map((id) =>
        read<{ debtor: Address; creditor: Address; remaining: bigint; status: number }>("obligation", [id]),
      ),
    );
    for (let i = 0; i < ids.length; i++) {
      const o = rows[i];
      if (o.status !== OPEN || o.remaining === 0n) continue;
      const [d, c] = await Promise.all([memberOf(o.debtor), memberOf(o.creditor)]);
      if (!d.clearing || !c.clearing) {
        excluded++;
        continue;
      }
      obligations.push({ id: ids[i], debtor: o.debtor, creditor: o.creditor, amount: o.remaining });
    }
    opts.onProgress?.(Number(ids[ids.length - 1]), Number(count));
  }

  const liquidity: LiquidityInput[] = [];
  if (opts.liquidity) {
    if (opts.fromBlock === undefined) throw new UsageError("--liquidity needs the block to read logs from");
    // Every line ever set: CreditLineUpdated(giver, receiver, limit); the current limit comes from the view.
    const head = await client.getBlockNumber();
    const reader = new ChunkedLogs(client, { maxRange: opts.logWindow ?? DEFAULT_LOG_WINDOW });
    const raw = opts.fromBlock <= head ? await reader.read([network], opts.fromBlock, head) : [];
    const logs = parseEventLogs({ abi: creditNetworkAbi, logs: raw, eventName: "CreditLineUpdated" });
    const seen = new Set<string>();
    for (const log of logs) {
      const { giver, receiver } = (log as unknown as { args: { giver: Address; receiver: Address } }).args;
      const key = `${giver}-${receiver}`.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const [g, r] = await Promise.all([memberOf(giver), memberOf(receiver)]);
      if (!g.liquidity || !g.clearing || !r.clearing) continue;
      const capacity = await read<bigint>("payCapacity", [receiver, giver]);
      if (capacity > 0n) liquidity.push({ payer: receiver, payee: giver, capacity });
    }
  }
  return { obligations, liquidity, excluded, decimals: Number(decimals), symbol };
}

/** A text progress bar on stderr (only when it is a terminal). */
export function progressBar(label: string): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    if (!process.stderr.isTTY) return;
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    process.stderr.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${pct}%`);
    if (done >= total) process.stderr.write("\n");
  };
}

/** Set-offs (edges) that fit in `gas`: (gas - GAS_BASE) / GAS_PER_EDGE, at least 1. */
export const setOffsForGas = edgesForGas;

/** Largest chunk that fits comfortably (half) in a block of `gasLimit`. */
export function chunkEdgesFor(gasLimit: bigint): number {
  return setOffsForGas(gasLimit / 2n);
}

/**
 * Net internal debt after the batch: the sum of the positive obligation net positions once the set-offs are applied.
 * Set-offs alone leave every net position as it was; a credit move `payer` pays `payee` `t` on credit moves `t` of
 * net obligation debt from the payer onto its credit line (payer's net position + t, payee's - t).
 */
export function netInternalDebtAfter(
  obligations: readonly ObligationInput[],
  solution: Pick<ClearingSolution, "creditMoves" | "nid">,
): bigint {
  if (solution.creditMoves.length === 0) return solution.nid;
  const net = new Map<string, bigint>();
  for (const [member, value] of netPositions(obligations)) net.set(member.toLowerCase(), value);
  for (const { payer, payee, amount } of solution.creditMoves) {
    net.set(payer.toLowerCase(), (net.get(payer.toLowerCase()) ?? 0n) + amount);
    net.set(payee.toLowerCase(), (net.get(payee.toLowerCase()) ?? 0n) - amount);
  }
  let nid = 0n;
  for (const v of net.values()) if (v > 0n) nid += v;
  return nid;
}

/**
 * The batch's solution id: keccak256 of the UTF-8 JSON `[["id","amount"],…]` of its set-offs (ascending id), as
 * `clear` records it. Hashed in pieces (Node's Keccak-256 when it has one), never as one giant string.
 */
export function solutionIdOf(setOffs: ClearingSolution["setOffs"]): Hex {
  const pieces = function* (): Generator<string> {
    let s = "[";
    for (let i = 0; i < setOffs.length; i++) {
      s += `${i ? "," : ""}["${setOffs[i].id}","${setOffs[i].amount}"]`;
      if (s.length >= 1 << 16) {
        yield s;
        s = "";
      }
    }
    yield `${s}]`;
  };
  if (getHashes().includes("keccak-256")) {
    const hash = createHash("keccak-256");
    for (const piece of pieces()) hash.update(piece, "utf8");
    return `0x${hash.digest("hex")}`;
  }
  return keccak256(toBytes([...pieces()].join("")));
}

/**
 * Sends each chunk as one transaction: `clear`, or for a part of a split cycle the steward's `clearPart` (refused
 * before anything is sent when `account` is not a steward and some chunk is a part). Returns their hashes and gas used.
 */
export async function submitChunks(
  client: PublicClient,
  account: Account,
  network: Address,
  chunks: ClearingSolution[],
  solutionId: Hex,
  log: (line: string) => void = console.log,
  sdk?: ChainSdk,
): Promise<{ hash: Hex; gasUsed: bigint; epoch: bigint }[]> {
  const { creditNetworkAbi } = sdk ?? (await loadChainSdk());
  const parts = chunks.filter((c) => c.split).length;
  if (parts > 0) {
    const read = { address: network, abi: creditNetworkAbi } as const;
    const role = (await client.readContract({ ...read, functionName: "STEWARD_ROLE" } as never)) as Hex;
    const steward = await client.readContract({
      ...read,
      functionName: "hasRole",
      args: [role, account.address],
    } as never);
    if (!steward) {
      throw new Error(
        `not sent: ${parts} chunk(s) are parts of a cycle longer than one transaction holds, which only a steward ` +
          `may submit (clearPart); ${account.address} is not a steward of ${network}`,
      );
    }
  }
  const url = client.transport.url as string;
  const chain = defineChain({
    id: await client.getChainId(),
    name: "target",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  const wallet = createWalletClient({ account, chain, transport: http(url) });
  const sent = [];
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    const batch = [
      solutionId,
      c.setOffs.map((s) => ({ obligationId: s.id, amount: s.amount })),
      c.creditMoves.map((m) => ({ payer: m.payer as Address, payee: m.payee as Address, amount: m.amount })),
    ] as const;
    const call = c.split
      ? { functionName: "clearPart", args: [...batch, bridgeArg(c.split.bridge)] }
      : { functionName: "clear", args: batch };
    // Simulate first: a stale batch (someone cleared or paid in between) fails here with the contract's error.
    const { request, result } = await client.simulateContract({
      address: network,
      abi: creditNetworkAbi,
      ...call,
      account,
    } as never);
    const hash = await wallet.writeContract(request as never);
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`chunk ${i + 1}: transaction ${hash} reverted`);
    const epoch = (c.split ? (result as readonly bigint[])[0] : result) as bigint;
    const part = c.split ? `, part ${c.split.index}/${c.split.count} of a split cycle` : "";
    log(
      `chunk ${i + 1}/${chunks.length}: epoch ${epoch}${part}, ${c.setOffs.length} set-offs, gas ${receipt.gasUsed}, tx ${hash}`,
    );
    sent.push({ hash, gasUsed: receipt.gasUsed, epoch });
  }
  return sent;
}

/** A part's bridge as `clearPart` takes it (amount 0: the last part leaves none). */
function bridgeArg(bridge: ClearingBridge | undefined) {
  const none = "0x0000000000000000000000000000000000000000" as Address;
  return bridge
    ? { debtor: bridge.debtor as Address, creditor: bridge.creditor as Address, amount: bridge.amount }
    : { debtor: none, creditor: none, amount: 0n };
}

function accountFrom(opts: { account?: string }, chainId: number): Account {
  if (process.env.PRIVATE_KEY) return privateKeyToAccount(process.env.PRIVATE_KEY as Hex);
  if (opts.account !== undefined) {
    if (chainId !== 31337) throw new UsageError("--account uses Hardhat's public test keys: local chain (31337) only");
    if (!/^\d+$/.test(opts.account))
      throw new UsageError(`--account: expected an account index, got "${opts.account}"`);
    return mnemonicToAccount(TEST_MNEMONIC, { addressIndex: Number(opts.account) });
  }
  throw new UsageError("--submit needs $PRIVATE_KEY (or --account <i> on the local chain)");
}

async function confirm(question: string, write: (text: string) => void): Promise<boolean> {
  write(`${question} [y/N] `);
  const answer = await new Promise<string>((resolve) => process.stdin.once("data", (d) => resolve(String(d))));
  process.stdin.pause();
  return /^y(es)?$/i.test(answer.trim());
}

/** A whole number option (digits only), at least `min`. */
function wholeOption(values: Record<string, unknown>, name: string, min: bigint): bigint | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^\d+$/.test(raw) || BigInt(raw) < min) {
    throw new UsageError(`--${name}: expected a whole number >= ${min} (digits only), got "${String(raw)}"`);
  }
  return BigInt(raw);
}

/** Writes `pieces` to a temporary file next to `path`, then renames it to `path` (never a half-written file). */
async function writeReplacing(path: string, pieces: Iterable<string>): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await pipeline(Readable.from(batched(pieces)), createWriteStream(temporary));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Joins small strings into pieces of about 64 KiB. */
function* batched(pieces: Iterable<string>): Generator<string> {
  let s = "";
  for (const piece of pieces) {
    s += piece;
    if (s.length >= 1 << 16) {
      yield s;
      s = "";
    }
  }
  if (s) yield s;
}

/** `--out`: the CSV id,setoff (ascending id, base units). */
function* setOffRows(solution: ClearingSolution): Generator<string> {
  yield "id,setoff\n";
  for (const s of solution.setOffs) yield `${s.id},${s.amount}\n`;
}

/** `--batches`: one JSON object per chunk and line (every integer a string). */
function* batchLines(chunks: ClearingSolution[], solutionId: Hex): Generator<string> {
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    yield (
      JSON.stringify({
        chunk: i + 1,
        chunks: chunks.length,
        solutionId,
        setOffs: c.setOffs.map((s) => [String(s.id), String(s.amount)]),
        creditMoves: c.creditMoves.map((m) => [m.payer, m.payee, String(m.amount)]),
        obligationsBefore: String(c.obligationsBefore),
        cleared: String(c.cleared),
        netInternalDebt: String(c.nid),
        // A part of a split cycle: sent with clearPart, right after the part before it; `bridge` is what it leaves.
        ...(c.split
          ? {
              call: "clearPart",
              part: c.split.index,
              parts: c.split.count,
              bridge: c.split.bridge
                ? [c.split.bridge.debtor, c.split.bridge.creditor, String(c.split.bridge.amount)]
                : null,
            }
          : { call: "clear" }),
      }) + "\n"
    );
  }
}

/** The summary `--json` prints (amounts as decimal strings of base units, counts and times as numbers). */
export interface ClearSummary {
  source: "file" | "chain";
  file: string | null;
  network: string | null;
  chainId: number | null;
  /** Token symbol and decimals (chain source); null for a file (amounts are base units). */
  symbol: string | null;
  decimals: number | null;
  obligations: number;
  members: number;
  /** Open obligations left out (a party has not consented to clearing; chain source). */
  excluded: number;
  obligationsBefore: string;
  cleared: string;
  clearedPercent: number;
  /** dualBound(obligations, potentials, liquidity): no batch can clear more. */
  optimumBound: string | null;
  /** cleared == optimumBound: the batch is proven optimal. */
  optimal: boolean;
  movedToCredit: string;
  creditMoves: number;
  remaining: string;
  nidBefore: string;
  nidAfter: string;
  setOffs: number;
  chunks: number | null;
  maxSetOffsPerChunk: number;
  gasBudget: string;
  /**
   * Chunks (1-based) over the budget, with their size in edges (a part of a split cycle counts the bridges it sets
   * off and leaves; only a budget below the smallest part, one edge and two bridges, leaves a chunk over it).
   */
  chunksOverBudget: { chunk: number; setOffs: number }[];
  /** Cycles longer than one chunk, each split into parts sent with the steward's clearPart; and those parts. */
  splitCycles: number;
  splitParts: number;
  solutionId: string | null;
  out: string | null;
  batches: string | null;
  transactions: { chunk: number; hash: string; gasUsed: string; epoch: string }[];
  /** Milliseconds per stage. */
  ms: { read: number; solve: number; verify: number; chunk: number; write: number };
}

/** An amount for people: exact, digits grouped, in tokens (with decimals) or base units. */
function amountText(value: bigint, decimals: number | null, symbol: string | null): string {
  const text = decimals === null ? String(value) : formatUnits(value, decimals);
  const [whole, fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped}${fraction ? `.${fraction}` : ""} ${decimals === null ? "base units" : symbol}`;
}

/** The summary as text lines. */
export function summaryLines(s: ClearSummary): string[] {
  const f = (v: string) => amountText(BigInt(v), s.decimals, s.symbol);
  const n = (v: number) => v.toLocaleString("en");
  const lines = [
    `obligations            ${n(s.obligations)} among ${n(s.members)} members`,
    `before                 ${f(s.obligationsBefore)}`,
    `cleared                ${f(s.cleared)}  (${s.clearedPercent}%) in ${n(s.setOffs)} set-offs`,
    s.optimumBound === null
      ? `optimum bound          (no certificate)`
      : s.optimal
        ? `optimum bound          ${f(s.optimumBound)}  = cleared: the batch is optimal (dual certificate)`
        : `optimum bound          ${f(s.optimumBound)}  ABOVE cleared: not proven optimal`,
  ];
  if (s.creditMoves > 0) lines.push(`moved onto credit      ${f(s.movedToCredit)}  (${n(s.creditMoves)} credit moves)`);
  lines.push(
    `after                  ${f(s.remaining)}`,
    `NID before             ${f(s.nidBefore)}  (net internal debt: the floor set-off alone cannot go below)`,
    `NID after              ${f(s.nidAfter)}`,
  );
  const budget = `gas budget ${n(Number(s.gasBudget))}`;
  if (s.chunks === null) lines.push(`chunks                 not split (--batches or --submit splits the batch)`);
  else if (s.chunks === 0) lines.push(`chunks                 0`);
  else if (s.chunksOverBudget.length === 0) {
    lines.push(`chunks                 ${n(s.chunks)} of at most ${n(s.maxSetOffsPerChunk)} set-offs each (${budget})`);
    if (s.splitCycles > 0) {
      lines.push(
        `split cycles           ${n(s.splitCycles)} cycle(s) longer than a chunk, in ${n(s.splitParts)} parts ` +
          `(a steward sends them: clearPart, each leaving a bridge obligation the next part sets off)`,
      );
    }
  } else {
    lines.push(
      `chunks                 ${n(s.chunks)}, ${s.chunksOverBudget.length} of them over the ${budget} (≈ ${n(s.maxSetOffsPerChunk)} set-offs)`,
    );
  }
  const t = s.ms;
  lines.push(
    `time                   read ${n(t.read)} ms, solve ${n(t.solve)} ms, verify ${n(t.verify)} ms, ` +
      `chunk ${n(t.chunk)} ms, write ${n(t.write)} ms`,
  );
  return lines;
}

/** The line for a chunk over the gas budget. */
function overBudgetLine(chunk: { chunk: number; setOffs: number }, gasBudget: bigint, max: number): string {
  return (
    `chunk ${chunk.chunk} holds ${chunk.setOffs.toLocaleString("en")} set-offs, over the gas budget of ` +
    `${Number(gasBudget).toLocaleString("en")} (≈ ${max.toLocaleString("en")} set-offs): a part of a split cycle holds ` +
    `at least one set-off and its two bridges (${BRIDGE_EDGES + 2} set-offs' worth)`
  );
}

/** One line of an error: viem's short message and details, or the message. */
function errorText(error: unknown): string {
  const e = error as { shortMessage?: string; details?: string; message?: string };
  if (e.shortMessage) return e.details ? `${e.shortMessage} (${e.details})` : e.shortMessage;
  return String(e.message ?? error);
}

/** Runs the CLI with `argv`; returns the exit code (see {@link EXIT}). Errors are printed as `clear: <message>`. */
export async function main(argv: string[], io: Io = {}): Promise<number> {
  const out = io.out ?? ((line: string) => console.log(line));
  const err = io.err ?? ((line: string) => console.error(line));
  const outputs: string[] = [];
  const state = { written: false };
  try {
    return await run(argv, out, err, outputs, state);
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      error instanceof ObligationsFileError ||
      String((error as { code?: string }).code ?? "").startsWith("ERR_PARSE_ARGS");
    err(`clear: ${errorText(error)}`);
    // A stale result must not pass for this run's.
    if (!state.written) {
      for (const path of outputs) {
        if (existsSync(path)) {
          rmSync(path, { force: true });
          err(`clear: removed ${path} (an earlier run's output; this run wrote none)`);
        }
      }
    }
    return usage ? EXIT.usage : EXIT.failure;
  }
}

async function run(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void,
  outputs: string[],
  state: { written: boolean },
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rpc: { type: "string" },
      network: { type: "string" },
      "from-block": { type: "string" },
      "log-window": { type: "string" },
      file: { type: "string" },
      liquidity: { type: "boolean" },
      out: { type: "string" },
      batches: { type: "string" },
      json: { type: "boolean" },
      submit: { type: "boolean" },
      "gas-budget": { type: "string" },
      "chunk-edges": { type: "string" },
      account: { type: "string" },
      yes: { type: "boolean" },
      help: { type: "boolean" },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    out(HELP);
    return EXIT.ok;
  }
  const json = values.json === true;
  const info = json ? err : out;
  const fromBlock = wholeOption(values, "from-block", 0n);
  const logWindow = wholeOption(values, "log-window", 1n) ?? DEFAULT_LOG_WINDOW;
  const chunkEdgesOption = wholeOption(values, "chunk-edges", 1n);
  const gasBudgetOption = wholeOption(values, "gas-budget", GAS_BASE + GAS_PER_EDGE);
  if (values.file !== undefined) {
    const chainOnly = ["rpc", "network", "from-block", "log-window", "liquidity", "submit", "account"] as const;
    const given = chainOnly.filter((o) => values[o] !== undefined);
    if (given.length > 0) throw new UsageError(`--${given.join(", --")} need the chain source, not --file`);
  }
  // Output paths: their folders must exist, and neither may be the input file.
  for (const option of ["out", "batches"] as const) {
    const path = values[option];
    if (path === undefined) continue;
    const folder = dirname(resolve(path));
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new UsageError(`--${option} ${path}: the folder ${folder} does not exist`);
    }
    if (values.file !== undefined && existsSync(values.file) && existsSync(path)) {
      if (realpathSync(path) === realpathSync(values.file)) {
        throw new UsageError(`--${option} ${path} is the input file`);
      }
    }
  }
  if (values.out !== undefined && values.batches !== undefined && resolve(values.out) === resolve(values.batches)) {
    throw new UsageError("--out and --batches name the same file");
  }
  if (values.out !== undefined) outputs.push(values.out);
  if (values.batches !== undefined) outputs.push(values.batches);
  if (values.submit && !values.yes && !process.stdin.isTTY) {
    throw new UsageError("--submit needs --yes when stdin is not a terminal (nobody can confirm)");
  }

  const ms = { read: 0, solve: 0, verify: 0, chunk: 0, write: 0 };
  let clock = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = Math.round(now - clock);
    clock = now;
    return elapsed;
  };

  // Read.
  let source: ChainObligations;
  let client: PublicClient | undefined;
  let network: Address | undefined;
  let chainId: number | null = null;
  let account: Account | undefined;
  let sdk: ChainSdk | undefined;
  let blockGasLimit: bigint | undefined;
  if (values.file !== undefined) {
    const file = await readObligationsFile(values.file);
    source = { obligations: file.obligations, liquidity: [], excluded: 0, decimals: 0, symbol: "" };
    info(`read ${file.obligations.length.toLocaleString("en")} obligations from ${values.file}`);
  } else {
    sdk = await loadChainSdk();
    const rpc = values.rpc ?? process.env.RPC_URL ?? "http://127.0.0.1:8545";
    client = createPublicClient({ transport: http(rpc) }) as PublicClient;
    chainId = await client.getChainId();
    const deployed = sdk.deployments[chainId]?.CreditNetwork;
    const address = values.network ?? deployed?.address;
    if (address === undefined || !isAddress(address, { strict: false })) {
      throw new UsageError(
        address === undefined
          ? `no CreditNetwork deployment for chain ${chainId} in the SDK: give --network <address>`
          : `--network: expected an address (0x and 40 hex digits), got "${address}"`,
      );
    }
    network = getAddress(address);
    const known = deployed !== undefined && deployed.address.toLowerCase() === network.toLowerCase();
    const start = fromBlock ?? (known ? BigInt(deployed.startBlock) : undefined);
    if (values.liquidity && start === undefined) {
      throw new UsageError(
        `--liquidity reads logs: give --from-block <n> (the block CreditNetwork ${network} was deployed in; ` +
          `the SDK has no deployment of it on chain ${chainId})`,
      );
    }
    if (values.submit) account = accountFrom(values, chainId);
    blockGasLimit = (await client.getBlock()).gasLimit;
    if (gasBudgetOption !== undefined && gasBudgetOption > blockGasLimit) {
      throw new UsageError(`--gas-budget ${gasBudgetOption} is above the block gas limit (${blockGasLimit})`);
    }
    info(`network ${network} on chain ${chainId} (${rpc})`);
    source = await readChainObligations(client, network, {
      fromBlock: start,
      logWindow,
      liquidity: values.liquidity,
      onProgress: progressBar("reading obligations"),
      sdk,
    });
    if (source.excluded) {
      info(`${source.excluded} open obligations left out: a party has not consented to clearing`);
    }
  }
  ms.read = lap();

  // Solve.
  const { obligations, liquidity } = source;
  const solution = solveClearing(obligations, { liquidity, onProgress: progressBar("solving") });
  ms.solve = lap();

  // Verify: the contract's checks, the optimality bound, NID after.
  const empty = solution.setOffs.length === 0;
  if (!empty) {
    const check = verifyBatch(obligations, solution, liquidity);
    if (!check.ok) throw new Error(`internal error: the solution does not verify (${check.reason})`);
  }
  const bound = solution.potentials ? dualBound(obligations, solution.potentials, liquidity) : null;
  const nidAfter = netInternalDebtAfter(obligations, solution);
  ms.verify = lap();

  // Chunk.
  let gasBudget = gasBudgetOption ?? DEFAULT_GAS_BUDGET;
  if (blockGasLimit !== undefined && gasBudgetOption === undefined && blockGasLimit / 2n < gasBudget) {
    gasBudget = blockGasLimit / 2n;
  }
  let maxEdges = setOffsForGas(gasBudget);
  if (chunkEdgesOption !== undefined) {
    maxEdges = Number(chunkEdgesOption);
    gasBudget = GAS_BASE + GAS_PER_EDGE * chunkEdgesOption;
  }
  // Chunks only when they are written or sent: at a million obligations they take longer than the solve.
  const wantChunks = !empty && (values.batches !== undefined || values.submit === true);
  const chunks = wantChunks ? chunkSolution(solution, obligations, maxEdges, liquidity) : [];
  const over = chunks.map((c, i) => ({ chunk: i + 1, setOffs: chunkEdges(c) })).filter((c) => c.setOffs > maxEdges);
  const solutionId = empty ? null : solutionIdOf(solution.setOffs);
  ms.chunk = lap();

  // Write.
  if (values.out !== undefined) await writeReplacing(values.out, setOffRows(solution));
  if (values.batches !== undefined) await writeReplacing(values.batches, batchLines(chunks, solutionId ?? "0x"));
  state.written = true;
  ms.write = lap();

  const before = solution.obligationsBefore;
  const summary: ClearSummary = {
    source: values.file !== undefined ? "file" : "chain",
    file: values.file ?? null,
    network: network ?? null,
    chainId,
    symbol: values.file !== undefined ? null : source.symbol,
    decimals: values.file !== undefined ? null : source.decimals,
    obligations: obligations.length,
    members: solution.members,
    excluded: source.excluded,
    obligationsBefore: String(before),
    cleared: String(solution.cleared),
    clearedPercent: before === 0n ? 0 : Number((solution.cleared * 10_000n) / before) / 100,
    optimumBound: bound === null ? null : String(bound),
    optimal: bound === solution.cleared,
    movedToCredit: String(solution.movedToCredit),
    creditMoves: solution.creditMoves.length,
    remaining: String(before - solution.cleared),
    nidBefore: String(solution.nid),
    nidAfter: String(nidAfter),
    setOffs: solution.setOffs.length,
    chunks: empty || wantChunks ? chunks.length : null,
    maxSetOffsPerChunk: maxEdges,
    gasBudget: String(gasBudget),
    chunksOverBudget: over,
    splitCycles: chunks.filter((c) => c.split?.index === 1).length,
    splitParts: chunks.filter((c) => c.split).length,
    solutionId,
    out: values.out ?? null,
    batches: values.batches ?? null,
    transactions: [],
    ms,
  };
  const printJson = () =>
    out(JSON.stringify(summary, (_key, value) => (typeof value === "bigint" ? String(value) : value)));
  if (!json) for (const line of summaryLines(summary)) out(line);
  const warn = json ? err : out;
  for (const c of over.slice(0, 10)) warn(overBudgetLine(c, gasBudget, maxEdges));
  if (over.length > 10) warn(`… and ${over.length - 10} more chunks over the gas budget (--json lists them all)`);
  if (values.out !== undefined) info(`wrote ${values.out} (${solution.setOffs.length.toLocaleString("en")} set-offs)`);
  if (values.batches !== undefined) info(`wrote ${values.batches} (${chunks.length.toLocaleString("en")} chunk(s))`);
  if (empty) {
    info("nothing to clear: no cycle of consented obligations");
    if (json) printJson();
    return EXIT.ok;
  }
  info(`the batch verifies (ordering, bounds, every net position unchanged); solution id ${solutionId}`);
  if (!values.submit) {
    if (json) printJson();
    return EXIT.ok;
  }

  // Submit.
  if (over.length > 0) {
    if (json) printJson();
    throw new Error(
      `not sent: ${over.length} chunk(s) over the gas budget (a part of a split cycle needs room for ` +
        `${BRIDGE_EDGES + 2} set-offs: one and the two bridges)`,
    );
  }
  const ask = (text: string) => void (json ? process.stderr : process.stdout).write(text);
  if (!values.yes && !(await confirm(`send ${chunks.length} transaction(s) from ${account!.address}?`, ask))) {
    info("not sent (use --yes to skip the question)");
    if (json) printJson();
    return EXIT.declined;
  }
  const sent = await submitChunks(client!, account!, network!, chunks, solutionId!, info, sdk);
  summary.transactions = sent.map((t, i) => ({
    chunk: i + 1,
    hash: t.hash,
    gasUsed: String(t.gasUsed),
    epoch: String(t.epoch),
  }));
  if (json) printJson();
  return EXIT.ok;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`clear: ${error.message}`);
      process.exit(EXIT.failure);
    },
  );
}
