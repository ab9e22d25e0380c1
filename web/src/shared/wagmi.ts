import { createConfig, http } from "wagmi";
import { burner } from "./burner";
import { isLocalChain, rpcUrl, targetChain } from "./config";

// Injected wallets are discovered through EIP-6963 (multiInjectedProviderDiscovery); the local test wallet is
// added only when the dApp targets the local chain.
export const wagmiConfig = createConfig({
  chains: [targetChain],
  transports: { [targetChain.id]: http(rpcUrl) },
  connectors: isLocalChain ? [burner()] : [],
  multiInjectedProviderDiscovery: true,
  pollingInterval: 1_000,
});

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
