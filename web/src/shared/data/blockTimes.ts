// Block times a chain reader reads with eth_getBlockByNumber where its events do not tell them: each block's time is
// read once and kept (a block's time never changes). Plain TypeScript, so Node's type stripping loads it too.
import type { PublicClient } from "viem";

export class BlockTimeCache {
  private readonly times = new Map<bigint, number>();
  private readonly client: Pick<PublicClient, "getBlock">;

  constructor(client: Pick<PublicClient, "getBlock">) {
    this.client = client;
  }

  /** The time of `block` if it has been read. */
  get(block: bigint): number | undefined {
    return this.times.get(block);
  }

  /** The time of `block`, read on first use. */
  async of(block: bigint): Promise<number> {
    let t = this.times.get(block);
    if (t === undefined) {
      t = Number((await this.client.getBlock({ blockNumber: block })).timestamp);
      this.times.set(block, t);
    }
    return t;
  }

  /** Reads the times of those of `blocks` not read yet, together. */
  async load(blocks: Iterable<bigint>): Promise<void> {
    await Promise.all([...new Set(blocks)].map((b) => this.of(b)));
  }

  /** Every block read so far with its time. */
  [Symbol.iterator](): IterableIterator<[bigint, number]> {
    return this.times.entries();
  }
}
