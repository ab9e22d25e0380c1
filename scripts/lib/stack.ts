// The local stack shared by `npm start`, the browser e2e and the subgraph tests: an in-process Hardhat node over
// JSON-RPC, the Ignition deployment, the SDK's addresses regenerated and, optionally, demo data spread over blocks.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import ContributionModule from "../../ignition/modules/Contribution.ts";
import CreditModule from "../../ignition/modules/Credit.ts";
import DemoTokenModule from "../../ignition/modules/DemoToken.ts";
import ImpactModule from "../../ignition/modules/Impact.ts";
import ResourceModule from "../../ignition/modules/Resource.ts";
import { LOCAL_ACCOUNT_NAMES } from "../../sdk/src/local.ts";
import { generateSdk } from "../gen-sdk.ts";
import { seedContributionDemo, type ContributionDemoSummary } from "./demo-contribution.ts";
import { seedCreditDemo, type CreditDemoSummary } from "./demo-credit.ts";
import { seedImpactDemo, seedImpactGovernance, type ImpactDemoSummary } from "./demo-impact.ts";
import { DEMO_LOOKBACK_SECONDS, seedResourceDemo, type ResourceDemoSummary } from "./demo-resource.ts";
import { blockGap } from "./spread.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const LOCAL_CHAIN_ID = 31337;
/** The local thresholds council: Ada, Bea and Cyrus (accounts #0-#2), with delays short enough to try by hand. */
export const LOCAL_COUNCIL = {
  delegations: ["Secretariat", "Fishers' co-operatives", "Coastal communities"],
  votingDelay: 60,
  votingPeriod: 600,
  // The impact registry refuses an admin timelock that waits less than an hour (MIN_ADMIN_DELAY).
  minDelay: 3_600,
  // 67 % of 3 seats is 2, a strict majority; the contract enforces that floor anyway (50 % would also need 2).
  quorumPercent: 67,
};

/**
 * The spread `npm start` and the browser e2e seed with: empty blocks between the deployment, the demos and their
 * steps, more than a public endpoint's `eth_getLogs` range (1,000 blocks), so every history read needs several calls.
 */
export const DEMO_SPREAD_BLOCKS = 1_500;

export interface Stack {
  rpcUrl: string;
  ledger: string;
  token: string;
  /** The mutual-credit network. */
  credit: string;
  /** The thresholds council (governor, seats, timelock) and the resource-cap registry it governs. */
  council: { governor: string; seats: string; timelock: string };
  resources: string;
  /** Verified decarbonisation claims: registry (ERC-1155 units), market with matching rounds, certificates. */
  impact: { registry: string; market: string; certificates: string };
  /** Addresses of the local test accounts #0.. (as many as there are demo personas). */
  accounts: string[];
  contributionDemo?: ContributionDemoSummary;
  creditDemo?: CreditDemoSummary;
  resourceDemo?: ResourceDemoSummary;
  impactDemo?: ImpactDemoSummary;
  close(): Promise<void>;
}

/** The contracts of a fresh deployment and the local test accounts #0.. (as many as there are demo personas). */
export type Deployment = Pick<Stack, "ledger" | "token" | "credit" | "council" | "resources" | "impact" | "accounts">;

/**
 * Deploys every module with Ignition over `conn` (a fresh journal for the local chain id) and regenerates the SDK's
 * addresses. Used by {@link startStack} and by `npm run seed:large`, which may attach to a running chain.
 */
export async function deployStack(conn: NetworkConnection): Promise<Deployment> {
  // A fresh chain each time: drop the journal of any earlier local deployment.
  rmSync(join(root, `ignition/deployments/chain-${LOCAL_CHAIN_ID}`), { recursive: true, force: true });
  const { ledger } = await conn.ignition.deploy(ContributionModule, { displayUi: false });
  const { token } = await conn.ignition.deploy(DemoTokenModule, { displayUi: false });
  const { network: credit } = await conn.ignition.deploy(CreditModule, { displayUi: false });
  const accounts = (await conn.ethers.getSigners()).slice(0, LOCAL_ACCOUNT_NAMES.length).map((s) => s.address);
  const founders = accounts.slice(0, 3);
  const councilParameters = {
    Council: {
      founders,
      delegations: LOCAL_COUNCIL.delegations,
      votingDelay: LOCAL_COUNCIL.votingDelay,
      votingPeriod: LOCAL_COUNCIL.votingPeriod,
      minDelay: LOCAL_COUNCIL.minDelay,
      quorumPercent: LOCAL_COUNCIL.quorumPercent,
    },
  };
  const { registry, governor, seats, timelock } = await conn.ignition.deploy(ResourceModule, {
    displayUi: false,
    parameters: councilParameters,
  });
  const impactDeployment = await conn.ignition.deploy(ImpactModule, {
    displayUi: false,
    parameters: councilParameters,
  });
  generateSdk();
  const council = {
    governor: await governor.getAddress(),
    seats: await seats.getAddress(),
    timelock: await timelock.getAddress(),
  };
  const resources = await registry.getAddress();
  const impact = {
    registry: await impactDeployment.registry.getAddress(),
    market: await impactDeployment.market.getAddress(),
    certificates: await impactDeployment.certificates.getAddress(),
  };

  return {
    ledger: await ledger.getAddress(),
    token: await token.getAddress(),
    credit: await credit.getAddress(),
    council,
    resources,
    impact,
    accounts,
  };
}

/**
 * @param opts.host interface to bind (default 127.0.0.1; use 0.0.0.0 so a graph-node container can reach the chain)
 * @param opts.initialDate the chain's first block time (default: now, or further back with demo data)
 * @param opts.spreadBlocks with `seed`: empty blocks mined after the deployment, between the demos and between their
 *   steps (default 0: the demo history in consecutive blocks); see DEMO_SPREAD_BLOCKS
 */
export async function startStack(
  opts: { port?: number; host?: string; seed?: boolean; initialDate?: Date; spreadBlocks?: number } = {},
): Promise<Stack> {
  // Compile first: artifacts may be missing, stale, or instrumented by a coverage run (too large to deploy).
  await hre.tasks.getTask("build").run({ quiet: true });
  // With demo data the chain starts in the past: the resource demo lives through a whole season and brings the
  // clock to the present before the other demos run.
  const initialDate = opts.initialDate ?? (opts.seed ? new Date(Date.now() - DEMO_LOOKBACK_SECONDS * 1000) : undefined);
  const server = await hre.network.createServer(
    { network: "default", override: initialDate ? { initialDate } : {} },
    opts.host ?? "127.0.0.1",
    opts.port ?? 8545,
  );
  const { address, port } = await server.listen();
  const rpcUrl = `http://${address === "0.0.0.0" ? "127.0.0.1" : address}:${port}`;

  const conn = await hre.network.create({ network: "localhost", override: { url: rpcUrl } });
  const { council, resources, impact, accounts, ...deployed } = await deployStack(conn);
  const { ledger: ledgerAddress, token: tokenAddress, credit: creditAddress } = deployed;
  const gap = blockGap(conn.ethers, opts.seed ? (opts.spreadBlocks ?? 0) : 0);
  await gap();
  // The impact council decision warps over the council's delays: it runs while the chain is still in the past.
  if (opts.seed) await seedImpactGovernance(conn.ethers, { registry: impact.registry, governor: council.governor });
  await gap();
  const resourceDemo = opts.seed
    ? await seedResourceDemo(conn.ethers, { registry: resources, governor: council.governor }, gap)
    : undefined;
  await gap();
  const contributionDemo = opts.seed
    ? await seedContributionDemo(conn.ethers, ledgerAddress, tokenAddress, gap)
    : undefined;
  await gap();
  const creditDemo = opts.seed ? await seedCreditDemo(conn.ethers, creditAddress, gap) : undefined;
  await gap();
  const impactDemo = opts.seed
    ? await seedImpactDemo(conn.ethers, { registry: impact.registry, market: impact.market, token: tokenAddress }, gap)
    : undefined;
  return {
    rpcUrl,
    ledger: ledgerAddress,
    token: tokenAddress,
    credit: creditAddress,
    council,
    resources,
    impact,
    accounts,
    contributionDemo,
    creditDemo,
    resourceDemo,
    impactDemo,
    async close() {
      await conn.close();
      await server.close();
    },
  };
}
