// The owner's side (the council's timelock): commons entities accredited and revoked, each change kept, and the
// two-step ownership.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  CommonsEntityAccredited,
  CommonsEntityRevoked,
  OwnershipTransferStarted,
  OwnershipTransferred,
} from "../../../generated/DesignCommons/DesignCommons";
import { CommonsEntity, CommonsEntityChange, CommonsOwnershipChange } from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { applyOwnershipStep } from "../../utils/ownable";
import { getRegistry } from "./entities";

/** Records `entity` accredited (described at `uri`) or revoked (`uri` null). */
function accreditationChanged(event: ethereum.Event, entity: Address, accredited: boolean, uri: string | null): void {
  const registry = getRegistry(event);
  const id = entity.toHexString();
  let row = CommonsEntity.load(id);
  if (row == null) {
    row = new CommonsEntity(id);
    row.registry = registry.id;
    row.entity = entity;
    row.accredited = false;
    row.uri = "";
    row.accreditedAt = BigInt.zero();
  }
  if (accredited && !row.accredited) registry.accreditedCount += 1;
  if (!accredited && row.accredited) registry.accreditedCount -= 1;
  registry.save();
  row.accredited = accredited;
  if (accredited) {
    row.uri = uri!;
    row.accreditedAt = event.block.timestamp;
  } else row.revokedAt = event.block.timestamp;
  row.updatedAtTimestamp = event.block.timestamp;
  row.save();

  const change = new CommonsEntityChange(eventId(event));
  change.commonsEntity = id;
  change.entity = entity;
  change.accredited = accredited;
  change.uri = uri;
  stampEvent(change, event);
  change.save();
}

export function handleCommonsEntityAccredited(event: CommonsEntityAccredited): void {
  accreditationChanged(event, event.params.entity, true, event.params.uri);
}

export function handleCommonsEntityRevoked(event: CommonsEntityRevoked): void {
  accreditationChanged(event, event.params.entity, false, null);
}

function ownershipStep(event: ethereum.Event, offer: boolean): void {
  const registry = getRegistry(event);
  const change = new CommonsOwnershipChange(eventId(event));
  change.registry = registry.id;
  applyOwnershipStep(registry, change, event, offer);
  registry.save();
  change.save();
}

/** An offer to `newOwner`; an offer to the zero address withdraws the pending one (Ownable2Step). */
export function handleOwnershipTransferStarted(event: OwnershipTransferStarted): void {
  ownershipStep(event, true);
}

/** The new owner took over (or the constructor's owner); any pending offer is gone. */
export function handleOwnershipTransferred(event: OwnershipTransferred): void {
  ownershipStep(event, false);
}
