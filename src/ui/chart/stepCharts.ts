// The charts over training steps that a page shows, registered by each Chart with a role while it
// is mounted, so that something else (the replay dialog) can read their latest content.

import type { PlotInput } from './figure/plot.ts';

/** The race's loss chart, the tail's chart, or another chart whose x is the training step. */
export type StepChartRole = 'race' | 'tail' | 'chart';

export interface StepChart {
  role: StepChartRole;
  input: PlotInput;
}

/** Registered charts by an id of the chart, in the order they first registered. */
export type StepCharts = Map<string, StepChart>;
