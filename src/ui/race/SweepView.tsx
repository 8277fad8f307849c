// A learning-rate sweep (mode "sweep"): each optimizer runs at SWEEP_RATES rates as lanes of one
// run. This shows the final excess loss against the rate, picks each optimizer's best rate for
// the other charts (the tuned comparison), and the sweep's progress with a way to cancel it.

import { useMemo, type ReactNode } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { OPTIMIZER_LABEL } from '../../engine/optimizers.ts';
import { sweepGroups, SWEEP_RATES } from '../../engine/sweep.ts';
import { LANE_STYLE } from '../parts/laneStyle.ts';
import { Chart, type Row, type Series } from '../chart/Chart.tsx';
import { positiveRange } from '../chart/chartScale.ts';
import { useLive, usePlayground } from '../parts/storeContext.ts';
import { formatNumber } from '../../state/format.ts';
import { TunedContext, useLossName } from './chartSeries.ts';
import { tunedLanes } from '../../state/claims/run.ts';

/** Whether the run on screen is a sweep. */
export const useSweeping = () => usePlayground((s) => s.runningForm?.fields.mode === 'sweep');

/** The sweep's groups at the latest recorded step (null when the run is not a sweep). */
function useGroups(lanes: LaneConfig[]) {
  const sweeping = useSweeping();
  const last = useLive((s) => s.points.at(-1));
  return useMemo(() => (sweeping && last ? sweepGroups(lanes, last.excess) : null), [sweeping, last, lanes]);
}

/** In a sweep, each optimizer's best lane so far; null otherwise (every lane is drawn). */
export function useTuned(lanes: LaneConfig[]): number[] | null {
  const sweeping = useSweeping();
  const last = useLive((s) => s.points.at(-1));
  return useMemo(() => tunedLanes(lanes, sweeping, last), [lanes, sweeping, last]);
}

/**
 * Gives the charts inside each optimizer's best lane in a sweep (TunedContext). Its own component,
 * so that following the sweep's points re-renders only this, not the page around it.
 */
export function TunedProvider({ lanes, children }: { lanes: LaneConfig[]; children: ReactNode }) {
  const tuned = useTuned(lanes);
  return <TunedContext.Provider value={tuned}>{children}</TunedContext.Provider>;
}

export function SweepChart({ lanes }: { lanes: LaneConfig[] }) {
  const groups = useGroups(lanes);
  const step = usePlayground((s) => s.step);
  const start = usePlayground((s) => s.points[0]?.excess[0]);
  const lossName = useLossName();
  const { rows, series, yRange } = useMemo(() => {
    const rows: Row[] = [];
    const series: Series[] = [];
    for (const g of groups ?? []) {
      const key = g.optimizer;
      g.rates.forEach((x, i) => rows.push({ x, [key]: Number.isFinite(g.losses[i]) ? g.losses[i] : null }));
      const best =
        g.best === null
          ? 'every rate diverged'
          : `best η=${lanes[g.best].lr} (${formatNumber(g.losses[g.lanes.indexOf(g.best)])})`;
      series.push({ key, name: `${OPTIMIZER_LABEL[g.optimizer]}: ${best}`, ...LANE_STYLE[g.optimizer] });
    }
    // Rates that made things worse than the start run off the top instead of squashing the rest.
    const [lo] = positiveRange(
      rows,
      series.map((s) => s.key),
    );
    const top = (start ?? 1) * 4;
    return {
      rows: rows.sort((a, b) => a.x! - b.x!),
      series,
      yRange: [Math.min(lo, top / 10), top] as [number, number],
    };
  }, [groups, lanes, start]);
  return (
    <Chart
      title={`Learning-rate sweep at step ${step}: ${SWEEP_RATES} rates per optimizer (diverged rates left out; above the top: worse than at the start)`}
      xLabel="learning rate η"
      yLabel={lossName}
      xLog
      rows={rows}
      series={series}
      yRange={yRange}
      height={280}
    />
  );
}

/** Progress towards the stop step, and Cancel (discards the sweep, like Reset). */
export function SweepProgress({ lanes }: { lanes: number }) {
  const step = usePlayground((s) => s.step);
  const status = usePlayground((s) => s.status);
  const stopAt = usePlayground((s) => Number(s.runningForm?.fields.stopAt));
  const reset = usePlayground((s) => s.reset);
  const done = status === 'atStop';
  return (
    <div className="sweep-progress">
      <label htmlFor="sweep-progress">
        {done ? 'Sweep finished' : 'Sweep'}: step {step} of {stopAt}, {lanes} lanes
      </label>
      <progress id="sweep-progress" max={stopAt} value={step} />
      {!done && <button onClick={reset}>Cancel sweep</button>}
    </div>
  );
}
