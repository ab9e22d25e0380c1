// The local stack shared by `npm start`, the browser e2e and the subgraph tests: an in-process Hardhat node over
// JSON-RPC, the Ignition deployment, the SDK's addresses regenerated and, optionally, demo data spread over blocks.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import hre from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import CommonsModule from "../../ignition/modules/Commons.ts";
import DemoTokenModule from "../../ignition/modules/DemoToken.ts";
import { LOCAL_ACCOUNT_NAMES } from "../../sdk/src/local.ts";
import { generateSdk } from "../gen-sdk.ts";
import { deployAccountAbstraction } from "./account-abstraction.ts";
import { startBundler } from "./bundler.ts";
import { seedContributionDemo, type ContributionDemoSummary } from "./demo-contribution.ts";
import { seedCreditDemo, type CreditDemoSummary } from "./demo-credit.ts";
import { seedClusterDemo, type ClusterDemoSummary } from "./demo-cluster.ts";
import {
  COMMONFARE_HISTORY_SECONDS,
  seedCommonfareDemo,
  seedCommonfareGovernance,
  type CommonfareDemoSummary,
} from "./demo-commonfare.ts";
import { seedDesignsDemo, seedDesignsGovernance, type DesignsDemoSummary } from "./demo-designs.ts";
import { seedImpactDemo, seedImpactGovernance, type ImpactDemoSummary } from "./demo-impact.ts";
import { DEMO_LOOKBACK_SECONDS, seedResourceDemo, type ResourceDemoSummary } from "./demo-resource.ts";
import { seedSponsorshipDemo, seedSponsorshipGovernance, type SponsorshipDemoSummary } from "./demo-sponsorship.ts";
import { timeStage, type OnStage, type Stage } from "./progress.ts";
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
  /** The open design commons (CopyFair licences on the ledger's projects). */
  designs: string;
  /** The micro-cluster exchange (intents, matches, orders settled on the credit network). */
  cluster: string;
  /** The solidarity circles (own accounts, gifts to members unable to work, open books). */
  commonfare: string;
  /** The members' gas paymaster (on the canonical EntryPoint v0.8). */
  paymaster: string;
  /** The local ERC-4337 bundler (Alto), when started. */
  bundlerUrl?: string;
  /** Addresses of the local test accounts #0.. (as many as there are demo personas). */
  accounts: string[];
  contributionDemo?: ContributionDemoSummary;
  creditDemo?: CreditDemoSummary;
  resourceDemo?: ResourceDemoSummary;
  impactDemo?: ImpactDemoSummary;
  sponsorshipDemo?: SponsorshipDemoSummary;
  designsDemo?: DesignsDemoSummary;
  clusterDemo?: ClusterDemoSummary;
  commonfareDemo?: CommonfareDemoSummary;
  close(): Promise<void>;
}

/** The contracts of a fresh deployment and the local test accounts #0.. (as many as there are demo personas). */
export type Deployment = Pick<
  Stack,
  | "ledger"
  | "token"
  | "credit"
  | "council"
  | "resources"
  | "impact"
  | "designs"
  | "cluster"
  | "commonfare"
  | "paymaster"
  | "accounts"
>;

/**
 * Deploys every module with Ignition over `conn` (a fresh journal for the local chain id) and regenerates the SDK's
 * addresses. Used by {@link startStack} and by `npm run seed:large`, which may attach to a running chain.
 */
export async function deployStack(conn: NetworkConnection): Promise<Deployment> {
  // A fresh chain each time: drop the journal of any earlier local deployment.
  rmSync(join(root, `ignition/deployments/chain-${LOCAL_CHAIN_ID}`), { recursive: true, force: true });
  const signers = await conn.ethers.getSigners();
  const accounts = signers.slice(0, LOCAL_ACCOUNT_NAMES.length).map((s) => s.address);
  // What a public chain already has: the canonical ERC-4337 v0.8 EntryPoint and Simple7702Account.
  await deployAccountAbstraction(signers[0]);
  // The one deployment a public chain gets too (npm run deploy), with the local council and Ada as the credit steward.
  const commons = await conn.ignition.deploy(CommonsModule, {
    displayUi: false,
    parameters: localParameters(accounts),
  });
  // Local only: the demo's ERC-20 income token.
  const { token } = await conn.ignition.deploy(DemoTokenModule, { displayUi: false });
  generateSdk();
  return {
    ledger: await commons.ledger.getAddress(),
    token: await token.getAddress(),
    credit: await commons.credit.getAddress(),
    council: {
      governor: await commons.governor.getAddress(),
      seats: await commons.seats.getAddress(),
      timelock: await commons.timelock.getAddress(),
    },
    resources: await commons.resources.getAddress(),
    impact: {
      registry: await commons.impactRegistry.getAddress(),
      market: await commons.impactMarket.getAddress(),
      certificates: await commons.certificates.getAddress(),
    },
    designs: await commons.designs.getAddress(),
    cluster: await commons.cluster.getAddress(),
    commonfare: await commons.commonfare.getAddress(),
    paymaster: await commons.paymaster.getAddress(),
    accounts,
  };
}

/** The Ignition parameters of the local deployment: Ada, Bea and Cyrus found the council; Ada stewards the credit. */
export function localParameters(accounts: readonly string[]) {
  return {
    Council: {
      founders: accounts.slice(0, 3),
      delegations: LOCAL_COUNCIL.delegations,
      votingDelay: LOCAL_COUNCIL.votingDelay,
      votingPeriod: LOCAL_COUNCIL.votingPeriod,
      minDelay: LOCAL_COUNCIL.minDelay,
      quorumPercent: LOCAL_COUNCIL.quorumPercent,
    },
    Credit: { stewards: [accounts[0]] },
  };
}

/**
 * @param opts.host interface to bind (default 127.0.0.1; use 0.0.0.0 so a graph-node container can reach the chain)
 * @param opts.initialDate the chain's first block time (default: now, or further back with demo data)
 * @param opts.spreadBlocks with `seed`: empty blocks mined after the deployment, between the demos and between their
 *   steps (default 0: the demo history in consecutive blocks); see DEMO_SPREAD_BLOCKS
 * @param opts.onStage told when each stage (compile, node, deploy, demo data, bundler) starts and ends, with its time
 * @param opts.bundlerPort start the local ERC-4337 bundler (Alto) on this port (default: none)
 */
export async function startStack(
  opts: {
    port?: number;
    host?: string;
    seed?: boolean;
    initialDate?: Date;
    spreadBlocks?: number;
    onStage?: OnStage;
    bundlerPort?: number;
  } = {},
): Promise<Stack> {
  const stage = <T>(name: Stage, work: () => Promise<T>) => timeStage(name, opts.onStage, work);
  // Compile first: artifacts may be missing, stale, or instrumented by a coverage run (too large to deploy).
  await stage("compile", () => hre.tasks.getTask("build").run({ quiet: true }));
  // With demo data the chain starts in the past: the solidarity circle lives through its first months, then the
  // resource demo through a whole season, which brings the clock to the present before the other demos run.
  const initialDate =
    opts.initialDate ??
    (opts.seed ? new Date(Date.now() - (COMMONFARE_HISTORY_SECONDS + DEMO_LOOKBACK_SECONDS) * 1000) : undefined);
  const { server, rpcUrl, conn } = await stage("node", async () => {
    const server = await hre.network.createServer(
      { network: "default", override: initialDate ? { initialDate } : {} },
      opts.host ?? "127.0.0.1",
      opts.port ?? 8545,
    );
    const { address, port } = await server.listen();
    const rpcUrl = `http://${address === "0.0.0.0" ? "127.0.0.1" : address}:${port}`;
    const conn = await hre.network.create({ network: "localhost", override: { url: rpcUrl } });
    return { server, rpcUrl, conn };
  });

  const deployment = await stage("deploy", () => deployStack(conn));
  const demos = opts.seed
    ? await stage("demo data", () => seedDemos(conn, deployment, opts.spreadBlocks ?? 0))
    : undefined;
  const bundler =
    opts.bundlerPort !== undefined
      ? await stage("bundler", () => startBundler(rpcUrl, opts.bundlerPort!)).catch(async (err) => {
          await conn.close();
          await server.close();
          throw err;
        })
      : undefined;
  return {
    rpcUrl,
    ...deployment,
    ...demos,
    bundlerUrl: bundler?.url,
    async close() {
      await bundler?.close();
      await conn.close();
      await server.close();
    },
  };
}

/**
 * The demo data, in an order the chain's clock allows, with `spreadBlocks` empty blocks after the deployment, between
 * the demos and between their steps.
 */
async function seedDemos(
  conn: NetworkConnection,
  { council, resources, impact, ledger, token, credit, designs, cluster, commonfare, paymaster }: Deployment,
  spreadBlocks: number,
): Promise<
  Pick<
    Stack,
    | "contributionDemo"
    | "creditDemo"
    | "resourceDemo"
    | "impactDemo"
    | "sponsorshipDemo"
    | "designsDemo"
    | "clusterDemo"
    | "commonfareDemo"
  >
> {
  const gap = blockGap(conn.ethers, spreadBlocks);
  await gap();
  // The impact and sponsorship council decisions warp over the council's delays: they run while the chain is still in
  // the past.
  await seedImpactGovernance(conn.ethers, { registry: impact.registry, governor: council.governor });
  await gap();
  await seedSponsorshipGovernance(conn.ethers, { paymaster, governor: council.governor, timelock: council.timelock });
  await gap();
  await seedDesignsGovernance(conn.ethers, { designs, governor: council.governor });
  await gap();
  await seedCommonfareGovernance(conn.ethers, { commonfare, token, governor: council.governor });
  await gap();
  // The solidarity circle's first six months, which move the clock forward (the chain started that much earlier).
  const commonfareDemo = await seedCommonfareDemo(conn.ethers, { commonfare, token }, gap);
  await gap();
  const resourceDemo = await seedResourceDemo(conn.ethers, { registry: resources, governor: council.governor }, gap);
  await gap();
  const contributionDemo = await seedContributionDemo(conn.ethers, ledger, token, gap);
  await gap();
  const creditDemo = await seedCreditDemo(conn.ethers, credit, gap);
  await gap();
  const impactDemo = await seedImpactDemo(
    conn.ethers,
    { registry: impact.registry, market: impact.market, token },
    gap,
  );
  await gap();
  const sponsorshipDemo = await seedSponsorshipDemo(
    conn.ethers,
    { paymaster, ledger, credit, token, projectId: contributionDemo.projectId },
    gap,
  );
  await gap();
  const designsDemo = await seedDesignsDemo(
    conn.ethers,
    { designs, ledger, token, labProjectId: contributionDemo.projectId },
    gap,
  );
  await gap();
  const clusterDemo = await seedClusterDemo(conn.ethers, { cluster, credit, frameId: designsDemo.frameId }, gap);
  return {
    contributionDemo,
    creditDemo,
    resourceDemo,
    impactDemo,
    sponsorshipDemo,
    designsDemo,
    clusterDemo,
    commonfareDemo,
  };
}
