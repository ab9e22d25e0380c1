// The co-op's gas sponsorship on the target chain: its MembersPaymaster (from the SDK's generated per-chain map;
// undefined when not deployed there) and the ERC-4337 bundler the dApp sends operations to (VITE_BUNDLER_URL: `npm
// start` sets the local Alto's; on a public chain, any v0.8 bundler's endpoint).
import type { Address } from "viem";
import { deployed, startBlockOf } from "../shared/config";
import { sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";

export const paymasterAddress = deployed.MembersPaymaster?.address;
export const bundlerUrl: string | undefined = import.meta.env.VITE_BUNDLER_URL || undefined;

/** Where the paymaster's event reads start: the block it was deployed in. */
export const paymasterStartBlock = startBlockOf("MembersPaymaster");

/** The names of the system's contracts a sponsored operation may call, in the target picker's order. */
const CONTRACT_NAMES: Partial<Record<keyof typeof deployed, string>> = {
  ContributionLedger: "the contribution ledger",
  CreditNetwork: "the credit network",
  ResourceRegistry: "the resource registry",
  ImpactRegistry: "the impact registry",
  ImpactMarket: "the impact market",
  DesignCommons: "the design commons",
  ClusterExchange: "the cluster exchange",
  Commonfare: "the solidarity circles",
  RetirementCertificates: "the retirement certificates",
  MockERC20: "the demo stablecoin (dEUR)",
  ThresholdsCouncil: "the council",
  CouncilSeat: "the seat token",
  CouncilTimelock: "the council's treasury (its timelock)",
};

export interface SystemContract {
  address: Address;
  name: string;
}

/** The system's contracts deployed on this chain (the paymaster itself is never a call target). */
export const SYSTEM_CONTRACTS: readonly SystemContract[] = Object.entries(CONTRACT_NAMES).flatMap(([key, name]) => {
  const address = deployed[key as keyof typeof deployed]?.address;
  return address && name ? [{ address, name }] : [];
});

/** A contract or account as text: the system contract's name, else the account's name. */
export function contractName(address: Address): string {
  return SYSTEM_CONTRACTS.find((c) => sameAddress(c.address, address))?.name ?? nameOf(address);
}
