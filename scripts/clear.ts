// `node scripts/clear.ts`: computes the optimal multilateral set-off of a credit network's open obligations and,
// with --submit, applies it on chain in chunks that fit a block. Run `node scripts/clear.ts --help` for the options.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  formatUnits,
  getAddress,
  http,
  keccak256,
  parseAbiItem,
  stringToHex,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { mnemonicToAccount, privateKeyToAccount, type Account } from "viem/accounts";
import {
  chunkSolution,
  creditNetworkAbi,
  deployments,
  solveClearing,
  verifyBatch,
  type ClearingSolution,
  type LiquidityInput,
  type ObligationInput,
} from "../sdk/src/index.ts";

const HELP = `Usage: node scripts/clear.ts [options]

Reads the open obligations of a CreditNetwork (or a CSV/JSON file), computes the batch of set-offs that clears the
most debt without changing any member's net position, prints the before/after summary and, with --submit, sends
the batch in chunks that each fit in a block.

Source (one of):
  --rpc <url>             JSON-RPC endpoint (default $RPC_URL or http://127.0.0.1:8545)
  --network <address>     CreditNetwork address (default: the SDK's deployment for the chain)
  --from-block <n>        first block to scan for events (default 0)
  --file <path>           obligations from a file instead of the chain: CSV with a header
                          id,debtor,creditor,amount (integer base units) or JSON [{id,debtor,creditor,amount}]
Solving:
  --liquidity             also use credit lines offered as liquidity (chain source only)
  --out <path>            write the solution (and chunks) as JSON
Submitting (chain source only):
  --submit                send the batch
  --chunk-edges <n>       at most n set-offs per transaction (default: derived from the block gas limit)
  --account <i>           Hardhat test account index (local chain 31337 only), or set $PRIVATE_KEY
  --yes                   do not ask for confirmation (required when stdin is not a terminal)
  --help`;

/** Gas of a clearing transaction: about this much per set-off plus a fixed part (bench: 14.1k/edge, 77.6k for 3). */
const GAS_PER_EDGE = 16_000n;
const GAS_BASE = 60_000n;
const TEST_MNEMONIC = "test test test test test test test test test test test junk";

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
 * pay the giver (`payCapacity`).
 */
export async function readChainObligations(
  client: PublicClient,
  network: Address,
  opts: { fromBlock?: bigint; liquidity?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<ChainObligations> {
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
    // Every line ever set: CreditLineUpdated(giver, receiver, limit); the current limit comes from the view.
    const logs = await client.getLogs({
      address: network,
      event: parseAbiItem("event CreditLineUpdated(address indexed giver, address indexed receiver, uint256 limit)"),
      fromBlock: opts.fromBlock ?? 0n,
    });
    const seen = new Set<string>();
    for (const log of logs) {
      const { giver, receiver } = log.args as { giver: Address; receiver: Address };
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

/** Parses a CSV (header id,debtor,creditor,amount) or JSON obligations file. */
export function readObligationsFile(path: string): ObligationInput[] {
  const text = readFileSync(path, "utf8");
  const rows: { id: unknown; debtor: unknown; creditor: unknown; amount: unknown }[] = path.endsWith(".json")
    ? JSON.parse(text)
    : parseCsv(text);
  return rows.map((r, i) => {
    const where = `${path}: row ${i + 1}`;
    if (typeof r.debtor !== "string" || typeof r.creditor !== "string") throw new Error(`${where}: missing address`);
    const id = BigInt(String(r.id));
    const amount = BigInt(String(r.amount));
    if (amount <= 0n) throw new Error(`${where}: amount must be a positive integer (base units)`);
    return { id, debtor: getAddress(r.debtor), creditor: getAddress(r.creditor), amount };
  });
}

function parseCsv(text: string) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const header = lines[0].split(",").map((h) => h.trim());
  for (const h of ["id", "debtor", "creditor", "amount"]) {
    if (!header.includes(h)) throw new Error(`CSV header must contain id,debtor,creditor,amount (got ${lines[0]})`);
  }
  return lines.slice(1).map((line) => {
    const cells = line.split(",").map((c) => c.trim());
    return Object.fromEntries(header.map((h, i) => [h, cells[i]])) as Record<string, string> as never;
  });
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

export function summary(solution: ClearingSolution, decimals: number, symbol: string, obligations: number): string {
  const f = (v: bigint) =>
    `${Number(formatUnits(v, decimals)).toLocaleString("en", { maximumFractionDigits: 2 })} ${symbol}`;
  const after = solution.obligationsBefore - solution.cleared;
  const pct =
    solution.obligationsBefore === 0n ? 0 : Number((solution.cleared * 10_000n) / solution.obligationsBefore) / 100;
  return [
    `obligations            ${obligations} among ${solution.members} members`,
    `before                 ${f(solution.obligationsBefore)}`,
    `cleared                ${f(solution.cleared)}  (${pct}%) in ${solution.setOffs.length} set-offs`,
    `moved onto credit      ${f(solution.movedToCredit)}  (${solution.creditMoves.length} credit moves)`,
    `after                  ${f(after)}`,
    `net internal debt      ${f(solution.nid)}  (the floor set-off alone cannot go below)`,
  ].join("\n");
}

/** Largest chunk that fits comfortably (half) in a block of `gasLimit`. */
export function chunkEdgesFor(gasLimit: bigint): number {
  const edges = (gasLimit / 2n - GAS_BASE) / GAS_PER_EDGE;
  return Math.max(1, Number(edges));
}

/** Sends each chunk as one `clear` transaction; returns their hashes and gas used. */
export async function submitChunks(
  client: PublicClient,
  account: Account,
  network: Address,
  chunks: ClearingSolution[],
  solutionId: Hex,
  log: (line: string) => void = console.log,
): Promise<{ hash: Hex; gasUsed: bigint; epoch: bigint }[]> {
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
    const args = [
      solutionId,
      c.setOffs.map((s) => ({ obligationId: s.id, amount: s.amount })),
      c.creditMoves.map((m) => ({ payer: m.payer as Address, payee: m.payee as Address, amount: m.amount })),
    ] as const;
    // Simulate first: a stale batch (someone cleared or paid in between) fails here with the contract's error.
    const { request, result } = await client.simulateContract({
      address: network,
      abi: creditNetworkAbi,
      functionName: "clear",
      args,
      account,
    });
    const hash = await wallet.writeContract(request);
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`chunk ${i + 1}: transaction ${hash} reverted`);
    log(
      `chunk ${i + 1}/${chunks.length}: epoch ${result}, ${c.setOffs.length} set-offs, gas ${receipt.gasUsed}, tx ${hash}`,
    );
    sent.push({ hash, gasUsed: receipt.gasUsed, epoch: result as bigint });
  }
  return sent;
}

function accountFrom(opts: { account?: string }, chainId: number): Account {
  if (process.env.PRIVATE_KEY) return privateKeyToAccount(process.env.PRIVATE_KEY as Hex);
  if (opts.account !== undefined) {
    if (chainId !== 31337) throw new Error("--account uses Hardhat's public test keys: local chain (31337) only");
    return mnemonicToAccount(TEST_MNEMONIC, { addressIndex: Number(opts.account) });
  }
  throw new Error("--submit needs $PRIVATE_KEY (or --account <i> on the local chain)");
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  process.stdout.write(`${question} [y/N] `);
  const answer = await new Promise<string>((resolve) => process.stdin.once("data", (d) => resolve(String(d))));
  process.stdin.pause();
  return /^y(es)?$/i.test(answer.trim());
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rpc: { type: "string" },
      network: { type: "string" },
      "from-block": { type: "string" },
      file: { type: "string" },
      liquidity: { type: "boolean" },
      out: { type: "string" },
      submit: { type: "boolean" },
      "chunk-edges": { type: "string" },
      account: { type: "string" },
      yes: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  let source: ChainObligations;
  let client: PublicClient | undefined;
  let network: Address | undefined;
  if (values.file) {
    if (values.submit || values.liquidity)
      throw new Error("--submit and --liquidity need the chain source, not --file");
    source = {
      obligations: readObligationsFile(values.file),
      liquidity: [],
      excluded: 0,
      decimals: 18,
      symbol: "units",
    };
  } else {
    const rpc = values.rpc ?? process.env.RPC_URL ?? "http://127.0.0.1:8545";
    client = createPublicClient({ transport: http(rpc) }) as PublicClient;
    const chainId = await client.getChainId();
    network = getAddress(values.network ?? deployments[chainId]?.CreditNetwork?.address ?? "0x");
    console.log(`network ${network} on chain ${chainId} (${rpc})`);
    source = await readChainObligations(client, network, {
      fromBlock: values["from-block"] ? BigInt(values["from-block"]) : 0n,
      liquidity: values.liquidity,
      onProgress: progressBar("reading obligations"),
    });
    if (source.excluded)
      console.log(`${source.excluded} open obligations left out: a party has not consented to clearing`);
  }

  const started = performance.now();
  const solution = solveClearing(source.obligations, {
    liquidity: source.liquidity,
    onProgress: progressBar("solving"),
  });
  const ms = performance.now() - started;
  console.log(summary(solution, source.decimals, source.symbol, source.obligations.length));
  if (solution.setOffs.length === 0) {
    console.log(`solved in ${ms.toFixed(0)} ms: no cycle of consented obligations, nothing to clear`);
    return 0;
  }
  const check = verifyBatch(source.obligations, solution, source.liquidity);
  if (!check.ok) throw new Error(`internal error: the solution does not verify (${check.reason})`);
  console.log(`solved in ${ms.toFixed(0)} ms; the batch verifies (ordering, bounds, every net position unchanged)`);

  let chunkEdges = values["chunk-edges"] ? Number(values["chunk-edges"]) : 0;
  if (!chunkEdges) chunkEdges = client ? chunkEdgesFor((await client.getBlock()).gasLimit) : 500;
  const chunks = chunkSolution(solution, source.obligations, chunkEdges, source.liquidity);
  const solutionId = keccak256(
    stringToHex(JSON.stringify(solution.setOffs.map((s) => [String(s.id), String(s.amount)]))),
  );
  if (chunks.length)
    console.log(`${chunks.length} chunk(s) of at most ${chunkEdges} set-offs; solution id ${solutionId}`);
  if (values.out) {
    const plain = (v: unknown): unknown =>
      JSON.parse(
        JSON.stringify(v, (_k, x) =>
          typeof x === "bigint" ? String(x) : x instanceof Map ? Object.fromEntries(x) : x,
        ),
      );
    writeFileSync(
      values.out,
      JSON.stringify({ solutionId, solution: plain(solution), chunks: plain(chunks) }, null, 2) + "\n",
    );
    console.log(`wrote ${values.out}`);
  }
  if (!values.submit) return 0;
  const account = accountFrom(values, await client!.getChainId());
  if (!values.yes && !(await confirm(`send ${chunks.length} transaction(s) from ${account.address}?`))) {
    console.log("not sent (use --yes to skip the question)");
    return 1;
  }
  await submitChunks(client!, account, network!, chunks, solutionId);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`clear: ${error.message}`);
      process.exit(1);
    },
  );
}
