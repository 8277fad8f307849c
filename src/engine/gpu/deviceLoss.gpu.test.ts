// Device lost: a run checkpointed on one device, whose device is then destroyed, goes on from the
// checkpoint on a new device bit for bit. Own devices (not the harness's shared one): this test
// destroys one.

import { expect, test } from 'vitest';
import { smallConfig } from '../testing/gpuHarness.ts';
import { requestGpu, type GpuContext } from './device.ts';
import { GpuEngine } from './gpuEngine.ts';
import { prepareRun } from '../workloads/registry.ts';

async function freshGpu(): Promise<GpuContext> {
  const r = await requestGpu();
  if (!r.ok) throw new Error(r.reason);
  return r.gpu;
}

test('device lost: a run restored from its checkpoint on a new device goes on bit for bit', async () => {
  const data = prepareRun(smallConfig({ rows: 1000, dim: 8, batch: 256 }));
  const first = await freshGpu();
  const whole = await GpuEngine.create(data, first);
  whole.steps(20);
  const saved = await whole.checkpoint();
  whole.steps(15);
  const wantTables = await whole.readTables();
  const wantMetrics = await whole.recordMetrics();

  first.device.destroy();
  const info = await first.device.lost;
  expect(info.reason).toBe('destroyed');

  const second = await freshGpu();
  expect(second.device).not.toBe(first.device);
  const resumed = await GpuEngine.create(data, second);
  resumed.restore(saved);
  resumed.steps(15);
  expect(resumed.stepCount).toBe(35);
  expect(await resumed.readTables()).toEqual(wantTables);
  expect(await resumed.recordMetrics()).toEqual(wantMetrics);
  resumed.destroy();
  second.device.destroy();
});
