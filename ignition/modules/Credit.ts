import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import CouncilModule from "./Council.ts";

/**
 * Deploys one mutual-credit network, administered by the thresholds council's timelock (DEFAULT_ADMIN_ROLE: only a
 * council decision appoints or removes stewards). Parameters (ignition/parameters/<network>.json, key "Credit"):
 *   name, symbol, decimals — the community's currency (defaults "Commons Credit", "CMC", 18);
 *   stewards — required: the first stewards (STEWARD_ROLE: they admit, suspend and reinstate members).
 */
export default buildModule("Credit", (m) => {
  const { timelock } = m.useModule(CouncilModule);
  const network = m.contract("CreditNetwork", [
    m.getParameter("name", "Commons Credit"),
    m.getParameter("symbol", "CMC"),
    m.getParameter("decimals", 18),
    timelock,
    m.getParameter<string[]>("stewards"),
  ]);
  return { network };
});
