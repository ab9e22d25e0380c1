import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dApp reads VITE_RPC_URL (JSON-RPC of the target chain), VITE_CHAIN_ID (default 31337, the local
// Hardhat chain), VITE_SUBGRAPH_URL (optional; when set, reads come from the subgraph),
// VITE_LEDGER_FROM_BLOCK, VITE_CREDIT_FROM_BLOCK, VITE_COUNCIL_FROM_BLOCK, VITE_RESOURCE_FROM_BLOCK and
// VITE_IMPACT_FROM_BLOCK (first block to scan for ContributionLedger / CreditNetwork / council / ResourceRegistry /
// impact registry and market events on chain reads; default 0).
export default defineConfig({
  plugins: [react()],
  base: "./",
  // wagmi + viem make one ~750 kB (225 kB gzipped) vendor bundle; that is expected for a dApp.
  build: { target: "es2022", sourcemap: true, chunkSizeWarningLimit: 1_000 },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
