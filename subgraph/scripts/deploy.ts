// `npm run deploy:subgraph -- --network <name> [--node <graph-node admin URL> --ipfs <IPFS API URL>] [--name <name>]
// [--version-label <label>] [--output-dir <dir>]`: the subgraph for a network, from that chain's deployment, built and deployed with
// graph-cli. Without --node it goes to Subgraph Studio, with the deploy key of GRAPH_DEPLOY_KEY (never a file).
// `--network` takes the names of `npm run deploy` (sepolia, baseSepolia, opSepolia, chiado, base, optimism, gnosis) or
// graph-node's (base-sepolia, chain-<id>, …). docs/deploy.md, section 6.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chainIdOf, networkName, prepare } from "./prepare.ts";

const subgraphDir = join(import.meta.dirname, "..");

/** `npm run deploy`'s network names → graph-node's. */
export const GRAPH_NETWORK: Record<string, string> = {
  sepolia: "sepolia",
  baseSepolia: "base-sepolia",
  opSepolia: "optimism-sepolia",
  chiado: "chiado",
  base: "base",
  optimism: "optimism",
  gnosis: "gnosis",
};

/** graph-cli in subgraph/, its output shown; stops the script when it fails. */
function graph(args: string[]): void {
  console.log(`\n$ graph ${args.join(" ")}`);
  const run = spawnSync("npx", ["graph", ...args], { cwd: subgraphDir, stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`deploy:subgraph: graph ${args[0]} failed (exit ${run.status ?? run.signal})`);
    process.exit(run.status || 1);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      network: { type: "string" },
      node: { type: "string" },
      ipfs: { type: "string" },
      name: { type: "string" },
      "version-label": { type: "string" },
      "output-dir": { type: "string" },
    },
  });
  const given = values.network;
  if (!given) {
    console.error("deploy:subgraph: --network <name> is required");
    process.exit(2);
  }
  const network = GRAPH_NETWORK[given] ?? given;
  if (chainIdOf(network) === undefined || network === "localhost") {
    console.error(`deploy:subgraph: no public network "${given}" (docs/deploy.md lists them; chain-<id> for others)`);
    process.exit(2);
  }
  const studio = values.node === undefined;
  const key = process.env.GRAPH_DEPLOY_KEY;
  if (studio && !key) {
    console.error(
      "deploy:subgraph: Subgraph Studio needs GRAPH_DEPLOY_KEY (or give --node and --ipfs of a graph-node)",
    );
    process.exit(2);
  }
  // The manifest and networks.json from the chain's deployment: every data source needs an address.
  const deployments = prepare(network);
  const missing = Object.entries(deployments).filter(([, d]) => /^0x0{40}$/.test(d.address));
  if (missing.length > 0) {
    console.error(
      `deploy:subgraph: chain ${chainIdOf(network)} (${networkName(chainIdOf(network)!)}) has no deployment of ` +
        `${missing.map(([n]) => n).join(", ")}: run \`npm run deploy -- --network ${given}\` first`,
    );
    process.exit(2);
  }
  const version = JSON.parse(readFileSync(join(subgraphDir, "package.json"), "utf8")).version as string;
  const name = values.name ?? (studio ? "cosmolocal-commons" : "cosmolocal/commons");
  const label = values["version-label"] ?? `v${version}`;
  const out = values["output-dir"] ? ["--output-dir", values["output-dir"]] : [];
  graph(["codegen"]);
  graph(["build", "--network", network, ...out]);
  graph([
    "deploy",
    name,
    "--network",
    network,
    "--version-label",
    label,
    ...out,
    ...(studio ? ["--deploy-key", key!] : ["--node", values.node!, ...(values.ipfs ? ["--ipfs", values.ipfs] : [])]),
  ]);
  console.log(`\ndeploy:subgraph: ${name} ${label} for ${network} deployed${studio ? " to Subgraph Studio" : ""}`);
}

main();
