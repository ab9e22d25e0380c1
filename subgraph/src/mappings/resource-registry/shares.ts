// Quota shares: ERC-1155 balances and transfers (token id = resource id) and operator approvals.
import { Address, Entity, ethereum } from "@graphprotocol/graph-ts";
import { ApprovalForAll, TransferBatch, TransferSingle } from "../../../generated/ResourceRegistry/ResourceRegistry";
import { ShareTransfer } from "../../../generated/schema";
import { batchMoves, moveHoldings, recordMove, setOperatorApproval, singleMove, TokenMove } from "../../utils/erc1155";
import { getRegistry, loadResource, touch } from "./entities";

/** Sets the resource a new ShareBalance belongs to (its id is `<resourceId>-<holder>`). */
export function initShareBalance(holding: Entity, resourceKey: string, holder: Address): void {
  holding.setString("resource", resourceKey);
}

export function moveShares(event: ethereum.Event, move: TokenMove): void {
  const resource = loadResource(move.tokenId);
  resource.holderCount += moveHoldings("ShareBalance", resource.id, move, event, initShareBalance);
  resource.shareTransferCount += 1;
  touch(resource, event);
  const transfer = new ShareTransfer(move.id);
  transfer.resource = resource.id;
  transfer.amount = move.amount;
  recordMove(transfer, move, event);
  transfer.save();
}

export function handleTransferSingle(event: TransferSingle): void {
  const p = event.params;
  moveShares(event, singleMove(event, p.operator, p.from, p.to, p.id, p.value));
}

export function handleTransferBatch(event: TransferBatch): void {
  const p = event.params;
  const moves = batchMoves(event, p.operator, p.from, p.to, p.ids, p.values);
  for (let i = 0; i < moves.length; i++) moveShares(event, moves[i]);
}

export function handleApprovalForAll(event: ApprovalForAll): void {
  const registry = getRegistry(event);
  registry.save();
  const p = event.params;
  setOperatorApproval("ShareOperatorApproval", "registry", registry.id, p.account, p.operator, p.approved, event);
}
