// The loss race's rows and series, as pure functions: each lane's loss by step (with several seeds,
// the geometric mean and the range as a band), the runs drawn over it, the theory curves, and
// optionally each lane smoothed in front of its faint raw curve; and the AUC of CTR runs.

import type { LaneConfig, RunConfig } from '../../../engine/config.ts';
import { laneLabel } from '../../../engine/optimizers.ts';
import { seedSpread, smoothLog } from '../../../state/analysis.ts';
import type { RunRecord } from '../../../state/runRecord.ts';
import type { MetricPoint } from '../../../state/series.ts';
import type { Row, Series } from '../../chart/figure/plot.ts';
import { positiveRange } from '../../chart/chartScale.ts';
import { LANE_STYLE } from '../../parts/laneStyle.ts';
import { curveTop, finite, laneKey, rowTable, theorySeries, type Theory } from './lanes.ts';

export interface LossInput {
  points: MetricPoint[];
  /** Seeds of the run (its points hold seeds × lanes values, seed-major). */
  seeds: number;
  lanes: LaneConfig[];
  /** The lanes' series (laneSeries). */
  lanesBase: Series[];
  /** Saved or opened runs drawn over the live one. */
  overlays: { record: Pick<RunRecord, 'name' | 'config' | 'points'> }[];
  config: RunConfig | null;
  theory: Theory;
  /** The smoothing weight (null: raw curves). */
  smooth: number | null;
}

export function lossRows(p: LossInput): { rows: Row[]; series: Series[] } {
  const { row, rows: sorted } = rowTable();
  for (const point of p.points)
    if (p.seeds > 1)
      seedSpread(point.excess, p.lanes.length).forEach((s, l) =>
        Object.assign(row(point.step), { [laneKey(l)]: s.mean, [`lo${l}`]: s.lo, [`hi${l}`]: s.hi }),
      );
    else point.excess.forEach((v, l) => (row(point.step)[laneKey(l)] = v));
  const live: Series[] =
    p.seeds > 1
      ? p.lanesBase.map((s) => {
          const l = s.key.slice(1);
          return { ...s, name: `${s.name}, mean of ${p.seeds} seeds`, band: { lo: `lo${l}`, hi: `hi${l}` } };
        })
      : p.lanesBase;
  p.overlays.forEach((o, k) =>
    o.record.points.forEach((point) => point.excess.forEach((v, l) => (row(point.step)[`o${k}_${l}`] = v))),
  );
  const expected = theorySeries(p.config, p.theory, row, (t, i) => t.total[i]);
  const rows = sorted();
  const overlaid: Series[] = p.overlays.flatMap((o, k) =>
    o.record.config.lanes.map((lane, l) => ({
      key: `o${k}_${l}`,
      name: `${o.record.name}: ${laneLabel(lane)}`,
      color: LANE_STYLE[lane.optimizer].color,
      dash: '1 3',
      overlay: true,
    })),
  );
  if (p.smooth === null) return { rows, series: [...expected, ...live, ...overlaid] };
  // Smoothed curves in front, the raw ones faint behind them.
  for (const { key } of live) {
    const s = smoothLog(
      rows.map((r) => r[key] ?? null),
      p.smooth,
    );
    rows.forEach((r, i) => (r[`s_${key}`] = s[i]));
  }
  return {
    rows,
    series: [
      ...expected,
      ...live.map((s) => ({ ...s, name: `${s.name}, raw`, faint: true, unlisted: true })),
      ...live.map((s) => ({ ...s, key: `s_${s.key}`, band: undefined })),
      ...overlaid,
    ],
  };
}

/** The y range of a training curve whose top diverging lanes leave by (undefined: fitted to the data). */
export function divergingRange(rows: Row[], series: Series[]): [number, number] | undefined {
  const keys = series.map((s) => s.key);
  const [lo, hi] = positiveRange(rows, keys);
  const top = curveTop([rows], keys);
  return hi > top && lo < top ? [lo, top] : undefined;
}

/** CTR: each lane's AUC by step, the teacher's as a reference line, on a range that holds 0.5. */
export function aucRows(
  points: MetricPoint[],
  best: number | null,
  series: Series[],
): { rows: Row[]; all: Series[]; yRange: [number, number] } {
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
  return { rows, all, yRange: [Math.min(0.5, ...values), Math.max(0.5, ...values)] };
}
