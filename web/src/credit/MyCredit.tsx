// My credit tab: the network's summary, credit offers and lines, the offer form, and my balances.
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { StackedBarChart } from "../shared/Chart";
import { WalletGate } from "../shared/gate";
import { formatInt, sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { href } from "../shared/router";
import { MemberSelect, Signed } from "./bits";
import type { CreditView } from "./CreditPage";
import { useCreditMembers, type CreditLine } from "./data";
import { capacityOf, claimOf, lineOf } from "./model";
import { Who } from "../shared/Who";
import { Figure } from "../shared/Figure";
import { TextField } from "../shared/TextField";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { useAct } from "../shared/act";
import { Table } from "../shared/Table";

/** My credit: offers waiting for me, my lines (chart + table), changing lines, balances, the network in figures. */
export function MyCredit(view: CreditView) {
  const mine = view.mine?.member;
  return (
    <>
      <NetworkSummary {...view} />
      <WalletGate action="see your credit lines">
        {!mine ? (
          <section className="panel">
            <h2>You are not a member</h2>
            <p>
              A steward admits members to the network. Once admitted, members offer each other credit lines and pay on
              credit. {view.isSteward && <a href={href("credit", "members")}>Admit members</a>}
            </p>
          </section>
        ) : (
          <>
            <Offers {...view} />
            <Lines {...view} />
            <OfferForm {...view} />
            <Balances {...view} />
          </>
        )}
      </WalletGate>
    </>
  );
}

function NetworkSummary({ info, unit }: CreditView) {
  const { activeMembers: active, suspendedMembers: suspended } = info;
  return (
    <section className="panel">
      <h2>The network</h2>
      <dl className="figures figures-wide" data-testid="network-summary">
        <Figure label="Members" testId="summary-members">
          {active}
          {suspended > 0 ? ` (+${suspended} suspended)` : ""}
        </Figure>
        <Figure label="Credit lines">
          {formatInt(info.openLines)}{" "}
          <span className="muted small">
            ({unit.num(info.creditInUse)} of {unit.fmt(info.creditLimit)} used)
          </span>
        </Figure>
        <Figure label="Outstanding invoices" testId="summary-outstanding">
          {unit.fmt(info.outstanding)} <span className="muted small">({formatInt(info.openObligations)} open)</span>
        </Figure>
        <Figure
          label="NID (clearing floor)"
          title="Net internal debt: what remains owed however much is cleared, the floor set-off cannot go below"
          testId="summary-nid"
        >
          {unit.fmt(info.nid)}
        </Figure>
        <Figure label="Clearing epochs">{formatInt(info.epochCount)}</Figure>
      </dl>
    </section>
  );
}

function Offers({ mine, me, unit, actions }: CreditView) {
  const { busy, act } = useAct();
  const lines = mine?.lines ?? [];
  const toMe = lines.filter((l) => l.offer > 0n && sameAddress(l.receiver, me));
  const fromMe = lines.filter((l) => l.offer > 0n && sameAddress(l.giver, me));
  if (toMe.length === 0 && fromMe.length === 0) return null;
  return (
    <section className="panel panel-warn">
      <h2>Offers</h2>
      {toMe.length > 0 && (
        <>
          <p className="muted small">
            Accepting a line lets you owe the giver up to the limit: you can pay them, or pay others through them. You
            accept exactly the amount shown.
          </p>
          <ul className="list">
            {toMe.map((l) => (
              <li key={l.giver} className="list-item" data-testid={`offer-from-${l.giver}`}>
                <span>
                  <Who address={l.giver} me={me} /> offers you a line of <strong>{unit.fmt(l.offer)}</strong>
                  {l.limit > 0n && <span className="muted"> (now {unit.fmt(l.limit)})</span>}
                </span>
                <span className="actions">
                  <button
                    className="btn btn-small"
                    disabled={!!busy}
                    data-testid="accept-offer"
                    onClick={() => act(`a${l.giver}`, () => actions.acceptLine(l.giver, l.offer))}
                  >
                    {busy === `a${l.giver}` ? "Accepting…" : `Accept ${unit.fmt(l.offer)}`}
                  </button>
                  <button
                    className="btn btn-small btn-ghost"
                    disabled={!!busy}
                    data-testid="decline-offer"
                    onClick={() => act(`d${l.giver}`, () => actions.cancelOffer(l.giver, l.receiver, "receiver"))}
                  >
                    Decline
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {fromMe.length > 0 && (
        <>
          <h3>Your offers waiting for acceptance</h3>
          <ul className="list">
            {fromMe.map((l) => (
              <li key={l.receiver} className="list-item" data-testid={`offer-to-${l.receiver}`}>
                <span>
                  To <Who address={l.receiver} me={me} />: <strong>{unit.fmt(l.offer)}</strong>
                  {l.limit > 0n && <span className="muted"> (now {unit.fmt(l.limit)})</span>}
                </span>
                <button
                  className="btn btn-small btn-ghost"
                  disabled={!!busy}
                  onClick={() => act(`w${l.receiver}`, () => actions.cancelOffer(l.giver, l.receiver, "giver"))}
                >
                  Withdraw
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Lines({ mine, me, unit, actions }: CreditView) {
  const [busy, setBusy] = useState<string>();
  const lines = mine?.lines ?? [];
  const receive = lines.filter((l) => l.limit > 0n && sameAddress(l.receiver, me));
  const give = lines.filter((l) => l.limit > 0n && sameAddress(l.giver, me));
  const avail = (l: CreditLine) => (l.limit > l.used ? l.limit - l.used : 0n);
  const bars = (ls: CreditLine[], other: (l: CreditLine) => Address, usedName: string, availName: string) =>
    ls.map((l) => ({
      label: nameOf(other(l)),
      segments: [
        { value: unit.float(l.used > l.limit ? l.limit : l.used), tone: "accent" as const, name: usedName },
        { value: unit.float(avail(l)), tone: "primary" as const, name: availName },
        ...(l.used > l.limit
          ? [{ value: unit.float(l.used - l.limit), tone: "danger" as const, name: "above the limit" }]
          : []),
      ],
      display: `${unit.num(l.used)} / ${unit.fmt(l.limit)}`,
    }));
  const close = async (l: CreditLine) => {
    setBusy(`${l.giver}${l.receiver}`);
    await actions.closeLine(l.giver, l.receiver);
    setBusy(undefined);
  };
  const row = (l: CreditLine, mineGives: boolean) => (
    <tr key={`${l.giver}-${l.receiver}`} data-testid={`line-${l.giver}-${l.receiver}`}>
      <td>{mineGives ? "You give" : "You receive"}</td>
      <td>
        <Who address={mineGives ? l.receiver : l.giver} me={me} />
      </td>
      <td className="num" data-testid="line-limit">
        {unit.fmt(l.limit)}
      </td>
      <td className="num" data-testid="line-used">
        {unit.fmt(l.used)}
      </td>
      <td className="num" data-testid="line-available">
        {unit.fmt(avail(l))}
      </td>
      <td className="num">
        {l.used === 0n && (
          <button className="btn btn-small btn-ghost" disabled={!!busy} onClick={() => close(l)}>
            {busy === `${l.giver}${l.receiver}` ? "Closing…" : "Close"}
          </button>
        )}
      </td>
    </tr>
  );
  return (
    <section className="panel">
      <h2>My credit lines</h2>
      {receive.length + give.length === 0 ? (
        <p className="muted">
          No lines yet. Offer someone a line below, or ask a member to offer you one: with a line from them you can pay
          them, and others through them.
        </p>
      ) : (
        <>
          <div className="grid-2">
            <div>
              <h3>Credit others give me</h3>
              {receive.length === 0 ? (
                <p className="muted small">Nobody has given you a line yet.</p>
              ) : (
                <StackedBarChart
                  title="Lines I receive: what I owe versus what I can still use, per giver"
                  labelWidth={90}
                  valueWidth={150}
                  bars={bars(receive, (l) => l.giver, "I owe", "I can still use")}
                />
              )}
            </div>
            <div>
              <h3>Credit I give</h3>
              {give.length === 0 ? (
                <p className="muted small">You give no lines yet.</p>
              ) : (
                <StackedBarChart
                  title="Lines I give: what they owe me versus what they can still use, per receiver"
                  labelWidth={90}
                  valueWidth={150}
                  bars={bars(give, (l) => l.receiver, "owes me", "they can still use")}
                />
              )}
            </div>
          </div>
          <Table
            testId="lines-table"
            head={
              <>
                <th>Line</th>
                <th>With</th>
                <th className="num">Limit</th>
                <th className="num">Used</th>
                <th className="num">Available</th>
                <th />
              </>
            }
          >
            {receive.map((l) => row(l, false))}
            {give.map((l) => row(l, true))}
          </Table>
          <p className="muted small">
            Used is what the receiver owes the giver now. A giver may lower a line at any time (even below what is owed:
            then it can only shrink); a line closes only when nothing is owed on it.
          </p>
        </>
      )}
    </section>
  );
}

function OfferForm({ mine, me, unit, actions }: CreditView) {
  const members = useCreditMembers().data;
  const s = { lines: mine?.lines ?? [] };
  const [receiver, setReceiver] = useState("");
  const [limit, setLimit] = useState("");
  const current = receiver && me ? (lineOf(s, me, receiver)?.limit ?? 0n) : 0n;
  const pending = receiver && me ? (lineOf(s, me, receiver)?.offer ?? 0n) : 0n;
  const t = limit.trim();
  const parsed = t === "0" ? { value: 0n } : unit.parse(t);
  const value = "value" in parsed ? parsed.value : undefined;
  const { error, setError, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    receiver: receiver ? undefined : "Choose whom to give the line to.",
    limit:
      "error" in parsed
        ? parsed.error
        : receiver && parsed.value === current && pending === 0n && current > 0n
          ? `The line is already ${unit.fmt(current)}.`
          : undefined,
  });
  // Closing a line that does not exist (a pending offer is no line) is refused by the network.
  const blocked =
    me && receiver && value === 0n && current === 0n
      ? actions.refusal("NoCreditLine", { giver: me, receiver: receiver as Address })
      : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || value === undefined || blocked) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.offerLine(receiver as Address, value, current);
    setBusy(false);
    if (outcome.ok) {
      setLimit("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <section className="panel">
      <h2>Offer, raise or lower a line</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="row">
          <label className="field">
            <span>Give a line to</span>
            <MemberSelect
              members={members}
              value={receiver}
              onChange={edited(setReceiver, "receiver")}
              exclude={me}
              testId="offer-receiver"
              error={problems.receiver}
            />
          </label>
          <TextField
            label={<>Limit ({unit.symbol})</>}
            narrow
            value={limit}
            onChange={edited(setLimit, "limit")}
            inputMode="decimal"
            placeholder="500"
            testId="offer-limit"
            error={problems.limit}
          />
        </div>
        <p className="muted small">
          {receiver
            ? current > 0n
              ? `The line to ${nameOf(receiver)} is ${unit.fmt(current)}. A higher limit waits for ${nameOf(receiver)} to accept; a lower one (or 0) applies at once.`
              : `${nameOf(receiver)} will be able to owe you up to the limit once they accept it.`
            : "The receiver may owe you up to the limit once they accept: they can pay you, or pay others through you."}
          {pending > 0n && ` Your offer of ${unit.fmt(pending)} is still waiting; a new one replaces it.`}
        </p>
        <Outcome testId="offer" error={error} />
        <Submit testId="offer-submit" busy={busy} blocked={blocked}>
          {busy ? "Sending…" : "Send"}
        </Submit>
      </form>
    </section>
  );
}

function Balances({ mine: s, me, unit }: CreditView) {
  if (!me || !s) return null;
  const others = s.counterparties
    .filter((a) => !sameAddress(a, me))
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)))
    .map((account) => ({ account }));
  return (
    <section className="panel">
      <h2>My balance with each member</h2>
      {others.length === 0 ? (
        <p className="muted">No balances yet.</p>
      ) : (
        <Table
          testId="balances-table"
          head={
            <>
              <th>Member</th>
              <th className="num">Balance</th>
              <th className="num">I can pay them now</th>
              <th className="num">They can pay me now</th>
            </>
          }
        >
          {others.map((m) => {
            const b = claimOf(s, me, m.account);
            return (
              <tr key={m.account} data-testid={`balance-${m.account}`}>
                <td>
                  <Who address={m.account} me={me} />
                </td>
                <td className="num" title={b > 0n ? "they owe you" : b < 0n ? "you owe them" : "even"}>
                  <Signed value={b} unit={unit} testId="balance-value" />
                  <span className="muted small"> {b > 0n ? "they owe you" : b < 0n ? "you owe them" : "even"}</span>
                </td>
                <td className="num">{unit.fmt(capacityOf(s, me, m.account))}</td>
                <td className="num">{unit.fmt(capacityOf(s, m.account, me))}</td>
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}
