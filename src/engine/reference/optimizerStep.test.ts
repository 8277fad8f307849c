import { describe, expect, test } from 'vitest';
import type { LaneConfig } from '../config.ts';
import { optimizerStep } from './optimizerStep.ts';
import { countRows, reduceRows } from './reduceRows.ts';

// Two rows, d = 2. Sorted occurrences: row 0 twice (gradients [1,2] and [3,4]), row 1 once ([5,6]).
const keys = Uint32Array.from([0, 0, 1]);
const vals = Uint32Array.from([0, 1, 2]);
const G = reduceRows(keys, vals, Float64Array.from([1, 2, 3, 4, 5, 6]), 2);
const counters = new Uint32Array(2);
const nmax = countRows(keys, counters, 0);
const rowFreq = Float64Array.from([0.5, 0.05]);

function run(lane: Partial<LaneConfig> & Pick<LaneConfig, 'optimizer'>, state = new Float64Array(4)) {
  const table = new Float64Array(4);
  optimizerStep({ lr: 0.5, beta: 1, cap: 10, eps: 0, ...lane }, table, state, {
    d: 2,
    keys,
    vals,
    G,
    rowFreq,
    pmax: 0.5,
    counters,
    nmax,
  });
  return { table: Array.from(table), state: Array.from(state) };
}

describe('reference optimizers on a hand-computed step', () => {
  test('duplicates are summed first, counters count occurrences', () => {
    expect(Array.from(G)).toEqual([4, 6, 3, 4, 5, 6]);
    expect(Array.from(counters)).toEqual([2, 1]);
    expect(nmax).toBe(2);
  });

  test('SGD: θ −= η g', () => {
    expect(run({ optimizer: 'sgd' }).table).toEqual([-2, -3, -2.5, -3]);
  });

  test('FA-SGD: the rare row gets min((p_max/p_k)^β, c) = 10 times the step', () => {
    expect(run({ optimizer: 'fasgd' }).table).toEqual([-2, -3, -25, -30]);
    expect(run({ optimizer: 'fasgd', beta: 0.5, cap: 2 }).table).toEqual([-2, -3, -5, -6]);
  });

  test('CF-SGD: boost (n_max/n_k)^β from the counters', () => {
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
