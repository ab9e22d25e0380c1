// A project's open books: income in and paid out per token (licence income from its open designs as its own bar),
// its designs, points per member (the 20 with the most), and the contributions (newest first, 50 at a time).
import type { Address } from "viem";
import { BarChart } from "../shared/Chart";
import { useContributions, useMembers, type Project } from "./data";
import { formatAmount, formatInt, sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { ContributionTable, ShowMore, useLimit } from "./bits";
import { Figure } from "../shared/Figure";
import { useProjectLicenceIncome } from "../designs/data";
import { ProjectDesigns } from "../designs/ProjectDesigns";

/** Point holders the chart shows. */
const TOP_HOLDERS = 20;

/** Open books: income in and paid out per token, points per member, the contributions. */
export function Overview({ project, me }: { project: Project; me?: Address }) {
  const holders = (useMembers(project.id, TOP_HOLDERS).data?.items ?? []).filter((m) => m.points > 0n);
  const [limit, showMore] = useLimit(50);
  const contributions = useContributions(project.id, limit);
  // What the design commons paid in per token (its designs' fees and their shares of derivatives' fees).
  const licences = useProjectLicenceIncome(project.id).data ?? [];
  return (
    <>
      <section className="panel">
        <h2>Income</h2>
        <p className="muted small">
          Income is owed to point holders pro rata the moment it arrives; members withdraw their share when they like.
        </p>
        <div className="books">
          {project.income.map((b) => {
            const owed = b.received - b.claimed;
            const d = b.token.decimals;
            const fromLicences = licences.find((l) => sameAddress(l.currency, b.token.address))?.deposited ?? 0n;
            return (
              <div key={b.token.address} className="book" data-testid={`book-${b.token.symbol}`}>
                <h3>{b.token.symbol}</h3>
                <dl className="figures">
                  <Figure label="Paid in" testId={`received-${b.token.symbol}`}>
                    {formatAmount(b.received, d)}
                  </Figure>
                  <Figure label="Paid out" testId={`claimed-${b.token.symbol}`}>
                    {formatAmount(b.claimed, d)}
                  </Figure>
                  <Figure label="Owed to members">{formatAmount(owed, d)}</Figure>
                  {fromLicences > 0n && (
                    <Figure label="Of which from licences" testId={`licence-received-${b.token.symbol}`}>
                      {formatAmount(fromLicences, d)}
                    </Figure>
                  )}
                </dl>
                <BarChart
                  title={`${b.token.symbol}: income in versus paid out`}
                  labelWidth={72}
                  valueWidth={80}
                  bars={[
                    {
                      label: "Paid in",
                      value: Number(b.received) / 10 ** d,
                      display: formatAmount(b.received, d, 2),
                      tone: "primary",
                    },
                    ...(fromLicences > 0n
                      ? [
                          {
                            label: "Licences",
                            value: Number(fromLicences) / 10 ** d,
                            display: formatAmount(fromLicences, d, 2),
                            tone: "primary" as const,
                          },
                        ]
                      : []),
                    {
                      label: "Paid out",
                      value: Number(b.claimed) / 10 ** d,
                      display: formatAmount(b.claimed, d, 2),
                      tone: "accent",
                    },
                    { label: "Owed", value: Number(owed) / 10 ** d, display: formatAmount(owed, d, 2), tone: "muted" },
                  ]}
                />
              </div>
            );
          })}
        </div>
      </section>

      <ProjectDesigns projectId={project.id} hasPoints={project.totalPoints > 0n} />

      <section className="panel">
        <h2>Points per member</h2>
        <p className="muted small">
          {formatInt(project.totalPoints)} points in total. Points come only from accepted contributions: quantity ×
          kind weight × median score.
          {holders.length === TOP_HOLDERS && ` The ${TOP_HOLDERS} members with the most points; see Members for all.`}
        </p>
        {holders.length === 0 ? (
          <p className="muted">No contribution has been accepted yet.</p>
        ) : (
          <BarChart
            title="Contribution points per member"
            labelWidth={170}
            valueWidth={130}
            bars={holders.map((m) => ({
              label: sameAddress(m.account, me) ? `${nameOf(m.account)} (you)` : nameOf(m.account),
              value: Number(m.points),
              display: `${formatInt(m.points)} · ${project.totalPoints > 0n ? (Number((m.points * 1000n) / project.totalPoints) / 10).toFixed(1) : 0}%`,
              highlight: sameAddress(m.account, me),
            }))}
          />
        )}
      </section>

      <section className="panel">
        <h2>Contributions</h2>
        {contributions.data && (
          <>
            <ContributionTable
              project={project}
              items={contributions.data.items}
              me={me}
              empty="Nothing recorded yet."
            />
            <ShowMore
              shown={contributions.data.items.length}
              total={project.contributionCount}
              more={contributions.data.more}
              onMore={showMore}
              busy={contributions.isPlaceholderData}
            />
          </>
        )}
      </section>
    </>
  );
}
