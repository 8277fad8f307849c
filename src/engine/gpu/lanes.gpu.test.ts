// Many lanes in one run: each lane's results are exactly those of the same lane run alone (the
// lanes share the token stream, the sort and the counters, and nothing else), and a sweep picks
// the same best rate as the float64 reference.

import { expect, test } from 'vitest';
import { DEFAULT_LANES } from '../config.ts';
import { ReferenceEngine } from '../reference/referenceEngine.ts';
import { sweepGroups, sweepLanes } from '../sweep.ts';
import { engineFor, smallConfig, smallMfConfig } from '../testing/gpuHarness.ts';
import { KERNEL_PATHS } from './device.ts';

test.each(Object.entries(KERNEL_PATHS))(
  'lanes: 40 lanes in one run equal each lane run alone, bit for bit (%s path)',
  async (_, path) => {
    const config = smallConfig({ rows: 500, dim: 8, batch: 256, lanes: sweepLanes(DEFAULT_LANES) });
    const { engine: all } = await engineFor(config, path);
    all.steps(20);
    const tables = await all.readTables();
    const metrics = await all.recordMetrics();
    all.destroy();
    // One lane per optimizer, at a rate where the sweep makes it move (a diverging rate would
    // only compare NaNs).
    for (const l of [3, 12, 19, 26, 35]) {
      const { engine: alone } = await engineFor({ ...config, lanes: [config.lanes[l]] }, path);
      alone.steps(20);
      expect((await alone.readTables())[0], `lane ${l}`).toEqual(tables[l]);
      expect((await alone.recordMetrics()).lanes[0], `lane ${l}`).toEqual(metrics.lanes[l]);
      alone.destroy();
    }
  },
);

test('sweep: the best learning rate of each optimizer is the float64 reference’s choice', async () => {
  for (const config of [
    smallConfig({ rows: 400, dim: 8, batch: 128, lanes: sweepLanes(DEFAULT_LANES) }),
    smallMfConfig({ rows: 150, items: 100, dim: 4, batch: 128, lanes: sweepLanes(DEFAULT_LANES.slice(0, 2)) }),
  ]) {
    const { engine, data } = await engineFor(config);
    const reference = new ReferenceEngine(data);
    engine.steps(60);
    reference.steps(60);
    const losses = async (e: { recordMetrics(): Promise<{ lanes: { excess: number }[] }> }) =>
      (await e.recordMetrics()).lanes.map((l) => l.excess);
    const got = sweepGroups(config.lanes, await losses(engine));
    const want = sweepGroups(config.lanes, await losses(reference));
    for (const [i, g] of got.entries()) {
      console.log(
        `${config.workload} ${g.optimizer}: best η ${config.lanes[g.best!]?.lr} (reference ${config.lanes[want[i].best!]?.lr})`,
      );
      expect(g.best, g.optimizer).not.toBeNull();
      expect(g.best, g.optimizer).toBe(want[i].best);
    }
    engine.destroy();
  }
});
