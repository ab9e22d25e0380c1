// A holder's quota tab: my holding, transferring entitlement (the recipient's room from its position), the buyers I
// allow, and my landings.
import { useState, type FormEvent } from "react";
import { AccountField, pickedAccount } from "../shared/AccountSelect";
import { WalletGate } from "../shared/gate";
import { formatInt, sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";

import { Amount, LandingsTable, SeasonGate } from "./bits";
import { holdsSomething, useApprovals, useHolders, useHolding, type Holding } from "./data";
import type { ResourceView } from "./ResourcePage";
import { Who } from "../shared/Who";
import { AmountField } from "../shared/AmountField";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Figure } from "../shared/Figure";
import { Submit } from "../shared/Submit";

/** A quota holder's (fisher's, co-op's) view: shares, this season's entitlement, transfers, buyers, landings. */
export function Quota(view: ResourceView) {
  const { r, me } = view;
  const mine = useHolding(r.id, me);
  const h = mine.data && holdsSomething(mine.data) ? mine.data : undefined;
  return (
    <WalletGate action="see your quota">
      {mine.error ? (
        <p className="error">Could not read your quota: {mine.error.message}</p>
      ) : mine.isLoading ? (
        <p className="muted">Loading your quota…</p>
      ) : !h ? (
        <section className="panel">
          <h2>No quota</h2>
          <p>
            {me && nameOf(me)} holds no quota shares of {r.info.name}. Shares are given at registration by the council,
            and this season&apos;s entitlement can be received from a holder.
          </p>
        </section>
      ) : (
        <>
          <MyHolding {...view} h={h} />
          <TransferForm {...view} mine={h} />
          <Buyers {...view} />
        </>
      )}
      <section className="panel">
        <h2>My landings</h2>
        <LandingsTable r={r} filter={{ holder: me }} me={me} testId="my-landings" empty="Nothing landed yet." />
      </section>
    </WalletGate>
  );
}

function MyHolding({ r, h }: ResourceView & { h: Holding }) {
  const share = (Number(h.shares) / r.info.totalShares) * 100;
  const fig = (label: string, value: bigint, testId: string, title?: string) => (
    <Figure label={label} title={title}>
      <Amount value={value} unit={r.unit} testId={testId} />
    </Figure>
  );
  return (
    <section className="panel" data-testid="my-holding">
      <h2>My quota · season {r.current || "—"}</h2>
      <dl className="figures figures-wide">
        <Figure label="Quota shares" testId="my-shares">
          {formatInt(h.shares)} <span className="muted small">({share.toFixed(1)} % of all)</span>
        </Figure>
        {fig("Allocated", h.allocated, "my-allocated", "Season shares × allocation per share")}
        {fig(
          h.settled ? "Carried in" : "Pending carry-in",
          h.carriedIn,
          "my-carried-in",
          "Unused entitlement from the previous season, up to the carry limit",
        )}
        {fig("Received", h.received, "my-received")}
        {fig("Sent", h.sent, "my-sent")}
        {fig("Landed", h.landed, "my-landed")}
        {fig("Entitlement left", h.entitlement, "my-entitlement")}
        {fig("Carry limit", h.carryLimit, "my-carry-limit", "Most of what is left that carries into the next season")}
      </dl>
      <p className="muted small">
        Entitlement = allocated + carried in + received − sent − landed. What is left at the end of the season carries
        over up to the carry limit ({r.info.carryOverBps / 100} % of your allocation); the rest stays in the sea.
      </p>
    </section>
  );
}

function TransferForm({ r, me, actions, mine }: ResourceView & { mine: Holding }) {
  const [to, setTo] = useState("");
  const [amountText, setAmountText] = useState("");
  const parsed = r.unit.parse(amountText);
  const amount = "value" in parsed ? parsed.value : undefined;
  const picked = pickedAccount(to, "Choose the recipient.");
  const recipientAddress = "value" in picked ? picked.value : undefined;
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt, resetFields } = useOutcome({
    to: "error" in picked ? picked.error : undefined,
    amount: "error" in parsed ? parsed.error : undefined,
  });
  // The recipient's position now (it may hold nothing yet), and the holders to choose from.
  const recipient = useHolding(r.id, recipientAddress);
  const holders = useHolders(r.id).items?.map((h) => h.holder) ?? [];
  const held = recipient.data ? recipient.data.entitlement + recipient.data.landed : undefined;
  const room = held !== undefined ? (r.maxHolding > held ? r.maxHolding - held : 0n) : undefined;
  // The registry's checks in its order: the sender's entitlement, then the recipient's concentration cap.
  const blocked =
    !me || !recipientAddress || amount === undefined
      ? undefined
      : mine.entitlement < amount
        ? actions.refusal("InsufficientEntitlement", {
            resourceId: r.id,
            holder: me,
            entitlement: mine.entitlement,
            amount,
          })
        : held !== undefined && held + amount > r.maxHolding
          ? actions.refusal("ConcentrationCapExceeded", {
              resourceId: r.id,
              recipient: recipientAddress,
              maxHolding: r.maxHolding,
              wouldHold: held + amount,
            })
          : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !recipientAddress || amount === undefined || blocked) return;
    setError(undefined);
    setBusy(true);
    setDone(undefined);
    const outcome = await actions.transfer(recipientAddress, amount);
    setBusy(false);
    if (outcome.ok) {
      setDone(`Sent ${r.unit.fmt(amount)} to ${nameOf(to)}.`);
      setAmountText("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <section className="panel">
      <h2>Transfer entitlement</h2>
      <p className="muted small">
        Move part of this season&apos;s entitlement to another holder (not during a closed period). The recipient may
        hold at most {r.info.concentrationCapBps / 100} % of the season&apos;s cap (entitlement + landed).
      </p>
      <SeasonGate r={r} action="transfer entitlement">
        <form className="form" onSubmit={onSubmit} noValidate>
          <div className="row">
            <AccountField
              label="To"
              error={problems.to}
              value={to}
              onChange={edited(setTo, "to")}
              accounts={holders}
              exclude={[me]}
              testId="transfer-to"
              placeholder="Choose the recipient"
            />
            <AmountField
              label={`Amount (${r.unit.symbol})`}
              value={amountText}
              onChange={edited(setAmountText, "amount")}
              error={problems.amount}
              placeholder="1000"
              testId="transfer-amount"
            />
          </div>
          <p className="small">
            You hold <Amount value={mine.entitlement} unit={r.unit} /> of entitlement.
          </p>
          {to && held !== undefined && room !== undefined && (
            <p className="small" data-testid="transfer-room">
              Max holding this season <Amount value={r.maxHolding} unit={r.unit} testId="transfer-max" />; {nameOf(to)}{" "}
              holds <Amount value={held} unit={r.unit} testId="transfer-held" /> (entitlement + landed), so can receive
              at most <Amount value={room} unit={r.unit} testId="transfer-max-receive" />.
            </p>
          )}
          <Outcome testId="transfer" error={error} done={done} />
          <Submit testId="transfer-submit" busy={busy} blocked={blocked}>
            {busy
              ? "Transferring…"
              : amount && recipientAddress
                ? `Transfer ${r.unit.fmt(amount)} to ${nameOf(recipientAddress)}`
                : "Transfer"}
          </Submit>
        </form>
      </SeasonGate>
    </section>
  );
}

function Buyers({ r, me, actions }: ResourceView) {
  const [busy, setBusy] = useState<string>();
  const allowed = useApprovals(r.id, me).data ?? [];
  return (
    <section className="panel">
      <h2>Buyers I allow</h2>
      <p className="muted small">
        A registered buyer or port records your landings, burning your entitlement. It can do so only if you allow it.
      </p>
      {r.buyers.length === 0 ? (
        <p className="muted">No buyer is registered for {r.info.name} yet; the council registers buyers.</p>
      ) : (
        <ul className="list">
          {r.buyers.map((b) => {
            const on = allowed.some((a) => sameAddress(a, b));
            return (
              <li key={b} className="list-item" data-testid={`buyer-${b}`}>
                <span>
                  <Who address={b} me={me} />{" "}
                  <span className="muted small" data-testid="buyer-approved">
                    {on ? "allowed" : "not allowed"}
                  </span>
                </span>
                <button
                  className={`btn btn-small${on ? " btn-ghost" : ""}`}
                  disabled={!!busy}
                  data-testid="buyer-toggle"
                  onClick={async () => {
                    setBusy(b);
                    await actions.approveBuyer(b, !on);
                    setBusy(undefined);
                  }}
                >
                  {busy === b ? "Saving…" : on ? "Stop allowing" : "Allow"}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
