import { describe, expect, test } from 'vitest';
import { PRESETS } from '../../../engine/config.ts';
import type { MetricPoint } from '../../../state/series.ts';
import type { LaneTheory } from '../../../state/theory.ts';
import { bucketRanges, bucketRows } from './bucketRows.ts';
import { sgdLane } from '../../../state/claims/run.ts';
import { curveTop, laneKey, laneSeries, theorySeries, rowTable } from './lanes.ts';
import { aucRows, divergingRange, lossRows } from './lossRows.ts';
import { rankErrorRows, stepSizeRows } from './perRowRows.ts';

const config = PRESETS.zipf.config;
const lanes = config.lanes.slice(0, 2); // SGD, FA-SGD
const bucket = (v: number) => [v, 2 * v, 4 * v] as [number, number, number];
/** A recorded step with each lane's excess loss (and buckets from it). */
const point = (step: number, excess: number[]): MetricPoint =>
  ({
    step,
    excess,
    buckets: excess.map(bucket),
    itemBuckets: excess.map(() => [NaN, NaN, NaN]),
    auc: excess.map((v) => 1 - v),
  }) as unknown as MetricPoint;
const noTheory = { curves: [], reason: null };
const theory = (steps: number[], total: number[]): LaneTheory =>
  ({ kind: 'exact', steps, total, buckets: total.map(bucket) }) as unknown as LaneTheory;

describe('race rows', () => {
  test('lanes: keys, series of the tuned lanes only, rows sorted by x, a top 3× the largest start', () => {
    expect([laneKey(0), laneKey(7)]).toEqual(['l0', 'l7']);
    expect(laneSeries(config.lanes, [1, 3]).map((s) => s.key)).toEqual(['l1', 'l3']);
    expect(laneSeries(lanes, null, (l) => `, #${l}`)[1].name).toBe('FA-SGD (η=3), #1');
    const t = rowTable();
    t.row(20).a = 1;
    t.row(10).a = 2;
    t.row(20).b = 3;
    expect(t.rows()).toEqual([
      { x: 10, a: 2 },
      { x: 20, a: 1, b: 3 },
    ]);
    expect(curveTop([[{ x: 0, a: 0.5, b: 0.2 }]], ['a', 'b'])).toBe(1.5);
    expect(curveTop([[]], ['a'])).toBe(Infinity);
  });

  test('loss: one row per step with each lane; overlays and theory join by step; smoothing keeps the raw faint', () => {
    const points = [point(0, [0.5, 0.5]), point(10, [0.3, 0.2])];
    const overlays = [{ record: { name: 'saved', config: { ...config, lanes }, points: [point(5, [0.4, 0.35])] } }];
    const th = { curves: [theory([0, 10], [0.5, 0.25]), null], reason: null };
    const { rows, series } = lossRows({
      points,
      seeds: 1,
      lanes,
      lanesBase: laneSeries(lanes, null),
      overlays,
      config: { ...config, lanes },
      theory: th,
      smooth: null,
    });
    expect(rows).toEqual([
      { x: 0, l0: 0.5, l1: 0.5, t0: 0.5 },
      { x: 5, o0_0: 0.4, o0_1: 0.35 },
      { x: 10, l0: 0.3, l1: 0.2, t0: 0.25 },
    ]);
    expect(series.map((s) => s.key)).toEqual(['t0', 'l0', 'l1', 'o0_0', 'o0_1']);
    expect(series[0]).toMatchObject({ name: 'SGD (η=10), theory', faint: true });
    const smoothed = lossRows({
      points,
      seeds: 1,
      lanes,
      lanesBase: laneSeries(lanes, null),
      overlays: [],
      config: null,
      theory: noTheory,
      smooth: 0.5,
    });
    expect(smoothed.series.map((s) => `${s.key}${s.faint ? ' faint' : ''}`)).toEqual([
      'l0 faint',
      'l1 faint',
      's_l0',
      's_l1',
    ]);
    // Debiased: the first smoothed value is the first value; then the geometric mix of the two.
    expect(smoothed.rows[0].s_l0).toBeCloseTo(0.5, 12);
    expect(smoothed.rows[1].s_l0).toBeCloseTo(Math.exp((0.5 * Math.log(0.5) + Math.log(0.3)) / 1.5), 12);
  });

  test('loss over seeds: the geometric mean with the range as a band; a lane past 3× its start sets the top', () => {
    // Two seeds of two lanes, seed-major.
    const { rows, series } = lossRows({
      points: [point(0, [0.5, 0.5, 0.5, 0.5]), point(10, [0.1, 0.4, 0.4, 0.4])],
      seeds: 2,
      lanes,
      lanesBase: laneSeries(lanes, null),
      overlays: [],
      config: null,
      theory: noTheory,
      smooth: null,
    });
    expect(rows[1].l0).toBeCloseTo(0.2, 12);
    expect([rows[1].lo0, rows[1].hi0]).toEqual([0.1, 0.4]);
    expect(series[0]).toMatchObject({ name: 'SGD (η=10), mean of 2 seeds', band: { lo: 'lo0', hi: 'hi0' } });
    const diverging = [
      { x: 0, l0: 0.5 },
      { x: 10, l0: 9 },
    ];
    expect(divergingRange(diverging, series.slice(0, 1))).toEqual([0.5, 1.5]);
    expect(divergingRange(rows, series)).toBeUndefined();
  });

  test('buckets: one bucket per lane by step, relative to SGD, theory in the loss view only; shared or own ranges', () => {
    const points = [point(0, [0.5, 0.5]), point(10, [0.2, 0.1])];
    const th = { curves: [theory([0, 10], [0.5, 0.3]), null], reason: null };
    const tail = bucketRows(points, 'buckets', 2, config, th, null);
    expect(tail.rows).toEqual([
      { x: 0, l0: 2, l1: 2, t0: 2 },
      { x: 10, l0: 0.8, l1: 0.4, t0: 1.2 },
    ]);
    expect(tail.expected.map((s) => s.key)).toEqual(['t0']);
    const relative = bucketRows(points, 'buckets', 2, config, th, 0);
    expect(relative.rows[1]).toEqual({ x: 10, l0: 1, l1: 0.5 });
    expect(relative.expected).toEqual([]);
    expect(sgdLane(config.lanes, null)).toBe(0);
    expect(sgdLane(config.lanes, [1, 2])).toBe(-1);
    const series = laneSeries(lanes, null);
    const charts = [0, 2].map((b) => ({
      rows: bucketRows(points, 'buckets', b, null, noTheory, null).rows,
      all: series,
    }));
    const [head, tailRange] = bucketRanges(charts, false, false);
    expect(head).toEqual([0.1, 0.5]);
    expect(tailRange).toEqual([0.4, 2]);
    const shared = bucketRanges(charts, true, false);
    expect(shared[0]).toEqual(shared[1]);
    expect(shared[0]).toEqual([0.1, 2]);
    // Ratios: a linear axis that always holds 1.
    expect(bucketRanges([{ rows: relative.rows, all: series }], false, true)[0]).toEqual([0.475, 1.05]);
  });

  test('step size: rows with a gradient only, sorted by frequency, slopes in the names, reference slopes', () => {
    const reported = { rank: [0, 9, 99, 999], freq: [0.1, 0.01, 0.001, 0.0001], binStarts: [], teacherAuc: null };
    // SGD flat; FA-SGD ∝ p^−½ (row 3 never updated).
    const latest = {
      effStep: [
        [10, 10, 10, 10],
        [1, Math.sqrt(10), 10, 99],
      ],
      counts: [50, 9, 1, 0],
    };
    const { rows, series, noSlope } = stepSizeRows(reported, latest, lanes, null, true);
    expect(rows.map((r) => r.x)).toEqual([0.001, 0.01, 0.1]);
    expect(noSlope).toBeNull();
    expect(series.map((s) => s.name)).toEqual([
      'SGD (η=10), slope 0.00',
      'FA-SGD (η=3), slope −0.50',
      'reference slope 0',
      'reference slope −½',
    ]);
    const uniform = { ...reported, freq: [0.25, 0.25, 0.25, 0.25] };
    const flat = stepSizeRows(uniform, latest, lanes, null, true);
    expect(flat.noSlope).toMatch(/every token is equally frequent/);
    expect(flat.series.every((s) => s.dots)).toBe(true);
  });

  test('error by rank: one row per non-empty bin at the geometric middle of its ranks', () => {
    const reported = { rank: [], freq: [], binStarts: [0, 1, 1, 10], teacherAuc: null };
    expect(rankErrorRows(reported, [[1, 2, 3]])).toEqual([
      { x: 1, start: 0, end: 1, l0: 1 },
      { x: Math.sqrt(20), start: 1, end: 10, l0: 3 },
    ]);
    expect(rankErrorRows(null, null)).toEqual([]);
  });

  test('theory and AUC: a value that is not finite is a gap; the AUC range holds chance', () => {
    const { row, rows } = rowTable();
    const s = theorySeries(
      config,
      { curves: [theory([0, 5], [1, Infinity])], reason: null },
      row,
      (t, i) => t.total[i],
    );
    expect(s).toHaveLength(1);
    expect(rows()).toEqual([
      { x: 0, t0: 1 },
      { x: 5, t0: null },
    ]);
    expect(theorySeries(null, { curves: [theory([0], [1])], reason: null }, row, () => 1)).toEqual([]);
    const auc = aucRows([point(0, [0.5, 0.75])], 0.9, laneSeries(lanes, null));
    expect(auc.yRange).toEqual([0.25, 0.9]);
    expect(auc.all.at(-1)).toMatchObject({ key: 'teacher', reference: true });
  });
});
