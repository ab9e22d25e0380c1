// Sponsored operations: one GasSponsorship per GasSponsored, added to its member's spending in the period and to the
// period's and the paymaster's totals.
import { BigInt } from "@graphprotocol/graph-ts";
import { GasSponsored } from "../../../generated/MembersPaymaster/MembersPaymaster";
import { GasPeriod, GasSponsorship, GasSpending } from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { childId } from "../../utils/ids";
import { getPaymaster } from "./entities";

export function handleGasSponsored(event: GasSponsored): void {
  const p = event.params;
  const paymaster = getPaymaster(event);
  paymaster.sponsoredCount += 1;
  paymaster.totalSpent = paymaster.totalSpent.plus(p.cost);
  paymaster.save();

  const periodId = p.period.toString();
  let period = GasPeriod.load(periodId);
  if (period == null) {
    period = new GasPeriod(periodId);
    period.paymaster = paymaster.id;
    period.period = p.period;
    period.spent = BigInt.zero();
    period.count = 0;
    period.memberCount = 0;
  }
  const spendingId = childId(periodId, p.member.toHexString());
  let spending = GasSpending.load(spendingId);
  if (spending == null) {
    spending = new GasSpending(spendingId);
    spending.paymaster = paymaster.id;
    spending.member = p.member;
    spending.period = p.period;
    spending.gasPeriod = periodId;
    spending.spent = BigInt.zero();
    spending.count = 0;
    period.memberCount += 1;
  }
  spending.spent = spending.spent.plus(p.cost);
  spending.count += 1;
  spending.updatedAtTimestamp = event.block.timestamp;
  spending.save();
  period.spent = period.spent.plus(p.cost);
  period.count += 1;
  period.updatedAtTimestamp = event.block.timestamp;
  period.save();

  const sponsorship = new GasSponsorship(eventId(event));
  sponsorship.paymaster = paymaster.id;
  sponsorship.member = p.member;
  sponsorship.period = p.period;
  sponsorship.cost = p.cost;
  sponsorship.spending = spendingId;
  stampEvent(sponsorship, event);
  sponsorship.save();
}
