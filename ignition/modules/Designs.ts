import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import ContributionModule from "./Contribution.ts";
import CouncilModule from "./Council.ts";

/**
 * The open design commons (docs/commons.md): DesignCommons on the contribution ledger, whose projects make the designs
 * and receive their licence income, owned by the council's timelock (which accredits commons entities). No
 * parameters.
 */
export default buildModule("Designs", (m) => {
  const { timelock } = m.useModule(CouncilModule);
  const { ledger } = m.useModule(ContributionModule);
  const designs = m.contract("DesignCommons", [ledger, timelock]);
  return { designs };
});
