// The meaning views' chart rows and words, as pure functions: agreement by bucket per lane over
// steps, the followed row's loss per lane over steps, and the spread of a projection by bucket.

import type { LaneConfig } from '../../engine/config.ts';
import { laneLabel } from '../../engine/optimizers.ts';
import type { AgreementPoint } from '../../state/agreementRecord.ts';
import type { Row, Series } from '../chart/figure/plot.ts';
import { LANE_STYLE } from '../parts/laneStyle.ts';

/** The buckets' names, by index (0 head, 1 torso, 2 tail). */
export const BUCKET_NAMES = ['head', 'torso', 'tail'] as const;

const KEYS: string[] = [];
/** The row key of lane l. */
export const laneKey = (l: number) => (KEYS[l] ??= `l${l}`);

/** One series per lane (first seed's lanes). */
export const laneSeries = (lanes: LaneConfig[]): Series[] =>
  lanes.map((lane, l) => ({ key: laneKey(l), name: laneLabel(lane), ...LANE_STYLE[lane.optimizer] }));

const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** Bucket b's agreement of lanes [0, lanes) by step. */
export function agreementRows(points: AgreementPoint[], b: number, lanes: number): Row[] {
  return points.map((p) => {
    const row: Row = { x: p.step };
    for (let l = 0; l < lanes; l++) row[laneKey(l)] = finite(p.lanes[l]?.[b] ?? NaN);
    return row;
  });
}

/** The followed row's own loss per lane by step. */
export function followRows(followed: { step: number; loss: number[] }[]): Row[] {
  return followed.map((p) => {
    const row: Row = { x: p.step };
    p.loss.forEach((v, l) => (row[laneKey(l)] = finite(v) !== null && v > 0 ? v : null));
    return row;
  });
}

/** A y range for agreement values: from 0 to a little above the largest (at least to 1.5× chance). */
export function agreementRange(rowSets: Row[][], chance: number): [number, number] {
  let top = 1.5 * chance;
  for (const rows of rowSets)
    for (const r of rows)
      for (const [k, v] of Object.entries(r)) if (k !== 'x' && typeof v === 'number') top = Math.max(top, v);
  return [0, Math.min(1, Math.ceil(top * 11) / 10)];
}

/**
 * The spread of each bucket's projected points: their root-mean-square distance from the bucket's
 * own centre (small: a huddle; NaN: no points).
 */
export function spreadByBucket(xy: number[], buckets: number[]): [number, number, number] {
  const n = [0, 0, 0];
  const cx = [0, 0, 0];
  const cy = [0, 0, 0];
  buckets.forEach((b, i) => {
    n[b]++;
    cx[b] += xy[2 * i];
    cy[b] += xy[2 * i + 1];
  });
  const sq = [0, 0, 0];
  buckets.forEach((b, i) => (sq[b] += (xy[2 * i] - cx[b] / n[b]) ** 2 + (xy[2 * i + 1] - cy[b] / n[b]) ** 2));
  return sq.map((s, b) => (n[b] ? Math.sqrt(s / n[b]) : NaN)) as [number, number, number];
}
