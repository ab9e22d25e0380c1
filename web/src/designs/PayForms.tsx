// A valid licence's forms: report units produced (paying the fee per unit under a commercial licence, nothing under a
// commons one) and, where the terms ask a fee per period, pay periods of use. Each shows the fee and where it goes
// (each ancestor's share, then the design's contributors) before sending, computed as the contract does (./fees.ts).
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useChainTime } from "../shared/chainTime";
import { formatAmount, formatDate, formatDuration } from "../shared/format";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { TextField } from "../shared/TextField";
import { designName, pct, useCurrency } from "./bits";
import type { Design, Licence, Terms } from "./data";
import { feeForPeriods, feeForUnits, lastPeriodStart, splitFee } from "./fees";
import { useDesignsWrites } from "./writes";

const MAX_UNITS = 2n ** 128n - 1n;
const MAX_PERIODS = 2 ** 32 - 1;

/** A count typed by a person: a whole number from 1 to `max`, or a plain-language problem. */
function parseCount(text: string, what: string, max: bigint): { value: bigint } | { error: string } {
  const t = text.trim().replace(/[,_ ]/g, "");
  if (!/^\d+$/.test(t)) return { error: `Enter a whole number of ${what}, like 10.` };
  const value = BigInt(t);
  if (value === 0n) return { error: `Enter at least one ${what.replace(/s$/, "")}.` };
  if (value > max) return { error: `At most ${max} ${what} at once.` };
  return { value };
}

export function PayForms({ design: d, licence, me }: { design: Design; licence: Licence; me: Address }) {
  const terms = d.termsVersions.find((t) => t.version === licence.termsVersion) ?? d.terms;
  return (
    <div className="grid-2">
      <ReportForm design={d} licence={licence} terms={terms} me={me} />
      {licence.tier === "commercial" && terms.feePerPeriod > 0n && (
        <PeriodsForm design={d} licence={licence} terms={terms} me={me} />
      )}
    </div>
  );
}

interface FormProps {
  design: Design;
  licence: Licence;
  terms: Terms;
  me: Address;
}

/** Where `fee` goes, in words: each ancestor's share, then the design's contributors. */
function FeeSplitLine({ design: d, fee, currency }: { design: Design; fee: bigint; currency: Address }) {
  const token = useCurrency(currency);
  if (!token || fee === 0n) return null;
  const split = splitFee(fee, d.ancestors);
  const amount = (v: bigint) => `${formatAmount(v, token.decimals, 6)} ${token.symbol}`;
  return (
    <p className="muted small" data-testid="fee-split">
      You pay {amount(fee)}:{" "}
      {split.ancestors.map((a, i) => (
        <span key={a.designId.toString()}>
          {amount(a.amount)} to {d.ancestors[i].name || `design #${a.designId}`} ({pct(d.ancestors[i].shareBps)}),{" "}
        </span>
      ))}
      {amount(split.project)} to {designName(d)}'s contributors, shared by their points.
    </p>
  );
}

function ReportForm({ design: d, licence, terms, me }: FormProps) {
  const actions = useDesignsWrites();
  const [units, setUnits] = useState("");
  const parsed = parseCount(units, "units", MAX_UNITS);
  const count = "value" in parsed ? parsed.value : undefined;
  const fee = count === undefined || licence.tier === "commons" ? 0n : feeForUnits(terms, count);
  const token = useCurrency(terms.currency);
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt, resetFields } = useOutcome({
    units: "error" in parsed ? parsed.error : undefined,
  });

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || count === undefined) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.reportProduction(licence.id, count, fee, terms.currency, me, designName(d));
    setBusy(false);
    if (outcome.ok) {
      setDone(`Reported ${count} unit${count === 1n ? "" : "s"}.`);
      setUnits("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="report-form">
      <h3>Report production</h3>
      <p className="muted small">
        {licence.tier === "commons"
          ? "Your licence is free: reporting what you made keeps the open books true."
          : terms.feePerUnit > 0n
            ? `Each unit made costs ${token ? `${formatAmount(terms.feePerUnit, token.decimals, 6)} ${token.symbol}` : "…"}, paid as you report.`
            : "These terms ask no fee per unit: reporting keeps the open books true."}{" "}
        {licence.unitsReported > 0n && `${licence.unitsReported} reported so far.`}
      </p>
      <TextField
        label="Units made"
        narrow
        inputMode="numeric"
        value={units}
        onChange={edited(setUnits, "units")}
        placeholder="e.g. 10"
        testId="report-units"
        error={problems.units}
      />
      <FeeSplitLine design={d} fee={fee} currency={terms.currency} />
      <Outcome testId="report" error={error} done={done} />
      <Submit testId="report-submit" busy={busy}>
        {busy ? "Reporting…" : fee > 0n ? "Report and pay" : "Report"}
      </Submit>
    </form>
  );
}

function PeriodsForm({ design: d, licence, terms, me }: FormProps) {
  const actions = useDesignsWrites();
  const now = useChainTime();
  const token = useCurrency(terms.currency);
  const [periods, setPeriods] = useState("");
  const parsed = parseCount(periods, "periods", BigInt(MAX_PERIODS));
  const count = "value" in parsed ? parsed.value : undefined;
  const fee = count === undefined ? 0n : feeForPeriods(terms, count);
  // The contract refuses periods whose last one would start at or after the licence's expiry.
  const start =
    count === undefined || now === undefined
      ? undefined
      : lastPeriodStart(licence.paidUntil, now, Number(count), terms.periodLength);
  const beyond = start !== undefined && start >= licence.expiresAt;
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt, resetFields } = useOutcome({
    periods:
      "error" in parsed
        ? parsed.error
        : beyond
          ? actions.refusal("PeriodsBeyondExpiry", { licenceId: licence.id, expiresAt: licence.expiresAt })
          : undefined,
  });

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || count === undefined) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.payPeriods(licence.id, Number(count), fee, terms.currency, me, designName(d));
    setBusy(false);
    if (outcome.ok) {
      setDone(`Paid ${count} period${count === 1n ? "" : "s"}.`);
      setPeriods("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="periods-form">
      <h3>Pay for periods of use</h3>
      <p className="muted small">
        {token ? `${formatAmount(terms.feePerPeriod, token.decimals, 6)} ${token.symbol}` : "…"} per{" "}
        {formatDuration(terms.periodLength)}.{" "}
        {licence.paidUntil > licence.takenAt ? `Paid until ${formatDate(licence.paidUntil)}.` : "No period paid yet."}{" "}
        The licence ends {formatDate(licence.expiresAt)}.
      </p>
      <TextField
        label="Periods"
        narrow
        inputMode="numeric"
        value={periods}
        onChange={edited(setPeriods, "periods")}
        placeholder="e.g. 1"
        testId="pay-periods"
        error={problems.periods}
      />
      <FeeSplitLine design={d} fee={fee} currency={terms.currency} />
      <Outcome testId="periods" error={error} done={done} />
      <Submit testId="periods-submit" busy={busy}>
        {busy ? "Paying…" : "Pay"}
      </Submit>
    </form>
  );
}
