// The buyer's tab: recording a holder's landings against their entitlement; the landings I recorded.
import { useState, type FormEvent } from "react";
import { formatUnits } from "viem";
import { AccountField, pickedAccount } from "../shared/AccountSelect";
import { sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { textToBytes32 } from "../shared/units";
import { Amount, LandingsTable, SeasonGate } from "./bits";
import { holdsSomething, useApprovals, useHolders, useHolding } from "./data";
import type { ResourceView } from "./ResourcePage";
import { AmountField } from "../shared/AmountField";
import { Outcome, useOutcome } from "../shared/Outcome";
import { TextField } from "../shared/TextField";
import { Submit } from "../shared/Submit";

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
  const parsed = r.unit.parse(amountText);
  const amount = "value" in parsed ? parsed.value : undefined;
  const ticketHex = textToBytes32(ticket.trim());
  const picked = pickedAccount(holder, "Choose whose catch this is.");
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt, resetFields } = useOutcome({
    holder: "error" in picked ? picked.error : undefined,
    amount: "error" in parsed ? parsed.error : undefined,
    ticket: ticket.trim() && ticketHex ? undefined : "Enter the fish ticket id (up to 31 characters).",
  });
  const chosen = "value" in picked ? picked.value : undefined;
  const position = useHolding(r.id, chosen).data;
  const h = position && holdsSomething(position) ? position : undefined;
  const approvals = useApprovals(r.id, chosen).data;
  const allowed = approvals?.some((b) => sameAddress(b, me));
  const holders = useHolders(r.id).items?.map((x) => x.holder) ?? [];
  // The registry's checks in its order, once the holder's approvals and position are read: the holder allows me,
  // then the landing fits the entitlement left.
  const blocked =
    !me || !chosen || amount === undefined
      ? undefined
      : allowed === false
        ? actions.refusal("BuyerNotApproved", { resourceId: r.id, holder: chosen, buyer: me })
        : allowed && position && position.entitlement < amount
          ? actions.refusal("LandingExceedsEntitlement", {
              resourceId: r.id,
              holder: chosen,
              entitlement: position.entitlement,
              amount,
            })
          : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !chosen || amount === undefined || !ticketHex || blocked) return;
    setError(undefined);
    setBusy(true);
    setDone(undefined);
    const outcome = await actions.recordLanding(chosen, amount, ticketHex);
    setBusy(false);
    if (outcome.ok) {
      setDone(`Recorded ${r.unit.fmt(amount)} for ${nameOf(chosen)} (ticket ${ticket.trim()}).`);
      setAmountText("");
      setTicket("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="row">
        <AccountField
          label="Holder"
          error={problems.holder}
          value={holder}
          onChange={edited(setHolder, "holder")}
          accounts={holders}
          personas={false}
          testId="landing-holder"
          placeholder="Whose catch?"
        />
        <AmountField
          label={`Amount (${r.unit.symbol})`}
          value={amountText}
          onChange={edited(setAmountText, "amount")}
          error={problems.amount}
          placeholder="250"
          testId="landing-amount-input"
        />
        <TextField
          label="Fish ticket"
          narrow
          value={ticket}
          onChange={edited(setTicket, "ticket")}
          error={problems.ticket}
          maxLength={31}
          placeholder="HB-0001"
          testId="landing-ticket-input"
        />
      </div>
      {h && (
        <p className="small" data-testid="landing-holder-state">
          {nameOf(h.holder)} has <Amount value={h.entitlement} unit={r.unit} testId="landing-holder-left" /> of
          entitlement left this season.{" "}
          {h.entitlement > 0n && (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              data-testid="landing-all"
              onClick={() => edited(setAmountText, "amount")(formatUnits(h.entitlement, r.unit.decimals))}
            >
              Land all that is left
            </button>
          )}
        </p>
      )}
      <Outcome testId="landing" error={error} done={done} />
      <Submit testId="landing-submit" busy={busy} blocked={blocked}>
        {busy ? "Recording…" : amount && holder ? `Record ${r.unit.fmt(amount)} for ${nameOf(holder)}` : "Record"}
      </Submit>
    </form>
  );
}
