// What a replay draws: the chosen charts (the loss race and the tail, or one chart) as one figure
// under a step counter, cut at the run's last recorded step, with text sized to the frame.

import type { ChartLook } from '../../chart/chartLook.ts';
import type { FigureSpec } from '../../chart/figure/figure.ts';
import type { PlotInput } from '../../chart/figure/plot.ts';

/**
 * The steps at which the charts hold measured values (any series that is not a faint context line
 * or a reference guide: theory curves run ahead of the run), increasing.
 */
export function recordedSteps(charts: PlotInput[]): number[] {
  const steps = new Set<number>();
  for (const c of charts) {
    const measured = c.series.filter((s) => !s.faint && !s.reference).map((s) => s.key);
    for (const r of c.rows) if (r.x != null && measured.some((k) => r[k] != null)) steps.add(r.x);
  }
  return [...steps].sort((a, b) => a - b);
}

/**
 * The replay's figure: the charts side by side (one above the other in a frame taller than wide),
 * their rows cut at the last recorded step so that the axes span the run, a step counter, the caption.
 */
export function replaySpec(
  charts: PlotInput[],
  caption: string[],
  size: { width: number; height: number },
): FigureSpec {
  const steps = recordedSteps(charts);
  const last = steps.at(-1) ?? 0;
  return {
    title: charts.length > 1 ? 'The optimizer race' : charts[0].title,
    panels: charts.map((c) => ({ ...c, rows: c.rows.filter((r) => r.x != null && r.x <= last) })),
    caption,
    counter: true,
    stacked: size.height > size.width,
  };
}

/** Text and lines sized to the frame: 16 px text at 1280 × 720, between 10 and 32 px. */
export function replayLook({ width, height }: { width: number; height: number }): ChartLook {
  const font = Math.min(32, Math.max(10, Math.round(Math.min(width / 1280, height / 720) * 16)));
  return { font, line: Math.max(1.5, Math.round(font / 3) / 2) };
}
