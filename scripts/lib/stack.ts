// The local stack shared by `npm start`, the browser e2e and the subgraph mapping tests: an in-process Hardhat
// node served over JSON-RPC, the contracts deployed with Ignition, the SDK's addresses regenerated, and
// (optionally) demo data.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import hre from "hardhat";
import ContributionModule from "../../ignition/modules/Contribution.ts";
import CreditModule from "../../ignition/modules/Credit.ts";
import DemoTokenModule from "../../ignition/modules/DemoToken.ts";
import { generateSdk } from "../gen-sdk.ts";
import { seedDemo, type DemoSummary } from "./demo.ts";
import { seedCreditDemo, type CreditDemoSummary } from "./demo-credit.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const LOCAL_CHAIN_ID = 31337;

export interface Stack {
  rpcUrl: string;
  ledger: string;
  token: string;
  /** The mutual-credit network. */
  credit: string;
  demo?: DemoSummary;
  creditDemo?: CreditDemoSummary;
  close(): Promise<void>;
}

/**
 * @param opts.host interface to bind (default 127.0.0.1; use 0.0.0.0 so a graph-node container can reach the chain)
 */
export async function startStack(opts: { port?: number; host?: string; seed?: boolean } = {}): Promise<Stack> {
  // Compile first: artifacts may be missing, stale, or instrumented by a coverage run (too large to deploy).
  await hre.tasks.getTask("build").run({ quiet: true });
  const server = await hre.network.createServer("default", opts.host ?? "127.0.0.1", opts.port ?? 8545);
  const { address, port } = await server.listen();
  const rpcUrl = `http://${address === "0.0.0.0" ? "127.0.0.1" : address}:${port}`;

  // A fresh chain each time: drop the journal of any earlier local deployment.
  rmSync(join(root, `ignition/deployments/chain-${LOCAL_CHAIN_ID}`), { recursive: true, force: true });
  const conn = await hre.network.create({ network: "localhost", override: { url: rpcUrl } });
  const { ledger } = await conn.ignition.deploy(ContributionModule, { displayUi: false });
  const { token } = await conn.ignition.deploy(DemoTokenModule, { displayUi: false });
  const { network: credit } = await conn.ignition.deploy(CreditModule, { displayUi: false });
  generateSdk();

  const ledgerAddress = await ledger.getAddress();
  const tokenAddress = await token.getAddress();
  const creditAddress = await credit.getAddress();
  const demo = opts.seed ? await seedDemo(conn.ethers, ledgerAddress, tokenAddress) : undefined;
  const creditDemo = opts.seed ? await seedCreditDemo(conn.ethers, creditAddress) : undefined;
  return {
    rpcUrl,
    ledger: ledgerAddress,
    token: tokenAddress,
    credit: creditAddress,
    demo,
    creditDemo,
    async close() {
      await conn.close();
      await server.close();
    },
  };
}
