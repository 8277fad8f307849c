import { describe, expect, test } from 'vitest';
import { engineFor, smallConfig } from '../testing/gpuHarness.ts';
import { PARITY_STEPS, WHOLE_STEP_CASES, wholeStepDeterminism, wholeStepParity } from '../testing/wholeStep.ts';
import { KERNEL_PATHS, requestGpu } from './device.ts';
import { compileKernels } from './gpuEngine.ts';
import { compiledKernels } from './kernel.ts';

// Relative error of a table is normwise, max|gpu − ref| / max|ref|: elementwise errors of entries
// near zero are dominated by f32 rounding of gradients that cancel, which coordinate-wise Adagrad
// then normalises to full-size steps; the fast f32 CPU engine shows the same (cpuEngine.test.ts).
// Both kernel paths: the software adapter's (serial sort and run list, indirect grid) and real
// GPUs' (workgroup sort and run list, direct grids).
const PATHS = Object.entries(KERNEL_PATHS);

describe.each(PATHS)(`${PARITY_STEPS} whole GPU steps equal the float64 reference (%s path)`, (_, path) => {
  for (const [name, config, pairs] of WHOLE_STEP_CASES)
    test(name, async () => {
      const r = await wholeStepParity(config, pairs, path);
      for (const lane of r.lanes) console.log(`${name}, ${lane.line}`);
      console.log(`${name}: tables ${r.digests}`);
      expect(r.failures).toEqual([]);
    });
});

describe.each(PATHS)('the same seed gives bitwise-identical runs (%s path)', (_, path) => {
  for (const [name, config, pairs] of WHOLE_STEP_CASES)
    test(name, async () => expect(await wholeStepDeterminism(config, pairs, path)).toEqual([]));
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

describe.each(PATHS)('compileKernels compiles every kernel a run then uses (%s path)', (_, path) => {
  test('each workload, on a fresh device: the run itself compiles nothing more', async () => {
    const fresh = await requestGpu();
    if (!fresh.ok) throw new Error(fresh.reason);
    const { device } = fresh.gpu;
    for (const [name, config, pairs] of WHOLE_STEP_CASES) {
      await compileKernels(device, config.workload, path);
      const compiled = compiledKernels(device);
      const { engine } = await engineFor(config, { device, ...path }, pairs);
      expect(compiledKernels(device), name).toBe(compiled);
      engine.destroy();
    }
    device.destroy();
  });
});
