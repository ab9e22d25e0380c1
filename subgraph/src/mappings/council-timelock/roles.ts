// The timelock entity, its roles (proposers, cancellers, executors, admins) and its minimum delay.
import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import { MinDelayChange, RoleGranted, RoleRevoked } from "../../../generated/CouncilTimelock/CouncilTimelock";
import { CouncilTimelock } from "../../../generated/schema";
import { councilTimelock } from "../../utils/constants.generated";
import { numericSetting } from "../../utils/council";
import { recordRoleChange, roleLabel, withMember } from "../../utils/roles";

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

export function changeRole(
  event: ethereum.Event,
  role: Bytes,
  account: Address,
  sender: Address,
  granted: boolean,
): void {
  const timelock = getTimelock(event);
  const name = roleLabel(role, ROLE_IDS, ROLE_LABELS);
  if (name == "DEFAULT_ADMIN") timelock.admins = withMember(timelock.admins, account, granted);
  else if (name == "PROPOSER") timelock.proposers = withMember(timelock.proposers, account, granted);
  else if (name == "CANCELLER") timelock.cancellers = withMember(timelock.cancellers, account, granted);
  else if (name == "EXECUTOR") timelock.executors = withMember(timelock.executors, account, granted);
  timelock.save();
  recordRoleChange("TimelockRoleChange", "timelock", timelock.id, event, role, name, account, sender, granted);
}

export function handleTimelockRoleGranted(event: RoleGranted): void {
  changeRole(event, event.params.role, event.params.account, event.params.sender, true);
}

export function handleTimelockRoleRevoked(event: RoleRevoked): void {
  changeRole(event, event.params.role, event.params.account, event.params.sender, false);
}

export function handleMinDelayChange(event: MinDelayChange): void {
  const timelock = getTimelock(event);
  timelock.minDelay = event.params.newDuration;
  timelock.save();
  numericSetting(event, "MinDelay", event.params.oldDuration, event.params.newDuration);
}
