// The substituted update rule of a row equals the step the WebGPU engine took for it (in a real
// browser), in every workload and optimizer; the rule is computed on the host in float64 from the
// GPU's own checkpoint before the step.

import { describe, expect, test } from 'vitest';
import { engineFor } from '../testing/gpuHarness.ts';
import { checkRowUpdates, rowUpdateCases } from '../testing/rowUpdateCheck.ts';

describe('a row’s update rule, with its numbers substituted, gives the row the GPU engine wrote', () => {
  for (const [name, config, pairs] of rowUpdateCases())
    test(name, async () => {
      const { engine, data } = await engineFor(config, {}, pairs);
      try {
        const checks = await checkRowUpdates(engine, data, [0, Math.floor(config.rows / 8), config.rows - 1], 7);
        expect(checks.length).toBe(3 * config.lanes.length);
        const worst = (k: 'miss' | 'missOff', f: (...x: number[]) => number) =>
          f(...checks.map((c) => c[k])).toExponential(1);
        console.log(
          `GPU ${name}: rule misses the engine's row by ≤ ${worst('miss', Math.max)} of the update; a 1% larger step by ≥ ${worst('missOff', Math.min)}`,
        );
        for (const c of checks) {
          expect(c.moved, `${c.optimizer} row ${c.row} moved`).toBeGreaterThan(0);
          // The GPU rounds in f32 like the CPU engine; its exp and log (FA-SGD, CF-SGD, sigmoids)
          // may differ from the host's by a few ULP.
          expect(c.miss, `${c.optimizer} row ${c.row} at step ${c.step}`).toBeLessThan(1e-3);
          expect(c.missOff, `${c.optimizer}: a 1% larger step is told apart`).toBeGreaterThan(5e-3);
        }
      } finally {
        engine.destroy();
      }
    });
});
