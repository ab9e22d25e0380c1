// The solidarity circles on the target chain: their Commonfare contract (from the SDK's generated per-chain map;
// undefined when not deployed there) and the block its event reads start at.
import { deployed, startBlockOf } from "../shared/config";

export const commonfareAddress = deployed.Commonfare?.address;

/** Where the circles' event reads start: the block Commonfare was deployed in. */
export const commonfareStartBlock = startBlockOf("Commonfare");
