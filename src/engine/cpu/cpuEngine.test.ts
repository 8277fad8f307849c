import { describe, expect, test } from 'vitest';
import { OPTIMIZER_LABEL } from '../optimizers.ts';
import { ReferenceEngine } from '../reference/referenceEngine.ts';
import { compare } from '../testing/compare.ts';
import { smallConfig, smallCtrConfig, smallDataRun, smallMfConfig } from '../testing/gpuHarness.ts';
import { CpuEngine } from './cpuEngine.ts';
import { prepareRun } from '../workloads/registry.ts';

const STEPS = 50;
const rated = smallDataRun(true, { dim: 8, batch: 512 });
const implicit = smallDataRun(false, { dim: 8, batch: 512 });
const workloads = [
  ['token regression', smallConfig({ rows: 2000, dim: 16, batch: 1024 }), undefined],
  ['matrix factorisation', smallMfConfig({ rows: 600, items: 400, dim: 8, batch: 512 }), undefined],
  ['rated log', rated.config, rated.pairs],
  ['implicit log', implicit.config, implicit.pairs],
  ['CTR (factorisation machine)', smallCtrConfig({ dim: 8, batch: 512 }), undefined],
] as const;

describe(`${STEPS} steps of the Float32 CPU engine equal the float64 reference`, () => {
  for (const [name, config, pairs] of workloads)
    test(name, async () => {
      const data = prepareRun(config, pairs);
      const cpu = new CpuEngine(data);
      const reference = new ReferenceEngine(data);
      cpu.steps(STEPS);
      reference.steps(STEPS);
      const [got, want] = [await cpu.readTables(), await reference.readTables()];
      config.lanes.forEach((lane, l) => {
        const c = compare(got[l], want[l]);
        console.log(`${name}, ${OPTIMIZER_LABEL[lane.optimizer]}: normwise rel ${c.normRel.toExponential(2)}`);
        expect(c.normRel, lane.optimizer).toBeLessThanOrEqual(1e-4);
      });
      const [gm, rm] = [await cpu.recordMetrics(), await reference.recordMetrics()];
      gm.lanes.forEach((lane, l) => {
        expect(compare([lane.excess], [rm.lanes[l].excess], 1e-6, 1e-4).mismatches).toEqual([]);
        if (config.workload === 'ctr') expect(lane.auc).toBeCloseTo(rm.lanes[l].auc, 3);
        expect(compare(lane.effStep, rm.lanes[l].effStep, 1e-6, 1e-4).mismatches).toEqual([]);
      });
    });
});

test('the CPU engine is deterministic', async () => {
  const config = smallMfConfig();
  const runs = [0, 1].map(() => {
    const e = new CpuEngine(prepareRun(config));
    e.steps(20);
    return e;
  });
  const [a, b] = await Promise.all(runs.map((e) => e.readTables()));
  a.forEach((t, l) => expect(b[l]).toEqual(t));
  expect(await runs[1].recordMetrics()).toEqual(await runs[0].recordMetrics());
});

describe('device lost: a run restored from a checkpoint goes on bit for bit', () => {
  for (const [name, config, pairs] of workloads)
    test(name, async () => {
      const data = prepareRun(config, pairs);
      const whole = new CpuEngine(data);
      whole.steps(20);
      const saved = await whole.checkpoint();
      whole.steps(15);
      const resumed = new CpuEngine(data);
      resumed.restore(saved);
      resumed.steps(15);
      expect(resumed.stepCount).toBe(35);
      expect(await resumed.readTables()).toEqual(await whole.readTables());
      expect(resumed.counters).toEqual(whole.counters);
      expect(resumed.states).toEqual(whole.states);
      expect(await resumed.recordMetrics()).toEqual(await whole.recordMetrics());
    });
});
