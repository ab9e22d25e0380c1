// The contribution screens' small parts: addresses, status badges, evidence links, the contribution table and the
// "show more" of the lists that can grow without bound.
import { useState } from "react";
import type { Address } from "viem";
import type { Contribution, Project } from "./data";
import { formatInt } from "../shared/format";
import { Who } from "../shared/Who";
import { describeEvidence } from "./evidence";
import { useChainTime } from "../shared/chainTime";
import { Table } from "../shared/Table";

const STATUS_TEXT: Record<string, string> = {
  Pending: "Pending",
  Accepted: "Accepted",
  Rejected: "Rejected",
  Expired: "Expired",
  None: "Unknown",
};

/** Whether a contribution's evaluation window is open at chain time `now` (the ledger refuses after `closesAt`). */
export const windowOpen = (c: Pick<Contribution, "closesAt">, now: number) => now <= c.closesAt;

export function StatusBadge({ c }: { c: Contribution }) {
  const now = useChainTime();
  const windowClosed = c.status === "Pending" && now !== undefined && !windowOpen(c, now);
  return (
    <span className={`badge badge-${c.status.toLowerCase()}`} data-testid="status">
      {windowClosed ? "Window closed" : STATUS_TEXT[c.status]}
    </span>
  );
}

export function Evidence({ uri }: { uri: string }) {
  const e = describeEvidence(uri);
  return e.href ? (
    <a href={e.href} target="_blank" rel="noreferrer noopener" className="evidence">
      {e.text}
    </a>
  ) : (
    <span className="evidence">{e.text}</span>
  );
}

export function kindName(p: Project, kindId: number) {
  return p.kinds.find((k) => k.id === kindId)?.name ?? `Kind ${kindId}`;
}

export function ContributionTable({
  project,
  items,
  me,
  empty,
}: {
  project: Project;
  items: Contribution[];
  me?: Address;
  empty: string;
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <Table
      head={
        <>
          <th>#</th>
          <th>Contributor</th>
          <th>Work</th>
          <th className="num">Quantity</th>
          <th>Evaluations</th>
          <th>Status</th>
          <th className="num">Points</th>
        </>
      }
    >
      {items.map((c) => (
        <tr key={c.id.toString()} data-testid={`contribution-${c.id}`} data-status={c.status}>
          <td>{c.id.toString()}</td>
          <td>
            <Who address={c.contributor} me={me} />
          </td>
          <td>
            <div className="work">
              <span className="muted small">{kindName(project, c.kindId)}</span>
              <Evidence uri={c.evidenceURI} />
            </div>
          </td>
          <td className="num">{formatInt(c.quantity)}</td>
          <td>
            {c.evaluations.length}/{c.quorum}
            {c.evaluations.length > 0 && (
              <span className="muted small"> · scores {c.evaluations.map((e) => e.score).join(", ")}</span>
            )}
          </td>
          <td>
            <StatusBadge c={c} />
          </td>
          <td className="num" data-testid="points">
            {c.status === "Accepted" ? formatInt(c.points) : "—"}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** How many rows of a growing list a screen shows, starting at `step` and growing by `step` on "show more". */
export function useLimit(step: number): [number, () => void] {
  const [limit, setLimit] = useState(step);
  return [limit, () => setLimit((n) => n + step)];
}

/** "Showing the first N" and a button for more, when the list has more rows than shown. */
export function ShowMore({
  shown,
  total,
  more,
  onMore,
  busy,
}: {
  shown: number;
  total?: number;
  more: boolean;
  onMore: () => void;
  busy?: boolean;
}) {
  if (!more) return null;
  return (
    <p className="muted small" data-testid="show-more-box">
      Showing {formatInt(shown)}
      {total !== undefined ? ` of ${formatInt(total)}` : ""}.{" "}
      <button className="btn btn-small btn-ghost" onClick={onMore} disabled={busy} data-testid="show-more">
        {busy ? "Loading…" : "Show more"}
      </button>
    </p>
  );
}
