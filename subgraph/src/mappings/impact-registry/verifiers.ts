// Verifiers: accreditation (AccessControl roles), slot assignments and releases, voided nonces.
import { ethereum } from "@graphprotocol/graph-ts";
import {
  NonceInvalidated,
  RoleGranted,
  RoleRevoked,
  VerifierSlotAssigned,
  VerifierSlotReleased,
} from "../../../generated/ImpactRegistry/ImpactRegistry";
import { NonceInvalidation, Verifier, VerifierSlotChange } from "../../../generated/schema";
import { impactRegistry } from "../../utils/constants.generated";
import { eventId, stampEvent } from "../../utils/events";
import { AccessRoleChange, recordRoleChange, roleChange, withMember } from "../../utils/roles";
import { getRegistry, getVerifier } from "./entities";

/** Role labels of the registry's AccessControl roles. */
export const ROLE_IDS: string[] = [impactRegistry.DEFAULT_ADMIN_ROLE, impactRegistry.VERIFIER_ROLE];
export const ROLE_LABELS: string[] = ["Admin", "Verifier"];

export function applyRole(event: ethereum.Event, change: AccessRoleChange): void {
  const registry = getRegistry(event);
  recordRoleChange("ImpactRoleChange", "registry", registry.id, event, change);
  if (change.label == "Admin") {
    registry.admins = withMember(registry.admins, change.account, change.granted);
  } else if (change.label == "Verifier") {
    const verifier = getVerifier(change.account, event);
    if (change.granted && !verifier.accredited) registry.verifierCount += 1;
    if (!change.granted && verifier.accredited) registry.verifierCount -= 1;
    verifier.accredited = change.granted;
    if (change.granted) verifier.lastAccreditedAt = event.block.timestamp;
    else verifier.deaccreditedAt = event.block.timestamp;
    verifier.updatedAtTimestamp = event.block.timestamp;
    verifier.save();
  }
  registry.save();
}

export function handleImpactRoleGranted(event: RoleGranted): void {
  const p = event.params;
  applyRole(event, roleChange(p.role, p.account, p.sender, true, ROLE_IDS, ROLE_LABELS));
}

export function handleImpactRoleRevoked(event: RoleRevoked): void {
  const p = event.params;
  applyRole(event, roleChange(p.role, p.account, p.sender, false, ROLE_IDS, ROLE_LABELS));
}

export function recordSlotChange(
  event: ethereum.Event,
  verifier: Verifier,
  kind: string,
  slot: i32,
): VerifierSlotChange {
  const change = new VerifierSlotChange(eventId(event));
  change.verifier = verifier.id;
  change.kind = kind;
  change.slot = slot;
  stampEvent(change, event);
  return change;
}

export function handleVerifierSlotAssigned(event: VerifierSlotAssigned): void {
  // RoleGranted comes first in the same call. Every accreditation assigns a slot: a new one, the lowest released one
  // (then firstClaimId = claim count + 1, so the verifier never votes on a claim with another holder's bit), or the
  // verifier's own slot back when nobody held it since (firstClaimId unchanged).
  const p = event.params;
  const verifier = getVerifier(p.verifier, event);
  verifier.slot = p.slot;
  verifier.slotActive = true;
  verifier.firstClaimId = p.firstClaimId;
  verifier.slotAssignmentCount += 1;
  verifier.updatedAtTimestamp = event.block.timestamp;
  verifier.save();
  const change = recordSlotChange(event, verifier, "Assigned", p.slot);
  change.firstClaimId = p.firstClaimId;
  change.save();
}

export function handleVerifierSlotReleased(event: VerifierSlotReleased): void {
  // RoleRevoked comes first in the same call. The verifier keeps its slot number (verifierSlot() still reports it,
  // inactive); the slot may be assigned to another verifier from now on.
  const p = event.params;
  const verifier = getVerifier(p.verifier, event);
  verifier.slotActive = false;
  verifier.slotReleaseCount += 1;
  verifier.updatedAtTimestamp = event.block.timestamp;
  verifier.save();
  recordSlotChange(event, verifier, "Released", p.slot).save();
}

export function handleNonceInvalidated(event: NonceInvalidated): void {
  const entry = new NonceInvalidation(eventId(event));
  entry.account = event.params.verifier;
  entry.nonce = event.params.nonce;
  stampEvent(entry, event);
  entry.save();
  // Anyone may void a nonce of their own; only a verifier's count is kept.
  const verifier = Verifier.load(event.params.verifier.toHexString());
  if (verifier != null) {
    verifier.invalidatedNonceCount += 1;
    verifier.updatedAtTimestamp = event.block.timestamp;
    verifier.save();
  }
}
