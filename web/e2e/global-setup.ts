// Playwright global setup of the browser e2e: one local stack (Hardhat node, deployment, demo data spread over blocks),
// the public-RPC proxy in front of its node, and the dApp built once against that proxy and served by `vite preview`.
// Hands the stack to the tests (E2E_STACK) and returns the teardown.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, preview, type PreviewServer } from "vite";
import { BUILT_MANIFEST, subgraphUrlAt } from "../../subgraph/scripts/local-indexer.ts";
import { PROXY_DEFAULTS, startRpcProxy, type RpcProxyOptions } from "./rpc-proxy.ts";
import { encodeStack, root, webDir } from "./stack.ts";

/**
 * The proxy's limits: a free public endpoint's (PROXY_DEFAULTS), each one overridable for a measurement, e.g.
 * E2E_PROXY_MAX_LOG_RANGE=Infinity E2E_PROXY_MAX_LOG_RESULTS=Infinity E2E_PROXY_RATE=Infinity lifts them all.
 */
function proxyLimits(): Omit<RpcProxyOptions, "upstream"> {
  const env = (name: string, fallback: number) => {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!(value > 0)) throw new Error(`${name}=${raw}: expected a positive number or Infinity`);
    return value;
  };
  return {
    maxLogRange: env("E2E_PROXY_MAX_LOG_RANGE", PROXY_DEFAULTS.maxLogRange),
    maxLogResults: env("E2E_PROXY_MAX_LOG_RESULTS", PROXY_DEFAULTS.maxLogResults),
    ratePerSecond: env("E2E_PROXY_RATE", PROXY_DEFAULTS.ratePerSecond),
    burst: env("E2E_PROXY_BURST", PROXY_DEFAULTS.burst),
  };
}

/** A TCP port free on 127.0.0.1 now (the environment variable `override` names overrides it). */
async function freePort(override: string): Promise<number> {
  if (process.env[override]) return Number(process.env[override]);
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Builds the dApp into `outDir` with the `VITE_*` settings `env`, and serves it; returns the server and its URL. */
async function buildAndServe(
  outDir: string,
  env: Record<string, string>,
  port = 0,
): Promise<{ server: PreviewServer; url: string }> {
  // vite reads VITE_* from the environment.
  Object.assign(process.env, env);
  await build({ root: webDir, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root: webDir,
    logLevel: "warn",
    build: { outDir },
    preview: { port, strictPort: port !== 0 },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview did not report its URL");
  return { server, url };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Hardhat finds its config from the working directory: load the stack from the repository root.
  process.chdir(root);
  const { DEMO_SPREAD_BLOCKS, startStack } = await import("../../scripts/lib/stack.ts");
  const limits = proxyLimits();
  const stack = await startStack({
    // The local ERC-4337 bundler (Alto) the sponsorship story sends members' operations through.
    bundlerPort: await freePort("E2E_BUNDLER_PORT"),
    port: Number(process.env.E2E_RPC_PORT ?? 0),
    seed: true,
    // E2E_SPREAD_BLOCKS=0 seeds the history in consecutive blocks (to tell a spread's effect from the limits').
    spreadBlocks: Number(process.env.E2E_SPREAD_BLOCKS ?? DEMO_SPREAD_BLOCKS),
  });
  const outDir = mkdtempSync(join(tmpdir(), "cosmolocal-e2e-dist-"));
  let web: PreviewServer | undefined;
  const removeOutDir = () => rmSync(outDir, { recursive: true, force: true });
  let proxy: Awaited<ReturnType<typeof startRpcProxy>> | undefined;
  try {
    // The dApp talks to the node only through the proxy; the tests' own cross-checks talk to the node directly.
    proxy = await startRpcProxy({ upstream: stack.rpcUrl, port: Number(process.env.E2E_PROXY_PORT ?? 0), ...limits });
    const head = await fetch(stack.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
    }).then(async (r) => Number(((await r.json()) as { result: string }).result));
    console.log(
      `e2e: dApp → public-RPC proxy ${proxy.url} (eth_getLogs ≤ ${limits.maxLogRange} blocks, ≤ ${limits.maxLogResults} ` +
        `logs; ${limits.ratePerSecond}/s, burst ${limits.burst}) → node ${stack.rpcUrl} (demo history: ${head} blocks)`,
    );
    // The dApp is configured for its endpoint, as a deployment is: its log reads span at most the proxy's range, so
    // any refusal is a read that ignores the bound (the halving on a refusal is unit-tested in
    // web/src/shared/data/logs.test.ts).
    const rpc = {
      VITE_RPC_URL: proxy.url,
      VITE_BUNDLER_URL: stack.bundlerUrl!,
      VITE_CHAIN_ID: "31337",
      ...(Number.isFinite(limits.maxLogRange) ? { VITE_LOG_CHUNK_BLOCKS: String(limits.maxLogRange) } : {}),
    };
    // One build, with the subgraph of the local indexer that the readers story (web/e2e/readers.e2e.ts) starts on this
    // port: the story's chain is reverted afterwards and the indexer does not follow re-orgs, so it lives only as long
    // as the story. Every other page reads the chain, as a person can choose to (the fixtures keep that choice in each
    // browser context, web/src/shared/data/source.ts). The indexer needs the compiled mappings.
    if (!existsSync(BUILT_MANIFEST)) {
      console.log("e2e: building the subgraph (npm run build -w subgraph) for the readers story");
      execFileSync("npm", ["run", "build", "-w", "subgraph"], { cwd: root, stdio: "inherit" });
    }
    const indexerPort = await freePort("E2E_INDEXER_PORT");
    const served = await buildAndServe(
      outDir,
      { ...rpc, VITE_SUBGRAPH_URL: subgraphUrlAt(indexerPort) },
      Number(process.env.E2E_WEB_PORT ?? 0),
    );
    web = served.server;
    const { close, ...info } = stack;
    const rpcProxy = { url: proxy.url, statsUrl: proxy.statsUrl, resetUrl: proxy.resetUrl };
    process.env.E2E_STACK = encodeStack({
      ...info,
      webUrl: served.url,
      indexerPort,
      rpcProxy,
    });
    const started = proxy;
    return async () => {
      await served.server.close();
      await started.close();
      await close();
      removeOutDir();
    };
  } catch (err) {
    await web?.close();
    await proxy?.close();
    await stack.close();
    removeOutDir();
    throw err;
  }
}
