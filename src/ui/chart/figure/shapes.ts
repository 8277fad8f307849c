// A figure as a list of pixel-space shapes (text, paths, rectangles, dots, clipping), the one
// drawing both renderers follow: toSvg.ts writes each shape as an SVG element, toCanvas.ts paints
// it on a 2D context. Everything about where and how things are drawn is decided here.

import type { Figure, GridInput, LinePlan, PanelFigure } from './figure.ts';
import { plotScale, textSizes, tickLabels, tickLength, type Box, type PanelBox } from './layout.ts';
import { BAND_OPACITY, escapeTriangle } from './plot.ts';

interface Paint {
  fill?: string;
  stroke?: string;
  width?: number;
  /** Dash pattern in pixels (none: solid). */
  dash?: number[];
  opacity?: number;
}

export type Shape =
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      bold?: boolean;
      anchor: 'start' | 'middle' | 'end';
      fill: string;
      /** Turned a quarter to the left about (x, y) (a y axis' label). */
      vertical?: boolean;
    }
  | ({ kind: 'path'; points: [number, number][]; closed?: boolean; role?: string } & Paint)
  | ({ kind: 'rect'; x: number; y: number; w: number; h: number; role?: string } & Paint)
  | { kind: 'dots'; points: [number, number][]; r: number; fill: string; role?: string }
  /** Clips what follows to a box, until a clip with box null. */
  | { kind: 'clip'; box: Box | null };

const INK = '#111';
const TICK_TEXT = '#444';
const AXIS = '#666';
const GRID = '#e3e3e3';
const CAPTION = '#333';

/** A series' dash ("8 3") in pixels for lines `width` wide (the page's patterns are for 2 px lines). */
export const dashOf = (dash: string, width: number): number[] | undefined =>
  dash.trim()
    ? dash
        .trim()
        .split(/[\s,]+/)
        .map((d) => (Number(d) * Math.max(1, width)) / 2)
    : undefined;

/** Every shape of the figure, in drawing order. */
export function figureShapes(fig: Figure): Shape[] {
  const { plan } = fig;
  const { layout, look } = plan;
  const sizes = textSizes(look);
  const f = sizes.body;
  const out: Shape[] = [{ kind: 'rect', x: 0, y: 0, w: layout.width, h: layout.height, fill: '#fff' }];
  const text = (x: number, y: number, t: string, size: number, more: Partial<Extract<Shape, { kind: 'text' }>> = {}) =>
    out.push({ kind: 'text', x, y, text: t, size, anchor: 'start', fill: INK, ...more });
  text(layout.title.x, layout.title.y, plan.spec.title, sizes.title, { bold: true });
  if (fig.counter) text(layout.counter.x, layout.counter.y, fig.counter, sizes.title, { bold: true, anchor: 'end' });
  // Legend: a sample drawn as the series is (line, dots, band or cell), then the text.
  for (const slot of layout.legend) {
    const e = plan.legend[slot.entry];
    const mid = slot.y - f * 0.35;
    const len = 2 * f;
    // Samples are drawn solid and at full width, so that faint lines read too.
    if (e.band)
      out.push({
        kind: 'rect',
        x: slot.x,
        y: mid - f * 0.4,
        w: len,
        h: f * 0.8,
        fill: e.color,
        opacity: e.line ? BAND_OPACITY : 1,
      });
    if (e.dots) out.push({ kind: 'dots', points: [[slot.x + len / 2, mid]], r: look.line + 1, fill: e.color });
    else if (e.line)
      out.push({
        kind: 'path',
        points: [
          [slot.x, mid],
          [slot.x + len, mid],
        ],
        stroke: e.color,
        width: look.line,
        dash: dashOf(e.dash, look.line),
      });
    text(slot.x + len + f * 0.5, slot.y, e.text, f);
  }
  plan.panels.forEach((panel, i) => {
    const { box } = panel;
    if (box.title) text(box.title.x, box.title.y, panel.input.title, f, { bold: true });
    if ('axes' in panel) lineShapes(out, panel, box, fig.panels[i], f, look.line);
    else gridShapes(out, panel.input, box.plot, f);
  });
  fig.notes.forEach((t, i) => text(layout.notes[i].x, layout.notes[i].y, t, sizes.small, { fill: CAPTION }));
  for (const c of layout.caption) text(c.x, c.y, c.text, sizes.small, { fill: CAPTION });
  return out;
}

/** A line chart: grid, bands, curves, marks and escapes clipped to the plot, then its axes. */
function lineShapes(out: Shape[], plan: LinePlan, box: PanelBox, drawn: PanelFigure, f: number, line: number) {
  const { axes, input } = plan;
  const { plot } = box;
  const s = plotScale(axes, plot);
  const [left, right, top, bottom] = [plot.x, plot.x + plot.w, plot.y, plot.y + plot.h];
  for (const t of axes.yTicks)
    out.push({
      kind: 'path',
      points: [
        [left, s.y(t)],
        [right, s.y(t)],
      ],
      stroke: GRID,
      width: 1,
    });
  for (const t of axes.xTicks)
    out.push({
      kind: 'path',
      points: [
        [s.x(t), top],
        [s.x(t), bottom],
      ],
      stroke: GRID,
      width: 1,
    });
  out.push({ kind: 'clip', box: plot });
  for (const b of drawn.bands)
    out.push({
      kind: 'path',
      role: 'band',
      points: [
        ...b.points.map(([x, , hi]): [number, number] => [s.x(x), s.y(hi)]),
        ...b.points.toReversed().map(([x, lo]): [number, number] => [s.x(x), s.y(lo)]),
      ],
      closed: true,
      fill: b.color,
      opacity: BAND_OPACITY,
    });
  for (const c of drawn.curves) {
    const points = c.points.map(([x, y]): [number, number] => [s.x(x), s.y(y)]);
    if (c.dots) out.push({ kind: 'dots', role: 'line', points, r: line + 1, fill: c.color });
    else
      out.push({
        kind: 'path',
        role: 'line',
        points,
        stroke: c.color,
        width: c.width,
        dash: dashOf(c.dash, c.width),
        opacity: c.opacity,
      });
  }
  const mark = { stroke: AXIS, width: 1 };
  for (const m of input.xMarks ?? []) {
    out.push({
      kind: 'path',
      points: [
        [s.x(m.x), top],
        [s.x(m.x), bottom],
      ],
      ...mark,
      dash: [2, 3],
    });
    out.push({ kind: 'text', x: s.x(m.x) + 3, y: top + f, text: m.label, size: f, anchor: 'start', fill: TICK_TEXT });
  }
  for (const m of input.yMarks ?? []) {
    out.push({
      kind: 'path',
      points: [
        [left, s.y(m.y)],
        [right, s.y(m.y)],
      ],
      ...mark,
      dash: [4, 3],
    });
    out.push({ kind: 'text', x: right - 3, y: s.y(m.y) - 3, text: m.label, size: f, anchor: 'end', fill: TICK_TEXT });
  }
  out.push({ kind: 'clip', box: null });
  // An upward triangle just under the top edge where a curve left the chart.
  for (const e of drawn.escapes)
    out.push({
      kind: 'path',
      role: 'escape',
      points: escapeTriangle(s.x(e.x), top, f / 12),
      closed: true,
      fill: e.color,
      stroke: '#fff',
      width: 1,
    });
  // Axes: lines on the left and at the bottom, tick marks and labels, axis labels.
  const tick = tickLength(f);
  out.push({
    kind: 'path',
    points: [
      [left, top],
      [left, bottom],
      [right, bottom],
    ],
    stroke: AXIS,
    width: 1,
  });
  const yLabels = tickLabels(axes.yTicks);
  axes.yTicks.forEach((t, i) => {
    out.push({
      kind: 'path',
      points: [
        [left - tick, s.y(t)],
        [left, s.y(t)],
      ],
      stroke: AXIS,
      width: 1,
    });
    out.push({
      kind: 'text',
      x: left - tick - 3,
      y: s.y(t) + f * 0.35,
      text: yLabels[i],
      size: f,
      anchor: 'end',
      fill: TICK_TEXT,
    });
  });
  const xLabels = tickLabels(axes.xTicks);
  axes.xTicks.forEach((t, i) => {
    out.push({
      kind: 'path',
      points: [
        [s.x(t), bottom],
        [s.x(t), bottom + tick],
      ],
      stroke: AXIS,
      width: 1,
    });
    out.push({
      kind: 'text',
      x: s.x(t),
      y: bottom + tick + f,
      text: xLabels[i],
      size: f,
      anchor: 'middle',
      fill: TICK_TEXT,
    });
  });
  out.push({
    kind: 'text',
    x: box.xLabel.x,
    y: box.xLabel.y,
    text: input.xLabel,
    size: f,
    anchor: 'middle',
    fill: TICK_TEXT,
  });
  out.push({
    kind: 'text',
    x: box.yLabel.x,
    y: box.yLabel.y,
    text: input.yLabel,
    size: f,
    anchor: 'middle',
    fill: TICK_TEXT,
    vertical: true,
  });
}

/** A raster: the background, a rectangle per filled cell, the first and last rows named on the left. */
function gridShapes(out: Shape[], g: GridInput, plot: Box, f: number) {
  out.push({ kind: 'rect', ...plot, fill: g.background });
  const cw = plot.w / Math.max(1, g.cells.length);
  const ch = plot.h / Math.max(1, g.rows);
  g.cells.forEach((column, c) =>
    column.forEach((on, r) => {
      if (on)
        out.push({
          kind: 'rect',
          x: plot.x + c * cw,
          y: plot.y + r * ch,
          w: Math.max(1, cw - 1),
          h: Math.max(1, ch - 1),
          fill: g.color,
        });
    }),
  );
  out.push({
    kind: 'text',
    x: plot.x - 6,
    y: plot.y + f * 0.8,
    text: g.rowLabels[0],
    size: f,
    anchor: 'end',
    fill: TICK_TEXT,
  });
  out.push({
    kind: 'text',
    x: plot.x - 6,
    y: plot.y + plot.h,
    text: g.rowLabels[1],
    size: f,
    anchor: 'end',
    fill: TICK_TEXT,
  });
}
