// Event-log entities: their ids (transaction hash ++ log index) and the block, time and transaction fields that
// every one of them carries.
import { Bytes, Entity, ethereum } from "@graphprotocol/graph-ts";

/** Id of an event-log entity: transaction hash ++ log index. */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

/** Id of item `index` of a batch event (an ERC-1155 TransferBatch): the event's id ++ index. */
export function batchItemId(event: ethereum.Event, index: i32): Bytes {
  return eventId(event).concatI32(index);
}

/** Id of the log `offset` positions before `event` in the same transaction. */
export function earlierLogId(event: ethereum.Event, offset: i32): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32() - offset);
}

/** Sets an event-log entity's `blockNumber`, `timestamp` and `transactionHash` from `event`. */
export function stampEvent(entity: Entity, event: ethereum.Event): void {
  entity.setBigInt("blockNumber", event.block.number);
  entity.setBigInt("timestamp", event.block.timestamp);
  entity.setBytes("transactionHash", event.transaction.hash);
}
