import { describe, expect, test } from 'vitest';
import { DEFAULT_LANES } from '../config.ts';
import { workloadOf } from '../workloads/registry.ts';
import { OPTIMIZER_LABEL } from '../optimizers.ts';
import type { MetricsSnapshot } from '../types.ts';
import { ReferenceEngine } from '../reference/referenceEngine.ts';
import { compare } from '../testing/compare.ts';
import { engineFor, smallConfig, smallCtrConfig, smallDataRun, smallMfConfig } from '../testing/gpuHarness.ts';
import type { SortVariant } from '../ops/radixSort.ts';
import { requestGpu } from './device.ts';
import { compileKernels } from './gpuEngine.ts';
import { compiledKernels } from './kernel.ts';

const STEPS = 50;
const rated = smallDataRun(true, { dim: 8, batch: 512 });
const implicit = smallDataRun(false, { dim: 8, batch: 512 });
const workloads = [
  ['token regression', smallConfig({ rows: 2000, dim: 16, batch: 1024 }), undefined],
  [
    'token regression, every lane on a schedule',
    smallConfig({ rows: 2000, dim: 16, batch: 1024, lanes: DEFAULT_LANES.map((l) => ({ ...l, decay: 20 })) }),
    undefined,
  ],
  ['matrix factorisation', smallMfConfig({ rows: 600, items: 400, dim: 8, batch: 512 }), undefined],
  ['rated log', rated.config, rated.pairs],
  ['implicit log', implicit.config, implicit.pairs],
  ['CTR', smallCtrConfig({ dim: 8, batch: 512 }), undefined],
] as const;

// Relative error of a table is normwise, max|gpu − ref| / max|ref|: elementwise errors of entries
// near zero are dominated by f32 rounding of gradients that cancel, which coordinate-wise Adagrad
// then normalises to full-size steps; the fast f32 CPU engine shows the same (cpuEngine.test.ts).
// Both sorts: the serial one the software adapter gets and the workgroup one real GPUs get.
const SORTS: SortVariant[] = ['serial', 'workgroup'];

describe.each(SORTS)(`${STEPS} whole GPU steps equal the float64 reference (%s sort)`, (sort) => {
  for (const [name, config, pairs] of workloads)
    test(name, async () => {
      const { engine, data } = await engineFor(config, { sort }, pairs);
      const reference = new ReferenceEngine(data);
      engine.steps(STEPS);
      reference.steps(STEPS);
      const [got, want] = [await engine.readTables(), await reference.readTables()];
      config.lanes.forEach((lane, l) => {
        const c = compare(got[l], want[l]);
        console.log(
          `${name}, ${OPTIMIZER_LABEL[lane.optimizer]}: normwise rel ${c.normRel.toExponential(2)}, ` +
            `elementwise rel ${c.maxRel.toExponential(2)}, max abs ${c.maxAbs.toExponential(2)}`,
        );
        expect(c.normRel, lane.optimizer).toBeLessThanOrEqual(1e-4);
      });
      const [gm, rm] = [await engine.recordMetrics(), await reference.recordMetrics()];
      expect(gm.step).toBe(STEPS);
      // Tokens have no item buckets (NaN on both sides).
      const groups = (m: MetricsSnapshot['lanes'][number]) => [
        m.excess,
        ...m.buckets,
        ...(workloadOf(config).pairs ? m.itemBuckets : []),
        ...(config.workload === 'ctr' ? [m.auc] : []),
      ];
      gm.lanes.forEach((lane, l) => {
        expect(compare(groups(lane), groups(rm.lanes[l]), 1e-6, 1e-4).mismatches).toEqual([]);
        expect(compare(lane.effStep, rm.lanes[l].effStep, 1e-6, 1e-4).mismatches).toEqual([]);
      });
      engine.destroy();
    });
});

describe.each(SORTS)('the same seed gives bitwise-identical runs (%s sort)', (sort) => {
  for (const [name, config, pairs] of workloads)
    test(name, async () => {
      const runs: { metrics: MetricsSnapshot[]; tables: Float32Array[] }[] = [];
      for (let r = 0; r < 2; r++) {
        const { engine } = await engineFor(config, { sort }, pairs);
        const metrics = [];
        for (let k = 0; k < 3; k++) {
          engine.steps(7);
          metrics.push(await engine.recordMetrics());
        }
        runs.push({ metrics, tables: await engine.readTables() });
        engine.destroy();
      }
      expect(runs[1].metrics).toEqual(runs[0].metrics);
      runs[0].tables.forEach((t, l) =>
        expect(new Uint32Array(runs[1].tables[l].buffer)).toEqual(new Uint32Array(t.buffer)),
      );
      // A different seed gives a different run (the comparison above can fail).
      const { engine } = await engineFor({ ...config, seed: config.seed + 1 }, { sort }, pairs);
      engine.steps(7);
      expect((await engine.recordMetrics()).lanes[0].excess).not.toBe(runs[0].metrics[0].lanes[0].excess);
      engine.destroy();
    });
});

test('divergence: a frozen lane stops moving on the GPU too; the other lanes go on', async () => {
  const { engine } = await engineFor(smallConfig({ rows: 500, dim: 8, batch: 256 }));
  engine.steps(3);
  engine.freezeLane(1);
  const before = await engine.readTables();
  engine.steps(3);
  const after = await engine.readTables();
  expect(Array.from(after[1])).toEqual(Array.from(before[1]));
  expect(Array.from(after[0])).not.toEqual(Array.from(before[0]));
  engine.destroy();
});

describe.each(SORTS)('compileKernels compiles every kernel a run then uses (%s sort)', (sort) => {
  test('each workload, on a fresh device: the run itself compiles nothing more', async () => {
    const fresh = await requestGpu();
    if (!fresh.ok) throw new Error(fresh.reason);
    const { device } = fresh.gpu;
    for (const [name, config, pairs] of workloads) {
      await compileKernels(device, config.workload, sort);
      const compiled = compiledKernels(device);
      const { engine } = await engineFor(config, { device, sort }, pairs);
      expect(compiledKernels(device), name).toBe(compiled);
      engine.destroy();
    }
    device.destroy();
  });
});
