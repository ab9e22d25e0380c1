// The local ERC-4337 bundler: Pimlico's Alto (@pimlico/alto) against the local Hardhat node, for the canonical
// EntryPoint v0.8. Alto's safe mode traces validation with a JavaScript tracer that Hardhat's node does not offer, so
// it runs with `--safe-mode false` (the ERC-7562 rules are then checked by the paymaster tests instead, and by every
// public bundler). Alto binds to all interfaces and has no flag to change that: on a shared machine, firewall its port.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HDNodeWallet } from "ethers";
import { ENTRY_POINT_V08 } from "../../sdk/src/aa.ts";

/** Hardhat's public test mnemonic (the local node's accounts); never for a real chain. */
const TEST_MNEMONIC = "test test test test test test test test test test test junk";
/** The test accounts the bundler sends from: its executor (#19) and its utility account (#18), outside the personas. */
export const BUNDLER_EXECUTOR_INDEX = 19;
export const BUNDLER_UTILITY_INDEX = 18;

const accountOf = (index: number) => HDNodeWallet.fromPhrase(TEST_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);

export interface Bundler {
  url: string;
  /** The bundler's own address (it pays for handleOps and is refunded by the EntryPoint). */
  executor: string;
  close(): Promise<void>;
}

/** Starts Alto on `port` for the node at `rpcUrl`; resolves once it answers `eth_supportedEntryPoints`. */
export async function startBundler(rpcUrl: string, port: number, opts: { log?: boolean } = {}): Promise<Bundler> {
  // The package's bin (its exports name only its library entry, esm/index.js, next to esm/cli/).
  const cli = join(dirname(fileURLToPath(import.meta.resolve("@pimlico/alto"))), "cli/alto.js");
  const args = [
    // Its clock follows the chain's (bundler-clock.ts).
    "--import",
    join(import.meta.dirname, "bundler-clock.ts"),
    cli,
    "--entrypoints",
    ENTRY_POINT_V08,
    "--rpc-url",
    rpcUrl,
    "--port",
    String(port),
    "--executor-private-keys",
    accountOf(BUNDLER_EXECUTOR_INDEX).privateKey,
    "--utility-private-key",
    accountOf(BUNDLER_UTILITY_INDEX).privateKey,
    "--safe-mode",
    "false",
    // The dApp calls it from the browser.
    "--enable-cors",
    "true",
    // The validity window's end is the EntryPoint's to check (against the chain's time, in every simulation and in
    // handleOps): Alto would refuse an operation of a period that ends within 5 s.
    "--expiration-check",
    "false",
    // The local node mines a block per transaction: poll for receipts often.
    "--block-time",
    "250",
    "--log-level",
    opts.log ? "info" : "warn",
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, COSMOLOCAL_BUNDLER_CHAIN_RPC: rpcUrl },
  });
  let output = "";
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
    if (opts.log) process.stdout.write(d);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the bundler (Alto) exited with code ${code}:\n${output}`))),
  );
  const ready = (async () => {
    for (let attempt = 0; attempt < 600; attempt++) {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_supportedEntryPoints", params: [] }),
        });
        const body = (await res.json()) as { result?: string[] };
        if (body.result?.some((a) => a.toLowerCase() === ENTRY_POINT_V08.toLowerCase())) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the bundler (Alto) did not answer on ${url} within 60 s:\n${output}`);
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (err) {
    child.kill();
    throw err;
  }
  exited.catch(() => undefined);
  return {
    url,
    executor: accountOf(BUNDLER_EXECUTOR_INDEX).address,
    async close() {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
