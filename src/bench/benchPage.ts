// Benchmark page (npm run bench opens it in headless Chromium): the 5-lane GPU step against the
// Float32 JavaScript step doing the same work (sampling included), in the same page.

import { DEFAULT_LANES, PRESETS, type RunConfig } from '../engine/config.ts';
import { CpuEngine } from '../engine/cpu/cpuEngine.ts';
import { requestGpu } from '../engine/gpu/device.ts';
import { GpuEngine } from '../engine/gpu/gpuEngine.ts';
import type { Engine } from '../engine/types.ts';
import { prepareRun, sampleStep, type RunData } from '../engine/workloads/task.ts';

export interface BenchRow {
  name: string;
  engine: string;
  stepsPerSecond: number;
  rowUpdatesPerSecond: number;
  steps: number;
  seconds: number;
}

export interface BenchResult {
  adapter: string;
  userAgent: string;
  config: string;
  uniqueRowsPerStep: number;
  rows: BenchRow[];
  ratioVsJsCpu: number;
}

/** Mean unique rows per step: each lane updates this many rows per step. */
function uniqueRows(data: RunData, steps = 8): number {
  let total = 0;
  for (let s = 1; s <= steps; s++) total += new Set(sampleStep(data, s).rows).size;
  return total / steps;
}

/** Steps per second over at least `minSeconds`, after a warm-up; waits for the GPU to finish. */
async function time(engine: Engine, minSeconds: number): Promise<{ steps: number; seconds: number }> {
  engine.steps(2);
  await engine.recordMetrics();
  let steps = 0;
  let chunk = 1;
  const t0 = performance.now();
  for (;;) {
    engine.steps(chunk);
    await engine.recordMetrics();
    steps += chunk;
    const seconds = (performance.now() - t0) / 1000;
    if (seconds >= minSeconds) return { steps, seconds };
    chunk = Math.min(chunk * 2, 64);
  }
}

async function main(): Promise<BenchResult> {
  const config: RunConfig = { ...PRESETS.zipf.config, rows: 100_000, dim: 32, batch: 4096, lanes: DEFAULT_LANES };
  const data = prepareRun(config);
  const U = uniqueRows(data);
  const lanes = config.lanes.length;
  const rows: BenchRow[] = [];
  const record = (name: string, engine: Engine, t: { steps: number; seconds: number }) => {
    const sps = t.steps / t.seconds;
    rows.push({ name, engine: engine.device, stepsPerSecond: sps, rowUpdatesPerSecond: sps * U * lanes, ...t });
  };
  const g = await requestGpu();
  if (!g.ok) throw new Error(g.reason);
  const gpu = await GpuEngine.create(data, g.gpu);
  record('WebGPU engine, 5 lanes', gpu, await time(gpu, 4));
  gpu.destroy();
  const cpu = new CpuEngine(data);
  record('JavaScript Float32 step, 5 lanes', cpu, await time(cpu, 4));
  return {
    adapter: g.gpu.description,
    userAgent: navigator.userAgent,
    config: `token regression, Zipf 1.1, N=${config.rows}, d=${config.dim}, B=${config.batch}, ${lanes} lanes`,
    uniqueRowsPerStep: U,
    rows,
    ratioVsJsCpu: rows[0].stepsPerSecond / rows[1].stepsPerSecond,
  };
}

const out = document.getElementById('out')!;
main().then(
  (r) => {
    out.textContent = JSON.stringify(r, null, 2);
    (window as unknown as { benchResult: BenchResult }).benchResult = r;
  },
  (e: unknown) => {
    out.textContent = `failed: ${String(e)}`;
    (window as unknown as { benchError: string }).benchError = String(e);
  },
);
