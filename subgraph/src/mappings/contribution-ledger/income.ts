// Project income: deposits per token, members' claims and what each member claimed per token.
import { IncomeClaimed, IncomeDeposited } from "../../../generated/ContributionLedger/ContributionLedger";
import { IncomeClaim, IncomeDeposit, IncomeTotal } from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { getOrCreateMember, getOrCreateMemberIncome, incomeKey, loadProject } from "./entities";

export function handleIncomeDeposited(event: IncomeDeposited): void {
  const projectId = event.params.projectId;
  const total = IncomeTotal.load(incomeKey(projectId, event.params.token))!;
  total.received = total.received.plus(event.params.amount);
  total.accIncomePerPoint = event.params.accIncomePerPoint;
  total.depositCount += 1;
  total.save();
  const project = loadProject(projectId);
  project.depositCount += 1;
  project.save();

  const deposit = new IncomeDeposit(eventId(event));
  deposit.project = project.id;
  deposit.incomeTotal = total.id;
  deposit.token = event.params.token;
  deposit.from = event.params.from;
  deposit.amount = event.params.amount;
  deposit.accIncomePerPoint = event.params.accIncomePerPoint;
  deposit.totalPoints = event.params.totalPoints;
  stampEvent(deposit, event);
  deposit.save();
}

export function handleIncomeClaimed(event: IncomeClaimed): void {
  const projectId = event.params.projectId;
  const total = IncomeTotal.load(incomeKey(projectId, event.params.token))!;
  total.claimed = total.claimed.plus(event.params.amount);
  total.claimCount += 1;
  total.save();
  const project = loadProject(projectId);
  project.claimCount += 1;
  project.save();
  const member = getOrCreateMember(projectId, event.params.member, event);
  member.save();
  // The ledger sets the debt to what the member had earned, i.e. adds the amount claimed.
  const income = getOrCreateMemberIncome(projectId, member, event.params.token);
  income.claimed = income.claimed.plus(event.params.amount);
  income.debt = income.debt.plus(event.params.amount);
  income.save();

  const claim = new IncomeClaim(eventId(event));
  claim.project = project.id;
  claim.incomeTotal = total.id;
  claim.token = event.params.token;
  claim.member = member.id;
  claim.account = event.params.member;
  claim.amount = event.params.amount;
  stampEvent(claim, event);
  claim.save();
}
