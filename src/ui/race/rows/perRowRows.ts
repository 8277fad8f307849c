// The per-row charts' rows, as pure functions: each lane's effective step size against token
// frequency (the rows that have had a gradient; fitted slopes; reference slopes through the
// middle of the data), and each lane's error by rank bin.

import type { LaneConfig } from '../../../engine/config.ts';
import type { ReportedRows } from '../../../engine/protocol.ts';
import { effectiveSlopes } from '../../../state/analysis.ts';
import { say } from '../../../state/claims/claim.ts';
import { noSlopeClaim, SLOPE_LEGEND } from '../../../state/claims/captions.ts';
import { stepRowsOf } from '../../../state/claims/page.ts';
import type { Row, Series } from '../../chart/figure/plot.ts';
import { laneKey, laneSeries } from './lanes.ts';

const texSlope = (s: number) => (s === 0 ? '0' : s === -0.5 ? '−½' : `−${-s}`);

/** Each lane's effective step by reported row [lane][row], and each row's occurrences so far. */
export interface LatestEff {
  effStep: number[][];
  counts: number[];
}

/**
 * Step size against frequency: one row per reported row that has had a gradient (x its frequency,
 * k its 0-based rank), a series per lane named with its fitted slope, and with `guides` the
 * reference slopes 0, −½ and each frequency lane's −β. `noSlope` says why no slope is fitted
 * (`unit`: what a row is). The words are claims (state/claims/captions.ts).
 */
export function stepSizeRows(
  reported: ReportedRows | null,
  latest: LatestEff | null,
  lanes: LaneConfig[],
  tuned: number[] | null,
  guides: boolean,
  unit = 'token',
): { rows: Row[]; series: Series[]; noSlope: string | null } {
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
  const span = rows.length ? rows[rows.length - 1].x! / rows[0].x! : 1;
  // One frequency: the values are dots over it, not a curve, and no slope exists.
  const oneFrequency = rows.length > 0 && span === 1;
  const noSlope = noSlopeClaim(unit, stepRowsOf(reported, latest)!).text || null;
  const series = laneSeries(lanes, tuned, (l) => say(SLOPE_LEGEND, { slope: slopes[l] }).text).map((s) =>
    oneFrequency ? { ...s, dots: true } : s,
  );
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
}

/** Geometric mean of x and of every lane's positive values: where reference lines cross. */
export function geometricCentre(rows: Row[], lanes: number): [number, number] {
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
 * Error by rank: one row per non-empty rank bin of the first table (x the geometric middle of its
 * 1-based ranks, start/end its ranks), each lane's error there [lane][bin].
 */
export function rankErrorRows(reported: ReportedRows | null, latest: number[][] | null): Row[] {
  if (!reported || !latest) return [];
  const b = reported.binStarts;
  return b
    .slice(0, -1)
    .map((start, r) => ({ start, end: b[r + 1], r }))
    .filter(({ start, end }) => end > start)
    .map(
      ({ start, end, r }) =>
        Object.fromEntries([
          ['x', Math.sqrt((start + 1) * end)],
          ['start', start],
          ['end', end],
          ...latest.map((e, l) => [laneKey(l), e[r]]),
        ]) as Row,
    );
}
