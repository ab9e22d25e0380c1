// AccessControl in the mappings: role labels from the generated role ids, the members list of a role after a grant
// or a revoke, and the immutable record of each RoleGranted / RoleRevoked.
import { Address, Bytes, Entity, ethereum, store } from "@graphprotocol/graph-ts";
import { eventId, stampEvent } from "./events";

/** The label of `role` (the label at the position of its id in `ids`, lower-case hex), or its hex if it has none. */
export function roleLabel(role: Bytes, ids: string[], labels: string[]): string {
  const hex = role.toHexString();
  for (let i = 0; i < ids.length; i++) if (ids[i] == hex) return labels[i];
  return hex;
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
 * Saves one RoleGranted / RoleRevoked as an `entityType` event-log entity (fields role, roleName, account, sender,
 * granted) whose `parentField` is `parentId`.
 */
export function recordRoleChange(
  entityType: string,
  parentField: string,
  parentId: string,
  event: ethereum.Event,
  role: Bytes,
  label: string,
  account: Address,
  sender: Address,
  granted: boolean,
): void {
  const id = eventId(event);
  const change = new Entity();
  change.setBytes("id", id);
  change.setString(parentField, parentId);
  change.setBytes("role", role);
  change.setString("roleName", label);
  change.setBytes("account", account);
  change.setBytes("sender", sender);
  change.setBoolean("granted", granted);
  stampEvent(change, event);
  store.set(entityType, id.toHexString(), change);
}
