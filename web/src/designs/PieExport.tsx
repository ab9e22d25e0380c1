// The design's contribution pie chart as OVN-style JSON (Sensorica's open value network): who made it and with what
// share of its income, each contributor's points in the design's project and their share of the project's points and
// of each fee (after the ancestors' shares), and each ancestor's share of each fee. The 1,000 largest holders are
// listed; the rest of the points, if any, form one "others" slice, so the slices always sum to the whole.
import { targetChain } from "../shared/config";
import { formatInt } from "../shared/format";
import { useMembers, useProject, type Member, type Project } from "../contribution/data";
import { designName } from "./bits";
import { designsAddress } from "./contracts";
import type { Design } from "./data";

/** The holders listed by name (graph-node's largest page). */
const LISTED = 1_000;
const BPS = 10_000n;

/** A fraction of `total` as a decimal string with 6 places, rounded down ("0.125000"). */
const fraction = (part: bigint, total: bigint) =>
  total === 0n ? "0.000000" : (Number((part * 1_000_000n) / total) / 1_000_000).toFixed(6);

/** The pie as JSON: the design, its ancestors' slices and its contributors' slices (exported for its test). */
export function ovnPie(design: Design, project: Project, holders: Member[], contract = designsAddress) {
  const listed = holders.filter((m) => m.points > 0n);
  const listedPoints = listed.reduce((s, m) => s + m.points, 0n);
  const rest = project.totalPoints - listedPoints;
  const toProject = BPS - BigInt(design.ancestorShareBps);
  const slice = (points: bigint) => ({
    points: points.toString(),
    shareOfPoints: fraction(points, project.totalPoints),
    shareOfEachFee: fraction(points * toProject, project.totalPoints * BPS),
  });
  return {
    format: "cosmolocal/ovn-contribution-pie@1",
    chainId: targetChain.id,
    contract,
    design: {
      id: design.id.toString(),
      name: designName(design),
      contentHash: design.contentHash,
      metadataURI: design.metadataURI,
      termsVersion: design.terms.version,
    },
    project: { id: project.id.toString(), name: project.name, totalPoints: project.totalPoints.toString() },
    ancestors: design.ancestors.map((a) => ({
      designId: a.designId.toString(),
      name: a.name || `Design #${a.designId}`,
      projectId: a.projectId.toString(),
      shareOfEachFee: (a.shareBps / 10_000).toFixed(4),
    })),
    contributors: [
      ...listed.map((m) => ({ contributor: m.account, ...slice(m.points) })),
      ...(rest > 0n ? [{ contributor: "others", ...slice(rest) }] : []),
    ],
  };
}

export function PieExport({ design: d }: { design: Design }) {
  const project = useProject(d.projectId).data;
  const holders = useMembers(d.projectId, LISTED).data?.items;
  if (!project || !holders) return null;
  const json = JSON.stringify(ovnPie(d, project, holders), null, 2);
  return (
    <section className="panel">
      <h2>Contribution pie chart</h2>
      <p className="muted small">
        Who made this design and what share of its income each receives, as machine-readable JSON (the OVN format's
        contributor, points and share): {formatInt(project.totalPoints)} points in project {project.name}
        {d.ancestorShareBps > 0 ? `, after its ancestors' ${d.ancestorShareBps / 100} %` : ""}.
      </p>
      <div className="actions">
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="pie-export"
          onClick={() => {
            const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
            const a = document.createElement("a");
            a.href = url;
            a.download = `design-${d.id}-contribution-pie.json`;
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 0);
          }}
        >
          Export the pie chart (JSON)
        </button>
      </div>
    </section>
  );
}
