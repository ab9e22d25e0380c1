// Playwright global setup of the browser e2e: one local stack (Hardhat node, deployment, demo data spread over blocks),
// the public-RPC proxy in front of its node, and the dApp built once against that proxy and served by `vite preview`;
// hands the stack to the tests (E2E_STACK) and returns the teardown.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, preview } from "vite";
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

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Hardhat finds its config from the working directory: load the stack from the repository root.
  process.chdir(root);
  const { DEMO_SPREAD_BLOCKS, startStack } = await import("../../scripts/lib/stack.ts");
  const limits = proxyLimits();
  const stack = await startStack({
    port: Number(process.env.E2E_RPC_PORT ?? 0),
    seed: true,
    spreadBlocks: DEMO_SPREAD_BLOCKS,
  });
  const outDir = mkdtempSync(join(tmpdir(), "cosmolocal-e2e-dist-"));
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
    // Chain reads through the proxy, no subgraph (vite reads VITE_* from the environment). The dApp is configured for
    // its endpoint, as a deployment is: its log reads span at most the proxy's range, so any refusal is a read that
    // ignores the bound (the halving on a refusal is unit-tested in web/src/shared/data/logs.test.ts).
    Object.assign(process.env, {
      VITE_RPC_URL: proxy.url,
      VITE_CHAIN_ID: "31337",
      VITE_SUBGRAPH_URL: "",
      ...(Number.isFinite(limits.maxLogRange) ? { VITE_LOG_CHUNK_BLOCKS: String(limits.maxLogRange) } : {}),
    });
    await build({ root: webDir, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    const server = await preview({
      root: webDir,
      logLevel: "warn",
      build: { outDir },
      preview: { port: Number(process.env.E2E_WEB_PORT ?? 0), strictPort: true },
    });
    const webUrl = server.resolvedUrls?.local[0];
    if (!webUrl) throw new Error("vite preview did not report its URL");
    const { close, ...info } = stack;
    const rpcProxy = { url: proxy.url, statsUrl: proxy.statsUrl, resetUrl: proxy.resetUrl };
    process.env.E2E_STACK = encodeStack({ ...info, webUrl, rpcProxy });
    const started = proxy;
    return async () => {
      await server.close();
      await started.close();
      await close();
      rmSync(outDir, { recursive: true, force: true });
    };
  } catch (err) {
    await proxy?.close();
    await stack.close();
    rmSync(outDir, { recursive: true, force: true });
    throw err;
  }
}
