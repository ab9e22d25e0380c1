// Stewards and admins (AccessControl) and members: admission, suspension, reinstatement, clearing consents.
import { Address, ethereum } from "@graphprotocol/graph-ts";
import {
  ClearingConsentSet,
  MemberAdmitted,
  MemberReinstated,
  MemberSuspended,
  RoleGranted,
  RoleRevoked,
} from "../../../generated/CreditNetwork/CreditNetwork";
import { CreditMember } from "../../../generated/schema";
import { creditNetwork } from "../../utils/constants.generated";
import { AccessRoleChange, recordRoleChange, roleChange, withMember } from "../../utils/roles";
import { getNetwork, getOrCreateMember, recordMemberChange, setStatus } from "./entities";

/** Role labels of the network's AccessControl roles. */
export const ROLE_IDS: string[] = [creditNetwork.DEFAULT_ADMIN_ROLE, creditNetwork.STEWARD_ROLE];
export const ROLE_LABELS: string[] = ["DEFAULT_ADMIN", "STEWARD"];

export function applyRole(event: ethereum.Event, change: AccessRoleChange): void {
  const network = getNetwork(event);
  if (change.label == "DEFAULT_ADMIN") network.admins = withMember(network.admins, change.account, change.granted);
  if (change.label == "STEWARD") network.stewards = withMember(network.stewards, change.account, change.granted);
  network.save();
  recordRoleChange("CreditRoleChange", "network", network.id, event, change);
}

export function handleRoleGranted(event: RoleGranted): void {
  const p = event.params;
  applyRole(event, roleChange(p.role, p.account, p.sender, true, ROLE_IDS, ROLE_LABELS));
}

export function handleRoleRevoked(event: RoleRevoked): void {
  const p = event.params;
  applyRole(event, roleChange(p.role, p.account, p.sender, false, ROLE_IDS, ROLE_LABELS));
}

/** Moves `account` to `status` (a steward's decision of kind `kind`) and records the change; returns the member. */
export function changeMemberStatus(
  event: ethereum.Event,
  account: Address,
  status: string,
  kind: string,
  steward: Address,
): CreditMember {
  const network = getNetwork(event);
  const member = getOrCreateMember(account, event);
  setStatus(network, member, status);
  if (kind == "Admitted") {
    member.admittedBy = steward;
    member.admittedAtTimestamp = event.block.timestamp;
    network.memberCount += 1;
  }
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
  network.save();
  recordMemberChange(event, member, kind, steward);
  return member;
}

export function handleMemberAdmitted(event: MemberAdmitted): void {
  changeMemberStatus(event, event.params.member, "Active", "Admitted", event.params.steward);
}

export function handleMemberSuspended(event: MemberSuspended): void {
  changeMemberStatus(event, event.params.member, "Suspended", "Suspended", event.params.steward);
}

export function handleMemberReinstated(event: MemberReinstated): void {
  changeMemberStatus(event, event.params.member, "Active", "Reinstated", event.params.steward);
}

export function handleClearingConsentSet(event: ClearingConsentSet): void {
  const member = getOrCreateMember(event.params.member, event);
  member.clearingConsent = event.params.clearing;
  member.liquidityConsent = event.params.liquidity;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
  recordMemberChange(event, member, "ConsentSet", event.params.member);
}
