// Commonfare's custom errors (its own, and those it inherits: ownership, reentrancy, safe casts, safe transfers) in
// plain sentences: what was refused and what the person can do. Members by name, amounts in the circle's currency
// (base units until it is known), dates as dates; the context they are worded in.
import type { commonfareAbi } from "@cosmolocal/sdk";
import { baseUnits, type ErrorTable, type WordContext } from "../shared/errorWords";
import { formatDate, formatInt } from "../shared/format";
import { nameOf } from "../shared/names";
import type { Unit } from "../shared/units";

/** How the module words: members by name, amounts in the circle's currency (base units until it is known). */
export const commonfareContext = (unit?: Unit): WordContext => ({
  name: nameOf,
  amount: unit ? unit.fmt : baseUnits,
});

/** "level 2" for the level at index 1 (levels are shown from 1). */
export const levelName = (level: number | bigint) => `level ${Number(level) + 1}`;

const circle = (id: bigint) => `circle #${id}`;
/** The same at the start of a sentence. */
const Circle = (id: bigint) => `Circle #${id}`;

export const commonfareErrors: ErrorTable<typeof commonfareAbi, WordContext> = {
  UnacceptedCurrency: ({ currency }, { name }) =>
    `${name(currency)} is not a currency the council accepts for new circles. Choose an accepted stablecoin.`,
  InvalidCurrency: () => "The zero address is not a currency.",
  InvalidRules: ({ rule }) => `The circle's rule “${rule}” is out of bounds. Change it and found the circle again.`,
  InvalidLevels: ({ count }) =>
    `A circle needs 1 to 8 levels, each with a monthly deposit and a monthly benefit above zero (and a cap that fits); ${formatInt(count)} given.`,
  InvalidBoard: ({ size }) =>
    `The board would have ${formatInt(size)} members: a board has 1 to 16 distinct members, never the zero address, and keeps enough members to confirm claims.`,
  UnknownCircle: ({ circleId }) => `There is no ${circle(circleId)}.`,
  UnknownLevel: ({ circleId, level }) => `${Circle(circleId)} has no ${levelName(level)}. Choose one of its levels.`,
  AlreadyInCircle: ({ circleId, account }, { name }) =>
    `${name(account)} already belongs to ${circle(circleId)} or has asked to join it.`,
  NotCandidate: ({ circleId, account }, { name }) =>
    `${name(account)} has not asked to join ${circle(circleId)} (or was admitted already, or withdrew the request).`,
  NotCircleMember: ({ circleId, account }, { name }) =>
    `${name(account)} is not a member of ${circle(circleId)}: only its members do this. Ask to join first.`,
  NotBoardMember: ({ circleId, account }, { name }) =>
    `${name(account)} is not on the board of ${circle(circleId)}: only its board members do this.`,
  AlreadyApproved: ({ candidate, approver }, { name }) =>
    `${name(approver)} has already approved ${name(candidate)}: each member approves a candidate once.`,
  CircleFull: ({ circleId, maxMembers }) =>
    `${Circle(circleId)} has its ${formatInt(maxMembers)} members already: no one more can be admitted until someone leaves.`,
  ZeroDeposit: () => "Enter an amount above zero to deposit.",
  DepositOverCap: ({ member, cap, balanceAfter }, { name, amount }) =>
    `This deposit would take ${name(member)}'s account to ${amount(balanceAfter)}, above its cap of ${amount(cap)}: deposit ${amount(balanceAfter - cap)} less.`,
  WithdrawalAboveAvailable: ({ member, amount: asked, available }, { name, amount }) =>
    available === 0n
      ? `${name(member)} has nothing to withdraw: the account holds no more than its level's floor.`
      : `${name(member)} may withdraw at most ${amount(available)} (what is above its level's floor), not ${amount(asked)}.`,
  InArrears: ({ member, arrears }, { name, amount }) =>
    `${name(member)}'s account is in arrears by ${amount(arrears)}: deposit at least that much first (a deposit repays arrears first).`,
  ClaimOpen: ({ member, claimId }, { name }) =>
    `${name(member)} has claim #${claimId} waiting or running: leave or change level once it has ended (or withdraw it while it waits).`,
  LevelChangeNotAllowed: ({ member, toLevel, changeableFrom }, { name }) =>
    `${name(member)} may not move to ${levelName(toLevel)} now: a member changes level at most once per gap, to another level, next from ${formatDate(changeableFrom)}.`,
  BalanceAboveNewCap: ({ member, cap, balance }, { name, amount }) =>
    `${name(member)}'s account holds ${amount(balance)}, above the new level's cap of ${amount(cap)}: withdraw ${amount(balance - cap)} first.`,
  WaitingPeriod: ({ member, claimableFrom }, { name }) =>
    `${name(member)} is still in the waiting period: a claim may be reported from ${formatDate(claimableFrom)}.`,
  CircleTooSmall: ({ circleId, members, minMembers }) =>
    `${Circle(circleId)} has ${formatInt(members)} members, fewer than the ${formatInt(minMembers)} it needs before claims may be reported.`,
  InvalidBuddy: ({ buddy }, { name }) =>
    `${name(buddy)} cannot be the buddy: a buddy is another member of the circle, not the claimant.`,
  ClaimAlreadyOpen: ({ member, claimId }, { name }) =>
    `${name(member)} already has claim #${claimId} waiting or running: one claim at a time.`,
  NoOpenClaim: ({ claimant }, { name }) =>
    `${name(claimant)} has no claim in the state this needs (none open, or it started or ended already). Reload to see where it stands.`,
  NotConfirmer: ({ claimant, account }, { name }) =>
    `${name(account)} may not confirm ${name(claimant)}'s claim: only its buddy and the board confirm it, never the claimant.`,
  AlreadyConfirmed: ({ claimId, confirmer }, { name }) => `${name(confirmer)} has already confirmed claim #${claimId}.`,
  ClaimNotStarted: ({ claimId }) =>
    `Claim #${claimId} has not started: it needs its buddy's and the board's confirmations before any gift is collected.`,
  NothingDue: ({ claimId, nextMonthAt }) =>
    nextMonthAt === 0
      ? `Claim #${claimId} has received every month it may: nothing more is due.`
      : `Nothing is due on claim #${claimId} yet: the next month begins ${formatDate(nextMonthAt)}.`,
  ClaimStillRunning: ({ claimId, endsAt }) =>
    `Claim #${claimId} runs until ${formatDate(endsAt)}: before then only its claimant ends it.`,
  NoFunders: ({ circleId }) =>
    `No member of ${circle(circleId)} funds gifts now (every member is claiming): no gift can be taken.`,
  PoolShort: ({ circleId, needed, pool }, { amount }) =>
    `${Circle(circleId)} holds ${amount(pool)}, less than the ${amount(needed)} this pays out, while accounts in arrears are fronted. The board may remove members in arrears.`,
  NotInArrears: ({ member }, { name }) => `${name(member)} is not in arrears: only a member in arrears may be removed.`,
  IndexOverflow: ({ circleId }) =>
    `${Circle(circleId)}'s gift index would overflow: a level's benefit is far above its funders' deposits.`,
  OwnableUnauthorizedAccount: ({ account }, { name }) =>
    `${name(account)} is not the owner (the council's timelock): only it accepts currencies.`,
  OwnableInvalidOwner: ({ owner }, { name }) => `${name(owner)} cannot own the solidarity circles.`,
  ReentrancyGuardReentrantCall: () =>
    "The circles refused a call made from inside another of their calls. Send it in a transaction of its own.",
  SafeCastOverflowedIntDowncast: ({ bits, value }) => `${value} does not fit in ${bits} bits: the amount is too large.`,
  SafeCastOverflowedUintDowncast: ({ bits, value }) =>
    `${value} does not fit in ${bits} bits: the amount is too large.`,
  SafeCastOverflowedUintToInt: ({ value }) => `${value} is too large an amount.`,
  SafeERC20FailedOperation: ({ token }, { name }) =>
    `The transfer of ${name(token)} failed: check your balance and the circle's allowance.`,
};
