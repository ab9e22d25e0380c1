// The public claims screen: the newest claims with their status and tonnes, filtered, a page at a time, with the
// registry's totals; and one claim's page with its evidence, votes, listing, holders, certificates and history.
import { ClaimStatus } from "@cosmolocal/sdk";
import { useState } from "react";
import { formatDate, sameAddress } from "../shared/format";
import { href } from "../shared/router";
import { nameOf } from "../shared/names";
import { Who } from "../shared/Who";
import { describeEvidence } from "../contribution/evidence";
import {
  ClaimCell,
  ClaimLink,
  Hash,
  SelectField,
  MethodologyFilter,
  Money,
  Reason,
  StatusBadge,
  Tonnes,
  claimLine,
} from "./bits";
import {
  fmtPricePerTonne,
  fmtT,
  historyText,
  methodologyName,
  periodText,
  retirable,
  useImpactClaim,
  useImpactClaims,
  type ClaimCore,
} from "./data";
import type { ImpactView } from "./ImpactPage";
import { Figure } from "../shared/Figure";
import { TextField } from "../shared/TextField";
import { Table } from "../shared/Table";

/** Claims shown at first, and added by "Show more". */
const PAGE = 50;

export function Claims({ base, me }: ImpactView) {
  const [status, setStatus] = useState("");
  const [methodology, setMethodology] = useState("");
  const [place, setPlace] = useState("");
  const [mine, setMine] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const page = useImpactClaims(
    {
      status: status ? ClaimStatus.indexOf(status as (typeof ClaimStatus)[number]) : undefined,
      methodologyId: methodology ? Number(methodology) : undefined,
      place: place.trim() || undefined,
      claimant: mine ? me : undefined,
    },
    limit,
  );
  const totals = page.data?.totals;
  const shown = page.data?.claims ?? [];
  const filtered = !!status || !!place.trim() || mine;
  return (
    <section className="panel">
      <h2>Claims</h2>
      {totals && (
        <dl className="figures figures-wide">
          <Figure label={methodology ? "Claims of the methodology" : "Claims"} testId="claims-count">
            {totals.count}
          </Figure>
          <Figure label="Claimed">{fmtT(totals.claimed)}</Figure>
          <Figure label="Verified">{fmtT(totals.verified)}</Figure>
          <Figure label="Retired">{fmtT(totals.retired)}</Figure>
          <Figure label="Revoked">{fmtT(totals.revoked)}</Figure>
        </dl>
      )}
      <div className="row">
        <SelectField
          label="Status"
          narrow
          value={status}
          onChange={setStatus}
          testId="claims-filter-status"
          any="All"
          options={ClaimStatus.slice(1).map((s) => ({ value: s, text: s }))}
        />
        <MethodologyFilter
          base={base}
          value={methodology}
          onChange={setMethodology}
          testId="claims-filter-methodology"
        />
        <TextField
          label="Jurisdiction (country or code)"
          narrow
          value={place}
          onChange={setPlace}
          placeholder="NL, BE-VOV"
          testId="claims-filter-place"
        />
        {me && (
          <label className="check align-end">
            <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> only mine
          </label>
        )}
      </div>
      {page.error ? (
        <p className="error">Could not read the claims: {page.error.message}</p>
      ) : !page.data ? (
        <p className="muted">Loading the claims…</p>
      ) : shown.length === 0 ? (
        <p className="muted">
          {totals?.count === 0 && !filtered ? (
            <>
              No claims yet. <a href={href("impact", "claimant")}>Submit the first one</a>.
            </>
          ) : (
            "No claim matches these filters."
          )}
        </p>
      ) : (
        <>
          <ClaimsTable claims={shown} view={{ base, me }} testId="claims-table" />
          {page.data.more && (
            <button className="btn btn-small btn-ghost" onClick={() => setLimit((n) => n + PAGE)}>
              Show more
            </button>
          )}
        </>
      )}
    </section>
  );
}

export function ClaimsTable({
  claims,
  view,
  testId,
}: {
  claims: ClaimCore[];
  view: Pick<ImpactView, "base" | "me">;
  testId: string;
}) {
  const { base, me } = view;
  return (
    <Table
      testId={testId}
      head={
        <>
          <th>Claim</th>
          <th>Claimant</th>
          <th>Methodology · place · period</th>
          <th className="num">Claimed</th>
          <th className="num">Verified</th>
          <th className="num">Retired</th>
          <th className="num">Revoked</th>
          <th>Status</th>
        </>
      }
    >
      {claims.map((c) => (
        <tr key={c.id.toString()} data-testid={`claim-row-${c.id}`}>
          <td>
            <ClaimLink id={c.id} />
          </td>
          <td>
            <Who address={c.claimant} me={me} />
          </td>
          <ClaimCell base={base} c={c} />
          <td className="num">
            <Tonnes kg={c.claimedUnits} testId="claim-claimed" />
          </td>
          <td className="num">
            <Tonnes kg={c.verifiedUnits} testId="claim-verified" />
          </td>
          <td className="num">
            <Tonnes kg={c.retiredUnits} testId="claim-retired" />
          </td>
          <td className="num">
            <Tonnes kg={c.revokedUnits} testId="claim-revoked" />
          </td>
          <td>
            <StatusBadge c={c} />
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function ClaimDetail({ base, me, id }: ImpactView & { id: bigint }) {
  const { data: c, error } = useImpactClaim(id);
  if (error)
    return (
      <p className="error">
        Could not read claim #{id.toString()}: {error.message}
      </p>
    );
  if (c === undefined) return <p className="muted">Loading claim #{id.toString()}…</p>;
  if (!c)
    return (
      <section className="panel">
        <h2>Claim #{id.toString()} does not exist</h2>
        <p>
          <a href={href("impact", "claims")}>All claims</a>
        </p>
      </section>
    );
  const evidence = describeEvidence(c.evidenceURI);
  const l = c.listing;
  const mine = retirable(c, c.holders.find((h) => sameAddress(h.account, me))?.balance ?? 0n, me);
  const token = (a: string) => base.currencies.find((t) => sameAddress(t.address, a)) ?? base.currencies[0];
  return (
    <>
      <section className="panel" data-testid="claim-detail" data-claim={c.id.toString()}>
        <p className="crumbs">
          <a href={href("impact", "claims")}>Claims</a> / #{c.id.toString()}
        </p>
        <div className="proposal-head">
          <h2>Claim #{c.id.toString()}</h2>
          <StatusBadge c={c} />
          <span className="muted small">
            by <Who address={c.claimant} me={me} />
          </span>
        </div>
        <p className="muted">{claimLine(base, c)}</p>
        <dl className="figures figures-wide">
          <Figure label="Claimed">
            <Tonnes kg={c.claimedUnits} testId="detail-claimed" />
          </Figure>
          <Figure label="Verified" title="The lowest of the approvals">
            <Tonnes kg={c.verifiedUnits} testId="detail-verified" />
            {c.status === 1 && c.approvals > 0 && (
              <div className="muted small">lowest approval so far {fmtT(c.attestedMin)}</div>
            )}
          </Figure>
          <Figure label="Retired">
            <Tonnes kg={c.retiredUnits} testId="detail-retired" />
          </Figure>
          <Figure label="Revoked">
            <Tonnes kg={c.revokedUnits} testId="detail-revoked" />
          </Figure>
          <Figure label="Frozen" title="The claimant's units frozen by revocations">
            <Tonnes kg={c.frozenUnits} />
          </Figure>
          <Figure label="Approvals needed" testId="detail-approvals">
            {c.approvals} of {c.threshold}
            {c.rejections > 0 && <span className="muted small"> · {c.rejections} rejected</span>}
          </Figure>
        </dl>
        <dl className="facts">
          <Figure label="Methodology">
            {methodologyName(base, c.methodologyId)} <span className="muted small">(id {c.methodologyId})</span>
          </Figure>
          <Figure label="Jurisdiction" testId="detail-jurisdiction">
            {c.jurisdictionCode}
          </Figure>
          <Figure label="Period">{periodText(c.startDay, c.endDay)}</Figure>
          <Figure label="External serial">{c.externalSerial || <span className="muted">none</span>}</Figure>
          <Figure label="Evidence hash (keccak-256)">
            <code className="small evidence" data-hash data-testid="detail-evidence-hash">
              {c.evidenceHash}
            </code>
          </Figure>
          <div>
            <dt>Evidence</dt>
            <dd className="evidence small">
              {evidence.href ? (
                <a href={evidence.href} target="_blank" rel="noreferrer">
                  {evidence.text}
                </a>
              ) : (
                evidence.text || <span className="muted">no link given</span>
              )}
            </dd>
          </div>
        </dl>
        <div className="actions">
          {l && l.available > 0n && (
            <a className="btn btn-small" href={href("impact", "market", c.id)} data-testid="detail-buy">
              Buy · {fmtPricePerTonne(l.pricePerUnit, l.token)}
            </a>
          )}
          {mine > 0n && (
            <a className="btn btn-small btn-secondary" href={href("impact", "retire", c.id)}>
              Retire my {fmtT(mine)}
            </a>
          )}
        </div>
      </section>

      {l && (
        <section className="panel">
          <h2>Listing</h2>
          <dl className="figures figures-wide" data-testid="detail-listing">
            <Figure label="Price" testId="detail-price">
              {fmtPricePerTonne(l.pricePerUnit, l.token)}
            </Figure>
            <Figure label="Listed">
              <Tonnes kg={l.remaining} testId="detail-listed" />
            </Figure>
            <Figure label="For sale now" title="Listed units the claimant holds and may sell now">
              <Tonnes kg={l.available} testId="detail-available" />
            </Figure>
            <Figure label="Sold">
              <Tonnes kg={l.unitsSold} />
            </Figure>
            <Figure label="Proceeds to withdraw">
              <Money value={l.proceeds} token={l.token} />
            </Figure>
          </dl>
          {c.verifiedUnits === 0n && l.remaining > 0n && (
            <p className="muted small">Listed straight away: the units go on sale the moment the claim is verified.</p>
          )}
        </section>
      )}

      <section className="panel">
        <h2>Attestations</h2>
        {c.attestations.length === 0 && c.rejectedBy.length === 0 ? (
          <p className="muted">No verifier has voted yet.</p>
        ) : (
          <Table
            testId="detail-attestations"
            head={
              <>
                <th>Verifier</th>
                <th>Vote</th>
                <th className="num">Amount</th>
                <th>Report / reason</th>
                <th>How</th>
              </>
            }
          >
            {c.attestations.map((a) => (
              <tr key={`${a.tx}-${a.logIndex}`} data-testid="attestation-row">
                <td>
                  <Who address={a.verifier} me={me} />
                </td>
                <td>approve</td>
                <td className="num">
                  <Tonnes kg={a.units} testId="attestation-units" />
                </td>
                <td>
                  <Hash value={a.reportHash} />
                </td>
                <td className="small" data-testid="attestation-how">
                  {a.bySignature ? "signed off-chain" : "on-chain"}
                </td>
              </tr>
            ))}
            {c.rejectedBy.map((r) => (
              <tr key={`${r.tx}-${r.logIndex}`} data-testid="rejection-row">
                <td>
                  <Who address={r.verifier} me={me} />
                </td>
                <td>reject</td>
                <td className="num">—</td>
                <td>
                  <Reason value={r.reasonHash} />
                </td>
                <td className="small">on-chain</td>
              </tr>
            ))}
          </Table>
        )}
        {c.revocations.length > 0 && (
          <>
            <h3>Revocations</h3>
            <ul className="list">
              {c.revocations.map((r) => (
                <li key={`${r.tx}-${r.logIndex}`} className="list-item">
                  <span>
                    <Who address={r.verifier} me={me} />
                    &apos;s vote completed the revocation of <strong>{fmtT(r.units)}</strong> ({fmtT(r.totalRevoked)} in
                    all; {fmtT(r.frozen)} of the claimant&apos;s units frozen)
                  </span>
                  {r.reasonText ? <span>“{r.reasonText}”</span> : <Reason value={r.reasonHash} />}
                </li>
              ))}
            </ul>
          </>
        )}
        {c.openRevocation.length > 0 && (
          <p className="notice small" data-testid="detail-open-revocation">
            A revocation is being voted: {c.openRevocation.length} of {c.threshold} verifiers so far (
            {c.openRevocation.map((v) => `${nameOf(v.verifier)}: ${fmtT(v.units)}`).join(", ")}). Nothing is revoked
            until {c.threshold} have voted.
          </p>
        )}
      </section>

      <section className="panel">
        <h2>Units and certificates</h2>
        {c.holders.length === 0 ? (
          <p className="muted">Nobody holds units of this claim.</p>
        ) : (
          <p className="small">
            Held by:{" "}
            {c.holders.map((h, i) => (
              <span key={h.account}>
                {i > 0 && " · "}
                <Who address={h.account} me={me} /> {fmtT(h.balance)}
              </span>
            ))}
          </p>
        )}
        {c.retirements.length === 0 ? (
          <p className="muted">No units retired yet.</p>
        ) : (
          <ul className="list" data-testid="detail-certificates">
            {c.retirements.map((r) => (
              <li key={r.certificateId.toString()} className="list-item">
                <span>
                  <a href={href("impact", "certificate", r.certificateId)}>Certificate #{r.certificateId.toString()}</a>
                  : {fmtT(r.units)} for <strong>{r.beneficiary}</strong>
                  {r.message && <span className="muted small"> — {r.message}</span>}
                </span>
                <span className="small">
                  retired by <Who address={r.holder} me={me} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel">
        <h2>History</h2>
        <ol className="calls" data-testid="detail-history">
          {c.history.map((h) => {
            const t = h.time;
            return (
              <li key={`${h.tx}-${h.logIndex}-${h.kind}`}>
                <span className="muted small">{t ? formatDate(t) : `block ${h.block}`}</span> · {historyText(h, token)}
                {h.actor && (
                  <>
                    {" "}
                    · <Who address={h.actor} me={me} />
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
