// The dApp's read cost (issue 15), for `npm run bench` (BENCH_ONLY=web): on the large-data demo, through the public-RPC
// proxy, the first load of each module's main screen (requests, ms) and the requests one new block costs afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { createPublicClient, http } from "viem";
import { build, preview } from "vite";
import { contributionLedgerAbi } from "../../sdk/src/index.ts";
import { startRpcProxy, type RpcProxy, type RpcProxyStats } from "../../web/e2e/rpc-proxy.ts";
import { seedLarge } from "../seed-large.ts";

/**
 * The screens measured: each module's main screen, and the contribution module's project list besides its busiest
 * project's page. `ready` holds (in the page) once the screen shows its data: its heading is there and no
 * "Loading …" placeholder is left (the screens render one while any of their reads is pending).
 */
interface Screen {
  key: string;
  /** The hash route, or a function of the seeded chain. */
  route: string | ((ctx: { largestProject: bigint }) => string);
  /** Test ids whose elements must all be present. */
  shows: string[];
  /** Test-id prefixes of which at least one element must be present (a list with rows). */
  rows?: string[];
}

export const WEB_SCREENS: Screen[] = [
  {
    key: "contribution",
    route: ({ largestProject }) => `#/project/${largestProject}`,
    shows: ["project-name"],
  },
  { key: "projects", route: "#/", shows: [], rows: ["project-card-"] },
  { key: "credit", route: "#/credit", shows: ["credit-name"] },
  { key: "council", route: "#/council", shows: ["council-name"], rows: ["proposal-"] },
  { key: "resource", route: "#/resources", shows: ["resource-name"] },
  { key: "impact", route: "#/impact", shows: ["impact-title"] },
];

/** The targets: a first load in at most 200 requests and 5 s, a new block in at most 5 requests. */
export const WEB_TARGETS: Record<string, number> = Object.fromEntries(
  WEB_SCREENS.flatMap(({ key }) => [
    [`web.load.${key}.requests`, 200],
    [`web.load.${key}.ms`, 5_000],
    [`web.refresh.${key}.requests`, 5],
  ]),
);

/** The first load gives up after this long (then reported with the requests made so far). */
const LOAD_TIMEOUT_MS = 120_000;
/** The page is idle once this long passes with nothing but its head poll (one eth_getBlockByNumber a second). */
const QUIET_MS = 3_000;
/** Waiting for the page to go idle after its data shows gives up after this long. */
const IDLE_TIMEOUT_MS = 120_000;
/** The refresh window (and the idle window it is compared with): a new block's reads fit well inside it. */
const WINDOW_MS = 8_000;

export interface WebBenchOptions {
  /** seed:large's volume factor (default $BENCH_WEB_SCALE or 1: 100,000 blocks); $BENCH_WEB_SCREENS=credit,impact
   * measures only those screens. */
  scale?: number;
  log?: (line: string) => void;
}

export interface WebBenchResult {
  results: Record<string, number>;
  /** [description, passed] for what is not a "value <= target" figure: every screen showed its data. */
  checks: [string, boolean][];
}

const rpcCall = async (url: string, method: string, params: unknown[] = []) => {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
};

/** The project with the most contributions submitted (the heaviest project page), read from the node in 10k ranges. */
async function largestProject(rpcUrl: string, ledger: `0x${string}`, from: number, to: number): Promise<bigint> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const counts = new Map<bigint, number>();
  for (let b = from; b <= to; b += 10_000) {
    const logs = await client.getContractEvents({
      abi: contributionLedgerAbi,
      address: ledger,
      eventName: "ContributionSubmitted",
      fromBlock: BigInt(b),
      toBlock: BigInt(Math.min(to, b + 9_999)),
    });
    for (const l of logs) {
      const id = (l.args as { projectId: bigint }).projectId;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error("bench web: the seeded ledger has no contribution");
  return best[0];
}

/**
 * Is the screen showing its data? Evaluated in the page (a string: these scripts are type-checked without the DOM), as
 * `(ready)({ shows, rows })`: `{ ok: true }` once it does, `{ error }` when it shows "Could not read …" instead (a
 * refused read the dApp gave up on), false while it loads.
 */
const SCREEN_READY = `({ shows, rows }) => {
  const root = document.getElementById("root") ?? document.body;
  const failed = [...root.querySelectorAll("p.error")].find((e) => /^Could not read/.test(e.textContent ?? ""));
  if (failed) return { error: failed.textContent };
  for (const id of shows) if (!document.querySelector(\`[data-testid="\${id}"]\`)) return false;
  for (const prefix of rows) if (!document.querySelector(\`[data-testid^="\${prefix}"]\`)) return false;
  if (root.childElementCount === 0) return false;
  const loading = [...root.querySelectorAll("p, span, td, button")].some((e) => /^Loading\\b/.test((e.textContent ?? "").trim()));
  return loading ? false : { ok: true };
}`;

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const refusedOf = (s: RpcProxyStats) => s.refused.range + s.refused.results + s.refused.rate;
const byMethodText = (o: Record<string, number>) =>
  Object.entries(o)
    .filter(([, n]) => n !== 0)
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${m} ${n}`)
    .join(", ");

/** The page's next JSON-RPC response from the proxy (when idle: its head poll). */
const nextRpcResponse = (page: Page, proxy: RpcProxy) =>
  page.waitForResponse((r) => r.url().startsWith(proxy.url) && r.request().method() === "POST", { timeout: 30_000 });

/**
 * Waits until the page goes idle: QUIET_MS in which the proxy saw only head polls (eth_getBlockByNumber, at most one
 * per second and one more). Returns the proxy's count and the time when the quiet began (the reads done by then), or
 * undefined on IDLE_TIMEOUT_MS.
 */
async function untilIdle(proxy: RpcProxy, started: number): Promise<{ requests: number; ms: number } | undefined> {
  const seen: { at: number; total: number; other: number }[] = [];
  const deadline = performance.now() + IDLE_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const s = proxy.stats();
    const at = performance.now();
    seen.push({ at, total: s.total, other: s.total - (s.byMethod.eth_getBlockByNumber ?? 0) });
    const from = seen.findLast((x) => x.at <= at - QUIET_MS);
    const now = seen[seen.length - 1];
    if (from && now.other === from.other && now.total - from.total <= QUIET_MS / 1000 + 1)
      return { requests: from.total, ms: Math.round(from.at - started) };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

/**
 * Measures one screen in a fresh browser context: the first load (proxy stats reset, page opened, elapsed until the
 * data shows), then the refresh: two windows of WINDOW_MS, each starting right after one of the page's head polls so
 * they hold the same number of polls; in the second, one block is mined on the node (not through the proxy). The
 * refresh is the difference of their request counts: what the new block cost beyond the polling the page does anyway.
 */
async function measureScreen(
  browser: Browser,
  webUrl: string,
  proxy: RpcProxy,
  nodeUrl: string,
  screen: Screen,
  route: string,
  names: Map<string, string>,
  log: (line: string) => void,
): Promise<{ results: Record<string, number>; loaded: boolean; sawBlock: boolean }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const heads: bigint[] = [];
  // The page's eth_getLogs by the contracts they ask for (what dominates a load), as the browser sent them.
  const getLogs = new Map<string, number>();
  /** Their ranges: blocks per call, how many calls. */
  const spans = new Map<number, number>();
  page.on("request", (r) => {
    if (!r.url().startsWith(proxy.url) || r.method() !== "POST") return;
    const body = r.postDataJSON() as unknown;
    for (const call of Array.isArray(body) ? body : [body]) {
      const { method, params } = call as {
        method?: string;
        params?: { address?: string | string[]; fromBlock?: string; toBlock?: string }[];
      };
      if (method !== "eth_getLogs") continue;
      const { address, fromBlock, toBlock } = params?.[0] ?? {};
      if (fromBlock?.startsWith("0x") && toBlock?.startsWith("0x")) {
        const span = Number(BigInt(toBlock) - BigInt(fromBlock) + 1n);
        spans.set(span, (spans.get(span) ?? 0) + 1);
      }
      const who = [address ?? "any"]
        .flat()
        .map((a) => names.get(a.toLowerCase()) ?? a)
        .join("+");
      getLogs.set(who, (getLogs.get(who) ?? 0) + 1);
    }
  });
  page.on("response", (r) => {
    if (!r.url().startsWith(proxy.url) || r.request().method() !== "POST") return;
    r.json()
      .then((body: unknown) => {
        for (const reply of Array.isArray(body) ? body : [body]) {
          const result = (reply as { result?: { number?: string } }).result;
          if (result && typeof result === "object" && typeof result.number === "string")
            heads.push(BigInt(result.number));
        }
      })
      .catch(() => {});
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const key = screen.key;
  const results: Record<string, number> = {};
  try {
    // ---- first load
    proxy.reset();
    const started = performance.now();
    await page.goto(`${webUrl}${route}`, { waitUntil: "commit" });
    let loaded = true;
    try {
      const arg = JSON.stringify({ shows: screen.shows, rows: screen.rows ?? [] });
      const state = await page.waitForFunction(`(${SCREEN_READY})(${arg})`, undefined, {
        polling: 50,
        timeout: LOAD_TIMEOUT_MS,
      });
      const { error } = (await state.jsonValue()) as { ok?: true; error?: string };
      if (error) {
        loaded = false;
        log(`  ${key}: the screen shows an error instead of its data: ${error.slice(0, 300)}`);
      }
    } catch (err) {
      loaded = false;
      log(
        `  ${key}: the data did not show within ${LOAD_TIMEOUT_MS / 1000} s (${(err as Error).message.split("\n")[0]})`,
      );
    }
    if (!loaded && errors.length) log(`  ${key}: page errors: ${errors.slice(-3).join(" | ")}`);
    const ms = Math.round(performance.now() - started);
    const load = proxy.stats();
    // A screen that never showed its data has no load time (its requests up to the failure are still reported).
    Object.assign(results, {
      [`web.load.${key}.requests`]: load.total,
      ...(loaded ? { [`web.load.${key}.ms`]: ms } : {}),
      [`web.load.${key}.getLogs`]: load.byMethod.eth_getLogs ?? 0,
      [`web.load.${key}.refused`]: refusedOf(load),
    });
    log(
      `  ${key} (${route}) load: ${ms} ms, ${load.total} requests in ${load.httpRequests} HTTP requests ` +
        `(${byMethodText(load.byMethod)}); refused: range ${load.refused.range}, results ${load.refused.results}, ` +
        `rate ${load.refused.rate}`,
    );
    if (!loaded) return { results, loaded, sawBlock: false };

    // ---- until idle: what the screen reads after its data shows (e.g. a second list behind the first)
    const idleAt = await untilIdle(proxy, started);
    if (!idleAt) {
      log(`  ${key}: the page did not go idle within ${IDLE_TIMEOUT_MS / 1000} s`);
      return { results, loaded, sawBlock: false };
    }
    results[`web.load.${key}.requestsUntilIdle`] = idleAt.requests;
    results[`web.load.${key}.msUntilIdle`] = idleAt.ms;
    log(
      `  ${key} until idle: ${idleAt.requests} requests, ${idleAt.ms} ms; eth_getLogs sent by contract: ` +
        byMethodText(Object.fromEntries(getLogs)) +
        `; blocks per call: ${byMethodText(Object.fromEntries([...spans].map(([b, n]) => [String(b), n])))}`,
    );

    // ---- refresh: an idle window, then a window with one new block
    await nextRpcResponse(page, proxy);
    proxy.reset();
    await page.waitForTimeout(WINDOW_MS);
    const idle = proxy.stats();
    await nextRpcResponse(page, proxy);
    proxy.reset();
    await rpcCall(nodeUrl, "evm_mine");
    const mined = BigInt((await rpcCall(nodeUrl, "eth_blockNumber")) as string);
    await page.waitForTimeout(WINDOW_MS);
    const fresh = proxy.stats();
    const sawBlock = heads.some((h) => h >= mined);
    const extra: Record<string, number> = {};
    for (const m of new Set([...Object.keys(fresh.byMethod), ...Object.keys(idle.byMethod)]))
      extra[m] = (fresh.byMethod[m] ?? 0) - (idle.byMethod[m] ?? 0);
    results[`web.refresh.${key}.requests`] = fresh.total - idle.total;
    results[`web.refresh.${key}.getLogs`] = extra.eth_getLogs ?? 0;
    log(
      `  ${key} refresh: ${fresh.total} requests in ${WINDOW_MS / 1000} s with block ${mined} ` +
        `(${byMethodText(fresh.byMethod)}) − ${idle.total} idle (${byMethodText(idle.byMethod)}) = ` +
        `${fresh.total - idle.total} (${byMethodText(extra)}); refused ${refusedOf(fresh)}` +
        (sawBlock ? "" : "; the page never saw the new block"),
    );
    if (sum(extra) !== fresh.total - idle.total) throw new Error("bench web: per-method counts disagree");
    return { results, loaded, sawBlock };
  } finally {
    await context.close();
  }
}

/**
 * Seeds the large demo on a fresh local chain, puts the public-RPC proxy (its default limits: eth_getLogs <= 1,000
 * blocks and 10,000 logs, 25 calls/s, burst 50) in front of it, builds the dApp against the proxy (chain readers, no
 * subgraph), serves it, and measures every screen of WEB_SCREENS in headless Chromium.
 */
export async function benchWeb(opts: WebBenchOptions = {}): Promise<WebBenchResult> {
  const scale = opts.scale ?? Number(process.env.BENCH_WEB_SCALE || 1);
  if (!(scale > 0)) throw new Error(`BENCH_WEB_SCALE=${process.env.BENCH_WEB_SCALE}: expected a positive number`);
  const log = opts.log ?? ((line: string) => console.log(line));
  const webDir = join(import.meta.dirname, "../../web");
  const t0 = performance.now();
  log(`web: seeding the large demo at scale ${scale}…`);
  const { summary, close: closeChain } = await seedLarge({ scale, port: 0, log: (l) => log(`  seed: ${l}`) });
  const cleanups: (() => Promise<unknown> | void)[] = [closeChain];
  try {
    log(
      `web: seeded blocks ${summary.firstBlock}..${summary.lastBlock} (${summary.blocks}), ` +
        `${summary.transactions} transactions in ${Math.round((performance.now() - t0) / 1000)} s`,
    );
    const project = await largestProject(
      summary.rpcUrl,
      summary.deployment.ledger as `0x${string}`,
      summary.firstBlock,
      summary.lastBlock,
    );
    const proxy = await startRpcProxy({ upstream: summary.rpcUrl });
    cleanups.unshift(() => proxy.close());
    // As a deployment on a public endpoint is configured: its log range as the readers' chunk (the e2e does the same).
    Object.assign(process.env, {
      VITE_RPC_URL: proxy.url,
      VITE_CHAIN_ID: "31337",
      VITE_SUBGRAPH_URL: "",
      VITE_LOG_CHUNK_BLOCKS: "1000",
    });
    const outDir = mkdtempSync(join(tmpdir(), "cosmolocal-bench-web-"));
    cleanups.unshift(() => rmSync(outDir, { recursive: true, force: true }));
    await build({ root: webDir, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    const server = await preview({ root: webDir, logLevel: "warn", build: { outDir }, preview: { port: 0 } });
    cleanups.unshift(() => server.close());
    const webUrl = server.resolvedUrls?.local[0];
    if (!webUrl) throw new Error("vite preview did not report its URL");
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu"],
    });
    cleanups.unshift(() => browser.close());
    log(`web: dApp ${webUrl} → proxy ${proxy.url} → node ${summary.rpcUrl}; busiest project #${project}`);

    const { council, impact, ...single } = summary.deployment;
    const names = new Map<string, string>();
    const impactNames = Object.fromEntries(Object.entries(impact).map(([k, v]) => [`impact.${k}`, v]));
    for (const [name, address] of Object.entries({ ...single, ...council, ...impactNames }))
      if (typeof address === "string") names.set(address.toLowerCase(), name);
    const results: Record<string, number> = { "web.blocks": summary.blocks };
    const checks: [string, boolean][] = [];
    const only = process.env.BENCH_WEB_SCREENS?.split(",").map((x) => x.trim());
    for (const screen of WEB_SCREENS.filter((x) => !only || only.includes(x.key))) {
      const route = typeof screen.route === "function" ? screen.route({ largestProject: project }) : screen.route;
      const m = await measureScreen(browser, webUrl, proxy, summary.rpcUrl, screen, route, names, log);
      Object.assign(results, m.results);
      checks.push([`web: ${screen.key} (${route}) showed its data`, m.loaded]);
      if (m.loaded) checks.push([`web: ${screen.key} saw the new block within ${WINDOW_MS / 1000} s`, m.sawBlock]);
    }
    return { results, checks };
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}
