// Licences: taken under a design's latest terms in a tier, minted as a locked ERC-721 to the licensee (Transfer from
// the zero address, then ERC-5192 Locked), and the ERC-721 approvals a licensee may still give (they move nothing).
import { Address, BigInt, ethereum, log } from "@graphprotocol/graph-ts";
import {
  Approval,
  ApprovalForAll,
  LicenceTaken,
  Locked,
  Transfer,
} from "../../../generated/DesignCommons/DesignCommons";
import { DesignTermsVersion, Licence, LicenceApproval } from "../../../generated/schema";
import { designCommons } from "../../utils/constants.generated";
import { eventId, stampEvent } from "../../utils/events";
import { childId } from "../../utils/ids";
import { getRegistry, loadDesign, loadLicence } from "./entities";

export function handleLicenceTaken(event: LicenceTaken): void {
  const p = event.params;
  const commons = p.tier == designCommons.Tier.Commons;
  const registry = getRegistry(event);
  registry.licenceCount += 1;
  if (commons) registry.commonsLicenceCount += 1;
  else registry.commercialLicenceCount += 1;
  registry.save();
  const design = loadDesign(p.designId);
  design.licenceCount += 1;
  if (commons) design.commonsLicenceCount += 1;
  else design.commercialLicenceCount += 1;
  design.updatedAtTimestamp = event.block.timestamp;
  design.save();

  const termsId = childId(design.id, p.termsVersion.toString());
  const terms = DesignTermsVersion.load(termsId);
  if (terms == null)
    log.critical("DesignCommons: licence {} under unknown terms {}", [p.licenceId.toString(), termsId]);
  const licence = new Licence(p.licenceId.toString());
  licence.licenceId = p.licenceId;
  licence.registry = registry.id;
  licence.design = design.id;
  licence.licensee = p.licensee;
  licence.tier = designCommons.TierNames[p.tier];
  licence.termsVersion = p.termsVersion.toI32();
  licence.terms = termsId;
  licence.currency = terms!.currency;
  licence.takenAt = event.block.timestamp;
  licence.takenAtBlock = event.block.number;
  licence.expiresAt = p.expiresAt;
  licence.paidUntil = event.block.timestamp;
  licence.unitsReported = BigInt.zero();
  licence.feesPaid = BigInt.zero();
  licence.reportCount = 0;
  licence.periodPaymentCount = 0;
  licence.feesOwed = BigInt.zero();
  licence.operatorReportCount = 0;
  licence.owedPaymentCount = 0;
  licence.locked = false;
  licence.transactionHash = event.transaction.hash;
  licence.updatedAtTimestamp = event.block.timestamp;
  licence.save();
}

/** The licence's mint, right after LicenceTaken: licences never move (any other transfer reverts). */
export function handleTransfer(event: Transfer): void {
  const p = event.params;
  if (!p.from.equals(Address.zero()))
    log.critical("DesignCommons: licence {} moved from {}", [p.tokenId.toString(), p.from.toHexString()]);
  const licence = loadLicence(p.tokenId);
  licence.licensee = p.to;
  licence.updatedAtTimestamp = event.block.timestamp;
  licence.save();
}

/** ERC-5192: the licence is bound to its licensee from its mint. */
export function handleLocked(event: Locked): void {
  const licence = loadLicence(event.params.tokenId);
  licence.locked = true;
  licence.updatedAtTimestamp = event.block.timestamp;
  licence.save();
}

function approvalGiven(
  event: ethereum.Event,
  licenceId: string | null,
  owner: Address,
  operator: Address,
  approved: boolean,
): void {
  const row = new LicenceApproval(eventId(event));
  row.licence = licenceId;
  row.owner = owner;
  row.operator = operator;
  row.approved = approved;
  row.forAll = licenceId == null;
  stampEvent(row, event);
  row.save();
}

export function handleApproval(event: Approval): void {
  const p = event.params;
  const licence = loadLicence(p.tokenId);
  approvalGiven(event, licence.id, p.owner, p.approved, !p.approved.equals(Address.zero()));
}

export function handleApprovalForAll(event: ApprovalForAll): void {
  const p = event.params;
  approvalGiven(event, null, p.owner, p.operator, p.approved);
}
