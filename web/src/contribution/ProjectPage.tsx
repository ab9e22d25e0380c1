// One contribution project's page: its header, my role and points, and its tabs.
import { COORDINATOR_ROLE, MEMBER_ROLE } from "@cosmolocal/sdk";
import { useMe, usePending, useProject } from "./data";
import { formatDuration, formatInt } from "../shared/format";
import { href } from "../shared/router";
import { useWallet } from "../shared/wallet";
import { EvaluationQueue, evaluationQueue } from "./EvaluationQueue";
import { Income } from "./Income";
import { Members } from "./Members";
import { Overview } from "./Overview";
import { RecordContribution } from "./RecordContribution";
import { describeEvidence } from "./evidence";
import { Tabs } from "../shared/Tabs";
import { useChainTime } from "../shared/chainTime";

const TABS = [
  { id: "overview", label: "Open books" },
  { id: "record", label: "Record" },
  { id: "evaluate", label: "Evaluate" },
  { id: "income", label: "Income" },
  { id: "members", label: "Members" },
] as const;

export function ProjectPage({ projectId, tab = "overview" }: { projectId: bigint; tab?: string }) {
  const { data: project, isLoading, error } = useProject(projectId);
  const { address } = useWallet();
  const me = useMe(projectId, address).data;
  const pending = usePending(projectId).data ?? [];
  const isMember = !!me && (me.roles & MEMBER_ROLE) !== 0;
  const isCoordinator = !!me && (me.roles & COORDINATOR_ROLE) !== 0;
  // The tab's count at the latest block's time (the queue screen itself ticks by the second).
  const queue = evaluationQueue(pending, me, useChainTime());

  if (isLoading) return <p className="muted">Loading project…</p>;
  if (error)
    return (
      <p className="error">
        Could not read project {projectId.toString()}: {error.message}
      </p>
    );
  if (!project)
    return (
      <section className="panel">
        <h2>Project {projectId.toString()} does not exist</h2>
        <p>
          <a href={href()}>Back to all projects</a>
        </p>
      </section>
    );

  const share = me && project.totalPoints > 0n ? Number((me.points * 10000n) / project.totalPoints) / 100 : 0;
  const meta = describeEvidence(project.metadataURI);
  const active = TABS.some((t) => t.id === tab) ? tab : "overview";

  return (
    <>
      <nav className="crumbs">
        <a href={href()}>Projects</a> / <span>{project.name}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1 data-testid="project-name">{project.name}</h1>
          <p className="muted">
            Quorum {project.quorum} evaluation{project.quorum === 1 ? "" : "s"} · window{" "}
            {formatDuration(project.evaluationWindow)} · accepted at a median score of {project.minScore}/10 or more
            {project.metadataURI && (
              <>
                {" · "}
                {meta.href ? (
                  <a href={meta.href} target="_blank" rel="noreferrer noopener">
                    about
                  </a>
                ) : (
                  <span title={project.metadataURI}>about: {project.metadataURI}</span>
                )}
              </>
            )}
          </p>
        </div>
        {address && (
          <div className="me-box" data-testid="me-box">
            <span className="muted small">You</span>
            <strong>{isCoordinator ? "Coordinator" : isMember ? "Member" : "Not a member"}</strong>
            <span className="small">
              {formatInt(me?.points ?? 0n)} points{share ? ` · ${share}%` : ""}
            </span>
          </div>
        )}
      </div>
      <Tabs
        tabs={TABS}
        active={active}
        href={(tab) => href("project", projectId, tab)}
        testIdPrefix="tab"
        count={(tab) => (tab === "evaluate" ? queue.length : 0)}
      />
      {active === "overview" && <Overview project={project} me={address} />}
      {active === "record" && <RecordContribution project={project} me={address} isMember={isMember} />}
      {active === "evaluate" && (
        <EvaluationQueue project={project} me={address} isMember={isMember} queue={queue} pending={pending} />
      )}
      {active === "income" && <Income project={project} me={address} mine={me} />}
      {active === "members" && <Members project={project} me={address} isCoordinator={isCoordinator} />}
    </>
  );
}
