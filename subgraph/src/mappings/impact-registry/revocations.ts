// Revocation votes, the revocations they decide (flagging the claim's certificates), and units refrozen.
import { BigInt, log } from "@graphprotocol/graph-ts";
import { ClaimRevoked, RevocationVoteRecorded, UnitsRefrozen } from "../../../generated/ImpactRegistry/ImpactRegistry";
import { Revocation, RevocationVote, UnitsRefreeze } from "../../../generated/schema";
import { loadClaim, refreshUnitsForSale, REVOKED, touch } from "../../utils/claims";
import { eventId, stampEvent } from "../../utils/events";
import { minBig } from "../../utils/math";
import { getRegistry, getVerifier, loadMethodology, refreshSellable, setStatus } from "./entities";

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
  stampEvent(vote, event);
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
  stampEvent(revocation, event);
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
  stampEvent(refreeze, event);
  refreeze.save();
  registry.frozenUnits = registry.frozenUnits.plus(p.frozenUnits).minus(claim.frozenUnits);
  registry.save();
  claim.frozenUnits = p.frozenUnits;
  claim.refreezeCount += 1;
  refreshSellable(claim);
  touch(claim, event);
}
