// Reads the Ignition deployments under ignition/deployments/<deployment id>/ (`chain-<id>` by default, a named one
// from `npm run deploy`): each contract's address and the block its deployment was confirmed in (the block indexers
// and chain readers start from), by Ignition future id. A chain with several deployments is served by its latest.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface DeployedContract {
  address: string;
  /** The block of the deployment transaction's receipt: no event of the contract can be older. */
  startBlock: number;
}

interface JournalEntry {
  futureId?: string;
  type?: string;
  dependencies?: string[];
  receipt?: { blockNumber?: number };
}

/** The chain id a deployment's journal starts with (undefined for a folder that is not an Ignition deployment). */
function chainIdOf(dir: string): number | undefined {
  const journal = join(dir, "journal.jsonl");
  if (!existsSync(journal)) return undefined;
  const first = readFileSync(journal, "utf8")
    .split("\n")
    .find((line) => line.trim() !== "");
  const entry = first ? (JSON.parse(first) as { chainId?: number; type?: string }) : {};
  return entry.type === "DEPLOYMENT_INITIALIZE" ? entry.chainId : undefined;
}

/** The deployments of chain `chainId` under `root`: their ids. */
export function deploymentIdsOf(root: string, chainId: number): string[] {
  const depRoot = join(root, "ignition/deployments");
  if (!existsSync(depRoot)) return [];
  return readdirSync(depRoot).filter((id) => chainIdOf(join(depRoot, id)) === chainId);
}

/**
 * The contracts of chain `chainId`'s deployment under `root`, keyed by future id ("Credit#CreditNetwork"): its
 * latest deployment (the one whose contracts were deployed last) when it has several.
 */
export function readChainDeployment(root: string, chainId: number): Record<string, DeployedContract> {
  const all = deploymentIdsOf(root, chainId).map((id) => readDeployment(root, id, chainId));
  const latest = (d: Record<string, DeployedContract>) => Math.max(-1, ...Object.values(d).map((c) => c.startBlock));
  return all.sort((a, b) => latest(b) - latest(a))[0] ?? {};
}

/** The contracts of the deployment `deploymentId` (of chain `chainId`, for messages) under `root`, by future id. */
export function readDeployment(root: string, deploymentId: string, chainId: number): Record<string, DeployedContract> {
  const dir = join(root, "ignition/deployments", deploymentId);
  const addressesFile = join(dir, "deployed_addresses.json");
  if (!existsSync(addressesFile)) return {};
  const addresses = JSON.parse(readFileSync(addressesFile, "utf8")) as Record<string, string>;
  // The journal: TRANSACTION_CONFIRM entries carry each deployment transaction's receipt; *_INITIALIZE entries
  // carry each future's dependencies.
  const confirmed = new Map<string, number>();
  const dependencies = new Map<string, string[]>();
  const journal = join(dir, "journal.jsonl");
  if (existsSync(journal)) {
    for (const line of readFileSync(journal, "utf8").split("\n")) {
      if (!line.includes("TRANSACTION_CONFIRM") && !line.includes("_INITIALIZE")) continue;
      const entry = JSON.parse(line) as JournalEntry;
      if (!entry.futureId) continue;
      if (entry.type === "TRANSACTION_CONFIRM" && entry.receipt?.blockNumber !== undefined)
        confirmed.set(entry.futureId, entry.receipt.blockNumber);
      else if (entry.type?.endsWith("_INITIALIZE")) dependencies.set(entry.futureId, entry.dependencies ?? []);
    }
  }
  // A contract attached with contractAt to an address another contract created (the registry's certificates,
  // deployed by its constructor) starts at the latest deployment it depends on.
  const startOf = (futureId: string, seen = new Set<string>()): number | undefined => {
    const own = confirmed.get(futureId);
    if (own !== undefined || seen.has(futureId)) return own;
    seen.add(futureId);
    const blocks = (dependencies.get(futureId) ?? []).map((d) => startOf(d, seen)).filter((b) => b !== undefined);
    return blocks.length ? Math.max(...blocks) : undefined;
  };
  const out: Record<string, DeployedContract> = {};
  for (const [futureId, address] of Object.entries(addresses)) {
    const startBlock = startOf(futureId);
    if (startBlock === undefined)
      throw new Error(
        `deployments: chain ${chainId}: ${futureId} has no deployment transaction in ${journal}, nor a deployed ` +
          "contract it depends on; its start block is unknown",
      );
    out[futureId] = { address, startBlock };
  }
  return out;
}

/** The block of the last transaction the deployment `deploymentId` under `root` sent (deployments and calls). */
export function lastBlockOf(root: string, deploymentId: string): number {
  const journal = join(root, "ignition/deployments", deploymentId, "journal.jsonl");
  let last = 0;
  for (const line of readFileSync(journal, "utf8").split("\n")) {
    if (!line.includes("TRANSACTION_CONFIRM")) continue;
    const block = (JSON.parse(line) as JournalEntry).receipt?.blockNumber;
    if (block !== undefined && block > last) last = block;
  }
  return last;
}

/** Every chain's deployment under `root`, by chain id, each keyed by future id. */
export function readDeployments(root: string): Record<number, Record<string, DeployedContract>> {
  const depRoot = join(root, "ignition/deployments");
  const out: Record<number, Record<string, DeployedContract>> = {};
  if (!existsSync(depRoot)) return out;
  const chains = new Set(readdirSync(depRoot).map((id) => chainIdOf(join(depRoot, id))));
  for (const chainId of chains) if (chainId !== undefined) out[chainId] = readChainDeployment(root, chainId);
  return out;
}
