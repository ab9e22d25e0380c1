// `npm start`: the whole local stack in one command — Hardhat node, Ignition deploy, demo data, dApp (Vite) — with
// each stage printed as it starts and ends, then the addresses, the URL and the personas with their roles.
import { createServer as createNetServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";
import { formatEther, formatUnits } from "ethers";
import { ENTRY_POINT_V08 } from "../sdk/src/aa.ts";
import { LOCAL_PERSONAS, personaLabel } from "../sdk/src/local.ts";
import { formatDuration, stageLine, timeStage, type OnStage } from "./lib/progress.ts";
import { DEMO_SPREAD_BLOCKS, LOCAL_COUNCIL, startStack } from "./lib/stack.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const webDir = join(root, "web");
const HARDHAT_KEYS_NOTE = "Hardhat's public test mnemonic: 'test test test ... junk' — never use it on a real chain.";
const report: OnStage = (e) => console.log(stageLine(e));
const rpc = { host: process.env.RPC_HOST ?? "127.0.0.1", port: Number(process.env.RPC_PORT ?? 8545) };
const webPort = Number(process.env.WEB_PORT ?? 5173);
const bundlerPort = Number(process.env.BUNDLER_PORT ?? 4337);

/** Whether something already listens on `host`:`port`. */
async function inUse(host: string, port: number): Promise<boolean> {
  const probe = createNetServer();
  return new Promise((resolve, reject) => {
    probe.once("error", (e: NodeJS.ErrnoException) => (e.code === "EADDRINUSE" ? resolve(true) : reject(e)));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}
// Both ports are checked before the compile, which can take minutes.
for (const [variable, host, port] of [
  ["RPC_PORT", rpc.host, rpc.port],
  ["WEB_PORT", "127.0.0.1", webPort],
  // Alto binds to all interfaces.
  ["BUNDLER_PORT", "0.0.0.0", bundlerPort],
] as const) {
  if (await inUse(host, port)) {
    console.error(
      `Port ${port} on ${host} is in use (another npm start?). Stop it, or choose a port: ${variable}=<port>.`,
    );
    process.exit(1);
  }
}

const stack = await startStack({
  ...rpc,
  seed: true,
  spreadBlocks: DEMO_SPREAD_BLOCKS,
  onStage: report,
  bundlerPort,
});
// The dApp reads the chain it was started for and sends sponsored operations to the local bundler (Vite passes VITE_*
// variables of the environment to the app).
process.env.VITE_RPC_URL = stack.rpcUrl;
process.env.VITE_BUNDLER_URL = stack.bundlerUrl!;
// Ready once the dev server listens on its port; it keeps the stage lines on screen (no clearing).
const vite = await timeStage("dApp", report, async () => {
  const server = await createServer({
    root: webDir,
    clearScreen: false,
    server: { port: webPort, strictPort: true, host: "127.0.0.1" },
  });
  await server.listen();
  return server;
});
const dappUrl = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${webPort}/`;

console.log(`
Cosmolocal local stack is up (${formatDuration(performance.now())}).
  dApp          ${dappUrl}
  JSON-RPC      ${stack.rpcUrl}  (chain id 31337)
  Ledger        ${stack.ledger}
  Demo token    ${stack.token}  (dEUR, 6 decimals)
  Credit        ${stack.credit}  (Commons Credit, CMC; ${stack.creditDemo!.openObligations} open obligations, ready to clear)
  Council       ${stack.council.governor}  (thresholds council: Ada, Bea, Cyrus; voting ${LOCAL_COUNCIL.votingPeriod} s, timelock ${LOCAL_COUNCIL.minDelay} s)
  Timelock      ${stack.council.timelock}
  Resources     ${stack.resources}  (North Sea plaice, season ${stack.resourceDemo!.season}; one council decision queued)
  Impact        ${stack.impact.registry}  (claims and ERC-1155 units; ${stack.impactDemo!.claims.length} demo claims: ${[...new Set(stack.impactDemo!.claims.map((c) => c.status.split(" ")[0]))].join(", ")})
  Market        ${stack.impact.market}  (matching round #${stack.impactDemo!.roundId} open for 60 days)
  Certificates  ${stack.impact.certificates}  (retirement certificates, ERC-721, non-transferable)
  Designs       ${stack.designs}  (open design commons, CopyFair licences; design #${stack.designsDemo!.frameId} and its derivative #${stack.designsDemo!.derivativeId})
  Cluster       ${stack.cluster}  (local exchange: ${stack.clusterDemo!.intents} offers and needs, order #${stack.clusterDemo!.orderId} in production)
  Commonfare    ${stack.commonfare}  (solidarity circles: #${stack.commonfareDemo!.circleId} "${stack.commonfareDemo!.name}", ${stack.commonfareDemo!.members.length} members, ${formatUnits(stack.commonfareDemo!.pool, 6)} dEUR pooled)
  Bundler       ${stack.bundlerUrl}  (ERC-4337, Alto; EntryPoint v0.8 ${ENTRY_POINT_V08})
  Paymaster     ${stack.paymaster}  (pays members' gas; deposit ${formatEther(stack.sponsorshipDemo!.deposit)} ETH)
Test accounts (choose one under "Local test wallet" in the dApp; ${HARDHAT_KEYS_NOTE}):
${LOCAL_PERSONAS.map((p, i) => `  #${String(i).padEnd(2)} ${stack.accounts[i]}  ${personaLabel(p)}`).join("\n")}
Open ${dappUrl} — press Ctrl+C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await vite.close();
  await stack.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
