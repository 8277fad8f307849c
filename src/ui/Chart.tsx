// A line chart with a log-scale y axis (and optionally x axis): labelled axes, decade ticks,
// hover values, legend. Rows are {x, [series key]: value | null}; a series skips rows where it has
// no value (rows of several runs interleave by step) and values outside the y range are clipped.
//
// Drawn as plain SVG by React (one path per series), not with a chart library: the charts redraw
// several times a second while training, and with Recharts one redraw of the race's charts took
// 100–400 ms of main-thread time (docs/benchmarks.md); this takes a few milliseconds.

import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ExportButtons } from './ExportButtons.tsx';
import { chartBody } from './exportFigure.ts';
import { formatNumber } from '../state/format.ts';

export interface Series {
  key: string;
  name: string;
  color: string;
  dash: string;
  /** A context line (a raw curve behind its smoothed one, a reference slope): thin and faint. */
  faint?: boolean;
  /** Left out of the legend (e.g. the raw curve whose smoothed twin is listed). */
  unlisted?: boolean;
  /** A guide, not data: left out of the table view. */
  reference?: boolean;
  /** A saved or opened run drawn over the live one: thinner. */
  overlay?: boolean;
  /** A shaded band between two other keys of the rows (e.g. the range over seeds), behind the line. */
  band?: { lo: string; hi: string };
}

export type Row = Record<string, number | null>;

/** Log-axis ticks covering [lo, hi]: powers of ten (every k-th over many decades), plus 2× and 5× when few show. */
export function logTicks(lo: number, hi: number): number[] {
  const [e0, e1] = [Math.floor(Math.log10(lo)), Math.ceil(Math.log10(hi))];
  // Within one decade (held-out losses often are) 1–8 × 10^k; within two 1, 2, 5; else decades.
  const steps = e1 - e0 <= 1 ? [1, 2, 3, 4, 5, 6, 8] : e1 - e0 <= 2 ? [1, 2, 5] : [1];
  // At most about 10 labels: every k-th decade over a wide range.
  const k = Math.max(1, Math.ceil((e1 - e0) / 10));
  const out: number[] = [];
  for (let e = e0; e <= e1 + k - 1; e += k) for (const m of steps) out.push(Number((m * 10 ** e).toPrecision(1)));
  const first = out.findLastIndex((t) => t <= lo);
  const last = out.findIndex((t) => t >= hi);
  return out.slice(Math.max(0, first), last < 0 ? out.length : last + 1);
}

/** Positive finite range of the given keys over the rows. */
export function positiveRange(rows: Row[], keys: string[]): [number, number] {
  let [lo, hi] = [Infinity, 0];
  for (const r of rows)
    for (const k of keys) {
      const v = r[k];
      if (v !== null && v !== undefined && Number.isFinite(v) && v > 0) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  return hi > 0 ? [lo, hi] : [0.01, 1];
}

/** About `count` round ticks (1, 2 or 5 × 10^k apart) covering [lo, hi] (a linear axis that need not start at 0). */
export function rangeTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo, lo + 1];
  const raw = (hi - lo) / count;
  const e = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * e).find((s) => s >= raw)!;
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/** About `count` round ticks from 0 to at least hi. */
export const linearTicks = (hi: number, count = 5) => rangeTicks(0, Math.max(0, hi), count);

interface Props {
  title: string;
  xLabel: string;
  yLabel: string;
  rows: Row[];
  series: Series[];
  xLog?: boolean;
  height?: number;
  /** Fixed y range (e.g. shared by small multiples); else fitted to the data. */
  yRange?: [number, number];
  /** A linear y axis (e.g. AUC) instead of the logarithmic one. */
  yLinear?: boolean;
  legend?: boolean;
  /** Labelled vertical lines (e.g. bucket boundaries). */
  xMarks?: { x: number; label: string }[];
}

const MARGIN = { top: 10, right: 24, bottom: 44, left: 72 };

/** Width of the element, kept up to date (0 before the first layout). */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export const Chart = memo(function Chart(p: Props) {
  const { rows, series, xLog = false, height = 320, legend = true } = p;
  const figure = useRef<HTMLElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const [hover, setHover] = useState<number | null>(null);
  const plot = useMemo(() => {
    const [lo, hi] =
      p.yRange ??
      positiveRange(
        rows,
        series.map((s) => s.key),
      );
    const yLog = !p.yLinear;
    const yTicks = yLog ? logTicks(lo, hi) : rangeTicks(lo, hi);
    const xTicks = xLog
      ? logTicks(...positiveRange(rows, ['x']))
      : linearTicks(Math.max(0, ...rows.map((r) => r.x ?? 0)));
    const [w, h] = [Math.max(1, width - MARGIN.left - MARGIN.right), height - MARGIN.top - MARGIN.bottom];
    const axis = (ticks: number[], log: boolean, size: number, flip: boolean) => {
      const f = log ? Math.log10 : (v: number) => v;
      const [a, b] = [f(ticks[0]), f(ticks[ticks.length - 1])];
      return (v: number) => {
        const t = (f(v) - a) / (b - a || 1);
        return flip ? size * (1 - t) : size * t;
      };
    };
    const X = axis(xTicks, xLog, w, false);
    const Y = axis(yTicks, yLog, h, true);
    const usable = (v: number | null | undefined, log: boolean): v is number =>
      v != null && Number.isFinite(v) && (!log || v > 0);
    const paths = series.map((s) => {
      let d = '';
      for (const r of rows) {
        const v = r[s.key];
        if (!usable(v, yLog) || !usable(r.x, xLog)) continue;
        d += `${d ? 'L' : 'M'}${X(r.x).toFixed(1)} ${Y(v).toFixed(1)}`;
      }
      return d;
    });
    // Bands: along lo, then back along hi, closed.
    const bands = series.map((s) => {
      if (!s.band) return '';
      const pts = rows.filter((r) => usable(r.x, xLog) && usable(r[s.band!.lo], yLog) && usable(r[s.band!.hi], yLog));
      if (pts.length < 2) return '';
      const at = (r: Row, k: string) => `${X(r.x!).toFixed(1)} ${Y(r[k]!).toFixed(1)}`;
      const lo = pts.map((r) => at(r, s.band!.lo));
      const hi = pts.map((r) => at(r, s.band!.hi)).reverse();
      return `M${[...lo, ...hi].join('L')}Z`;
    });
    return { xTicks, yTicks, X, Y, w, h, paths, bands };
  }, [rows, series, xLog, p.yRange, p.yLinear, width, height]);
  const { xTicks, yTicks, X, Y, w, h, paths, bands } = plot;
  const listed = series.filter((s) => !s.unlisted);
  // Hover: the row nearest the pointer, its values in a box.
  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left - MARGIN.left;
    let best: number | null = null;
    rows.forEach((r, i) => {
      if (r.x == null || (xLog && r.x <= 0)) return;
      if (best === null || Math.abs(X(r.x) - x) < Math.abs(X(rows[best].x!) - x)) best = i;
    });
    setHover(best);
  };
  const hovered = hover !== null && hover < rows.length ? rows[hover] : null;
  return (
    <figure ref={figure} className="chart" aria-label={`${p.title}: ${p.yLabel} against ${p.xLabel}`}>
      <figcaption>{p.title}</figcaption>
      {legend && (
        <ul className="legend">
          {listed.map((s) => (
            <li key={s.key} className="legend-item">
              <svg width="24" height="8" aria-hidden>
                <line x1="0" y1="4" x2="24" y2="4" stroke={s.color} strokeDasharray={s.dash} strokeWidth="2" />
              </svg>
              <span className="legend-item-text" style={{ color: s.color }}>
                {s.name}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div ref={box} className="plot-box" style={{ height }}>
        {width > 0 && (
          <svg
            className="plot"
            width={width}
            height={height}
            viewBox={`0 0 ${width} ${height}`}
            fontSize="12"
            onPointerMove={onMove}
            onPointerLeave={() => setHover(null)}
          >
            <defs>
              <clipPath id={`clip-${slugId(p.title)}`}>
                <rect width={w} height={h} />
              </clipPath>
            </defs>
            <g transform={`translate(${MARGIN.left} ${MARGIN.top})`}>
              <g stroke="#e3e3e3">
                {yTicks.map((t) => (
                  <line key={`y${t}`} x1={0} x2={w} y1={Y(t)} y2={Y(t)} />
                ))}
                {xTicks.map((t) => (
                  <line key={`x${t}`} y1={0} y2={h} x1={X(t)} x2={X(t)} />
                ))}
              </g>
              <g fill="#444">
                {yTicks.map((t) => (
                  <text key={t} x={-6} y={Y(t)} textAnchor="end" dominantBaseline="middle">
                    {formatNumber(t)}
                  </text>
                ))}
                {xTicks.map((t) => (
                  <text key={t} x={X(t)} y={h + 16} textAnchor="middle">
                    {formatNumber(t)}
                  </text>
                ))}
                <text x={w / 2} y={h + 36} textAnchor="middle">
                  {p.xLabel}
                </text>
                <text transform={`translate(${-56} ${h / 2}) rotate(-90)`} textAnchor="middle">
                  {p.yLabel}
                </text>
              </g>
              <rect width={w} height={h} fill="none" stroke="#999" />
              {p.xMarks?.map((m) => (
                <g key={m.label}>
                  <line x1={X(m.x)} x2={X(m.x)} y1={0} y2={h} stroke="#666" strokeDasharray="2 3" />
                  <text x={X(m.x) - 4} y={14} textAnchor="end" fill="#444">
                    {m.label}
                  </text>
                </g>
              ))}
              <g clipPath={`url(#clip-${slugId(p.title)})`} fill="none">
                {series.map(
                  (s, i) =>
                    bands[i] && (
                      <path key={`band-${s.key}`} className="band" d={bands[i]} fill={s.color} fillOpacity={0.15} />
                    ),
                )}
                {series.map((s, i) => (
                  <path
                    key={s.key}
                    className="line"
                    data-series={s.key}
                    d={paths[i]}
                    stroke={s.color}
                    strokeDasharray={s.dash || undefined}
                    strokeWidth={s.faint || s.overlay ? 1.5 : 2}
                    strokeOpacity={s.faint ? (s.reference ? 0.8 : 0.4) : 1}
                    strokeLinejoin="round"
                  />
                ))}
              </g>
              {hovered && hovered.x != null && (
                <line x1={X(hovered.x)} x2={X(hovered.x)} y1={0} y2={h} stroke="#888" className="hover" />
              )}
            </g>
          </svg>
        )}
        {hovered && hovered.x != null && (
          <div
            className="chart-tooltip"
            style={{ left: Math.min(MARGIN.left + X(hovered.x) + 12, Math.max(0, width - 220)) }}
          >
            <div>
              {p.xLabel} {formatNumber(hovered.x)}
            </div>
            {listed
              .filter((s) => hovered[s.key] != null)
              .map((s) => (
                <div key={s.key} style={{ color: s.color }}>
                  {s.name}: {formatNumber(hovered[s.key]!)}
                </div>
              ))}
          </div>
        )}
      </div>
      <div className="figure-tools">
        <DataTable {...p} />
        <ExportButtons
          title={p.title}
          legend={listed}
          body={() => (figure.current ? chartBody(figure.current) : null)}
        />
      </div>
    </figure>
  );
});

/** An id-safe form of a chart title (clip paths must not collide between charts). */
const slugId = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-');

/** The chart's numbers as a table (at most 40 evenly spaced rows), rendered only when opened. */
function DataTable({ rows, series: all, xLabel, title }: Props) {
  const [open, setOpen] = useState(false);
  const series = all.filter((s) => !s.reference);
  const shown =
    rows.length <= 40 ? rows : Array.from({ length: 40 }, (_, i) => rows[Math.round((i * (rows.length - 1)) / 39)]);
  return (
    <details className="table-view" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Table</summary>
      {open && (
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i}>
                <th scope="row">{formatNumber(r.x ?? NaN)}</th>
                {series.map((s) => (
                  <td key={s.key}>{r[s.key] == null ? '—' : formatNumber(r[s.key]!)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
