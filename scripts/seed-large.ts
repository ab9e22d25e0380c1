// `npm run seed:large`: a local chain with years' worth of history for read-cost work: hundreds of members, thousands
// of contributions, payments, obligations and impact claims, 3 resources over 10 seasons, spread over >= 100,000 blocks.
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { writeFileSync } from "node:fs";
import { Interface, TypedDataEncoder, Wallet, id as hashText, toUtf8Bytes, hexlify, type InterfaceAbi } from "ethers";
import hre from "hardhat";
import {
  chunkSolution,
  contributionLedgerAbi,
  contributionTypesMutable,
  CONTRIBUTION_DOMAIN_NAME,
  CONTRIBUTION_DOMAIN_VERSION,
  creditDomain,
  creditNetworkAbi,
  impactDomain,
  impactMarketAbi,
  impactRegistryAbi,
  mockERC20Abi,
  mulberry32,
  obligationNonce,
  obligationTypesMutable,
  attestationTypesMutable,
  resourceRegistryAbi,
  retirementCertificatesAbi,
  thresholdsCouncilAbi,
  councilSeatAbi,
  councilTimelockAbi,
  solveClearing,
  type ObligationInput,
} from "../sdk/src/index.ts";
import { chainTime, decide } from "./lib/council.ts";
import { deployStack, LOCAL_CHAIN_ID, startStack, type Deployment } from "./lib/stack.ts";

const HELP = `Usage: npm run seed:large -- [options]

Deploys every module on a local chain and fills it with a realistic volume of history through the real contract
flows (signed contributions, evaluations, income; credit lines, payments, obligations, a clearing batch; impact
claims, attestations, listings, purchases, retirements; 3 resources over 10 seasons with transfers and landings).

  --scale <x>      volume factor (default 1: 5,000 contributions, 20,000 payments and obligations, 2,000 claims,
                   100,000 blocks); 0.01 for a quick run
  --blocks <n>     blocks to spread the history over (default 100,000 x scale, at least 1,000)
  --rpc <url>      attach to a running local chain (Hardhat node, chain id 31337) instead of starting one; its
                   history then runs forward from the chain's clock
  --keep           keep the chain running afterwards (Ctrl+C stops it), to point the dApp at it
  --port <n>       JSON-RPC port of the started chain (default $RPC_PORT or 8545)
  --host <h>       interface to bind (default $RPC_HOST or 127.0.0.1)
  --seed <n>       random seed (default 15)
  --json <path>    also write the summary as JSON
  --help`;

const DAY = 86_400;
/** A resource season; the history covers ten of them. */
const SEASON = 30 * DAY;
const SEASONS = 10;
/** Activity happens every TICK (about two days); blocks in between are mined empty. */
const TICKS_PER_SEASON = 15;
const TICK = SEASON / TICKS_PER_SEASON;
/** Seconds between the blocks of one burst of activity. */
const BLOCK_TIME = 12;
/** How far before the wall clock a chain started by this script begins: governance, then ten seasons. */
const LOOKBACK = (SEASONS + 1) * SEASON;
const WAD = 10n ** 18n;
const TONNE = 1000n; // impact units are kg CO2e
const ETH = 10n ** 18n;
const DEUR = 1_000_000n; // the demo token has 6 decimals

type Hex = `0x${string}`;
interface Tx {
  from: string;
  to: string;
  data: string;
  value?: bigint;
  gas?: bigint;
}
interface Log {
  address: string;
  topics: string[];
  data: string;
}
interface Receipt {
  status: string;
  blockNumber: string;
  logs: Log[];
}

/** JSON-RPC over HTTP with batches (one HTTP request for many calls). */
class Rpc {
  private nextId = 0;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    return (await this.batch<T>([[method, params]]))[0];
  }
  /**
   * One HTTP request. A kept-alive socket that the server closes as it is reused (its idle timeout) resets the
   * request before the server reads it: that request is sent again on a fresh socket, up to three times.
   */
  private async post(body: string, what: string, attempt = 1): Promise<Response> {
    try {
      return await fetch(this.url, { method: "POST", headers: { "content-type": "application/json" }, body });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (attempt < 3 && (cause?.code === "ECONNRESET" || cause?.code === "UND_ERR_SOCKET")) {
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        return this.post(body, what, attempt + 1);
      }
      throw new Error(`${what}: ${(error as Error).message} ${cause?.message ?? ""}`);
    }
  }

  async batch<T = unknown>(calls: [string, unknown[]][]): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < calls.length; i += 500) {
      const part = calls
        .slice(i, i + 500)
        .map(([method, params]) => ({ jsonrpc: "2.0", id: ++this.nextId, method, params }));
      const res = await this.post(JSON.stringify(part), `${part[0].method} (${part.length} calls)`);
      const body = (await res.json()) as { id: number; result?: T; error?: { message: string; data?: unknown } }[];
      const byId = new Map(body.map((r) => [r.id, r]));
      for (const req of part) {
        const r = byId.get(req.id)!;
        if (r.error) throw new Error(`${req.method}: ${r.error.message} ${JSON.stringify(r.error.data ?? "")}`);
        out.push(r.result as T);
      }
    }
    return out;
  }
}

const hex = (n: bigint | number) => "0x" + BigInt(n).toString(16);

/**
 * Sends transactions in bursts: every sender's nonces counted here, automine off, each burst mined into blocks
 * {@link BLOCK_TIME} seconds apart; every receipt is checked (a revert stops the seed with the call that failed).
 */
class Chain {
  private nonces = new Map<string, number>();
  private queue: Tx[] = [];
  txCount = 0;
  time = 0;
  block = 0;
  readonly rpc: Rpc;
  private readonly ifaces: Interface[];
  constructor(rpc: Rpc, ifaces: Interface[]) {
    this.rpc = rpc;
    this.ifaces = ifaces;
  }

  async sync(): Promise<void> {
    const b = await this.rpc.call<{ number: string; timestamp: string }>("eth_getBlockByNumber", ["latest", false]);
    this.block = Number(b.number);
    this.time = Number(b.timestamp);
  }

  push(tx: Tx): number {
    this.queue.push(tx);
    return this.queue.length - 1;
  }

  /** Sends the queued transactions, mines them and returns their receipts in the order queued. */
  async flush(): Promise<Receipt[]> {
    const txs = this.queue;
    this.queue = [];
    if (txs.length === 0) return [];
    const froms = [...new Set(txs.map((t) => t.from.toLowerCase()).filter((f) => !this.nonces.has(f)))];
    const counts = await this.rpc.batch<string>(froms.map((f) => ["eth_getTransactionCount", [f, "latest"]]));
    froms.forEach((f, i) => this.nonces.set(f, Number(counts[i])));
    const hashes = await this.rpc.batch<string>(
      txs.map((t) => {
        const from = t.from.toLowerCase();
        const nonce = this.nonces.get(from)!;
        this.nonces.set(from, nonce + 1);
        return [
          "eth_sendTransaction",
          [
            {
              from: t.from,
              to: t.to,
              data: t.data,
              value: hex(t.value ?? 0n),
              gas: hex(t.gas ?? 1_000_000n),
              nonce: hex(nonce),
              maxFeePerGas: hex(1_000_000_000_000n),
              maxPriorityFeePerGas: hex(1_000_000_000n),
            },
          ],
        ];
      }),
    );
    let mined = 0;
    while (mined < txs.length) {
      this.time += BLOCK_TIME;
      await this.rpc.call("evm_mine", [this.time]);
      const b = await this.rpc.call<{ number: string; transactions: string[] }>("eth_getBlockByNumber", [
        "latest",
        false,
      ]);
      this.block = Number(b.number);
      if (b.transactions.length === 0) throw new Error("a burst left transactions the node does not mine");
      mined += b.transactions.length;
    }
    const receipts = await this.rpc.batch<Receipt>(hashes.map((h) => ["eth_getTransactionReceipt", [h]]));
    for (let i = 0; i < receipts.length; i++) {
      if (receipts[i].status !== "0x1") {
        const t = txs[i];
        let reason = "";
        try {
          await this.rpc.call("eth_call", [
            { from: t.from, to: t.to, data: t.data, value: hex(t.value ?? 0n) },
            hex(BigInt(receipts[i].blockNumber) - 1n),
          ]);
        } catch (e) {
          reason = (e as Error).message;
        }
        throw new Error(`transaction ${i} of the burst (${this.describe(t)}) reverted: ${reason}`);
      }
    }
    this.txCount += txs.length;
    return receipts;
  }

  private describe(t: Tx): string {
    for (const iface of this.ifaces) {
      const f = iface.getFunction(t.data.slice(0, 10));
      if (f) return `${f.name} from ${t.from} to ${t.to}`;
    }
    return `${t.data.slice(0, 10)} from ${t.from} to ${t.to}`;
  }

  /** Mines empty blocks up to `block`, the last of them at `time` (at least a second after the one before). */
  async advance(block: number, time: number): Promise<void> {
    const gap = block - this.block;
    if (gap > 1) {
      const interval = Math.max(1, Math.floor((time - this.time) / gap));
      await this.rpc.call("hardhat_mine", [hex(gap - 1), hex(interval)]);
      await this.sync();
    }
    this.time = Math.max(this.time + 1, time);
    await this.rpc.call("evm_mine", [this.time]);
    await this.sync();
  }
}

/** Picks an index with probability proportional to 1 / (i + 1)^skew: a few very active members, a long tail. */
function zipf(n: number, skew: number, rand: () => number): () => number {
  const cum: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) cum.push((total += 1 / Math.pow(i + 1, skew)));
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface LargeSummary {
  scale: number;
  rpcUrl: string;
  deployment: Deployment;
  firstBlock: number;
  lastBlock: number;
  blocks: number;
  transactions: number;
  elapsedSeconds: number;
  members: number;
  contribution: {
    projects: number;
    memberships: number;
    contributions: number;
    signed: number;
    evaluations: number;
    accepted: number;
    rejected: number;
    expired: number;
    pending: number;
    incomeDeposits: number;
    incomeClaims: number;
  };
  credit: {
    members: number;
    lines: number;
    pendingOffers: number;
    payments: number;
    paymentsAlongPaths: number;
    obligations: number;
    signedObligations: number;
    proposedObligations: number;
    cancelledObligations: number;
    obligationPayments: number;
    clearingEpochs: number;
    setOffs: number;
    cleared: string;
  };
  impact: {
    methodologies: number;
    verifiers: number;
    claims: number;
    attestations: number;
    attestationsBySignature: number;
    rejections: number;
    verified: number;
    rejected: number;
    listings: number;
    purchases: number;
    matchedPurchases: number;
    rounds: number;
    retirements: number;
    certificates: number;
  };
  resource: {
    resources: number;
    seasons: number;
    assessments: number;
    rollovers: number;
    transfers: number;
    landings: number;
  };
  /** Logs on chain per contract since the deployment (eth_getLogs in ranges of 10,000 blocks). */
  logs: Record<string, { total: number; byEvent: Record<string, number> }>;
}

export interface SeedOptions {
  scale?: number;
  blocks?: number;
  rpc?: string;
  port?: number;
  host?: string;
  seed?: number;
  log?: (line: string) => void;
}

/**
 * Starts (or attaches to) a local chain, deploys and seeds it. Returns the summary and a `close` that stops a chain
 * this call started (a no-op when attached).
 */
export async function seedLarge(opts: SeedOptions = {}): Promise<{ summary: LargeSummary; close(): Promise<void> }> {
  const started = performance.now();
  const scale = opts.scale ?? 1;
  const log = opts.log ?? (() => {});
  const n = (x: number, min = 1) => Math.max(min, Math.round(x * scale));
  const uint32 = mulberry32(opts.seed ?? 15);
  const rand = () => uint32() / 2 ** 32; // uniform in [0, 1)
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const chance = (p: number) => rand() < p;

  // ------------------------------------------------------------------------------------------ chain and contracts
  let rpcUrl: string;
  let deployment: Deployment;
  let closeChain: () => Promise<void>;
  let firstBlock = 1; // the first block of the deployment
  if (opts.rpc) {
    await hre.tasks.getTask("build").run({ quiet: true });
    rpcUrl = opts.rpc;
    const conn = await hre.network.create({ network: "localhost", override: { url: rpcUrl } });
    if (Number((await conn.ethers.provider.getNetwork()).chainId) !== LOCAL_CHAIN_ID)
      throw new Error(`--rpc: not a local chain (chain id ${LOCAL_CHAIN_ID} expected)`);
    firstBlock = (await conn.ethers.provider.getBlockNumber()) + 1;
    deployment = await deployStack(conn);
    await conn.close();
    closeChain = async () => {};
  } else {
    const stack = await startStack({
      port: opts.port,
      host: opts.host,
      initialDate: new Date(Date.now() - LOOKBACK * 1000),
    });
    rpcUrl = stack.rpcUrl;
    const { ledger, token, credit, council, resources, impact, designs, cluster, commonfare, paymaster, accounts } =
      stack;
    deployment = {
      ledger,
      token,
      credit,
      council,
      resources,
      impact,
      designs,
      cluster,
      commonfare,
      paymaster,
      accounts,
    };
    closeChain = () => stack.close();
  }
  log(`deployed on ${rpcUrl}`);
  const rpc = new Rpc(rpcUrl);
  const conn = await hre.network.create({ network: "localhost", override: { url: rpcUrl } });
  const ethers = conn.ethers;
  const { chainId } = await ethers.provider.getNetwork();
  const signers = await ethers.getSigners();
  const [ada, bea, cyrus] = signers;

  const I = {
    ledger: new Interface(contributionLedgerAbi as InterfaceAbi),
    credit: new Interface(creditNetworkAbi as InterfaceAbi),
    registry: new Interface(impactRegistryAbi as InterfaceAbi),
    market: new Interface(impactMarketAbi as InterfaceAbi),
    certificates: new Interface(retirementCertificatesAbi as InterfaceAbi),
    resources: new Interface(resourceRegistryAbi as InterfaceAbi),
    token: new Interface(mockERC20Abi as InterfaceAbi),
    governor: new Interface(thresholdsCouncilAbi as InterfaceAbi),
    seats: new Interface(councilSeatAbi as InterfaceAbi),
    timelock: new Interface(councilTimelockAbi as InterfaceAbi),
  };
  const A = {
    ledger: deployment.ledger,
    credit: deployment.credit,
    registry: deployment.impact.registry,
    market: deployment.impact.market,
    certificates: deployment.impact.certificates,
    resources: deployment.resources,
    token: deployment.token,
    governor: deployment.council.governor,
    seats: deployment.council.seats,
    timelock: deployment.council.timelock,
  };
  const chain = new Chain(rpc, Object.values(I));
  const enc = (iface: Interface, fn: string, args: unknown[]) => iface.encodeFunctionData(fn, args);
  /** The first log of `event` in `receipt`, decoded. */
  const eventOf = (iface: Interface, receipt: Receipt, event: string) => {
    for (const l of receipt.logs) {
      const parsed = iface.parseLog(l);
      if (parsed?.name === event) return parsed.args;
    }
    throw new Error(`no ${event} in the receipt`);
  };
  const view = async <T>(iface: Interface, to: string, calls: [string, unknown[]][]): Promise<T[]> => {
    const results = await rpc.batch<string>(
      calls.map(([fn, args]) => ["eth_call", [{ to, data: iface.encodeFunctionData(fn, args) }, "latest"]]),
    );
    return results.map((r, i) => iface.decodeFunctionResult(calls[i][0], r)[0] as T);
  };

  // ------------------------------------------------------------------------------------------------ people
  // Deterministic wallets (their keys sign contributions, obligation terms and attestations; the node sends their
  // transactions as the wallets themselves, impersonated, with plenty of test ETH).
  const wallet = (label: string) => new Wallet(hashText(`cosmolocal large demo: ${label}`));
  const people = Array.from({ length: n(400, 40) }, (_, i) => wallet(`member ${i}`));
  const funders = Array.from({ length: 8 }, (_, i) => wallet(`funder ${i}`));
  const verifiers = Array.from({ length: 8 }, (_, i) => wallet(`verifier ${i}`));
  const scientists = Array.from({ length: 3 }, (_, i) => wallet(`science body ${i}`));
  const buyers = Array.from({ length: 6 }, (_, i) => wallet(`harbour buyer ${i}`));
  const everyone = [...people, ...funders, ...verifiers, ...scientists, ...buyers];
  await rpc.batch(everyone.map((w) => ["hardhat_setBalance", [w.address, hex(1_000_000n * ETH)]]));
  await rpc.batch(everyone.map((w) => ["hardhat_impersonateAccount", [w.address]]));
  const pickPerson = zipf(people.length, 0.9, rand);
  const walletOf = new Map(everyone.map((w) => [w.address, w]));

  // ------------------------------------------------------------------------------------------ council decisions
  // One decision for the impact registry (methodologies, eight accredited verifiers) and one registering three
  // resources with their science bodies and buyers; the council votes and waits out its delays.
  const governor = await ethers.getContractAt("ThresholdsCouncil", deployment.council.governor);
  const methodologies = [
    { id: 1, k: 2, name: "Building heat-pump retrofit v1" },
    { id: 2, k: 2, name: "Fishing-fleet electrification v1" },
    { id: 3, k: 3, name: "Biochar in soils v1" },
    { id: 4, k: 2, name: "Community solar v1" },
  ];
  const verifierRole = (await view<string>(I.registry, A.registry, [["VERIFIER_ROLE", []]]))[0];
  await decide(
    ethers,
    governor,
    ada,
    [ada, bea, cyrus],
    [
      ...methodologies.map((m) => ({
        target: A.registry,
        data: enc(I.registry, "setMethodology", [m.id, m.k, true, m.name]),
      })),
      ...verifiers.map((v) => ({ target: A.registry, data: enc(I.registry, "grantRole", [verifierRole, v.address]) })),
    ],
    "Impact claims: four methodologies and eight accredited verifiers",
  );
  const seasonOneStart = (await chainTime(ethers)) + 2 * DAY;
  const holdersPer = Math.min(people.length, n(30, 8));
  const resourceSpecs = [
    { name: "North Sea plaice", unit: "t", biomass: 150_000, rate: 20n },
    { name: "Wadden cockles", unit: "t", biomass: 40_000, rate: 25n },
    { name: "Rhine valley groundwater", unit: "ML", biomass: 900_000, rate: 10n },
  ].map((r, i) => ({
    ...r,
    id: BigInt(i + 1),
    holders: Array.from({ length: holdersPer }, (_, h) => people[(i * 7 + h * 3) % people.length]).filter(
      (w, h, all) => all.indexOf(w) === h,
    ),
    scientist: scientists[i],
    buyers: [buyers[2 * i], buyers[2 * i + 1]],
  }));
  const t = (tonnes: number) => BigInt(Math.round(tonnes)) * WAD;
  await decide(
    ethers,
    governor,
    bea,
    [ada, bea, cyrus],
    resourceSpecs.flatMap((r) => [
      {
        target: A.resources,
        data: enc(I.resources, "registerResource", [
          {
            name: r.name,
            unit: r.unit,
            firstSeasonStart: seasonOneStart,
            seasonLength: SEASON,
            rule: {
              targetRate: (WAD * r.rate) / 100n,
              precautionaryBiomass: t(r.biomass * 0.6),
              limitBiomass: t(r.biomass * 0.25),
              maxRiseBps: 2_000,
              maxCutBps: 3_000,
            },
            carryOverBps: 1_000,
            concentrationCapBps: 2_000,
            closedPeriods: [{ start: 24 * DAY, end: 27 * DAY }],
          },
          r.holders.map((h) => h.address),
          r.holders.map(() => between(100, r.holders.length >= 20 ? 300 : 150)),
        ]),
      },
      { target: A.resources, data: enc(I.resources, "setAssessor", [r.id, r.scientist.address, true]) },
      ...r.buyers.map((b) => ({ target: A.resources, data: enc(I.resources, "setBuyer", [r.id, b.address, true]) })),
    ]),
    "Register plaice, cockles and groundwater: harvest rules, seasons of 30 days closed on days 24-27, science " +
      "bodies and buyers",
  );

  // ---------------------------------------------------------------------------------------------- bulk history
  await rpc.call("evm_setAutomine", [false]);
  await chain.sync();
  const ticks = SEASONS * TICKS_PER_SEASON; // ticks 1..ticks run in the seasons; tick 0 sets things up before
  const tickTime = (j: number) => seasonOneStart + (j - 1) * TICK + 3600;
  const totalBlocks = opts.blocks ?? Math.max(1_000, Math.round(100_000 * scale));
  const startBlock = chain.block;
  /** Spreads work over the ticks, growing over time (more activity in later seasons). */
  const schedule = (count: number, from = 1): number[][] => {
    const out: number[][] = Array.from({ length: ticks + 1 }, () => []);
    for (let i = 0; i < count; i++)
      out[Math.min(ticks, from + Math.floor((ticks - from + 1) * Math.sqrt(rand())))].push(i);
    return out;
  };

  const S: LargeSummary = {
    scale,
    rpcUrl,
    deployment,
    firstBlock,
    lastBlock: 0,
    blocks: 0,
    transactions: 0,
    elapsedSeconds: 0,
    members: everyone.length,
    contribution: {
      projects: 0,
      memberships: 0,
      contributions: 0,
      signed: 0,
      evaluations: 0,
      accepted: 0,
      rejected: 0,
      expired: 0,
      pending: 0,
      incomeDeposits: 0,
      incomeClaims: 0,
    },
    credit: {
      members: 0,
      lines: 0,
      pendingOffers: 0,
      payments: 0,
      paymentsAlongPaths: 0,
      obligations: 0,
      signedObligations: 0,
      proposedObligations: 0,
      cancelledObligations: 0,
      obligationPayments: 0,
      clearingEpochs: 0,
      setOffs: 0,
      cleared: "0",
    },
    impact: {
      methodologies: methodologies.length,
      verifiers: verifiers.length,
      claims: 0,
      attestations: 0,
      attestationsBySignature: 0,
      rejections: 0,
      verified: 0,
      rejected: 0,
      listings: 0,
      purchases: 0,
      matchedPurchases: 0,
      rounds: 0,
      retirements: 0,
      certificates: 0,
    },
    resource: { resources: resourceSpecs.length, seasons: 0, assessments: 0, rollovers: 0, transfers: 0, landings: 0 },
    logs: {},
  };

  // ------------------------------------------------------------------------------------ contribution: set-up
  const ledgerDomain = {
    name: CONTRIBUTION_DOMAIN_NAME,
    version: CONTRIBUTION_DOMAIN_VERSION,
    chainId,
    verifyingContract: A.ledger,
  };
  const projectNames = [
    "Open Hardware Lab",
    "Community Bike Kitchen",
    "Solar Co-op Wiring",
    "Seed Library",
    "Repair Café Network",
    "Open Boat Design",
    "Food Forest Commons",
    "Makerspace Tools",
  ];
  const projects = projectNames.slice(0, Math.min(8, n(8, 3))).map((name, p) => {
    const coordinator = people[p];
    const size = Math.min(people.length - 1, Math.max(8, Math.round(people.length / (p + 1.5))));
    const members = new Set<Wallet>([coordinator]);
    while (members.size < size) members.add(people[pickPerson()]);
    return {
      id: 0n,
      name,
      coordinator,
      members: [...members],
      quorum: p % 3 === 2 ? 3 : 2,
      window: (p % 2 ? 14 : 7) * DAY,
      minScore: 5 + (p % 2),
      token: p % 2 === 0,
      pointHolders: new Set<string>(),
    };
  });
  interface Contribution {
    id: bigint;
    project: (typeof projects)[number];
    contributor: Wallet;
    at: number;
  }
  const contributionsAt = schedule(n(5000, 20));
  const toEvaluate: Contribution[][] = Array.from({ length: ticks + 2 }, () => []);
  const toExpire: Contribution[][] = Array.from({ length: ticks + 30 }, () => []);
  const signNonce = new Map<string, bigint>();

  // ------------------------------------------------------------------------------------------ credit: set-up
  const creditMembers = people.slice(0, n(300, 30));
  const pickCredit = zipf(creditMembers.length, 0.8, rand);
  const decimals = BigInt((await view<bigint>(I.credit, A.credit, [["decimals", []]]))[0]);
  const unit = 10n ** decimals;
  const limit = new Map<string, bigint>(); // "giver|receiver" -> limit
  const claim = new Map<string, bigint>(); // "a|b" -> a's claim on b
  const key = (a: string, b: string) => `${a}|${b}`;
  const neighbours = new Map<string, Set<string>>();
  const consented = new Set<string>();
  const capacity = (from: string, to: string) => (claim.get(key(from, to)) ?? 0n) + (limit.get(key(to, from)) ?? 0n);
  const moveCredit = (from: string, to: string, amount: bigint) => {
    claim.set(key(from, to), (claim.get(key(from, to)) ?? 0n) - amount);
    claim.set(key(to, from), (claim.get(key(to, from)) ?? 0n) + amount);
  };
  interface Obligation {
    id: bigint;
    debtor: string;
    creditor: string;
    remaining: bigint;
    open: boolean;
  }
  const obligations: Obligation[] = [];
  const obligationById = new Map<bigint, Obligation>();
  const toAccept: { id: bigint; by: string; cancel: boolean }[][] = Array.from({ length: ticks + 2 }, () => []);
  const paymentsAt = schedule(n(12_000, 20), 2);
  const obligationsAt = schedule(n(8_000, 20), 2);
  const obligationSeq = new Map<string, bigint>();
  const clearingTicks = new Set([3, 6, 9, 10].map((s) => s * TICKS_PER_SEASON));

  // ------------------------------------------------------------------------------------------ impact: set-up
  const claimants = people.slice(0, n(150, 12));
  const pickClaimant = zipf(claimants.length, 0.7, rand);
  const impactBuyers = [...funders, ...people.slice(0, n(200, 20))];
  const pickBuyer = zipf(impactBuyers.length, 0.8, rand);
  interface ImpactClaim {
    id: bigint;
    claimant: Wallet;
    methodology: (typeof methodologies)[number];
    units: bigint;
    listed: boolean;
    currency: string;
    price: bigint;
  }
  const claimsAt = schedule(n(2000, 10));
  const toAttest: ImpactClaim[][] = Array.from({ length: ticks + 2 }, () => []);
  const toList: ImpactClaim[][] = Array.from({ length: ticks + 3 }, () => []);
  const listed: ImpactClaim[] = [];
  const marketApproved = new Set<string>();
  const holdings: { claimId: bigint; holder: Wallet; units: bigint }[][] = Array.from({ length: ticks + 8 }, () => []);
  const rounds: { id: bigint; end: number }[] = [];
  const roundTicks = new Set([2 * TICKS_PER_SEASON + 1, 6 * TICKS_PER_SEASON + 1]);
  let attestationNonce = 1n;
  const impactDom = impactDomain(chainId, A.registry as Hex);
  const creditDom = creditDomain(chainId, A.credit as Hex);

  // ---------------------------------------------------------------------------------------------- tick 0
  await chain.advance(startBlock + 1, tickTime(0));
  for (const p of projects) {
    chain.push({
      from: p.coordinator.address,
      to: A.ledger,
      data: enc(I.ledger, "createProject", [
        p.name,
        `ipfs://bafkreilargedemo/${p.name.toLowerCase().replace(/\W+/g, "-")}.json`,
        { quorum: p.quorum, evaluationWindow: p.window, minScore: p.minScore },
        ["Design (hours)", "Fabrication (hours)", "Documentation (pages)", "Teaching (hours)"],
        [10, 8, 5, 6],
      ]),
    });
  }
  (await chain.flush()).forEach((r, i) => (projects[i].id = eventOf(I.ledger, r, "ProjectCreated").projectId));
  S.contribution.projects = projects.length;
  for (const p of projects) {
    for (const m of p.members.slice(1)) {
      chain.push({ from: p.coordinator.address, to: A.ledger, data: enc(I.ledger, "grantRole", [p.id, m.address, 1]) });
      S.contribution.memberships++;
    }
    if (p.token)
      chain.push({ from: p.coordinator.address, to: A.ledger, data: enc(I.ledger, "addIncomeToken", [p.id, A.token]) });
  }
  for (const f of funders) {
    chain.push({ from: f.address, to: A.token, data: enc(I.token, "mint", [f.address, 100_000_000n * DEUR]) });
    chain.push({ from: f.address, to: A.token, data: enc(I.token, "approve", [A.ledger, 2n ** 255n]) });
    chain.push({ from: f.address, to: A.token, data: enc(I.token, "approve", [A.market, 2n ** 255n]) });
  }
  // Credit: the steward admits members; they set their consents and offer one another lines.
  for (const m of creditMembers) {
    chain.push({ from: ada.address, to: A.credit, data: enc(I.credit, "admitMember", [m.address]) });
    S.credit.members++;
  }
  await chain.flush();
  const offers: { giver: Wallet; receiver: Wallet; limit: bigint }[] = [];
  for (let i = 0; i < creditMembers.length; i++) {
    const m = creditMembers[i];
    const clearing = !chance(0.05);
    chain.push({
      from: m.address,
      to: A.credit,
      data: enc(I.credit, "setClearingConsent", [clearing, clearing && chance(0.8)]),
    });
    if (clearing) consented.add(m.address);
    // A ring (everybody can reach everybody) plus a few lines to and from busy traders.
    const partners = new Set([creditMembers[(i + 1) % creditMembers.length]]);
    for (let k = between(1, 4); k > 0; k--) partners.add(creditMembers[pickCredit()]);
    partners.delete(m);
    for (const receiver of partners) {
      const l = BigInt(between(5, 50)) * 100n * unit;
      chain.push({ from: m.address, to: A.credit, data: enc(I.credit, "offerCreditLine", [receiver.address, l]) });
      offers.push({ giver: m, receiver, limit: l });
    }
  }
  await chain.flush();
  for (const o of offers) {
    if (chance(0.04) && o.receiver !== creditMembers[(creditMembers.indexOf(o.giver) + 1) % creditMembers.length]) {
      S.credit.pendingOffers++;
      continue;
    }
    chain.push({
      from: o.receiver.address,
      to: A.credit,
      data: enc(I.credit, "acceptCreditLine", [o.giver.address, o.limit]),
    });
    limit.set(key(o.giver.address, o.receiver.address), o.limit);
    for (const [a, b] of [
      [o.giver.address, o.receiver.address],
      [o.receiver.address, o.giver.address],
    ]) {
      if (!neighbours.has(a)) neighbours.set(a, new Set());
      neighbours.get(a)!.add(b);
    }
    S.credit.lines++;
  }
  // Resources: holders approve their harbour's buyers; science bodies post season 1's assessments.
  const biomass = resourceSpecs.map((r) => r.biomass);
  for (const r of resourceSpecs) {
    for (const h of r.holders)
      for (const b of r.buyers)
        chain.push({
          from: h.address,
          to: A.resources,
          data: enc(I.resources, "approveBuyer", [r.id, b.address, true]),
        });
    chain.push({
      from: r.scientist.address,
      to: A.resources,
      data: enc(I.resources, "postAssessment", [r.id, 1, t(r.biomass), hashText(`${r.name} assessment 1`)]),
    });
    S.resource.assessments++;
  }
  await chain.flush();

  // ------------------------------------------------------------------------------------------- ticks 1..N
  const memo = (text: string) => hexlify(toUtf8Bytes(text.slice(0, 31).padEnd(32, "\0")));
  for (let j = 1; j <= ticks; j++) {
    const season = Math.floor((j - 1) / TICKS_PER_SEASON) + 1;
    const dayInSeason = ((j - 1) % TICKS_PER_SEASON) * (TICK / DAY);
    await chain.advance(startBlock + Math.round(((totalBlocks - 2) * j) / (ticks + 1)), tickTime(j) - BLOCK_TIME);
    const now = chain.time + BLOCK_TIME;
    const today = Math.floor(now / DAY);

    // ----- contribution: new work (most signed by the member and relayed by the coordinator), evaluations, expiry
    const submitted: { p: (typeof projects)[number]; who: Wallet }[] = [];
    for (const _ of contributionsAt[j]) {
      const p = projects[Math.min(projects.length - 1, Math.floor(projects.length * rand() * rand()))];
      const who = p.members[Math.floor(p.members.length * rand() * rand())];
      const input = {
        projectId: p.id,
        kindId: between(0, 3),
        quantity: BigInt(between(1, 40)),
        evidenceHash: hashText(`${p.name}: work ${S.contribution.contributions}`),
        evidenceURI: `ipfs://bafkreilargedemo/evidence/${S.contribution.contributions}.json`,
      };
      if (who !== p.coordinator && chance(0.7)) {
        const k = `${p.id}|${who.address}`;
        const nonce = signNonce.get(k) ?? 0n;
        signNonce.set(k, nonce + 1n);
        const deadline = BigInt(now + DAY);
        const digest = TypedDataEncoder.hash(ledgerDomain, contributionTypesMutable, {
          ...input,
          contributor: who.address,
          nonce,
          deadline,
        });
        const signature = who.signingKey.sign(digest).serialized;
        chain.push({
          from: p.coordinator.address,
          to: A.ledger,
          data: enc(I.ledger, "submitSigned", [input, who.address, nonce, deadline, signature]),
        });
        S.contribution.signed++;
      } else {
        chain.push({ from: who.address, to: A.ledger, data: enc(I.ledger, "submit", [input]) });
      }
      submitted.push({ p, who });
      S.contribution.contributions++;
    }
    for (const c of toEvaluate[j]) {
      const fate = rand();
      const others = c.project.members.filter((m) => m !== c.contributor);
      const evaluators = new Set<Wallet>();
      const want = fate < 0.86 ? c.project.quorum : fate < 0.93 ? 1 : 0;
      while (evaluators.size < Math.min(want, others.length))
        evaluators.add(others[Math.floor(rand() * others.length)]);
      const good = chance(0.88);
      for (const e of evaluators) {
        const score = good ? between(c.project.minScore, 10) : between(1, c.project.minScore - 1);
        chain.push({
          from: e.address,
          to: A.ledger,
          data: enc(I.ledger, "evaluate", [
            c.id,
            score,
            chance(0.3) ? hashText(`comment ${c.id} ${e.address}`) : hashText(""),
          ]),
        });
        S.contribution.evaluations++;
      }
      if (evaluators.size < c.project.quorum) {
        const expireTick = j + Math.ceil(c.project.window / TICK) + 1;
        if (expireTick < toExpire.length) toExpire[expireTick].push(c);
      }
    }
    for (const c of toExpire[j]) {
      chain.push({ from: c.project.coordinator.address, to: A.ledger, data: enc(I.ledger, "expire", [c.id]) });
    }
    // Income: clients pay projects that have point holders, in ETH or dEUR; members claim now and then.
    for (const p of projects) {
      if (p.pointHolders.size === 0 || !chance(0.35)) continue;
      const f = funders[between(0, funders.length - 1)];
      if (p.token && chance(0.5))
        chain.push({
          from: f.address,
          to: A.ledger,
          data: enc(I.ledger, "depositIncomeToken", [p.id, A.token, BigInt(between(100, 5000)) * DEUR]),
        });
      else
        chain.push({
          from: f.address,
          to: A.ledger,
          data: enc(I.ledger, "depositIncome", [p.id]),
          value: (BigInt(between(5, 300)) * ETH) / 100n,
        });
      S.contribution.incomeDeposits++;
    }
    if (j % 5 === 0) {
      const asks: { p: (typeof projects)[number]; member: string; token: string }[] = [];
      for (const p of projects)
        for (const member of p.pointHolders)
          if (chance(0.3)) {
            asks.push({ p, member, token: "0x0000000000000000000000000000000000000000" });
            if (p.token) asks.push({ p, member, token: A.token });
          }
      const owed = await view<bigint>(
        I.ledger,
        A.ledger,
        asks.map((a) => ["claimable", [a.p.id, a.token, a.member]]),
      );
      asks.forEach((a, i) => {
        if (owed[i] === 0n) return;
        chain.push({ from: a.member, to: A.ledger, data: enc(I.ledger, "claim", [a.p.id, a.token]) });
        S.contribution.incomeClaims++;
      });
    }

    // ----- credit: payments on lines (each pair of members once per burst, so the order of a block cannot matter)
    const busy = new Set<string>();
    const pairFree = (a: string, b: string) => !busy.has(key(a, b)) && !busy.has(key(b, a));
    const take = (a: string, b: string) => busy.add(key(a, b));
    // A payer with no free line this burst tries another (a few times), so the volume is met.
    const tryPayment = (): boolean => {
      const from = creditMembers[pickCredit()].address;
      const ns = [...(neighbours.get(from) ?? [])];
      if (ns.length === 0) return false;
      const to = ns[Math.floor(rand() * ns.length)];
      if (chance(0.2)) {
        const ns2 = [...(neighbours.get(to) ?? [])].filter((x) => x !== from);
        const to2 = ns2[Math.floor(rand() * ns2.length)];
        if (to2 && pairFree(from, to) && pairFree(to, to2)) {
          const cap = [capacity(from, to), capacity(to, to2)].reduce((x, y) => (x < y ? x : y));
          const amount = (cap * BigInt(between(5, 40))) / 100n;
          if (amount >= unit) {
            take(from, to);
            take(to, to2);
            moveCredit(from, to, amount);
            moveCredit(to, to2, amount);
            chain.push({
              from,
              to: A.credit,
              data: enc(I.credit, "payAlong", [[to, to2], amount, memo(`order ${S.credit.payments}`)]),
            });
            S.credit.payments++;
            S.credit.paymentsAlongPaths++;
            return true;
          }
        }
      }
      if (!pairFree(from, to)) return false;
      const amount = (capacity(from, to) * BigInt(between(5, 40))) / 100n;
      if (amount < unit) return false;
      take(from, to);
      moveCredit(from, to, amount);
      chain.push({
        from,
        to: A.credit,
        data: enc(I.credit, "pay", [to, amount, memo(`invoice ${S.credit.payments}`)]),
      });
      S.credit.payments++;
      return true;
    };
    for (const _ of paymentsAt[j]) for (let attempt = 0; attempt < 8 && !tryPayment(); attempt++);
    // Obligations: invoices recorded by one party and accepted by the other, or signed by the other off chain.
    const recorded: { kind: "proposed" | "signed"; acceptBy: string; cancel: boolean }[] = [];
    for (const _ of obligationsAt[j]) {
      // Mostly between trading partners (who have a line), sometimes with anyone in the network.
      let a: Wallet;
      let b: Wallet;
      do {
        a = creditMembers[pickCredit()];
        const ns = [...(neighbours.get(a.address) ?? [])];
        b = chance(0.7) && ns.length ? walletOf.get(ns[Math.floor(rand() * ns.length)])! : creditMembers[pickCredit()];
      } while (a === b);
      const [debtor, creditor] = chance(0.5) ? [a, b] : [b, a];
      const amount = BigInt(between(20, 2000)) * unit;
      const dueDate = BigInt(now + between(14, 90) * DAY);
      const ref = hashText(`INV-${S.credit.obligations}`);
      if (chance(0.45)) {
        // The creditor records the debtor's signed terms: open at once.
        const seqKey = key(debtor.address, creditor.address);
        const seq = obligationSeq.get(seqKey) ?? 0n;
        obligationSeq.set(seqKey, seq + 1n);
        const terms = {
          debtor: debtor.address,
          creditor: creditor.address,
          amount,
          dueDate,
          ref,
          nonce: obligationNonce(creditor.address as Hex, seq),
          deadline: BigInt(now + 7 * DAY),
        };
        const signature = debtor.signingKey.sign(
          TypedDataEncoder.hash(creditDom, obligationTypesMutable, terms),
        ).serialized;
        chain.push({
          from: creditor.address,
          to: A.credit,
          data: enc(I.credit, "recordSignedObligation", [terms, signature]),
        });
        recorded.push({ kind: "signed", acceptBy: "", cancel: false });
        S.credit.signedObligations++;
      } else {
        const [by, other] = chance(0.7) ? [creditor, debtor] : [debtor, creditor];
        chain.push({
          from: by.address,
          to: A.credit,
          data: enc(I.credit, "recordObligation", [debtor.address, creditor.address, amount, dueDate, ref]),
        });
        const fate = rand();
        recorded.push({
          kind: "proposed",
          acceptBy: fate < 0.06 ? "" : other.address,
          cancel: fate < 0.09 && fate >= 0.06,
        });
        if (fate < 0.06) S.credit.proposedObligations++;
      }
      S.credit.obligations++;
    }
    for (const a of toAccept[j]) {
      chain.push({
        from: a.by,
        to: A.credit,
        data: enc(I.credit, a.cancel ? "cancelObligation" : "acceptObligation", [a.id]),
      });
      if (a.cancel) S.credit.cancelledObligations++;
    }
    // Some debtors pay their open obligations on credit, directly to the creditor.
    for (const o of obligations) {
      if (!o.open || !chance(0.01) || !pairFree(o.debtor, o.creditor)) continue;
      const amount = [o.remaining, (capacity(o.debtor, o.creditor) * 9n) / 10n].reduce((x, y) => (x < y ? x : y));
      if (amount === 0n) continue;
      take(o.debtor, o.creditor);
      moveCredit(o.debtor, o.creditor, amount);
      o.remaining -= amount;
      if (o.remaining === 0n) o.open = false;
      chain.push({ from: o.debtor, to: A.credit, data: enc(I.credit, "payObligation", [o.id, amount, [o.creditor]]) });
      S.credit.obligationPayments++;
    }

    // ----- impact: claims, attestations (some signed off chain and relayed), listings, purchases, retirements
    const newClaims: ImpactClaim[] = [];
    for (const _ of claimsAt[j]) {
      const claimant = claimants[pickClaimant()];
      const methodology = methodologies[Math.floor(rand() * rand() * methodologies.length)];
      const tonnes = BigInt(Math.max(2, Math.round(Math.exp(rand() * 6))));
      const input = {
        units: tonnes * TONNE,
        methodologyId: methodology.id,
        startDay: today - between(120, 500),
        endDay: today - between(1, 100),
        jurisdiction: hexlify(
          toUtf8Bytes(["NL-ZH", "BE-VOV", "DE-NI", "DK-85", "FR-BRE"][between(0, 4)].padEnd(8, "\0")),
        ),
        evidenceHash: hashText(`impact evidence ${S.impact.claims}`),
        evidenceURI: `ipfs://bafybeilargedemo/claims/${S.impact.claims}.pdf`,
        externalSerial: chance(0.2) ? `CLA-${2000 + season}-${S.impact.claims}` : "",
      };
      chain.push({ from: claimant.address, to: A.registry, data: enc(I.registry, "submitClaim", [input]) });
      newClaims.push({ id: 0n, claimant, methodology, units: tonnes * TONNE, listed: false, currency: "", price: 0n });
      S.impact.claims++;
    }
    for (const c of toAttest[j]) {
      const fate = rand();
      const panel = [...verifiers].sort(() => rand() - 0.5).slice(0, c.methodology.k);
      if (fate < 0.05) {
        for (const v of panel) {
          chain.push({
            from: v.address,
            to: A.registry,
            data: enc(I.registry, "reject", [c.id, hashText("No baseline data")]),
          });
          S.impact.rejections++;
        }
        S.impact.rejected++;
        continue;
      }
      const voters = fate < 0.9 ? panel : panel.slice(0, c.methodology.k - 1);
      let verified = c.units;
      for (const v of voters) {
        const units = (c.units * BigInt(between(90, 100))) / 100n;
        if (units < verified) verified = units;
        const reportHash = hashText(`report ${c.id} ${v.address}`);
        if (chance(0.3)) {
          const attestation = {
            verifier: v.address,
            claimId: c.id,
            verifiedUnits: units,
            reportHash,
            nonce: attestationNonce++,
            deadline: BigInt(now + 3 * DAY),
          };
          const signature = v.signingKey.sign(
            TypedDataEncoder.hash(impactDom, attestationTypesMutable, attestation),
          ).serialized;
          chain.push({
            from: c.claimant.address,
            to: A.registry,
            data: enc(I.registry, "attestBySig", [attestation, signature]),
          });
          S.impact.attestationsBySignature++;
        } else {
          chain.push({ from: v.address, to: A.registry, data: enc(I.registry, "attest", [c.id, units, reportHash]) });
        }
        S.impact.attestations++;
      }
      if (voters.length === c.methodology.k) {
        S.impact.verified++;
        c.units = verified;
        if (chance(0.75) && j + 1 < toList.length) toList[j + 1].push(c);
      }
    }
    for (const c of toList[j]) {
      if (!marketApproved.has(c.claimant.address)) {
        marketApproved.add(c.claimant.address);
        chain.push({
          from: c.claimant.address,
          to: A.registry,
          data: enc(I.registry, "setApprovalForAll", [A.market, true]),
        });
      }
      const inDeur = chance(0.15);
      c.currency = inDeur ? A.token : "0x0000000000000000000000000000000000000000";
      c.price = inDeur ? BigInt(between(15, 40)) * 1000n : BigInt(between(2, 6)) * 10n ** 13n; // per kg
      chain.push({
        from: c.claimant.address,
        to: A.market,
        data: enc(I.market, "list", [c.id, c.currency, c.price, c.units]),
      });
      c.listed = true;
      listed.push(c);
      S.impact.listings++;
    }
    if (roundTicks.has(j)) {
      const owner = funders[S.impact.rounds % funders.length];
      const deposit = BigInt(n(400, 5)) * ETH;
      chain.push({
        from: owner.address,
        to: A.market,
        data: enc(I.market, "createRound", [
          {
            currency: "0x0000000000000000000000000000000000000000",
            matchBps: 5_000,
            endTime: now + 4 * SEASON,
            maxPricePerUnit: 10n ** 14n,
            capPerClaim: 20n * ETH,
            capPerBuyer: 5n * ETH,
            methodologyMask: (1n << 1n) | (1n << 2n) | (1n << 4n),
            name: `City climate fund ${2025 + S.impact.rounds}`,
            allowListOnly: false,
            acceptsRevokedClaims: false,
          },
          deposit,
        ]),
        value: deposit,
      });
      S.impact.rounds++;
    }
    // Purchases: a buyer takes a part of a listing (read the listing first, as a buyer's wallet would).
    const shopping = listed.filter(() => chance(0.04));
    if (shopping.length) {
      const books = await view<{ remaining: bigint; version: bigint; pricePerUnit: bigint; currency: string }>(
        I.market,
        A.market,
        shopping.map((c) => ["getListing", [c.id]]),
      );
      const claimBusy = new Set<bigint>();
      shopping.forEach((c, i) => {
        const book = books[i];
        if (book.remaining < 4n || claimBusy.has(c.id)) return;
        claimBusy.add(c.id);
        let buyer = impactBuyers[pickBuyer()];
        if (buyer === c.claimant) buyer = funders[0];
        const inEth = c.currency === "0x0000000000000000000000000000000000000000";
        if (!inEth) buyer = funders[between(0, funders.length - 1)];
        const units = (book.remaining * BigInt(between(5, 30))) / 100n + 1n;
        const cost = units * book.pricePerUnit;
        const terms = { currency: c.currency, listingVersion: book.version, maxCost: cost };
        const round = rounds.find((r) => r.end > now + DAY);
        if (inEth && round && (1 << c.methodology.id) & 0b10110 && chance(0.3)) {
          chain.push({
            from: buyer.address,
            to: A.market,
            data: enc(I.market, "buyMatched", [round.id, c.id, units, terms, 0]),
            value: cost,
          });
          S.impact.matchedPurchases++;
        } else {
          chain.push({
            from: buyer.address,
            to: A.market,
            data: enc(I.market, "buy", [c.id, units, terms]),
            value: inEth ? cost : 0n,
          });
        }
        S.impact.purchases++;
        if (chance(0.6))
          holdings[j + between(1, 6)].push({
            claimId: c.id,
            holder: buyer,
            units: (units * BigInt(between(30, 100))) / 100n,
          });
      });
    }
    for (const h of holdings[j]) {
      if (h.units === 0n) continue;
      chain.push({
        from: h.holder.address,
        to: A.registry,
        data: enc(I.registry, "retire", [
          h.claimId,
          h.units,
          `Beneficiary ${h.holder.address.slice(2, 8)}`,
          "Offsetting our operations",
        ]),
      });
      S.impact.retirements++;
    }

    // ----- resources: rollover at a season's start, transfers and landings outside the closed period, assessments
    const closed = dayInSeason >= 24 && dayInSeason < 27;
    if (dayInSeason === 0 && season > 1)
      for (const r of resourceSpecs) {
        chain.push({ from: r.buyers[0].address, to: A.resources, data: enc(I.resources, "rollover", [r.id]) });
        S.resource.rollovers++;
      }
    if (dayInSeason === 0) S.resource.seasons += resourceSpecs.length;
    if (!closed) {
      const per = Math.ceil(n(100, 4) / (TICKS_PER_SEASON - 2));
      const transfersPer = Math.ceil(n(30, 2) / (TICKS_PER_SEASON - 2));
      for (const r of resourceSpecs) {
        if (dayInSeason === 0 && season > 1) continue; // the rollover burst first
        const [positions, maxHold] = await Promise.all([
          view<{ entitlement: bigint; landed: bigint }>(
            I.resources,
            A.resources,
            r.holders.map((h) => ["holdingOf", [r.id, h.address]]),
          ),
          view<bigint>(I.resources, A.resources, [["maxHolding", [r.id]]]),
        ]);
        const used = new Set<number>();
        for (let k = 0; k < transfersPer; k++) {
          const a = between(0, r.holders.length - 1);
          const b = between(0, r.holders.length - 1);
          if (a === b || used.has(a) || used.has(b)) continue;
          const amount = positions[a].entitlement / 20n;
          if (amount === 0n || positions[b].entitlement + positions[b].landed + amount > (maxHold[0] * 9n) / 10n)
            continue;
          used.add(a).add(b);
          chain.push({
            from: r.holders[a].address,
            to: A.resources,
            data: enc(I.resources, "transferEntitlement", [r.id, r.holders[b].address, amount]),
          });
          S.resource.transfers++;
        }
        for (let k = 0; k < per; k++) {
          const h = between(0, r.holders.length - 1);
          if (used.has(h)) continue;
          const amount = (positions[h].entitlement * BigInt(between(10, 40))) / 100n;
          if (amount === 0n) continue;
          used.add(h);
          chain.push({
            from: r.buyers[k % 2].address,
            to: A.resources,
            data: enc(I.resources, "recordLanding", [
              r.id,
              r.holders[h].address,
              amount,
              hashText(`${r.name} ticket ${S.resource.landings}`),
            ]),
          });
          S.resource.landings++;
        }
      }
    }
    if (dayInSeason === 28 && season < SEASONS)
      resourceSpecs.forEach((r, i) => {
        biomass[i] = Math.round(biomass[i] * (0.85 + rand() * 0.3));
        chain.push({
          from: r.scientist.address,
          to: A.resources,
          data: enc(I.resources, "postAssessment", [
            r.id,
            season + 1,
            t(biomass[i]),
            hashText(`${r.name} assessment ${season + 1}`),
          ]),
        });
        S.resource.assessments++;
      });

    // ----- mine the burst; read the new ids from the receipts
    const receipts = await chain.flush();
    for (const r of receipts) {
      for (const l of r.logs) {
        const addr = l.address.toLowerCase();
        if (addr === A.ledger.toLowerCase()) {
          const ev = I.ledger.parseLog(l);
          if (ev?.name === "ContributionSubmitted") {
            const s = submitted.shift()!;
            const c: Contribution = { id: ev.args.contributionId, project: s.p, contributor: s.who, at: j };
            if (j + 1 <= ticks) toEvaluate[j + 1].push(c);
          } else if (ev?.name === "ContributionSettled") {
            const status = Number(ev.args.status);
            if (status === 2) {
              S.contribution.accepted++;
              projects.find((p) => p.id === ev.args.projectId)!.pointHolders.add(ev.args.contributor);
            } else if (status === 3) S.contribution.rejected++;
            else if (status === 4) S.contribution.expired++;
          }
        } else if (addr === A.credit.toLowerCase()) {
          const ev = I.credit.parseLog(l);
          if (ev?.name === "ObligationRecorded") {
            const rec = recorded.shift()!;
            const o: Obligation = {
              id: ev.args.id,
              debtor: ev.args.debtor,
              creditor: ev.args.creditor,
              remaining: ev.args.amount,
              open: rec.kind === "signed",
            };
            obligations.push(o);
            obligationById.set(o.id, o);
            if (rec.acceptBy && j + 1 <= ticks)
              toAccept[j + 1].push({ id: o.id, by: rec.acceptBy, cancel: rec.cancel });
          } else if (ev?.name === "ObligationAccepted") {
            obligationById.get(ev.args.id)!.open = true;
          }
        } else if (addr === A.registry.toLowerCase()) {
          const ev = I.registry.parseLog(l);
          if (ev?.name === "ClaimSubmitted") {
            const c = newClaims.shift()!;
            c.id = ev.args.claimId;
            if (j + 1 <= ticks) toAttest[j + 1].push(c);
          } else if (ev?.name === "UnitsRetired") S.impact.certificates++;
        } else if (addr === A.market.toLowerCase()) {
          const ev = I.market.parseLog(l);
          if (ev?.name === "RoundCreated") rounds.push({ id: ev.args.roundId, end: Number(ev.args.endTime) });
        }
      }
    }
    if (submitted.length || newClaims.length || recorded.length) throw new Error("receipts and bursts out of step");

    // ----- clearing: the operator solves the open, consented obligations and submits the batch in chunks
    if (clearingTicks.has(j)) {
      const input: ObligationInput[] = obligations
        .filter((o) => o.open && o.remaining > 0n && consented.has(o.debtor) && consented.has(o.creditor))
        .map((o) => ({ id: o.id, debtor: o.debtor, creditor: o.creditor, amount: o.remaining }));
      const solution = solveClearing(input);
      if (solution.setOffs.length) {
        const chunks = chunkSolution(solution, input, 250);
        const solutionId = hashText(`clearing at tick ${j}`);
        for (const c of chunks)
          chain.push({
            from: ada.address,
            to: A.credit,
            data: enc(I.credit, "clear", [
              solutionId,
              c.setOffs.map((s) => ({ obligationId: s.id, amount: s.amount })),
              [],
            ]),
            gas: 200_000n + 40_000n * BigInt(c.setOffs.length),
          });
        await chain.flush();
        for (const s of solution.setOffs) {
          const o = obligationById.get(s.id)!;
          o.remaining -= s.amount;
          if (o.remaining === 0n) o.open = false;
        }
        S.credit.clearingEpochs += chunks.length;
        S.credit.setOffs += chunks.reduce((sum, c) => sum + c.setOffs.length, 0);
        S.credit.cleared = String(BigInt(S.credit.cleared) + solution.cleared);
      }
    }
    if (j % TICKS_PER_SEASON === 0) log(`season ${season}: block ${chain.block}, ${chain.txCount} transactions`);
  }
  S.contribution.pending =
    S.contribution.contributions - S.contribution.accepted - S.contribution.rejected - S.contribution.expired;

  // ------------------------------------------------------------------------ to the present, then the summary
  await chain.advance(startBlock + totalBlocks, Math.max(chain.time + totalBlocks, Math.floor(Date.now() / 1000) - 60));
  await rpc.call("evm_setAutomine", [true]);
  if (!opts.rpc) {
    const wall = Math.floor(Date.now() / 1000);
    if (wall > chain.time) await rpc.call("evm_mine", [wall]);
  }
  await chain.sync();
  await conn.close();
  S.lastBlock = chain.block;
  S.blocks = S.lastBlock - S.firstBlock + 1;
  S.transactions = chain.txCount;
  S.logs = await countLogs(rpc, A, I, S.firstBlock, S.lastBlock);
  S.elapsedSeconds = Math.round((performance.now() - started) / 100) / 10;
  return { summary: S, close: closeChain };
}

/** Logs of each contract from `from` to `to`, by event name, read in ranges of 10,000 blocks. */
export async function countLogs(
  rpc: Rpc,
  addresses: Record<string, string>,
  ifaces: Record<string, Interface>,
  from: number,
  to: number,
): Promise<LargeSummary["logs"]> {
  const out: LargeSummary["logs"] = {};
  for (const [name, address] of Object.entries(addresses)) {
    const calls: [string, unknown[]][] = [];
    for (let b = Math.max(0, from); b <= to; b += 10_000)
      calls.push(["eth_getLogs", [{ address, fromBlock: hex(b), toBlock: hex(Math.min(to, b + 9_999)) }]]);
    const entry = { total: 0, byEvent: {} as Record<string, number> };
    for (const [method, params] of calls)
      for (const l of await rpc.call<Log[]>(method, params)) {
        entry.total++;
        const ev = ifaces[name].parseLog(l)?.name ?? l.topics[0];
        entry.byEvent[ev] = (entry.byEvent[ev] ?? 0) + 1;
      }
    out[name] = entry;
  }
  return out;
}

export { Rpc };

function printSummary(s: LargeSummary): void {
  const rows = (o: object) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${typeof v === "number" ? v.toLocaleString("en") : v}`)
      .join(", ");
  console.log(`
Large-data seed on ${s.rpcUrl} (scale ${s.scale}): ${s.elapsedSeconds} s
  blocks        ${s.firstBlock.toLocaleString("en")}..${s.lastBlock.toLocaleString("en")} (${s.blocks.toLocaleString("en")}), ${s.transactions.toLocaleString("en")} transactions, ${s.members} funded addresses
  contribution  ${rows(s.contribution)}
  credit        ${rows(s.credit)}
  impact        ${rows(s.impact)}
  resource      ${rows(s.resource)}
  logs          ${Object.entries(s.logs)
    .map(([k, v]) => `${k} ${v.total.toLocaleString("en")}`)
    .join(", ")}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      blocks: { type: "string" },
      rpc: { type: "string" },
      keep: { type: "boolean" },
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      json: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  try {
    const { summary, close } = await seedLarge({
      scale: values.scale ? Number(values.scale) : undefined,
      blocks: values.blocks ? Number(values.blocks) : undefined,
      rpc: values.rpc,
      port: Number(values.port ?? process.env.RPC_PORT ?? 8545),
      host: values.host ?? process.env.RPC_HOST ?? "127.0.0.1",
      seed: values.seed ? Number(values.seed) : undefined,
      log: (line) => console.log(line),
    });
    printSummary(summary);
    if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2) + "\n");
    if (values.keep && !values.rpc) {
      console.log(
        `\nThe chain keeps running on ${summary.rpcUrl}; point the dApp at it (VITE_RPC_URL=${summary.rpcUrl} npm run dev -w web). Ctrl+C stops it.`,
      );
      const stop = async () => {
        await close();
        process.exit(0);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    } else {
      await close();
      process.exit(0);
    }
  } catch (error) {
    console.error(`seed:large: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
}
