// One design's page, its open books: what it is (files and their hashes), its terms and every earlier version, its
// genealogy (the designs it builds on, each with its share, and its derivatives), where its fees went, who holds a
// licence in which tier, the production reported and paid, and the contribution pie chart as OVN-style JSON.
import { COORDINATOR_ROLE } from "@cosmolocal/sdk";
import type { Address } from "viem";
import { BarChart } from "../shared/Chart";
import { Figure } from "../shared/Figure";
import { clusterAddress } from "../cluster/contracts";
import { formatAmount, formatDate, formatDuration, formatInt, sameAddress, shortHash } from "../shared/format";
import { nameOf } from "../shared/names";
import { href } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { Table } from "../shared/Table";
import { Who } from "../shared/Who";
import { useMe, useProject } from "../contribution/data";
import { describeEvidence } from "../contribution/evidence";
import { designName, DesignLink, feesInWords, Money, pct, TierBadge, useCurrency } from "./bits";
import {
  useDerivativePages,
  useDesign,
  useLicencePages,
  usePaymentPages,
  type Design,
  type FeeBook,
  type LicencePayment,
} from "./data";
import { Genealogy } from "./Genealogy";
import { LicencePanel } from "./LicencePanel";
import { parseMetadata } from "./metadata";
import { PieExport } from "./PieExport";
import { NewTerms } from "./Register";

export function DesignView({ id, me }: { id: bigint; me?: Address }) {
  const { data: design, isLoading, error } = useDesign(id);
  if (isLoading) return <p className="muted">Loading design #{id.toString()}…</p>;
  if (error)
    return (
      <p className="error">
        Could not read design #{id.toString()}: {error.message}
      </p>
    );
  if (!design)
    return (
      <section className="panel">
        <h2>Design #{id.toString()} does not exist</h2>
        <p>
          <a href={href("designs")}>Back to the library</a>
        </p>
      </section>
    );
  return <DesignBooks design={design} me={me} />;
}

function DesignBooks({ design: d, me }: { design: Design; me?: Address }) {
  const project = useProject(d.projectId).data;
  const myRoles = useMe(d.projectId, me).data?.roles ?? 0;
  const meta = parseMetadata(d.metadataURI);
  const about = meta ? undefined : describeEvidence(d.metadataURI);
  const files = meta?.link ? describeEvidence(meta.link) : undefined;
  return (
    <>
      <nav className="crumbs">
        <a href={href("designs")}>Designs</a> / <span>{designName(d)}</span>
      </nav>
      <section className="panel">
        <div className="page-head">
          <div>
            <h2 data-testid="design-name">{designName(d)}</h2>
            <p className="muted">
              By the contributors of{" "}
              <a href={href("project", d.projectId)} data-testid="design-project">
                {project?.name ?? `project ${d.projectId}`}
              </a>{" "}
              · registered {formatDate(d.registeredAt)} by <Who address={d.registrant} me={me} />
            </p>
          </div>
          <a className="btn btn-ghost" href={href("designs", "new", d.id)} data-testid="derive">
            Register a derivative
          </a>
        </div>
        {meta?.description && <p data-testid="design-description">{meta.description}</p>}
        {about && (
          <p className="muted small">
            Metadata:{" "}
            {about.href ? (
              <a href={about.href} target="_blank" rel="noreferrer noopener">
                {about.text}
              </a>
            ) : (
              about.text
            )}
          </p>
        )}
        {meta && meta.tags.length > 0 && (
          <p className="tags">
            {meta.tags.map((t) => (
              <span key={t} className="tag">
                #{t}
              </span>
            ))}
          </p>
        )}
        <p className="small">
          Downloading, studying and non-commercial use are free and need nothing from you.
          {files?.href && (
            <>
              {" "}
              <a href={files.href} target="_blank" rel="noreferrer noopener" data-testid="design-files-link">
                Get the files
              </a>
              .
            </>
          )}
        </p>
        <details>
          <summary>
            Files and content hash <code>{shortHash(d.contentHash)}</code>
          </summary>
          <p className="muted small">
            The content hash is the SHA-256 of the files' <code>sha256sum</code> list, sorted by name: check a download
            with <code>sha256sum * | LC_ALL=C sort -k2 | sha256sum</code>.
          </p>
          <code className="small wrap" data-hash data-testid="design-content-hash">
            {d.contentHash}
          </code>
          {meta && meta.files.length > 0 && (
            <Table
              head={
                <>
                  <th>File</th>
                  <th className="num">Bytes</th>
                  <th>SHA-256</th>
                </>
              }
            >
              {meta.files.map((f) => (
                <tr key={f.name}>
                  <td>{f.name}</td>
                  <td className="num">{formatInt(f.size)}</td>
                  <td>
                    <code title={f.sha256}>{shortHash(`0x${f.sha256}`)}</code>
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </details>
      </section>

      <LicencePanel design={d} me={me} />
      <TermsPanel design={d} />
      {(myRoles & COORDINATOR_ROLE) !== 0 && <NewTerms design={d} />}
      <section className="panel">
        <h2>Genealogy</h2>
        <Genealogy design={d} />
        <Derivatives id={d.id} count={d.derivativeCount} />
      </section>
      <FeesPanel design={d} />
      <LicencesPanel design={d} me={me} />
      <PaymentsPanel design={d} me={me} />
      <PieExport design={d} />
    </>
  );
}

function TermsPanel({ design: d }: { design: Design }) {
  const token = useCurrency(d.terms.currency);
  const t = d.terms;
  return (
    <section className="panel">
      <h2>Licence terms (version {t.version})</h2>
      <dl className="figures figures-wide">
        <Figure label="Commercial fee" testId="terms-fee">
          {feesInWords(t, token)}
        </Figure>
        <Figure label="A licence lasts">{formatDuration(t.licenceDuration)}</Figure>
        <Figure label="Asked of derivatives" title="The share of each fee of a derivative registered under these terms">
          {pct(t.derivativeShareBps)}
        </Figure>
        <Figure label="Its ancestors receive" testId="terms-ancestors">
          {pct(d.ancestorShareBps)} of each fee
        </Figure>
      </dl>
      <p className="muted small">
        A licence keeps the terms it was taken under for its whole life; new terms apply to new licences only.
      </p>
      {d.termsVersions.length > 1 && (
        <details>
          <summary>Every version ({d.termsVersions.length})</summary>
          <Table
            head={
              <>
                <th>Version</th>
                <th>Fee</th>
                <th>Licence lasts</th>
                <th>Set by</th>
              </>
            }
          >
            {d.termsVersions.map((v) => (
              <TermsRow key={v.version} terms={v} />
            ))}
          </Table>
        </details>
      )}
    </section>
  );
}

function TermsRow({ terms: v }: { terms: Design["terms"] }) {
  const token = useCurrency(v.currency);
  return (
    <tr>
      <td>{v.version}</td>
      <td>{feesInWords(v, token)}</td>
      <td>{formatDuration(v.licenceDuration)}</td>
      <td>
        <Who address={v.setBy} />
      </td>
    </tr>
  );
}

function Derivatives({ id, count }: { id: bigint; count: number }) {
  const list = useDerivativePages(id);
  const items = list.items ?? [];
  if (count === 0) return <p className="muted small">No design derives from this one yet.</p>;
  return (
    <>
      <h3>Built on this design</h3>
      <p className="muted small">
        {formatInt(count)} design{count === 1 ? "" : "s"} record it as an ancestor; these name it as a parent:
      </p>
      <ul className="list" data-testid="derivatives">
        {items.map((c) => (
          <li key={c.id.toString()} className="list-item">
            <DesignLink design={c} />
            <span className="muted small">registered {formatDate(c.registeredAt)}</span>
          </li>
        ))}
      </ul>
      <ShowMore pages={list} testId="derivatives-more" />
    </>
  );
}

function FeesPanel({ design: d }: { design: Design }) {
  return (
    <section className="panel" data-testid="fees-panel">
      <h2>Where the fees went</h2>
      {d.fees.length === 0 ? (
        <p className="muted">No fee has been paid for this design yet.</p>
      ) : (
        d.fees.map((book) => <FeeBookView key={book.currency} design={d} book={book} />)
      )}
    </section>
  );
}

function FeeBookView({ design: d, book }: { design: Design; book: FeeBook }) {
  const token = useCurrency(book.currency);
  const dec = token?.decimals ?? 18;
  const float = (v: bigint) => Number(v) / 10 ** dec;
  const fmt = (v: bigint) => (token ? formatAmount(v, dec, 6) : "…");
  const names = new Map(d.ancestors.map((a) => [a.designId, a.name]));
  const sym = token?.symbol ?? "";
  return (
    <div className="book" data-testid={`fees-${sym}`}>
      <dl className="figures">
        <Figure label="Fees paid" testId={`fees-paid-${sym}`}>
          <Money amount={book.feesPaid} currency={book.currency} />
        </Figure>
        <Figure label="To ancestors" testId={`fees-ancestors-${sym}`}>
          <Money amount={book.ancestorShares} currency={book.currency} />
        </Figure>
        <Figure label="To its contributors" testId={`fees-project-${sym}`}>
          <Money amount={book.projectShares} currency={book.currency} />
        </Figure>
        {book.fromDerivatives > 0n && (
          <Figure label="From its derivatives" testId={`fees-from-derivatives-${sym}`}>
            <Money amount={book.fromDerivatives} currency={book.currency} />
          </Figure>
        )}
      </dl>
      {book.feesPaid > 0n && (
        <BarChart
          title={`Where this design's fees in ${sym} went`}
          labelWidth={190}
          valueWidth={110}
          bars={[
            ...book.byAncestor.map((a) => ({
              label: `${names.get(a.designId) || `Design #${a.designId}`} (ancestor)`,
              value: float(a.amount),
              display: fmt(a.amount),
              tone: "accent" as const,
            })),
            {
              label: "Its contributors (project)",
              value: float(book.projectShares),
              display: fmt(book.projectShares),
              tone: "primary" as const,
            },
          ]}
        />
      )}
    </div>
  );
}

function LicencesPanel({ design: d, me }: { design: Design; me?: Address }) {
  const list = useLicencePages(d.id);
  const items = list.items ?? [];
  return (
    <section className="panel">
      <h2>Who holds a licence</h2>
      <p className="muted small">
        {formatInt(d.commonsLicenceCount)} commons and {formatInt(d.commercialLicenceCount)} commercial licences ·{" "}
        {formatInt(d.unitsReported)} units made under them.
      </p>
      {items.length === 0 ? (
        <p className="muted">No one has taken a licence yet.</p>
      ) : (
        <Table
          testId="design-licences"
          head={
            <>
              <th>Licensee</th>
              <th>Tier</th>
              <th>Terms</th>
              <th>Valid until</th>
              <th className="num">Units</th>
              <th className="num">Fees paid</th>
            </>
          }
        >
          {items.map((l) => (
            <tr key={l.id.toString()} data-testid={`licence-row-${l.id}`}>
              <td>
                <Who address={l.licensee} me={me} />
              </td>
              <td>
                <TierBadge tier={l.tier} />
              </td>
              <td>v{l.termsVersion}</td>
              <td>{formatDate(l.expiresAt)}</td>
              <td className="num">{formatInt(l.unitsReported)}</td>
              <td className="num">
                <Money amount={l.feesPaid} currency={l.currency} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <ShowMore pages={list} testId="design-licences-more" />
    </section>
  );
}

/** What a payment row was for: units (reported by the licensee, or by an operator for its reference), periods of use,
 * or a payment of fees that operators' reports made owed. */
function paymentFor(p: LicencePayment): string {
  const units = `${formatInt(p.quantity)} ${p.quantity === 1n ? "unit" : "units"}`;
  switch (p.kind) {
    case "units":
      return units;
    case "periods":
      return `${formatInt(p.quantity)} period(s)`;
    case "reported": {
      const order = p.ref && /^0x0{48}/.test(p.ref) ? ` (order #${BigInt(p.ref)})` : "";
      return `${units} delivered, reported by ${p.operator ? nameOrExchange(p.operator) : "an operator"}${order}`;
    }
    case "owed":
      return "fees owed for reported units";
  }
}

/** The local exchange by its role, another operator by its name. */
const nameOrExchange = (a: Address) => (sameAddress(a, clusterAddress) ? "the local exchange" : nameOf(a));

function PaymentsPanel({ design: d, me }: { design: Design; me?: Address }) {
  const list = usePaymentPages(d.id);
  const items = list.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="panel">
      <h2>Production reported and paid</h2>
      <Table
        testId="design-payments"
        head={
          <>
            <th>Block</th>
            <th>Licensee</th>
            <th>For</th>
            <th className="num">Fee</th>
          </>
        }
      >
        {items.map((p) => (
          <tr key={p.id}>
            <td>{p.blockNumber.toString()}</td>
            <td>
              <Who address={p.licensee} me={me} />
            </td>
            <td>{paymentFor(p)}</td>
            <td className="num">
              <Money amount={p.fee} currency={p.currency} />
              {p.kind === "reported" && <div className="muted small">owed</div>}
            </td>
          </tr>
        ))}
      </Table>
      <ShowMore pages={list} testId="design-payments-more" />
    </section>
  );
}
