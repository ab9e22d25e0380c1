// Commonfare's entities as the handlers load and create them: the contract (created at its first event, the
// constructor's OwnershipTransferred), currencies, circles and their levels, accounts and claims; an account settled
// to an index as the contract settles it (GiftMath.given, rounded up), and the statement entry each settlement leaves.
import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  Circle,
  CircleAccountEntry,
  CircleClaim,
  CircleLevel,
  CircleMember,
  Commonfare,
  CommonfareCurrency,
} from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { childId, numberAccountId } from "../../utils/ids";
import { mulDivCeil } from "../../utils/math";

/** The gift index's scale (GiftMath.SCALE): gifts taken per unit of monthly deposit, × 1e18. */
export const INDEX_SCALE = BigInt.fromString("1000000000000000000");

export function getCommonfare(event: ethereum.Event): Commonfare {
  const id = event.address.toHexString();
  let commonfare = Commonfare.load(id);
  if (commonfare == null) {
    commonfare = new Commonfare(id);
    commonfare.address = event.address;
    commonfare.owner = Address.zero();
    commonfare.circleCount = 0;
    commonfare.claimCount = 0;
    commonfare.acceptedCurrencyCount = 0;
    commonfare.createdAtBlock = event.block.number;
    commonfare.createdAtTimestamp = event.block.timestamp;
  }
  commonfare.updatedAtTimestamp = event.block.timestamp;
  return commonfare;
}

/** Currency `currency`'s record (saved by the caller). */
export function getCurrency(event: ethereum.Event, currency: Bytes): CommonfareCurrency {
  const id = currency.toHexString();
  let row = CommonfareCurrency.load(id);
  if (row == null) {
    row = new CommonfareCurrency(id);
    row.commonfare = event.address.toHexString();
    row.currency = currency;
    row.accepted = false;
    row.circleCount = 0;
    row.pool = BigInt.zero();
  }
  row.updatedAtTimestamp = event.block.timestamp;
  return row;
}

export function loadCircle(event: ethereum.Event, circleId: BigInt): Circle {
  const circle = Circle.load(circleId.toString());
  if (circle == null) log.critical("Commonfare: event for unknown circle {}", [circleId.toString()]);
  circle!.updatedAt = event.block.timestamp;
  return circle!;
}

/** Saves `circle` with its months of cover (GiftMath.coverMonths1e2: pool × 100 / burn, rounded down; none: null). */
export function saveCircle(circle: Circle): void {
  circle.coverMonths1e2 = circle.burn.isZero() ? null : circle.pool.times(BigInt.fromI32(100)).div(circle.burn);
  circle.save();
}

/** Moves `amount` (negative: out) into the circle's pool and its currency's. */
export function addToPool(event: ethereum.Event, circle: Circle, amount: BigInt): void {
  circle.pool = circle.pool.plus(amount);
  const currency = getCurrency(event, Bytes.fromHexString(circle.currency));
  currency.pool = currency.pool.plus(amount);
  currency.save();
}

/** Logs an error when an event's `value` is not what the mapping computed (`expected`): the books would drift. */
export function checkEqual(what: string, id: string, expected: BigInt, value: BigInt): void {
  if (!expected.equals(value)) {
    log.error("Commonfare: {} of {}: computed {}, event {}", [what, id, expected.toString(), value.toString()]);
  }
}

export function levelId(circleId: string, level: i32): string {
  return childId(circleId, level.toString());
}

export function loadLevel(circleId: string, level: i32): CircleLevel {
  const row = CircleLevel.load(levelId(circleId, level));
  if (row == null) log.critical("Commonfare: unknown level {} of circle {}", [level.toString(), circleId]);
  return row!;
}

/** Counts one member more (`delta` 1) or less (-1) at level `level`. */
export function countAtLevel(circleId: string, level: i32, delta: i32): void {
  const row = loadLevel(circleId, level);
  row.memberCount += delta;
  row.save();
}

/** `account`'s record in circle `circleId` (created as an outsider at `level`; saved by the caller). */
export function getMember(event: ethereum.Event, circleId: BigInt, account: Address, level: i32): CircleMember {
  const id = numberAccountId(circleId, account);
  let member = CircleMember.load(id);
  if (member == null) {
    member = new CircleMember(id);
    member.circle = circleId.toString();
    member.account = account;
    member.status = "None";
    member.balance = BigInt.zero();
    member.snapshot = BigInt.zero();
    member.claimableFrom = BigInt.zero();
    member.levelChangeableFrom = BigInt.zero();
    member.deposited = BigInt.zero();
    member.withdrawn = BigInt.zero();
    member.leftWith = BigInt.zero();
    member.received = BigInt.zero();
    member.givenToOthers = BigInt.zero();
    member.arrearsWrittenOff = BigInt.zero();
    member.memberships = 0;
    member.removed = false;
    member.candidacyCount = 0;
    member.claimCount = 0;
    setLevel(member, loadLevel(circleId.toString(), level));
  }
  member.updatedAt = event.block.timestamp;
  return member;
}

export function loadMember(event: ethereum.Event, circleId: BigInt, account: Address): CircleMember {
  const id = numberAccountId(circleId, account);
  const member = CircleMember.load(id);
  if (member == null) log.critical("Commonfare: event for unknown account {}", [id]);
  member!.updatedAt = event.block.timestamp;
  return member!;
}

/** Puts `member` at level `row`: its level, monthly deposit, cap and floor. */
export function setLevel(member: CircleMember, row: CircleLevel): void {
  member.level = row.level;
  member.circleLevel = row.id;
  member.monthlyDeposit = row.monthlyDeposit;
  member.cap = row.cap;
  member.floor = row.floor;
}

/**
 * Settles `member`'s account at gift index `index`, as the contract does before every change of it: a funding member
 * (status Member) has given ceil(monthlyDeposit × (index − snapshot) / 1e18) since its snapshot (GiftMath.given), taken
 * from its balance; a claimant's account is frozen. Returns what it gave.
 */
export function settle(member: CircleMember, index: BigInt): BigInt {
  let given = BigInt.zero();
  if (member.status == "Member") {
    if (index.lt(member.snapshot)) {
      log.critical("Commonfare: index {} below the snapshot {} of {}", [
        index.toString(),
        member.snapshot.toString(),
        member.id,
      ]);
    }
    given = mulDivCeil(member.monthlyDeposit, index.minus(member.snapshot), INDEX_SCALE);
    member.balance = member.balance.minus(given);
    member.givenToOthers = member.givenToOthers.plus(given);
  }
  member.snapshot = index;
  return given;
}

/**
 * Records an entry of `member`'s statement (after the event: its balance and level; `given` since its previous entry,
 * `index` the one its account was settled at), returned unsaved.
 */
export function accountEntry(
  event: ethereum.Event,
  member: CircleMember,
  kind: string,
  amount: BigInt,
  given: BigInt,
  index: BigInt,
): CircleAccountEntry {
  const entry = new CircleAccountEntry(eventId(event));
  entry.circle = member.circle;
  entry.member = member.id;
  entry.kind = kind;
  entry.amount = amount;
  entry.balance = member.balance;
  entry.given = given;
  entry.index = index;
  entry.level = member.level;
  stampEvent(entry, event);
  return entry;
}

export function loadClaim(event: ethereum.Event, claimId: BigInt): CircleClaim {
  const claim = CircleClaim.load(claimId.toString());
  if (claim == null) log.critical("Commonfare: event for unknown claim {}", [claimId.toString()]);
  claim!.updatedAt = event.block.timestamp;
  return claim!;
}
