// Ownable2Step as the chain readers fold it (the paymaster, the design commons), as the subgraph's
// src/utils/ownable.ts maps it: the owner and the pending owner after each step. Plain TypeScript (Node loads it).
import { getAddress, zeroAddress, type Address } from "viem";

/** A contract's owner and the account ownership was offered to and that has not accepted it yet. */
export interface Owned {
  owner: Address;
  pendingOwner?: Address;
}

/**
 * Applies an Ownable2Step event to `owned`: OwnershipTransferStarted (`offer`; an offer to the zero address withdraws
 * the pending one) or OwnershipTransferred (`newOwner`, or the constructor's owner, took over; no offer is pending).
 */
export function applyOwnershipStep(owned: Owned, offer: boolean, newOwner: Address): void {
  if (offer && newOwner !== zeroAddress) owned.pendingOwner = getAddress(newOwner);
  else delete owned.pendingOwner;
  if (!offer) owned.owner = getAddress(newOwner);
}
