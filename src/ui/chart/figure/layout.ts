// Where everything of a figure goes, in pixels, so that its SVG and its canvas drawing are the same
// picture: the title (and a step counter) on top, the legend in full-width rows under it, the
// panels (plots with their axes) side by side or stacked, notes and the caption at the bottom.
// Text widths are estimated from character counts (an SVG string cannot measure text), with room
// to spare.

import type { ChartLook } from '../chartLook.ts';
import { formatNumber } from '../../../state/format.ts';
import type { Axes } from './plot.ts';

/** An export's size (the plot's height fixed, the figure as tall as it needs) or a video frame's. */
export type FigureSize = { width: number; plotHeight: number } | { width: number; height: number };

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Text sizes of a figure in pixels, from its look: body text (ticks, legend), title, small text (caption). */
export function textSizes(look: ChartLook) {
  const f = look.font;
  return { body: f, title: Math.round((f * 4) / 3), small: Math.max(9, Math.round(f * 0.92)) };
}

/** Estimated width of `text` at `size` pixels in a sans-serif font (bold a little wider). */
export const textWidth = (text: string, size: number, bold = false) => text.length * size * (bold ? 0.62 : 0.56);

/** Splits text into lines no wider than `width` pixels at `size`, at spaces where possible. */
export function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(10, Math.floor(width / textWidth('x', size)));
  const out: string[] = [];
  let rest = text;
  while (rest.length > perLine) {
    const cut = rest.lastIndexOf(' ', perLine);
    const at = cut > perLine / 2 ? cut : perLine;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  out.push(rest);
  return out;
}

/** A legend item as laid out: the entry's index, where its line sample starts and its text's baseline. */
export interface LegendSlot {
  entry: number;
  x: number;
  y: number;
}

/** Where a panel draws: its title's baseline (several panels only), the plot, and its axis labels. */
export interface PanelBox {
  title: { x: number; y: number } | null;
  plot: Box;
  /** Baseline of the x axis' label (centred under the plot); centre of the rotated y label. */
  xLabel: { x: number; y: number };
  yLabel: { x: number; y: number };
}

export interface Layout {
  width: number;
  height: number;
  title: { x: number; y: number };
  /** The step counter's baseline, right-aligned at x. */
  counter: { x: number; y: number };
  legend: LegendSlot[];
  panels: PanelBox[];
  /** Lines of small text under the panels: notes, then the caption. */
  notes: { x: number; y: number; text: string }[];
  caption: { x: number; y: number; text: string }[];
}

/** Length of a tick mark, and the gap between a tick label and its mark, in pixels. */
export const tickLength = (f: number) => Math.round(f * 0.4);

/** Width of a legend item: its line sample, a gap, its text, the space before the next. */
export const legendItemWidth = (text: string, f: number) => 2.5 * f + textWidth(text, f) + 1.2 * f;

/** Labels of an axis' ticks, as the page prints them. */
export const tickLabels = (ticks: number[]) => ticks.map(formatNumber);

/** What the layout needs to know of a figure's text and panels. */
export interface Parts {
  legendTexts: string[];
  /** Each panel: room left of the plot for tick labels, right of it, whether it shows a title and an x axis. */
  panels: { left: number; right: number; titled: boolean; xAxis: boolean }[];
  notes: string[];
  caption: string[];
}

/** Room a plot with these axes needs left of it (y label, tick labels, marks) and right of it (half the last x label). */
export function axesRoom(axes: Axes, f: number): { left: number; right: number } {
  const yTickWidth = Math.max(...tickLabels(axes.yTicks).map((t) => textWidth(t, f)));
  const xTickHalf = textWidth(tickLabels(axes.xTicks).at(-1) ?? '', f) / 2;
  return { left: Math.round(f * 1.6 + yTickWidth + tickLength(f) + f * 0.3), right: Math.max(f * 0.5, xTickHalf) };
}

/**
 * Lays out a figure `width` pixels wide: given `plotHeight` (an export: the plot keeps its size
 * and the figure grows with its legend and caption), or given the figure's `height` (a video
 * frame: the plots take what is left; null when too little is). Panels stand side by side, or
 * stacked when `stacked`.
 */
export function layoutFigure(parts: Parts, look: ChartLook, size: FigureSize, stacked = false): Layout | null {
  const { width } = size;
  const { body: f, title: ft, small: fs } = textSizes(look);
  const margin = f;
  const inner = width - 2 * margin;
  let y = margin + ft;
  const title = { x: margin, y };
  const counter = { x: width - margin, y };
  y += Math.round(ft * 0.45);
  // Legend rows, full width.
  const legend: LegendSlot[] = [];
  let x = margin;
  let rowTop = y;
  parts.legendTexts.forEach((text, entry) => {
    const w = legendItemWidth(text, f);
    if (x + w > width - margin && x > margin) [x, rowTop] = [margin, rowTop + Math.round(f * 1.5)];
    legend.push({ entry, x, y: rowTop + f });
    x += w;
  });
  if (legend.length > 0) y = rowTop + Math.round(f * 1.5);
  y += Math.round(f * 0.5);
  const panelsTop = y;
  // Under the panels: notes and caption in small text.
  const noteLines = parts.notes.flatMap((n) => wrap(n, inner, fs));
  const smallLines = [...noteLines, ...parts.caption.flatMap((c) => wrap(c, inner, fs))];
  const lineHeight = Math.round(fs * 1.35);
  const bottom = smallLines.length * lineHeight + Math.round(margin * 0.8);
  // Each panel: a title row (several panels), the plot, tick labels and the x axis' label.
  const tick = tickLength(f);
  const titleRow = (titled: boolean) => (titled ? Math.round(f * 1.6) : Math.round(f * 0.6));
  const xAxis = tick + Math.round(f * 1.3) + Math.round(f * 1.5);
  const n = parts.panels.length;
  const gap = Math.round(f * 1.5);
  const overhead = Math.max(...parts.panels.map((p) => titleRow(p.titled) + (p.xAxis ? xAxis : tick)));
  let plotHeight: number;
  if ('plotHeight' in size) plotHeight = size.plotHeight;
  else {
    const free = size.height - panelsTop - bottom - (stacked ? n * overhead + (n - 1) * gap : overhead);
    plotHeight = Math.floor(stacked ? free / n : free);
    if (plotHeight < 3 * f) return null;
  }
  const panelWidth = stacked ? inner : (inner - (n - 1) * gap) / n;
  const panels = parts.panels.map(({ left: room, right, titled }, i): PanelBox => {
    const left = stacked ? margin : margin + i * (panelWidth + gap);
    const top = stacked ? panelsTop + i * (overhead + plotHeight + gap) : panelsTop;
    const plot = {
      x: left + room,
      y: top + titleRow(titled),
      w: Math.max(10, panelWidth - room - right),
      h: plotHeight,
    };
    return {
      title: titled ? { x: left, y: top + f } : null,
      plot,
      xLabel: { x: plot.x + plot.w / 2, y: plot.y + plot.h + tick + f + Math.round(f * 1.4) },
      yLabel: { x: left + Math.round(f * 0.7), y: plot.y + plot.h / 2 },
    };
  });
  y = stacked ? panelsTop + n * (overhead + plotHeight) + (n - 1) * gap : panelsTop + overhead + plotHeight;
  y += Math.round(f * 0.4);
  const lines = smallLines.map((text) => {
    y += lineHeight;
    return { x: margin, y: y - Math.round(lineHeight * 0.3), text };
  });
  return {
    width,
    height: 'height' in size ? size.height : Math.ceil(y + margin * 0.8),
    title,
    counter,
    legend,
    panels,
    notes: lines.slice(0, noteLines.length),
    caption: lines.slice(noteLines.length),
  };
}

/** Maps data to pixels in a plot box: x left to right, y bottom to top (log axes in log space). */
export function plotScale(axes: Axes, plot: Box) {
  const t = (v: number, log: boolean) => (log ? Math.log(v) : v);
  const [x0, x1] = axes.xDomain.map((v) => t(v, axes.xLog));
  const [y0, y1] = axes.yDomain.map((v) => t(v, axes.yLog));
  return {
    x: (v: number) => plot.x + (plot.w * (t(v, axes.xLog) - x0)) / (x1 - x0),
    y: (v: number) => plot.y + plot.h * (1 - (t(v, axes.yLog) - y0) / (y1 - y0)),
  };
}
