// Messages between the page and the engine's Web Worker (src/app/engineWorker.ts).

import type { ConfigError, RunConfig } from './config.ts';
import type { Backend, MetricsSnapshot } from './types.ts';
import type { PairData } from './input/pairData.ts';
import type { MeaningReport, MeaningWatch } from './meaning/report.ts';

export type ToWorker =
  /**
   * Validates, allocates and starts training (replacing any previous run); a data run brings its
   * pairs; `watch`: what the meaning views watch from the start (meaning/report.ts).
   */
  | {
      type: 'start';
      config: RunConfig;
      pairs: PairData | null;
      runId: number;
      controls: RunControls;
      paused: boolean;
      watch?: MeaningWatch;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  /** One step while paused. */
  | { type: 'step' }
  | { type: 'controls'; controls: RunControls }
  /** What the meaning views watch now (a paused run reports at once, a running one at its next tick). */
  | { type: 'watch'; watch: MeaningWatch }
  /** Discards the run; the next start gives the identical run again. */
  | { type: 'stop' }
  /** Destroys the run's GPU device, as a driver reset would (tests; the run recovers). */
  | { type: 'loseDevice' }
  /** Finds the device and reports its limits (sent at load, so sizes are checked as they are typed). */
  | { type: 'probe' }
  /**
   * Compiles the kernels of a run of this workload on the device (sent at load and when the shown
   * workload changes), so that Run does not wait for them. Answers nothing.
   */
  | { type: 'prepare'; workload: RunConfig['workload'] };

/** The engine worker's methods (src/engine/rpc.ts): one per message to it, answered once the session has handled it. */
export type EngineMethods = { [K in ToWorker['type']]: { args: Extract<ToWorker, { type: K }>; reply: void } };

/** The buffer limits of the device training would use; null: the CPU engine (no GPU). */
export type DeviceLimits = { maxStorageBufferBindingSize: number; maxBufferSize: number } | null;

/** What the metrics refer to: the reported rows (0-based rank, frequency) and the rank bins. */
export interface ReportedRows {
  rank: number[];
  freq: number[];
  /** [RANK_BINS + 1] first 0-based rank of each rank bin of the first table, then its size. */
  binStarts: number[];
  /** CTR: the teacher's AUC on the evaluation clicks (the best to expect), else null. */
  teacherAuc: number | null;
}

/** How a run proceeds, changeable while it runs. */
export interface RunControls {
  /** Pause by itself after this step (null: never). */
  stopAt: number | null;
  /** At most this many steps per second (null: full speed). */
  pace: number | null;
}

/** Every message names the run it belongs to, so late messages of a replaced run are ignored. */
export type FromWorker = { runId: number } &
  /** The run is set up; `paused`: it waits at step 0 (a Step from a fresh start). */
  (
    | {
        type: 'ready';
        backend: Backend;
        device: string;
        notice: string | null;
        reported: ReportedRows;
        paused: boolean;
      }
    | { type: 'invalid'; errors: ConfigError[] }
    | ({ type: 'metrics' } & MetricsBatch)
    /** What the meaning views watch, at the step of `report.step` (meaning/watcher.ts). */
    | { type: 'meaning'; report: MeaningReport }
    /** Training stopped: asked to (pause, step), at its stop step, or because every lane diverged. */
    | { type: 'paused'; reason: PauseReason }
    /** Training failed; `resumable`: the run is still there, and resume tries again from where it stands. */
    | { type: 'error'; message: string; resumable: boolean }
    /** The GPU device was lost; the run went back to its last checkpoint and goes on (message says where). */
    | { type: 'recovered'; backend: Backend; device: string; message: string }
    /**
     * The answer to 'probe' (not tied to a run): the limits, the adapter's description ('CPU' without
     * one) and why there is no GPU (null: there is one).
     */
    | { type: 'limits'; limits: DeviceLimits; device: string; reason: string | null }
  );

export type PauseReason = 'asked' | 'stopStep' | 'diverged';

/** Metrics of one recorded step and the training speed when they were taken. */
export interface MetricsBatch {
  snapshot: MetricsSnapshot;
  stepsPerSecond: number;
  /** Lanes the trainer has frozen so far because their loss diverged (Trainer decides, once). */
  diverged: number[];
}
