// The race's charts, built from the store: excess loss (optionally smoothed), head/torso/tail
// small multiples, effective step size against token frequency with reference slopes, and
// per-token error against rank.

import { createContext, useContext, useMemo, useState } from 'react';
import type { LaneConfig } from '../engine/config.ts';
import { OPTIMIZER_LABEL } from '../engine/optimizers.ts';
import { logSlope, seedSpread, smoothLog } from '../state/analysis.ts';
import { LANE_STYLE } from './laneStyle.ts';
import { Chart, positiveRange, type Row, type Series } from './Chart.tsx';
import { useLive, usePlayground } from './storeContext.ts';
import { type MetricPoint } from '../state/series.ts';

/**
 * In a learning-rate sweep, the lanes drawn: each optimizer's best rate so far (null: all lanes).
 * Every lane chart shows only these, so a sweep reads as a tuned comparison.
 */
export const TunedContext = createContext<number[] | null>(null);

/** Series of the lanes (key l<i> for lane i), only the tuned ones in a sweep. */
function laneSeries(lanes: LaneConfig[], tuned: number[] | null, suffix: (l: number) => string = () => ''): Series[] {
  return lanes.flatMap((lane, l) =>
    tuned && !tuned.includes(l)
      ? []
      : [
          {
            key: `l${l}`,
            name: `${OPTIMIZER_LABEL[lane.optimizer]} (η=${lane.lr})${tuned ? ', best rate' : ''}${suffix(l)}`,
            ...LANE_STYLE[lane.optimizer],
          },
        ],
  );
}

/** Lane series named with their divergence, if any: "FA-SGD (η=3), diverged at step 180". */
function useLaneSeries(lanes: LaneConfig[]): Series[] {
  const diverged = usePlayground((s) => s.diverged);
  const tuned = useContext(TunedContext);
  return useMemo(
    () => laneSeries(lanes, tuned, (l) => (diverged[l] != null ? `, diverged at step ${diverged[l]}` : '')),
    [lanes, tuned, diverged],
  );
}

/** What the loss charts show: excess loss over a planted teacher, or held-out loss on data. */
export function useLossName(): string {
  return usePlayground((s) =>
    s.running?.workload === 'data'
      ? 'held-out loss'
      : s.running?.workload === 'ctr'
        ? 'excess log loss'
        : 'excess loss',
  );
}

/** Chart values: a number that is not finite (a diverged lane) is a gap. */
const finite = (v: number) => (Number.isFinite(v) ? v : null);

const SMOOTHING = ['0.6', '0.8', '0.9', '0.95'];

/**
 * Top of a training-curve axis: 3× the largest starting value (the first row of each set), so a
 * diverging lane runs off the top instead of squashing every other curve. Infinity: no start yet.
 */
function curveTop(rowSets: Row[][], keys: string[]): number {
  const starts = rowSets.flatMap((rows) => keys.map((k) => rows[0]?.[k] ?? 0)).filter(Number.isFinite);
  const start = Math.max(0, ...starts);
  return start > 0 ? 3 * start : Infinity;
}

/** Saved or opened runs drawn over the live charts. */
function useOverlays() {
  const ids = usePlayground((s) => s.overlays);
  const saved = usePlayground((s) => s.saved);
  const opened = usePlayground((s) => s.opened);
  return useMemo(
    () => ids.map((id) => [...saved, ...opened].find((r) => r.id === id)!).filter(Boolean),
    [ids, saved, opened],
  );
}

export function LossChart({ lanes }: { lanes: LaneConfig[] }) {
  const points = useLive((s) => s.points);
  const seeds = usePlayground((s) => s.running?.seeds ?? 1);
  const lanesBase = useLaneSeries(lanes);
  const overlays = useOverlays();
  const [smooth, setSmooth] = useState(false);
  const [weight, setWeight] = useState('0.8');
  const lossName = useLossName();
  const { rows, series } = useMemo(() => {
    // Rows by step: the live run's values, then each overlay's (l<i> live, o<k>_<i> overlay k).
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
    const rows = [...byStep.values()].sort((a, b) => a.x! - b.x!);
    const live = base;
    const overlaid: Series[] = overlays.flatMap((o, k) =>
      o.record.config.lanes.map((lane, l) => ({
        key: `o${k}_${l}`,
        name: `${o.record.name}: ${OPTIMIZER_LABEL[lane.optimizer]} (η=${lane.lr})`,
        color: LANE_STYLE[lane.optimizer].color,
        dash: '1 3',
        overlay: true,
      })),
    );
    if (!smooth) return { rows, series: [...live, ...overlaid] };
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
        ...live.map((s) => ({ ...s, name: `${s.name}, raw`, faint: true, unlisted: true })),
        ...live.map((s) => ({ ...s, key: `s_${s.key}`, band: undefined })),
        ...overlaid,
      ],
    };
  }, [points, seeds, lanes.length, lanesBase, smooth, weight, overlays]);
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

/** Values of one bucket (b) of one kind per step: l<i> for lane i. */
function bucketRows(points: MetricPoint[], kind: 'buckets' | 'itemBuckets', b: number): Row[] {
  return points.map(
    (p) => Object.fromEntries([['x', p.step], ...p[kind].map((v, l) => [`l${l}`, finite(v[b])])]) as Row,
  );
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
        [0, 1, 2].map((b) => bucketRows(points, kind, b)),
      ),
    [points, withItems],
  );
  // One y range for all, so heights compare across buckets.
  const yRange = useMemo(() => {
    const ranges = perBucket.map((rows) =>
      positiveRange(
        rows,
        series.map((s) => s.key),
      ),
    );
    const lo = Math.min(...ranges.map((r) => r[0]));
    const top = curveTop(
      perBucket,
      series.map((s) => s.key),
    );
    return [lo, Math.max(...ranges.map((r) => r[1]))].map((v) => (lo < top ? Math.min(v, top) : v)) as [number, number];
  }, [perBucket, series]);
  const allTitles = [...titles(rowName), ...(items ? titles(items) : [])];
  return (
    <div className="multiples">
      {perBucket.map((rows, b) => (
        <Chart
          key={b}
          title={allTitles[b]}
          xLabel="training step"
          yLabel={`${lossName} per ${per}`}
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

const texSlope = (s: number) => (s === 0 ? '0' : s === -0.5 ? '−½' : `−${-s}`);

export function StepSizeChart({ lanes }: { lanes: LaneConfig[] }) {
  const reported = usePlayground((s) => s.reported);
  const latest = useLive((s) => s.latestEff);
  const [guides, setGuides] = useState(true);
  const tuned = useContext(TunedContext);
  const { rows, series } = useMemo(() => {
    if (!reported || !latest) return { rows: [], series: laneSeries(lanes, tuned) };
    // Only rows that have had a gradient: an untouched row's step is not a step anyone took.
    const rows = reported.freq
      .map((x, r) => ({ x, r }))
      .filter(({ r }) => latest.counts[r] > 0)
      .map(({ x, r }) => Object.fromEntries([['x', x], ...latest.effStep.map((e, l) => [`l${l}`, e[r]])]) as Row)
      .sort((a, b) => a.x! - b.x!);
    const slopes = lanes.map((_, l) =>
      logSlope(
        rows.map((row) => row.x!),
        rows.map((row) => row[`l${l}`]!),
      ),
    );
    const fmt = (s: number) => (Number.isFinite(s) ? `, slope ${s.toFixed(2)}` : '');
    const series = laneSeries(lanes, tuned, (l) => fmt(slopes[l]));
    if (!guides || rows.length < 2) return { rows, series };
    // Reference slopes through the middle of the data: 0 (SGD), −½ (Adagrad), −β (FA/CF-SGD).
    const wanted = new Set<number>([0, -0.5]);
    for (const l of lanes) if (l.optimizer === 'fasgd' || l.optimizer === 'cfsgd') wanted.add(-l.beta);
    const [x0, y0] = geometricCentre(rows, lanes.length);
    const refs = [...wanted].sort((a, b) => b - a);
    refs.forEach((s, i) => rows.forEach((r) => (r[`ref${i}`] = y0 * (r.x! / x0) ** s)));
    return {
      rows,
      series: [
        ...series,
        ...refs.map((s, i) => ({
          key: `ref${i}`,
          name: `reference slope ${texSlope(s)}`,
          color: '#555',
          dash: '2 5',
          faint: true,
          reference: true,
        })),
      ],
    };
  }, [reported, latest, lanes, tuned, guides]);
  return (
    <div>
      <Chart
        title="Effective step size against token frequency (log-log)"
        xLabel="token frequency p_k"
        yLabel="effective step size"
        rows={rows}
        series={series}
        xLog
      />
      <div className="chart-options">
        <label>
          <input type="checkbox" checked={guides} onChange={(e) => setGuides(e.target.checked)} /> Reference slopes
          (dotted grey lines through the middle of the data)
        </label>
      </div>
      <p className="caption">
        One optimizer’s step size for tokens of each frequency (64 tokens, log-spaced by rank, that have had a
        gradient). Expected slopes: SGD 0 (flat), FA-SGD −β until the cap, Adagrad close to −½: it uses frequency
        implicitly.
      </p>
    </div>
  );
}

/** Geometric mean of x and of every lane's positive values: where reference lines cross. */
function geometricCentre(rows: Row[], lanes: number): [number, number] {
  let [sx, sy, nx, ny] = [0, 0, 0, 0];
  for (const r of rows) {
    [sx, nx] = [sx + Math.log(r.x!), nx + 1];
    for (let l = 0; l < lanes; l++) {
      const v = r[`l${l}`];
      if (v != null && v > 0 && Number.isFinite(v)) [sy, ny] = [sy + Math.log(v), ny + 1];
    }
  }
  return [Math.exp(sx / nx), Math.exp(sy / Math.max(1, ny))];
}

/**
 * `unit`: what a row of the first table is (token, user, word); `per`: what is evaluated (the
 * token itself, a pair, a CTR sample).
 */
export function RankErrorChart({ lanes, unit, per }: { lanes: LaneConfig[]; unit: string; per: string }) {
  const lossName = useLossName();
  const reported = usePlayground((s) => s.reported);
  const latest = useLive((s) => s.latestRankError);
  const step = usePlayground((s) => s.step);
  const rows = useMemo(() => {
    if (!reported || !latest) return [];
    const b = reported.binStarts;
    return b
      .slice(0, -1)
      .map((start, r) => ({ start, end: b[r + 1], r }))
      .filter(({ start, end }) => end > start)
      .map(
        ({ start, end, r }) =>
          // x: geometric middle of the bin's 1-based ranks.
          Object.fromEntries([['x', Math.sqrt((start + 1) * end)], ...latest.map((e, l) => [`l${l}`, e[r]])]) as Row,
      );
  }, [reported, latest]);
  const tuned = useContext(TunedContext);
  const series = useMemo(() => laneSeries(lanes, tuned), [lanes, tuned]);
  return (
    <div>
      <Chart
        title={`Error against rank, at step ${step} (log-log)`}
        xLabel={`${unit} rank`}
        yLabel={`${lossName} per ${per}`}
        rows={rows}
        series={series}
        xLog
      />
      <p className="caption">
        {lossName[0].toUpperCase() + lossName.slice(1)} of the {unit}s in 16 log-spaced rank bins
        {per !== unit ? ` (evaluation ${per}s by ${unit})` : ''}, redrawn as training goes: frequent {unit}s on the left
        learn first; watch the right end.
      </p>
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
