// The engine's Web Worker: picks WebGPU when the browser offers an adapter, the fast CPU engine
// otherwise, validates the configuration against the device before allocating, and runs the
// trainer. Rendering never waits on training. When the GPU device is lost (a driver reset, a
// sleeping laptop, or a test destroying it), the run goes on from its last checkpoint on a new
// device, or on the CPU engine when no device can be had; the page keeps what it has drawn.

import { CpuEngine } from '../engine/cpu/cpuEngine.ts';
import { seedRuns, validateConfig, type RunConfig } from '../engine/config.ts';
import { requestGpu, type GpuResult } from '../engine/gpu/device.ts';
import { GpuEngine } from '../engine/gpu/gpuEngine.ts';
import { cpuLimitErrors, limitErrors } from '../engine/gpu/layout.ts';
import type { FromWorker, RunControls, ToWorker } from '../engine/protocol.ts';
import { SeededEngine } from '../engine/seededEngine.ts';
import { Trainer } from '../engine/trainer.ts';
import type { Checkpoint, Engine, Resumable } from '../engine/types.ts';
import type { PairData } from '../engine/workloads/pairData.ts';
import { prepareRun, type RunData } from '../engine/workloads/task.ts';

/** Steps between checkpoints, in metric intervals (a checkpoint reads every table back). */
const CHECKPOINT_INTERVALS = 20;

/** The run that messages are about (from its start message). */
let runId = 0;
type Untagged = FromWorker extends infer M ? (M extends unknown ? Omit<M, 'runId'> : never) : never;
const post = (m: Untagged) => postMessage({ ...m, runId });

let gpu: Promise<GpuResult> | null = null;
let engine: (Engine & Resumable) | null = null;
let trainer: Trainer | null = null;
/** The run being trained: what a recovery needs to start over. */
let current: { data: RunData[]; controls: RunControls; device: GPUDevice | null; paused: boolean } | null = null;

async function stop(): Promise<void> {
  await trainer?.pause();
  engine?.destroy();
  trainer = null;
  engine = null;
  current = null;
}

function apply(t: Trainer, c: RunControls): void {
  t.maxSteps = c.stopAt ?? Infinity;
  t.pace = c.pace ?? Infinity;
}

/**
 * The engine for a run (one RunData per seed): WebGPU when a device is to be had and the run fits
 * it, else the CPU; several seeds are one SeededEngine.
 */
async function createEngine(data: RunData[]): Promise<{ engine: Engine & Resumable; device: GPUDevice | null }> {
  gpu ??= requestGpu();
  const g = await gpu;
  const config = data[0].config;
  const ctx = g.ok && limitErrors(config, g.gpu.limits).length === 0 ? g.gpu : null;
  if (!ctx) {
    const tooBig = cpuLimitErrors({ ...config, seeds: data.length });
    if (tooBig.length > 0) throw new Error(tooBig[0].message);
  }
  const engines = await Promise.all(data.map((d) => (ctx ? GpuEngine.create(d, ctx) : new CpuEngine(d))));
  const engine = engines.length === 1 ? engines[0] : new SeededEngine(engines, config.lanes.length);
  return { engine, device: ctx?.device ?? null };
}

/** Whether `device` is lost or about to be (its lost promise settles within a moment). */
function lostSoon(device: GPUDevice | null | undefined): Promise<boolean> {
  if (!device) return Promise.resolve(false);
  const moment = new Promise<boolean>((r) => setTimeout(() => r(false), 500));
  return Promise.race([device.lost.then(() => true), moment]);
}

/** A trainer for the current engine, reporting under the current run id. */
function makeTrainer(e: Engine & Resumable, data: RunData[], controls: RunControls): Trainer {
  const every = data[0].config.metricsEvery;
  const t = new Trainer(
    e,
    every,
    {
      metrics: (snapshot, stepsPerSecond) => post({ type: 'metrics', snapshot, stepsPerSecond }),
      stopped: (reason, message) => {
        if (reason !== 'error') {
          if (current) current.paused = true;
          return post({ type: 'paused', atStop: true });
        }
        // A lost device fails the reads in flight first; recovery, not an error, follows.
        void lostSoon(current?.device).then((lost) => {
          if (!lost && trainer === t) post({ type: 'error', message: message ?? 'unknown' });
        });
      },
    },
    e.backend === 'webgpu' ? every * CHECKPOINT_INTERVALS : Infinity,
  );
  apply(t, controls);
  return t;
}

/** Recovery is queued like a message when the run's device is lost (not when we drop it). */
function watch(device: GPUDevice | null): void {
  void device?.lost.then((info) => {
    if (current?.device === device) queue = queue.then(() => recover(info.message || info.reason));
  });
}

async function recover(reason: string): Promise<void> {
  if (!trainer || !current) return;
  const from: Checkpoint | null = trainer.checkpoint;
  trainer.detach();
  gpu = null; // the lost device's adapter is spent; ask again
  const next = await createEngine(current.data);
  if (from) next.engine.restore(from);
  engine = next.engine;
  current.device = next.device;
  watch(next.device);
  trainer = makeTrainer(engine, current.data, current.controls);
  trainer.checkpoint = from;
  const where = next.device ? 'on a new GPU device' : 'on the CPU engine (no GPU device could be had)';
  post({
    type: 'recovered',
    backend: engine.backend,
    device: engine.device,
    message: `The GPU device was lost (${reason.trim() || 'no reason given'}). Training went back to its checkpoint at step ${from?.step ?? 0} and goes on ${where}; the curves so far are kept.`,
  });
  if (!current.paused) trainer.start();
}

async function start(config: RunConfig, pairs: PairData | null, controls: RunControls, paused: boolean): Promise<void> {
  await stop();
  const errors = validateConfig(config);
  if (errors.length > 0) return post({ type: 'invalid', errors });
  gpu ??= requestGpu();
  const g = await gpu;
  const limits = g.ok ? limitErrors(config, g.gpu.limits) : cpuLimitErrors(config);
  if (limits.length > 0) return post({ type: 'invalid', errors: limits });
  const data = seedRuns(config).map((c) => prepareRun(c, pairs ?? undefined));
  const made = await createEngine(data);
  engine = made.engine;
  current = { data, controls, device: made.device, paused };
  watch(made.device);
  const notice = g.ok
    ? null
    : `${g.reason} Training runs on the CPU instead: same results, smaller sizes stay interactive.`;
  // The reported rows and rank bins of the first seed (the same for every seed of a run).
  const first = data[0];
  const reported = {
    rank: Array.from(first.effRows),
    freq: Array.from(first.effRows, (k) => first.rowFreq[k]),
    binStarts: Array.from(first.rankBins),
    teacherAuc: Number.isNaN(first.teacherAuc) ? null : first.teacherAuc,
  };
  post({ type: 'ready', backend: engine.backend, device: engine.device, notice, reported });
  trainer = makeTrainer(engine, data, controls);
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
          return await start(m.config, m.pairs, m.controls, m.paused);
        case 'pause':
          if (current) current.paused = true;
          await trainer?.pause();
          return post({ type: 'paused', atStop: false });
        case 'resume':
          if (current) current.paused = false;
          return trainer?.start();
        case 'step':
          return await trainer?.step();
        case 'controls':
          if (current) current.controls = m.controls;
          if (trainer) apply(trainer, m.controls);
          return;
        case 'loseDevice':
          return current?.device?.destroy();
        case 'stop':
          return await stop();
      }
    } catch (err) {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  });
};
