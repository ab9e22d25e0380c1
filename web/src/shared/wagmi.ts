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
  // The head is polled once a second on the local chain; a public RPC is asked every 4 s (its blocks come every
  // 2-12 s), each poll one eth_getBlockByNumber.
  pollingInterval: isLocalChain ? 1_000 : 4_000,
  // The reads a new block sets off at once go out as one eth_call (Multicall3's aggregate3), not one each: public
  // RPCs meter and rate-limit by call. Where the chain has no Multicall3 deployed (the local node), the same
  // aggregate runs "deployless", its code sent with the call.
  batch: { multicall: { deployless: !targetChain.contracts?.multicall3 } },
});

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
