// The buyer's tab: recording a holder's landings against their entitlement; the landings I recorded.
import { useState, type FormEvent } from "react";
import { formatUnits, type Address } from "viem";
import { AccountSelect } from "../shared/AccountSelect";
import { sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { textToBytes32 } from "../shared/units";
import { Amount, LandingsTable, SeasonGate } from "./bits";
import { holdsSomething, useApprovals, useHolders, useHolding } from "./data";
import type { ResourceView } from "./ResourcePage";
import { AmountField } from "../shared/AmountField";
import { Outcome, useOutcome } from "../shared/Outcome";
import { TextField } from "../shared/TextField";

/** A registered buyer's (harbour's) view: record a landing for a holder with a fish ticket; my recorded landings. */
export function Buyer(view: ResourceView) {
  const { r, me } = view;
  const registered = r.buyers.some((b) => sameAddress(b, me));
  return (
    <>
      <section className="panel">
        <h2>Record a landing</h2>
        <p className="muted small">
          Registered buyers: {r.buyers.map(nameOf).join(", ") || "none yet"}. A landing burns the holder&apos;s
          entitlement; the holder must have allowed you, and nothing is landed in a closed period.
        </p>
        <SeasonGate r={r} action="record landings">
          {!registered ? (
            <p className="notice">
              {me && nameOf(me)} is not a registered buyer for {r.info.name}. The council registers buyers and ports.
            </p>
          ) : (
            <LandingForm {...view} />
          )}
        </SeasonGate>
      </section>
      <section className="panel">
        <h2>{registered ? "Landings I recorded" : "Landings"}</h2>
        <LandingsTable r={r} filter={registered ? { buyer: me } : {}} me={me} testId="buyer-landings" />
      </section>
    </>
  );
}

function LandingForm({ r, me, actions }: ResourceView) {
  const [holder, setHolder] = useState("");
  const [amountText, setAmountText] = useState("");
  const [ticket, setTicket] = useState("");
  const { error, setError, busy, setBusy, done, setDone, edited } = useOutcome();
  const chosen = holder ? (holder as Address) : undefined;
  const position = useHolding(r.id, chosen).data;
  const h = position && holdsSomething(position) ? position : undefined;
  const allowed = (useApprovals(r.id, chosen).data ?? []).some((b) => sameAddress(b, me));
  const holders = useHolders(r.id).data?.pages.flatMap((p) => p.items.map((x) => x.holder)) ?? [];
  const parsed = amountText.trim() ? r.unit.parse(amountText) : undefined;
  const amount = parsed && "value" in parsed ? parsed.value : undefined;
  const ticketHex = textToBytes32(ticket.trim());

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!holder) return setError("Choose whose catch this is.");
    if (!parsed) return setError(`Enter the landed amount in ${r.unit.symbol}.`);
    if ("error" in parsed) return setError(parsed.error);
    if (!ticket.trim() || !ticketHex) return setError("Enter the fish ticket id (up to 31 characters).");
    setError(undefined);
    setBusy(true);
    setDone(undefined);
    const outcome = await actions.recordLanding(holder as Address, parsed.value, ticketHex);
    setBusy(false);
    if (outcome.ok) {
      setDone(`Recorded ${r.unit.fmt(parsed.value)} for ${nameOf(holder)} (ticket ${ticket.trim()}).`);
      setAmountText("");
      setTicket("");
    } else setError(outcome.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="row">
        <label className="field">
          <span>Holder</span>
          <AccountSelect
            value={holder}
            onChange={edited(setHolder)}
            accounts={holders}
            personas={false}
            testId="landing-holder"
            placeholder="Whose catch?"
          />
        </label>
        <AmountField
          label={`Amount (${r.unit.symbol})`}
          value={amountText}
          onChange={edited(setAmountText)}
          invalid={!!parsed && "error" in parsed}
          placeholder="250"
          testId="landing-amount-input"
        />
        <TextField
          label="Fish ticket"
          narrow
          value={ticket}
          onChange={setTicket}
          maxLength={31}
          placeholder="HB-0001"
          testId="landing-ticket-input"
        />
      </div>
      {h && (
        <p className="small" data-testid="landing-holder-state">
          {nameOf(h.holder)} has <Amount value={h.entitlement} unit={r.unit} testId="landing-holder-left" /> of
          entitlement left this season{allowed ? "" : " and has not allowed you to record their landings"}.{" "}
          {h.entitlement > 0n && (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              data-testid="landing-all"
              onClick={() => setAmountText(formatUnits(h.entitlement, r.unit.decimals))}
            >
              Land all that is left
            </button>
          )}
        </p>
      )}
      {parsed && "error" in parsed && <p className="error small">{parsed.error}</p>}
      <Outcome testId="landing" error={error} done={done} />
      <button className="btn" type="submit" disabled={busy} data-testid="landing-submit">
        {busy ? "Recording…" : amount && holder ? `Record ${r.unit.fmt(amount)} for ${nameOf(holder)}` : "Record"}
      </button>
    </form>
  );
}
