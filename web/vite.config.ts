/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dApp reads VITE_RPC_URL (JSON-RPC of the target chain), VITE_CHAIN_ID (default 31337, the local
// Hardhat chain), VITE_SUBGRAPH_URL (optional; when set, reads come from the subgraph), VITE_LOG_CHUNK_BLOCKS and
// VITE_REORG_DEPTH (the chain readers' eth_getLogs range and re-org window; see README.md).
export default defineConfig({
  plugins: [react()],
  base: "./",
  // wagmi + viem make one ~750 kB (225 kB gzipped) vendor bundle; that is expected for a dApp.
  build: { target: "es2022", sourcemap: true, chunkSizeWarningLimit: 1_000 },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  test: { include: ["src/**/*.test.ts", "scripts/**/*.test.ts"] },
});
