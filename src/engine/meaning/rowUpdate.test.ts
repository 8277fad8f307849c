// The substituted update rule of a row equals the step the Float32 CPU engine took for it, in every
// workload and optimizer (a schedule included); the GPU's is checked in rowUpdate.gpu.test.ts.

import { describe, expect, test } from 'vitest';
import { CpuEngine } from '../cpu/cpuEngine.ts';
import { checkRowUpdates, rowUpdateCases } from '../testing/rowUpdateCheck.ts';
import { smallConfig } from '../testing/gpuHarness.ts';
import { prepareRun } from '../workloads/registry.ts';
import { rowUpdate } from './rowUpdate.ts';

describe('a row’s update rule, with its numbers substituted, gives the row the CPU engine wrote', () => {
  for (const [name, config, pairs] of rowUpdateCases())
    test(name, async () => {
      const data = prepareRun(config, pairs);
      const engine = new CpuEngine(data);
      const rows = [0, Math.floor(config.rows / 8), config.rows - 1];
      const checks = await checkRowUpdates(engine, data, rows, 7);
      expect(checks.length).toBe(3 * config.lanes.length);
      const worst = (k: 'miss' | 'missOff', f: (...x: number[]) => number) =>
        f(...checks.map((c) => c[k])).toExponential(1);
      console.log(
        `CPU ${name}: rule misses the engine's row by ≤ ${worst('miss', Math.max)} of the update; a 1% larger step by ≥ ${worst('missOff', Math.min)}`,
      );
      for (const c of checks) {
        expect(c.moved, `${c.optimizer} row ${c.row} moved`).toBeGreaterThan(0);
        expect(c.miss, `${c.optimizer} row ${c.row} at step ${c.step}`).toBeLessThan(1e-4);
        expect(c.missOff, `${c.optimizer}: a 1% larger step is told apart`).toBeGreaterThan(5e-3);
      }
    });

  test('a step that does not hold the row has no update; a frozen lane does not move', async () => {
    const config = smallConfig({ rows: 500, dim: 8, batch: 64 });
    const data = prepareRun(config);
    const engine = new CpuEngine(data);
    const before = await engine.checkpoint();
    let missing = config.rows - 1;
    // With 64 samples a step, some tail row is absent from step 1.
    while (rowUpdate(data, before, missing)) missing--;
    expect(rowUpdate(data, before, missing)).toBeNull();
    const u = rowUpdate(data, before, 0, new Set([1]))!;
    expect(u.samples).toBeGreaterThan(0);
    expect(u.lanes[1].after).toEqual(u.lanes[1].before);
    expect(u.lanes[0].after).not.toEqual(u.lanes[0].before);
  });
});
