// The resource module's SVG drawings: the harvest control rule (Blim / Bpa marks, step-bound band, assessed point)
// and a season's calendar strip (closed periods, today).
import { useWidth } from "../shared/Chart";
import { formatDate } from "../shared/format";
import { closures, ruleCapOf, type HarvestRule, type ResourceInfo } from "./data";
import type { Unit } from "../shared/units";

const H = 220;
const PAD = { left: 64, right: 16, top: 14, bottom: 34 };

export function RuleChart({
  rule,
  unit,
  previousCap,
  assessed,
}: {
  rule: HarvestRule;
  unit: Unit;
  /** The previous season's cap: the step bound keeps the new cap within a band around it (none when 0). */
  previousCap?: bigint;
  /** The biomass being assessed, with the rule's cap and the bounded cap for it. */
  assessed?: { biomass: bigint; ruleCap: bigint; cap: bigint };
}) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const f = unit.float;
  const bpa = f(rule.precautionaryBiomass);
  const blim = f(rule.limitBiomass);
  const xMax = Math.max(bpa * 2, assessed ? f(assessed.biomass) * 1.15 : 0);
  const capAt = (b: number) => f(ruleCapOf(rule, BigInt(Math.round(b)) * 10n ** BigInt(unit.decimals)));
  const band =
    previousCap && previousCap > 0n
      ? {
          lower: f(previousCap - (previousCap * BigInt(rule.maxCutBps)) / 10_000n),
          upper: f(previousCap + (previousCap * BigInt(rule.maxRiseBps)) / 10_000n),
        }
      : undefined;
  const yMax = Math.max(capAt(xMax), band?.upper ?? 0, assessed ? f(assessed.cap) : 0) * 1.08 || 1;
  const plotW = width - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (b: number) => PAD.left + (b / xMax) * plotW;
  const y = (c: number) => PAD.top + plotH - (c / yMax) * plotH;
  const line = [0, blim, bpa, xMax].map((b) => `${x(b).toFixed(1)},${y(capAt(b)).toFixed(1)}`).join(" ");
  const short = (v: number) => (v >= 1000 ? `${Math.round(v / 1000).toLocaleString()}k` : String(Math.round(v)));
  const ticks = [0.25, 0.5, 0.75, 1].map((t) => t * yMax);
  return (
    <div ref={ref} className="chart-box" data-testid="rule-chart">
      <svg
        className="chart rule-chart"
        width={width}
        height={H}
        viewBox={`0 0 ${width} ${H}`}
        role="img"
        aria-label="Harvest control rule: cap against biomass"
      >
        <title>Harvest control rule: cap against biomass</title>
        {band && (
          <rect
            x={PAD.left}
            width={plotW}
            y={y(band.upper)}
            height={Math.max(1, y(band.lower) - y(band.upper))}
            className="rule-band"
          >
            <title>{`Step bound: the cap may move from ${short(band.lower)} to ${short(band.upper)} ${unit.symbol}`}</title>
          </rect>
        )}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + plotH} className="rule-axis" />
        <line x1={PAD.left} x2={PAD.left + plotW} y1={PAD.top + plotH} y2={PAD.top + plotH} className="rule-axis" />
        {ticks.map((t) => (
          <text key={t} x={PAD.left - 6} y={y(t)} textAnchor="end" dominantBaseline="central" className="chart-value">
            {short(t)}
          </text>
        ))}
        {[
          { b: blim, label: "Blim" },
          { b: bpa, label: "Bpa" },
        ].map((m) => (
          <g key={m.label}>
            <line x1={x(m.b)} x2={x(m.b)} y1={PAD.top} y2={PAD.top + plotH} className="rule-mark" />
            <text x={x(m.b)} y={PAD.top + plotH + 14} textAnchor="middle" className="chart-label">
              {m.label}
            </text>
            <text x={x(m.b)} y={PAD.top + plotH + 27} textAnchor="middle" className="chart-value">
              {short(m.b)}
            </text>
          </g>
        ))}
        <polyline points={line} className="rule-line" />
        {assessed && (
          <>
            <circle cx={x(f(assessed.biomass))} cy={y(f(assessed.ruleCap))} r={5} className="rule-point-rule">
              <title>{`The rule gives ${unit.fmt(assessed.ruleCap)}`}</title>
            </circle>
            <circle cx={x(f(assessed.biomass))} cy={y(f(assessed.cap))} r={5} className="rule-point">
              <title>{`Cap ${unit.fmt(assessed.cap)} at ${unit.fmt(assessed.biomass)}`}</title>
            </circle>
          </>
        )}
        <text x={PAD.left + plotW} y={PAD.top + plotH - 6} textAnchor="end" className="chart-value">
          biomass ({unit.symbol})
        </text>
        <text x={PAD.left + 6} y={PAD.top + 4} dominantBaseline="hanging" className="chart-value">
          cap ({unit.symbol})
        </text>
      </svg>
      <div className="legend small">
        <span className="legend-item">
          <span className="legend-swatch seg-primary" aria-hidden />
          rule (F × biomass above Bpa, falling to 0 at Blim)
        </span>
        {band && (
          <span className="legend-item">
            <span className="legend-swatch rule-band" aria-hidden />
            step bound around the previous cap
          </span>
        )}
        {assessed && (
          <span className="legend-item">
            <span className="legend-swatch seg-accent" aria-hidden />
            assessed point (hollow: the rule before the step bound)
          </span>
        )}
      </div>
    </div>
  );
}

/** A season as a strip: closed periods shaded, today's marker, and the next closure in words. */
export function SeasonStrip({ info, season, time }: { info: ResourceInfo; season: number; time: number }) {
  const c = closures(info, season, time);
  const at = (t: number) => `${(((t - c.start) / (c.end - c.start)) * 100).toFixed(2)}%`;
  // Days from the season's start, as closed periods are set ("days 200–230").
  const day = (t: number) => Math.floor((t - c.start) / 86_400);
  return (
    <div className="strip-wrap" data-testid="season-strip">
      <div className="strip" role="img" aria-label={`Season ${season} calendar`}>
        {c.periods.map((p) => (
          <span
            key={p.from}
            className="strip-closed"
            style={{ left: at(p.from), width: `calc(${at(p.until)} - ${at(p.from)})` }}
            title={`Closed ${formatDate(p.from)} – ${formatDate(p.until)}`}
          />
        ))}
        {time >= c.start && time < c.end && <span className="strip-today" style={{ left: at(time) }} title="Today" />}
      </div>
      <div className="strip-scale small muted">
        <span>{formatDate(c.start)}</span>
        <span>{formatDate(c.end)}</span>
      </div>
      <p className="small" data-testid="closure-status">
        {c.now
          ? `Closed now (${day(time)} days into the season, closure days ${day(c.now.from)}–${day(c.now.until)}) until ${formatDate(c.now.until)}: no transfers or landings.`
          : c.next
            ? `Open waters${time >= c.start ? ` (${day(time)} days into the season)` : ""}. Next closure ${formatDate(c.next.from)} – ${formatDate(c.next.until)} (days ${day(c.next.from)}–${day(c.next.until)}).`
            : `Open waters${time >= c.start ? ` (${day(time)} days into the season)` : ""}; no further closure this season.`}
      </p>
    </div>
  );
}
