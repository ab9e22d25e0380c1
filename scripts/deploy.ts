// `npm run deploy -- --network <name> [--parameters <file>] [--deployment-id <id>] [--verify [--verify-with <list>]]`:
// the whole system in one Ignition deployment (ignition/modules/Commons.ts), with the parameters of
// ignition/parameters/<name>.json; then every power over it read back from the chain and checked (the council's
// timelock administers, the deployer holds nothing), the SDK regenerated with the chain's addresses and deployment
// blocks, subgraph/networks.json written, and optionally every contract verified on the chain's explorers.
// docs/deploy.md is the runbook.
//
// The deployment id is `commons-<network>-<first 8 hex digits of the parameters' hash>` unless given: running again
// with the same parameters resumes that deployment (a finished one is a no-op); new parameters are a new deployment.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getAddress, isAddress } from "ethers";
import CommonsModule from "../ignition/modules/Commons.ts";
import { generateSdk } from "./gen-sdk.ts";
import { lastBlockOf, readDeployment } from "./lib/deployments.ts";
import { networkName, writeNetworks } from "../subgraph/scripts/prepare.ts";
import { checkPowers, readPowers, type CommonsAddresses } from "./lib/roles.ts";

const root = join(import.meta.dirname, "..");

/** What ignition/parameters/<network>.json holds (see ignition/parameters/example.json). */
export interface CommonsParameters {
  Council: {
    founders: string[];
    delegations: string[];
    minDelay?: number;
    votingDelay?: number;
    votingPeriod?: number;
    quorumPercent?: number;
  };
  Credit: { name?: string; symbol?: string; decimals?: number; stewards: string[] };
  Impact?: { unitsURI?: string };
  /** The members' gas paymaster (ignition/modules/Sponsorship.ts); every key optional. */
  Sponsorship?: {
    entryPoint?: string;
    projectId?: number;
    periodLength?: number;
    defaultBudget?: string;
    coordinatorBudgetCap?: string;
  };
}

/** The reasons `p` cannot be deployed (empty when it can). */
export function parameterProblems(p: CommonsParameters): string[] {
  const problems: string[] = [];
  const addresses = (list: unknown, what: string) => {
    if (!Array.isArray(list) || list.length === 0) problems.push(`${what}: at least one address`);
    else
      for (const a of list)
        if (typeof a !== "string" || !isAddress(a)) problems.push(`${what}: "${a}" is not an address`);
  };
  addresses(p.Council?.founders, "Council.founders");
  if (!Array.isArray(p.Council?.delegations) || p.Council.delegations.length !== p.Council?.founders?.length)
    problems.push("Council.delegations: one per founder (whom each seat represents)");
  addresses(p.Credit?.stewards, "Credit.stewards");
  const q = p.Council?.quorumPercent;
  if (q !== undefined && !(Number.isInteger(q) && q >= 1 && q <= 100)) problems.push("Council.quorumPercent: 1..100");
  // The impact registry refuses an admin timelock that waits less than an hour (MIN_ADMIN_DELAY).
  const d = p.Council?.minDelay;
  if (d !== undefined && !(Number.isInteger(d) && d >= 3_600)) problems.push("Council.minDelay: at least 3,600 s");
  const s = p.Sponsorship;
  if (s?.entryPoint !== undefined && !isAddress(s.entryPoint)) problems.push("Sponsorship.entryPoint: an address");
  if (s?.projectId !== undefined && !(Number.isInteger(s.projectId) && s.projectId >= 1))
    problems.push("Sponsorship.projectId: a project id (1, 2, ...)");
  if (s?.periodLength !== undefined && !(Number.isInteger(s.periodLength) && s.periodLength >= 3_600))
    problems.push("Sponsorship.periodLength: at least 3,600 s");
  for (const key of ["defaultBudget", "coordinatorBudgetCap"] as const)
    if (s?.[key] !== undefined && !/^\d+$/.test(s[key])) problems.push(`Sponsorship.${key}: wei, as a decimal string`);
  return problems;
}

/** A stable hash of the parameters (key order does not matter). */
function parametersHash(p: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify(canonical(p)))
    .digest("hex")
    .slice(0, 8);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      network: { type: "string" },
      parameters: { type: "string" },
      "deployment-id": { type: "string" },
      verify: { type: "boolean", default: false },
      "verify-with": { type: "string" },
    },
  });
  const network = values.network;
  if (!network) {
    console.error("deploy: --network <name> is required (see hardhat.config.ts and docs/deploy.md)");
    return 2;
  }
  const file = values.parameters ?? join(root, "ignition/parameters", `${network}.json`);
  if (!existsSync(file)) {
    console.error(`deploy: no parameters at ${file}; copy ignition/parameters/example.json there and fill it in`);
    return 2;
  }
  const parameters = JSON.parse(readFileSync(file, "utf8")) as CommonsParameters;
  const problems = parameterProblems(parameters);
  if (problems.length > 0) {
    console.error(`deploy: ${file}:\n  ${problems.join("\n  ")}`);
    return 2;
  }
  const deploymentId = values["deployment-id"] ?? `commons-${network}-${parametersHash(parameters)}`;

  // The contracts as they go on chain: the production build profile (optimizer at 10,000 runs, via IR), unless
  // HARDHAT_BUILD_PROFILE says otherwise; Hardhat reads its global options from the environment.
  process.env.HARDHAT_BUILD_PROFILE ??= "production";
  // The network every task of this run uses (Ignition's verify connects to the default network).
  process.env.HARDHAT_NETWORK = network;
  const { default: hre } = await import("hardhat");
  await hre.tasks.getTask("build").run({ quiet: true });
  const conn = await hre.network.connect({ network });
  try {
    const { ethers } = conn;
    const chainId = Number((await ethers.provider.getNetwork()).chainId);
    if (chainId === 31337) {
      console.error("deploy: chain 31337 is the local chain: `npm start` deploys and seeds it");
      return 2;
    }
    const [deployer] = await ethers.getSigners();
    console.log(
      `deploy: ${deploymentId} on ${network} (chain ${chainId}) from ${deployer.address}, parameters ${file}`,
    );
    const deployed = await conn.ignition.deploy(CommonsModule, {
      parameters: parameters as never,
      deploymentId,
      displayUi: true,
    });
    const addresses = Object.fromEntries(
      await Promise.all(Object.entries(deployed).map(async ([k, c]) => [k, getAddress(await c.getAddress())])),
    ) as CommonsAddresses;

    // Who holds what, read from the chain: the accounts the deployment's role events name, and every account the
    // parameters or the deployment involve.
    const contracts = readDeployment(root, deploymentId, chainId);
    const fromBlock = Math.min(...Object.values(contracts).map((c) => c.startBlock));
    const involved = [
      deployer.address,
      ...Object.values(addresses),
      ...parameters.Council.founders,
      ...parameters.Credit.stewards,
    ];
    const powers = await readPowers(
      ethers,
      addresses,
      { fromBlock, toBlock: lastBlockOf(root, deploymentId) },
      involved,
    );
    console.log("\nEvery power over the deployment, read from the chain:");
    for (const p of powers) console.log(`  ${p.contract.padEnd(18)} ${p.power.padEnd(36)} ${p.holder}`);
    const violations = checkPowers(powers, addresses, {
      deployer: deployer.address,
      stewards: parameters.Credit.stewards,
    });

    // Everything downstream follows the deployment: the SDK's addresses and start blocks for this chain.
    generateSdk();
    writeFileSync(
      join(root, "ignition/deployments", deploymentId, "parameters.json"),
      JSON.stringify(parameters, null, 2) + "\n",
    );
    writeNetworks();
    const graphNetwork = networkName(chainId);
    console.log(
      `\nSDK: chain ${chainId} has ${Object.keys(contracts).length} contracts (sdk/src/generated/addresses.ts)` +
        `\nSubgraph: network "${graphNetwork}" in subgraph/networks.json; build and deploy it with` +
        ` \`npm run deploy:subgraph -- --network ${graphNetwork}\` (docs/deploy.md, section 6)`,
    );

    let verified = true;
    if (values.verify) {
      // Every explorer enabled in hardhat.config.ts, or those --verify-with names (etherscan, blockscout, sourcify).
      const providers = ["etherscan", "blockscout", "sourcify"] as const;
      const chosen = values["verify-with"]?.split(",").map((p) => p.trim());
      for (const p of chosen ?? []) if (!providers.includes(p as never)) throw new Error(`--verify-with: unknown ${p}`);
      if (chosen) for (const p of providers) hre.config.verify[p].enabled = chosen.includes(p);
      console.log(
        `\nVerifying every contract on ${providers.filter((p) => hre.config.verify[p].enabled).join(", ")}` +
          " (hardhat-verify, through Ignition's journal):",
      );
      const before = process.exitCode;
      await hre.tasks.getTask(["ignition", "verify"]).run({ deploymentId });
      verified = process.exitCode === before || process.exitCode === 0;
      process.exitCode = before;
    }
    if (!verified) console.error("\ndeploy: an explorer refused or could not be reached (above)");
    if (violations.length > 0) {
      console.error(`\ndeploy: the deployment is not as it must be:\n  ${violations.join("\n  ")}`);
      return 1;
    }
    if (!verified) return 1;
    console.log("\ndeploy: every admin power is the council's timelock; the deployer holds none.");
    return 0;
  } finally {
    await conn.close();
  }
}

if (import.meta.filename === process.argv[1]) process.exitCode = await main();
