// The design commons' entities as the handlers load and create them: the registry (created at its first event, the
// constructor's OwnershipTransferred), the books per currency, per design and currency, per design, ancestor and
// currency, and per project and currency (held balances, licence income), and the designs and licences events name.
import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  AncestorShareTotal,
  CommonsCurrencyTotal,
  CommonsRegistry,
  Design,
  DesignFeeTotal,
  HeldBalance,
  Licence,
  ProjectLicenceIncome,
} from "../../../generated/schema";
import { childId } from "../../utils/ids";

export function getRegistry(event: ethereum.Event): CommonsRegistry {
  const id = event.address.toHexString();
  let registry = CommonsRegistry.load(id);
  if (registry == null) {
    registry = new CommonsRegistry(id);
    registry.address = event.address;
    registry.owner = Address.zero();
    registry.designCount = 0;
    registry.derivativeCount = 0;
    registry.licenceCount = 0;
    registry.commonsLicenceCount = 0;
    registry.commercialLicenceCount = 0;
    registry.accreditedCount = 0;
    registry.reportCount = 0;
    registry.periodPaymentCount = 0;
    registry.operatorReportCount = 0;
    registry.owedPaymentCount = 0;
    registry.createdAtBlock = event.block.number;
    registry.createdAtTimestamp = event.block.timestamp;
  }
  registry.updatedAtTimestamp = event.block.timestamp;
  return registry;
}

/** The books of `currency` (saved by the caller). */
export function getCurrencyTotal(event: ethereum.Event, currency: Bytes): CommonsCurrencyTotal {
  const id = currency.toHexString();
  let total = CommonsCurrencyTotal.load(id);
  if (total == null) {
    total = new CommonsCurrencyTotal(id);
    total.registry = event.address.toHexString();
    total.currency = currency;
    total.feesPaid = BigInt.zero();
    total.ancestorShares = BigInt.zero();
    total.projectShares = BigInt.zero();
    total.held = BigInt.zero();
    total.released = BigInt.zero();
    total.deposited = BigInt.zero();
  }
  total.updatedAtTimestamp = event.block.timestamp;
  return total;
}

/** Design `designId`'s fees in `currency` (saved by the caller). */
export function getDesignFeeTotal(event: ethereum.Event, designId: BigInt, currency: Bytes): DesignFeeTotal {
  const id = childId(designId.toString(), currency.toHexString());
  let fees = DesignFeeTotal.load(id);
  if (fees == null) {
    fees = new DesignFeeTotal(id);
    fees.design = designId.toString();
    fees.currency = currency;
    fees.feesPaid = BigInt.zero();
    fees.ancestorShares = BigInt.zero();
    fees.projectShares = BigInt.zero();
    fees.fromDerivatives = BigInt.zero();
  }
  fees.updatedAtTimestamp = event.block.timestamp;
  return fees;
}

/** What is held for project `projectId` in `currency` (saved by the caller). */
export function getHeldBalance(event: ethereum.Event, projectId: BigInt, currency: Bytes): HeldBalance {
  const id = childId(projectId.toString(), currency.toHexString());
  let balance = HeldBalance.load(id);
  if (balance == null) {
    balance = new HeldBalance(id);
    balance.project = projectId.toString();
    balance.projectId = projectId;
    balance.currency = currency;
    balance.held = BigInt.zero();
    balance.heldTotal = BigInt.zero();
    balance.released = BigInt.zero();
  }
  balance.updatedAtTimestamp = event.block.timestamp;
  return balance;
}

/** What ancestor `ancestorId` (of project `projectId`) received of design `designId`'s fees in `currency`. */
export function getAncestorShareTotal(
  event: ethereum.Event,
  designId: BigInt,
  ancestorId: BigInt,
  projectId: BigInt,
  currency: Bytes,
): AncestorShareTotal {
  const id = childId(childId(designId.toString(), ancestorId.toString()), currency.toHexString());
  let total = AncestorShareTotal.load(id);
  if (total == null) {
    total = new AncestorShareTotal(id);
    total.design = designId.toString();
    total.ancestor = ancestorId.toString();
    total.ancestorProjectId = projectId;
    total.currency = currency;
    total.amount = BigInt.zero();
  }
  total.updatedAtTimestamp = event.block.timestamp;
  return total;
}

/** Project `projectId`'s licence income in `currency` (saved by the caller). */
export function getLicenceIncome(event: ethereum.Event, projectId: BigInt, currency: Bytes): ProjectLicenceIncome {
  const id = childId(projectId.toString(), currency.toHexString());
  let income = ProjectLicenceIncome.load(id);
  if (income == null) {
    income = new ProjectLicenceIncome(id);
    income.project = projectId.toString();
    income.projectId = projectId;
    income.currency = currency;
    income.fromOwnDesigns = BigInt.zero();
    income.fromDerivatives = BigInt.zero();
    income.deposited = BigInt.zero();
    income.held = BigInt.zero();
  }
  income.updatedAtTimestamp = event.block.timestamp;
  return income;
}

export function loadDesign(designId: BigInt): Design {
  const design = Design.load(designId.toString());
  if (design == null) log.critical("DesignCommons: event for unknown design {}", [designId.toString()]);
  return design!;
}

export function loadLicence(licenceId: BigInt): Licence {
  const licence = Licence.load(licenceId.toString());
  if (licence == null) log.critical("DesignCommons: event for unknown licence {}", [licenceId.toString()]);
  return licence!;
}
