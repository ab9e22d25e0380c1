// The market's entities as the handlers load and create them: market, per-currency books, listings, rounds and
// their daily usage.
import { BigInt, Bytes, Entity, ethereum, log, store, Value, ValueKind } from "@graphprotocol/graph-ts";
import { ImpactMarket, Listing, MarketCurrencyTotal, MatchingRound, RoundUsageDay } from "../../../generated/schema";
import { childId } from "../../utils/ids";
import { dayOf, SECONDS_PER_DAY } from "../../utils/math";

export function getMarket(event: ethereum.Event): ImpactMarket {
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

export function getCurrency(currency: Bytes): MarketCurrencyTotal {
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

export function saveCurrency(total: MarketCurrencyTotal, event: ethereum.Event): void {
  total.held = total.withdrawable.plus(total.roundRemaining);
  total.updatedAtTimestamp = event.block.timestamp;
  total.save();
}

export function loadListing(claimId: BigInt): Listing {
  const listing = Listing.load(claimId.toString());
  if (listing == null) {
    log.critical("ImpactMarket: event for unlisted claim {}", [claimId.toString()]);
  }
  return listing!;
}

export function loadRound(roundId: BigInt): MatchingRound {
  const round = MatchingRound.load(roundId.toString());
  if (round == null) {
    log.critical("ImpactMarket: event for unknown round {}", [roundId.toString()]);
  }
  return round!;
}

/** The round's record of the event's UTC day. */
export function getUsageDay(round: MatchingRound, event: ethereum.Event): RoundUsageDay {
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
export function saveUsageDay(usage: RoundUsageDay, round: MatchingRound): void {
  usage.remaining = round.remaining;
  usage.cumulativeSpent = round.spent;
  usage.cumulativeMatchedUnits = round.matchedUnits;
  usage.cumulativeDeposited = round.deposited;
  usage.save();
}

/**
 * Adds a matched purchase to a round's spend per claim or per buyer: the `entityType` entity
 * `<round>-<key>` (key = the claim id or the buyer's address) whose `keyField` is `key`.
 */
export function addRoundSpend(
  entityType: string,
  roundId: string,
  keyField: string,
  key: Value,
  cost: BigInt,
  units: BigInt,
): void {
  const id = childId(roundId, key.kind == ValueKind.BYTES ? key.toBytes().toHexString() : key.toString());
  let spend = store.get(entityType, id);
  if (spend == null) {
    spend = new Entity();
    spend.setString("id", id);
    spend.setString("round", roundId);
    spend.set(keyField, key);
    spend.setBigInt("spent", BigInt.zero());
    spend.setBigInt("matchedUnits", BigInt.zero());
    spend.setI32("purchaseCount", 0);
  }
  spend.setBigInt("spent", spend.getBigInt("spent").plus(cost));
  spend.setBigInt("matchedUnits", spend.getBigInt("matchedUnits").plus(units));
  spend.setI32("purchaseCount", spend.getI32("purchaseCount") + 1);
  store.set(entityType, id, spend);
}
