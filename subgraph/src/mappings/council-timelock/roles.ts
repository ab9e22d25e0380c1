// The timelock entity, its roles (proposers, cancellers, executors, admins) and its minimum delay.
import { BigInt, ethereum } from "@graphprotocol/graph-ts";
import { MinDelayChange, RoleGranted, RoleRevoked } from "../../../generated/CouncilTimelock/CouncilTimelock";
import { CouncilTimelock } from "../../../generated/schema";
import { councilTimelock } from "../../utils/constants.generated";
import { numericSetting } from "../../utils/council";
import { AccessRoleChange, recordRoleChange, roleChange, withMember } from "../../utils/roles";

export function getTimelock(event: ethereum.Event): CouncilTimelock {
  const id = event.address.toHexString();
  let timelock = CouncilTimelock.load(id);
  if (timelock == null) {
    timelock = new CouncilTimelock(id);
    timelock.address = event.address;
    timelock.minDelay = BigInt.zero();
    timelock.proposers = [];
    timelock.cancellers = [];
    timelock.executors = [];
    timelock.admins = [];
    timelock.operationCount = 0;
  }
  return timelock;
}

/** Role labels of the timelock's AccessControl roles. */
export const ROLE_IDS: string[] = [
  councilTimelock.DEFAULT_ADMIN_ROLE,
  councilTimelock.PROPOSER_ROLE,
  councilTimelock.CANCELLER_ROLE,
  councilTimelock.EXECUTOR_ROLE,
];
export const ROLE_LABELS: string[] = ["DEFAULT_ADMIN", "PROPOSER", "CANCELLER", "EXECUTOR"];

export function applyRole(event: ethereum.Event, change: AccessRoleChange): void {
  const timelock = getTimelock(event);
  const label = change.label;
  if (label == "DEFAULT_ADMIN") timelock.admins = withMember(timelock.admins, change.account, change.granted);
  else if (label == "PROPOSER") timelock.proposers = withMember(timelock.proposers, change.account, change.granted);
  else if (label == "CANCELLER") timelock.cancellers = withMember(timelock.cancellers, change.account, change.granted);
  else if (label == "EXECUTOR") timelock.executors = withMember(timelock.executors, change.account, change.granted);
  timelock.save();
  recordRoleChange("TimelockRoleChange", "timelock", timelock.id, event, change);
}

export function handleTimelockRoleGranted(event: RoleGranted): void {
  const p = event.params;
  applyRole(event, roleChange(p.role, p.account, p.sender, true, ROLE_IDS, ROLE_LABELS));
}

export function handleTimelockRoleRevoked(event: RoleRevoked): void {
  const p = event.params;
  applyRole(event, roleChange(p.role, p.account, p.sender, false, ROLE_IDS, ROLE_LABELS));
}

export function handleMinDelayChange(event: MinDelayChange): void {
  const timelock = getTimelock(event);
  timelock.minDelay = event.params.newDuration;
  timelock.save();
  numericSetting(event, "MinDelay", event.params.oldDuration, event.params.newDuration);
}
