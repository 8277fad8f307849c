// The engine's figures on a second WebGPU implementation: Deno's (wgpu + naga) on whatever adapter
// Vulkan offers (Mesa's lavapipe, a CPU driver, on machines without a GPU). run.js runs it with
// scripts/deno.js and prints its lines beside the Chromium figures; `node scripts/deno.js
// bench/deno.ts` runs it alone. Medium size: this engine on both kernel paths, 1 and 5 lanes, the
// JavaScript Float32 step with 5 lanes, and the commands of a step on each path.

import { DEFAULT_LANES } from '../src/engine/config.ts';
import { CpuEngine } from '../src/engine/cpu/cpuEngine.ts';
import { KERNEL_PATHS, requestGpu, type KernelPath } from '../src/engine/gpu/device.ts';
import { GpuEngine } from '../src/engine/gpu/gpuEngine.ts';
import { prepareRun } from '../src/engine/workloads/registry.ts';
import { commandsPerStep } from './stepModel.ts';
import { configFor, cpuStepper, gpuStepper, SGD_ONLY, time } from './timing.ts';

const SECONDS = 3;

const g = await requestGpu();
if (!g.ok) {
  console.log(
    `deno: no WebGPU adapter (${g.reason}); on a machine without a GPU: apt-get install -y mesa-vulkan-drivers`,
  );
  throw new Error(g.reason);
}
const rate = (t: { steps: number; seconds: number }) => t.steps / t.seconds;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
console.log(`- adapter: ${g.gpu.description}, through Deno's WebGPU (wgpu + naga)`);
console.log('');
console.log('| size | engine | lanes | steps/s |');
console.log('|---|---|---|---|');
let gpu5 = 0;
for (const [name, path] of Object.entries(KERNEL_PATHS) as [string, KernelPath][]) {
  const ctx = { ...g.gpu, ...path };
  for (const lanes of [SGD_ONLY, DEFAULT_LANES]) {
    const e = await GpuEngine.create(prepareRun(configFor('medium', lanes)), ctx);
    const r = rate(await time(gpuStepper(e), SECONDS));
    const c = await commandsPerStep(ctx.device, 64, (n) => (e.steps(n), e.finish()));
    e.destroy();
    const mark = path.sort === g.gpu.sort && path.dispatch === g.gpu.dispatch ? ', this adapter’s' : '';
    console.log(
      `| medium | this engine (WebGPU), ${name} path${mark}: ${c.dispatches} dispatches a step, ${c.indirect} indirect | ${lanes.length} | ${fmt(r)} |`,
    );
    if (mark && lanes === DEFAULT_LANES) gpu5 = r;
  }
}
const cpu = rate(await time(cpuStepper(new CpuEngine(prepareRun(configFor('medium', DEFAULT_LANES)))), SECONDS));
console.log(`| medium | JavaScript Float32 step (CPU engine) | ${DEFAULT_LANES.length} | ${fmt(cpu)} |`);
console.log(`deno_ratio_vs_jscpu=${(gpu5 / cpu).toFixed(3)}`);
g.gpu.device.destroy();
