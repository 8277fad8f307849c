// The race's loss charts: excess (or held-out) loss per lane, optionally smoothed, with seed bands
// and overlays; head/torso/tail small multiples; and the AUC of CTR runs.

import { useMemo, useState } from 'react';
import type { LaneConfig, RunConfig } from '../engine/config.ts';
import { laneLabel } from '../engine/optimizers.ts';
import { seedSpread, smoothLog } from '../state/analysis.ts';
import { LANE_STYLE } from './laneStyle.ts';
import { Chart, positiveRange, type Row, type Series } from './Chart.tsx';
import { useLive, usePlayground } from './storeContext.ts';
import { type MetricPoint } from '../state/series.ts';
import { curveTop, finite, useLaneSeries, useLossName, useOverlays } from './chartSeries.ts';
import { theorySeries, useShownConfig, useTheory, type Theory } from './useTheory.ts';

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
          Object.assign(row(p.step), { [`l${l}`]: finite(s.mean), [`lo${l}`]: finite(s.lo), [`hi${l}`]: finite(s.hi) }),
        );
      else p.excess.forEach((v, l) => (row(p.step)[`l${l}`] = finite(v)));
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

const pct = (f: number) => `${+(f * 100).toPrecision(3)}%`;

/** Values of one bucket (b) of one kind per step: l<i> for lane i, and t<i> its theory (first kind only). */
function bucketRows(
  points: MetricPoint[],
  kind: 'buckets' | 'itemBuckets',
  b: number,
  config: RunConfig | null,
  theory: Theory,
): { rows: Row[]; expected: Series[] } {
  const byStep = new Map<number, Row>();
  const row = (step: number) => byStep.get(step) ?? byStep.set(step, { x: step }).get(step)!;
  for (const p of points) p[kind].forEach((v, l) => (row(p.step)[`l${l}`] = finite(v[b])));
  const expected = kind === 'buckets' ? theorySeries(config, theory, row, (t, i) => t.buckets[i][b]) : [];
  return { rows: [...byStep.values()].sort((x, y) => x.x! - y.x!), expected };
}

/**
 * Head, torso and tail as small multiples on one y range; pair workloads add a row by the item's
 * bucket. `rows` names what the first row groups by.
 */
export function BucketCharts({
  lanes,
  ends,
  rows: rowName,
  items,
  per,
}: {
  lanes: LaneConfig[];
  ends: [number, number];
  rows: string;
  items: string | null;
  /** What one evaluation item is: a token, a pair, a sample. */
  per: string;
}) {
  const points = useLive((s) => s.points);
  const series = useLaneSeries(lanes);
  const lossName = useLossName();
  const config = useShownConfig();
  const theory = useTheory();
  // With two rows every title names its table; with one, the head's title does.
  const titles = (of: string) => [
    `Head: top ${pct(ends[0])} of ${of}`,
    `Torso: next ${pct(ends[1] - ends[0])}${items ? ` of ${of}` : ''}`,
    `Tail: the other ${pct(1 - ends[1])}${items ? ` of ${of}` : ''}`,
  ];
  const withItems = items !== null;
  const perBucket = useMemo(
    () =>
      (withItems ? (['buckets', 'itemBuckets'] as const) : (['buckets'] as const)).flatMap((kind) =>
        [0, 1, 2].map((b) => {
          const { rows, expected } = bucketRows(points, kind, b, config, theory);
          return { rows, expected, all: [...expected, ...series] };
        }),
      ),
    [points, withItems, config, theory, series],
  );
  // One y range for all, so heights compare across buckets.
  const yRange = useMemo(() => {
    const keys = [...series, ...(perBucket[0]?.expected ?? [])].map((s) => s.key);
    const ranges = perBucket.map(({ rows }) => positiveRange(rows, keys));
    const lo = Math.min(...ranges.map((r) => r[0]));
    const top = curveTop(
      perBucket.map(({ rows }) => rows),
      keys,
    );
    return [lo, Math.max(...ranges.map((r) => r[1]))].map((v) => (lo < top ? Math.min(v, top) : v)) as [number, number];
  }, [perBucket, series]);
  const allTitles = [...titles(rowName), ...(items ? titles(items) : [])];
  return (
    <div className="multiples">
      {perBucket.map(({ rows, all }, b) => (
        <Chart
          key={b}
          title={allTitles[b]}
          xLabel="training step"
          yLabel={`${lossName} per ${per}`}
          rows={rows}
          series={all}
          yRange={yRange}
          height={220}
          legend={false}
        />
      ))}
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
        Object.fromEntries([['x', p.step], ['teacher', best], ...p.auc.map((v, l) => [`l${l}`, finite(v)])]) as Row,
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
    />
  );
}
