// The credit module's contracts on the target chain, from the SDK's generated per-chain map (undefined when
// not deployed there): addresses for writes, deployment blocks where event reads start.
import { deployed } from "../shared/config";

export const creditAddress = deployed.CreditNetwork?.address;

/** The block each contract was deployed in: no event of the module is older. */
export const creditStartBlock = BigInt(deployed.CreditNetwork?.startBlock ?? 0);
