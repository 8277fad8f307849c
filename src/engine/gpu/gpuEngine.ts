// The WebGPU engine: all lanes in the same buffers and dispatches. One step, in one compute pass:
//   sampleBatch → forward (all lanes) → radixSort (shared) → countRows (shared; moves the step on)
//   → reduceRows (all lanes) → optimizerStep (all lanes)
// Six dispatches where the sort fits one workgroup (docs/engine.md, "The step"). Nothing is
// uploaded per step: the step number lives on the GPU. Metrics are computed on the GPU and copied
// through a staging ring (ReadbackRing) behind the steps.

import { decodeMetrics, rawMetricsLength } from '../metrics.ts';
import { stateWordsPerRow } from '../optimizers.ts';
import { Forward, FORWARD_KERNELS } from '../ops/forward.ts';
import { Metrics, METRICS_KERNELS } from '../ops/metrics.ts';
import { OptimizerStep, optimizerStepKernel } from '../ops/optimizerStep.ts';
import { RadixSort, radixSortKernels } from '../ops/radixSort.ts';
import { LAUNCH_BYTES, ReduceRows, reduceRowsKernels } from '../ops/reduceRows.ts';
import { SAMPLE_BATCH_KERNELS, SampleBatch } from '../ops/sampleBatch.ts';
import type { Checkpoint, Engine, MetricsSnapshot, Resumable } from '../types.ts';
import { readBuffer, storageBuffer, uniformBuffer, type Data } from './buffers.ts';
import { kernelOf, kernelsReady } from './kernel.ts';
import type { GpuContext, KernelPath } from './device.ts';
import { bufferPlan } from '../limits.ts';
import { LANE_BYTES, packLanes, packParams, stateOffsets, WORKLOAD_CODE } from './layout.ts';
import { PassTimer } from './passTimer.ts';
import { ReadbackRing } from './readbackRing.ts';
import { type RunData } from '../workloads/runData.ts';

/** The stages of one training step, in dispatch order. */
export const TRAINING_STAGES = [
  'sampleBatch',
  'forward',
  'radixSort',
  'countRows',
  'reduceRows',
  'optimizerStep',
] as const;
export type TrainingStage = (typeof TRAINING_STAGES)[number];
export type Stage = TrainingStage | 'metrics';

type BufferName = keyof GpuEngine['buffers'];

/** Steps encoded per command buffer at most. */
const STEPS_PER_SUBMIT = 32;

/** Interleaves (threshold, alias) of every table's sampler, in table order: [R] vec2<u32>. */
function packAlias(data: RunData): Uint32Array {
  const out = new Uint32Array(2 * data.rows);
  const tables = data.ctr?.fieldAlias ?? (data.itemAlias ? [data.tokenAlias, data.itemAlias] : [data.tokenAlias]);
  let at = 0;
  for (const t of tables)
    for (let j = 0; j < t.threshold.length; j++, at++) {
      out[2 * at] = t.threshold[j];
      out[2 * at + 1] = t.alias[j];
    }
  return out;
}

function packItems(data: RunData): { items: Uint32Array; chunks: Uint32Array } {
  const m = data.metricItems;
  const items = new Uint32Array(4 * m.a.length);
  const w = new Uint32Array(m.w.buffer, m.w.byteOffset, m.w.length);
  const y = new Uint32Array(m.y.buffer, m.y.byteOffset, m.y.length);
  for (let i = 0; i < m.a.length; i++) items.set([m.a[i], m.b[i], w[i], y[i]], 4 * i);
  const chunks = new Uint32Array(4 * m.chunkStart.length);
  for (let c = 0; c < m.chunkStart.length; c++)
    chunks.set([m.chunkStart[c], m.chunkEnd[c], m.chunkGroups[c], 0], 4 * c);
  return { items, chunks };
}

/** [N] (a, b) as vec2<u32>. */
function interleave(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(2 * a.length);
  for (let j = 0; j < a.length; j++) {
    out[2 * j] = a[j];
    out[2 * j + 1] = b[j];
  }
  return out;
}

/** Every buffer of a run, filled with its initial contents. Sizes follow bufferPlan. */
function createBuffers(device: GPUDevice, data: RunData) {
  const c = data.config;
  const L = c.lanes.length;
  const plan = bufferPlan(c);
  const { items, chunks } = packItems(data);
  const s = (label: string, init: Data | number) => storageBuffer(device, label, init);
  // Every lane starts from the same table. WebGPU zero-fills new buffers, so a table that starts
  // at zero (token regression) is neither built nor uploaded: at 1M rows and 5 lanes that is 320 MB.
  const zero = data.init.every((v) => v === 0);
  const table = zero ? plan.table : new Float32Array(L * data.init.length);
  if (!zero) for (let l = 0; l < L; l++) (table as Float32Array).set(data.init, l * data.init.length);
  return {
    params: uniformBuffer(device, 'params', packParams(data)),
    lanes: storageBuffer(device, 'lanes', packLanes(c), GPUBufferUsage.UNIFORM),
    // optimizerStep's grid where it is launched indirectly, written on the GPU from the step's runs.
    launch: storageBuffer(device, 'launch', LAUNCH_BYTES, GPUBufferUsage.INDIRECT),
    control: s('control', new Uint32Array([1])),
    alias: s('alias', packAlias(data)),
    teacher: s('teacher', data.teacher.length > 0 ? data.teacher : 4),
    trainPairs: s('trainPairs', data.train ? interleave(data.train.a, data.train.b) : 8),
    trainLabels: s('trainLabels', data.train ? data.train.y : 4),
    table: s('table', table),
    optState: s('optState', plan.optState),
    counters: s('counters', plan.counters),
    logRatio: s(
      'logRatio',
      Float32Array.from(data.rowFreq, (p) => Math.log2(data.pmax / p)),
    ),
    pairs: s('pairs', plan.pairs),
    runs: s('runs', plan.runs),
    sortScratch: s('sortScratch', plan.sortScratch),
    contexts: s('contexts', plan.contexts),
    labels: s('labels', plan.labels),
    grads: s('grads', plan.grads),
    coefs: s('coefs', plan.coefs),
    occRows: s('occRows', plan.occRows),
    items: s('items', items),
    chunks: s('chunks', chunks),
    partials: s('partials', L * (chunks.length / 4) * 4),
    metrics: s('metrics', rawMetricsLength(data) * 4),
    effRows: s('effRows', data.effRows),
    evalRows: s('evalRows', data.metricItems.rows ?? 4),
    itemFreq: s('itemFreq', data.metricItems.moments?.q ?? 4),
    moments: s('moments', plan.moments),
  };
}

/**
 * Compiles every kernel a run of `workload` can use on `device` with `path`'s kernels (pipelines
 * are kept per device), so that a run asked for later starts without compiling: the page asks for
 * this while it waits for Run (compiling is most of a first run's start, about 0.8 s of 1 s on the
 * software adapter).
 */
export async function compileKernels(
  device: GPUDevice,
  workload: RunData['config']['workload'],
  path: KernelPath,
): Promise<void> {
  for (const spec of [
    ...Object.values(SAMPLE_BATCH_KERNELS),
    ...Object.values(FORWARD_KERNELS),
    ...radixSortKernels(path.sort),
    ...Object.values(reduceRowsKernels(WORKLOAD_CODE[workload], path.sort)),
    optimizerStepKernel(path.dispatch),
    ...Object.values(METRICS_KERNELS),
  ])
    kernelOf(device, spec);
  await kernelsReady(device);
}

export class GpuEngine implements Engine, Resumable {
  readonly backend = 'webgpu';
  readonly device: string;
  stepCount = 0;
  private readonly gpu: GPUDevice;
  private readonly buffers: ReturnType<typeof createBuffers>;
  private readonly ops: {
    sample: SampleBatch;
    forward: Forward;
    sort: RadixSort;
    reduce: ReduceRows;
    optimizer: OptimizerStep;
    metrics: Metrics;
  };
  private readonly ring: ReadbackRing;
  private readonly stepEncoders: ((pass: GPUComputePassEncoder) => void)[];

  /** Allocates buffers and compiles every kernel (in parallel where the driver can). */
  static async create(data: RunData, ctx: GpuContext): Promise<GpuEngine> {
    const engine = new GpuEngine(data, ctx);
    await kernelsReady(ctx.device);
    return engine;
  }

  private constructor(
    readonly data: RunData,
    ctx: GpuContext,
  ) {
    const c = data.config;
    const device = (this.gpu = ctx.device);
    this.device = ctx.description;
    const L = c.lanes.length;
    const b = (this.buffers = createBuffers(device, data));
    const O = data.occurrences;
    const sort = new RadixSort(device, O, data.rows, b.pairs, b.sortScratch, ctx.sort);
    const sorted = sort.sorted;
    this.ops = {
      sample: new SampleBatch(device, b, c.batch),
      forward: new Forward(device, b, L * c.batch),
      sort,
      reduce: new ReduceRows(
        device,
        { ...b, sorted },
        { lanes: L, occurrences: O, dim: c.dim, workload: WORKLOAD_CODE[c.workload] },
        ctx.sort,
      ),
      optimizer: new OptimizerStep(device, { ...b, sorted }, ctx.dispatch, L * O),
      metrics: new Metrics(
        device,
        { ...b, out: b.metrics },
        {
          lanes: L,
          chunks: data.metricItems.chunkStart.length,
          effRows: data.effRows.length,
          moments: data.metricItems.moments ? L * 3 * c.dim * c.dim : 0,
        },
      ),
    };
    this.ring = new ReadbackRing(device, rawMetricsLength(data) * 4);
    const encoders = this.stageEncoders();
    this.stepEncoders = TRAINING_STAGES.map((stage) => encoders[stage]);
  }

  /** η = 0 in the lane's parameters: its rows no longer move (a frozen lane costs what it did). */
  freezeLane(l: number): void {
    this.gpu.queue.writeBuffer(this.buffers.lanes, l * LANE_BYTES + 4, new Float32Array([0]));
  }

  steps(n: number): void {
    for (let done = 0; done < n;) {
      const k = Math.min(STEPS_PER_SUBMIT, n - done);
      const encoder = this.gpu.createCommandEncoder({ label: `${k} steps` });
      const pass = encoder.beginComputePass({ label: 'train' });
      for (let s = 0; s < k; s++) this.encodeStep(pass);
      pass.end();
      this.gpu.queue.submit([encoder.finish()]);
      done += k;
      this.stepCount += k;
    }
  }

  /** One training step: every stage in dispatch order, in the same pass. */
  private encodeStep(pass: GPUComputePassEncoder): void {
    for (const encode of this.stepEncoders) encode(pass);
  }

  async recordMetrics(): Promise<MetricsSnapshot> {
    const step = this.stepCount;
    const raw = await this.ring.read(this.buffers.metrics, (encoder) => {
      const pass = encoder.beginComputePass({ label: 'metrics' });
      this.ops.metrics.encode(pass);
      pass.end();
    });
    return decodeMetrics(this.data, step, new Float32Array(raw));
  }

  async readTables(): Promise<Float32Array[]> {
    const all = new Float32Array(await readBuffer(this.gpu, this.buffers.table));
    const size = this.data.rows * this.data.config.dim;
    return this.data.config.lanes.map((_, l) => all.slice(l * size, (l + 1) * size));
  }

  async checkpoint(): Promise<Checkpoint> {
    const step = this.stepCount;
    const { table, optState, counters } = this.buffers;
    // Each read is submitted before the first await: all three see the same step.
    const [t, s, n] = await Promise.all([table, optState, counters].map((b) => readBuffer(this.gpu, b)));
    const R = this.data.rows;
    const lanes = this.data.config.lanes;
    const { offsets } = stateOffsets(this.data.config);
    const d = this.data.config.dim;
    return {
      step,
      tables: lanes.map((_, l) => new Float32Array(t, l * R * d * 4, R * d)),
      states: lanes.map((lane, l) => new Float32Array(s, offsets[l] * 4, R * stateWordsPerRow(lane.optimizer, d))),
      counters: [new Uint32Array(n)],
    };
  }

  restore(c: Checkpoint): void {
    const { offsets } = stateOffsets(this.data.config);
    const q = this.gpu.queue;
    const size = this.data.rows * this.data.config.dim * 4;
    c.tables.forEach((t, l) => q.writeBuffer(this.buffers.table, l * size, t));
    c.states.forEach((s, l) => s.length > 0 && q.writeBuffer(this.buffers.optState, offsets[l] * 4, s));
    q.writeBuffer(this.buffers.counters, 0, c.counters[0]);
    // The sampler's step counter holds the number of the next step.
    q.writeBuffer(this.buffers.control, 0, new Uint32Array([c.step + 1]));
    this.stepCount = c.step;
  }

  /** Resolves when the GPU has finished every step enqueued so far. */
  finish(): Promise<void> {
    return this.gpu.queue.onSubmittedWorkDone();
  }

  /**
   * Runs `steps` steps with every stage in its own timed pass and returns the mean GPU
   * milliseconds per step of each stage, or null where the device has no timestamp queries.
   * Training goes on as usual (these are real steps).
   */
  async profile(steps: number): Promise<Record<TrainingStage, number> | null> {
    const timer = new PassTimer(this.gpu, TRAINING_STAGES.length * steps);
    if (!timer.enabled) return (timer.destroy(), null);
    const encoder = this.gpu.createCommandEncoder({ label: 'profiled steps' });
    const encode = this.stageEncoders();
    for (let s = 0; s < steps; s++)
      TRAINING_STAGES.forEach((stage, i) => {
        const pass = encoder.beginComputePass(timer.pass(s * TRAINING_STAGES.length + i, stage));
        encode[stage](pass);
        pass.end();
      });
    timer.resolve(encoder);
    this.gpu.queue.submit([encoder.finish()]);
    this.stepCount += steps;
    const ns = (await timer.read())!;
    timer.destroy();
    const ms = Object.fromEntries(TRAINING_STAGES.map((stage) => [stage, 0])) as Record<TrainingStage, number>;
    ns.forEach((t, i) => (ms[TRAINING_STAGES[i % TRAINING_STAGES.length]] += t / 1e6 / steps));
    return ms;
  }

  private stageEncoders(): Record<Stage, (pass: GPUComputePassEncoder) => void> {
    const { sample, forward, sort, reduce, optimizer, metrics } = this.ops;
    return {
      sampleBatch: (p) => sample.encode(p),
      forward: (p) => forward.encode(p),
      radixSort: (p) => sort.encode(p),
      countRows: (p) => reduce.encodeCount(p),
      reduceRows: (p) => reduce.encode(p),
      optimizerStep: (p) => optimizer.encode(p),
      metrics: (p) => metrics.encode(p),
    };
  }

  /** Encodes single stages in one pass, in order (kernel parity tests). */
  runStages(stages: Stage[]): void {
    const encode = this.stageEncoders();
    const encoder = this.gpu.createCommandEncoder();
    const pass = encoder.beginComputePass();
    for (const stage of stages) encode[stage](pass);
    pass.end();
    this.gpu.queue.submit([encoder.finish()]);
  }

  /** Raw contents of a named buffer (tests); 'sorted' is wherever the sort leaves its result. */
  async readNamed(name: BufferName | 'sorted'): Promise<ArrayBuffer> {
    return readBuffer(this.gpu, name === 'sorted' ? this.ops.sort.sorted : this.buffers[name]);
  }

  /** Overwrites a named buffer from offset 0 (tests). */
  writeNamed(name: BufferName, data: ArrayBufferView<ArrayBuffer>): void {
    this.gpu.queue.writeBuffer(this.buffers[name], 0, data);
  }

  destroy(): void {
    for (const b of Object.values(this.buffers)) b.destroy();
    this.ops.sort.destroy();
    this.ring.destroy();
  }
}
