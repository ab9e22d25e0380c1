// Impact claims as both impact data sources use them: statuses, loading, units still for sale, and saving.
import { BigInt, ethereum, log } from "@graphprotocol/graph-ts";
import { Claim, Listing } from "../../generated/schema";

export const SUBMITTED = "Submitted";

export const VERIFIED = "Verified";

export const REJECTED = "Rejected";

export const REVOKED = "Revoked";

export function loadClaim(claimId: BigInt): Claim {
  const claim = Claim.load(claimId.toString());
  if (claim == null) {
    log.critical("Impact: event for unknown claim {}", [claimId.toString()]);
  }
  return claim!;
}

/**
 * What the market may still sell of the claim (ImpactMarket.unitsForSale): verified - revoked - sold, at least 0. The
 * contract reads the registry's verified amount as stored, which while Submitted is the lowest approval so far (as
 * claim.verifiedUnits here), and the listing's units sold over all its versions.
 */
export function refreshUnitsForSale(claim: Claim): void {
  const listing = Listing.load(claim.id);
  const taken = claim.revokedUnits.plus(listing == null ? BigInt.zero() : listing.unitsSold);
  claim.unitsForSale = claim.verifiedUnits.gt(taken) ? claim.verifiedUnits.minus(taken) : BigInt.zero();
}

export function touch(claim: Claim, event: ethereum.Event): void {
  claim.updatedAtTimestamp = event.block.timestamp;
  claim.save();
}
