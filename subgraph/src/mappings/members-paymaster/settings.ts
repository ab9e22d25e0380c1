// The owner's settings: allowed call targets, the default budget, the coordinators' cap, and the two-step ownership.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  CallTargetAllowed,
  CallTargetRemoved,
  CoordinatorBudgetCapSet,
  DefaultBudgetSet,
  OwnershipTransferStarted,
  OwnershipTransferred,
} from "../../../generated/MembersPaymaster/MembersPaymaster";
import {
  GasCallTarget,
  GasCallTargetChange,
  PaymasterOwnershipChange,
  PaymasterSettingChange,
} from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { applyOwnershipStep } from "../../utils/ownable";
import { getPaymaster } from "./entities";

function callTargetChanged(event: ethereum.Event, target: Address, allowed: boolean): void {
  const paymaster = getPaymaster(event);
  const id = target.toHexString();
  let callTarget = GasCallTarget.load(id);
  if (callTarget == null) {
    callTarget = new GasCallTarget(id);
    callTarget.paymaster = paymaster.id;
    callTarget.target = target;
    callTarget.allowed = false;
  }
  if (allowed && !callTarget.allowed) paymaster.allowedTargetCount += 1;
  if (!allowed && callTarget.allowed) paymaster.allowedTargetCount -= 1;
  paymaster.save();
  callTarget.allowed = allowed;
  callTarget.updatedAtBlock = event.block.number;
  callTarget.updatedAtTimestamp = event.block.timestamp;
  callTarget.save();

  const change = new GasCallTargetChange(eventId(event));
  change.paymaster = paymaster.id;
  change.callTarget = id;
  change.target = target;
  change.allowed = allowed;
  stampEvent(change, event);
  change.save();
}

export function handleCallTargetAllowed(event: CallTargetAllowed): void {
  callTargetChanged(event, event.params.target, true);
}

export function handleCallTargetRemoved(event: CallTargetRemoved): void {
  callTargetChanged(event, event.params.target, false);
}

function settingChanged(event: ethereum.Event, setting: string, oldValue: BigInt, newValue: BigInt): void {
  const change = new PaymasterSettingChange(eventId(event));
  change.paymaster = event.address.toHexString();
  change.setting = setting;
  change.oldValue = oldValue;
  change.newValue = newValue;
  stampEvent(change, event);
  change.save();
}

export function handleDefaultBudgetSet(event: DefaultBudgetSet): void {
  const paymaster = getPaymaster(event);
  const old = paymaster.defaultBudget;
  paymaster.defaultBudget = event.params.amount;
  paymaster.save();
  settingChanged(event, "DefaultBudget", old, event.params.amount);
}

export function handleCoordinatorBudgetCapSet(event: CoordinatorBudgetCapSet): void {
  const paymaster = getPaymaster(event);
  const old = paymaster.coordinatorBudgetCap;
  paymaster.coordinatorBudgetCap = event.params.cap;
  paymaster.save();
  settingChanged(event, "CoordinatorBudgetCap", old, event.params.cap);
}

function ownershipStep(event: ethereum.Event, offer: boolean): void {
  const paymaster = getPaymaster(event);
  const change = new PaymasterOwnershipChange(eventId(event));
  change.paymaster = paymaster.id;
  applyOwnershipStep(paymaster, change, event, offer);
  paymaster.save();
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
