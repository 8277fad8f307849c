// The plot on Recharts: grid, axes with decade ticks, the lines (thinned by planPlot), bands, marks,
// the legend in series order and exact values on hover. Animations and dots are off; it redraws
// only when its plan changes.

import { createContext, memo, useContext, useMemo, useState } from 'react';
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
import { formatNumber } from '../../state/format.ts';
import { BAND_OPACITY, escapeTriangle, legendEntries, strokeOf, type Row } from './figure/plot.ts';
import type { Plot } from './planPlot.ts';
import { useChartLook } from './chartLook.ts';

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
      {legendEntries(plot?.series ?? []).map((s) => (
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

export const PlotView = memo(function PlotView({ plot, hovered }: { plot: Plot; hovered: boolean }) {
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
          height={plot.xTitle ? 14 + 2 * look.font : 8 + look.font}
          label={plot.xTitle ? xLabel : undefined}
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
