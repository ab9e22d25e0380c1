// The registry's entities as the handlers load and update them: registry (certificates() read once with eth_call),
// methodologies, verifiers, claim statuses and sellable units.
import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import { ImpactRegistry as RegistryContract } from "../../../generated/ImpactRegistry/ImpactRegistry";
import { Claim, ImpactRegistry, Methodology, Verifier } from "../../../generated/schema";
import { REJECTED, REVOKED, SUBMITTED, VERIFIED } from "../../utils/claims";
import { holdingBalance } from "../../utils/erc1155";
import { minusFloor0 } from "../../utils/math";

/** bytes8 ISO 3166 code ("BE-VOV" right-padded with zero bytes) as text; hex if it is not printable ASCII. */
export function jurisdictionText(code: Bytes): string {
  let text = "";
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c == 0) break;
    if (c < 0x20 || c > 0x7e) return code.toHexString();
    text += String.fromCharCode(c);
  }
  return text;
}

export function getRegistry(event: ethereum.Event): ImpactRegistry {
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

export function loadMethodology(claim: Claim): Methodology {
  const methodology = Methodology.load(claim.methodology);
  if (methodology == null) {
    log.critical("Impact: claim {} has unknown methodology {}", [claim.id, claim.methodology]);
  }
  return methodology!;
}

export function getVerifier(account: Address, event: ethereum.Event): Verifier {
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
export function setStatus(registry: ImpactRegistry, claim: Claim, status: string): void {
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
export function refreshSellable(claim: Claim): void {
  const balance = holdingBalance("ImpactHolding", claim.id, claim.claimant);
  claim.sellableUnits = minusFloor0(balance, claim.frozenUnits);
}

export function addVoter(claim: Claim, verifier: Address): void {
  const voters = claim.voters;
  voters.push(verifier);
  claim.voters = voters;
}
