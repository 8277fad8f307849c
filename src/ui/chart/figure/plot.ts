// What a line chart plots, as plain data (the page's Chart and every exported figure read the
// same): rows, series and axis options; and the axes planned from them (domains, round ticks, and
// where a curve leaves through the top). No React, no DOM.

import type { ChartLook } from '../chartLook.ts';
import { linearTicks, logTicks, positiveRange, rangeTicks, valueRange, widenLog, type Row } from '../chartScale.ts';

export type { Row } from '../chartScale.ts';

export interface Series {
  key: string;
  name: string;
  color: string;
  dash: string;
  /** A context line (a raw curve behind its smoothed one, a theory curve, a reference slope): thin and faint. */
  faint?: boolean;
  /** Left out of the legend (e.g. the raw curve whose smoothed twin is listed). */
  unlisted?: boolean;
  /** A guide, not data: left out of the table view and the hover values. */
  reference?: boolean;
  /** A saved or opened run drawn over the live one: thinner. */
  overlay?: boolean;
  /** A shaded band between two other keys of the rows (e.g. the range over seeds), behind the line. */
  band?: { lo: string; hi: string };
  /** Drawn as dots, not a line (values that are not a curve, e.g. many tokens of one frequency). */
  dots?: boolean;
  /** A smooth curve (a theory curve, a reference slope): drawn from a fifth of the points. */
  smooth?: boolean;
  /**
   * Listed on the page's legend once for all the series of this name (e.g. "theory"), in grey with
   * the first one's dash; exported figures list each series (figure/legend.ts).
   */
  legendGroup?: string;
}

/** One entry of the page's legend: a series, or a group of series listed once. */
export interface LegendEntry {
  key: string;
  name: string;
  color: string;
  dash: string;
}

/** What the page's legend lists, in order: each listed series, a group once (where its first series is). */
export function legendEntries(series: Series[]): LegendEntry[] {
  const groups = new Set<string>();
  return series.flatMap((s) => {
    if (s.unlisted) return [];
    if (!s.legendGroup) return [{ key: s.key, name: s.name, color: s.color, dash: s.dash }];
    if (groups.has(s.legendGroup)) return [];
    groups.add(s.legendGroup);
    return [{ key: `group:${s.legendGroup}`, name: s.legendGroup, color: '#555', dash: s.dash }];
  });
}

/** A labelled vertical (x) or horizontal (y) line across the plot. */
export interface XMark {
  x: number;
  label: string;
}
export interface YMark {
  y: number;
  label: string;
}

/** One chart's content: what Chart draws on the page and what its exports and replays draw. */
export interface PlotInput {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Rows {x, [series key]: value | null}; a series skips rows where it has no value. */
  rows: Row[];
  series: Series[];
  xLog?: boolean;
  /** Height of the plot in pixels on the page (the legend adds its own). */
  height?: number;
  /** Fixed y range (e.g. shared by small multiples, or a top that diverging curves leave by); else fitted to the data. */
  yRange?: [number, number];
  /** A linear y axis (e.g. AUC, ratios) instead of the logarithmic one. */
  yLinear?: boolean;
  /** Whether the page shows a legend over this plot (small multiples do not; exports always do). */
  legend?: boolean;
  /** Labelled vertical lines (e.g. bucket boundaries). */
  xMarks?: XMark[];
  /** Labelled horizontal lines (e.g. "= SGD" at 1 on a ratio chart). */
  yMarks?: YMark[];
}

/** A series' first x where it leaves through the top of the axis (above it, or no longer a finite number). */
export interface Escape {
  key: string;
  name: string;
  color: string;
  x: number;
}

/** The axes of a plot: scales, domains (the first and last tick) and ticks. */
export interface Axes {
  xLog: boolean;
  yLog: boolean;
  xDomain: [number, number];
  xTicks: number[];
  yDomain: [number, number];
  yTicks: number[];
}

/** The keys whose values set the y range: each series and its band's bounds. */
export const valueKeys = (series: Series[]) =>
  series.flatMap((s) => [s.key, ...(s.band ? [s.band.lo, s.band.hi] : [])]);

/**
 * The axes of `p` over its rows, for a plot `plotWidth` pixels wide with text of `font` pixels: a
 * log y axis spans whole ticks (decades), a linear one round ticks; a log x axis spans whole
 * ticks, a linear one (steps) starts at 0 and ends at the last row, with as many ticks as fit.
 */
export function planAxes(
  p: Pick<PlotInput, 'rows' | 'series' | 'xLog' | 'yLinear' | 'yRange'>,
  plotWidth: number,
  font: number,
): Axes {
  const { rows, xLog = false } = p;
  const yLog = !p.yLinear;
  const keys = valueKeys(p.series);
  const [lo, hi] = p.yRange ?? (yLog ? positiveRange(rows, keys) : valueRange(rows, keys));
  const yTicks = yLog ? logTicks(...widenLog([lo, hi])) : rangeTicks(lo, hi);
  const yDomain: [number, number] = [yTicks[0], yTicks[yTicks.length - 1]];
  const xMax = Math.max(0, ...rows.map((r) => r.x ?? 0));
  const xTicks = xLog
    ? logTicks(...widenLog(positiveRange(rows, ['x'])))
    : linearTicks(xMax, Math.max(2, Math.min(6, Math.floor(plotWidth / (7 * font))))).filter(
        (t, i) => i < 2 || t <= xMax,
      );
  const xDomain: [number, number] = xLog ? [xTicks[0], xTicks[xTicks.length - 1]] : [0, Math.max(xMax, xTicks[1])];
  return { xLog, yLog, xDomain, xTicks, yDomain, yTicks };
}

/**
 * Where each curve of data (not faint, reference or overlay lines) first rises above the top of
 * the y axis or stops being a number (a diverged lane): marked there, and named under the chart.
 */
export function escapesOf(p: Pick<PlotInput, 'rows' | 'series'>, yTop: number): Escape[] {
  const escapes: Escape[] = [];
  for (const s of p.series) {
    if (s.faint || s.reference || s.overlay) continue;
    const r = p.rows.find((r) => r[s.key] != null && !(r[s.key]! <= yTop));
    if (r?.x != null) escapes.push({ key: s.key, name: s.name, color: s.color, x: r.x });
  }
  return escapes;
}

/** How a series' curve is stroked: faint and overlay lines thinner, faint ones see-through. */
export function strokeOf(s: Series, look: ChartLook): { width: number; opacity: number } {
  return {
    width: s.faint || s.overlay ? look.line * 0.75 : look.line,
    opacity: s.faint ? (s.reference ? 0.8 : 0.45) : 1,
  };
}

/** Opacity of a band's fill. */
export const BAND_OPACITY = 0.28;

/** The mark where a curve left through the top: an upward triangle just under (x, top), `scale` × 12 px wide. */
export const escapeTriangle = (x: number, top: number, scale = 1): [number, number][] => [
  [x - 6 * scale, top + 11 * scale],
  [x, top + scale],
  [x + 6 * scale, top + 11 * scale],
];
