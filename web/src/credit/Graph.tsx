// An SVG graph of obligations: members as nodes on a circle, "who owes whom" as arrows (debtor → creditor) whose
// width grows with the amount. Two graphs drawn with the same `scale` can be compared side by side.
import { useId } from "react";
import { nameOf } from "../shared/names";
import type { Unit } from "../shared/units";

export interface GraphNode {
  /** Address. */
  id: string;
  /** Shown under the name (e.g. the net position). */
  note?: string;
  highlight?: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  amount: bigint;
  /** Obligations are solid; credit moves (an obligation moved onto a credit line) dashed. */
  kind?: "obligation" | "credit";
}

const W = 420;
const H = 380;
const R_NODE = 17;

export function ObligationGraph({
  nodes,
  edges,
  scale,
  unit,
  title,
  testId,
}: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The amount drawn at full width (share it between graphs to compare them). */
  scale: bigint;
  unit: Unit;
  title: string;
  testId?: string;
}) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const cx = W / 2;
  const cy = H / 2;
  const radius = Math.min(W, H) / 2 - 62;
  const pos = new Map<string, { x: number; y: number; angle: number }>();
  nodes.forEach((n, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(nodes.length, 1);
    pos.set(n.id.toLowerCase(), { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle), angle });
  });

  // One arrow per (from, to, kind), amounts added up.
  const merged = new Map<string, GraphEdge>();
  for (const e of edges) {
    if (e.amount <= 0n) continue;
    const k = `${e.from.toLowerCase()}|${e.to.toLowerCase()}|${e.kind ?? "obligation"}`;
    const m = merged.get(k);
    if (m) m.amount += e.amount;
    else merged.set(k, { ...e, kind: e.kind ?? "obligation" });
  }
  const list = [...merged.values()];
  const has = (a: string, b: string) =>
    list.some((e) => e.from.toLowerCase() === a.toLowerCase() && e.to.toLowerCase() === b.toLowerCase());
  const width = (a: bigint) => (scale > 0n ? 1.5 + (10 * Number((a * 1000n) / scale)) / 1000 : 1.5);

  return (
    <svg
      className="graph"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={title}
      data-testid={testId}
      data-edges={list.length}
    >
      <title>{title}</title>
      <defs>
        <Arrowhead id={`${uid}-ob`} className="graph-head" />
        <Arrowhead id={`${uid}-cr`} className="graph-head-credit" />
      </defs>
      {list.map((e, i) => {
        const a = pos.get(e.from.toLowerCase());
        const b = pos.get(e.to.toLowerCase());
        if (!a || !b) return null;
        // Bend the arrow when the opposite arrow exists (or it is a credit move next to an obligation).
        const bend = has(e.to, e.from) || list.some((x) => x !== e && x.from === e.from && x.to === e.to) ? 34 : 0;
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len = Math.hypot(dx, dy) || 1;
        const nx = -dy / len;
        const ny = dx / len;
        const off = e.kind === "credit" ? -bend : bend;
        const mx = (a.x + b.x) / 2 + nx * off;
        const my = (a.y + b.y) / 2 + ny * off;
        const start = toward(a, { x: mx, y: my }, R_NODE + 2);
        const end = toward(b, { x: mx, y: my }, R_NODE + 5);
        const lx = (start.x + 2 * mx + end.x) / 4;
        const ly = (start.y + 2 * my + end.y) / 4;
        return (
          <g key={i} className={`graph-edge graph-edge-${e.kind}`}>
            <path
              d={`M${start.x},${start.y} Q${mx},${my} ${end.x},${end.y}`}
              strokeWidth={width(e.amount)}
              markerEnd={`url(#${uid}-${e.kind === "credit" ? "cr" : "ob"})`}
            >
              <title>{`${nameOf(e.from)} owes ${nameOf(e.to)} ${unit.fmt(e.amount)}${e.kind === "credit" ? " on credit" : ""}`}</title>
            </path>
            <text x={lx} y={ly} className="graph-amount" textAnchor="middle" dominantBaseline="central">
              {unit.num(e.amount)}
            </text>
          </g>
        );
      })}
      {nodes.map((n) => {
        const p = pos.get(n.id.toLowerCase())!;
        const out = 1 + (R_NODE + 14) / radius;
        const tx = cx + (p.x - cx) * out;
        const ty = cy + (p.y - cy) * out;
        const anchor = Math.abs(Math.cos(p.angle)) < 0.3 ? "middle" : Math.cos(p.angle) > 0 ? "start" : "end";
        const name = nameOf(n.id);
        return (
          <g key={n.id} className={`graph-node${n.highlight ? " graph-node-me" : ""}`}>
            <circle cx={p.x} cy={p.y} r={R_NODE} />
            <text x={p.x} y={p.y} textAnchor="middle" dominantBaseline="central" className="graph-initial">
              {name.startsWith("0x") ? name.slice(2, 4) : name.slice(0, 2)}
            </text>
            <text
              x={tx}
              y={ty + (Math.sin(p.angle) > 0.3 ? 6 : Math.sin(p.angle) < -0.3 ? -12 : -6)}
              textAnchor={anchor}
              className="graph-label"
            >
              <tspan x={tx}>{name}</tspan>
              {n.note && (
                <tspan x={tx} dy="1.2em" className="graph-note">
                  {n.note}
                </tspan>
              )}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function toward(from: { x: number; y: number }, to: { x: number; y: number }, d: number) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / len) * d, y: from.y + (dy / len) * d };
}

/** The head drawn at an arrow's end (referenced by `marker-end`). */
function Arrowhead({ id, className }: { id: string; className: string }) {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth="9"
      markerHeight="9"
      markerUnits="userSpaceOnUse"
      orient="auto-start-reverse"
    >
      <path d="M0,0 L10,5 L0,10 z" className={className} />
    </marker>
  );
}
