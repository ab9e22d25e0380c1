// The library of designs: searchable by name and tag (both readers match the same text, ./metadata.ts), newest first,
// a page at a time.
import { useDeferredValue, useState } from "react";
import { formatInt } from "../shared/format";
import { href } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { TextField } from "../shared/TextField";
import { designName, feesInWords, pct, useCurrency } from "./bits";
import { useDesignPages, type DesignSummary } from "./data";

export function Library() {
  const [search, setSearch] = useState("");
  // Typing does not send a request per key: the list follows the text once React has time.
  const deferred = useDeferredValue(search.trim());
  const list = useDesignPages(deferred);
  const items = list.items ?? [];
  return (
    <section className="panel">
      <div className="row">
        <TextField
          label="Search by name or tag"
          value={search}
          onChange={setSearch}
          placeholder="e.g. solar, dryer, furniture"
          testId="designs-search"
          type="search"
        />
      </div>
      {list.isLoading && <p className="muted">Loading designs…</p>}
      {list.error && <p className="error">Could not read the designs: {list.error.message}</p>}
      {list.items && items.length === 0 && (
        <p className="muted" data-testid="designs-empty">
          {deferred ? `No design's name or tag holds “${deferred}”.` : "No design has been registered yet."}{" "}
          <a href={href("designs", "new")}>Register one</a>.
        </p>
      )}
      <div className="cards" data-testid="designs-list">
        {items.map((d) => (
          <DesignCard key={d.id.toString()} design={d} />
        ))}
      </div>
      <ShowMore pages={list} testId="designs-more" />
    </section>
  );
}

function DesignCard({ design: d }: { design: DesignSummary }) {
  const token = useCurrency(d.terms.currency);
  return (
    <a className="card" href={href("designs", "d", d.id)} data-testid={`design-card-${d.id}`}>
      <h2>{designName(d)}</h2>
      {d.tags.length > 0 && (
        <p className="tags">
          {d.tags.map((t) => (
            <span key={t} className="tag">
              #{t}
            </span>
          ))}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>Commercial fee</dt>
          <dd>{feesInWords(d.terms, token)}</dd>
        </div>
        <div>
          <dt>Lineage</dt>
          <dd>
            {d.parents.length === 0
              ? "original"
              : `derivative of ${d.parents.map((p) => `#${p}`).join(", ")} · ${pct(d.ancestorShareBps)} to ancestors`}
          </dd>
        </div>
        <div>
          <dt>Licences</dt>
          <dd>
            {formatInt(d.commonsLicenceCount)} commons · {formatInt(d.commercialLicenceCount)} commercial ·{" "}
            {formatInt(d.unitsReported)} units made
          </dd>
        </div>
      </dl>
    </a>
  );
}
