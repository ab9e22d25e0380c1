// Reads the Ignition deployments under ignition/deployments/chain-<id>/: each contract's address and the block its
// deployment was confirmed in (the block indexers and chain readers start from), by Ignition future id.
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

/** The contracts of the deployment of chain `chainId` under `root`, keyed by future id ("Credit#CreditNetwork"). */
export function readChainDeployment(root: string, chainId: number): Record<string, DeployedContract> {
  const dir = join(root, "ignition/deployments", `chain-${chainId}`);
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

/** Every chain's deployment under `root`, by chain id, each keyed by future id. */
export function readDeployments(root: string): Record<number, Record<string, DeployedContract>> {
  const depRoot = join(root, "ignition/deployments");
  const out: Record<number, Record<string, DeployedContract>> = {};
  if (!existsSync(depRoot)) return out;
  for (const dir of readdirSync(depRoot)) {
    const m = /^chain-(\d+)$/.exec(dir);
    if (m) out[Number(m[1])] = readChainDeployment(root, Number(m[1]));
  }
  return out;
}
