import { expect, test } from 'vitest';
import { PRESETS, runLanes, seedRuns, type RunConfig } from './config.ts';
import { CpuEngine } from './cpu/cpuEngine.ts';
import { SeededEngine } from './seededEngine.ts';
import { prepareRun } from './workloads/registry.ts';

const config: RunConfig = { ...PRESETS.zipf.config, rows: 800, dim: 4, batch: 128, seed: 7, seeds: 3 };
const seeded = () =>
  new SeededEngine(
    seedRuns(config).map((c) => new CpuEngine(prepareRun(c))),
    config.lanes.length,
  );

test('seeds: seed k of a run of several seeds is the single-seed run with seed + k, lane for lane', async () => {
  const engine = seeded();
  engine.steps(25);
  const [tables, metrics] = [await engine.readTables(), await engine.recordMetrics()];
  expect(tables).toHaveLength(runLanes(config).length);
  for (let k = 0; k < 3; k++) {
    const alone = new CpuEngine(prepareRun({ ...config, seed: 7 + k, seeds: 1 }));
    alone.steps(25);
    const L = config.lanes.length;
    expect(tables.slice(k * L, (k + 1) * L)).toEqual(await alone.readTables());
    expect(metrics.lanes.slice(k * L, (k + 1) * L)).toEqual((await alone.recordMetrics()).lanes);
  }
  // The seeds are different runs.
  expect(metrics.lanes[0].excess).not.toBe(metrics.lanes[config.lanes.length].excess);
});

test('seeds: a checkpoint of all seeds restores bit for bit; freezing lane k·L + l freezes seed k’s lane l', async () => {
  const whole = seeded();
  whole.steps(10);
  const saved = await whole.checkpoint();
  expect(saved.counters).toHaveLength(3);
  whole.steps(10);
  const resumed = seeded();
  resumed.restore(saved);
  resumed.steps(10);
  expect(await resumed.readTables()).toEqual(await whole.readTables());

  const L = config.lanes.length;
  const before = await whole.readTables();
  whole.freezeLane(L + 2);
  whole.steps(5);
  const after = await whole.readTables();
  expect(after[L + 2]).toEqual(before[L + 2]);
  expect(after[2]).not.toEqual(before[2]);
});
