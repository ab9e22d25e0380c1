// Small pieces the credit screens share: status badges, signed amounts and the member picker.
import type { ObligationStatusName } from "@cosmolocal/sdk";
import type { Address } from "viem";
import { sameAddress } from "../shared/format";
import { useFieldProblem } from "../shared/TextField";
import { accountLabel, nameOf } from "../shared/names";
import type { CreditMember } from "./data";
import type { Unit } from "../shared/units";

export function MemberStatusBadge({ m }: { m: CreditMember }) {
  return (
    <span className={`badge badge-${m.status === "Active" ? "accepted" : "rejected"}`} data-testid="member-status">
      {m.status}
    </span>
  );
}

const OBLIGATION_TONE: Record<ObligationStatusName, string> = {
  None: "expired",
  Proposed: "pending",
  Open: "accepted",
  Settled: "settled",
  Cancelled: "expired",
};

export function ObligationBadge({ status }: { status: ObligationStatusName }) {
  return (
    <span className={`badge badge-${OBLIGATION_TONE[status]}`} data-testid="obligation-status">
      {status}
    </span>
  );
}

/** A signed amount: green when owed to me, orange when I owe. */
export function Signed({ value, unit, testId }: { value: bigint; unit: Unit; testId?: string }) {
  return (
    <span className={value > 0n ? "pos" : value < 0n ? "neg" : "muted"} data-testid={testId}>
      {unit.signed(value)}
    </span>
  );
}

/** A picker of members (active ones by default), by name. */
export function MemberSelect({
  members,
  value,
  onChange,
  exclude,
  testId,
  includeSuspended = false,
  placeholder = "Choose a member",
  error,
}: {
  /** The members to choose from (undefined while they load). */
  members: readonly CreditMember[] | undefined;
  value: string;
  onChange: (v: string) => void;
  exclude?: Address;
  testId?: string;
  includeSuspended?: boolean;
  placeholder?: string;
  /** What is wrong with the choice, shown under it (under `${testId}-problem`). */
  error?: string;
}) {
  const problem = useFieldProblem(error, testId);
  const options = (members ?? [])
    .filter((m) => (includeSuspended || m.status === "Active") && !sameAddress(m.account, exclude))
    .sort((a, b) => nameOf(a.account).localeCompare(nameOf(b.account)));
  return (
    <>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
        data-identity
        {...problem.control}
      >
        <option value="">{placeholder}</option>
        {options.map((m) => (
          <option key={m.account} value={m.account}>
            {accountLabel(m.account)}
            {m.status === "Suspended" ? " (suspended)" : ""}
          </option>
        ))}
      </select>
      {problem.line}
    </>
  );
}
