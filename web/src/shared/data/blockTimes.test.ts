// The block-time cache on its own: each block's time is read once, however often and however many at once it is asked.
import { describe, expect, it } from "vitest";
import { BlockTimeCache } from "./blockTimes";
import { fakeChain } from "./testing";

describe("BlockTimeCache", () => {
  it("reads a block's time once and keeps it", async () => {
    const { chain, client } = fakeChain({ head: 50n, time: (n) => 1_000n + n });
    const times = new BlockTimeCache(client);
    expect(times.get(7n)).toBeUndefined();
    expect(await times.of(7n)).toBe(1_007);
    expect(await times.of(7n)).toBe(1_007);
    await times.load([7n, 9n, 9n, 12n]);
    expect(chain.blocks).toEqual([7n, 9n, 12n]);
    expect(times.get(9n)).toBe(1_009);
    expect([...times]).toEqual([
      [7n, 1_007],
      [9n, 1_009],
      [12n, 1_012],
    ]);
  });
});
