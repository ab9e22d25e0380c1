// Tests of the public-RPC proxy of the e2e harness (rpc-proxy.ts) against an in-process Hardhat node: the log range
// and result caps with their provider errors, block tags, the token bucket (429, Retry-After), batches, the stats.
// Run: `node web/e2e/rpc-proxy.check.ts` (node:test; from the repository root, where Hardhat finds its config).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { root } from "./stack.ts";
import { startRpcProxy, type RpcProxy } from "./rpc-proxy.ts";

process.chdir(root);
const { default: hre } = await import("hardhat");

interface Reply {
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

async function post(url: string, body: unknown): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

let nextId = 1;
const call = (method: string, params: unknown[] = []) => ({ jsonrpc: "2.0", id: nextId++, method, params });
const rpc = async (url: string, method: string, params: unknown[] = []) =>
  (await post(url, call(method, params))).json as Reply;
const hex = (n: number | bigint) => `0x${n.toString(16)}`;

/**
 * Init code that emits `n` empty LOG0s in its constructor and deploys nothing: PUSH2 n; JUMPDEST (pc 3);
 * PUSH1 0 PUSH1 0 LOG0; PUSH1 1 SWAP1 SUB (n - 1); DUP1 PUSH1 3 JUMPI (loop while non-zero); STOP.
 */
const emitLogs = (n: number) => `0x61${n.toString(16).padStart(4, "0")}5b60006000a0600190038060035700`;

describe("rpc-proxy: a public endpoint's limits in front of a Hardhat node", () => {
  let node: { close(): Promise<void> };
  let upstream: string;
  let from: string;
  const proxies: RpcProxy[] = [];
  const proxy = async (opts: Omit<Parameters<typeof startRpcProxy>[0], "upstream"> = {}) => {
    const p = await startRpcProxy({ upstream, ...opts });
    proxies.push(p);
    return p;
  };
  const head = async () => BigInt((await rpc(upstream, "eth_blockNumber")).result as string);
  /** Deploys the log emitter and returns the block it was mined in. */
  async function deployEmitter(logs: number): Promise<bigint> {
    const hash = (await rpc(upstream, "eth_sendTransaction", [{ from, data: emitLogs(logs), gas: hex(8_000_000) }]))
      .result as string;
    const receipt = (await rpc(upstream, "eth_getTransactionReceipt", [hash])).result as {
      status: string;
      blockNumber: string;
      logs: unknown[];
    };
    assert.equal(receipt.status, "0x1", "the log emitter deployed");
    assert.equal(receipt.logs.length, logs, "the log emitter emitted its logs");
    return BigInt(receipt.blockNumber);
  }

  before(async () => {
    const server = await hre.network.createServer({ network: "default" }, "127.0.0.1", 0);
    const { address, port } = await server.listen();
    node = server;
    upstream = `http://${address}:${port}`;
    from = ((await rpc(upstream, "eth_accounts")).result as string[])[0];
  });
  after(async () => {
    for (const p of proxies) await p.close();
    await node.close();
  });

  it("refuses a range of 1,001 blocks (Alchemy's -32600) and accepts 1,000", async () => {
    const p = await proxy();
    await rpc(upstream, "hardhat_mine", [hex(1_100)]);
    const wide = await rpc(p.url, "eth_getLogs", [{ fromBlock: "0x1", toBlock: hex(1_001) }]);
    assert.equal(wide.error?.code, -32600);
    assert.match(wide.error!.message, /up to a 1000 block range.*should work: \[0x1, 0x3e8\]/);
    const ok = await rpc(p.url, "eth_getLogs", [{ fromBlock: "0x1", toBlock: hex(1_000) }]);
    assert.deepEqual(ok.result, []);
    assert.deepEqual(p.stats().refused, { range: 1, results: 0, rate: 0 });
  });

  it("resolves block tags against the node's head: earliest, latest, pending, safe, finalized, missing", async () => {
    const p = await proxy();
    const h = await head();
    assert.ok(h > 1_000n, "the chain has more than 1,000 blocks");
    const refused = [
      { fromBlock: "earliest" },
      { fromBlock: "earliest", toBlock: "latest" },
      { fromBlock: hex(h - 1_000n), toBlock: "finalized" },
      { fromBlock: hex(h - 1_000n), toBlock: "safe" },
      { fromBlock: hex(h - 1_000n), toBlock: "pending" },
      { fromBlock: hex(h - 1_000n) },
    ];
    for (const filter of refused) {
      const r = await rpc(p.url, "eth_getLogs", [filter]);
      assert.equal(r.error?.code, -32600, `refused: ${JSON.stringify(filter)}`);
    }
    const accepted = [
      {},
      { fromBlock: "latest" },
      { fromBlock: hex(h - 999n) },
      { fromBlock: hex(h - 999n), toBlock: "finalized" },
      { fromBlock: "safe", toBlock: "latest" },
      { fromBlock: "earliest", toBlock: hex(999) },
    ];
    for (const filter of accepted) {
      const r = await rpc(p.url, "eth_getLogs", [filter]);
      assert.deepEqual(r.result, [], `accepted: ${JSON.stringify(filter)}`);
    }
    // A block-hash filter names one block: it passes.
    const block = (await rpc(upstream, "eth_getBlockByNumber", ["latest", false])).result as { hash: string };
    assert.deepEqual((await rpc(p.url, "eth_getLogs", [{ blockHash: block.hash }])).result, []);
    assert.deepEqual(p.stats().refused, { range: refused.length, results: 0, rate: 0 });
    assert.equal(p.stats().byMethod.eth_getLogs, refused.length + accepted.length + 1);
  });

  it("refuses more than 10,000 results (Alchemy's -32602, with a range that fits) and returns 10,000", async () => {
    const p = await proxy();
    const heavy = await deployEmitter(10_001);
    await rpc(upstream, "hardhat_mine", [hex(10)]);
    const full = await deployEmitter(10_000);
    const one = await rpc(p.url, "eth_getLogs", [{ fromBlock: hex(heavy), toBlock: hex(heavy) }]);
    assert.equal(one.error?.code, -32602);
    assert.match(one.error!.message, /^Log response size exceeded\. .*cap of 10000 logs/);
    const both = await rpc(p.url, "eth_getLogs", [{ fromBlock: hex(heavy - 5n), toBlock: hex(full) }]);
    assert.equal(both.error?.code, -32602);
    const ok = await rpc(p.url, "eth_getLogs", [{ fromBlock: hex(heavy + 1n), toBlock: "latest" }]);
    assert.equal((ok.result as unknown[]).length, 10_000);
    assert.deepEqual(p.stats().refused, { range: 0, results: 2, rate: 0 });
    assert.deepEqual(
      p.stats().logRefusals.map((r) => [r.reason, r.blocks]),
      [
        ["results", 1],
        ["results", Number(full - heavy) + 6],
      ],
    );
    // The node's own answer, without the proxy: every log is there.
    const direct = await rpc(upstream, "eth_getLogs", [{ fromBlock: hex(heavy), toBlock: hex(full) }]);
    assert.equal((direct.result as unknown[]).length, 20_001);
  });

  it("answers HTTP 429 with Retry-After past the burst, and serves again once the bucket refills", async () => {
    const p = await proxy({ ratePerSecond: 2, burst: 10 });
    for (let i = 0; i < 10; i++) assert.equal((await post(p.url, call("eth_chainId"))).status, 200, `call ${i + 1}`);
    const limited = await post(p.url, call("eth_chainId"));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "1");
    assert.equal(limited.headers.get("access-control-allow-origin"), "*", "a browser can read the 429");
    assert.equal((limited.json as Reply).error?.code, 429);
    assert.match((limited.json as Reply).error!.message, /exceeded its compute units per second capacity/);
    // A transaction send takes no token (the user's wallet sends through its own RPC): the node answers it.
    const send = await post(p.url, call("eth_sendRawTransaction", ["0x00"]));
    assert.equal(send.status, 200);
    assert.notEqual((send.json as Reply).error?.code, 429);
    await sleep(600);
    const again = await post(p.url, call("eth_chainId"));
    assert.equal(again.status, 200);
    assert.equal((again.json as Reply).result, "0x7a69");
    assert.deepEqual(p.stats().refused, { range: 0, results: 0, rate: 1 });
    assert.deepEqual(p.stats().rateLimitedByMethod, { eth_chainId: 1 });
    assert.equal(p.stats().total, 13);
    assert.equal(p.stats().byMethod.eth_sendRawTransaction, 1);
  });

  it("counts each call of a batch, for the bucket and the stats, and refuses a batch whole", async () => {
    const p = await proxy({ ratePerSecond: 0.5, burst: 4 });
    const h = await head();
    const batch = [
      call("eth_chainId"),
      call("eth_blockNumber"),
      call("eth_getLogs", [{ fromBlock: "earliest", toBlock: "latest" }]),
    ];
    const first = await post(p.url, batch);
    assert.equal(first.status, 200);
    const replies = first.json as Reply[];
    assert.deepEqual(
      replies.map((r) => r.id),
      batch.map((c) => c.id),
    );
    assert.equal(replies[0].result, "0x7a69");
    assert.ok(BigInt(replies[1].result as string) >= h);
    assert.equal(replies[2].error?.code, -32600, "the wide eth_getLogs of the batch is refused alone");
    // One token left: a batch of two is refused whole, one error per call.
    const second = await post(p.url, [call("eth_chainId"), call("eth_chainId")]);
    assert.equal(second.status, 429);
    assert.ok(Number(second.headers.get("retry-after")) >= 1);
    assert.deepEqual(
      (second.json as Reply[]).map((r) => r.error?.code),
      [429, 429],
    );
    assert.deepEqual(p.stats(), {
      httpRequests: 2,
      total: 5,
      byMethod: { eth_chainId: 3, eth_blockNumber: 1, eth_getLogs: 1 },
      refused: { range: 1, results: 0, rate: 2 },
      rateLimitedByMethod: { eth_chainId: 2 },
      logRefusals: [{ reason: "range", fromBlock: "earliest", toBlock: "latest", blocks: Number(h) + 1 }],
    });
  });

  it("serves its stats over HTTP, resets them, and answers CORS preflights", async () => {
    const p = await proxy();
    const h = await head();
    await rpc(p.url, "eth_chainId");
    await rpc(p.url, "eth_getLogs", [{ fromBlock: "earliest" }]);
    const stats = await (await fetch(p.statsUrl)).json();
    assert.deepEqual(stats, p.stats());
    assert.deepEqual(stats, {
      httpRequests: 2,
      total: 2,
      byMethod: { eth_chainId: 1, eth_getLogs: 1 },
      refused: { range: 1, results: 0, rate: 0 },
      rateLimitedByMethod: {},
      logRefusals: [{ reason: "range", fromBlock: "earliest", blocks: Number(h) + 1 }],
    });
    const preflight = await fetch(p.url, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1:4173", "access-control-request-headers": "content-type" },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
    assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.equal(preflight.headers.get("access-control-allow-headers"), "content-type");
    const reset = await fetch(p.resetUrl, { method: "POST" });
    assert.equal(reset.status, 200);
    assert.deepEqual(p.stats(), {
      httpRequests: 0,
      total: 0,
      byMethod: {},
      refused: { range: 0, results: 0, rate: 0 },
      rateLimitedByMethod: {},
      logRefusals: [],
    });
  });
});
