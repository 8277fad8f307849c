import { expect, test } from 'vitest';
import { engineFor, gpu, smallConfig } from '../testing/gpuHarness.ts';
import { TRAINING_STAGES } from './gpuEngine.ts';
import { PassTimer } from './passTimer.ts';

test('profile: every stage gets a GPU time, and the profiled steps are ordinary steps', async () => {
  const ctx = await gpu();
  expect(ctx.device.features.has('timestamp-query')).toBe(true); // SwiftShader has it
  const config = smallConfig({ rows: 1000, batch: 256 });
  const { engine: profiled } = await engineFor(config);
  const { engine: plain } = await engineFor(config);
  const ms = await profiled.profile(3);
  expect(Object.keys(ms!)).toEqual([...TRAINING_STAGES]);
  for (const stage of TRAINING_STAGES) expect(ms![stage], stage).toBeGreaterThanOrEqual(0);
  expect(ms!.radixSort).toBeGreaterThan(0);
  profiled.steps(2);
  plain.steps(5);
  expect(profiled.stepCount).toBe(5);
  expect(await profiled.readTables()).toEqual(await plain.readTables());
  profiled.destroy();
  plain.destroy();
});

test('profile: without timestamp queries the timer does nothing and reads null', async () => {
  const adapter = (await navigator.gpu.requestAdapter())!;
  const device = await adapter.requestDevice(); // no features asked for
  expect(device.features.has('timestamp-query')).toBe(false);
  const timer = new PassTimer(device, 4);
  expect(timer.enabled).toBe(false);
  expect(timer.pass(0, 'x')).toEqual({ label: 'x' });
  const encoder = device.createCommandEncoder();
  encoder.beginComputePass(timer.pass(0, 'x')).end();
  timer.resolve(encoder);
  device.queue.submit([encoder.finish()]);
  expect(await timer.read()).toBeNull();
  timer.destroy();
  device.destroy();
});
