// The list of contribution projects with their members, contributions, points and income (50 at a time).
import { formatAmount, formatInt } from "../shared/format";
import { useProjects } from "./data";
import { ShowMore, useLimit } from "./bits";
import { href } from "../shared/router";
import { Figure } from "../shared/Figure";

export function ProjectList() {
  const [limit, showMore] = useLimit(50);
  const { data, isLoading, isPlaceholderData, error } = useProjects(limit);
  const projects = data?.items;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Projects</h1>
          <p className="muted">Open books: every contribution, evaluation, payment in and payment out is public.</p>
        </div>
        <a className="btn" href={href("new")}>
          Start a project
        </a>
      </div>
      {isLoading && <p className="muted">Loading projects…</p>}
      {error && <p className="error">Could not read the projects: {error.message}</p>}
      {projects && projects.length === 0 && (
        <section className="panel empty">
          <h2>No projects yet</h2>
          <p>Start one: you become its coordinator, choose how contributions are evaluated, and invite members.</p>
        </section>
      )}
      <div className="cards">
        {projects?.map((p) => {
          return (
            <a
              key={p.id.toString()}
              className="card project-card"
              href={href("project", p.id)}
              data-testid={`project-card-${p.id}`}
            >
              <h2>{p.name}</h2>
              <dl className="facts">
                <Figure label="Members">{p.memberCount}</Figure>
                <Figure label="Contributions">
                  {p.acceptedCount} accepted{p.pendingCount ? `, ${p.pendingCount} pending` : ""}
                </Figure>
                <Figure label="Points">{formatInt(p.totalPoints)}</Figure>
                <Figure label="Income in">
                  {p.income
                    .filter((b) => b.received > 0n)
                    .map((b) => `${formatAmount(b.received, b.token.decimals, 2)} ${b.token.symbol}`)
                    .join(" · ") || "none yet"}
                </Figure>
              </dl>
            </a>
          );
        })}
      </div>
      {data && <ShowMore shown={data.items.length} more={data.more} onMore={showMore} busy={isPlaceholderData} />}
    </>
  );
}
