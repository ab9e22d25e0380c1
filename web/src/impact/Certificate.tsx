// A retirement certificate's shareable page (`#/impact/certificate/<id>`), read through the module's reader (one
// certificate, without a wallet), with a banner when its claim was revoked.
import { useState } from "react";
import { formatDate } from "../shared/format";
import { href } from "../shared/router";
import { Who } from "../shared/Who";
import { useWallet } from "../shared/wallet";
import { Tonnes } from "./bits";
import { fmtT, periodText, useCertificate } from "./data";
import { Figure } from "../shared/Figure";

export function CertificatePage({ id }: { id?: string }) {
  const valid = !!id && /^\d+$/.test(id);
  const { data: c, isLoading, error } = useCertificate(valid ? BigInt(id!) : undefined);
  const { address: me } = useWallet();
  const [copied, setCopied] = useState<string>();

  if (!valid) return <p className="error">“{id}” is not a certificate number.</p>;
  if (isLoading) return <p className="muted">Loading certificate #{id}…</p>;
  if (error)
    return (
      <p className="error">
        Could not read certificate #{id}: {error.message}
      </p>
    );
  if (!c)
    return (
      <section className="panel narrow">
        <h1>No certificate #{id}</h1>
        <p>
          No retirement certificate with this number was issued on this chain.{" "}
          <a href={href("impact", "claims")}>All claims</a>
        </p>
      </section>
    );

  const link = window.location.href;
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("Link copied.");
    } catch {
      setCopied("The clipboard is not available: copy the link below.");
    }
  }

  return (
    <section className="panel narrow certificate" data-testid="certificate" data-certificate={c.id.toString()}>
      <p className="crumbs">
        <a href={href("impact", "claims")}>Climate claims</a> / certificate #{c.id.toString()}
      </p>
      {c.flagged && (
        <div className="notice certificate-flag" role="alert" data-testid="certificate-flagged">
          <strong>Flagged:</strong> {fmtT(BigInt(c.claim.revokedUnits))} of the {fmtT(BigInt(c.claim.verifiedUnits))}{" "}
          verified for this claim were revoked after verification (fraud or an error was found). This certificate stays
          as the record of what was retired, but the reduction behind it is in doubt.
        </div>
      )}
      <h1>Retirement certificate #{c.id.toString()}</h1>
      <p className="certificate-amount">
        <Tonnes kg={c.units} testId="certificate-tonnes" /> CO2e retired for
      </p>
      <p className="certificate-beneficiary" data-testid="certificate-beneficiary">
        {c.beneficiary}
      </p>
      {c.message && (
        <p className="muted" data-testid="certificate-message">
          “{c.message}”
        </p>
      )}
      <dl className="facts">
        <Figure label="Retired on" testId="certificate-date">
          {formatDate(c.retiredAt)}
        </Figure>
        <Figure label="Retired by" testId="certificate-retired-by">
          {c.retiredBy ? <Who address={c.retiredBy} me={me} /> : "—"}
          {c.roundName && <span className="muted small"> for the matching round {c.roundName}</span>}
        </Figure>
        <Figure label="Certificate held by">
          <Who address={c.owner} me={me} />
        </Figure>
        <Figure label="Claim">
          <a href={href("impact", "claim", c.claimId)} data-testid="certificate-claim">
            Claim #{c.claimId.toString()}
          </a>{" "}
          by <Who address={c.claim.claimant} me={me} />
        </Figure>
        <Figure label="Methodology" testId="certificate-methodology">
          {c.methodology}
        </Figure>
        <Figure label="Where · when the reduction was made">
          {c.claim.jurisdictionCode} · {periodText(c.claim.startDay, c.claim.endDay)}
        </Figure>
      </dl>
      <p className="muted small">
        The units (1 unit = 1 kg CO2e) were burned in the same transaction
        {c.tx && (
          <>
            {" "}
            <code data-hash title={c.tx}>
              {c.tx.slice(0, 12)}…
            </code>
          </>
        )}
        : they can be neither sold nor retired again. Certificates cannot be transferred.
      </p>
      <div className="actions">
        <button className="btn btn-small" onClick={copy} data-testid="certificate-copy">
          Copy the link
        </button>
        <input readOnly value={link} className="certificate-link" aria-label="Link to this certificate" />
        {copied && <span className="small muted">{copied}</span>}
      </div>
    </section>
  );
}
