import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Deploys the thresholds council: its TimelockController, the seat token and the Governor, and wires them so the
 * Governor is the timelock's only proposer and canceller, anyone may execute a passed proposal once its delay is
 * over, and nobody administers the timelock (the deployer's temporary admin role is renounced in this module).
 * Parameters (ignition/parameters.json or --parameters):
 *   founders, delegations — required: the first members (one seat each) and whom each represents;
 *   minDelay — seconds a passed proposal waits in the timelock (default 2 days);
 *   votingDelay, votingPeriod — seconds (defaults 1 day and 5 days);
 *   quorumPercent — share of seats that must vote for or abstain (default 50); the contract never lets the quorum
 *     fall below a strict majority of the seats, and a proposal always needs FOR votes from a strict majority.
 */
export default buildModule("Council", (m) => {
  const deployer = m.getAccount(0);
  const timelock = m.contract("CouncilTimelock", [
    m.getParameter("minDelay", 2 * 86_400),
    [],
    ["0x0000000000000000000000000000000000000000"],
    deployer,
  ]);
  const seats = m.contract("CouncilSeat", [
    m.getParameter<string[]>("founders"),
    m.getParameter<string[]>("delegations"),
    timelock,
  ]);
  const governor = m.contract("ThresholdsCouncil", [
    seats,
    timelock,
    m.getParameter("votingDelay", 86_400),
    m.getParameter("votingPeriod", 5 * 86_400),
    m.getParameter("quorumPercent", 50),
  ]);
  const proposer = m.staticCall(timelock, "PROPOSER_ROLE", [], 0, { id: "proposerRole" });
  const canceller = m.staticCall(timelock, "CANCELLER_ROLE", [], 0, { id: "cancellerRole" });
  const admin = m.staticCall(timelock, "DEFAULT_ADMIN_ROLE", [], 0, { id: "adminRole" });
  const grantProposer = m.call(timelock, "grantRole", [proposer, governor], { id: "grantProposer" });
  const grantCanceller = m.call(timelock, "grantRole", [canceller, governor], { id: "grantCanceller" });
  m.call(timelock, "renounceRole", [admin, deployer], {
    id: "renounceAdmin",
    after: [grantProposer, grantCanceller],
  });
  return { timelock, seats, governor };
});
