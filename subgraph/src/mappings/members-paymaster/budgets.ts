// Members' own budgets: set (any amount by the owner, up to the cap by a coordinator) or cleared, each change kept.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import { MemberBudgetCleared, MemberBudgetSet } from "../../../generated/MembersPaymaster/MembersPaymaster";
import { GasBudget, GasBudgetChange } from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { getPaymaster } from "./entities";

/** Records `member`'s budget set to `amount` by `by`, or cleared (`own` false, `amount` 0). */
function budgetChanged(event: ethereum.Event, member: Address, own: boolean, amount: BigInt, by: Address): void {
  const paymaster = getPaymaster(event);
  const id = member.toHexString();
  let budget = GasBudget.load(id);
  if (budget == null) {
    budget = new GasBudget(id);
    budget.paymaster = paymaster.id;
    budget.member = member;
    budget.own = false;
  }
  if (own && !budget.own) paymaster.ownBudgetCount += 1;
  if (!own && budget.own) paymaster.ownBudgetCount -= 1;
  paymaster.save();
  budget.own = own;
  budget.amount = amount;
  budget.setBy = by;
  budget.updatedAtBlock = event.block.number;
  budget.updatedAtTimestamp = event.block.timestamp;
  budget.save();

  const change = new GasBudgetChange(eventId(event));
  change.paymaster = paymaster.id;
  change.budget = id;
  change.member = member;
  change.cleared = !own;
  if (own) change.amount = amount;
  change.by = by;
  stampEvent(change, event);
  change.save();
}

export function handleMemberBudgetSet(event: MemberBudgetSet): void {
  budgetChanged(event, event.params.member, true, event.params.amount, event.params.by);
}

export function handleMemberBudgetCleared(event: MemberBudgetCleared): void {
  budgetChanged(event, event.params.member, false, BigInt.zero(), event.params.by);
}
