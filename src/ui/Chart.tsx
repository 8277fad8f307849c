// Every line chart of the page, on Recharts: a log-scale y axis (or linear) and optionally log x,
// decade ticks, a legend in series order, exact values on hover, bands (e.g. the range over
// seeds), reference marks, and a mark where a curve leaves through the top ("off the top at step
// t"). Rows are {x, [series key]: value | null}; a series skips rows where it has no value (rows of
// several runs interleave by step), so lines connect across them.
//
// Fast the Recharts way: what is drawn is decimated (about 300 points per series; the raw rows
// still feed the hover values and the table), animations and dots are off, the plot is memoised on
// its data, and redraws go through the frame queue (started one chart per frame and rendered as
// React transitions, frameQueue.ts), seldom while the chart is out of sight.

import { createContext, memo, useContext, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ExportButtons, ExportContext } from './ExportButtons.tsx';
import { formatNumber } from '../state/format.ts';
import { decimateRows } from './decimateRows.ts';
// The plot's content is described in figure/plot.ts, shared with the exports (figure/figure.ts).
import { legendItemWidth } from './figure/layout.ts';
import {
  BAND_OPACITY,
  escapesOf,
  escapeTriangle,
  planAxes,
  strokeOf,
  type Axes,
  type Escape,
  type PlotInput,
  type Row,
  type Series,
} from './figure/plot.ts';
// Replay export (issue 30): charts over training steps register for the replay dialog.
import type { ReplayRole } from './replay/replayCharts.ts';
import { ReplayButton } from './replay/ReplayButton.tsx';
import { useFrameStaggered } from './frameQueue.ts';
import { useInView } from './useInView.ts';
import { useChartLook, type ChartLook } from './chartLook.ts';

export type { Row, Series } from './figure/plot.ts';

interface Props extends PlotInput {
  /** Fewest milliseconds between redraws while in sight (frameQueue.ts MIN_REDRAW_MS unless given). */
  redrawMs?: number;
  /** What the hovered row stands for, shown with its values (e.g. the word of a rank); null: nothing. */
  describe?: (row: Row) => string | null;
  /** Said in place of the plot while no series has a value to draw. */
  emptyNote?: string;
  /** x is the training step: the chart can be replayed (Export replay…), as the race, the tail or another chart. */
  replay?: ReplayRole;
}

/** Most points per series drawn (the rows keep every point): about one per 2 pixels of plot, up to 300. */
const DRAWN_POINTS = 300;
const drawnPoints = (plotWidth: number) => Math.round(Math.min(DRAWN_POINTS, Math.max(60, plotWidth / 2)));
/** Fewest points of a smooth series (a fifth of drawnPoints): its rows add to every line's walk. */
const SMOOTH_POINTS = 30;

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

/** Everything the plot draws, computed once per change of data, size or look. */
interface Plot extends Axes {
  width: number;
  height: number;
  /** The rows drawn: every family's thinned rows, merged by x. */
  data: Row[];
  series: Series[];
  escapes: Escape[];
  look: ChartLook;
  legend: boolean;
  xLabel: string;
  yLabel: string;
  xMarks: { x: number; label: string }[];
  yMarks: { y: number; label: string }[];
  /** Raw rows by x, for the hover values. */
  rawAt: Map<number, Row>;
  describe: ((row: Row) => string | null) | null;
}

/** What planPlot reads of a chart's props. */
type PlotProps = Omit<Props, 'title' | 'redrawMs' | 'emptyNote' | 'replay'>;

function planPlot(p: PlotProps, width: number, look: ChartLook): Plot {
  const { rows, series, legend = true } = p;
  const plotWidth = Math.max(1, width - 110);
  const { xLog, yLog, xDomain, xTicks, yDomain, yTicks } = planAxes(p, plotWidth, look.font);
  const escapes = escapesOf(p, yDomain[1]);
  const target = drawnPoints(plotWidth);
  const families = decimateRows(
    rows,
    series.map((s) => ({
      key: s.key,
      with: s.band ? [s.band.lo, s.band.hi] : [],
      target: s.smooth ? Math.max(SMOOTH_POINTS, Math.round(target / 5)) : target,
    })),
    { xLog, yLog },
  );
  // One data array for the chart (Recharts re-registers a line whose own `data` changes, which
  // costs more than walking the few rows another family adds).
  const merged = new Map<number, Row>();
  for (const f of families) for (const r of f.rows) merged.set(r.x!, { ...merged.get(r.x!), ...r });
  const rawAt = new Map<number, Row>();
  for (const r of rows) if (r.x != null && !rawAt.has(r.x)) rawAt.set(r.x, r);
  const listed = series.filter((s) => !s.unlisted);
  const legendLines = legend
    ? Math.max(1, Math.ceil(listed.reduce((a, s) => a + legendItemWidth(s.name, look.font), 0) / Math.max(1, width)))
    : 0;
  return {
    width,
    data: [...merged.values()].sort((a, b) => a.x! - b.x!),
    height: (p.height ?? 320) + legendLines * (look.font + 8),
    series,
    xLog,
    yLog,
    xDomain,
    xTicks,
    yDomain,
    yTicks,
    escapes,
    look,
    legend,
    xLabel: p.xLabel,
    yLabel: p.yLabel,
    xMarks: p.xMarks ?? [],
    yMarks: p.yMarks ?? [],
    rawAt,
    describe: p.describe ?? null,
  };
}

export const Chart = memo(function Chart(p: Props) {
  const figure = useRef<HTMLElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const look = useChartLook();
  // The plot is planned (ranges, ticks, thinning) in its own turn of the frame queue, so a chart
  // that redraws less often than its data comes also plans less often; a change of what planPlot
  // does not read (e.g. the title) redraws nothing.
  const { rows, series, xLog, height, yRange, yLinear, legend, xMarks, yMarks, describe, xLabel, yLabel } = p;
  const inputs = useMemo(
    () =>
      width > 0
        ? {
            p: { rows, series, xLog, height, yRange, yLinear, legend, xMarks, yMarks, describe, xLabel, yLabel },
            width,
            look,
          }
        : null,
    [rows, series, xLog, height, yRange, yLinear, legend, xMarks, yMarks, describe, xLabel, yLabel, width, look],
  );
  // The chart's content as plain data, as exports and the replay dialog read it (the latest, not the last drawn).
  const { title } = p;
  const content = useMemo(
    (): PlotInput => ({ title, xLabel, yLabel, rows, series, xLog, height, yRange, yLinear, legend, xMarks, yMarks }),
    [title, xLabel, yLabel, rows, series, xLog, height, yRange, yLinear, legend, xMarks, yMarks],
  );
  // Over training steps: registered for "Export replay…" while mounted.
  const charts = useContext(ExportContext)?.charts;
  const id = useId();
  const { replay } = p;
  useEffect(() => void (replay && charts?.set(id, { role: replay, input: content })), [charts, id, replay, content]);
  useEffect(() => () => void charts?.delete(id), [charts, id]);
  const inView = useInView(figure);
  const [turn, drawNow] = useFrameStaggered(inputs, { minRedrawMs: p.redrawMs, inView, label: p.title });
  const shown = useMemo(() => (turn ? planPlot(turn.p, turn.width, turn.look) : null), [turn]);
  // The hover values' Tooltip is mounted only while the pointer is over the plot: Recharts
  // recomputes a mounted Tooltip's state at every redraw, hovered or not.
  const [hovered, setHovered] = useState(false);
  const empty = shown !== null && shown.data.length === 0;
  return (
    <figure ref={figure} className="chart" aria-label={`${p.title}: ${p.yLabel} against ${p.xLabel}`}>
      <figcaption>{p.title}</figcaption>
      <div
        ref={box}
        className={empty ? 'plot-box empty' : 'plot-box'}
        style={{ height: shown?.height ?? p.height ?? 320 }}
        onPointerEnter={() => setHovered(true)}
        onPointerLeave={() => setHovered(false)}
      >
        {shown && <PlotView plot={shown} hovered={hovered} />}
        {empty && <p className="plot-empty-note">{p.emptyNote ?? 'Nothing to draw yet.'}</p>}
      </div>
      {/* Named under a chart with a legend; small multiples show the mark alone. */}
      {shown && shown.legend && shown.escapes.length > 0 && (
        <p className="chart-note">
          Off the top:{' '}
          {shown.escapes.map((e, i) => (
            <span key={e.key} style={{ color: e.color }}>
              {i > 0 && '; '}
              {e.name} — from {p.xLabel.replace(/^training /, '')} {formatNumber(e.x)}
            </span>
          ))}
        </p>
      )}
      {/* Nothing to tabulate or export while the plot waits for its first values. */}
      {!empty && (
        <div className="figure-tools">
          <DataTable {...p} />
          <ExportButtons
            title={p.title}
            figure={() => {
              drawNow(); // the chart shows what the export holds: the latest data, however long ago it last redrew
              return { panel: content, width, plotHeight: p.height ?? 320 };
            }}
          />
          {p.replay === 'race' && <ReplayButton />}
        </div>
      )}
    </figure>
  );
});

/** The plot being drawn, for the parts Recharts renders from a stable component (the hover values). */
const PlotContext = createContext<Plot | null>(null);

/**
 * The legend: Recharts' Legend places it and keeps its room; its items are the listed series in
 * their order (Recharts' own payload follows the order lines registered in, which theory curves
 * computed later would change), each name in its line's colour and dash.
 */
function LegendList() {
  const plot = useContext(PlotContext);
  const look = useChartLook();
  return (
    <ul className="legend">
      {(plot?.series ?? [])
        .filter((s) => !s.unlisted)
        .map((s) => (
          <li key={s.key} className="legend-item">
            <svg width="24" height="8" aria-hidden>
              <line
                x1="0"
                y1="4"
                x2="24"
                y2="4"
                stroke={s.color}
                strokeDasharray={s.dash || undefined}
                strokeWidth={look.line}
              />
            </svg>
            <span className="legend-item-text" style={{ color: s.color }}>
              {s.name}
            </span>
          </li>
        ))}
    </ul>
  );
}

/** Hover values: every listed series' exact value at the hovered x (from the raw rows). */
function HoverValues({ active, label }: { active?: boolean; label?: string | number }) {
  const plot = useContext(PlotContext);
  if (!plot || !active || label == null) return null;
  const row = plot.rawAt.get(Number(label));
  if (!row) return null;
  const shown = plot.series.filter((s) => !s.unlisted && !s.reference && row[s.key] != null);
  const said = plot.describe?.(row);
  return (
    <div className="chart-tooltip">
      <div>
        {plot.xLabel} {formatNumber(Number(label))}
      </div>
      {said && <div className="chart-tooltip-name">{said}</div>}
      {shown.map((s) => (
        <div key={s.key} style={{ color: s.color }}>
          {s.name}: {formatNumber(row[s.key]!)}
        </div>
      ))}
    </div>
  );
}

// Recharts registers every axis, line and mark in its store and registers it again when a prop
// changes identity, so everything passed below is kept identical from one redraw to the next
// unless its value changed: module-level constants, caches by value, memos.
const MARGIN = { top: 10, right: 24, bottom: 4, left: 8 };
const CURSOR = { stroke: '#888' };
const HOVER = <HoverValues />;

/** One function per band (its bounds as a range), kept across redraws. */
const bandValues = new Map<string, (r: Row) => [number, number] | null>();
function bandValue(lo: string, hi: string) {
  const id = `${lo}|${hi}`;
  if (!bandValues.has(id)) bandValues.set(id, (r: Row) => (r[lo] != null && r[hi] != null ? [r[lo]!, r[hi]!] : null));
  return bandValues.get(id)!;
}

/** An upward triangle just under the top edge: where a curve left the chart (one shape per colour). */
const escapeMarks = new Map<string, (p: { cx?: number; cy?: number }) => React.ReactElement<SVGElement>>();
function escapeMark(color: string) {
  if (!escapeMarks.has(color))
    escapeMarks.set(color, ({ cx = 0, cy = 0 }) => (
      <path className="escape" d={`M${escapeTriangle(cx, cy).join('L')}Z`} fill={color} stroke="#fff" />
    ));
  return escapeMarks.get(color)!;
}

/** `value`, or the previous one while it holds the same numbers. */
function useSameNumbers(value: number[]): number[] {
  const [kept, setKept] = useState(value);
  const same = kept.length === value.length && kept.every((v, i) => v === value[i]);
  if (!same) setKept(value);
  return same ? kept : value;
}

const PlotView = memo(function PlotView({ plot, hovered }: { plot: Plot; hovered: boolean }) {
  const { look, series } = plot;
  const xDomain = useSameNumbers(plot.xDomain);
  const xTicks = useSameNumbers(plot.xTicks);
  const yDomain = useSameNumbers(plot.yDomain);
  const yTicks = useSameNumbers(plot.yTicks);
  const text = useMemo(() => ({ fontSize: look.font, fill: '#444' }), [look]);
  const xLabel = useMemo(
    () => ({ ...text, value: plot.xLabel, position: 'insideBottom' as const, offset: 2 }),
    [text, plot.xLabel],
  );
  const yLabel = useMemo(
    () => ({
      ...text,
      value: plot.yLabel,
      angle: -90,
      position: 'insideLeft' as const,
      offset: 0,
      style: { textAnchor: 'middle' as const },
    }),
    [text, plot.yLabel],
  );
  // Dot styles by colour (only dot series have one).
  const dots = useMemo(
    () =>
      new Map(series.filter((s) => s.dots).map((s) => [s.color, { r: look.line + 1, fill: s.color, strokeWidth: 0 }])),
    [series, look],
  );
  return (
    <PlotContext.Provider value={plot}>
      <ComposedChart width={plot.width} height={plot.height} data={plot.data} margin={MARGIN} className="plot">
        <CartesianGrid stroke="#e3e3e3" />
        <XAxis
          dataKey="x"
          type="number"
          scale={plot.xLog ? 'log' : 'linear'}
          domain={xDomain}
          ticks={xTicks}
          allowDataOverflow
          tickFormatter={formatNumber}
          tick={text}
          height={14 + 2 * look.font}
          label={xLabel}
        />
        <YAxis
          type="number"
          scale={plot.yLog ? 'log' : 'linear'}
          domain={yDomain}
          ticks={yTicks}
          allowDataOverflow
          tickFormatter={formatNumber}
          tick={text}
          width={32 + 3.2 * look.font}
          label={yLabel}
        />
        {hovered && <Tooltip content={HOVER} isAnimationActive={false} cursor={CURSOR} />}
        {plot.legend && <Legend verticalAlign="top" itemSorter={null} content={LegendList} />}
        {series.map(
          (s) =>
            s.band && (
              <Area
                key={`band-${s.key}`}
                className="band"
                dataKey={bandValue(s.band.lo, s.band.hi)}
                stroke="none"
                fill={s.color}
                fillOpacity={BAND_OPACITY}
                isAnimationActive={false}
                legendType="none"
                activeDot={false}
                connectNulls
              />
            ),
        )}
        {series.map((s) => (
          <Line
            key={s.key}
            className="line"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeDasharray={s.dash || undefined}
            strokeWidth={s.dots ? 0 : strokeOf(s, look).width}
            strokeOpacity={strokeOf(s, look).opacity}
            strokeLinejoin="round"
            dot={s.dots ? dots.get(s.color) : false}
            activeDot={false}
            isAnimationActive={false}
            connectNulls
            legendType={s.unlisted ? 'none' : 'line'}
          />
        ))}
        {plot.xMarks.map((m) => (
          <ReferenceLine
            key={`x${m.label}`}
            x={m.x}
            stroke="#666"
            strokeDasharray="2 3"
            label={{ ...text, value: m.label, position: 'insideTopLeft' }}
          />
        ))}
        {plot.yMarks.map((m) => (
          <ReferenceLine
            key={`y${m.label}`}
            y={m.y}
            stroke="#666"
            strokeDasharray="4 3"
            label={{ ...text, value: m.label, position: 'insideBottomRight' }}
          />
        ))}
        {plot.escapes.map((e) => (
          <ReferenceDot
            key={`escape-${e.key}`}
            x={e.x}
            y={yDomain[1]}
            shape={escapeMark(e.color)}
            ifOverflow="visible"
          />
        ))}
      </ComposedChart>
    </PlotContext.Provider>
  );
});

/** The chart's numbers as a table (at most 40 evenly spaced rows), rendered only when opened. */
function DataTable({ rows, series: all, xLabel, title }: Props) {
  const [open, setOpen] = useState(false);
  // Data only, and only series with a value (before Run, the lanes' lines wait empty).
  const series = open ? all.filter((s) => !s.reference && rows.some((r) => r[s.key] != null)) : [];
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
