// The race's charts, built from the store: excess loss, head/torso/tail small multiples, effective
// step size against token frequency, and the token distribution.

import { useMemo } from 'react';
import type { LaneConfig } from '../engine/config.ts';
import { OPTIMIZER_LABEL } from '../engine/optimizers.ts';
import { LANE_STYLE } from './laneStyle.ts';
import { LogChart, positiveRange, type Row, type Series } from './LogChart.tsx';
import { usePlayground } from './storeContext.ts';

function laneSeries(lanes: LaneConfig[], suffix: (l: number) => string = () => ''): Series[] {
  return lanes.map((lane, l) => ({
    key: `l${l}`,
    name: `${OPTIMIZER_LABEL[lane.optimizer]} (η=${lane.lr})${suffix(l)}`,
    ...LANE_STYLE[lane.optimizer],
  }));
}

export function LossChart({ lanes }: { lanes: LaneConfig[] }) {
  const points = usePlayground((s) => s.points);
  const rows = useMemo(
    () => points.map((p) => Object.fromEntries([['x', p.step], ...p.excess.map((v, l) => [`l${l}`, v])]) as Row),
    [points],
  );
  const series = useMemo(() => laneSeries(lanes), [lanes]);
  return (
    <LogChart
      title="Excess loss (log scale) — lower is better"
      xLabel="training step"
      yLabel="excess loss"
      rows={rows}
      series={series}
    />
  );
}

const BUCKET_TITLES = ['Head: top 1% of tokens', 'Torso: next 9%', 'Tail: the other 90%'];

export function BucketCharts({ lanes }: { lanes: LaneConfig[] }) {
  const points = usePlayground((s) => s.points);
  const series = useMemo(() => laneSeries(lanes), [lanes]);
  const perBucket = useMemo(
    () =>
      [0, 1, 2].map((b) =>
        points.map((p) => Object.fromEntries([['x', p.step], ...p.buckets.map((v, l) => [`l${l}`, v[b]])]) as Row),
      ),
    [points],
  );
  // One y range for the three, so heights compare across buckets.
  const yRange = useMemo(() => {
    const ranges = perBucket.map((rows) =>
      positiveRange(
        rows,
        series.map((s) => s.key),
      ),
    );
    return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))] as [number, number];
  }, [perBucket, series]);
  return (
    <div className="multiples">
      {perBucket.map((rows, b) => (
        <LogChart
          key={b}
          title={BUCKET_TITLES[b]}
          xLabel="training step"
          yLabel="excess loss per token"
          rows={rows}
          series={series}
          yRange={yRange}
          height={220}
          legend={false}
        />
      ))}
    </div>
  );
}

/** Least-squares slope of log y against log x. */
function logSlope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) [num, den] = [num + (lx[i] - mx) * (ly[i] - my), den + (lx[i] - mx) ** 2];
  return den > 0 ? num / den : NaN;
}

export function StepSizeChart({ lanes }: { lanes: LaneConfig[] }) {
  const reported = usePlayground((s) => s.reported);
  const latest = usePlayground((s) => s.latestEff);
  const { rows, series } = useMemo(() => {
    if (!reported || !latest) return { rows: [], series: laneSeries(lanes) };
    // Only rows that have had a gradient: an untouched row's step is not a step anyone took.
    const seen = reported.rank.map((_, r) => latest.counts[r] > 0);
    const rows = reported.freq
      .map((x, r) => ({ x, r }))
      .filter(({ r }) => seen[r])
      .map(({ x, r }) => Object.fromEntries([['x', x], ...latest.effStep.map((e, l) => [`l${l}`, e[r]])]) as Row)
      .sort((a, b) => a.x! - b.x!);
    const slopes = lanes.map((_, l) =>
      logSlope(
        rows.map((row) => row.x!),
        rows.map((row) => row[`l${l}`]!),
      ),
    );
    const fmt = (s: number) => (Number.isFinite(s) ? `, slope ${s.toFixed(2)}` : '');
    return { rows, series: laneSeries(lanes, (l) => fmt(slopes[l])) };
  }, [reported, latest, lanes]);
  return (
    <div>
      <LogChart
        title="Effective step size against token frequency (log-log)"
        xLabel="token frequency p_k"
        yLabel="effective step size"
        rows={rows}
        series={series}
        xLog
      />
      <p className="caption">
        Each curve is one optimizer's step size for tokens of a given frequency (64 tokens, log-spaced by rank, that
        have had a gradient). Expected slopes: SGD 0 (flat), FA-SGD −β until the cap, Adagrad close to −½ — it uses
        frequency implicitly.
      </p>
    </div>
  );
}

export function DistributionChart() {
  const reported = usePlayground((s) => s.reported);
  const rows = useMemo(
    () => (reported ? reported.rank.map((k, r) => ({ x: k + 1, p: reported.freq[r] })) : []),
    [reported],
  );
  return (
    <LogChart
      title="Token distribution (rank–frequency, log-log)"
      xLabel="rank"
      yLabel="frequency p_k"
      rows={rows}
      series={[{ key: 'p', name: 'p_k', color: '#0072B2', dash: '' }]}
      xLog
      height={240}
      legend={false}
    />
  );
}
