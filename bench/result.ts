// What the benchmark page (page.ts) hands to its driver (run.js), which prints it and writes
// docs/benchmarks.md: the one description of a benchmark's result. No engine types here, so the
// driver (plain JavaScript, checked by TypeScript through JSDoc) can name them too.

/** Milliseconds or bytes per step by training stage (TRAINING_STAGES of src/engine/gpu/gpuEngine.ts). */
export type StageTimes = Record<string, number>;

export interface BenchRow {
  size: string;
  engine: string;
  lanes: number;
  stepsPerSecond: number;
  steps: number;
  seconds: number;
}

export interface BenchResult {
  adapter: string;
  tfjsBackend: string;
  userAgent: string;
  workload: string;
  /** Normwise relative difference of TensorFlow.js's table from the CPU engine's after a few SGD steps. */
  tfjsAgreement: number;
  rows: BenchRow[];
  /** GPU milliseconds per step of each stage (timestamp queries), medium size, by lane count; null without them. */
  profiles: { lanes: number; ms: StageTimes | null }[];
  /** Interaction-log parsing: lines of a generated 1M-line log per second, and its size. */
  parse: { lines: number; megabytes: number; linesPerSecond: number };
  /** Text reading: words of a generated 1M-word text per second (segmentation, vocabulary, pairs). */
  text: { words: number; megabytes: number; wordsPerSecond: number };
  ratioVsTfjs: number;
  ratioVsJsCpu: number;
  lanes40CostVs1: number;
  skewed: SkewedResult;
  roofline: RooflineResult;
  commands: CommandsResult;
}

/** Each kernel path's commands per step, at the default preset's size and at medium, 5 lanes. */
export interface CommandsResult {
  /** The kernel path this adapter gets (KERNEL_PATHS in src/engine/gpu/device.ts). */
  path: string;
  /** The GPU of the step-time model (stepModel.ts MODEL_GPU). */
  model: { gigabytesPerSecond: number; launchMicroseconds: number };
  rows: PathCommands[];
}

/** One kernel path's commands per step at one size, counted, and what they would cost a real GPU. */
export interface PathCommands {
  path: string;
  size: string;
  /** Per step: dispatches (indirect included), indirect dispatches, queue submissions. */
  dispatches: number;
  indirect: number;
  submits: number;
  /** Minimal bytes per step (roofline.ts). */
  bytes: number;
  /** The step-time model's microseconds per step (stepModel.ts, MODEL_GPU). */
  modelMicroseconds: number;
}

/** One configuration's stages against the copy bandwidth: GPU ms and minimal bytes per step. */
export interface RooflineRow {
  size: string;
  lanes: number;
  /** Unique rows of the profiled steps' batch (U). */
  unique: number;
  ms: StageTimes;
  bytes: StageTimes;
}

export interface RooflineResult {
  /** A copy kernel's bandwidth on this adapter, GB/s (reads and writes counted). */
  copyGBs: number;
  rows: RooflineRow[];
  /** Configurations left out, and why (e.g. over the adapter's buffer limit). */
  skipped: string[];
  /** The CPU engine at medium size, 5 lanes, against a typed-array copy in the same thread. */
  cpu: { copyGBs: number; stepsPerSecond: number; bytesPerStep: number };
  /** Bytes per second of the whole step over the copy bandwidth, medium size, 5 lanes. */
  stepBandwidthFraction: number;
}

/** A skewed large batch (SKEWED): the hot rows' cost, steps/s and GPU time by stage, SGD, 1 lane. */
export interface SkewedResult {
  stepsPerSecond: number;
  ms: StageTimes | null;
}
