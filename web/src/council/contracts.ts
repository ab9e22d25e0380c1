// The council module's contracts on the target chain, from the SDK's generated per-chain map (undefined when
// not deployed there): addresses for writes, deployment blocks where event reads start.
import { deployed, startBlockOf } from "../shared/config";

export const councilAddress = deployed.ThresholdsCouncil?.address;
export const seatAddress = deployed.CouncilSeat?.address;
export const timelockAddress = deployed.CouncilTimelock?.address;

/** Where the module's event reads start: the first block its contracts were deployed in. */
export const councilStartBlock = startBlockOf("ThresholdsCouncil", "CouncilSeat", "CouncilTimelock");
