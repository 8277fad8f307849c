// A line chart with a log-scale y axis (and optionally x axis): labelled axes, decade ticks,
// hover values, legend, no animation (live data). Rows are {x, [series key]: value | null}; a series
// skips rows where it has no value (rows of several runs interleave by step).

import { memo, useMemo, useRef, useState } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ExportButtons } from './ExportButtons.tsx';
import { chartBody } from './exportFigure.ts';

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
}

export type Row = Record<string, number | null>;

/** Log-axis ticks covering [lo, hi]: powers of ten, plus 2× and 5× when few decades show. */
export function logTicks(lo: number, hi: number): number[] {
  const [e0, e1] = [Math.floor(Math.log10(lo)), Math.ceil(Math.log10(hi))];
  const steps = e1 - e0 <= 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = e0; e <= e1; e++) for (const m of steps) out.push(Number((m * 10 ** e).toPrecision(1)));
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

/** Short numbers for ticks and tooltips: 0, 0.25, 1500, 1e-4, 2.5e-6; ∞ and — (NaN) for the rest. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0 || (Math.abs(v) >= 0.01 && Math.abs(v) < 10000)) return String(Number(v.toPrecision(3)));
  const [m, e] = v.toExponential(1).split('e');
  return `${m.replace(/\.0$/, '')}e${e.replace('+', '')}`;
}

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
  legend?: boolean;
  /** Labelled vertical lines (e.g. bucket boundaries). */
  xMarks?: { x: number; label: string }[];
}

export const LogChart = memo(function LogChart(p: Props) {
  const { rows, series, xLog = false, height = 320, legend = true } = p;
  const figure = useRef<HTMLElement>(null);
  const { yTicks, xTicks } = useMemo(() => {
    const [lo, hi] =
      p.yRange ??
      positiveRange(
        rows,
        series.map((s) => s.key),
      );
    return { yTicks: logTicks(lo, hi), xTicks: xLog ? logTicks(...positiveRange(rows, ['x'])) : undefined };
  }, [rows, series, xLog, p.yRange]);
  return (
    <figure ref={figure} className="chart" aria-label={`${p.title}: ${p.yLabel} against ${p.xLabel}`}>
      <figcaption>{p.title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 24, left: 16 }}>
          <CartesianGrid stroke="#e3e3e3" />
          <XAxis
            dataKey="x"
            type="number"
            scale={xLog ? 'log' : 'auto'}
            domain={xTicks ? [xTicks[0], xTicks[xTicks.length - 1]] : [0, 'dataMax']}
            ticks={xTicks}
            allowDataOverflow={xLog}
            tickFormatter={formatNumber}
            label={{ value: p.xLabel, position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            scale="log"
            domain={[yTicks[0], yTicks[yTicks.length - 1]]}
            ticks={yTicks}
            allowDataOverflow
            tickFormatter={formatNumber}
            label={{ value: p.yLabel, angle: -90, position: 'insideLeft', offset: 0, style: { textAnchor: 'middle' } }}
            width={72}
          />
          <Tooltip
            formatter={(v) => formatNumber(Number(v))}
            labelFormatter={(x) => `${p.xLabel} ${formatNumber(Number(x))}`}
          />
          {legend && <Legend verticalAlign="top" itemSorter={null} />}
          {p.xMarks?.map((m) => (
            <ReferenceLine
              key={m.label}
              x={m.x}
              stroke="#666"
              strokeDasharray="2 3"
              label={{ value: m.label, position: 'insideTopRight', fontSize: 12, fill: '#444' }}
            />
          ))}
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeDasharray={s.dash}
              strokeWidth={s.faint || s.overlay ? 1.5 : 2}
              strokeOpacity={s.faint ? (s.reference ? 0.8 : 0.4) : 1}
              dot={false}
              activeDot={s.faint ? false : undefined}
              isAnimationActive={false}
              connectNulls
              legendType={s.unlisted ? 'none' : 'plainline'}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <div className="figure-tools">
        <DataTable {...p} />
        <ExportButtons
          title={p.title}
          legend={series.filter((s) => !s.unlisted)}
          body={() => (figure.current ? chartBody(figure.current) : null)}
        />
      </div>
    </figure>
  );
});

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
