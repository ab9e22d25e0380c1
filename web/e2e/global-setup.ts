// Playwright global setup of the browser e2e: one local stack (Hardhat node, deployment, demo data) and the dApp built
// once against it and served by `vite preview`; hands the stack to the tests (E2E_STACK) and returns the teardown.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, preview } from "vite";
import { encodeStack, root, webDir } from "./stack.ts";

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Hardhat finds its config from the working directory: load the stack from the repository root.
  process.chdir(root);
  const { startStack } = await import("../../scripts/lib/stack.ts");
  const stack = await startStack({ port: Number(process.env.E2E_RPC_PORT ?? 0), seed: true });
  const outDir = mkdtempSync(join(tmpdir(), "cosmolocal-e2e-dist-"));
  try {
    // Chain reads from the local node, no subgraph (vite reads VITE_* from the environment).
    Object.assign(process.env, { VITE_RPC_URL: stack.rpcUrl, VITE_CHAIN_ID: "31337", VITE_SUBGRAPH_URL: "" });
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
    process.env.E2E_STACK = encodeStack({ ...info, webUrl });
    return async () => {
      await server.close();
      await close();
      rmSync(outDir, { recursive: true, force: true });
    };
  } catch (err) {
    await stack.close();
    rmSync(outDir, { recursive: true, force: true });
    throw err;
  }
}
