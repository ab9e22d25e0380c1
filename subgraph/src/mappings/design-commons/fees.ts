// Fees and where they went: production reports, period payments and payments of fees owed for report operators'
// reports (the fee, in the licence's terms' currency; operators' reports and approvals too), the
// shares that split each fee in the same call (ancestors' shares, held; the project's, deposited or held), and the
// releases of held amounts into the ledger. Keeps the books per currency, per design (and each ancestor's share of
// it) and per project (held balances and licence income) (DC-1).
import { BigInt, Bytes, Entity, ethereum } from "@graphprotocol/graph-ts";
import {
  AncestorShareCredited,
  HeldReleased,
  OwedFeesPaid,
  PeriodsPaid,
  ProductionReported,
  ProductionReportedByOperator,
  ProjectShareCredited,
  ReportOperatorSet,
} from "../../../generated/DesignCommons/DesignCommons";
import {
  FeeShare,
  HeldRelease,
  Licence,
  OperatorProductionReport,
  OwedFeesPayment,
  PeriodPayment,
  ProductionReport,
  ReportOperatorApproval,
} from "../../../generated/schema";
import { childId } from "../../utils/ids";
import { eventId, stampEvent } from "../../utils/events";
import {
  getAncestorShareTotal,
  getCurrencyTotal,
  getDesignFeeTotal,
  getHeldBalance,
  getLicenceIncome,
  getRegistry,
  loadDesign,
  loadLicence,
} from "./entities";

/** What a fee paid under a licence pays for. */
enum Paid {
  Report,
  Periods,
  Owed,
}

/**
 * A fee of `fee` paid under `licence` (its row `payment` filled and saved here) for `what`: the registry remembers the
 * payment for the shares that follow in the same call, and the books of the currency and the design count the fee.
 */
function feePaid(event: ethereum.Event, licence: Licence, fee: BigInt, payment: Entity, what: Paid): void {
  const id = eventId(event);
  payment.setString("licence", licence.id);
  payment.setString("design", licence.design);
  payment.setBytes("licensee", licence.licensee);
  payment.setBigInt("fee", fee);
  payment.setBytes("currency", licence.currency);
  stampEvent(payment, event);

  licence.feesPaid = licence.feesPaid.plus(fee);
  licence.updatedAtTimestamp = event.block.timestamp;
  const registry = getRegistry(event);
  if (what == Paid.Report) registry.reportCount += 1;
  else if (what == Paid.Periods) registry.periodPaymentCount += 1;
  else registry.owedPaymentCount += 1;
  registry.lastPayment = id;
  registry.lastPaymentLicence = licence.id;
  registry.save();
  if (fee.isZero()) return; // a commons licence's report
  const total = getCurrencyTotal(event, licence.currency);
  total.feesPaid = total.feesPaid.plus(fee);
  total.save();
  const fees = getDesignFeeTotal(event, BigInt.fromString(licence.design), licence.currency);
  fees.feesPaid = fees.feesPaid.plus(fee);
  fees.save();
}

export function handleProductionReported(event: ProductionReported): void {
  const p = event.params;
  const licence = loadLicence(p.licenceId);
  licence.unitsReported = licence.unitsReported.plus(p.units);
  licence.reportCount += 1;
  const report = new ProductionReport(eventId(event));
  report.units = p.units;
  feePaid(event, licence, p.fee, report, Paid.Report);
  report.save();
  licence.save();

  const design = loadDesign(p.designId);
  design.unitsReported = design.unitsReported.plus(p.units);
  design.reportCount += 1;
  design.updatedAtTimestamp = event.block.timestamp;
  design.save();
}

export function handlePeriodsPaid(event: PeriodsPaid): void {
  const p = event.params;
  const licence = loadLicence(p.licenceId);
  licence.paidUntil = p.paidUntil;
  licence.periodPaymentCount += 1;
  const payment = new PeriodPayment(eventId(event));
  payment.periods = p.periods;
  payment.paidUntil = p.paidUntil;
  feePaid(event, licence, p.fee, payment, Paid.Periods);
  payment.save();
  licence.save();

  const design = loadDesign(p.designId);
  design.periodPaymentCount += 1;
  design.updatedAtTimestamp = event.block.timestamp;
  design.save();
}

/** A licensee approved or withdrew a report operator: the pair's current approval. */
export function handleReportOperatorSet(event: ReportOperatorSet): void {
  const p = event.params;
  const id = childId(p.licensee.toHexString(), p.operator.toHexString());
  let approval = ReportOperatorApproval.load(id);
  if (approval == null) {
    approval = new ReportOperatorApproval(id);
    approval.licensee = p.licensee;
    approval.operator = p.operator;
    approval.changeCount = 0;
  }
  approval.approved = p.approved;
  approval.changeCount += 1;
  approval.updatedAtBlock = event.block.number;
  approval.updatedAtTimestamp = event.block.timestamp;
  approval.save();
}

/** A report operator's report (DC-6): the units counted on the licence and the design, the fee owed, nothing paid. */
export function handleProductionReportedByOperator(event: ProductionReportedByOperator): void {
  const p = event.params;
  const licence = loadLicence(p.licenceId);
  licence.unitsReported = licence.unitsReported.plus(p.units);
  licence.feesOwed = p.owed;
  licence.operatorReportCount += 1;
  licence.updatedAtTimestamp = event.block.timestamp;
  licence.save();
  const report = new OperatorProductionReport(eventId(event));
  report.licence = licence.id;
  report.design = licence.design;
  report.licensee = licence.licensee;
  report.operator = p.operator;
  report.ref = p.ref;
  report.units = p.units;
  report.fee = p.fee;
  report.owed = p.owed;
  report.currency = licence.currency;
  stampEvent(report, event);
  report.save();

  const design = loadDesign(p.designId);
  design.unitsReported = design.unitsReported.plus(p.units);
  design.updatedAtTimestamp = event.block.timestamp;
  design.save();
  const registry = getRegistry(event);
  registry.operatorReportCount += 1;
  registry.save();
}

/** A licensee paid fees its operators' reports made it owe: a fee like any other, split by the events that follow. */
export function handleOwedFeesPaid(event: OwedFeesPaid): void {
  const p = event.params;
  const licence = loadLicence(p.licenceId);
  licence.feesOwed = p.owed;
  licence.owedPaymentCount += 1;
  const payment = new OwedFeesPayment(eventId(event));
  payment.owed = p.owed;
  feePaid(event, licence, p.fee, payment, Paid.Owed);
  payment.save();
  licence.save();
}

/**
 * `amount` of `currency` of the latest fee of design `designId` credited to project `projectId`: to ancestor
 * `ancestorId`'s project (`toAncestor`, held), or to the design's own (deposited, or `held`).
 */
function shareCredited(
  event: ethereum.Event,
  designId: BigInt,
  toAncestor: boolean,
  ancestorId: BigInt,
  projectId: BigInt,
  currency: Bytes,
  amount: BigInt,
  held: boolean,
): void {
  const registry = getRegistry(event);
  const share = new FeeShare(eventId(event));
  share.design = designId.toString();
  share.licence = registry.lastPaymentLicence!;
  share.payment = registry.lastPayment!;
  share.kind = toAncestor ? "Ancestor" : "Project";
  if (toAncestor) share.ancestor = ancestorId.toString();
  share.project = projectId.toString();
  share.projectId = projectId;
  share.currency = currency;
  share.amount = amount;
  share.held = held;
  stampEvent(share, event);
  share.save();

  const total = getCurrencyTotal(event, currency);
  const fees = getDesignFeeTotal(event, designId, currency);
  const income = getLicenceIncome(event, projectId, currency);
  if (toAncestor) {
    total.ancestorShares = total.ancestorShares.plus(amount);
    fees.ancestorShares = fees.ancestorShares.plus(amount);
    const ancestorFees = getDesignFeeTotal(event, ancestorId, currency);
    ancestorFees.fromDerivatives = ancestorFees.fromDerivatives.plus(amount);
    ancestorFees.save();
    const byAncestor = getAncestorShareTotal(event, designId, ancestorId, projectId, currency);
    byAncestor.amount = byAncestor.amount.plus(amount);
    byAncestor.save();
    income.fromDerivatives = income.fromDerivatives.plus(amount);
  } else {
    total.projectShares = total.projectShares.plus(amount);
    fees.projectShares = fees.projectShares.plus(amount);
    income.fromOwnDesigns = income.fromOwnDesigns.plus(amount);
    if (!held) {
      total.deposited = total.deposited.plus(amount);
      income.deposited = income.deposited.plus(amount);
    }
  }
  if (held) income.held = income.held.plus(amount);
  income.save();
  fees.save();
  if (held) {
    total.held = total.held.plus(amount);
    const balance = getHeldBalance(event, projectId, currency);
    balance.held = balance.held.plus(amount);
    balance.heldTotal = balance.heldTotal.plus(amount);
    balance.save();
  }
  total.save();
}

export function handleAncestorShareCredited(event: AncestorShareCredited): void {
  const p = event.params;
  shareCredited(event, p.designId, true, p.ancestorId, p.projectId, p.currency, p.amount, true);
}

export function handleProjectShareCredited(event: ProjectShareCredited): void {
  const p = event.params;
  shareCredited(event, p.designId, false, BigInt.zero(), p.projectId, p.currency, p.amount, p.held);
}

export function handleHeldReleased(event: HeldReleased): void {
  const p = event.params;
  const balance = getHeldBalance(event, p.projectId, p.currency);
  balance.held = balance.held.minus(p.amount);
  balance.released = balance.released.plus(p.amount);
  balance.save();
  const total = getCurrencyTotal(event, p.currency);
  total.held = total.held.minus(p.amount);
  total.released = total.released.plus(p.amount);
  total.deposited = total.deposited.plus(p.amount);
  total.save();
  const income = getLicenceIncome(event, p.projectId, p.currency);
  income.held = income.held.minus(p.amount);
  income.deposited = income.deposited.plus(p.amount);
  income.save();

  const release = new HeldRelease(eventId(event));
  release.balance = balance.id;
  release.projectId = p.projectId;
  release.currency = p.currency;
  release.amount = p.amount;
  release.by = p.by;
  stampEvent(release, event);
  release.save();
}
