// The resource chain reader's list of resources: view calls at the head, without the registry's history; kept
// between refreshes, read again only when the registry logged something since.
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { encodeLog, fakeChain, tally } from "../../shared/data/testing";
import { createResourceChainReader } from "./chain";

const REGISTRY = getAddress("0x0000000000000000000000000000000000000f15");
const ASSESSOR = getAddress("0x00000000000000000000000000000000000000d4");

const info = {
  name: "North Sea plaice",
  unit: "t",
  firstSeasonStart: 1_700_000_000n,
  seasonLength: 31_536_000,
  totalShares: 1_000,
  openedSeason: 1,
  lastAssessedSeason: 1,
  rule: { targetRate: 0n, precautionaryBiomass: 0n, limitBiomass: 0n, maxRiseBps: 0, maxCutBps: 0 },
  carryOverBps: 0,
  concentrationCapBps: 0,
  closedPeriods: [],
};

describe("resource chain reader: the list of resources", () => {
  it("reads the list by view calls at the head, then only checks the registry's new logs on a refresh", async () => {
    const { chain, client } = fakeChain({
      head: 5_000n,
      views: { resourceCount: 2n, getResource: info },
      time: (block) => 1_700_000_000n + block,
    });
    const reader = createResourceChainReader(client, REGISTRY, 100n);

    const first = await reader.resources();
    expect(first.block).toBe(5_000n);
    expect(first.resources.map((r) => [r.id, r.info.name, r.unit.symbol])).toEqual([
      [1n, "North Sea plaice", "t"],
      [2n, "North Sea plaice", "t"],
    ]);
    // The head, the count and one getResource per stock; no eth_getLogs over the registry's 4,900 blocks of history.
    expect(tally(chain)).toMatchObject({ getLogs: 0, getBlock: 1, readContract: 3 });

    // A new block with nothing from the registry: one head request and one eth_getLogs of that block.
    chain.head = 5_001n;
    const second = await reader.resources();
    expect(second.block).toBe(5_001n);
    expect(second.resources).toEqual(first.resources);
    expect(tally(chain)).toMatchObject({ getLogs: 1, getBlock: 2, readContract: 3 });
    expect(chain.ranges.at(-1)).toEqual({ from: 5_001n, to: 5_001n });

    // The registry logged something: the list is read again.
    chain.head = 5_003n;
    chain.logs.push(
      encodeLog(
        resourceRegistryAbi,
        "AssessorAccreditationSet",
        { resourceId: 1n, assessor: ASSESSOR, accredited: true },
        { address: REGISTRY, block: 5_002n },
      ),
    );
    const third = await reader.resources();
    expect(third.block).toBe(5_003n);
    expect(tally(chain)).toMatchObject({ getLogs: 2, getBlock: 3, readContract: 6 });
    expect(chain.ranges.at(-1)).toEqual({ from: 5_002n, to: 5_003n });

    // The same head again: nothing more than the head request.
    await reader.resources();
    expect(tally(chain)).toMatchObject({ getLogs: 2, getBlock: 4, readContract: 6 });
  });
});
