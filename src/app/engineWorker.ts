// The engine's Web Worker: picks WebGPU when the browser offers an adapter, the fast CPU engine
// otherwise, validates the configuration against the device before allocating, and runs the
// trainer. Rendering never waits on training.

import { CpuEngine } from '../engine/cpu/cpuEngine.ts';
import { validateConfig, type RunConfig } from '../engine/config.ts';
import { requestGpu, type GpuResult } from '../engine/gpu/device.ts';
import { GpuEngine } from '../engine/gpu/gpuEngine.ts';
import { cpuLimitErrors, limitErrors } from '../engine/gpu/layout.ts';
import type { FromWorker, RunControls, ToWorker } from '../engine/protocol.ts';
import { Trainer } from '../engine/trainer.ts';
import type { Engine } from '../engine/types.ts';
import { prepareRun } from '../engine/workloads/task.ts';

/** The run that messages are about (from its start message). */
let runId = 0;
type Untagged = FromWorker extends infer M ? (M extends unknown ? Omit<M, 'runId'> : never) : never;
const post = (m: Untagged) => postMessage({ ...m, runId });

let gpu: Promise<GpuResult> | null = null;
let engine: Engine | null = null;
let trainer: Trainer | null = null;

async function stop(): Promise<void> {
  await trainer?.pause();
  engine?.destroy();
  trainer = null;
  engine = null;
}

function apply(t: Trainer, c: RunControls): void {
  t.maxSteps = c.stopAt ?? Infinity;
  t.pace = c.pace ?? Infinity;
}

async function start(config: RunConfig, controls: RunControls, paused: boolean): Promise<void> {
  await stop();
  const errors = validateConfig(config);
  if (errors.length > 0) return post({ type: 'invalid', errors });
  gpu ??= requestGpu();
  const g = await gpu;
  const limits = g.ok ? limitErrors(config, g.gpu.limits) : cpuLimitErrors(config);
  if (limits.length > 0) return post({ type: 'invalid', errors: limits });
  const data = prepareRun(config);
  engine = g.ok ? await GpuEngine.create(data, g.gpu) : new CpuEngine(data);
  const notice = g.ok
    ? null
    : `${g.reason} Training runs on the CPU instead: same results, smaller sizes stay interactive.`;
  const reported = {
    rank: Array.from(data.effRows),
    freq: Array.from(data.effRows, (k) => data.rowFreq[k]),
    binStarts: Array.from(data.rankBins),
  };
  post({ type: 'ready', backend: engine.backend, device: engine.device, notice, reported });
  trainer = new Trainer(engine, config.metricsEvery, {
    metrics: (snapshot, stepsPerSecond) => post({ type: 'metrics', snapshot, stepsPerSecond }),
    stopped: (reason, message) =>
      post(reason === 'error' ? { type: 'error', message: message ?? 'unknown' } : { type: 'paused', atStop: true }),
  });
  apply(trainer, controls);
  if (paused) {
    post({ type: 'metrics', snapshot: await engine.recordMetrics(), stepsPerSecond: 0 });
    post({ type: 'paused', atStop: false });
  } else trainer.start();
}

// Messages are handled one at a time, in order, even though each may wait.
let queue = Promise.resolve();
onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  queue = queue.then(async () => {
    try {
      switch (m.type) {
        case 'start':
          runId = m.runId;
          return await start(m.config, m.controls, m.paused);
        case 'pause':
          await trainer?.pause();
          return post({ type: 'paused', atStop: false });
        case 'resume':
          return trainer?.start();
        case 'step':
          return await trainer?.step();
        case 'controls':
          if (trainer) apply(trainer, m.controls);
          return;
        case 'stop':
          return await stop();
      }
    } catch (err) {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  });
};
