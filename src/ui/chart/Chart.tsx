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

import { memo, useContext, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ExportButtons, ExportContext } from './ExportButtons.tsx';
import { formatNumber } from '../../state/format.ts';
import { DataTable } from './DataTable.tsx';
// The plot's content is described in figure/plot.ts, shared with the exports (figure/figure.ts).
import type { PlotInput, Row } from './figure/plot.ts';
import { planPlot } from './planPlot.ts';
import { PlotView } from './PlotView.tsx';
import type { StepChartRole } from './stepCharts.ts';
import { useFrameStaggered } from './frameQueue.ts';
import { useInView } from './useInView.ts';
import { useChartLook } from './chartLook.ts';

export type { Row, Series } from './figure/plot.ts';

interface Props extends PlotInput {
  /** Fewest milliseconds between redraws while in sight (frameQueue.ts MIN_REDRAW_MS unless given). */
  redrawMs?: number;
  /** What the hovered row stands for, shown with its values (e.g. the word of a rank); null: nothing. */
  describe?: (row: Row) => string | null;
  /** Said in place of the plot while no series has a value to draw. */
  emptyNote?: string;
  /** x is the training step: the chart registers its content in the page's ExportSource in this role (e.g. for a replay). */
  replay?: StepChartRole;
  /** More tools beside the export buttons (e.g. "Export replay…"). */
  actions?: ReactNode;
  /** Whether the x axis's title is drawn (default true; small multiples stacked on one x draw only the last one's). */
  xTitle?: boolean;
}

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
  const figure = useRef<HTMLElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const look = useChartLook();
  // The plot is planned (ranges, ticks, thinning) in its own turn of the frame queue, so a chart
  // that redraws less often than its data comes also plans less often; a change of what planPlot
  // does not read (e.g. the title) redraws nothing.
  const { rows, series, xLog, height, yRange, yLinear, legend, xMarks, yMarks, describe, xLabel, yLabel, xTitle } = p;
  const inputs = useMemo(
    () =>
      width > 0
        ? {
            p: {
              rows,
              series,
              xLog,
              height,
              yRange,
              yLinear,
              legend,
              xMarks,
              yMarks,
              describe,
              xLabel,
              yLabel,
              xTitle,
            },
            width,
            look,
          }
        : null,
    [
      rows,
      series,
      xLog,
      height,
      yRange,
      yLinear,
      legend,
      xMarks,
      yMarks,
      describe,
      xLabel,
      yLabel,
      xTitle,
      width,
      look,
    ],
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
  // Its title and its tools share one line (they wrap where the chart is narrow): a row saved per chart.
  return (
    <figure ref={figure} className="chart" aria-label={`${p.title}: ${p.yLabel} against ${p.xLabel}`}>
      <figcaption className="chart-head">
        <span className="chart-title">{p.title}</span>
        {/* Nothing to tabulate or export while the plot waits for its first values. */}
        {!empty && (
          <span className="figure-tools">
            <DataTable {...p} />
            <ExportButtons
              title={p.title}
              figure={() => {
                drawNow(); // the chart shows what the export holds: the latest data, however long ago it last redrew
                return { panel: content, width, plotHeight: p.height ?? 320 };
              }}
            />
            {p.actions}
          </span>
        )}
      </figcaption>
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
    </figure>
  );
});
