// Matching rounds: creation, claim rules and per-claim eligibility, funding and reclaiming.
import { BigInt, log } from "@graphprotocol/graph-ts";
import {
  RoundClaimEligibilitySet,
  RoundClaimRulesSet,
  RoundCreated,
  RoundFunded,
  RoundReclaimed,
} from "../../../generated/ImpactMarket/ImpactMarket";
import { MatchingRound, RoundClaimEligibility, RoundFunding } from "../../../generated/schema";
import { impactMarket } from "../../utils/constants.generated";
import { eventId, stampEvent } from "../../utils/events";
import { getCurrency, getMarket, getUsageDay, loadRound, saveCurrency, saveUsageDay } from "./entities";

/** Methodology ids whose bit is set in a round's mask. */
export function maskToIds(mask: BigInt): Array<i32> {
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
  round.createdAtBlock = event.block.number;
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
  stampEvent(funding, event);
  funding.save();
}

export function handleRoundReclaimed(event: RoundReclaimed): void {
  const p = event.params;
  const round = loadRound(p.roundId);
  round.remaining = round.remaining.minus(p.amount);
  round.reclaimed = round.reclaimed.plus(p.amount);
  round.reclaimedAt = event.block.timestamp;
  round.reclaimedAtBlock = event.block.number;
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
  if (p.eligibility < 0 || p.eligibility >= impactMarket.ClaimEligibilityNames.length) {
    log.critical("ImpactMarket: round {} sets unknown eligibility {}", [round.id, p.eligibility.toString()]);
  }
  entry.eligibility = impactMarket.ClaimEligibilityNames[p.eligibility];
  entry.changeCount += 1;
  entry.updatedAt = event.block.timestamp;
  entry.updatedTransaction = event.transaction.hash;
  entry.save();
}
