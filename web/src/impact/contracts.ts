// The impact module's contracts on the target chain, from the SDK's generated per-chain map (undefined when
// not deployed there): addresses for writes, deployment blocks where event reads start.
import { deployed, startBlockOf } from "../shared/config";

export const impactRegistryAddress = deployed.ImpactRegistry?.address;
export const impactMarketAddress = deployed.ImpactMarket?.address;
export const certificatesAddress = deployed.RetirementCertificates?.address;

/** Where the module's event reads start: the first block its contracts were deployed in. */
export const impactStartBlock = startBlockOf("ImpactRegistry", "ImpactMarket", "RetirementCertificates");
