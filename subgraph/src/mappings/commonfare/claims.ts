// Claims: reported, withdrawn before they start, confirmed by the buddy and the board, started (the claimant's account
// settled and frozen, its weight out of the funding), gifts collected (the index raised by ceil(amount × 1e18 / W), the
// pool paying), and ended (the claimant funds gifts again).
import { BigInt } from "@graphprotocol/graph-ts";
import {
  ClaimConfirmed,
  ClaimEnded,
  ClaimReported,
  ClaimStarted,
  ClaimWithdrawn,
  GiftCollected,
} from "../../../generated/Commonfare/Commonfare";
import {
  CircleBoardMember,
  CircleClaim,
  CircleClaimConfirmation,
  CircleGiftCollection,
} from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { childId, numberAccountId } from "../../utils/ids";
import { mulDivCeil } from "../../utils/math";
import {
  accountEntry,
  addToPool,
  checkEqual,
  getCommonfare,
  INDEX_SCALE,
  loadCircle,
  loadClaim,
  loadMember,
  saveCircle,
  settle,
} from "./entities";

export function handleClaimReported(event: ClaimReported): void {
  const p = event.params;
  const commonfare = getCommonfare(event);
  commonfare.claimCount += 1;
  commonfare.save();
  const circle = loadCircle(event, p.circleId);
  circle.claimCount += 1;
  circle.pendingClaimCount += 1;
  circle.save();
  const member = loadMember(event, p.circleId, p.claimant);
  member.claimCount += 1;
  member.claim = p.claimId.toString();
  member.save();

  const claim = new CircleClaim(p.claimId.toString());
  claim.claimId = p.claimId;
  claim.circle = circle.id;
  claim.claimant = member.id;
  claim.claimantAccount = p.claimant;
  claim.buddy = p.buddy;
  claim.noteHash = p.noteHash;
  claim.benefit = p.benefit;
  claim.maxMonths = p.maxMonths;
  claim.status = "Reported";
  claim.buddyConfirmed = false;
  claim.boardConfirmations = 0;
  claim.reportedAt = event.block.timestamp;
  claim.startedAt = BigInt.zero();
  claim.monthsPaid = 0;
  claim.received = BigInt.zero();
  claim.ended = false;
  claim.recovered = false;
  claim.withdrawn = false;
  claim.updatedAt = event.block.timestamp;
  claim.save();
}

/** By the claimant, or when the board removed it in arrears (ArrearsWrittenOff follows). */
export function handleClaimWithdrawn(event: ClaimWithdrawn): void {
  const circle = loadCircle(event, event.params.circleId);
  circle.pendingClaimCount -= 1;
  circle.save();
  const claim = loadClaim(event, event.params.claimId);
  claim.status = "Withdrawn";
  claim.withdrawn = true;
  claim.withdrawnAt = event.block.timestamp;
  claim.save();
}

export function handleClaimConfirmed(event: ClaimConfirmed): void {
  const p = event.params;
  const claim = loadClaim(event, p.claimId);
  if (p.asBuddy) claim.buddyConfirmed = true;
  else {
    const board = CircleBoardMember.load(numberAccountId(p.circleId, p.confirmer))!;
    board.confirmationCount += 1;
    board.save();
  }
  claim.boardConfirmations = p.boardConfirmations;
  claim.save();

  const row = new CircleClaimConfirmation(childId(claim.id, p.confirmer.toHexString()));
  row.claim = claim.id;
  row.confirmer = p.confirmer;
  row.asBuddy = p.asBuddy;
  row.boardConfirmations = p.boardConfirmations;
  stampEvent(row, event);
  row.save();
}

/** The claimant's account is settled at `index` and frozen; it stops funding gifts. */
export function handleClaimStarted(event: ClaimStarted): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  checkEqual("index at a claim's start", circle.id, circle.index, p.index);
  const member = loadMember(event, p.circleId, p.claimant);
  const given = settle(member, p.index);
  checkEqual("balance at a claim's start", member.id, member.balance, p.balance);
  member.status = "Claiming";
  member.save();
  const claim = loadClaim(event, p.claimId);
  claim.status = "Running";
  claim.startedAt = p.startedAt;
  claim.balanceAtStart = p.balance;
  claim.indexAtStart = p.index;
  claim.save();
  circle.fundingWeight = circle.fundingWeight.minus(member.monthlyDeposit);
  circle.burn = circle.burn.plus(claim.benefit);
  circle.claimantCount += 1;
  circle.pendingClaimCount -= 1;
  saveCircle(circle);
  accountEntry(event, member, "ClaimStarted", BigInt.zero(), given, p.index).save();
}

export function handleGiftCollected(event: GiftCollected): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  checkEqual("funding weight of a gift", circle.id, circle.fundingWeight, p.fundingWeight);
  const step = mulDivCeil(p.amount, INDEX_SCALE, p.fundingWeight);
  checkEqual("index after a gift", circle.id, circle.index.plus(step), p.index);
  const claim = loadClaim(event, p.claimId);
  checkEqual("gift amount", claim.id, claim.benefit.times(BigInt.fromI32(p.months)), p.amount);
  claim.monthsPaid = p.monthsPaid;
  claim.received = claim.received.plus(p.amount);
  claim.save();
  const member = loadMember(event, p.circleId, p.claimant);
  member.received = member.received.plus(p.amount);
  member.save();

  const gift = new CircleGiftCollection(eventId(event));
  gift.circle = circle.id;
  gift.claim = claim.id;
  gift.claimant = p.claimant;
  gift.months = p.months;
  gift.amount = p.amount;
  gift.monthsPaid = p.monthsPaid;
  gift.fundingWeight = p.fundingWeight;
  gift.index = p.index;
  gift.indexStep = p.index.minus(circle.index);
  stampEvent(gift, event);
  gift.save();

  circle.index = p.index;
  circle.giftsPaid = circle.giftsPaid.plus(p.amount);
  circle.giftMonthsPaid += p.months;
  addToPool(event, circle, p.amount.neg());
  saveCircle(circle);
}

/** The claimant funds gifts again from `index`, its balance as it was when the claim started. */
export function handleClaimEnded(event: ClaimEnded): void {
  const p = event.params;
  const circle = loadCircle(event, p.circleId);
  checkEqual("index at a claim's end", circle.id, circle.index, p.index);
  const claim = loadClaim(event, p.claimId);
  claim.status = "Ended";
  claim.ended = true;
  claim.endedAt = event.block.timestamp;
  claim.recovered = p.recovered;
  checkEqual("months paid at a claim's end", claim.id, BigInt.fromI32(claim.monthsPaid), BigInt.fromI32(p.monthsPaid));
  claim.save();
  const member = loadMember(event, p.circleId, p.claimant);
  member.status = "Member";
  member.snapshot = p.index;
  member.save();
  circle.fundingWeight = circle.fundingWeight.plus(member.monthlyDeposit);
  circle.burn = circle.burn.minus(claim.benefit);
  circle.claimantCount -= 1;
  saveCircle(circle);
  accountEntry(event, member, "ClaimEnded", BigInt.zero(), BigInt.zero(), p.index).save();
}
