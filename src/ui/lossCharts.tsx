// The race's loss charts: excess (or held-out) loss per lane, optionally smoothed, with seed bands
// and overlays; head/torso/tail small multiples; and the AUC of CTR runs.

import { useMemo, useState } from 'react';
import type { LaneConfig } from '../engine/config.ts';
import { laneLabel } from '../engine/optimizers.ts';
import { seedSpread, smoothLog } from '../state/analysis.ts';
import { LANE_STYLE } from './laneStyle.ts';
import { Chart, type Row, type Series } from './Chart.tsx';
import { positiveRange } from './chartScale.ts';
import { useLive, usePlayground } from './storeContext.ts';
import { curveTop, finite, laneKey, useLaneSeries, useLossName, useOverlays } from './chartSeries.ts';
import { theorySeries, useShownConfig, useTheory } from './useTheory.tsx';

const SMOOTHING = ['0.6', '0.8', '0.9', '0.95'];

export function LossChart({ lanes }: { lanes: LaneConfig[] }) {
  const points = useLive((s) => s.points);
  const seeds = usePlayground((s) => s.running?.seeds ?? 1);
  const lanesBase = useLaneSeries(lanes);
  const overlays = useOverlays();
  const [smooth, setSmooth] = useState(false);
  const [weight, setWeight] = useState('0.8');
  const lossName = useLossName();
  const config = useShownConfig();
  const theory = useTheory();
  const { rows, series } = useMemo(() => {
    // Rows by step: the live run's values, then each overlay's (l<i> live, o<k>_<i> overlay k),
    // and the lanes' theory curves (t<i>).
    // Several seeds: l<i> is lane i's geometric mean over the seeds, lo<i>/hi<i> their range.
    const byStep = new Map<number, Row>();
    const row = (step: number) => byStep.get(step) ?? byStep.set(step, { x: step }).get(step)!;
    for (const p of points)
      if (seeds > 1)
        seedSpread(p.excess, lanes.length).forEach((s, l) =>
          Object.assign(row(p.step), { [laneKey(l)]: s.mean, [`lo${l}`]: s.lo, [`hi${l}`]: s.hi }),
        );
      else p.excess.forEach((v, l) => (row(p.step)[laneKey(l)] = v));
    const base: Series[] =
      seeds > 1
        ? lanesBase.map((s) => {
            const l = s.key.slice(1);
            return { ...s, name: `${s.name}, mean of ${seeds} seeds`, band: { lo: `lo${l}`, hi: `hi${l}` } };
          })
        : lanesBase;
    overlays.forEach((o, k) =>
      o.record.points.forEach((p) => p.excess.forEach((v, l) => (row(p.step)[`o${k}_${l}`] = v))),
    );
    const expected = theorySeries(config, theory, row, (t, i) => t.total[i]);
    const rows = [...byStep.values()].sort((a, b) => a.x! - b.x!);
    const live = base;
    const overlaid: Series[] = overlays.flatMap((o, k) =>
      o.record.config.lanes.map((lane, l) => ({
        key: `o${k}_${l}`,
        name: `${o.record.name}: ${laneLabel(lane)}`,
        color: LANE_STYLE[lane.optimizer].color,
        dash: '1 3',
        overlay: true,
      })),
    );
    if (!smooth) return { rows, series: [...expected, ...live, ...overlaid] };
    // Smoothed curves in front, the raw ones faint behind them.
    live.forEach(({ key }) => {
      const s = smoothLog(
        rows.map((r) => r[key] ?? null),
        Number(weight),
      );
      rows.forEach((r, i) => (r[`s_${key}`] = s[i]));
    });
    return {
      rows,
      series: [
        ...expected,
        ...live.map((s) => ({ ...s, name: `${s.name}, raw`, faint: true, unlisted: true })),
        ...live.map((s) => ({ ...s, key: `s_${s.key}`, band: undefined })),
        ...overlaid,
      ],
    };
  }, [points, seeds, lanes.length, lanesBase, smooth, weight, overlays, config, theory]);
  const yRange = useMemo((): [number, number] | undefined => {
    const keys = series.map((s) => s.key);
    const [lo, hi] = positiveRange(rows, keys);
    const top = curveTop([rows], keys);
    return hi > top && lo < top ? [lo, top] : undefined;
  }, [rows, series]);
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
      />
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
  const { rows, all, yRange } = useMemo(() => {
    const rows = points.map(
      (p) =>
        Object.fromEntries([['x', p.step], ['teacher', best], ...p.auc.map((v, l) => [laneKey(l), finite(v)])]) as Row,
    );
    const values = rows.flatMap((r) => Object.entries(r).filter(([k, v]) => k !== 'x' && v != null)).map(([, v]) => v!);
    const all: Series[] = [
      ...series,
      ...(best === null
        ? []
        : [
            {
              key: 'teacher',
              name: `teacher (the best to expect): ${best.toFixed(3)}`,
              color: '#555',
              dash: '2 5',
              reference: true,
            },
          ]),
    ];
    return { rows, all, yRange: [Math.min(0.5, ...values), Math.max(0.5, ...values)] as [number, number] };
  }, [points, best, series]);
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
