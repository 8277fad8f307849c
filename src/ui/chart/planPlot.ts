// What a chart draws, planned once per change of its data, size or look: its axes (figure/plot.ts,
// shared with the exports), the curves that left through the top, each series thinned for drawing
// (decimateRows.ts, as many points as redrawPolicy.ts says), and the raw rows for hover values.

import { decimateRows } from './decimateRows.ts';
import { drawnPoints, smoothPoints } from './redrawPolicy.ts';
import { legendItemWidth } from './figure/layout.ts';
import {
  escapesOf,
  legendEntries,
  planAxes,
  type Axes,
  type Escape,
  type PlotInput,
  type Row,
  type Series,
} from './figure/plot.ts';
import type { ChartLook } from './chartLook.ts';

/** Everything the plot draws, computed once per change of data, size or look. */
export interface Plot extends Axes {
  width: number;
  height: number;
  /** The rows drawn: every family's thinned rows, merged by x. */
  data: Row[];
  series: Series[];
  escapes: Escape[];
  look: ChartLook;
  legend: boolean;
  /** Whether the x axis has its title drawn (small multiples stacked on one x share the last one's). */
  xTitle: boolean;
  xLabel: string;
  yLabel: string;
  xMarks: { x: number; label: string }[];
  yMarks: { y: number; label: string }[];
  /** Raw rows by x, for the hover values. */
  rawAt: Map<number, Row>;
  describe: ((row: Row) => string | null) | null;
}

/** What planPlot reads of a chart's props. */
export type PlotProps = Omit<PlotInput, 'title'> & { describe?: (row: Row) => string | null; xTitle?: boolean };

export function planPlot(p: PlotProps, width: number, look: ChartLook): Plot {
  const { rows, series, legend = true } = p;
  const plotWidth = Math.max(1, width - 110);
  const { xLog, yLog, xDomain, xTicks, yDomain, yTicks } = planAxes(p, plotWidth, look.font);
  const escapes = escapesOf(p, yDomain[1]);
  const target = drawnPoints(plotWidth);
  const smooth = smoothPoints(plotWidth);
  const families = decimateRows(
    rows,
    series.map((s) => ({
      key: s.key,
      with: s.band ? [s.band.lo, s.band.hi] : [],
      target: s.smooth ? smooth : target,
    })),
    { xLog, yLog },
  );
  // One data array for the chart (Recharts re-registers a line whose own `data` changes, which
  // costs more than walking the few rows another family adds).
  const merged = new Map<number, Row>();
  for (const f of families) for (const r of f.rows) merged.set(r.x!, { ...merged.get(r.x!), ...r });
  const rawAt = new Map<number, Row>();
  for (const r of rows) if (r.x != null && !rawAt.has(r.x)) rawAt.set(r.x, r);
  const listed = legendEntries(series);
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
    xTitle: p.xTitle ?? true,
    xLabel: p.xLabel,
    yLabel: p.yLabel,
    xMarks: p.xMarks ?? [],
    yMarks: p.yMarks ?? [],
    rawAt,
    describe: p.describe ?? null,
  };
}
