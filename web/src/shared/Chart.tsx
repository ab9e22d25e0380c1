// A small hand-written SVG horizontal bar chart. It draws at the width of its container (no scaling of text).
import { useEffect, useRef, useState } from "react";

export interface Bar {
  label: string;
  value: number;
  /** Text shown after the bar (defaults to the value). */
  display?: string;
  tone?: "primary" | "accent" | "muted";
  highlight?: boolean;
}

function useWidth<T extends HTMLElement>(initial: number) {
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
  const rowH = 28;
  const plotW = Math.max(width - labelWidth - valueWidth, 40);
  const max = Math.max(...bars.map((b) => b.value), 0);
  const height = bars.length * rowH + 4;
  return (
    <div ref={ref} className="chart-box">
      <svg
        className="chart"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
      >
        <title>{title}</title>
        {bars.map((b, i) => {
          const y = 2 + i * rowH;
          const w = max > 0 ? Math.max((b.value / max) * plotW, b.value > 0 ? 2 : 0) : 0;
          return (
            <g
              key={`${b.label}-${i}`}
              className={`bar bar-${b.tone ?? "primary"}${b.highlight ? " bar-highlight" : ""}`}
            >
              <text
                x={labelWidth - 10}
                y={y + rowH / 2}
                textAnchor="end"
                dominantBaseline="central"
                className="chart-label"
              >
                {b.label}
              </text>
              <rect x={labelWidth} y={y + 6} width={plotW} height={rowH - 12} rx={3} className="bar-track" />
              <rect x={labelWidth} y={y + 6} width={w} height={rowH - 12} rx={3} className="bar-fill" />
              <text x={labelWidth + plotW + 8} y={y + rowH / 2} dominantBaseline="central" className="chart-value">
                {b.display ?? String(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
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
  const rowH = 28;
  const plotW = Math.max(width - labelWidth - valueWidth, 40);
  const max = Math.max(...bars.map((b) => b.segments.reduce((s, x) => s + x.value, 0)), 0);
  const height = bars.length * rowH + 4;
  const legend = new Map<string, Segment["tone"]>();
  for (const b of bars) for (const x of b.segments) if (!legend.has(x.name)) legend.set(x.name, x.tone);
  return (
    <div ref={ref} className="chart-box">
      <svg
        className="chart"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
      >
        <title>{title}</title>
        {bars.map((b, i) => {
          const y = 2 + i * rowH;
          let x = labelWidth;
          return (
            <g key={`${b.label}-${i}`} className={b.highlight ? "bar-highlight" : undefined}>
              <text
                x={labelWidth - 10}
                y={y + rowH / 2}
                textAnchor="end"
                dominantBaseline="central"
                className="chart-label"
              >
                {b.label}
              </text>
              <rect x={labelWidth} y={y + 6} width={plotW} height={rowH - 12} rx={3} className="bar-track" />
              {b.segments.map((seg, j) => {
                const w = max > 0 ? Math.max((seg.value / max) * plotW, seg.value > 0 ? 2 : 0) : 0;
                const r = (
                  <rect key={j} x={x} y={y + 6} width={w} height={rowH - 12} className={`seg seg-${seg.tone}`}>
                    <title>{`${b.label} · ${seg.name}`}</title>
                  </rect>
                );
                x += w;
                return r;
              })}
              <text x={labelWidth + plotW + 8} y={y + rowH / 2} dominantBaseline="central" className="chart-value">
                {b.display ?? ""}
              </text>
            </g>
          );
        })}
      </svg>
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
