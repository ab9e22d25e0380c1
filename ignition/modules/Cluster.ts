import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import CreditModule from "./Credit.ts";
import DesignsModule from "./Designs.ts";

/**
 * The micro-cluster exchange (docs/cluster.md): ClusterExchange on the cluster's credit network, whose members trade
 * and on which deliveries are settled (each member approves the exchange as its obligation operator), and on the open
 * design commons, whose designs intents may name. It has no owner and no parameter: its rules are fixed, and the
 * credit network's stewards (appointed by the council's timelock) resolve disputed orders.
 */
export default buildModule("Cluster", (m) => {
  const { network: credit } = m.useModule(CreditModule);
  const { designs } = m.useModule(DesignsModule);
  const exchange = m.contract("ClusterExchange", [credit, designs]);
  return { exchange };
});
