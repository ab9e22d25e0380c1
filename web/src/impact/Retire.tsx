// Retirement: burning impact units for a named beneficiary against a non-transferable certificate; my holdings and
// certificates.
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { WalletGate } from "../shared/gate";
import { formatDate, sameAddress } from "../shared/format";
import { href } from "../shared/router";
import { ClaimLink, StatusBadge, Tonnes, claimLine } from "./bits";
import { fmtT, parseTonnes, retirable, useCertificates, useHoldings, useImpactClaim, type Holding } from "./data";
import { ShowMore } from "../shared/ShowMore";
import type { ImpactView } from "./ImpactPage";
import { idFromReceipt } from "./writes";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { TextField, useFieldProblem } from "../shared/TextField";

const MAX_BENEFICIARY_BYTES = 128;
/** IImpactRegistry.ClaimStatus.Revoked: the claimant's frozen units cannot move. */
const REVOKED = 4;

export function Retire(view: ImpactView & { claim?: string }) {
  const { base, me } = view;
  // My units, newest claim first, a page at a time (the form offers those read so far).
  const holdings = useHoldings(me);
  const held = holdings.items ?? [];
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
        ) : !holdings.items ? (
          <p className="muted">Loading your units…</p>
        ) : held.length === 0 ? (
          <p className="muted" data-testid="retire-nothing">
            You hold no impact units. <a href={href("impact", "market")}>Buy some on the marketplace</a>.
          </p>
        ) : (
          <RetireForm {...view} held={held} />
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
        <ShowMore pages={holdings} testId="my-units-more" />
      </section>
      <MyCertificates me={me} />
    </WalletGate>
  );
}

function RetireForm({ me, actions, claim, held: read }: ImpactView & { claim?: string; held: Holding[] }) {
  // The claim the page was opened for, read on its own when it is not among the units read so far.
  const routed =
    claim && /^\d+$/.test(claim) && !read.some((h) => h.claim.id.toString() === claim) ? BigInt(claim) : undefined;
  const detail = useImpactClaim(routed).data;
  const own = (me && detail?.holders.find((h) => sameAddress(h.account, me))?.balance) || 0n;
  const all =
    detail && own > 0n ? [...read, { claim: detail, balance: own, retirable: retirable(detail, own, me) }] : read;
  const held = all.filter((h) => h.retirable > 0n).map((h) => ({ ...h.claim, balance: h.balance, max: h.retirable }));
  const [picked, setClaimId] = useState(claim ?? "");
  // The picked claim while it is offered, else the first one.
  const claimId = held.some((c) => c.id.toString() === picked) ? picked : (held[0]?.id.toString() ?? "");
  const [tonnesText, setTonnesText] = useState("");
  const [beneficiary, setBeneficiary] = useState("");
  const [message, setMessage] = useState("");
  const [done, setDone] = useState<{ text: string; certificate?: bigint }>();
  const c = held.find((x) => x.id.toString() === claimId);
  const max = c ? c.max : 0n;
  const parsed = parseTonnes(tonnesText);
  const units = "value" in parsed ? parsed.value : undefined;
  const bytes = new TextEncoder().encode(beneficiary.trim()).length;
  const { error, setError, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    claim: c ? undefined : "Choose the claim whose units you retire.",
    tonnes: !tonnesText.trim() ? "Enter the tonnes to retire." : "error" in parsed ? parsed.error : undefined,
    beneficiary: !beneficiary.trim()
      ? "Name the beneficiary: who the reduction is claimed for."
      : bytes > MAX_BENEFICIARY_BYTES
        ? `The beneficiary takes ${bytes} bytes; at most ${MAX_BENEFICIARY_BYTES} fit on a certificate.`
        : undefined,
  });
  const claimProblem = useFieldProblem(problems.claim, "retire-claim");
  // The registry's checks in its order: a fully revoked claim, then the burn (a revoked claim's claimant's frozen
  // units, else the balance).
  const blocked =
    !c || !me || units === undefined
      ? undefined
      : c.revokedUnits !== 0n && c.revokedUnits === c.verifiedUnits
        ? actions.refusal("ClaimFullyRevoked", { claimId: c.id })
        : c.status === REVOKED && sameAddress(c.claimant, me) && units > max
          ? actions.refusal("UnitsFrozen", {
              claimId: c.id,
              claimant: me,
              frozen: c.frozenUnits,
              balance: c.balance,
              requested: units,
            })
          : units > c.balance
            ? actions.refusal("ERC1155InsufficientBalance", {
                sender: me,
                balance: c.balance,
                needed: units,
                tokenId: c.id,
              })
            : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !c || units === undefined || blocked) return;
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    const out = await actions.retire(c.id, units, beneficiary.trim(), message.trim());
    setBusy(false);
    if (out.ok) {
      const certificate = idFromReceipt(out.receipt, "UnitsRetired");
      setDone({ text: `Retired ${fmtT(units)} of claim #${c.id} for ${beneficiary.trim()}.`, certificate });
      setTonnesText("");
      resetFields();
    } else setError(out.error);
  }

  if (held.length === 0)
    return <p className="notice">Your units are all frozen by revocations: they cannot be retired.</p>;
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="row">
        <label className="field">
          <span>Claim</span>
          <select
            value={claimId}
            onChange={(e) => edited(setClaimId, "claim")(e.target.value)}
            data-testid="retire-claim"
            {...claimProblem.control}
          >
            {held.map((x) => (
              <option key={x.id.toString()} value={x.id.toString()}>
                #{x.id.toString()} · {fmtT(x.max)} held
              </option>
            ))}
          </select>
          {claimProblem.line}
        </label>
        <TextField
          label="Tonnes"
          narrow
          value={tonnesText}
          onChange={edited(setTonnesText, "tonnes")}
          inputMode="decimal"
          placeholder={fmtT(max).replace(/ t$/, "")}
          testId="retire-tonnes"
          error={problems.tonnes}
        />
        <TextField
          label="Beneficiary (on the certificate)"
          value={beneficiary}
          onChange={edited(setBeneficiary, "beneficiary")}
          placeholder="Harbour Festival 2026"
          testId="retire-beneficiary"
          error={problems.beneficiary}
        />
      </div>
      <TextField
        label="Message (optional, recorded with the retirement)"
        value={message}
        onChange={edited(setMessage)}
        placeholder="Offsetting our 2026 travel"
        testId="retire-message"
      />
      {c && (
        <p className="small">
          You can retire up to <Tonnes kg={max} testId="retire-max" /> of claim #{c.id.toString()}.
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
      <Submit testId="retire-submit" busy={busy} blocked={blocked}>
        {busy ? "Retiring…" : units !== undefined ? `Retire ${fmtT(units)}` : "Retire"}
      </Submit>
    </form>
  );
}

/** The certificates `me` owns, newest first, a page at a time. */
function MyCertificates({ me }: { me?: Address }) {
  const certificates = useCertificates(me);
  const mine = certificates.items ?? [];
  return (
    <section className="panel">
      <h2>My certificates</h2>
      {certificates.error ? (
        <p className="error">Could not read your certificates: {certificates.error.message}</p>
      ) : !certificates.items ? (
        <p className="muted">Loading your certificates…</p>
      ) : mine.length === 0 ? (
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
      <ShowMore pages={certificates} testId="my-certificates-more" />
    </section>
  );
}
