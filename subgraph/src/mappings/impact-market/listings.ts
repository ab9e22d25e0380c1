// Listings (with their history of Listed / Delisted, ListingChange), purchases (plain and matched by a round) and
// proceeds withdrawals.
import { BigInt, log, Value } from "@graphprotocol/graph-ts";
import { Delisted, Listed, ProceedsWithdrawn, Purchased } from "../../../generated/ImpactMarket/ImpactMarket";
import { Certificate, Listing, ListingChange, ProceedsWithdrawal, Purchase } from "../../../generated/schema";
import { loadClaim, refreshUnitsForSale, touch } from "../../utils/claims";
import { eventId, stampEvent } from "../../utils/events";
import {
  addRoundSpend,
  getCurrency,
  getMarket,
  getUsageDay,
  loadListing,
  loadRound,
  saveCurrency,
  saveUsageDay,
} from "./entities";

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
  const change = new ListingChange(eventId(event));
  change.claim = claim.id;
  change.listing = listing.id;
  change.kind = "Listed";
  change.seller = p.seller;
  change.currency = p.currency;
  change.pricePerUnit = p.pricePerUnit;
  change.units = p.units;
  change.version = listing.version;
  stampEvent(change, event);
  change.save();
}

export function handleDelisted(event: Delisted): void {
  const listing = loadListing(event.params.claimId);
  listing.remaining = BigInt.zero();
  listing.active = false;
  listing.delisted = true;
  listing.updatedAtTimestamp = event.block.timestamp;
  listing.save();
  const change = new ListingChange(eventId(event));
  change.claim = listing.claim;
  change.listing = listing.id;
  change.kind = "Delisted";
  change.seller = listing.seller;
  stampEvent(change, event);
  change.save();
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
  stampEvent(purchase, event);

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

    addRoundSpend("RoundClaimSpend", round.id, "claim", Value.fromString(listing.claim), p.matchedCost, p.matchedUnits);
    addRoundSpend("RoundBuyerSpend", round.id, "buyer", Value.fromBytes(p.buyer), p.matchedCost, p.matchedUnits);

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
  stampEvent(withdrawal, event);
  withdrawal.save();
}
