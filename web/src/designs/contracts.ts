// The design commons on the target chain: its DesignCommons (from the SDK's generated per-chain map; undefined when
// not deployed there) and the block its event reads start at.
import { deployed, startBlockOf } from "../shared/config";

export const designsAddress = deployed.DesignCommons?.address;

/** Where the design commons' event reads start: the block it was deployed in. */
export const designsStartBlock = startBlockOf("DesignCommons");
