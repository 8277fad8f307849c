// A training session: one run at a time, from its start message to its stop. It picks WebGPU when a
// device is to be had and the run fits it (the fast CPU engine otherwise), validates the
// configuration against the device before allocating, drives the trainer, and, when the GPU device
// is lost (a driver reset, a sleeping laptop, a test destroying it), goes on from the last
// checkpoint on a new device, or on the CPU engine when none can be had. Plain TypeScript with no
// DOM: the engine worker (src/app/engineWorker.ts) only forwards messages to it, and unit tests
// drive it with the CPU engine.

import { seedRuns, type RunConfig } from './config.ts';
import { CpuEngine } from './cpu/cpuEngine.ts';
import type { GpuContext, GpuResult } from './gpu/device.ts';
import { compileKernels, GpuEngine } from './gpu/gpuEngine.ts';
import { cpuLimitErrors, limitErrors, runLimitErrors } from './limits.ts';
import type { PairData } from './input/pairData.ts';
import { CapturingEngine } from './meaning/capturingEngine.ts';
import { NO_WATCH, type MeaningWatch } from './meaning/report.ts';
import { MeaningWatcher } from './meaning/watcher.ts';
import type { FromWorker, ReportedRows, RunControls, ToWorker } from './protocol.ts';
import { SeededEngine } from './seededEngine.ts';
import { Trainer } from './trainer.ts';
import type { Checkpoint, Engine, Resumable } from './types.ts';
import { validateConfig } from './validate.ts';
import { prepareRun } from './workloads/registry.ts';
import type { RunData } from './workloads/runData.ts';

/** A message to the page, before the session tags it with its run id. */
export type SessionMessage = FromWorker extends infer M ? (M extends unknown ? Omit<M, 'runId'> : never) : never;

export interface SessionDeps {
  /** Sends a message to the page (tagged with the run it is about). */
  post(m: FromWorker): void;
  /** Asks for a GPU; asked again after a device is lost (the lost one's adapter is spent). */
  requestGpu(): Promise<GpuResult>;
  /** The engine of one seed: on `gpu`, or on the CPU when null (tests may substitute their own). */
  createEngine?(data: RunData, gpu: GpuContext | null): Promise<Engine & Resumable> | (Engine & Resumable);
  /** Least time between checkpoints, ms (a checkpoint reads every table back); CHECKPOINT_MS unless tests substitute. */
  checkpointMs?: number;
  /** How long to wait for a failing device to report that it is lost, in ms. */
  lostGraceMs?: number;
  /** Compiles a workload's kernels ahead of a run (gpuEngine.ts compileKernels unless tests substitute). */
  compileKernels?: typeof compileKernels;
}

/**
 * Least time between checkpoints of a GPU run: a lost device costs at most this much training (and
 * what the replay takes), whatever the step rate; the reads stay rare where steps take microseconds.
 */
const CHECKPOINT_MS = 2000;

const makeEngine = (data: RunData, gpu: GpuContext | null) => (gpu ? GpuEngine.create(data, gpu) : new CpuEngine(data));

/** The run being trained: what a recovery needs to start over. */
interface Current {
  data: RunData[];
  controls: RunControls;
  device: GPUDevice | null;
  paused: boolean;
}

export class TrainingSession {
  /** The run that messages are about (from its start message). */
  private runId = 0;
  private gpu: Promise<GpuResult> | null = null;
  private engine: CapturingEngine | null = null;
  private trainer: Trainer | null = null;
  /** What the meaning views watch of the current run (meaning/watcher.ts). */
  private meaning: MeaningWatcher | null = null;
  private current: Current | null = null;
  /** Messages are handled one at a time, in order, even though each may wait. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SessionDeps) {}

  /** Handles a message from the page after those before it; failures are reported, never thrown. */
  handle(m: ToWorker): Promise<void> {
    return this.enqueue(async () => {
      switch (m.type) {
        case 'start':
          this.runId = m.runId;
          return await this.start(m.config, m.pairs, m.controls, m.paused, m.watch ?? NO_WATCH);
        case 'pause':
          if (this.current) this.current.paused = true;
          await this.trainer?.pause();
          // The views show where the run paused before the page hears that it did.
          await this.tickMeaning();
          return this.post({ type: 'paused', reason: 'asked' });
        case 'resume':
          if (this.current) this.current.paused = false;
          return this.trainer?.start();
        case 'step':
          await this.trainer?.step();
          await this.tickMeaning();
          // A step that reached the stop step leaves the run there, as training would have.
          if (this.trainer?.atStop) this.post({ type: 'paused', reason: 'stopStep' });
          return;
        case 'controls':
          if (this.current) this.current.controls = m.controls;
          if (this.trainer) apply(this.trainer, m.controls);
          return;
        case 'watch':
          this.meaning?.setWatch(m.watch);
          // At once, running or not (a tick in progress answers with the old watch; the next, the new).
          return void this.tickMeaning();
        case 'loseDevice':
          return this.current?.device?.destroy();
        case 'stop':
          return await this.stop();
        case 'prepare': {
          const g = await this.gpuResult();
          // A failed compile is not kept: the run that needs the kernel compiles it again and reports it.
          if (g.ok) await (this.deps.compileKernels ?? compileKernels)(g.gpu.device, m.workload, g.gpu).catch(() => {});
          return;
        }
        case 'probe': {
          const g = await this.gpuResult();
          const { maxStorageBufferBindingSize, maxBufferSize } = g.ok ? g.gpu.limits : {};
          return this.post({
            type: 'limits',
            limits: g.ok
              ? { maxStorageBufferBindingSize: maxStorageBufferBindingSize!, maxBufferSize: maxBufferSize! }
              : null,
            device: g.ok ? g.gpu.description : 'CPU',
            reason: g.ok ? null : g.reason,
          });
        }
      }
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        await task();
      } catch (err) {
        this.post({
          type: 'error',
          message: err instanceof Error ? err.message : String(err),
          resumable: !!this.trainer,
        });
      }
    });
    return this.queue;
  }

  private post(m: SessionMessage): void {
    this.deps.post({ ...m, runId: this.runId } as FromWorker);
  }

  private gpuResult(): Promise<GpuResult> {
    return (this.gpu ??= this.deps.requestGpu());
  }

  private async stop(): Promise<void> {
    this.meaning?.close();
    this.meaning = null;
    await this.trainer?.pause();
    this.engine?.destroy();
    this.trainer = null;
    this.engine = null;
    this.current = null;
  }

  /** A meaning report of the current run now (nothing when none is watched). */
  private async tickMeaning(): Promise<void> {
    if (this.meaning && this.engine && this.trainer) await this.meaning.tick(this.engine, this.trainer.frozenLanes);
  }

  /**
   * The engine for a run (one RunData per seed): WebGPU when a device is to be had and the run fits
   * it, else the CPU; several seeds are one SeededEngine.
   */
  private async createEngine(data: RunData[]): Promise<{ engine: CapturingEngine; device: GPUDevice | null }> {
    const g = await this.gpuResult();
    const config = data[0].config;
    const ctx = g.ok && limitErrors(config, g.gpu.limits).length === 0 ? g.gpu : null;
    if (!ctx) {
      const tooBig = cpuLimitErrors({ ...config, seeds: data.length });
      if (tooBig.length > 0) throw new Error(tooBig[0].message);
    }
    const create = this.deps.createEngine ?? makeEngine;
    const engines = await Promise.all(data.map((d) => create(d, ctx)));
    const engine = engines.length === 1 ? engines[0] : new SeededEngine(engines, config.lanes.length);
    return { engine: new CapturingEngine(engine), device: ctx?.device ?? null };
  }

  /** Whether `device` is lost or about to be (its lost promise settles within a moment). */
  private lostSoon(device: GPUDevice | null | undefined): Promise<boolean> {
    if (!device) return Promise.resolve(false);
    const moment = new Promise<boolean>((r) => setTimeout(() => r(false), this.deps.lostGraceMs ?? 500));
    return Promise.race([device.lost.then(() => true), moment]);
  }

  /** A trainer for the current engine, reporting under the current run id. */
  private makeTrainer(e: CapturingEngine, data: RunData[], controls: RunControls): Trainer {
    const every = data[0].config.metricsEvery;
    const t: Trainer = new Trainer(
      e,
      every,
      {
        metrics: (snapshot, stepsPerSecond, diverged) => {
          this.post({ type: 'metrics', snapshot, stepsPerSecond, diverged });
          if (this.trainer === t && this.meaning?.due(performance.now())) void this.tickMeaning();
        },
        stopped: (reason, message) => {
          if (reason !== 'error') {
            if (this.current) this.current.paused = true;
            // The views' report at the stop step comes before the stop (a lesson's answer reads it).
            const runId = this.runId;
            const paused = { type: 'paused', reason: reason === 'maxSteps' ? 'stopStep' : 'diverged' } as const;
            void this.tickMeaning().then(() => this.deps.post({ ...paused, runId }));
            return;
          }
          // A lost device fails the reads in flight first; recovery, not an error, follows.
          void this.lostSoon(this.current?.device).then((lost) => {
            if (!lost && this.trainer === t) {
              if (this.current) this.current.paused = true;
              this.post({ type: 'error', message: message ?? 'unknown', resumable: true });
            }
          });
        },
      },
      e.backend === 'webgpu' ? (this.deps.checkpointMs ?? CHECKPOINT_MS) : Infinity,
    );
    apply(t, controls);
    return t;
  }

  /** Recovery is queued like a message when the run's device is lost (not when we drop it). */
  private watch(device: GPUDevice | null): void {
    void device?.lost.then((info) => {
      if (this.current?.device === device) void this.enqueue(() => this.recover(info.message || info.reason));
    });
  }

  private async recover(reason: string): Promise<void> {
    const { trainer, current } = this;
    if (!trainer || !current) return;
    const from: Checkpoint | null = trainer.checkpoint;
    trainer.detach();
    this.gpu = null; // the lost device's adapter is spent; ask again
    const next = await this.createEngine(current.data);
    if (from) next.engine.restore(from);
    this.engine = next.engine;
    this.meaning?.engineReplaced();
    current.device = next.device;
    this.watch(next.device);
    this.trainer = this.makeTrainer(next.engine, current.data, current.controls);
    this.trainer.checkpoint = from;
    const where = next.device ? 'on a new GPU device' : 'on the CPU engine (no GPU device could be had)';
    this.post({
      type: 'recovered',
      backend: next.engine.backend,
      device: next.engine.device,
      message: `The GPU device was lost (${reason.trim() || 'no reason given'}). Training went back to its checkpoint at step ${from?.step ?? 0} and goes on ${where}; the curves so far are kept.`,
    });
    if (!current.paused) this.trainer.start();
  }

  private async start(
    config: RunConfig,
    pairs: PairData | null,
    controls: RunControls,
    paused: boolean,
    watch: MeaningWatch,
  ) {
    await this.stop();
    const errors = validateConfig(config);
    if (errors.length > 0) return this.post({ type: 'invalid', errors });
    const g = await this.gpuResult();
    const limits = runLimitErrors(config, g.ok ? g.gpu.limits : null);
    if (limits.length > 0) return this.post({ type: 'invalid', errors: limits });
    const data = seedRuns(config).map((c) => prepareRun(c, pairs ?? undefined));
    const made = await this.createEngine(data);
    this.engine = made.engine;
    this.current = { data, controls, device: made.device, paused };
    this.watch(made.device);
    // Without a GPU the page said why at load (the probe's reason); a GPU too small for this run is news.
    const notice =
      g.ok && !made.device
        ? 'This run needs more memory than the GPU’s buffers allow: it trains on the CPU engine (same results, slower).'
        : null;
    this.post({
      type: 'ready',
      backend: made.engine.backend,
      device: made.engine.device,
      notice,
      reported: reported(data[0]),
      paused,
    });
    const runId = this.runId;
    this.meaning = new MeaningWatcher(data[0], pairs, watch, (report) =>
      this.deps.post({ type: 'meaning', report, runId }),
    );
    this.trainer = this.makeTrainer(made.engine, data, controls);
    if (paused) {
      await this.trainer.reportStanding();
      await this.tickMeaning();
      this.post({ type: 'paused', reason: 'asked' });
    } else this.trainer.start();
  }
}

function apply(t: Trainer, c: RunControls): void {
  t.maxSteps = c.stopAt ?? Infinity;
  t.pace = c.pace ?? Infinity;
}

/** The reported rows and rank bins of a run's first seed (the same for every seed). */
function reported(first: RunData): ReportedRows {
  return {
    rank: Array.from(first.effRows),
    freq: Array.from(first.effRows, (k) => first.rowFreq[k]),
    binStarts: Array.from(first.rankBins),
    teacherAuc: first.ctr?.teacherAuc ?? null,
  };
}
