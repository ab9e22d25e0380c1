// `npm start`: the whole local stack in one command — Hardhat node, Ignition deploy, demo data, dApp (Vite).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCAL_ACCOUNT_NAMES } from "../sdk/src/local.ts";
import { DEMO_SPREAD_BLOCKS, LOCAL_COUNCIL, startStack } from "./lib/stack.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const HARDHAT_KEYS_NOTE = "Hardhat's public test mnemonic: 'test test test ... junk' — never use it on a real chain.";

const stack = await startStack({
  port: Number(process.env.RPC_PORT ?? 8545),
  host: process.env.RPC_HOST ?? "127.0.0.1",
  seed: true,
  spreadBlocks: DEMO_SPREAD_BLOCKS,
});
const webPort = Number(process.env.WEB_PORT ?? 5173);
const vite = spawn("npx", ["vite", "--port", String(webPort), "--strictPort", "--host", "127.0.0.1"], {
  cwd: join(root, "web"),
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, VITE_RPC_URL: stack.rpcUrl },
});

console.log(`
Cosmolocal local stack is up.
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
  dApp          http://127.0.0.1:${webPort}/
Test accounts (choose one under "Local test wallet" in the dApp; ${HARDHAT_KEYS_NOTE}):
${LOCAL_ACCOUNT_NAMES.map((name, i) => `  #${i} ${stack.accounts[i]}  ${name}`).join("\n")}
Press Ctrl+C to stop.`);

const stop = async () => {
  vite.kill("SIGTERM");
  await stack.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
