// ERC-1155 bookkeeping shared by the token mappings (quota shares, impact units): the moves of TransferSingle and
// TransferBatch, per-holder balances with holder counts, transfer records and ApprovalForAll.
import { Address, BigInt, Bytes, Entity, ethereum, store, Value } from "@graphprotocol/graph-ts";
import { batchItemId, eventId, stampEvent } from "./events";
import { accountPairId, childId } from "./ids";

/** One token id moved: a TransferSingle (batchIndex -1) or one item of a TransferBatch. */
export class TokenMove {
  id: Bytes;
  batchIndex: i32;
  operator: Address;
  from: Address;
  to: Address;
  tokenId: BigInt;
  amount: BigInt;

  constructor(
    id: Bytes,
    batchIndex: i32,
    operator: Address,
    from: Address,
    to: Address,
    tokenId: BigInt,
    amount: BigInt,
  ) {
    this.id = id;
    this.batchIndex = batchIndex;
    this.operator = operator;
    this.from = from;
    this.to = to;
    this.tokenId = tokenId;
    this.amount = amount;
  }
}

export function singleMove(
  event: ethereum.Event,
  operator: Address,
  from: Address,
  to: Address,
  tokenId: BigInt,
  amount: BigInt,
): TokenMove {
  return new TokenMove(eventId(event), -1, operator, from, to, tokenId, amount);
}

export function batchMoves(
  event: ethereum.Event,
  operator: Address,
  from: Address,
  to: Address,
  tokenIds: BigInt[],
  amounts: BigInt[],
): TokenMove[] {
  const moves = new Array<TokenMove>(0);
  for (let i = 0; i < tokenIds.length; i++) {
    moves.push(new TokenMove(batchItemId(event, i), i, operator, from, to, tokenIds[i], amounts[i]));
  }
  return moves;
}

/** Sets the fields of a new holding other than holder, balance and updatedAtTimestamp (its token, flags). */
export type HoldingInit = (holding: Entity, tokenKey: string, holder: Address) => void;

/** Balance of `holder` in the `entityType` holding `<tokenKey>-<holder>` (0 if it has none). */
export function holdingBalance(entityType: string, tokenKey: string, holder: Bytes): BigInt {
  const holding = store.get(entityType, childId(tokenKey, holder.toHexString()));
  return holding == null ? BigInt.zero() : holding.getBigInt("balance");
}

function shiftHolding(
  entityType: string,
  tokenKey: string,
  holder: Address,
  delta: BigInt,
  event: ethereum.Event,
  init: HoldingInit,
): BigInt {
  const id = childId(tokenKey, holder.toHexString());
  let holding = store.get(entityType, id);
  if (holding == null) {
    holding = new Entity();
    holding.setString("id", id);
    holding.setBytes("holder", holder);
    holding.setBigInt("balance", BigInt.zero());
    init(holding, tokenKey, holder);
  }
  const before = holding.getBigInt("balance");
  holding.setBigInt("balance", before.plus(delta));
  holding.setBigInt("updatedAtTimestamp", event.block.timestamp);
  store.set(entityType, id, holding);
  return before;
}

/**
 * Applies `move` to the `entityType` holdings (id `<tokenKey>-<holder>`; 0x0 holds nothing: mints and burns) and
 * returns the change in the number of holders with a positive balance.
 */
export function moveHoldings(
  entityType: string,
  tokenKey: string,
  move: TokenMove,
  event: ethereum.Event,
  init: HoldingInit,
): i32 {
  const moved = move.amount.gt(BigInt.zero());
  let holders = 0;
  if (!move.from.equals(Address.zero())) {
    const before = shiftHolding(entityType, tokenKey, move.from, move.amount.neg(), event, init);
    if (moved && before.equals(move.amount)) holders -= 1;
  }
  if (!move.to.equals(Address.zero())) {
    const before = shiftHolding(entityType, tokenKey, move.to, move.amount, event, init);
    if (moved && before.isZero()) holders += 1;
  }
  return holders;
}

/** Sets the fields a transfer record shares with every ERC-1155 move: operator, from, to, batchIndex, block. */
export function recordMove(transfer: Entity, move: TokenMove, event: ethereum.Event): void {
  transfer.setBytes("operator", move.operator);
  transfer.setBytes("from", move.from);
  transfer.setBytes("to", move.to);
  if (move.batchIndex >= 0) transfer.set("batchIndex", Value.fromI32(move.batchIndex));
  stampEvent(transfer, event);
}

/** Saves an ApprovalForAll as the `entityType` entity `<holder>-<operator>` whose `parentField` is `parentId`. */
export function setOperatorApproval(
  entityType: string,
  parentField: string,
  parentId: string,
  holder: Address,
  operator: Address,
  approved: boolean,
  event: ethereum.Event,
): void {
  const id = accountPairId(holder, operator);
  let approval = store.get(entityType, id);
  if (approval == null) {
    approval = new Entity();
    approval.setString("id", id);
    approval.setString(parentField, parentId);
    approval.setBytes("holder", holder);
    approval.setBytes("operator", operator);
  }
  approval.setBoolean("approved", approved);
  approval.setBigInt("updatedAtTimestamp", event.block.timestamp);
  store.set(entityType, id, approval);
}
