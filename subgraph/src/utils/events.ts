// Event-log entities: their ids (block number ++ log index, in chain order) and the block, time and transaction
// fields that every one of them carries.
import { BigInt, Bytes, Entity, ethereum } from "@graphprotocol/graph-ts";

/**
 * Id of the log `logIndex` (its position in the block) of block `block`: the block number in 8 bytes, then the log
 * index in 4, both big-endian. Ids of event-log entities sort as the events happened, so `orderBy: id` lists them in
 * chain order, ties within a block included, and an id is a cursor (`id_lt` / `id_gt`).
 */
export function logId(block: BigInt, logIndex: BigInt): Bytes {
  const id = new Bytes(12);
  let b = block.toU64();
  for (let i = 7; i >= 0; i--) {
    id[i] = <u8>(b & 0xff);
    b = b >> 8;
  }
  let l = logIndex.toU32();
  for (let i = 11; i >= 8; i--) {
    id[i] = <u8>(l & 0xff);
    l = l >> 8;
  }
  return id;
}

/** Id of an event-log entity: block number ++ log index (see {@link logId}). */
export function eventId(event: ethereum.Event): Bytes {
  return logId(event.block.number, event.logIndex);
}

/** Id of item `index` of a batch event (an ERC-1155 TransferBatch): the event's id ++ index. */
export function batchItemId(event: ethereum.Event, index: i32): Bytes {
  return eventId(event).concatI32(index);
}

/** Id of the log `offset` positions before `event` in the same transaction (so in the same block). */
export function earlierLogId(event: ethereum.Event, offset: i32): Bytes {
  return logId(event.block.number, event.logIndex.minus(BigInt.fromI32(offset)));
}

/** Sets an event-log entity's `blockNumber`, `timestamp` and `transactionHash` from `event`. */
export function stampEvent(entity: Entity, event: ethereum.Event): void {
  entity.setBigInt("blockNumber", event.block.number);
  entity.setBigInt("timestamp", event.block.timestamp);
  entity.setBytes("transactionHash", event.transaction.hash);
}
