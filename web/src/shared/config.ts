// Where the dApp points: chain, RPC, contract addresses (from the SDK's generated deployments) and data source.
import { deployments } from "@cosmolocal/sdk";
import { defineChain, type Address } from "viem";

export const LOCAL_CHAIN_ID = 31337;

const env = import.meta.env;

export const chainId = Number(env.VITE_CHAIN_ID ?? LOCAL_CHAIN_ID);
export const rpcUrl: string = env.VITE_RPC_URL ?? "http://127.0.0.1:8545";
export const subgraphUrl: string | undefined = env.VITE_SUBGRAPH_URL || undefined;
export const ledgerFromBlock = BigInt(env.VITE_LEDGER_FROM_BLOCK ?? 0);
export const creditFromBlock = BigInt(env.VITE_CREDIT_FROM_BLOCK ?? 0);
export const councilFromBlock = BigInt(env.VITE_COUNCIL_FROM_BLOCK ?? 0);
export const resourceFromBlock = BigInt(env.VITE_RESOURCE_FROM_BLOCK ?? 0);
export const impactFromBlock = BigInt(env.VITE_IMPACT_FROM_BLOCK ?? 0);
export const isLocalChain = chainId === LOCAL_CHAIN_ID;

export const targetChain = defineChain({
  id: chainId,
  name: isLocalChain ? "Hardhat (local)" : (env.VITE_CHAIN_NAME ?? `Chain ${chainId}`),
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
  testnet: isLocalChain,
});

const addresses = deployments[chainId] ?? {};
/** The ContributionLedger on the target chain, or undefined when it was not deployed there. */
export const ledgerAddress: Address | undefined = addresses.ContributionLedger;
/** The CreditNetwork (mutual credit) on the target chain, or undefined when it was not deployed there. */
export const creditAddress: Address | undefined = addresses.CreditNetwork;
/** The thresholds council (OpenZeppelin Governor), its seat token and its TimelockController, when deployed. */
export const councilAddress: Address | undefined = addresses.ThresholdsCouncil;
export const seatAddress: Address | undefined = addresses.CouncilSeat;
export const timelockAddress: Address | undefined = addresses.CouncilTimelock;
/** The resource-cap registry ("Fishcoin") the council governs, when deployed. */
export const registryAddress: Address | undefined = addresses.ResourceRegistry;
/** Verified decarbonisation claims: the impact registry (ERC-1155 units), its market and certificates, when deployed. */
export const impactRegistryAddress: Address | undefined = addresses.ImpactRegistry;
export const impactMarketAddress: Address | undefined = addresses.ImpactMarket;
export const certificatesAddress: Address | undefined = addresses.RetirementCertificates;
/** The local demo stablecoin (dEUR), offered as a listing and round currency next to ETH when deployed. */
export const demoTokenAddress: Address | undefined = addresses.MockERC20;
