// My orders: those I make (as the offer's owner) and those I buy (as the need's owner), newest first, each with the
// steps its state allows me now by the exchange's rules (./rules.ts) — accept with a promised date or decline, start
// production, ship, cancel, confirm the delivery or dispute it, settle an unconfirmed shipment — and a steward's
// resolution of disputes. A delivered order shows the obligation it became on the credit network.
import { useState, type FormEvent } from "react";
import { keccak256, stringToHex } from "viem";
import { DAY, dateInputValue, formatCountdown, useChainClock } from "../shared/chainTime";
import { formatDate, formatInt } from "../shared/format";
import { WalletGate } from "../shared/gate";
import { href } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { Table } from "../shared/Table";
import { Who } from "../shared/Who";
import { quantity, StateBadge, whatOf } from "./bits";
import type { ClusterView } from "./ClusterPage";
import { useOrderPages, type ClusterOrder, type OrderFilter } from "./data";
import { orderActions, type ActionWindow, type OrderAction } from "./rules";
import type { TxOutcome } from "../shared/tx";

const ACTION_LABEL: Record<OrderAction, string> = {
  accept: "Accept",
  decline: "Decline",
  start: "Start production",
  ship: "Mark shipped",
  cancel: "Cancel",
  confirm: "Confirm delivery",
  dispute: "Dispute",
  settle: "Settle (not confirmed)",
  resolve: "Resolve",
};

export function Orders(view: ClusterView) {
  const [role, setRole] = useState<"producer" | "buyer">("producer");
  const { me, isSteward } = view;
  return (
    <>
      <section className="panel">
        <h2>My orders</h2>
        <WalletGate action="see and act on your orders">
          <div className="tabs" role="tablist">
            {(["producer", "buyer"] as const).map((r) => (
              <button
                key={r}
                type="button"
                role="tab"
                aria-selected={role === r}
                className={`tab${role === r ? " tab-active" : ""}`}
                onClick={() => setRole(r)}
                data-testid={`orders-${r}`}
              >
                {r === "producer" ? "Orders I make" : "Orders I buy"}
              </button>
            ))}
          </div>
          {me && (
            <OrderList
              key={role}
              view={view}
              filter={role === "producer" ? { producer: me } : { buyer: me }}
              testId="my-orders"
            />
          )}
        </WalletGate>
      </section>
      {isSteward && (
        <section className="panel">
          <h2>Disputes to resolve</h2>
          <p className="muted small">
            As a steward of the credit network: settle the quantity you find delivered at the order's price (the buyer
            owes it to the producer), or cancel the order with nothing owed.
          </p>
          <OrderList view={view} filter={{ states: ["Disputed"] }} testId="disputes" />
        </section>
      )}
    </>
  );
}

function OrderList({ view, filter, testId }: { view: ClusterView; filter: OrderFilter; testId: string }) {
  const pages = useOrderPages(filter);
  const now = useChainClock();
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  if (pages.error) return <p className="error">Could not read the orders: {pages.error.message}</p>;
  if (pages.isLoading) return <p className="muted">Loading the orders…</p>;
  if (rows.length === 0)
    return (
      <p className="muted" data-testid={`${testId}-empty`}>
        No order here yet.
      </p>
    );
  return (
    <>
      <Table
        testId={testId}
        head={
          <>
            <th>#</th>
            <th>What</th>
            <th>Producer → buyer</th>
            <th className="num">Price</th>
            <th>Dates</th>
            <th>State</th>
            <th>Steps</th>
          </>
        }
      >
        {rows.map((o) => (
          <OrderRow key={o.id.toString()} order={o} view={view} now={now} />
        ))}
      </Table>
      <ShowMore pages={pages} testId={`${testId}-more`} />
    </>
  );
}

function OrderRow({ order: o, view, now }: { order: ClusterOrder; view: ClusterView; now?: number }) {
  const r = o.record;
  const actions = now === undefined ? [] : orderActions(r, view.me, view.isSteward, now);
  return (
    <tr data-testid={`order-${o.id}`}>
      <td>
        <a href={href("cluster", "order", o.id)} data-testid={`order-link-${o.id}`}>
          #{o.id.toString()}
        </a>
      </td>
      <td>
        {quantity(r.quantity, o.unit)}
        <div className="muted small">{whatOf({ category: o.category, unit: o.unit, designId: r.designId })}</div>
      </td>
      <td>
        <Who address={r.producer} me={view.me} /> → <Who address={r.buyer} me={view.me} />
      </td>
      <td className="num">
        {view.unit.fmt(r.price * r.quantity)}
        <div className="muted small">{view.unit.fmt(r.price)} / unit</div>
      </td>
      <td className="small">
        <div>Matched {formatDate(r.matchedAt)}</div>
        <div>{r.promisedAt ? `Promised by ${formatDate(r.promisedAt)}` : `Due by ${formatDate(r.dueBy)}`}</div>
        {r.shippedAt > 0 && <div>Shipped {formatDate(r.shippedAt)}</div>}
      </td>
      <td>
        <StateBadge state={r.state} />
        {o.obligationId !== undefined && (
          <div className="small" data-testid="order-obligation">
            <a href={href("credit", "obligations")}>Obligation #{o.obligationId.toString()}</a>:{" "}
            {view.unit.fmt(o.amount ?? 0n)}
            {o.deliveredQuantity !== r.quantity && ` for ${formatInt(o.deliveredQuantity)}`}
          </div>
        )}
        {r.state === "Cancelled" && o.returned > 0n && (
          <div className="muted small">{formatInt(o.returned)} returned to both intents</div>
        )}
      </td>
      <td>
        {actions.length === 0 ? (
          <span className="muted small">—</span>
        ) : (
          <Steps order={o} windows={actions} view={view} now={now!} />
        )}
      </td>
    </tr>
  );
}

/** The step buttons of one order, with the inputs some need (a promised date, a reason, a delivered quantity). */
export function Steps({
  order: o,
  windows,
  view,
  now,
}: {
  order: ClusterOrder;
  windows: ActionWindow[];
  view: ClusterView;
  now: number;
}) {
  const r = o.record;
  const { actions } = view;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [promise, setPromise] = useState(dateInputValue(Math.min(r.dueBy, now + 14 * DAY)));
  const [reason, setReason] = useState("");
  const [delivered, setDelivered] = useState(r.quantity.toString());
  const [open, setOpen] = useState<OrderAction>();

  async function run(action: OrderAction, ev?: FormEvent) {
    ev?.preventDefault();
    let send: () => Promise<TxOutcome>;
    switch (action) {
      case "accept": {
        // The end of the chosen day, but never past the need's due date.
        const at = Math.min(Date.parse(`${promise}T23:59:59`) / 1000, r.dueBy);
        if (Number.isNaN(at)) return setError("Choose the date you promise.");
        send = () => actions.acceptOrder(o.id, r, at);
        break;
      }
      case "decline":
      case "cancel":
        send = () => actions.cancelOrder(o.id, r);
        break;
      case "start":
        send = () => actions.startProduction(o.id, r);
        break;
      case "ship":
        send = () => actions.shipOrder(o.id, r);
        break;
      case "confirm":
        send = () => actions.confirmDelivery(o.id, r);
        break;
      case "settle":
        send = () => actions.settleUnconfirmed(o.id, r);
        break;
      case "dispute":
        if (!reason.trim())
          return setError("Say what is wrong: its hash goes on chain, keep the text for the steward.");
        send = () => actions.disputeOrder(o.id, r, keccak256(stringToHex(reason.trim())));
        break;
      case "resolve":
        if (!/^\d+$/.test(delivered) || BigInt(delivered) > r.quantity)
          return setError(`Enter the quantity delivered, from 0 (cancel) to ${formatInt(r.quantity)}.`);
        send = () => actions.resolveDispute(o.id, r, BigInt(delivered));
        break;
    }
    setBusy(true);
    const out = await send();
    setBusy(false);
    setError(out.ok ? undefined : out.error);
    if (out.ok) setOpen(undefined);
  }

  const withInput: OrderAction[] = ["accept", "dispute", "resolve"];
  return (
    <div className="steps" data-testid={`steps-${o.id}`}>
      <div className="actions">
        {windows.map((w) => {
          const later = w.opensAt !== undefined;
          return (
            <button
              key={w.action}
              type="button"
              className={`btn btn-small${w.action === "cancel" || w.action === "decline" || w.action === "dispute" ? " btn-ghost" : ""}`}
              disabled={busy || later}
              title={
                later
                  ? `Allowed from ${formatDate(w.opensAt!)}`
                  : w.closesAt
                    ? `Until ${formatDate(w.closesAt)}`
                    : undefined
              }
              onClick={() =>
                withInput.includes(w.action) ? setOpen(open === w.action ? undefined : w.action) : void run(w.action)
              }
              data-testid={`order-${o.id}-${w.action}`}
            >
              {ACTION_LABEL[w.action]}
            </button>
          );
        })}
      </div>
      {windows.map((w) =>
        w.opensAt !== undefined ? (
          <small key={w.action} className="muted" data-testid={`order-${o.id}-${w.action}-later`}>
            {ACTION_LABEL[w.action]}: {actions.refusal("TooEarly", { orderId: o.id, allowedAt: w.opensAt })} (in{" "}
            {formatCountdown(w.opensAt, now)})
          </small>
        ) : w.closesAt !== undefined ? (
          <small key={w.action} className="muted">
            {ACTION_LABEL[w.action]} until {formatDate(w.closesAt)}.
          </small>
        ) : null,
      )}
      {open === "accept" && (
        <form className="form" onSubmit={(ev) => void run("accept", ev)}>
          <label className="field field-narrow">
            <span>I promise it by (at most {formatDate(r.dueBy)})</span>
            <input
              type="date"
              value={promise}
              onChange={(e) => setPromise(e.target.value)}
              data-testid={`order-${o.id}-promise`}
            />
          </label>
          <button className="btn btn-small" type="submit" disabled={busy} data-testid={`order-${o.id}-accept-send`}>
            Accept the order
          </button>
        </form>
      )}
      {open === "dispute" && (
        <form className="form" onSubmit={(ev) => void run("dispute", ev)}>
          <label className="field">
            <span>What is wrong (its hash goes on chain; keep the text for the steward)</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid={`order-${o.id}-reason`} />
          </label>
          <button className="btn btn-small" type="submit" disabled={busy} data-testid={`order-${o.id}-dispute-send`}>
            Dispute the delivery
          </button>
        </form>
      )}
      {open === "resolve" && (
        <form className="form" onSubmit={(ev) => void run("resolve", ev)}>
          <label className="field field-narrow">
            <span>Delivered (0 cancels it)</span>
            <input
              value={delivered}
              onChange={(e) => setDelivered(e.target.value)}
              inputMode="numeric"
              data-testid={`order-${o.id}-delivered`}
            />
          </label>
          <button className="btn btn-small" type="submit" disabled={busy} data-testid={`order-${o.id}-resolve-send`}>
            Resolve the dispute
          </button>
        </form>
      )}
      {error && (
        <p className="error small" data-testid={`order-${o.id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
