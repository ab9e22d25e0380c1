// Retirement: burning impact units for a named beneficiary against a non-transferable certificate; my holdings and
// certificates.
import { useState, type FormEvent } from "react";
import { WalletGate } from "../shared/gate";
import { formatDate } from "../shared/format";
import { href } from "../shared/router";
import { ClaimLink, StatusBadge, Tonnes, claimLine } from "./bits";
import { fmtT, parseTonnes, useHoldings, type Holdings } from "./data";
import type { ImpactView } from "./ImpactPage";
import { idFromReceipt } from "./writes";
import { Outcome } from "../shared/Outcome";
import { TextField } from "../shared/TextField";

const MAX_BENEFICIARY_BYTES = 128;

export function Retire(view: ImpactView & { claim?: string }) {
  const { base, me } = view;
  const holdings = useHoldings(me);
  const held = holdings.data?.units ?? [];
  return (
    <WalletGate action="retire impact units">
      <section className="panel">
        <h2>Retire units</h2>
        <p className="muted small">
          Retiring burns your units for good and issues you a certificate naming the beneficiary — whoever the reduction
          is claimed for. Certificates cannot be transferred; if the claim is later revoked, they are flagged.
        </p>
        {holdings.error ? (
          <p className="error">Could not read your units: {holdings.error.message}</p>
        ) : !holdings.data ? (
          <p className="muted">Loading your units…</p>
        ) : held.length === 0 ? (
          <p className="muted" data-testid="retire-nothing">
            You hold no impact units. <a href={href("impact", "market")}>Buy some on the marketplace</a>.
          </p>
        ) : (
          <RetireForm {...view} holdings={holdings.data} />
        )}
      </section>
      <section className="panel">
        <h2>My units</h2>
        {held.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <ul className="list" data-testid="my-units">
            {held.map(({ claim: c, balance, retirable }) => (
              <li key={c.id.toString()} className="list-item">
                <span>
                  <ClaimLink id={c.id} /> {claimLine(base, c)}
                </span>
                <span>
                  <Tonnes kg={balance} testId="my-units-balance" />
                  {retirable < balance && <span className="muted small"> ({fmtT(retirable)} not frozen)</span>}{" "}
                  <StatusBadge c={c} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {holdings.data && <MyCertificates holdings={holdings.data} />}
    </WalletGate>
  );
}

function RetireForm({ actions, claim, holdings }: ImpactView & { claim?: string; holdings: Holdings }) {
  const held = holdings.units.filter((h) => h.retirable > 0n).map((h) => ({ ...h.claim, max: h.retirable }));
  const [claimId, setClaimId] = useState(
    claim && held.some((c) => c.id.toString() === claim) ? claim : (held[0]?.id.toString() ?? ""),
  );
  const [tonnesText, setTonnesText] = useState("");
  const [beneficiary, setBeneficiary] = useState("");
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ text: string; certificate?: bigint }>();
  const c = held.find((x) => x.id.toString() === claimId);
  const max = c ? c.max : 0n;
  const units = tonnesText.trim() ? parseTonnes(tonnesText) : undefined;
  const bytes = new TextEncoder().encode(beneficiary.trim()).length;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!c) return setError("Choose the claim whose units you retire.");
    if (!units) return setError("Enter the tonnes to retire.");
    if ("error" in units) return setError(units.error);
    if (!beneficiary.trim()) return setError("Name the beneficiary: who the reduction is claimed for.");
    if (bytes > MAX_BENEFICIARY_BYTES)
      return setError(`The beneficiary takes ${bytes} bytes; at most ${MAX_BENEFICIARY_BYTES} fit on a certificate.`);
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    const out = await actions.retire(c.id, units.value, beneficiary.trim(), message.trim());
    setBusy(false);
    if (out.ok) {
      const certificate = idFromReceipt(out.receipt, "UnitsRetired");
      setDone({ text: `Retired ${fmtT(units.value)} of claim #${c.id} for ${beneficiary.trim()}.`, certificate });
      setTonnesText("");
    } else setError(out.error);
  }

  if (held.length === 0)
    return <p className="notice">Your units are all frozen by revocations: they cannot be retired.</p>;
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="row">
        <label className="field">
          <span>Claim</span>
          <select value={claimId} onChange={(e) => setClaimId(e.target.value)} data-testid="retire-claim">
            {held.map((x) => (
              <option key={x.id.toString()} value={x.id.toString()}>
                #{x.id.toString()} · {fmtT(x.max)} held
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="Tonnes"
          narrow
          value={tonnesText}
          onChange={setTonnesText}
          inputMode="decimal"
          placeholder={fmtT(max).replace(/ t$/, "")}
          testId="retire-tonnes"
          aria-invalid={!!units && "error" in units}
        />
        <TextField
          label="Beneficiary (on the certificate)"
          value={beneficiary}
          onChange={setBeneficiary}
          placeholder="Harbour Festival 2026"
          testId="retire-beneficiary"
          aria-invalid={bytes > MAX_BENEFICIARY_BYTES}
        />
      </div>
      <TextField
        label="Message (optional, recorded with the retirement)"
        value={message}
        onChange={setMessage}
        placeholder="Offsetting our 2026 travel"
        testId="retire-message"
      />
      {c && (
        <p className="small">
          You can retire up to <Tonnes kg={max} testId="retire-max" /> of claim #{c.id.toString()}.{" "}
          {units && "value" in units && units.value > max && (
            <span className="error">That is more than you hold: the registry will refuse it.</span>
          )}
        </p>
      )}
      <Outcome
        testId="retire"
        error={error}
        done={
          done && (
            <>
              {done.text}{" "}
              {done.certificate !== undefined && (
                <a
                  href={href("impact", "certificate", done.certificate)}
                  data-testid="retire-certificate-link"
                  data-certificate={done.certificate.toString()}
                >
                  Certificate #{done.certificate.toString()}
                </a>
              )}
            </>
          )
        }
      />
      <button className="btn" type="submit" disabled={busy} data-testid="retire-submit">
        {busy ? "Retiring…" : units && "value" in units ? `Retire ${fmtT(units.value)}` : "Retire"}
      </button>
    </form>
  );
}

function MyCertificates({ holdings }: { holdings: Holdings }) {
  const mine = holdings.certificates;
  return (
    <section className="panel">
      <h2>My certificates</h2>
      {mine.length === 0 ? (
        <p className="muted">No certificates yet.</p>
      ) : (
        <ul className="list" data-testid="my-certificates">
          {mine.map((c) => (
            <li key={c.id.toString()} className="list-item">
              <span>
                <a href={href("impact", "certificate", c.id)}>Certificate #{c.id.toString()}</a>:{" "}
                <strong>{fmtT(c.units)}</strong> for {c.beneficiary} · claim <ClaimLink id={c.claimId} />
                {c.roundId ? <span className="muted small"> · matched by round {c.roundId.toString()}</span> : null}
              </span>
              <span className="small">
                {c.retiredAt ? formatDate(c.retiredAt) : `block ${c.block}`}
                {c.flagged && <span className="badge badge-rejected"> flagged</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
