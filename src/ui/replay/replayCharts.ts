// The charts over training steps that the page shows, for the replay dialog to pick from: each
// Chart with a `replay` role registers its content in the page's ExportSource while it is mounted;
// the dialog reads them when it opens.

import type { PlotInput } from '../figure/plot.ts';

/** The race's loss chart, the tail's chart, or another chart whose x is the training step. */
export type ReplayRole = 'race' | 'tail' | 'chart';

export interface ReplayChart {
  role: ReplayRole;
  input: PlotInput;
}

/** Registered charts by an id of the chart, in the order they first registered. */
export type ReplayCharts = Map<string, ReplayChart>;

/** The charts a replay can show: the race and the tail side by side (when both are there), then each chart alone. */
export function replayChoices(charts: ReplayCharts): { label: string; charts: PlotInput[] }[] {
  const all = [...charts.values()];
  const race = all.find((c) => c.role === 'race');
  const tail = all.find((c) => c.role === 'tail');
  return [
    ...(race && tail ? [{ label: 'The loss race and the tail, side by side', charts: [race.input, tail.input] }] : []),
    ...all.map((c) => ({ label: c.input.title, charts: [c.input] })),
  ];
}
