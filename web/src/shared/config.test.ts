// The chain the dApp is built for: VITE_CHAIN by the deploy's network names, VITE_CHAIN_ID for any other chain, the
// local chain by default (the only one with the local test wallet).
import { afterEach, describe, expect, it, vi } from "vitest";

const load = async (env: Record<string, string>) => {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  return import("./config");
};

describe("the target chain", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("VITE_CHAIN=baseSepolia: Base Sepolia's id, explorer and public RPC; not the local chain", async () => {
    const c = await load({ VITE_CHAIN: "baseSepolia" });
    expect(c.chainId).toBe(84532);
    expect(c.isLocalChain).toBe(false);
    expect(c.targetChain.name).toBe("Base Sepolia");
    expect(c.explorerLink("tx", "0xabc")).toBe("https://sepolia.basescan.org/tx/0xabc");
    expect(c.rpcUrl).toMatch(/^https:\/\//);
  });

  it("VITE_RPC_URL overrides the chain's public RPC; VITE_SUBGRAPH_URL is the read source", async () => {
    const c = await load({
      VITE_CHAIN: "gnosis",
      VITE_RPC_URL: "https://rpc.example/gnosis",
      VITE_SUBGRAPH_URL: "https://q.example",
    });
    expect([c.chainId, c.rpcUrl, c.subgraphUrl]).toEqual([100, "https://rpc.example/gnosis", "https://q.example"]);
    expect(c.targetChain.rpcUrls.default.http).toEqual(["https://rpc.example/gnosis"]);
  });

  it("another chain by id, name and explorer; an unknown VITE_CHAIN is refused", async () => {
    const c = await load({
      VITE_CHAIN_ID: "7357",
      VITE_CHAIN_NAME: "Test chain",
      VITE_EXPLORER_URL: "https://x.example/",
    });
    expect([c.chainId, c.targetChain.name, c.explorerLink("address", "0x1")]).toEqual([
      7357,
      "Test chain",
      "https://x.example/address/0x1",
    ]);
    await expect(load({ VITE_CHAIN: "mars" })).rejects.toThrow(/VITE_CHAIN=mars is not one of sepolia, baseSepolia/);
  });

  it("the local chain by default, without an explorer", async () => {
    const c = await load({});
    expect([c.chainId, c.isLocalChain, c.explorerLink("tx", "0x1")]).toEqual([31337, true, undefined]);
  });
});
