// The impact chain reader's cost: the reads a new block sets off together share one incremental sync (one
// eth_getLogs over the new blocks only), and a read after the latest one sees the chain as of its call.
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { fakeChain, tally, type FakeChain } from "../../shared/data/testing";
import { createImpactChainReader } from "./chain";

const addresses = {
  registry: "0x00000000000000000000000000000000000000a1" as Address,
  market: "0x00000000000000000000000000000000000000a2" as Address,
  certificates: "0x00000000000000000000000000000000000000a3" as Address,
};

/** A chain at block 10 with no impact logs, counting what the reader asks of it. */
const impactChain = () =>
  fakeChain({ head: 10n, time: (n) => 1_750_000_000n + n, views: { symbol: "dEUR", decimals: 6 } });
/** The eth_getLogs ranges asked for, as [from, to]. */
const ranges = (chain: FakeChain) => chain.ranges.map((r) => [r.from, r.to]);

describe("impact chain reader", () => {
  it("reads each block once from the deployment block; concurrent screen reads share one sync", async () => {
    const { chain, client } = impactChain();
    const reader = createImpactChainReader(client, addresses, 3n);
    const [base, page, market] = await Promise.all([reader.base(), reader.claims({}, 50), reader.market({})]);
    expect(ranges(chain)).toEqual([[3n, 10n]]);
    expect(tally(chain).getBlock).toBe(1);
    expect(base).toMatchObject({ block: 10n, time: 1_750_000_010, methodologies: [], verifiers: [] });
    expect(page).toEqual({
      claims: [],
      more: false,
      totals: { count: 0, claimed: 0n, verified: 0n, retired: 0n, revoked: 0n },
    });
    expect(market).toEqual({ items: [] });

    // A new block: the three reads again cost one block number and one eth_getLogs over the new block only.
    chain.head = 11n;
    await Promise.all([reader.base(), reader.claims({}, 50), reader.market({})]);
    expect(ranges(chain)).toEqual([
      [3n, 10n],
      [11n, 11n],
    ]);
    expect(tally(chain).getBlock).toBe(2);

    // A read after that sees a block that arrived since (its own sync, not the one before it).
    chain.head = 12n;
    expect((await reader.base()).block).toBe(12n);
    expect(ranges(chain).at(-1)).toEqual([12n, 12n]);
    expect(await reader.certificate(1n)).toBeNull();
  });
});
