// What every engine (WebGPU, fast CPU, float64 reference) offers the trainer and the tests.

export type Backend = 'webgpu' | 'cpu' | 'reference';

/** Metrics of one lane at one step. */
export interface LaneMetrics {
  /**
   * Population excess loss (token regression), mean evaluation excess loss (factorisation), or
   * held-out loss (data).
   */
  excess: number;
  /** Conditional loss of head, torso, tail tokens (users on data; NaN for an empty bucket). */
  buckets: [number, number, number];
  /** The same by the item's bucket (pair workloads; NaN elsewhere). */
  itemBuckets: [number, number, number];
  /** [RANK_BINS] conditional excess loss of the tokens (MF: users) in each log-spaced rank bin (NaN: empty). */
  rankError: Float32Array;
  /** [effRows] effective step size η·multiplier of the reported rows. */
  effStep: Float32Array;
  /** AUC of the evaluation clicks (CTR; NaN elsewhere). */
  auc: number;
}

export interface MetricsSnapshot {
  /** Steps completed when the metrics were taken. */
  step: number;
  lanes: LaneMetrics[];
  /** [effRows] occurrences so far of the rows whose effective step is reported. */
  effCounts: Float32Array;
}

export interface Engine {
  readonly backend: Backend;
  /** Human-readable device description (adapter name, or "CPU"). */
  readonly device: string;
  /** Steps completed (or enqueued, on the GPU). */
  readonly stepCount: number;
  /** Runs (GPU: enqueues) n training steps. */
  steps(n: number): void;
  /** Metrics after all steps so far; never stalls further steps. */
  recordMetrics(): Promise<MetricsSnapshot>;
  /**
   * Stops updating lane l (its loss or weights are no longer finite): later steps leave its table
   * and optimizer state as they are; the other lanes go on unchanged.
   */
  freezeLane(l: number): void;
  /** Every lane's table [R, d], for tests and checkpoints. */
  readTables(): Promise<ArrayLike<number>[]>;
  destroy(): void;
}

/**
 * Everything a run needs to go on bit for bit from `step`: the sampler is keyed by (seed, step),
 * so nothing else carries over. The same layout for the GPU and the fast CPU engine, so a run whose
 * GPU is lost can go on on either.
 */
export interface Checkpoint {
  step: number;
  /** Per lane [R, d]. */
  tables: Float32Array<ArrayBuffer>[];
  /** Per lane: adagradRow [R], adagradCoord [R, d], else empty. */
  states: Float32Array<ArrayBuffer>[];
  /**
   * Per token stream (one per seed; lanes are seed-major): [R + S] CF-SGD occurrence counters, then
   * the largest of each table's.
   */
  counters: Uint32Array<ArrayBuffer>[];
}

/** An engine that can save its state and continue from a saved one (device-loss recovery). */
export interface Resumable {
  /** The state after every step so far (taken behind the queued steps; never stalls them). */
  checkpoint(): Promise<Checkpoint>;
  /** Replaces the whole training state (before any step of this engine); frozen lanes stay frozen. */
  restore(c: Checkpoint): void;
}
