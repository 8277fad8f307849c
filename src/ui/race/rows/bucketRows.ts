// Head, torso and tail as rows, as pure functions: one bucket's loss per lane by step (or each
// lane's loss relative to SGD's), its theory curves, and the y ranges of the small multiples (each
// its own, or one shared; ratios on a linear axis around 1).

import type { RunConfig } from '../../../engine/config.ts';
import type { BucketKind, MetricPoint } from '../../../state/series.ts';
import type { Row, Series } from '../../chart/figure/plot.ts';
import { positiveRange, valueRange } from '../../chart/chartScale.ts';
import { curveTop, laneKey, rowTable, theorySeries, type Theory } from './lanes.ts';

/**
 * Values of one bucket b of one kind per step: l<i> for lane i (÷ lane `relativeTo`'s value when
 * given), and t<i> its theory (the first table's buckets, loss view only).
 */
export function bucketRows(
  points: MetricPoint[],
  kind: BucketKind,
  b: number,
  config: RunConfig | null,
  theory: Theory,
  relativeTo: number | null,
): { rows: Row[]; expected: Series[] } {
  const { row, rows } = rowTable();
  for (const p of points)
    p[kind].forEach((v, l) => (row(p.step)[laneKey(l)] = relativeTo === null ? v[b] : v[b] / p[kind][relativeTo][b]));
  const expected =
    kind === 'buckets' && relativeTo === null ? theorySeries(config, theory, row, (t, i) => t.buckets[i][b]) : [];
  return { rows: rows(), expected };
}

/** The y range of rows: fitted, with a top that diverging curves leave by (3× the largest start). */
export function fittedRange(rowSets: Row[][], keys: string[]): [number, number] {
  const ranges = rowSets.map((rows) => positiveRange(rows, keys));
  const lo = Math.min(...ranges.map((r) => r[0]));
  const hi = Math.max(...ranges.map((r) => r[1]));
  const top = curveTop(rowSets, keys);
  return lo < top ? [lo, Math.min(hi, top)] : [lo, hi];
}

/**
 * The y range of each small multiple: its own, or one shared by all (`same`); relative values on a
 * linear axis around 1 with the top at 3 (a diverging lane leaves by it).
 */
export function bucketRanges(
  charts: { rows: Row[]; all: Series[] }[],
  same: boolean,
  relative: boolean,
): [number, number][] {
  const keysOf = (all: Series[]) => all.map((s) => s.key);
  if (relative) {
    const each = charts.map(({ rows, all }) => valueRange(rows, keysOf(all)));
    const fit = ([lo, hi]: [number, number]): [number, number] => [
      Math.min(lo, 1) * 0.95,
      Math.min(3, Math.max(hi, 1) * 1.05),
    ];
    const shared = fit([Math.min(...each.map((r) => r[0])), Math.max(...each.map((r) => r[1]))]);
    return each.map((r) => (same ? shared : fit(r)));
  }
  const shared = fittedRange(
    charts.map(({ rows }) => rows),
    keysOf(charts[0]?.all ?? []),
  );
  return charts.map(({ rows, all }) => (same ? shared : fittedRange([rows], keysOf(all))));
}
