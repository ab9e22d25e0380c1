import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys one mutual-credit network. Parameters (ignition/parameters.json or --parameters):
 *   name, symbol, decimals — the community's currency;
 *   admin — DEFAULT_ADMIN_ROLE (grants/revokes stewards): use a TimelockController or a multisig on a real chain;
 *   steward — the first steward (admits members).
 * Both default to the deploying account, which is only sensible on a local chain.
 */
export default buildModule("Credit", (m) => {
  const deployer = m.getAccount(0);
  const network = m.contract("CreditNetwork", [
    m.getParameter("name", "Commons Credit"),
    m.getParameter("symbol", "CMC"),
    m.getParameter("decimals", 18),
    m.getParameter("admin", deployer),
    [m.getParameter("steward", deployer)],
  ]);
  return { network };
});
