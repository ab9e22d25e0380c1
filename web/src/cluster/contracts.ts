// The cluster exchange on the target chain: its ClusterExchange (from the SDK's generated per-chain map; undefined
// when not deployed there) and the block its event reads start at.
import { deployed, startBlockOf } from "../shared/config";

export const clusterAddress = deployed.ClusterExchange?.address;

/** Where the cluster exchange's event reads start: the block it was deployed in. */
export const clusterStartBlock = startBlockOf("ClusterExchange");
