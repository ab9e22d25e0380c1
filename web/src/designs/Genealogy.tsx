// A design's genealogy as a tree: the design, its parents, their parents, up to every ancestor it records (at most
// eight), each with the share of the design's fees it receives. A design two parents share appears under both.
import { href } from "../shared/router";
import { designName, pct } from "./bits";
import type { Ancestor, Design } from "./data";

export function Genealogy({ design: d }: { design: Design }) {
  const byId = new Map(d.ancestors.map((a) => [a.designId, a]));
  if (d.parents.length === 0)
    return <p className="muted small">An original design: it derives from no other design in the commons.</p>;
  return (
    <>
      <p className="muted small">
        Each fee paid for this design first gives every ancestor its share ({pct(d.ancestorShareBps)} in all), then the
        rest to this design's contributors.
      </p>
      <ul className="tree" data-testid="genealogy">
        <li>
          <strong>{designName(d)}</strong> <span className="muted small">(this design)</span>
          <Parents ids={d.parents} byId={byId} seen={[d.id]} />
        </li>
      </ul>
    </>
  );
}

function Parents({ ids, byId, seen }: { ids: bigint[]; byId: Map<bigint, Ancestor>; seen: bigint[] }) {
  // Ids only grow (a parent is registered first), so the walk ends; `seen` guards it anyway.
  const shown = ids.filter((id) => !seen.includes(id));
  if (shown.length === 0) return null;
  return (
    <ul>
      {shown.map((id) => {
        const a = byId.get(id);
        return (
          <li key={id.toString()} data-testid={`ancestor-${id}`}>
            <a href={href("designs", "d", id)}>{designName({ id, name: a?.name ?? "" })}</a>{" "}
            <span className="muted small">
              {a ? `receives ${pct(a.shareBps)} · project ${a.projectId}` : "not recorded (beyond the eight ancestors)"}
            </span>
            {a && <Parents ids={a.parents} byId={byId} seen={[...seen, id]} />}
          </li>
        );
      })}
    </ul>
  );
}
