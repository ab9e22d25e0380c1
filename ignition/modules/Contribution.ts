import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** Deploys the contribution ledger (no constructor arguments, no owner: projects are permissionless). */
export default buildModule("Contribution", (m) => {
  const ledger = m.contract("ContributionLedger");
  return { ledger };
});
