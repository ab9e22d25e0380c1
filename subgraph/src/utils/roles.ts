// AccessControl in the mappings: role labels from the generated role ids, the members list of a role after a grant
// or a revoke, and the immutable record of each RoleGranted / RoleRevoked.
import { Address, Bytes, Entity, ethereum, store } from "@graphprotocol/graph-ts";
import { eventId, stampEvent } from "./events";

/** One RoleGranted (granted) or RoleRevoked, with the label of its role. */
export class AccessRoleChange {
  role: Bytes;
  label: string;
  account: Address;
  sender: Address;
  granted: boolean;

  constructor(role: Bytes, label: string, account: Address, sender: Address, granted: boolean) {
    this.role = role;
    this.label = label;
    this.account = account;
    this.sender = sender;
    this.granted = granted;
  }
}

/**
 * A role change whose label is the one at the position of the role's id in `ids` (lower-case hex), or the role's hex
 * if it has none.
 */
export function roleChange(
  role: Bytes,
  account: Address,
  sender: Address,
  granted: boolean,
  ids: string[],
  labels: string[],
): AccessRoleChange {
  const hex = role.toHexString();
  let label = hex;
  for (let i = 0; i < ids.length; i++) if (ids[i] == hex) label = labels[i];
  return new AccessRoleChange(role, label, account, sender, granted);
}

/** `list` with `account` in it once (appended if new) when `present`, else without it. */
export function withMember(list: Bytes[], account: Bytes, present: boolean): Bytes[] {
  const out = new Array<Bytes>(0);
  let found = false;
  for (let i = 0; i < list.length; i++) {
    if (!list[i].equals(account)) out.push(list[i]);
    else if (present && !found) {
      out.push(list[i]);
      found = true;
    }
  }
  if (present && !found) out.push(account);
  return out;
}

/**
 * Saves a role change as an `entityType` event-log entity (fields role, roleName, account, sender, granted) whose
 * `parentField` is `parentId`.
 */
export function recordRoleChange(
  entityType: string,
  parentField: string,
  parentId: string,
  event: ethereum.Event,
  change: AccessRoleChange,
): void {
  const id = eventId(event);
  const entity = new Entity();
  entity.setBytes("id", id);
  entity.setString(parentField, parentId);
  entity.setBytes("role", change.role);
  entity.setString("roleName", change.label);
  entity.setBytes("account", change.account);
  entity.setBytes("sender", change.sender);
  entity.setBoolean("granted", change.granted);
  stampEvent(entity, event);
  store.set(entityType, id.toHexString(), entity);
}
