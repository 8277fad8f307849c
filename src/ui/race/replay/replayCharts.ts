// Which charts a replay can show, from the charts over training steps the page has registered
// (chart/stepCharts.ts); the dialog reads them when it opens.

import type { PlotInput } from '../../chart/figure/plot.ts';
import type { StepCharts } from '../../chart/stepCharts.ts';

/** The charts a replay can show: the race and the tail side by side (when both are there), then each chart alone. */
export function replayChoices(charts: StepCharts): { label: string; charts: PlotInput[] }[] {
  const all = [...charts.values()];
  const race = all.find((c) => c.role === 'race');
  const tail = all.find((c) => c.role === 'tail');
  return [
    ...(race && tail ? [{ label: 'The loss race and the tail, side by side', charts: [race.input, tail.input] }] : []),
    ...all.map((c) => ({ label: c.input.title, charts: [c.input] })),
  ];
}
