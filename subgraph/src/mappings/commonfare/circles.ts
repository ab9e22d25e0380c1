// The contract's owner side (currencies accepted or removed, the two-step ownership) and circles: founded with their
// rules, levels and board (the founder's admission follows in MemberAdmitted), and board members resigning.
import { BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  BoardMemberResigned,
  CircleFounded,
  CurrencySet,
  OwnershipTransferStarted,
  OwnershipTransferred,
} from "../../../generated/Commonfare/Commonfare";
import {
  Circle,
  CircleBoardMember,
  CircleLevel,
  CommonfareCurrencyChange,
  CommonfareOwnershipChange,
} from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { numberAccountId } from "../../utils/ids";
import { applyOwnershipStep } from "../../utils/ownable";
import { getCommonfare, getCurrency, levelId, loadCircle } from "./entities";

export function handleCurrencySet(event: CurrencySet): void {
  const commonfare = getCommonfare(event);
  const currency = getCurrency(event, event.params.currency);
  if (event.params.accepted && !currency.accepted) commonfare.acceptedCurrencyCount += 1;
  if (!event.params.accepted && currency.accepted) commonfare.acceptedCurrencyCount -= 1;
  commonfare.save();
  currency.accepted = event.params.accepted;
  currency.save();

  const change = new CommonfareCurrencyChange(eventId(event));
  change.currency = currency.id;
  change.accepted = event.params.accepted;
  stampEvent(change, event);
  change.save();
}

function ownershipStep(event: ethereum.Event, offer: boolean): void {
  const commonfare = getCommonfare(event);
  const change = new CommonfareOwnershipChange(eventId(event));
  change.commonfare = commonfare.id;
  applyOwnershipStep(commonfare, change, event, offer);
  commonfare.save();
  change.save();
}

/** An offer to `newOwner`; an offer to the zero address withdraws the pending one (Ownable2Step). */
export function handleOwnershipTransferStarted(event: OwnershipTransferStarted): void {
  ownershipStep(event, true);
}

/** The new owner took over (or the constructor's owner); any pending offer is gone. */
export function handleOwnershipTransferred(event: OwnershipTransferred): void {
  ownershipStep(event, false);
}

export function handleCircleFounded(event: CircleFounded): void {
  const p = event.params;
  const commonfare = getCommonfare(event);
  commonfare.circleCount += 1;
  commonfare.save();
  const rules = p.rules;
  const currency = getCurrency(event, rules.currency);
  currency.circleCount += 1;
  currency.save();

  const id = p.circleId.toString();
  const circle = new Circle(id);
  circle.circleId = p.circleId;
  circle.commonfare = commonfare.id;
  circle.founder = p.founder;
  circle.currency = currency.id;
  circle.capMonths = rules.capMonths;
  circle.floorMonths = rules.floorMonths;
  circle.maxGiftMonths = rules.maxGiftMonths;
  circle.minMembers = rules.minMembers;
  circle.maxMembers = rules.maxMembers;
  circle.waitingPeriod = rules.waitingPeriod;
  circle.levelChangeGap = rules.levelChangeGap;
  circle.admissionVotes = rules.admissionVotes;
  circle.boardConfirmations = rules.boardConfirmations;
  circle.levelCount = p.levels.length;
  circle.boardSize = p.board.length;
  circle.memberCount = 0;
  circle.claimantCount = 0;
  circle.candidateCount = 0;
  circle.pendingClaimCount = 0;
  circle.fundingWeight = BigInt.zero();
  circle.index = BigInt.zero();
  circle.pool = BigInt.zero();
  circle.burn = BigInt.zero();
  circle.deposited = BigInt.zero();
  circle.withdrawn = BigInt.zero();
  circle.leftPaid = BigInt.zero();
  circle.giftsPaid = BigInt.zero();
  circle.giftMonthsPaid = 0;
  circle.writtenOff = BigInt.zero();
  circle.claimCount = 0;
  circle.leftCount = 0;
  circle.removedCount = 0;
  circle.foundedAt = event.block.timestamp;
  circle.foundedAtBlock = event.block.number;
  circle.foundedTransaction = event.transaction.hash;
  circle.updatedAt = event.block.timestamp;
  circle.save();

  const capMonths = BigInt.fromI32(rules.capMonths);
  const floorMonths = BigInt.fromI32(rules.floorMonths);
  for (let i = 0; i < p.levels.length; i++) {
    const lv = p.levels[i];
    const row = new CircleLevel(levelId(id, i));
    row.circle = id;
    row.level = i;
    row.monthlyDeposit = lv.monthlyDeposit;
    row.monthlyBenefit = lv.monthlyBenefit;
    row.cap = lv.monthlyDeposit.times(capMonths);
    row.floor = lv.monthlyDeposit.times(floorMonths);
    row.memberCount = 0;
    row.save();
  }
  for (let i = 0; i < p.board.length; i++) {
    const row = new CircleBoardMember(numberAccountId(p.circleId, p.board[i]));
    row.circle = id;
    row.account = p.board[i];
    row.active = true;
    row.admissionCount = 0;
    row.confirmationCount = 0;
    row.save();
  }
}

export function handleBoardMemberResigned(event: BoardMemberResigned): void {
  const circle = loadCircle(event, event.params.circleId);
  circle.boardSize -= 1;
  circle.save();
  const row = CircleBoardMember.load(numberAccountId(event.params.circleId, event.params.boardMember))!;
  row.active = false;
  row.resignedAt = event.block.timestamp;
  row.save();
}
