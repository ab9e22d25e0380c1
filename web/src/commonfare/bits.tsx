// Small pieces the solidarity screens share: an exact amount (its base units in `data-wei` for checks), a member's
// standing and a claim's state as badges, a level in words, and the balance bars of a circle's members.
import { StackedBarChart, type StackedBar } from "../shared/Chart";
import { nameOf } from "../shared/names";
import type { Unit } from "../shared/units";
import type { Claim, ClaimState, Level, Member } from "./data";
import { levelName } from "./errors";

/** An amount in the circle's currency, to the last unit; the base units in `data-wei` and on hover. */
export function Money({ value, unit, testId }: { value: bigint; unit: Unit; testId?: string }) {
  return (
    <span data-testid={testId} data-wei={value.toString()} title={`${value} base units of ${unit.symbol}`}>
      {unit.fmt(value)}
    </span>
  );
}

/** Where an account stands, in words: its status, or how it stopped being one. */
export function standing(m: Pick<Member, "status" | "removed" | "memberships" | "candidacy">): string {
  switch (m.status) {
    case "Candidate":
      return "Candidate";
    case "Member":
      return "Member";
    case "Claiming":
      return "Claiming";
    case "None":
      return m.removed ? "Removed in arrears" : m.memberships > 0 ? "Left" : "Withdrew its request";
  }
}

const STANDING_TONE: Record<string, string> = {
  Candidate: "pending",
  Member: "settled",
  Claiming: "accepted",
  Left: "expired",
  "Removed in arrears": "rejected",
  "Withdrew its request": "expired",
};

export function StandingBadge({ member }: { member: Member }) {
  const s = standing(member);
  return (
    <span className={`badge badge-${STANDING_TONE[s]}`} data-testid="member-standing">
      {s}
    </span>
  );
}

const CLAIM_TONE: Record<ClaimState, string> = {
  Reported: "pending",
  Running: "accepted",
  Ended: "settled",
  Withdrawn: "expired",
};
const CLAIM_WORDS: Record<ClaimState, string> = {
  Reported: "Waiting for confirmations",
  Running: "Running",
  Ended: "Ended",
  Withdrawn: "Withdrawn",
};

export function ClaimBadge({ claim }: { claim: Pick<Claim, "state" | "recovered"> }) {
  return (
    <span className={`badge badge-${CLAIM_TONE[claim.state]}`} data-testid="claim-state">
      {claim.state === "Ended" && claim.recovered ? "Ended (recovered)" : CLAIM_WORDS[claim.state]}
    </span>
  );
}

/** "Level 2: 70 dEUR a month, 1,500 dEUR of benefit". */
export function levelText(level: number, l: Level | undefined, unit: Unit): string {
  const name = levelName(level);
  const head = name[0].toUpperCase() + name.slice(1);
  return l ? `${head}: ${unit.fmt(l.monthlyDeposit)} a month for ${unit.fmt(l.monthlyBenefit)} of benefit` : head;
}

/**
 * Each member's own account as a bar: what it holds up to its level's floor, what it could withdraw above it, and its
 * arrears, all on one scale; the cap after it. Names are the identity module's text (nameOf), so the chart is marked as
 * showing identities.
 */
export function BalanceBars({ members, unit, me }: { members: Member[]; unit: Unit; me?: string }) {
  const bars: StackedBar[] = members.map((m) => {
    const held = m.balance > 0n ? (m.balance < m.floor ? m.balance : m.floor) : 0n;
    return {
      label: nameOf(m.account),
      highlight: !!me && m.account.toLowerCase() === me.toLowerCase(),
      segments: [
        { name: "Held to the floor", value: unit.float(held), tone: "primary" as const },
        { name: "Above the floor", value: unit.float(m.available), tone: "accent" as const },
        { name: "Arrears", value: unit.float(m.arrears), tone: "danger" as const },
      ],
      display: `${unit.num(m.balance)} / ${unit.num(m.cap)}`,
    };
  });
  return (
    <div data-identity data-testid="balance-bars">
      <StackedBarChart
        title={`Each member's own account (${unit.symbol}), against its cap`}
        bars={bars}
        labelWidth={110}
        valueWidth={190}
      />
    </div>
  );
}
