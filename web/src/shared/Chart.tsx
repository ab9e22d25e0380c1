// A small hand-written SVG horizontal bar chart. It draws at the width of its container; when its labels and values
// need more room than that, it draws them whole and the SVG scales down to the container (text included).
import { useEffect, useRef, useState, type ReactNode } from "react";

export interface Bar {
  label: string;
  value: number;
  /** Text shown after the bar (defaults to the value). */
  display?: string;
  tone?: "primary" | "accent" | "muted";
  highlight?: boolean;
}

export function useWidth<T extends HTMLElement>(initial: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.max(240, Math.floor(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

const ROW_H = 28;

interface RowBase {
  label: string;
  display?: string;
}

/** The plot's width in a container `width` wide, beside the label and value columns (at least 40). */
const plotWidth = (width: number, labelWidth: number, valueWidth: number) =>
  Math.max(width - labelWidth - valueWidth, 40);

/**
 * The frame both charts share: an SVG with one row per bar — its label, an empty track, whatever `fill` draws on
 * the track (given the row's top edge), and the text after the bar. Its viewBox holds every column (label, plot of
 * `plotW`, value), so on a container narrower than that the chart scales down (CSS `max-width: 100%`) rather than
 * cutting the values off.
 */
function BarRows<R extends RowBase>({
  rows,
  title,
  labelWidth,
  plotW,
  valueWidth,
  rowClass,
  fill,
}: {
  rows: R[];
  title: string;
  labelWidth: number;
  plotW: number;
  valueWidth: number;
  rowClass: (row: R) => string | undefined;
  fill: (row: R, y: number) => ReactNode;
}) {
  const height = rows.length * ROW_H + 4;
  const width = labelWidth + plotW + valueWidth;
  return (
    <svg
      className="chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
    >
      <title>{title}</title>
      {rows.map((row, i) => {
        const y = 2 + i * ROW_H;
        return (
          <g key={`${row.label}-${i}`} className={rowClass(row)}>
            <text
              x={labelWidth - 10}
              y={y + ROW_H / 2}
              textAnchor="end"
              dominantBaseline="central"
              className="chart-label"
            >
              {row.label}
            </text>
            <rect x={labelWidth} y={y + 6} width={plotW} height={ROW_H - 12} rx={3} className="bar-track" />
            {fill(row, y)}
            <text x={labelWidth + plotW + 8} y={y + ROW_H / 2} dominantBaseline="central" className="chart-value">
              {row.display ?? ""}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Length of a bar of `value` on a scale whose largest value `max` spans `plotW` (a non-zero value stays visible). */
function barLength(value: number, max: number, plotW: number): number {
  return max > 0 ? Math.max((value / max) * plotW, value > 0 ? 2 : 0) : 0;
}

export function BarChart({
  bars,
  title,
  labelWidth = 140,
  valueWidth = 110,
}: {
  bars: Bar[];
  title: string;
  labelWidth?: number;
  valueWidth?: number;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const plotW = plotWidth(width, labelWidth, valueWidth);
  const max = Math.max(...bars.map((b) => b.value), 0);
  return (
    <div ref={ref} className="chart-box">
      <BarRows
        rows={bars.map((b) => ({ ...b, display: b.display ?? String(b.value) }))}
        title={title}
        labelWidth={labelWidth}
        plotW={plotW}
        valueWidth={valueWidth}
        rowClass={(b) => `bar bar-${b.tone ?? "primary"}${b.highlight ? " bar-highlight" : ""}`}
        fill={(b, y) => (
          <rect
            x={labelWidth}
            y={y + 6}
            width={barLength(b.value, max, plotW)}
            height={ROW_H - 12}
            rx={3}
            className="bar-fill"
          />
        )}
      />
    </div>
  );
}

export interface Segment {
  value: number;
  tone: "primary" | "accent" | "muted" | "danger";
  /** Name of the segment in the legend and the tooltip. */
  name: string;
}

export interface StackedBar {
  label: string;
  segments: Segment[];
  /** Text shown after the bar. */
  display?: string;
  highlight?: boolean;
}

/** Horizontal stacked bars (e.g. used vs available credit per counterparty), all on one scale, with a legend. */
export function StackedBarChart({
  bars,
  title,
  labelWidth = 140,
  valueWidth = 150,
}: {
  bars: StackedBar[];
  title: string;
  labelWidth?: number;
  valueWidth?: number;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const plotW = plotWidth(width, labelWidth, valueWidth);
  const max = Math.max(...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)), 0);
  const legend = new Map<string, Segment["tone"]>();
  for (const b of bars) for (const x of b.segments) if (!legend.has(x.name)) legend.set(x.name, x.tone);
  return (
    <div ref={ref} className="chart-box">
      <BarRows
        rows={bars}
        title={title}
        labelWidth={labelWidth}
        plotW={plotW}
        valueWidth={valueWidth}
        rowClass={(b) => (b.highlight ? "bar-highlight" : undefined)}
        fill={(b, y) => {
          let x = labelWidth;
          return b.segments.map((seg, j) => {
            const w = barLength(seg.value, max, plotW);
            const r = (
              <rect key={j} x={x} y={y + 6} width={w} height={ROW_H - 12} className={`seg seg-${seg.tone}`}>
                <title>{`${b.label} · ${seg.name}`}</title>
              </rect>
            );
            x += w;
            return r;
          });
        }}
      />
      <div className="legend small">
        {[...legend].map(([name, tone]) => (
          <span key={name} className="legend-item">
            <span className={`legend-swatch seg-${tone}`} aria-hidden />
            {name}
          </span>
        ))}
      </div>
    </div>
  );
}
