// The cluster's production board, public: by category and unit, what was delivered, what is under way and what is
// still needed or offered (a chart, read from the boards the readers keep); then every order under way — what is
// being made, where (the producer's place, and how far from mine), by whom, for whom and by when.
import { useMemo } from "react";
import { StackedBarChart, type StackedBar } from "../shared/Chart";
import { formatDate, formatInt } from "../shared/format";
import { href } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { Table } from "../shared/Table";
import { Who } from "../shared/Who";
import { quantity, StateBadge, whatOf } from "./bits";
import type { ClusterView } from "./ClusterPage";
import { LIVE_STATES, useCategoryPages, useOrderPages } from "./data";
import { dueDateOf } from "./rules";
import { distanceBetween, formatDistance, formatPlace } from "./terms";

export function Board({ me, place }: ClusterView) {
  const boards = useCategoryPages();
  const orders = useOrderPages({ states: LIVE_STATES });
  const bars: StackedBar[] = useMemo(
    () =>
      (boards.data?.pages.flatMap((p) => p.items) ?? []).map((b) => ({
        label: `${b.category} · ${b.unitText}`,
        segments: [
          { name: "Delivered", value: Number(b.deliveredQuantity), tone: "primary" as const },
          { name: "Under way", value: Number(b.matchedQuantity - b.deliveredQuantity), tone: "accent" as const },
          { name: "Needed, not matched", value: Number(b.openNeedQuantity), tone: "muted" as const },
        ],
        display: `${formatInt(b.openOfferQuantity)} offered`,
      })),
    [boards.data],
  );
  const rows = orders.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <section className="panel">
        <h2>What the cluster makes</h2>
        <p className="muted small">
          By category and unit: units delivered, matched and under way, and needed but not matched yet — next to what
          makers still offer. Everyone sees the same board, so no one needs to make more than is needed.
        </p>
        {boards.error && <p className="error">Could not read the boards: {boards.error.message}</p>}
        {bars.length > 0 ? (
          <StackedBarChart title="Units by category and unit" bars={bars} labelWidth={120} valueWidth={110} />
        ) : (
          !boards.isLoading && <p className="muted">Nothing posted yet.</p>
        )}
        <ShowMore pages={boards} testId="boards-more" />
      </section>
      <section className="panel">
        <h2>Orders under way</h2>
        {orders.error && <p className="error">Could not read the orders: {orders.error.message}</p>}
        {orders.isLoading ? (
          <p className="muted">Loading the orders…</p>
        ) : rows.length === 0 ? (
          <p className="muted" data-testid="board-empty">
            No order is under way.
          </p>
        ) : (
          <Table
            testId="board"
            head={
              <>
                <th>#</th>
                <th>What</th>
                <th>Where</th>
                <th>Producer → buyer</th>
                <th>By</th>
                <th>State</th>
              </>
            }
          >
            {rows.map((o) => (
              <tr key={o.id.toString()} data-testid={`board-${o.id}`}>
                <td>
                  <a href={href("cluster", "order", o.id)}>#{o.id.toString()}</a>
                </td>
                <td>
                  {quantity(o.record.quantity, o.unit)}
                  <div className="muted small">
                    {whatOf({ category: o.category, unit: o.unit, designId: o.record.designId })}
                  </div>
                </td>
                <td className="small">
                  {formatPlace(o.lat, o.lon)}
                  {place && <div className="muted">{formatDistance(distanceBetween(place, o))} from me</div>}
                </td>
                <td>
                  <Who address={o.record.producer} me={me} /> → <Who address={o.record.buyer} me={me} />
                </td>
                <td className="small">
                  {formatDate(dueDateOf(o.record))}
                  <div className="muted">{o.record.promisedAt ? "promised" : "due"}</div>
                </td>
                <td>
                  <StateBadge state={o.record.state} />
                </td>
              </tr>
            ))}
          </Table>
        )}
        <ShowMore pages={orders} testId="board-more" />
      </section>
    </>
  );
}
