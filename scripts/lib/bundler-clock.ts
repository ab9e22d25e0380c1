// Preloaded into the local bundler's process (`node --import`): Alto's clock follows the local chain's. Alto refuses
// an operation whose validity window starts after its own `Date.now()`, and the local chain's clock runs ahead of the
// wall clock (the demo data and the dApp's dev clock move it forward), so a paymaster window that began on chain would
// look "not valid yet" to it. The offset is the latest block's time minus the wall clock, read every half second.
// Local stack only: on a public chain the bundler's and the chain's clocks agree.
const rpcUrl = process.env.COSMOLOCAL_BUNDLER_CHAIN_RPC;
if (!rpcUrl) throw new Error("bundler-clock: COSMOLOCAL_BUNDLER_CHAIN_RPC is not set");
const wallClock = Date.now.bind(Date);
let offsetMs = 0;

async function follow(): Promise<void> {
  const res = await fetch(rpcUrl!, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: ["latest", false] }),
  });
  const block = ((await res.json()) as { result?: { timestamp: string } }).result;
  if (block) offsetMs = Number(BigInt(block.timestamp)) * 1000 - wallClock();
}

await follow();
setInterval(() => void follow().catch(() => undefined), 500).unref();
Date.now = () => wallClock() + offsetMs;
