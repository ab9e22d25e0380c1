// Mapping of verified decarbonisation claims: two data sources share this file. ImpactRegistry (claims, k-of-n
// attestations, ERC-1155 impact units with token id = claim id, revocation, retirement; AccessControl roles for the
// verifiers) and ImpactMarket (listings, purchases, proceeds, matching rounds).
//
// Retirement certificates (the RetirementCertificates ERC-721, deployed by the registry) are not a data source: the
// registry's UnitsRetired names the certificate, its owner, the holder whose units were burned, the units, the
// beneficiary and the message, and the certificate contract emits nothing else (a certificate never moves; it is
// flagged when its claim gets a revocation, which ClaimRevoked tells). Its address is read once with eth_call
// (`certificates()`) when the registry's first event is handled; nothing else is read from the chain.
//
// Order of the logs within a transaction, which the handlers rely on:
// - verification: ClaimAttested, ClaimVerified, then the mint (TransferSingle from 0x0);
// - retirement: the burn (TransferSingle to 0x0), then UnitsRetired;
// - a matched purchase: the transfer to the buyer, the round's retirement (burn, UnitsRetired), then Purchased;
// - a revocation: one RevocationVoteRecorded per vote (one per transaction); the k-th is followed by ClaimRevoked;
// - units coming back to the claimant of a claim with a revocation: the transfer, then UnitsRefrozen (if frozen grew);
// - an accreditation: RoleGranted, then VerifierSlotAssigned; a withdrawal: RoleRevoked, then VerifierSlotReleased;
// - createRound: RoundCreated, RoundClaimRulesSet (only when a claim rule is set), then RoundFunded (the deposit).
import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  ApprovalForAll,
  ClaimAttested,
  ClaimRejected,
  ClaimRejectionRecorded,
  ClaimRevoked,
  ClaimSubmitted,
  ClaimVerified,
  ImpactRegistry as RegistryContract,
  MethodologySet,
  NonceInvalidated,
  RevocationVoteRecorded,
  RoleGranted,
  RoleRevoked,
  TransferBatch,
  TransferSingle,
  UnitsRefrozen,
  UnitsRetired,
  VerifierSlotAssigned,
  VerifierSlotReleased,
} from "../generated/ImpactRegistry/ImpactRegistry";
import {
  Delisted,
  Listed,
  ProceedsWithdrawn,
  Purchased,
  RoundClaimEligibilitySet,
  RoundClaimRulesSet,
  RoundCreated,
  RoundFunded,
  RoundReclaimed,
} from "../generated/ImpactMarket/ImpactMarket";
import {
  Attestation,
  Certificate,
  Claim,
  ImpactHolding,
  ImpactMarket,
  ImpactOperatorApproval,
  ImpactRegistry,
  ImpactRoleChange,
  ImpactTransfer,
  Listing,
  MarketCurrencyTotal,
  MatchingRound,
  Methodology,
  MethodologyChange,
  NonceInvalidation,
  ProceedsWithdrawal,
  Purchase,
  Revocation,
  RevocationVote,
  RoundBuyerSpend,
  RoundClaimEligibility,
  RoundClaimSpend,
  RoundFunding,
  RoundUsageDay,
  UnitsRefreeze,
  Verifier,
  VerifierSlotChange,
} from "../generated/schema";

const SUBMITTED = "Submitted";
const VERIFIED = "Verified";
const REJECTED = "Rejected";
const REVOKED = "Revoked";

/** keccak256("VERIFIER_ROLE") */
const VERIFIER_ROLE = "0x0ce23c3e399818cfee81a7ab0880f714e53d7672b08df0fa62f2843416e1ea09";
const DEFAULT_ADMIN_ROLE = "0x0000000000000000000000000000000000000000000000000000000000000000";
const SECONDS_PER_DAY = 86400;
/** IImpactMarket.ClaimEligibility, by its uint8 value. */
const CLAIM_ELIGIBILITY = ["Default", "Allowed", "Excluded"];

// ------------------------------------------------------------------------------------------------- ids

function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

function holdingKey(claimId: BigInt, holder: Address): string {
  return claimId.toString() + "-" + holder.toHexString();
}

function dayOf(timestamp: BigInt): i32 {
  return timestamp.div(BigInt.fromI32(SECONDS_PER_DAY)).toI32();
}

function minBig(a: BigInt, b: BigInt): BigInt {
  return a.lt(b) ? a : b;
}

/** bytes8 ISO 3166 code ("BE-VOV" right-padded with zero bytes) as text; hex if it is not printable ASCII. */
function jurisdictionText(code: Bytes): string {
  let text = "";
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c == 0) break;
    if (c < 0x20 || c > 0x7e) return code.toHexString();
    text += String.fromCharCode(c);
  }
  return text;
}

// ----------------------------------------------------------------------------------------- registry entities

function getRegistry(event: ethereum.Event): ImpactRegistry {
  const id = event.address.toHexString();
  let registry = ImpactRegistry.load(id);
  if (registry == null) {
    registry = new ImpactRegistry(id);
    registry.address = event.address;
    const certificates = RegistryContract.bind(event.address).try_certificates();
    registry.certificates = certificates.reverted ? Address.zero() : certificates.value;
    registry.admins = [];
    registry.verifierCount = 0;
    registry.claimCount = 0;
    registry.submittedClaimCount = 0;
    registry.verifiedClaimCount = 0;
    registry.rejectedClaimCount = 0;
    registry.revokedClaimCount = 0;
    registry.claimedUnits = BigInt.zero();
    registry.verifiedUnits = BigInt.zero();
    registry.retiredUnits = BigInt.zero();
    registry.revokedUnits = BigInt.zero();
    registry.frozenUnits = BigInt.zero();
    registry.certificateCount = 0;
    registry.createdAtBlock = event.block.number;
    registry.createdAtTimestamp = event.block.timestamp;
  }
  return registry;
}

function loadClaim(claimId: BigInt): Claim {
  const claim = Claim.load(claimId.toString());
  if (claim == null) {
    log.critical("Impact: event for unknown claim {}", [claimId.toString()]);
  }
  return claim!;
}

function loadMethodology(claim: Claim): Methodology {
  const methodology = Methodology.load(claim.methodology);
  if (methodology == null) {
    log.critical("Impact: claim {} has unknown methodology {}", [claim.id, claim.methodology]);
  }
  return methodology!;
}

function getVerifier(account: Address, event: ethereum.Event): Verifier {
  const id = account.toHexString();
  let v = Verifier.load(id);
  if (v == null) {
    v = new Verifier(id);
    v.account = account;
    v.accredited = false;
    v.slotActive = false;
    v.slotAssignmentCount = 0;
    v.slotReleaseCount = 0;
    v.accreditedAt = event.block.timestamp;
    v.lastAccreditedAt = event.block.timestamp;
    v.approvalCount = 0;
    v.signedApprovalCount = 0;
    v.rejectionCount = 0;
    v.revocationVoteCount = 0;
    v.revocationCount = 0;
    v.approvedUnits = BigInt.zero();
    v.revokedUnits = BigInt.zero();
    v.invalidatedNonceCount = 0;
    v.updatedAtTimestamp = event.block.timestamp;
  }
  return v;
}

/** Moves a claim to `status`, keeping the registry's per-status counts. */
function setStatus(registry: ImpactRegistry, claim: Claim, status: string): void {
  const previous = claim.status;
  if (previous == status) return;
  if (previous == SUBMITTED) registry.submittedClaimCount -= 1;
  else if (previous == VERIFIED) registry.verifiedClaimCount -= 1;
  else if (previous == REJECTED) registry.rejectedClaimCount -= 1;
  else if (previous == REVOKED) registry.revokedClaimCount -= 1;
  if (status == SUBMITTED) registry.submittedClaimCount += 1;
  else if (status == VERIFIED) registry.verifiedClaimCount += 1;
  else if (status == REJECTED) registry.rejectedClaimCount += 1;
  else if (status == REVOKED) registry.revokedClaimCount += 1;
  claim.status = status;
}

/** The claimant's balance minus its frozen units (the registry's `sellableUnits`). */
function refreshSellable(claim: Claim): void {
  const holding = ImpactHolding.load(claim.id + "-" + claim.claimant.toHexString());
  const balance = holding == null ? BigInt.zero() : holding.balance;
  claim.sellableUnits = balance.gt(claim.frozenUnits) ? balance.minus(claim.frozenUnits) : BigInt.zero();
}

/**
 * What the market may still sell of the claim (ImpactMarket.unitsForSale): verified - revoked - sold, at least 0. The
 * contract reads the registry's verified amount as stored, which while Submitted is the lowest approval so far (as
 * claim.verifiedUnits here), and the listing's units sold over all its versions.
 */
function refreshUnitsForSale(claim: Claim): void {
  const listing = Listing.load(claim.id);
  const taken = claim.revokedUnits.plus(listing == null ? BigInt.zero() : listing.unitsSold);
  claim.unitsForSale = claim.verifiedUnits.gt(taken) ? claim.verifiedUnits.minus(taken) : BigInt.zero();
}

function touch(claim: Claim, event: ethereum.Event): void {
  claim.updatedAtTimestamp = event.block.timestamp;
  claim.save();
}

// ------------------------------------------------------------------------------------------------ roles

function recordRoleChange(
  event: ethereum.Event,
  role: Bytes,
  account: Address,
  sender: Address,
  granted: boolean,
): void {
  const registry = getRegistry(event);
  const roleHex = role.toHexString();
  const change = new ImpactRoleChange(eventId(event));
  change.registry = registry.id;
  change.role = role;
  change.roleName = roleHex == VERIFIER_ROLE ? "Verifier" : roleHex == DEFAULT_ADMIN_ROLE ? "Admin" : roleHex;
  change.account = account;
  change.sender = sender;
  change.granted = granted;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();

  if (roleHex == DEFAULT_ADMIN_ROLE) {
    const admins = new Array<Bytes>(0);
    for (let i = 0; i < registry.admins.length; i++) {
      if (!registry.admins[i].equals(account)) admins.push(registry.admins[i]);
    }
    if (granted) admins.push(account);
    registry.admins = admins;
  } else if (roleHex == VERIFIER_ROLE) {
    const verifier = getVerifier(account, event);
    if (granted && !verifier.accredited) registry.verifierCount += 1;
    if (!granted && verifier.accredited) registry.verifierCount -= 1;
    verifier.accredited = granted;
    if (granted) verifier.lastAccreditedAt = event.block.timestamp;
    else verifier.deaccreditedAt = event.block.timestamp;
    verifier.updatedAtTimestamp = event.block.timestamp;
    verifier.save();
  }
  registry.save();
}

export function handleImpactRoleGranted(event: RoleGranted): void {
  recordRoleChange(event, event.params.role, event.params.account, event.params.sender, true);
}

export function handleImpactRoleRevoked(event: RoleRevoked): void {
  recordRoleChange(event, event.params.role, event.params.account, event.params.sender, false);
}

function recordSlotChange(event: ethereum.Event, verifier: Verifier, kind: string, slot: i32): VerifierSlotChange {
  const change = new VerifierSlotChange(eventId(event));
  change.verifier = verifier.id;
  change.kind = kind;
  change.slot = slot;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  return change;
}

export function handleVerifierSlotAssigned(event: VerifierSlotAssigned): void {
  // RoleGranted comes first in the same call. Every accreditation assigns a slot: a new one, the lowest released one
  // (then firstClaimId = claim count + 1, so the verifier never votes on a claim with another holder's bit), or the
  // verifier's own slot back when nobody held it since (firstClaimId unchanged).
  const p = event.params;
  const verifier = getVerifier(p.verifier, event);
  verifier.slot = p.slot;
  verifier.slotActive = true;
  verifier.firstClaimId = p.firstClaimId;
  verifier.slotAssignmentCount += 1;
  verifier.updatedAtTimestamp = event.block.timestamp;
  verifier.save();
  const change = recordSlotChange(event, verifier, "Assigned", p.slot);
  change.firstClaimId = p.firstClaimId;
  change.save();
}

export function handleVerifierSlotReleased(event: VerifierSlotReleased): void {
  // RoleRevoked comes first in the same call. The verifier keeps its slot number (verifierSlot() still reports it,
  // inactive); the slot may be assigned to another verifier from now on.
  const p = event.params;
  const verifier = getVerifier(p.verifier, event);
  verifier.slotActive = false;
  verifier.slotReleaseCount += 1;
  verifier.updatedAtTimestamp = event.block.timestamp;
  verifier.save();
  recordSlotChange(event, verifier, "Released", p.slot).save();
}

export function handleNonceInvalidated(event: NonceInvalidated): void {
  const entry = new NonceInvalidation(eventId(event));
  entry.account = event.params.verifier;
  entry.nonce = event.params.nonce;
  entry.blockNumber = event.block.number;
  entry.timestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  entry.save();
  // Anyone may void a nonce of their own; only a verifier's count is kept.
  const verifier = Verifier.load(event.params.verifier.toHexString());
  if (verifier != null) {
    verifier.invalidatedNonceCount += 1;
    verifier.updatedAtTimestamp = event.block.timestamp;
    verifier.save();
  }
}

// ------------------------------------------------------------------------------------------ methodologies

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
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
  methodology.threshold = p.threshold;
  methodology.active = p.active;
  methodology.name = p.name;
  methodology.updatedAtTimestamp = event.block.timestamp;
  methodology.save();
}

// ------------------------------------------------------------------------------------------------ claims

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

function addVoter(claim: Claim, verifier: Address): void {
  const voters = claim.voters;
  voters.push(verifier);
  claim.voters = voters;
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

  const attestation = new Attestation(holdingKey(p.claimId, p.verifier));
  attestation.claim = claim.id;
  attestation.verifier = verifier.id;
  attestation.kind = "Approval";
  attestation.verifiedUnits = p.verifiedUnits;
  attestation.reportHash = p.reportHash;
  attestation.bySignature = p.bySignature;
  attestation.submittedBy = event.transaction.from;
  attestation.count = p.approvals;
  attestation.decisive = p.approvals == claim.threshold;
  attestation.blockNumber = event.block.number;
  attestation.timestamp = event.block.timestamp;
  attestation.transactionHash = event.transaction.hash;
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

  const attestation = new Attestation(holdingKey(p.claimId, p.verifier));
  attestation.claim = claim.id;
  attestation.verifier = verifier.id;
  attestation.kind = "Rejection";
  attestation.reasonHash = p.reasonHash;
  attestation.bySignature = false;
  attestation.submittedBy = event.transaction.from;
  attestation.count = p.rejections;
  attestation.decisive = p.rejections == claim.threshold;
  attestation.blockNumber = event.block.number;
  attestation.timestamp = event.block.timestamp;
  attestation.transactionHash = event.transaction.hash;
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

export function handleRevocationVoteRecorded(event: RevocationVoteRecorded): void {
  const p = event.params;
  const claim = loadClaim(p.claimId);
  const vote = new RevocationVote(eventId(event));
  vote.claim = claim.id;
  vote.verifier = p.verifier.toHexString();
  vote.revocationNumber = claim.revocationCount + 1;
  vote.units = p.units;
  vote.reasonHash = p.reasonHash;
  // The contract checked that published text hashes to reasonHash; "" means only the hash was given.
  if (p.reason.length > 0) vote.reason = p.reason;
  vote.votes = p.votes;
  vote.threshold = p.threshold;
  vote.decisive = p.votes == p.threshold;
  vote.blockNumber = event.block.number;
  vote.timestamp = event.block.timestamp;
  vote.transactionHash = event.transaction.hash;
  vote.save();

  // The open vote (revocationVote()): the smallest amount voted so far. A decisive vote leaves it for ClaimRevoked,
  // next in this call, which takes the votes into its Revocation and resets it.
  claim.openRevocationUnits = p.votes == 1 ? p.units : minBig(claim.openRevocationUnits, p.units);
  claim.openRevocationVoteCount = p.votes;
  const votes = claim.openRevocationVotes;
  votes.push(vote.id);
  claim.openRevocationVotes = votes;
  touch(claim, event);

  const verifier = getVerifier(p.verifier, event);
  verifier.revocationVoteCount += 1;
  verifier.updatedAtTimestamp = event.block.timestamp;
  verifier.save();
}

export function handleClaimRevoked(event: ClaimRevoked): void {
  const p = event.params;
  const registry = getRegistry(event);
  const claim = loadClaim(p.claimId);
  if (!claim.openRevocationUnits.equals(p.units) || claim.openRevocationVoteCount != claim.threshold) {
    log.warning("Impact: claim {} revoked {} after {} votes, the mapping counts {} after {}", [
      claim.id,
      p.units.toString(),
      claim.threshold.toString(),
      claim.openRevocationUnits.toString(),
      claim.openRevocationVoteCount.toString(),
    ]);
  }
  registry.revokedUnits = registry.revokedUnits.plus(p.units);
  registry.frozenUnits = registry.frozenUnits.plus(p.frozenUnits).minus(claim.frozenUnits);
  claim.revokedUnits = p.totalRevoked;
  claim.frozenUnits = p.frozenUnits;
  setStatus(registry, claim, REVOKED);
  if (claim.firstRevokedAt === null) claim.firstRevokedAt = event.block.timestamp;
  claim.lastRevokedAt = event.block.timestamp;
  refreshSellable(claim);
  refreshUnitsForSale(claim);
  claim.revocationCount += 1;
  // The vote is closed: the next revocation of the claim starts a new one.
  const votes = claim.openRevocationVotes;
  claim.openRevocationVotes = [];
  claim.openRevocationVoteCount = 0;
  claim.openRevocationUnits = BigInt.zero();
  touch(claim, event);
  registry.save();
  const methodology = loadMethodology(claim);
  methodology.revokedUnits = methodology.revokedUnits.plus(p.units);
  methodology.updatedAtTimestamp = event.block.timestamp;
  methodology.save();

  const verifier = getVerifier(p.verifier, event);
  verifier.revocationCount += 1;
  verifier.revokedUnits = verifier.revokedUnits.plus(p.units);
  verifier.updatedAtTimestamp = event.block.timestamp;
  verifier.save();

  // Every certificate of the claim is flagged (IRetirementCertificates.flagged: the claim has revoked units).
  let flagged = 0;
  const certificates = claim.certificates.load();
  for (let i = 0; i < certificates.length; i++) {
    const certificate = certificates[i];
    if (certificate.flagged) continue;
    certificate.flagged = true;
    certificate.flaggedAt = event.block.timestamp;
    certificate.save();
    flagged += 1;
  }

  const revocation = new Revocation(eventId(event));
  revocation.claim = claim.id;
  revocation.number = claim.revocationCount;
  revocation.verifier = verifier.id;
  revocation.units = p.units;
  revocation.totalRevoked = p.totalRevoked;
  revocation.frozenUnits = p.frozenUnits;
  revocation.fullyRevoked = p.totalRevoked.equals(claim.verifiedUnits);
  revocation.reasonHash = p.reasonHash;
  // ClaimRevoked names the deciding vote's reason hash only; its text is that of any vote of this revocation that
  // published text with the same hash (the deciding verifier may have given only the hash).
  for (let i = 0; i < votes.length; i++) {
    const vote = RevocationVote.load(votes[i]);
    if (vote != null && vote.reason !== null && vote.reasonHash.equals(p.reasonHash)) {
      revocation.reason = vote.reason;
      break;
    }
  }
  revocation.votes = votes;
  revocation.certificatesFlagged = flagged;
  revocation.blockNumber = event.block.number;
  revocation.timestamp = event.block.timestamp;
  revocation.transactionHash = event.transaction.hash;
  revocation.save();
}

export function handleUnitsRefrozen(event: UnitsRefrozen): void {
  // The transfer that brought the units back came first in this call (moveUnits counted them as sellable).
  const p = event.params;
  const registry = getRegistry(event);
  const claim = loadClaim(p.claimId);
  const refreeze = new UnitsRefreeze(eventId(event));
  refreeze.claim = claim.id;
  refreeze.claimant = p.claimant;
  refreeze.previousFrozenUnits = claim.frozenUnits;
  refreeze.frozenUnits = p.frozenUnits;
  refreeze.blockNumber = event.block.number;
  refreeze.timestamp = event.block.timestamp;
  refreeze.transactionHash = event.transaction.hash;
  refreeze.save();
  registry.frozenUnits = registry.frozenUnits.plus(p.frozenUnits).minus(claim.frozenUnits);
  registry.save();
  claim.frozenUnits = p.frozenUnits;
  claim.refreezeCount += 1;
  refreshSellable(claim);
  touch(claim, event);
}

// -------------------------------------------------------------------------------------------- retirement

export function handleUnitsRetired(event: UnitsRetired): void {
  const p = event.params;
  const registry = getRegistry(event);
  const claim = loadClaim(p.claimId);
  claim.retiredUnits = claim.retiredUnits.plus(p.units);
  claim.certificateCount += 1;
  touch(claim, event);
  registry.retiredUnits = registry.retiredUnits.plus(p.units);
  registry.certificateCount += 1;
  registry.save();
  const methodology = loadMethodology(claim);
  methodology.retiredUnits = methodology.retiredUnits.plus(p.units);
  methodology.updatedAtTimestamp = event.block.timestamp;
  methodology.save();

  const certificate = new Certificate(p.certificateId.toString());
  certificate.certificateId = p.certificateId;
  certificate.claim = claim.id;
  certificate.owner = p.certificateOwner;
  certificate.holder = p.holder;
  certificate.units = p.units;
  certificate.beneficiary = p.beneficiary;
  certificate.message = p.message;
  certificate.retiredAt = event.block.timestamp;
  // A retirement after a partial revocation is flagged from the start.
  certificate.flagged = claim.revokedUnits.gt(BigInt.zero());
  if (certificate.flagged) certificate.flaggedAt = event.block.timestamp;
  certificate.blockNumber = event.block.number;
  certificate.transactionHash = event.transaction.hash;
  certificate.save();
}

// ------------------------------------------------------------------------------------------------- units

function getHolding(claim: Claim, holder: Address, event: ethereum.Event): ImpactHolding {
  const id = holdingKey(claim.claimId, holder);
  let holding = ImpactHolding.load(id);
  if (holding == null) {
    holding = new ImpactHolding(id);
    holding.claim = claim.id;
    holding.holder = holder;
    holding.balance = BigInt.zero();
    holding.isClaimant = holder.equals(claim.claimant);
    holding.updatedAtTimestamp = event.block.timestamp;
  }
  return holding;
}

function moveUnits(
  event: ethereum.Event,
  id: Bytes,
  batchIndex: i32,
  operator: Address,
  from: Address,
  to: Address,
  claimId: BigInt,
  units: BigInt,
): void {
  const claim = loadClaim(claimId);
  const moved = units.gt(BigInt.zero());
  let kind = "Transfer";
  if (from.equals(Address.zero())) {
    kind = "Mint";
    claim.mintedUnits = claim.mintedUnits.plus(units);
    claim.outstandingUnits = claim.outstandingUnits.plus(units);
  } else {
    const holding = getHolding(claim, from, event);
    holding.balance = holding.balance.minus(units);
    holding.updatedAtTimestamp = event.block.timestamp;
    holding.save();
    if (moved && holding.balance.isZero()) claim.holderCount -= 1;
  }
  if (to.equals(Address.zero())) {
    kind = "Burn";
    claim.outstandingUnits = claim.outstandingUnits.minus(units);
  } else {
    const holding = getHolding(claim, to, event);
    if (moved && holding.balance.isZero()) claim.holderCount += 1;
    holding.balance = holding.balance.plus(units);
    holding.updatedAtTimestamp = event.block.timestamp;
    holding.save();
  }
  if (from.equals(claim.claimant) || to.equals(claim.claimant)) refreshSellable(claim);
  touch(claim, event);

  const transfer = new ImpactTransfer(id);
  transfer.claim = claim.id;
  transfer.kind = kind;
  transfer.operator = operator;
  transfer.from = from;
  transfer.to = to;
  transfer.units = units;
  if (batchIndex >= 0) transfer.batchIndex = batchIndex;
  transfer.blockNumber = event.block.number;
  transfer.timestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();
}

export function handleImpactTransferSingle(event: TransferSingle): void {
  const p = event.params;
  moveUnits(event, eventId(event), -1, p.operator, p.from, p.to, p.id, p.value);
}

export function handleImpactTransferBatch(event: TransferBatch): void {
  const p = event.params;
  const ids = p.ids;
  const values = p.values;
  for (let i = 0; i < ids.length; i++) {
    moveUnits(event, eventId(event).concatI32(i), i, p.operator, p.from, p.to, ids[i], values[i]);
  }
}

export function handleImpactApprovalForAll(event: ApprovalForAll): void {
  const registry = getRegistry(event);
  registry.save();
  const id = event.params.account.toHexString() + "-" + event.params.operator.toHexString();
  let approval = ImpactOperatorApproval.load(id);
  if (approval == null) {
    approval = new ImpactOperatorApproval(id);
    approval.registry = registry.id;
    approval.holder = event.params.account;
    approval.operator = event.params.operator;
  }
  approval.approved = event.params.approved;
  approval.updatedAtTimestamp = event.block.timestamp;
  approval.save();
}

// ------------------------------------------------------------------------------------------ market entities

function getMarket(event: ethereum.Event): ImpactMarket {
  const id = event.address.toHexString();
  let market = ImpactMarket.load(id);
  if (market == null) {
    market = new ImpactMarket(id);
    market.address = event.address;
    market.listingCount = 0;
    market.purchaseCount = 0;
    market.matchedPurchaseCount = 0;
    market.roundCount = 0;
    market.unitsBought = BigInt.zero();
    market.unitsMatched = BigInt.zero();
    market.createdAtBlock = event.block.number;
    market.createdAtTimestamp = event.block.timestamp;
  }
  return market;
}

function getCurrency(currency: Bytes): MarketCurrencyTotal {
  const id = currency.toHexString();
  let total = MarketCurrencyTotal.load(id);
  if (total == null) {
    total = new MarketCurrencyTotal(id);
    total.currency = currency;
    total.purchaseVolume = BigInt.zero();
    total.matchedVolume = BigInt.zero();
    total.roundDeposits = BigInt.zero();
    total.proceedsWithdrawn = BigInt.zero();
    total.roundsReclaimed = BigInt.zero();
    total.withdrawable = BigInt.zero();
    total.roundRemaining = BigInt.zero();
  }
  return total;
}

function saveCurrency(total: MarketCurrencyTotal, event: ethereum.Event): void {
  total.held = total.withdrawable.plus(total.roundRemaining);
  total.updatedAtTimestamp = event.block.timestamp;
  total.save();
}

function loadListing(claimId: BigInt): Listing {
  const listing = Listing.load(claimId.toString());
  if (listing == null) {
    log.critical("ImpactMarket: event for unlisted claim {}", [claimId.toString()]);
  }
  return listing!;
}

function loadRound(roundId: BigInt): MatchingRound {
  const round = MatchingRound.load(roundId.toString());
  if (round == null) {
    log.critical("ImpactMarket: event for unknown round {}", [roundId.toString()]);
  }
  return round!;
}

/** The round's record of the event's UTC day. */
function getUsageDay(round: MatchingRound, event: ethereum.Event): RoundUsageDay {
  const day = dayOf(event.block.timestamp);
  const id = round.id + "-" + day.toString();
  let usage = RoundUsageDay.load(id);
  if (usage == null) {
    usage = new RoundUsageDay(id);
    usage.round = round.id;
    usage.day = day;
    usage.date = BigInt.fromI32(day).times(BigInt.fromI32(SECONDS_PER_DAY));
    usage.purchaseCount = 0;
    usage.matchedUnits = BigInt.zero();
    usage.spent = BigInt.zero();
    usage.funded = BigInt.zero();
    usage.reclaimed = BigInt.zero();
  }
  return usage;
}

/** Saves a usage day with the round's running totals after the event. */
function saveUsageDay(usage: RoundUsageDay, round: MatchingRound): void {
  usage.remaining = round.remaining;
  usage.cumulativeSpent = round.spent;
  usage.cumulativeMatchedUnits = round.matchedUnits;
  usage.cumulativeDeposited = round.deposited;
  usage.save();
}

// ----------------------------------------------------------------------------------------------- listings

export function handleListed(event: Listed): void {
  const p = event.params;
  const market = getMarket(event);
  const claim = loadClaim(p.claimId);
  let listing = Listing.load(claim.id);
  if (listing == null) {
    listing = new Listing(claim.id);
    listing.claim = claim.id;
    listing.market = market.id;
    listing.unitsSold = BigInt.zero();
    listing.matchedUnitsSold = BigInt.zero();
    listing.proceeds = BigInt.zero();
    listing.totalProceeds = BigInt.zero();
    listing.withdrawn = BigInt.zero();
    listing.firstListedAt = event.block.timestamp;
    listing.listCount = 0;
    listing.purchaseCount = 0;
    market.listingCount += 1;
  }
  // A relisting replaces the terms (the currency only while no proceeds wait).
  listing.seller = p.seller;
  listing.currency = p.currency;
  listing.pricePerUnit = p.pricePerUnit;
  // uint32 on chain, +1 per Listed: it stays far below 2^31 (each relisting is a transaction).
  listing.version = p.version.toI32();
  listing.remaining = p.units;
  listing.active = p.units.gt(BigInt.zero());
  listing.delisted = false;
  listing.listedAt = event.block.timestamp;
  listing.listCount += 1;
  listing.updatedAtTimestamp = event.block.timestamp;
  listing.save();
  market.save();
  claim.listing = listing.id;
  touch(claim, event);
}

export function handleDelisted(event: Delisted): void {
  const listing = loadListing(event.params.claimId);
  listing.remaining = BigInt.zero();
  listing.active = false;
  listing.delisted = true;
  listing.updatedAtTimestamp = event.block.timestamp;
  listing.save();
}

export function handlePurchased(event: Purchased): void {
  const p = event.params;
  const market = getMarket(event);
  const listing = loadListing(p.claimId);
  const taken = p.units.plus(p.matchedUnits);
  const paid = p.cost.plus(p.matchedCost);
  listing.remaining = listing.remaining.minus(taken);
  listing.active = listing.remaining.gt(BigInt.zero());
  listing.unitsSold = listing.unitsSold.plus(taken);
  listing.matchedUnitsSold = listing.matchedUnitsSold.plus(p.matchedUnits);
  listing.proceeds = listing.proceeds.plus(paid);
  listing.totalProceeds = listing.totalProceeds.plus(paid);
  listing.purchaseCount += 1;
  listing.updatedAtTimestamp = event.block.timestamp;
  listing.save();

  market.purchaseCount += 1;
  market.unitsBought = market.unitsBought.plus(p.units);
  market.unitsMatched = market.unitsMatched.plus(p.matchedUnits);

  const currency = getCurrency(listing.currency);
  currency.purchaseVolume = currency.purchaseVolume.plus(p.cost);
  currency.matchedVolume = currency.matchedVolume.plus(p.matchedCost);
  currency.withdrawable = currency.withdrawable.plus(paid);

  const purchase = new Purchase(eventId(event));
  purchase.claim = listing.claim;
  purchase.listing = listing.id;
  purchase.buyer = p.buyer;
  purchase.currency = listing.currency;
  // The buyer's BuyTerms.listingVersion had to equal it, or the purchase would have reverted.
  purchase.listingVersion = listing.version;
  purchase.units = p.units;
  purchase.pricePerUnit = p.pricePerUnit;
  purchase.cost = p.cost;
  purchase.matchedUnits = p.matchedUnits;
  purchase.matchedCost = p.matchedCost;
  purchase.blockNumber = event.block.number;
  purchase.timestamp = event.block.timestamp;
  purchase.transactionHash = event.transaction.hash;

  if (!p.roundId.isZero()) {
    const round = loadRound(p.roundId);
    round.remaining = round.remaining.minus(p.matchedCost);
    round.spent = round.spent.plus(p.matchedCost);
    round.matchedUnits = round.matchedUnits.plus(p.matchedUnits);
    round.purchaseCount += 1;
    round.updatedAtTimestamp = event.block.timestamp;
    round.save();
    currency.roundRemaining = currency.roundRemaining.minus(p.matchedCost);
    market.matchedPurchaseCount += 1;
    purchase.round = round.id;
    purchase.roundRemaining = round.remaining;

    const claimSpendId = round.id + "-" + listing.claim;
    let claimSpend = RoundClaimSpend.load(claimSpendId);
    if (claimSpend == null) {
      claimSpend = new RoundClaimSpend(claimSpendId);
      claimSpend.round = round.id;
      claimSpend.claim = listing.claim;
      claimSpend.spent = BigInt.zero();
      claimSpend.matchedUnits = BigInt.zero();
      claimSpend.purchaseCount = 0;
    }
    claimSpend.spent = claimSpend.spent.plus(p.matchedCost);
    claimSpend.matchedUnits = claimSpend.matchedUnits.plus(p.matchedUnits);
    claimSpend.purchaseCount += 1;
    claimSpend.save();

    const buyerSpendId = round.id + "-" + p.buyer.toHexString();
    let buyerSpend = RoundBuyerSpend.load(buyerSpendId);
    if (buyerSpend == null) {
      buyerSpend = new RoundBuyerSpend(buyerSpendId);
      buyerSpend.round = round.id;
      buyerSpend.buyer = p.buyer;
      buyerSpend.spent = BigInt.zero();
      buyerSpend.matchedUnits = BigInt.zero();
      buyerSpend.purchaseCount = 0;
    }
    buyerSpend.spent = buyerSpend.spent.plus(p.matchedCost);
    buyerSpend.matchedUnits = buyerSpend.matchedUnits.plus(p.matchedUnits);
    buyerSpend.purchaseCount += 1;
    buyerSpend.save();

    const usage = getUsageDay(round, event);
    usage.purchaseCount += 1;
    usage.matchedUnits = usage.matchedUnits.plus(p.matchedUnits);
    usage.spent = usage.spent.plus(p.matchedCost);
    saveUsageDay(usage, round);

    // The round's retirement (UnitsRetired, earlier in this transaction) issued the certificate.
    if (!p.certificateId.isZero()) {
      const certificate = Certificate.load(p.certificateId.toString());
      if (certificate == null) {
        log.error("ImpactMarket: purchase names unknown certificate {}", [p.certificateId.toString()]);
      } else {
        certificate.purchase = purchase.id;
        certificate.round = round.id;
        certificate.save();
        purchase.certificate = certificate.id;
      }
    }
  }
  purchase.save();
  market.save();
  saveCurrency(currency, event);
  // The sale counts against what the market may still sell of the claim.
  const claim = loadClaim(p.claimId);
  refreshUnitsForSale(claim);
  touch(claim, event);
}

export function handleProceedsWithdrawn(event: ProceedsWithdrawn): void {
  const p = event.params;
  const listing = loadListing(p.claimId);
  listing.proceeds = listing.proceeds.minus(p.amount);
  listing.withdrawn = listing.withdrawn.plus(p.amount);
  listing.updatedAtTimestamp = event.block.timestamp;
  listing.save();
  const currency = getCurrency(listing.currency);
  currency.withdrawable = currency.withdrawable.minus(p.amount);
  currency.proceedsWithdrawn = currency.proceedsWithdrawn.plus(p.amount);
  saveCurrency(currency, event);
  const withdrawal = new ProceedsWithdrawal(eventId(event));
  withdrawal.claim = listing.claim;
  withdrawal.listing = listing.id;
  withdrawal.seller = p.seller;
  withdrawal.to = p.to;
  withdrawal.currency = listing.currency;
  withdrawal.amount = p.amount;
  withdrawal.blockNumber = event.block.number;
  withdrawal.timestamp = event.block.timestamp;
  withdrawal.transactionHash = event.transaction.hash;
  withdrawal.save();
}

// ------------------------------------------------------------------------------------------------- rounds

/** Methodology ids whose bit is set in a round's mask. */
function maskToIds(mask: BigInt): Array<i32> {
  const ids = new Array<i32>(0);
  // BigInt is little-endian bytes: bit b of byte i is methodology 8i + b.
  for (let i = 0; i < mask.length && i < 32; i++) {
    const byte = mask[i];
    for (let b = 0; b < 8; b++) {
      if (((byte >> (b as u8)) & 1) == 1) ids.push(i * 8 + b);
    }
  }
  return ids;
}

export function handleRoundCreated(event: RoundCreated): void {
  const p = event.params;
  const market = getMarket(event);
  market.roundCount += 1;
  market.save();
  const round = new MatchingRound(p.roundId.toString());
  round.roundId = p.roundId;
  round.market = market.id;
  round.owner = p.owner;
  round.name = p.name;
  round.currency = p.currency;
  round.matchBps = p.matchBps;
  round.endTime = p.endTime;
  round.maxPricePerUnit = p.maxPricePerUnit;
  round.capPerClaim = p.capPerClaim;
  round.capPerBuyer = p.capPerBuyer;
  round.methodologyMask = p.methodologyMask;
  round.eligibleMethodologies = maskToIds(p.methodologyMask);
  // Both claim rules are off unless RoundClaimRulesSet follows in this call.
  round.allowListOnly = false;
  round.acceptsRevokedClaims = false;
  round.claimRulesChangeCount = 0;
  round.deposited = BigInt.zero();
  round.remaining = BigInt.zero();
  round.spent = BigInt.zero();
  round.reclaimed = BigInt.zero();
  round.matchedUnits = BigInt.zero();
  round.purchaseCount = 0;
  round.fundingCount = 0;
  round.createdAt = event.block.timestamp;
  round.createdTransaction = event.transaction.hash;
  round.updatedAtTimestamp = event.block.timestamp;
  round.save();
  // The opening deposit, if any, follows as RoundFunded.
  saveCurrency(getCurrency(p.currency), event);
}

export function handleRoundFunded(event: RoundFunded): void {
  const p = event.params;
  const round = loadRound(p.roundId);
  round.deposited = round.deposited.plus(p.amount);
  if (!round.remaining.plus(p.amount).equals(p.remaining)) {
    log.warning("ImpactMarket: round {} has {} after funding, the mapping counts {}", [
      round.id,
      p.remaining.toString(),
      round.remaining.plus(p.amount).toString(),
    ]);
  }
  round.remaining = p.remaining;
  round.fundingCount += 1;
  round.updatedAtTimestamp = event.block.timestamp;
  round.save();
  const currency = getCurrency(round.currency);
  currency.roundDeposits = currency.roundDeposits.plus(p.amount);
  currency.roundRemaining = currency.roundRemaining.plus(p.amount);
  saveCurrency(currency, event);
  const usage = getUsageDay(round, event);
  usage.funded = usage.funded.plus(p.amount);
  saveUsageDay(usage, round);
  const funding = new RoundFunding(eventId(event));
  funding.round = round.id;
  funding.funder = p.funder;
  funding.amount = p.amount;
  funding.remaining = p.remaining;
  funding.initial = event.transaction.hash.equals(round.createdTransaction);
  funding.blockNumber = event.block.number;
  funding.timestamp = event.block.timestamp;
  funding.transactionHash = event.transaction.hash;
  funding.save();
}

export function handleRoundReclaimed(event: RoundReclaimed): void {
  const p = event.params;
  const round = loadRound(p.roundId);
  round.remaining = round.remaining.minus(p.amount);
  round.reclaimed = round.reclaimed.plus(p.amount);
  round.reclaimedAt = event.block.timestamp;
  round.updatedAtTimestamp = event.block.timestamp;
  round.save();
  const currency = getCurrency(round.currency);
  currency.roundRemaining = currency.roundRemaining.minus(p.amount);
  currency.roundsReclaimed = currency.roundsReclaimed.plus(p.amount);
  saveCurrency(currency, event);
  const usage = getUsageDay(round, event);
  usage.reclaimed = usage.reclaimed.plus(p.amount);
  saveUsageDay(usage, round);
}

export function handleRoundClaimRulesSet(event: RoundClaimRulesSet): void {
  const p = event.params;
  const round = loadRound(p.roundId);
  round.allowListOnly = p.allowListOnly;
  round.acceptsRevokedClaims = p.acceptsRevokedClaims;
  round.claimRulesChangeCount += 1;
  round.updatedAtTimestamp = event.block.timestamp;
  round.save();
}

export function handleRoundClaimEligibilitySet(event: RoundClaimEligibilitySet): void {
  const p = event.params;
  const round = loadRound(p.roundId);
  const id = round.id + "-" + p.claimId.toString();
  let entry = RoundClaimEligibility.load(id);
  if (entry == null) {
    entry = new RoundClaimEligibility(id);
    entry.round = round.id;
    // setRoundClaims accepts any claim id, also one not submitted yet: the reference resolves once it is.
    entry.claim = p.claimId.toString();
    entry.claimId = p.claimId;
    entry.changeCount = 0;
  }
  if (p.eligibility < 0 || p.eligibility >= CLAIM_ELIGIBILITY.length) {
    log.critical("ImpactMarket: round {} sets unknown eligibility {}", [round.id, p.eligibility.toString()]);
  }
  entry.eligibility = CLAIM_ELIGIBILITY[p.eligibility];
  entry.changeCount += 1;
  entry.updatedAt = event.block.timestamp;
  entry.updatedTransaction = event.transaction.hash;
  entry.save();
}
