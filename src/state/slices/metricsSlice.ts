// The metrics slice: the recorded series of the current run and the latest per-row values, taken
// from the worker at most every 200 ms (src/app/main.tsx).

import { runLanes, type RunConfig } from '../../engine/config.ts';
import { decimate, pointOf, UPDATE_HISTORY } from '../series.ts';
import { noMeaning } from './meaningSlice.ts';
import type { MetricsSlice, Slice } from './state.ts';

/** The metrics (and meaning reports) of a run that has not recorded anything yet. */
export const noMetrics = (c: RunConfig | null) => ({
  ...noMeaning(),
  points: [],
  latestEff: null,
  latestRankError: null,
  updateHistory: [],
  diverged: c ? runLanes(c).map(() => null) : [],
  step: 0,
  stepsPerSecond: 0,
});

export const metricsSlice: Slice<MetricsSlice> = () => (set, get) => ({
  ...noMetrics(null),
  reported: null,

  appendMetrics(all) {
    const s = get();
    // A run resumed from a checkpoint replays steps already drawn (bit for bit): keep the drawn ones.
    const drawnTo = s.points.length > 0 ? s.step : -1;
    const batch = all.filter((m) => m.runId === s.runId && m.snapshot.step > drawnTo);
    if (s.status === 'idle' || batch.length === 0) return;
    const last = batch[batch.length - 1];
    // The trainer decides divergence; the step it was first reported at is kept.
    const diverged = [...s.diverged];
    for (const m of batch) for (const l of m.diverged) diverged[l] ??= m.snapshot.step;
    set({
      points: decimate([...s.points, ...batch.map(pointOf)]),
      latestEff: {
        effStep: last.snapshot.lanes.map((l) => Array.from(l.effStep)),
        counts: Array.from(last.snapshot.effCounts),
      },
      latestRankError: last.snapshot.lanes.map((l) => Array.from(l.rankError)),
      updateHistory: [
        ...s.updateHistory,
        ...batch.map(({ snapshot }) => ({ step: snapshot.step, counts: Array.from(snapshot.effCounts) })),
      ].slice(-UPDATE_HISTORY),
      diverged,
      step: last.snapshot.step,
      stepsPerSecond: last.stepsPerSecond,
    });
  },
});
