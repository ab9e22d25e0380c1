// A module's chain reader of its events, with the dApp's settings: the chunk size and re-org window of the target
// chain (./config), from the contracts' deployment block (the SDK's per-chain map).
import type { Abi, Address, PublicClient } from "viem";
import { logChunkBlocks, reorgDepth } from "../config";
import { IncrementalLogReader, type EventFold } from "./logs";

export function eventReader<const A extends Abi, S>(
  client: PublicClient,
  abi: A,
  addresses: readonly Address[],
  fromBlock: bigint,
  fold: EventFold<A, S>,
): IncrementalLogReader<A, S> {
  return new IncrementalLogReader({ client, abi, addresses, fromBlock, fold, maxRange: logChunkBlocks, reorgDepth });
}
