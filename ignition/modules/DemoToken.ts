import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** Local-only: a mintable "Demo Euro" stablecoin used as ERC-20 income in the demo and the e2e test. */
export default buildModule("DemoToken", (m) => {
  const token = m.contract("MockERC20", ["Demo Euro", "dEUR", 6]);
  return { token };
});
