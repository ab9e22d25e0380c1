// One order's page (`#/cluster/order/<id>`), public: what is made, where, by whom, for whom and by when, its price,
// the obligation it became on delivery, every step with its time and who took it, and — for its parties and the
// credit network's stewards — the steps the rules allow them now.
import { formatDate, formatInt, shortHash } from "../shared/format";
import { useChainClock } from "../shared/chainTime";
import { Figure } from "../shared/Figure";
import { href } from "../shared/router";
import { Table } from "../shared/Table";
import { Who } from "../shared/Who";
import { quantity, stateLabel, StateBadge, whatOf } from "./bits";
import type { ClusterView } from "./ClusterPage";
import { useOrder, type LicenceReport, type OrderStep } from "./data";
import { Steps } from "./Orders";
import { dueDateOf, orderActions } from "./rules";
import { distanceBetween, formatDistance, formatPlace } from "./terms";

/** What became of a delivered order's report to the producer's licence of its design, in words. */
export function licenceReportText(report: LicenceReport, designId: bigint): string {
  const design = `design #${designId}`;
  switch (report) {
    case "Reported":
      return `Units reported to the producer's commercial licence of ${design}; its fee is owed by the producer.`;
    case "OperatorNotApproved":
      return `Not reported: the producer has not let the exchange report its production of ${design}.`;
    case "NoLicence":
      return `Not reported: the producer holds no licence on ${design}.`;
    case "NotCommercial":
      return `Not reported: the producer's licence on ${design} is a free commons one.`;
    case "Expired":
      return `Not reported: the producer's licence on ${design} had expired.`;
  }
}

/** What a step added, in words. */
function stepDetail(s: OrderStep, view: ClusterView, unitText: string): string {
  switch (s.state) {
    case "Matched":
      return `${formatInt(s.quantity ?? 0n)} ${unitText} matched`;
    case "Accepted":
      return s.promisedAt ? `promised by ${formatDate(s.promisedAt)}` : "";
    case "Delivered":
      return `${formatInt(s.quantity ?? 0n)} ${unitText} delivered: ${view.unit.fmt(s.amount ?? 0n)} owed as obligation #${s.obligationId}`;
    case "Cancelled":
      return s.quantity ? `${formatInt(s.quantity)} ${unitText} returned to both intents` : "nothing returned";
    default:
      return "";
  }
}

export function OrderView({ id, view }: { id: bigint; view: ClusterView }) {
  const q = useOrder(id);
  const now = useChainClock();
  if (q.error)
    return (
      <p className="error">
        Could not read order #{id.toString()}: {q.error.message}
      </p>
    );
  if (q.isLoading) return <p className="muted">Loading order #{id.toString()}…</p>;
  const o = q.data;
  if (!o)
    return (
      <p className="notice" data-testid="order-missing">
        There is no order #{id.toString()}.
      </p>
    );
  const r = o.record;
  const windows = now === undefined ? [] : orderActions(r, view.me, view.isSteward, now);
  return (
    <section className="panel" data-testid="order-view">
      <p className="small">
        <a href={href("cluster", "board")}>← Production board</a>
      </p>
      <h2>
        Order #{o.id.toString()}: {quantity(r.quantity, o.unit)} <StateBadge state={r.state} />
      </h2>
      <p className="muted">{whatOf({ category: o.category, unit: o.unit, designId: r.designId })}</p>
      <dl className="figures">
        <Figure label="Producer → buyer">
          <Who address={r.producer} me={view.me} /> → <Who address={r.buyer} me={view.me} />
        </Figure>
        <Figure label="Price" testId="order-view-price">
          {view.unit.fmt(r.price * r.quantity)} ({view.unit.fmt(r.price)} / unit)
        </Figure>
        <Figure label="Made at">
          {formatPlace(o.lat, o.lon)}
          {view.place && ` · ${formatDistance(distanceBetween(view.place, o))} from me`}
        </Figure>
        <Figure label={r.promisedAt ? "Promised by" : "Due by"}>{formatDate(dueDateOf(r))}</Figure>
        <Figure label="Offer · need">
          #{r.offerId.toString()} · #{r.needId.toString()}
        </Figure>
        {o.licenceReport && (
          <Figure label="Licence" testId="order-view-licence">
            {licenceReportText(o.licenceReport, r.designId)}
          </Figure>
        )}
        {o.obligationId !== undefined && (
          <Figure label="Obligation" testId="order-view-obligation">
            <a href={href("credit", "obligations")}>#{o.obligationId.toString()}</a>: {view.unit.fmt(o.amount ?? 0n)}
          </Figure>
        )}
      </dl>
      {windows.length > 0 && now !== undefined && (
        <>
          <h3>What you can do now</h3>
          <Steps order={o} windows={windows} view={view} now={now} />
        </>
      )}
      <h3>Its steps</h3>
      <Table
        testId="order-steps"
        head={
          <>
            <th>Step</th>
            <th>When</th>
            <th>By</th>
            <th>Detail</th>
          </>
        }
      >
        {o.steps.map((s, k) => (
          <tr key={k} data-testid={`order-step-${k}`}>
            <td>{stateLabel(s.state)}</td>
            <td className="small">{formatDate(s.at)}</td>
            <td>
              <Who address={s.actor} me={view.me} />
            </td>
            <td className="small">
              {stepDetail(s, view, o.unitText)}
              {s.reason && (
                <>
                  reason <span data-hash>{shortHash(s.reason)}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
