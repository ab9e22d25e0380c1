import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { ENTRY_POINT_V08 } from "../../sdk/src/aa.ts";
import ContributionModule from "./Contribution.ts";
import CouncilModule from "./Council.ts";
import CreditModule from "./Credit.ts";
import ClusterModule from "./Cluster.ts";
import CommonfareModule from "./Commonfare.ts";
import DesignsModule from "./Designs.ts";
import ImpactModule from "./Impact.ts";
import ResourceModule from "./Resource.ts";

/**
 * The co-op's gas sponsorship (docs/sponsorship.md): a MembersPaymaster on the chain's ERC-4337 v0.8 EntryPoint, owned
 * by the council's timelock, that pays the gas of the contribution project's members and the credit network's active
 * members for calls to the system's contracts (the design commons, the cluster exchange and the solidarity circles
 * included), within a budget per member and period. The EntryPoint is not deployed here: public chains have it at its
 * canonical address, and the local stack puts it there before this module runs.
 * Funding (anyone's `deposit`) and staking (the timelock's `addStake`, which public bundlers require) follow.
 *
 * Parameters (key "Sponsorship"): `entryPoint` (default canonical v0.8), `projectId` (the contribution project whose
 * members are sponsored; default 1), `periodLength` (seconds; default 30 days), `defaultBudget` and
 * `coordinatorBudgetCap` (wei per member and period; defaults 0.01 and 0.05 ETH).
 */
export default buildModule("Sponsorship", (m) => {
  const { timelock } = m.useModule(CouncilModule);
  const { ledger } = m.useModule(ContributionModule);
  const { network: credit } = m.useModule(CreditModule);
  const { registry: resources } = m.useModule(ResourceModule);
  const { registry: impactRegistry, market: impactMarket } = m.useModule(ImpactModule);
  const { designs } = m.useModule(DesignsModule);
  const { exchange: cluster } = m.useModule(ClusterModule);
  const { commonfare } = m.useModule(CommonfareModule);
  const paymaster = m.contract("MembersPaymaster", [
    m.getParameter("entryPoint", ENTRY_POINT_V08),
    timelock,
    ledger,
    m.getParameter("projectId", 1n),
    credit,
    m.getParameter("periodLength", 30 * 24 * 3600),
    [ledger, credit, resources, impactRegistry, impactMarket, designs, cluster, commonfare],
    m.getParameter("defaultBudget", 10n ** 16n),
    m.getParameter("coordinatorBudgetCap", 5n * 10n ** 16n),
  ]);
  return { paymaster };
});
