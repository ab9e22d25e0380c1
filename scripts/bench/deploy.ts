// Gas of deploying the whole system (ignition/modules/Commons.ts, production profile), in total and per module, and
// the bytes its transactions carry (what an OP-stack chain's L1 data fee is charged on); see docs/deploy.md.
import type { NetworkConnection } from "hardhat/types/network";
import CommonsModule from "../../ignition/modules/Commons.ts";
import { deployAccountAbstraction } from "../lib/account-abstraction.ts";
import { localParameters } from "../lib/stack.ts";

/** The module each contract of the deployment belongs to (calls to a contract count for its module). */
const MODULE_OF: Record<string, string> = {
  timelock: "council",
  seats: "council",
  governor: "council",
  resources: "resource",
  impactRegistry: "impact",
  impactMarket: "impact",
  certificates: "impact",
  credit: "credit",
  ledger: "contribution",
  paymaster: "sponsorship",
  designs: "commons",
  cluster: "cluster",
  commonfare: "commonfare",
};

export async function benchDeploy(conn: NetworkConnection): Promise<Record<string, number>> {
  const { ethers } = conn;
  const provider = ethers.provider;
  const signers = await ethers.getSigners();
  const accounts = signers.map((s) => s.address);
  // The chain's canonical EntryPoint v0.8, which a public chain already has (not counted): the paymaster checks it.
  await deployAccountAbstraction(signers[0]);
  const from = (await provider.getBlockNumber()) + 1;
  const deployed = await conn.ignition.deploy(CommonsModule, {
    displayUi: false,
    parameters: localParameters(accounts) as never,
  });
  const to = await provider.getBlockNumber();
  const moduleAt = new Map<string, string>();
  for (const [name, contract] of Object.entries(deployed))
    moduleAt.set((await contract.getAddress()).toLowerCase(), MODULE_OF[name]);

  const gas: Record<string, number> = {};
  let bytes = 0;
  let transactions = 0;
  for (let n = from; n <= to; n++) {
    const block = await provider.getBlock(n, true);
    for (const tx of block!.prefetchedTransactions) {
      const receipt = (await provider.getTransactionReceipt(tx.hash))!;
      const target = (receipt.contractAddress ?? tx.to ?? "").toLowerCase();
      const module = moduleAt.get(target);
      if (!module) throw new Error(`bench deploy: transaction ${tx.hash} to ${target} belongs to no module`);
      gas[module] = (gas[module] ?? 0) + Number(receipt.gasUsed);
      bytes += (tx.data.length - 2) / 2;
      transactions++;
    }
  }
  const results: Record<string, number> = {};
  for (const [module, used] of Object.entries(gas)) results[`deploy.gas.${module}`] = used;
  results["deploy.gas.total"] = Object.values(gas).reduce((a, b) => a + b, 0);
  results["deploy.bytes.total"] = bytes;
  results["deploy.transactions"] = transactions;
  return results;
}
