// The impact chain reader's cost: the reads a new block sets off together share one incremental sync (one
// eth_getLogs over the new blocks only), and a read after the latest one sees the chain as of its call.
import type { Address, PublicClient } from "viem";
import { describe, expect, it } from "vitest";
import { createImpactChainReader } from "./chain";

const addresses = {
  registry: "0x00000000000000000000000000000000000000a1" as Address,
  market: "0x00000000000000000000000000000000000000a2" as Address,
  certificates: "0x00000000000000000000000000000000000000a3" as Address,
};

/** A chain at `head` with no impact logs, counting what the reader asks of it. */
function fakeChain() {
  const chain = { head: 10n, getLogs: [] as [bigint, bigint][], blockNumbers: 0, blocks: 0 };
  const client = {
    async request({ method, params }: { method: string; params: [{ fromBlock: string; toBlock: string }] }) {
      if (method !== "eth_getLogs") throw new Error(`unexpected ${method}`);
      chain.getLogs.push([BigInt(params[0].fromBlock), BigInt(params[0].toBlock)]);
      return [];
    },
    async getBlockNumber() {
      chain.blockNumbers++;
      return chain.head;
    },
    async getBlock({ blockNumber }: { blockNumber?: bigint; blockTag?: "latest" }) {
      if (blockNumber === undefined) {
        chain.blockNumbers++;
        return { number: chain.head, timestamp: 1_750_000_000n + chain.head };
      }
      chain.blocks++;
      return { number: blockNumber, timestamp: 1_750_000_000n + blockNumber };
    },
    async readContract({ functionName }: { functionName: string }) {
      return functionName === "symbol" ? "dEUR" : 6;
    },
  };
  return { chain, client: client as unknown as PublicClient };
}

describe("impact chain reader", () => {
  it("reads each block once from the deployment block; concurrent screen reads share one sync", async () => {
    const { chain, client } = fakeChain();
    const reader = createImpactChainReader(client, addresses, 3n);
    const [base, page, market] = await Promise.all([reader.base(), reader.claims({}, 50), reader.market()]);
    expect(chain.getLogs).toEqual([[3n, 10n]]);
    expect(chain.blockNumbers).toBe(1);
    expect(base).toMatchObject({ block: 10n, time: 1_750_000_010, methodologies: [], verifiers: [] });
    expect(page).toEqual({
      claims: [],
      more: false,
      totals: { count: 0, claimed: 0n, verified: 0n, retired: 0n, revoked: 0n },
    });
    expect(market).toEqual({ listings: [] });

    // A new block: the three reads again cost one block number and one eth_getLogs over the new block only.
    chain.head = 11n;
    await Promise.all([reader.base(), reader.claims({}, 50), reader.market()]);
    expect(chain.getLogs).toEqual([
      [3n, 10n],
      [11n, 11n],
    ]);
    expect(chain.blockNumbers).toBe(2);

    // A read after that sees a block that arrived since (its own sync, not the one before it).
    chain.head = 12n;
    expect((await reader.base()).block).toBe(12n);
    expect(chain.getLogs.at(-1)).toEqual([12n, 12n]);
    expect(await reader.certificate(1n)).toBeNull();
  });
});
