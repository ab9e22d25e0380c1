import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import CouncilModule from "./Council.ts";

/**
 * Deploys the resource-cap registry ("Fishcoin") governed by the thresholds council's timelock: every resource,
 * harvest rule, quota policy, closed period, science-body accreditation and buyer registration is a council
 * decision. No parameters of its own (see the Council module's).
 */
export default buildModule("Resource", (m) => {
  const { timelock, seats, governor } = m.useModule(CouncilModule);
  const registry = m.contract("ResourceRegistry", [timelock]);
  return { registry, timelock, seats, governor };
});
