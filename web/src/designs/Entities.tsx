// The commons entities the council accredited (open co-ops, non-profits), by address: they take commercial licences
// for free. Accrediting one is a council decision (a proposal's action), linked from here.
import type { Address } from "viem";
import { formatDate, formatInt } from "../shared/format";
import { href } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { Table } from "../shared/Table";
import { Who } from "../shared/Who";
import { describeEvidence } from "../contribution/evidence";
import { useCommonsInfo, useEntity, useEntityPages } from "./data";

export function Entities({ me }: { me?: Address }) {
  const info = useCommonsInfo().data;
  const list = useEntityPages();
  const items = list.items ?? [];
  const mine = useEntity(me).data;
  return (
    <section className="panel">
      <h2>Commons entities</h2>
      <p className="muted small">
        Open co-ops and non-profits the thresholds council accredited: their commercial licences are free and recorded.
        A design's own contributors count as commons for that design without accreditation. To accredit an entity,{" "}
        <a href={href("council", "new")}>propose it to the council</a> (“Accredit a commons entity”).
      </p>
      {me && (
        <p className="small" data-testid="my-accreditation">
          {mine?.accredited
            ? `You are accredited since ${formatDate(mine.accreditedAt)}.`
            : mine?.revokedAt
              ? `Your accreditation was withdrawn on ${formatDate(mine.revokedAt)}.`
              : "You are not accredited."}
        </p>
      )}
      {info && <p className="muted small">{formatInt(info.accreditedCount)} accredited now.</p>}
      {items.length === 0 ? (
        <p className="muted">No entity is accredited yet.</p>
      ) : (
        <Table
          testId="entities"
          head={
            <>
              <th>Entity</th>
              <th>About</th>
              <th>Since</th>
            </>
          }
        >
          {items.map((e) => {
            const about = describeEvidence(e.uri);
            return (
              <tr key={e.entity} data-testid={`entity-${e.entity.toLowerCase()}`}>
                <td>
                  <Who address={e.entity} me={me} />
                </td>
                <td>
                  {about.href ? (
                    <a href={about.href} target="_blank" rel="noreferrer noopener">
                      {about.text}
                    </a>
                  ) : (
                    about.text
                  )}
                </td>
                <td>{formatDate(e.accreditedAt)}</td>
              </tr>
            );
          })}
        </Table>
      )}
      <ShowMore pages={list} testId="entities-more" />
    </section>
  );
}
