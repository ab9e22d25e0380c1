// The impact module's contracts on the target chain, from the SDK's generated per-chain map (undefined when
// not deployed there): addresses for writes, deployment blocks where event reads start.
import { deployed } from "../shared/config";

export const impactRegistryAddress = deployed.ImpactRegistry?.address;
export const impactMarketAddress = deployed.ImpactMarket?.address;
export const certificatesAddress = deployed.RetirementCertificates?.address;

/** The block each contract was deployed in: no event of the module is older. */
export const impactStartBlock = BigInt(
  Math.min(
    deployed.ImpactRegistry?.startBlock ?? Infinity,
    deployed.ImpactMarket?.startBlock ?? Infinity,
    deployed.RetirementCertificates?.startBlock ?? Infinity,
  ),
);
