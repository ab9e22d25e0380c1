// Methodologies and claims: submission, approvals (signed or not), rejections, verification.
import { BigInt, log } from "@graphprotocol/graph-ts";
import {
  ClaimAttested,
  ClaimRejected,
  ClaimRejectionRecorded,
  ClaimSubmitted,
  ClaimVerified,
  MethodologySet,
} from "../../../generated/ImpactRegistry/ImpactRegistry";
import { Attestation, Claim, Methodology, MethodologyChange } from "../../../generated/schema";
import { loadClaim, refreshUnitsForSale, REJECTED, SUBMITTED, touch, VERIFIED } from "../../utils/claims";
import { eventId, stampEvent } from "../../utils/events";
import { numberAccountId } from "../../utils/ids";
import { minBig, SECONDS_PER_DAY } from "../../utils/math";
import { addVoter, getRegistry, getVerifier, jurisdictionText, loadMethodology, setStatus } from "./entities";

export function handleMethodologySet(event: MethodologySet): void {
  const p = event.params;
  const id = p.methodologyId.toString();
  let methodology = Methodology.load(id);
  const change = new MethodologyChange(eventId(event));
  change.methodology = id;
  change.threshold = p.threshold;
  change.active = p.active;
  change.name = p.name;
  if (methodology == null) {
    methodology = new Methodology(id);
    methodology.methodologyId = p.methodologyId;
    methodology.claimCount = 0;
    methodology.claimedUnits = BigInt.zero();
    methodology.verifiedUnits = BigInt.zero();
    methodology.retiredUnits = BigInt.zero();
    methodology.revokedUnits = BigInt.zero();
    methodology.createdAtTimestamp = event.block.timestamp;
  } else {
    change.previousThreshold = methodology.threshold;
    change.previousActive = methodology.active;
    change.previousName = methodology.name;
  }
  change.executedBy = event.transaction.from;
  stampEvent(change, event);
  change.save();
  methodology.threshold = p.threshold;
  methodology.active = p.active;
  methodology.name = p.name;
  methodology.updatedAtTimestamp = event.block.timestamp;
  methodology.save();
}

export function handleClaimSubmitted(event: ClaimSubmitted): void {
  const p = event.params;
  const registry = getRegistry(event);
  const methodologyId = p.methodologyId.toString();
  const methodology = Methodology.load(methodologyId);
  if (methodology == null) {
    log.critical("Impact: claim {} of unknown methodology {}", [p.claimId.toString(), methodologyId]);
    return;
  }
  const claim = new Claim(p.claimId.toString());
  claim.claimId = p.claimId;
  claim.registry = registry.id;
  claim.claimant = p.claimant;
  claim.methodology = methodology.id;
  claim.methodologyId = p.methodologyId;
  claim.status = "";
  setStatus(registry, claim, SUBMITTED);
  // The contract copies k from the methodology at submission.
  claim.threshold = methodology.threshold;
  claim.approvals = 0;
  claim.rejections = 0;
  claim.voters = [];
  claim.claimedUnits = p.units;
  claim.verifiedUnits = BigInt.zero();
  claim.mintedUnits = BigInt.zero();
  claim.retiredUnits = BigInt.zero();
  claim.revokedUnits = BigInt.zero();
  claim.frozenUnits = BigInt.zero();
  claim.outstandingUnits = BigInt.zero();
  claim.sellableUnits = BigInt.zero();
  claim.unitsForSale = BigInt.zero();
  claim.holderCount = 0;
  claim.startDay = p.startDay;
  claim.endDay = p.endDay;
  claim.periodDays = p.endDay - p.startDay + 1;
  claim.periodStart = BigInt.fromI32(p.startDay).times(BigInt.fromI32(SECONDS_PER_DAY));
  claim.periodEnd = BigInt.fromI32(p.endDay + 1).times(BigInt.fromI32(SECONDS_PER_DAY));
  const jurisdiction = jurisdictionText(p.jurisdiction);
  claim.jurisdiction = jurisdiction;
  claim.jurisdictionCountry = jurisdiction.split("-")[0];
  claim.jurisdictionCode = p.jurisdiction;
  claim.evidenceHash = p.evidenceHash;
  claim.evidenceURI = p.evidenceURI;
  if (p.externalSerial.length > 0) claim.externalSerial = p.externalSerial;
  claim.certificateCount = 0;
  claim.revocationCount = 0;
  claim.openRevocationVoteCount = 0;
  claim.openRevocationUnits = BigInt.zero();
  claim.openRevocationVotes = [];
  claim.refreezeCount = 0;
  claim.submittedAt = event.block.timestamp;
  claim.submittedAtBlock = event.block.number;
  claim.submittedTransaction = event.transaction.hash;
  touch(claim, event);

  registry.claimCount += 1;
  registry.claimedUnits = registry.claimedUnits.plus(p.units);
  registry.save();
  methodology.claimCount += 1;
  methodology.claimedUnits = methodology.claimedUnits.plus(p.units);
  methodology.updatedAtTimestamp = event.block.timestamp;
  methodology.save();
}

export function handleClaimAttested(event: ClaimAttested): void {
  const p = event.params;
  const claim = loadClaim(p.claimId);
  // The verified amount while Submitted is the running minimum of the approvals (as the contract keeps it).
  claim.verifiedUnits = p.approvals == 1 ? p.verifiedUnits : minBig(claim.verifiedUnits, p.verifiedUnits);
  claim.approvals = p.approvals;
  addVoter(claim, p.verifier);
  refreshUnitsForSale(claim);
  touch(claim, event);

  const verifier = getVerifier(p.verifier, event);
  verifier.approvalCount += 1;
  if (p.bySignature) verifier.signedApprovalCount += 1;
  verifier.approvedUnits = verifier.approvedUnits.plus(p.verifiedUnits);
  verifier.updatedAtTimestamp = event.block.timestamp;
  verifier.save();

  const attestation = new Attestation(numberAccountId(p.claimId, p.verifier));
  attestation.claim = claim.id;
  attestation.verifier = verifier.id;
  attestation.kind = "Approval";
  attestation.verifiedUnits = p.verifiedUnits;
  attestation.reportHash = p.reportHash;
  attestation.bySignature = p.bySignature;
  attestation.submittedBy = event.transaction.from;
  attestation.count = p.approvals;
  attestation.decisive = p.approvals == claim.threshold;
  stampEvent(attestation, event);
  attestation.save();
}

export function handleClaimRejectionRecorded(event: ClaimRejectionRecorded): void {
  const p = event.params;
  const claim = loadClaim(p.claimId);
  claim.rejections = p.rejections;
  addVoter(claim, p.verifier);
  touch(claim, event);

  const verifier = getVerifier(p.verifier, event);
  verifier.rejectionCount += 1;
  verifier.updatedAtTimestamp = event.block.timestamp;
  verifier.save();

  const attestation = new Attestation(numberAccountId(p.claimId, p.verifier));
  attestation.claim = claim.id;
  attestation.verifier = verifier.id;
  attestation.kind = "Rejection";
  attestation.reasonHash = p.reasonHash;
  attestation.bySignature = false;
  attestation.submittedBy = event.transaction.from;
  attestation.count = p.rejections;
  attestation.decisive = p.rejections == claim.threshold;
  stampEvent(attestation, event);
  attestation.save();
}

export function handleClaimVerified(event: ClaimVerified): void {
  const p = event.params;
  const registry = getRegistry(event);
  const claim = loadClaim(p.claimId);
  if (!claim.verifiedUnits.equals(p.units)) {
    log.warning("Impact: claim {} verified at {}, its approvals give {}", [
      claim.id,
      p.units.toString(),
      claim.verifiedUnits.toString(),
    ]);
  }
  claim.verifiedUnits = p.units;
  refreshUnitsForSale(claim);
  setStatus(registry, claim, VERIFIED);
  claim.verifiedAt = event.block.timestamp;
  claim.verifiedTransaction = event.transaction.hash;
  touch(claim, event);
  registry.verifiedUnits = registry.verifiedUnits.plus(p.units);
  registry.save();
  const methodology = loadMethodology(claim);
  methodology.verifiedUnits = methodology.verifiedUnits.plus(p.units);
  methodology.updatedAtTimestamp = event.block.timestamp;
  methodology.save();
}

export function handleClaimRejected(event: ClaimRejected): void {
  const registry = getRegistry(event);
  const claim = loadClaim(event.params.claimId);
  setStatus(registry, claim, REJECTED);
  claim.rejectedAt = event.block.timestamp;
  touch(claim, event);
  registry.save();
}
