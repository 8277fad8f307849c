// The race's per-row charts: each optimizer's effective step size against token frequency, with
// fitted and reference slopes, and the per-token error against rank.

import { useCallback, useContext, useMemo, useState } from 'react';
import type { LaneConfig } from '../engine/config.ts';
import { effectiveSlopes, SLOPE_MIN_SPAN } from '../state/analysis.ts';
import { Chart, type Row } from './Chart.tsx';
import { useLive, usePlayground } from './storeContext.ts';
import { laneKey, laneSeries, TunedContext, useLossName } from './chartSeries.ts';
import { rankName, rankRangeName, useRowNames } from './rowNames.ts';

/** In place of a per-row chart before its first measurement (the chart is mounted before Run, so Run draws sooner). */
const AFTER_RUN = 'Measured once training starts: press Run.';

const texSlope = (s: number) => (s === 0 ? '0' : s === -0.5 ? '−½' : `−${-s}`);

export function StepSizeChart({ lanes }: { lanes: LaneConfig[] }) {
  const reported = usePlayground((s) => s.reported);
  const latest = useLive((s) => s.latestEff);
  const [guides, setGuides] = useState(true);
  const tuned = useContext(TunedContext);
  const { rows, series, noSlope } = useMemo(() => {
    if (!reported || !latest) return { rows: [], series: laneSeries(lanes, tuned), noSlope: null };
    // Only rows that have had a gradient: an untouched row's step is not a step anyone took.
    const rows = reported.freq
      .map((x, r) => ({ x, r }))
      .filter(({ r }) => latest.counts[r] > 0)
      .map(
        ({ x, r }) =>
          Object.fromEntries([
            ['x', x],
            ['k', reported.rank[r]],
            ...latest.effStep.map((e, l) => [laneKey(l), e[r]]),
          ]) as Row,
      )
      .sort((a, b) => a.x! - b.x!);
    const slopes = effectiveSlopes(reported.freq, latest);
    const xs = rows.map((r) => r.x!);
    const span = rows.length ? xs[xs.length - 1] / xs[0] : 1;
    // One frequency: the values are dots over it, not a curve, and no slope exists.
    const oneFrequency = rows.length > 0 && span === 1;
    const noSlope = oneFrequency
      ? 'Slope: n/a — every token is equally frequent, so no optimizer’s step can depend on frequency.'
      : rows.length > 1 && !(span >= SLOPE_MIN_SPAN)
        ? 'Slope: n/a — these frequencies span less than a decade.'
        : null;
    const series = laneSeries(lanes, tuned, (l) =>
      Number.isFinite(slopes[l]) ? `, slope ${slopes[l].toFixed(2)}` : '',
    ).map((s) => (oneFrequency ? { ...s, dots: true } : s));
    if (!guides || noSlope || rows.length < 2) return { rows, series, noSlope };
    // Reference slopes through the middle of the data: 0 (SGD), −½ (Adagrad), −β (FA/CF-SGD).
    const wanted = new Set<number>([0, -0.5]);
    for (const l of lanes) if (l.optimizer === 'fasgd' || l.optimizer === 'cfsgd') wanted.add(-l.beta);
    const [x0, y0] = geometricCentre(rows, lanes.length);
    const refs = [...wanted].sort((a, b) => b - a);
    refs.forEach((s, i) => rows.forEach((r) => (r[`ref${i}`] = y0 * (r.x! / x0) ** s)));
    return {
      noSlope,
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
          smooth: true,
        })),
      ],
    };
  }, [reported, latest, lanes, tuned, guides]);
  const names = useRowNames();
  const describe = useCallback((row: Row) => (row.k == null ? null : rankName(row.k, names?.rows)), [names]);
  return (
    <div>
      <Chart
        describe={describe}
        title="Effective step size against token frequency (log-log)"
        xLabel="token frequency p_k"
        yLabel="effective step size"
        rows={rows}
        series={series}
        xLog
        redrawMs={1200}
        emptyNote={AFTER_RUN}
      />
      {noSlope && (
        <p className="chart-note" data-testid="no-slope">
          {noSlope}
        </p>
      )}
      <div className="chart-options">
        <label>
          <input type="checkbox" checked={guides} onChange={(e) => setGuides(e.target.checked)} /> Reference slopes
          (dotted grey lines through the middle of the data)
        </label>
      </div>
      <p className="caption">
        One optimizer’s step size for tokens of each frequency (64 tokens, log-spaced by rank, that have had a gradient;
        coordinate-wise Adagrad: the geometric mean over coordinates). Expected slopes: SGD 0 (flat), FA-SGD −β until
        the cap; Adagrad falls too, as it uses frequency implicitly: near −½ when label noise dominates its squared
        gradients (large σ), shallower when it does not. A slope is fitted only over a decade of frequencies or more.
      </p>
    </div>
  );
}

/** Geometric mean of x and of every lane's positive values: where reference lines cross. */
function geometricCentre(rows: Row[], lanes: number): [number, number] {
  let [sx, sy, nx, ny] = [0, 0, 0, 0];
  for (const r of rows) {
    sx += Math.log(r.x!);
    nx++;
    for (let l = 0; l < lanes; l++) {
      const v = r[laneKey(l)];
      if (v != null && v > 0 && Number.isFinite(v)) {
        sy += Math.log(v);
        ny++;
      }
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
          Object.fromEntries([
            ['x', Math.sqrt((start + 1) * end)],
            ['start', start],
            ['end', end],
            ...latest.map((e, l) => [laneKey(l), e[r]]),
          ]) as Row,
      );
  }, [reported, latest]);
  const tuned = useContext(TunedContext);
  const series = useMemo(() => laneSeries(lanes, tuned), [lanes, tuned]);
  const names = useRowNames();
  const describe = useCallback(
    (row: Row) => (row.start == null || row.end == null ? null : rankRangeName(row.start, row.end, names?.rows)),
    [names],
  );
  return (
    <div>
      <Chart
        describe={describe}
        title={`Error against rank, at step ${step} (log-log)`}
        xLabel={`${unit} rank`}
        yLabel={`${lossName} per ${per}`}
        rows={rows}
        series={series}
        xLog
        redrawMs={1200}
        emptyNote={AFTER_RUN}
      />
      <p className="caption">
        {lossName[0].toUpperCase() + lossName.slice(1)} of the {unit}s in 16 log-spaced rank bins
        {per !== unit ? ` (evaluation ${per}s by ${unit})` : ''}, redrawn as training goes: frequent {unit}s on the left
        learn first; watch the right end.
      </p>
    </div>
  );
}
