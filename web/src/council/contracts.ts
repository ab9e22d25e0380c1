// The council module's contracts on the target chain, from the SDK's generated per-chain map (undefined when
// not deployed there): addresses for writes, deployment blocks where event reads start.
import { deployed } from "../shared/config";

export const councilAddress = deployed.ThresholdsCouncil?.address;
export const seatAddress = deployed.CouncilSeat?.address;
export const timelockAddress = deployed.CouncilTimelock?.address;

/** The block each contract was deployed in: no event of the module is older. */
export const councilStartBlock = BigInt(
  Math.min(
    deployed.ThresholdsCouncil?.startBlock ?? Infinity,
    deployed.CouncilSeat?.startBlock ?? Infinity,
    deployed.CouncilTimelock?.startBlock ?? Infinity,
  ),
);
