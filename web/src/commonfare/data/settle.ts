// A member's own account settled to its circle's gift index in the browser, as Commonfare.accountOf settles it: a
// funding member (state Member) has given ceil(d × (index − snapshot) / 1e18) since its snapshot; a claimant's account
// is frozen; cap and floor are its level's monthly deposit × the circle's capMonths and floorMonths. Both readers keep
// members at their snapshot and settle them here, so both show the same figures as the contract, to the wei.
import { given } from "../math.ts";
import type { Address } from "viem";
import type { Circle, Confirmation, Member, MemberRecord } from "./types.ts";

/** The circle's figures a settlement needs. */
export type SettleCircle = Pick<Circle, "index" | "levels"> & {
  rules: Pick<Circle["rules"], "capMonths" | "floorMonths">;
};

/** `record` settled to `circle`'s index now. */
export function settleMember(record: MemberRecord, circle: SettleCircle): Member {
  const level = circle.levels[record.level] ?? { monthlyDeposit: 0n, monthlyBenefit: 0n };
  const d = level.monthlyDeposit;
  const funding = record.status === "Member";
  const since = funding ? given(d, circle.index, record.snapshot) : 0n;
  const balance = record.settledBalance - since;
  const cap = d * BigInt(circle.rules.capMonths);
  const floor = d * BigInt(circle.rules.floorMonths);
  const inCircle = record.status === "Member" || record.status === "Claiming";
  return {
    ...record,
    monthlyDeposit: d,
    monthlyBenefit: level.monthlyBenefit,
    balance,
    arrears: balance < 0n ? -balance : 0n,
    gifted: record.settledGifted + since,
    givenSinceSnapshot: since,
    cap,
    floor,
    available: inCircle && balance > floor ? balance - floor : 0n,
    room: inCircle && balance < cap ? cap - balance : 0n,
  };
}

const lower = (a: string) => a.toLowerCase();

/** Accounts by lower-case address (the order both readers list a board and a candidacy's approvers in). */
export const byAddress = (accounts: readonly Address[]) =>
  [...accounts].sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0));

/** A claim's confirmations by time, then by confirmer (the order both readers list them in). */
export const inOrder = (confirmations: readonly Confirmation[]) =>
  [...confirmations].sort(
    (a, b) =>
      a.at - b.at || (lower(a.confirmer) < lower(b.confirmer) ? -1 : lower(a.confirmer) > lower(b.confirmer) ? 1 : 0),
  );
