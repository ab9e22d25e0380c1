import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import ClusterModule from "./Cluster.ts";
import CommonfareModule from "./Commonfare.ts";
import ContributionModule from "./Contribution.ts";
import CouncilModule from "./Council.ts";
import CreditModule from "./Credit.ts";
import DesignsModule from "./Designs.ts";
import ImpactModule from "./Impact.ts";
import ResourceModule from "./Resource.ts";
import SponsorshipModule from "./Sponsorship.ts";

/**
 * The whole system in one deployment, in dependency order: the thresholds council (seat token, timelock, governor)
 * first, then the modules it governs with its timelock as their admin (the resource registry, the impact registry
 * and its market, the credit network), the contribution ledger, which has no admin, the open design commons on it
 * (owned by the timelock), the micro-cluster exchange on the credit network (no owner), the solidarity circles (owned
 * by the timelock, which only accepts their currencies) and the members' gas paymaster (owned by the timelock).
 * Parameters: see each module (keys "Council", "Credit", "Impact", "Sponsorship"); `npm run deploy` reads them from
 * ignition/parameters/<network>.json.
 */
export default buildModule("Commons", (m) => {
  const { timelock, seats, governor } = m.useModule(CouncilModule);
  const { registry: resources } = m.useModule(ResourceModule);
  const { registry: impactRegistry, market: impactMarket, certificates } = m.useModule(ImpactModule);
  const { network: credit } = m.useModule(CreditModule);
  const { ledger } = m.useModule(ContributionModule);
  const { designs } = m.useModule(DesignsModule);
  const { exchange: cluster } = m.useModule(ClusterModule);
  const { commonfare } = m.useModule(CommonfareModule);
  const { paymaster } = m.useModule(SponsorshipModule);
  return {
    timelock,
    seats,
    governor,
    resources,
    impactRegistry,
    impactMarket,
    certificates,
    credit,
    ledger,
    designs,
    cluster,
    commonfare,
    paymaster,
  };
});
