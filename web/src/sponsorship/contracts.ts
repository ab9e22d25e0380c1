// The co-op's gas sponsorship on the target chain: its MembersPaymaster (from the SDK's generated per-chain map;
// undefined when not deployed there) and the ERC-4337 bundler the dApp sends operations to (VITE_BUNDLER_URL: `npm
// start` sets the local Alto's; on a public chain, any v0.8 bundler's endpoint).
import { deployed, startBlockOf } from "../shared/config";

export const paymasterAddress = deployed.MembersPaymaster?.address;
export const bundlerUrl: string | undefined = import.meta.env.VITE_BUNDLER_URL || undefined;

/** Where the paymaster's event reads start: the block it was deployed in. */
export const paymasterStartBlock = startBlockOf("MembersPaymaster");
