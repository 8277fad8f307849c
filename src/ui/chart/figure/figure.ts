// One description of a figure, pure data built by pure functions, that both renderers draw: to an
// SVG document (toSvg.ts) and onto a Canvas 2D context (toCanvas.ts, OffscreenCanvas too). A
// figure is a title (and, in a replay, a step counter), one legend, one or more panels (a chart
// each: axes, curves, bands, marks) and a caption.
//
// planFigure fixes everything that must not move between frames of a replay: the axes (from all
// rows), the legend (from all rows), the notes and the layout. figureAt(plan, t) then gives the
// curves of the rows up to step t (all rows without t), thinned to about one point per pixel.

import type { ChartLook } from '../chartLook.ts';
import { decimateRows } from '../decimateRows.ts';
import { formatNumber } from '../../../state/format.ts';
import { drawable } from '../chartScale.ts';
import { legendVisibility } from './legend.ts';
import { axesRoom, layoutFigure, textWidth, type FigureSize, type Layout, type PanelBox } from './layout.ts';
import { escapesOf, planAxes, strokeOf, type Axes, type Escape, type PlotInput, type Series } from './plot.ts';

/**
 * A raster panel (the sparse-update strip): cells[c][r] is filled when row r got a gradient in
 * column (interval) c; the first and last rows are named on the left.
 */
export interface GridInput {
  title: string;
  cells: boolean[][];
  rows: number;
  color: string;
  background: string;
  rowLabels: [string, string];
  /** What a filled cell means (its legend item). */
  meaning: string;
}

/** A panel's content: a line chart, or a raster of cells. */
export type PanelInput = PlotInput | GridInput;
export const isGrid = (p: PanelInput): p is GridInput => 'cells' in p;

export interface FigureSpec {
  title: string;
  /** One chart's content per panel (an export has one; a replay of the race two). */
  panels: PanelInput[];
  /** Caption lines (configuration, step and device, date, link); long lines are wrapped. */
  caption: string[];
  /** Shows "step t" right of the title (a replay's frames). */
  counter?: boolean;
  /** Panels one above the other (else side by side). */
  stacked?: boolean;
}

/** How a legend item's sample is drawn, and its text. */
export interface LegendEntry {
  text: string;
  color: string;
  dash: string;
  /** Whether the series is drawn as a line (a grid's cells are not). */
  line: boolean;
  band: boolean;
  dots: boolean;
}

/** A line chart's fixed parts: axes and escapes over all rows, and how many points a curve keeps. */
export interface LinePlan {
  input: PlotInput;
  axes: Axes;
  /** Where curves leave through the top, over all rows. */
  escapes: Escape[];
  /** Points kept per curve (about one per pixel of the plot's width). */
  target: number;
}

export type PanelPlan = (LinePlan | { input: GridInput }) & { box: PanelBox };

export interface FigurePlan {
  spec: FigureSpec;
  look: ChartLook;
  legend: LegendEntry[];
  /** "Off the top: …" lines, each shown from its step on. */
  notes: { text: string; x: number }[];
  panels: PanelPlan[];
  layout: Layout;
}

/** A curve in data coordinates, drawn in order (bands first, then lines as the series are listed). */
export interface Curve {
  key: string;
  color: string;
  dash: string;
  width: number;
  opacity: number;
  dots: boolean;
  points: [number, number][];
}

/** A shaded band between two curves (e.g. the range over seeds), at the same xs. */
export interface BandArea {
  key: string;
  color: string;
  /** [x, lo, hi] in data coordinates. */
  points: [number, number, number][];
}

/** What a line chart draws up to a step (a grid panel draws its input and has none). */
export interface PanelFigure {
  bands: BandArea[];
  curves: Curve[];
  escapes: Escape[];
}

/** A figure ready to draw: its plan and what the rows up to one step hold. */
export interface Figure {
  plan: FigurePlan;
  /** "step 340" (replays), or null. */
  counter: string | null;
  /** Notes shown (those whose step has come). */
  notes: string[];
  panels: PanelFigure[];
}

/** Listed series of the line panels, once each (the race's lanes appear in every panel under one name). */
function legendCandidates(panels: PlotInput[]): Series[] {
  const byName = new Map<string, Series>();
  for (const p of panels) for (const s of p.series) if (!s.unlisted && !byName.has(itemId(s))) byName.set(itemId(s), s);
  return [...byName.values()];
}
const itemId = (s: Series) => `${s.name}|${s.color}|${s.dash}`;

/** The legend item of a grid: a filled cell. */
const cellEntry = (g: GridInput): LegendEntry => ({
  text: g.meaning,
  color: g.color,
  dash: '',
  line: false,
  band: true,
  dots: false,
});

/** The figure's fixed parts for `spec` at `size`, or null when the size is too small to hold them. */
export function planFigure(spec: FigureSpec, size: FigureSize, look: ChartLook): FigurePlan | null {
  const n = spec.panels.length;
  const f = look.font;
  const panelWidth = spec.stacked ? size.width : size.width / n;
  const lines = spec.panels.map((p) => (isGrid(p) ? null : p));
  const axes = lines.map((p) => p && planAxes(p, Math.max(60, panelWidth - 6 * f), f));
  const escapes = lines.map((p, i) => (p ? escapesOf(p, axes[i]!.yDomain[1]) : []));
  const notes = lines.flatMap((p, i) =>
    escapes[i].map((e) => ({
      text: `Off the top${n > 1 ? ` of “${p!.title}”` : ''}: ${e.name} — from ${p!.xLabel.replace(/^training /, '')} ${formatNumber(e.x)}`,
      x: e.x,
    })),
  );
  const layout = (legendTexts: string[]) =>
    layoutFigure(
      {
        legendTexts,
        panels: spec.panels.map((p, i) => ({
          ...(isGrid(p)
            ? { left: Math.round(Math.max(...p.rowLabels.map((t) => textWidth(t, f))) + f), right: f * 0.5 }
            : axesRoom(axes[i]!, f)),
          titled: n > 1,
          xAxis: !isGrid(p),
        })),
        notes: notes.map((t) => t.text),
        caption: spec.caption,
      },
      look,
      size,
      spec.stacked,
    );
  // The legend: first laid out with every listed series, which sets the plots' heights, and so
  // what "a pixel apart" means; then with those that can be seen.
  const plots = lines.filter((p) => p !== null);
  const candidates = legendCandidates(plots);
  const grids = spec.panels.filter(isGrid).map(cellEntry);
  const first = layout([...candidates.map((s) => s.name), ...grids.map((g) => g.text)]);
  if (!first) return null;
  const seen = lines.map((p, i) =>
    p ? legendVisibility(p.rows, p.series, axes[i]!, first.panels[i].plot.h, escapes[i]) : null,
  );
  const legend: LegendEntry[] = [];
  for (const s of candidates) {
    // Seen in any panel: listed; else under the same series in some panel: said so; else left out.
    const states = lines.flatMap((p, i) => {
      const match = p?.series.find((t) => itemId(t) === itemId(s));
      return match ? [seen[i]!.get(match.key)!] : [];
    });
    const isSeen = states.some((v) => v.seen);
    const under = states.flatMap((v) => (!v.seen && v.coincidesWith ? [v.coincidesWith] : []))[0];
    if (!isSeen && !under) continue;
    legend.push({
      text: isSeen ? s.name : `${s.name} coincides with ${under!.name}`,
      color: s.color,
      dash: s.dash,
      line: true,
      band: s.band !== undefined,
      dots: s.dots === true,
    });
  }
  legend.push(...grids);
  const final = layout(legend.map((e) => e.text));
  if (!final) return null;
  const panels = spec.panels.map((input, i): PanelPlan => {
    const box = final.panels[i];
    return isGrid(input)
      ? { input, box }
      : { input, box, axes: axes[i]!, escapes: escapes[i], target: Math.max(60, Math.round(box.plot.w)) };
  });
  return { spec, look, legend, notes, panels, layout: final };
}

/** The figure of `plan` holding the rows up to step `upTo` (every row when undefined). */
export function figureAt(plan: FigurePlan, upTo?: number): Figure {
  const within = (x: number) => upTo === undefined || x <= upTo;
  const panels = plan.panels.map((panel): PanelFigure => {
    if (!('axes' in panel)) return { bands: [], curves: [], escapes: [] };
    const { input, axes, escapes, target } = panel;
    const rows = upTo === undefined ? input.rows : input.rows.filter((r) => r.x != null && r.x <= upTo);
    const families = decimateRows(
      rows,
      input.series.map((s) => ({ key: s.key, with: s.band ? [s.band.lo, s.band.hi] : [] })),
      { target, xLog: axes.xLog, yLog: axes.yLog },
    );
    const familyOf = (key: string) => families.find((f) => f.keys.includes(key))?.rows ?? [];
    const bands = input.series.flatMap((s): BandArea[] => {
      if (!s.band) return [];
      const { lo, hi } = s.band;
      const points = familyOf(s.key)
        .filter((r) => drawable(r[lo], axes.yLog) && drawable(r[hi], axes.yLog))
        .map((r): [number, number, number] => [r.x!, r[lo]!, r[hi]!]);
      return points.length ? [{ key: s.key, color: s.color, points }] : [];
    });
    const curves = input.series.flatMap((s): Curve[] => {
      const points = familyOf(s.key)
        .filter((r) => r[s.key] != null)
        .map((r): [number, number] => [r.x!, r[s.key]!]);
      return points.length
        ? [{ key: s.key, color: s.color, dash: s.dash, ...strokeOf(s, plan.look), dots: s.dots === true, points }]
        : [];
    });
    return { bands, curves, escapes: escapes.filter((e) => within(e.x)) };
  });
  return {
    plan,
    counter: plan.spec.counter && upTo !== undefined ? `step ${upTo.toLocaleString('en-US')}` : null,
    notes: plan.notes.filter((n) => within(n.x)).map((n) => n.text),
    panels,
  };
}
