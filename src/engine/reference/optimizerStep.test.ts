import { describe, expect, test } from 'vitest';
import type { LaneConfig } from '../config.ts';
import { referenceCount } from '../optimizers.ts';
import { optimizerStep } from './optimizerStep.ts';
import { countRows, reduceRows } from './reduceRows.ts';

// Two rows, d = 2. Sorted occurrences: row 0 twice (gradients [1,2] and [3,4]), row 1 once ([5,6]).
const keys = Uint32Array.from([0, 0, 1]);
const vals = Uint32Array.from([0, 1, 2]);
const G = reduceRows(keys, vals, Float64Array.from([1, 2, 3, 4, 5, 6]), 2);
// One table of two rows: counters [n_0, n_1, n_max].
const starts = Uint32Array.from([0, 2]);
const counters = new Uint32Array(3);
countRows(keys, counters, starts);
const rowFreq = Float64Array.from([0.5, 0.05]);

function run(lane: Partial<LaneConfig> & Pick<LaneConfig, 'optimizer'>, state = new Float64Array(4)) {
  const table = new Float64Array(4);
  optimizerStep({ lr: 0.5, beta: 1, cap: 10, eps: 0, ...lane }, table, state, {
    d: 2,
    keys,
    G,
    rowFreq,
    pmax: 0.5,
    counters,
    tableStarts: starts,
  });
  return { table: Array.from(table), state: Array.from(state) };
}

describe('reference optimizers on a hand-computed step', () => {
  test('duplicates are summed first, counters count occurrences', () => {
    // Each run's sum at its start (position 1 starts no run and holds nothing).
    expect(Array.from(G)).toEqual([4, 6, 0, 0, 5, 6]);
    expect(Array.from(counters)).toEqual([2, 1, 2]);
  });

  test('SGD: θ −= η g', () => {
    expect(run({ optimizer: 'sgd' }).table).toEqual([-2, -3, -2.5, -3]);
  });

  test('FA-SGD: the rare row gets min((p_max/p_k)^β, c) = 10 times the step', () => {
    expect(run({ optimizer: 'fasgd' }).table).toEqual([-2, -3, -25, -30]);
    expect(run({ optimizer: 'fasgd', beta: 0.5, cap: 2 }).table).toEqual([-2, -3, -5, -6]);
  });

  test('CF-SGD: boost (n_ref/n_k)^β from the counters (a two-row table has no selection bias: n_ref = n_max)', () => {
    const t = run({ optimizer: 'cfsgd', beta: 0.5 }).table;
    expect(t.slice(0, 2)).toEqual([-2, -3]);
    expect(t[2]).toBeCloseTo(-2.5 * Math.SQRT2, 12);
    expect(t[3]).toBeCloseTo(-3 * Math.SQRT2, 12);
  });

  test('row-wise Adagrad: s_k += mean g², step η/(√s_k + ε)', () => {
    const { table, state } = run({ optimizer: 'adagradRow' });
    expect(state.slice(0, 2)).toEqual([26, 30.5]);
    expect(table[0]).toBeCloseTo(-0.5 * (4 / Math.sqrt(26)), 12);
    expect(table[3]).toBeCloseTo(-0.5 * (6 / Math.sqrt(30.5)), 12);
  });

  test('coordinate-wise Adagrad: the first step is η·sign(g)', () => {
    const { table, state } = run({ optimizer: 'adagradCoord' });
    expect(state).toEqual([16, 36, 25, 36]);
    expect(table).toEqual([-0.5, -0.5, -0.5, -0.5]);
  });
});

describe("CF-SGD's reference count", () => {
  /** Poisson(λ) draws from a fixed stream (inversion). */
  function poisson(lambda: number, n: number): number[] {
    let seed = 12345;
    const u = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) + 0.5) / 2 ** 32;
    return Array.from({ length: n }, () => {
      let k = 0;
      let p = Math.exp(-lambda);
      let cdf = p;
      const x = u();
      while (x > cdf) cdf += p *= lambda / ++k;
      return k;
    });
  }

  test('on equally frequent rows the median boost is within 5% of 1, where n_max would give far more', () => {
    // Uniform tokens at step 300 of the uniform preset: 10,000 rows, about 30.7 occurrences each.
    const counts = poisson(30.72, 10_000);
    const nmax = Math.max(...counts);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    const ref = referenceCount(nmax, counts.length);
    // The boost at β = ½ (the preset's).
    const boost = (r: number) => median(counts.map((n) => Math.sqrt(r / n)));
    expect(boost(ref)).toBeGreaterThan(0.95);
    expect(boost(ref)).toBeLessThan(1.05);
    expect(boost(nmax)).toBeGreaterThan(1.25);
  });

  test('once a head row clearly leads, n_ref stays within a few percent of its count', () => {
    expect(referenceCount(46_000, 10_000) / 46_000).toBeGreaterThan(0.97);
    expect(referenceCount(2, 2)).toBe(2);
  });
});
