// Ownable2Step as the mappings record it (the paymaster, the design commons): the owner and pending owner after each
// step, and the fields of the step's record.
import { Address, Entity, ethereum } from "@graphprotocol/graph-ts";
import { stampEvent } from "./events";

/**
 * Applies an Ownable2Step event (`previousOwner`, `newOwner`) to `owned`, an entity with `owner` and `pendingOwner`,
 * and fills its record `change` (`action`, the two owners, the block fields). `offer`: OwnershipTransferStarted (an
 * offer to the zero address withdraws the pending one); otherwise OwnershipTransferred (the new owner, or the
 * constructor's, took over; any pending offer is gone). The caller saves both.
 */
export function applyOwnershipStep(owned: Entity, change: Entity, event: ethereum.Event, offer: boolean): void {
  const previousOwner = event.parameters[0].value.toAddress();
  const newOwner = event.parameters[1].value.toAddress();
  if (offer && !newOwner.equals(Address.zero())) owned.setBytes("pendingOwner", newOwner);
  else owned.unset("pendingOwner");
  if (!offer) owned.setBytes("owner", newOwner);
  change.setString("action", offer ? "Offered" : "Transferred");
  change.setBytes("previousOwner", previousOwner);
  change.setBytes("newOwner", newOwner);
  stampEvent(change, event);
}
