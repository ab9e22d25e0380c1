// The circle's cover over time: after each change of its pool or of its burn (a deposit, a withdrawal, a member
// leaving, a claim starting, a gift paid, a claim ending), the months of cover the pool held at the burn then running
// (the contract's coverMonths1e2, from the events), as a step line up to now; the stretches when no claim ran (nothing
// burned: the cover is unbounded) shaded. Drawn by hand in SVG at the width of its container.
import { useWidth } from "../shared/Chart";
import { formatDate } from "../shared/format";
import type { Unit } from "../shared/units";
import type { CoverPoint } from "./data";
import { coverMonths, coverMonths1e2 } from "./math";

const H = 220;
const PAD = { left: 52, right: 16, top: 14, bottom: 34 };

/** "12.5 months", "1 month", "unbounded". */
export function monthsText(months: number): string {
  if (!Number.isFinite(months)) return "unbounded (no claim runs)";
  const n = Math.floor(months * 100) / 100;
  return `${n.toLocaleString("en", { maximumFractionDigits: 2 })} ${n === 1 ? "month" : "months"}`;
}

/** The stretches of the chart: each point's cover, from its time until the next point (the last one until `now`). */
export function coverSteps(points: readonly CoverPoint[], now: number) {
  return points.map((p, i) => ({
    from: p.at,
    until: Math.max(points[i + 1]?.at ?? now, p.at),
    months: coverMonths(coverMonths1e2(p.pool, p.burn)),
    point: p,
  }));
}

export function CoverChart({
  points,
  now,
  unit,
  older,
}: {
  /** Oldest first. */
  points: readonly CoverPoint[];
  now: number;
  unit: Unit;
  /** Whether older changes exist than the first point (the chart starts at it). */
  older: boolean;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const steps = coverSteps(points, now);
  if (steps.length === 0)
    return (
      <p className="muted" data-testid="cover-chart-empty">
        No money has moved in this circle yet.
      </p>
    );
  const t0 = steps[0].from;
  const t1 = Math.max(now, steps[steps.length - 1].until, t0 + 1);
  const finite = steps.filter((s) => Number.isFinite(s.months)).map((s) => s.months);
  const yMax = Math.max(1, ...finite) * 1.1;
  const plotW = Math.max(width - PAD.left - PAD.right, 40);
  const plotH = H - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * plotW;
  const y = (m: number) => PAD.top + plotH - (Math.min(m, yMax) / yMax) * plotH;
  // The line: horizontal at each finite step's cover, vertical between consecutive finite steps.
  const segments: string[] = [];
  let path = "";
  for (const s of steps) {
    if (!Number.isFinite(s.months)) {
      if (path) segments.push(path);
      path = "";
      continue;
    }
    const a = `${x(s.from).toFixed(1)},${y(s.months).toFixed(1)}`;
    const b = `${x(s.until).toFixed(1)},${y(s.months).toFixed(1)}`;
    path += `${path ? " " : ""}${a} ${b}`;
  }
  if (path) segments.push(path);
  const ticks = [0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  const last = steps[steps.length - 1];
  const title = `Months of cover over time, from ${formatDate(t0)} to ${formatDate(t1)}; now ${monthsText(last.months)}`;
  return (
    <div ref={ref} className="chart-box" data-testid="cover-chart">
      <svg className="chart" width={width} height={H} viewBox={`0 0 ${width} ${H}`} role="img" aria-label={title}>
        <title>{title}</title>
        {steps
          .filter((s) => !Number.isFinite(s.months))
          .map((s) => (
            <rect
              key={s.point.id}
              x={x(s.from)}
              width={Math.max(0.5, x(s.until) - x(s.from))}
              y={PAD.top}
              height={plotH}
              className="cover-none"
            >
              <title>{`${formatDate(s.from)}: no claim running, pool ${unit.fmt(s.point.pool)}`}</title>
            </rect>
          ))}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + plotH} className="rule-axis" />
        <line x1={PAD.left} x2={PAD.left + plotW} y1={PAD.top + plotH} y2={PAD.top + plotH} className="rule-axis" />
        {ticks.map((t) => (
          <text key={t} x={PAD.left - 6} y={y(t)} textAnchor="end" dominantBaseline="central" className="chart-value">
            {t >= 10 ? Math.round(t) : t.toFixed(1)}
          </text>
        ))}
        {segments.map((points, i) => (
          <polyline key={i} points={points} className="rule-line" />
        ))}
        {steps
          .filter((s) => Number.isFinite(s.months))
          .map((s) => (
            <circle key={s.point.id} cx={x(s.from)} cy={y(s.months)} r={3} className="rule-point">
              <title>{`${formatDate(s.from)}: ${monthsText(s.months)} (pool ${unit.fmt(s.point.pool)}, burn ${unit.fmt(s.point.burn)} a month)`}</title>
            </circle>
          ))}
        <text x={PAD.left} y={PAD.top + plotH + 16} className="chart-value">
          {formatDate(t0)}
        </text>
        <text x={PAD.left + plotW} y={PAD.top + plotH + 16} textAnchor="end" className="chart-value">
          {formatDate(t1)}
        </text>
        <text x={PAD.left + 6} y={PAD.top + 4} dominantBaseline="hanging" className="chart-value">
          months of cover
        </text>
      </svg>
      <div className="legend small">
        <span className="legend-item">
          <span className="legend-swatch seg-primary" aria-hidden />
          months the pool covers at the burn then running
        </span>
        <span className="legend-item">
          <span className="legend-swatch cover-none" aria-hidden />
          no claim running (nothing burns)
        </span>
        {older && <span className="legend-item">older changes are not drawn</span>}
      </div>
    </div>
  );
}
