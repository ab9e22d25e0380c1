import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import CouncilModule from "./Council.ts";

/**
 * Deploys verified decarbonisation claims: the impact registry (claims, attestations, ERC-1155 impact units,
 * retirement), its retirement certificates (ERC-721, deployed by the registry's constructor) and the funding market
 * with matching rounds. The thresholds council's timelock is the registry's only admin: it accredits verifiers
 * (VERIFIER_ROLE) and sets methodologies; nobody administers the market.
 * Parameters: unitsURI — ERC-1155 metadata URI template of impact units (default "": none).
 */
export default buildModule("Impact", (m) => {
  const { timelock, seats, governor } = m.useModule(CouncilModule);
  const registry = m.contract("ImpactRegistry", [timelock, m.getParameter("unitsURI", "")]);
  const certificatesAddress = m.staticCall(registry, "certificates", [], 0, { id: "certificatesAddress" });
  const certificates = m.contractAt("RetirementCertificates", certificatesAddress);
  const market = m.contract("ImpactMarket", [registry]);
  return { registry, certificates, market, timelock, seats, governor };
});
