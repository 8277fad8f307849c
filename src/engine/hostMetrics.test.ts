import { expect, test } from 'vitest';
import { PRESETS } from './config.ts';
import { prepareRun } from './workloads/registry.ts';
import { effectiveStep } from './hostMetrics.ts';

test("coordinate-wise Adagrad's effective step is the geometric mean over coordinates of η/(√s_kj + ε)", () => {
  const config = { ...PRESETS.zipf.config, rows: 50, dim: 4 };
  const data = prepareRun(config);
  const lane = { ...config.lanes[4], lr: 0.5 };
  // Row k's accumulators: one coordinate barely touched (s = 1e-6), the others 1, 4, 9.
  const state = new Float64Array(50 * 4);
  for (const k of data.effRows) state.set([1e-6, 1, 4, 9], k * 4);
  const eff = effectiveStep(lane, data, state, {
    rowFreq: data.rowFreq,
    pmax: data.pmax,
    counters: new Uint32Array(51),
    tableStarts: data.tableStarts,
  });
  const each = [1e-6, 1, 4, 9].map((s) => 0.5 / (Math.sqrt(s) + lane.eps));
  const geometric = Math.pow(
    each.reduce((a, b) => a * b, 1),
    1 / 4,
  );
  for (const v of eff) expect(v).toBeCloseTo(geometric, 10);
  // The arithmetic mean would be ten times larger, set by the one barely touched coordinate.
  expect(each.reduce((a, b) => a + b) / 4).toBeGreaterThan(10 * geometric);
});
