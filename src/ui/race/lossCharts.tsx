// The race's loss charts: excess (or held-out) loss per lane, optionally smoothed, with seed bands
// and overlays; head/torso/tail small multiples; and the AUC of CTR runs.

import { useMemo, useState } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { mustPredict } from '../../state/selectors.ts';
import { Chart } from '../chart/Chart.tsx';
import { useLive, usePlayground } from '../parts/storeContext.ts';
import { useLaneSeries, useLossMeaning, useLossName, useOverlays } from './chartSeries.ts';
import { aucRows, divergingRange, lossRows } from './rows/lossRows.ts';
import { useShownConfig, useTheory } from './useTheory.tsx';
import { ReplayButton } from './replay/ReplayButton.tsx';

/** The race's chart offers its replay (one element: the chart's props keep their identity). */
const REPLAY_BUTTON = <ReplayButton />;

const SMOOTHING = ['0.6', '0.8', '0.9', '0.95'];

/** In a lesson's charts before its prediction. */
export const PREDICT_FIRST = 'Make your prediction first: the curves appear after it.';

export function LossChart({ lanes }: { lanes: LaneConfig[] }) {
  const points = useLive((s) => s.points);
  const seeds = usePlayground((s) => s.running?.seeds ?? 1);
  const lanesBase = useLaneSeries(lanes);
  const overlays = useOverlays();
  const [smooth, setSmooth] = useState(false);
  const [weight, setWeight] = useState('0.8');
  const lossName = useLossName();
  const meaning = useLossMeaning();
  const predicting = usePlayground(mustPredict);
  const config = useShownConfig();
  const theory = useTheory();
  const { rows, series } = useMemo(
    () =>
      lossRows({ points, seeds, lanes, lanesBase, overlays, config, theory, smooth: smooth ? Number(weight) : null }),
    [points, seeds, lanes, lanesBase, smooth, weight, overlays, config, theory],
  );
  const yRange = useMemo(() => divergingRange(rows, series), [rows, series]);
  return (
    <div>
      <Chart
        title={`${lossName[0].toUpperCase()}${lossName.slice(1)} (log scale) — lower is better${yRange ? '; curves above the top have diverged' : ''}`}
        xLabel="training step"
        yLabel={lossName}
        rows={rows}
        series={series}
        yRange={yRange}
        replay="race"
        actions={REPLAY_BUTTON}
        height={270}
        emptyNote={predicting ? PREDICT_FIRST : undefined}
      />
      {meaning && <p className="hint">{meaning}</p>}
      {theory.reason ? (
        <p className="hint">{theory.reason}</p>
      ) : (
        theory.curves.some(Boolean) && (
          <p className="hint">
            Dotted: the expected excess loss by theory (exact for SGD and FA-SGD, an approximation for CF-SGD), from
            this run&apos;s own teacher, batch, dimension, noise and rates.
          </p>
        )
      )}
      <div className="chart-options">
        <label>
          <input type="checkbox" checked={smooth} onChange={(e) => setSmooth(e.target.checked)} /> Smooth (debiased
          moving average of log loss; raw curves faint)
        </label>
        <label>
          weight{' '}
          <select value={weight} disabled={!smooth} onChange={(e) => setWeight(e.target.value)}>
            {SMOOTHING.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}

/** CTR: the AUC of each lane on the evaluation clicks, with the teacher's as the ceiling. */
export function AucChart({ lanes }: { lanes: LaneConfig[] }) {
  const points = useLive((s) => s.points);
  const best = usePlayground((s) => s.reported?.teacherAuc ?? null);
  const series = useLaneSeries(lanes);
  const { rows, all, yRange } = useMemo(() => aucRows(points, best, series), [points, best, series]);
  return (
    <Chart
      title="AUC on the evaluation clicks — higher is better (0.5: no better than chance)"
      xLabel="training step"
      yLabel="AUC"
      rows={rows}
      series={all}
      yRange={yRange}
      yLinear
      height={260}
      replay="chart"
    />
  );
}
