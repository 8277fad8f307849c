// shaders/reduceRows.wgsl: per-row gradient sums over sorted runs (formed from the samples'
// coefficients), in segments of SEGMENT sorted positions and then per run, and CF-SGD counters.

import code from '../../../shaders/reduceRows.wgsl?raw';
import { Kernel } from '../gpu/kernel.ts';
import { SEGMENT } from '../reference/reduceRows.ts';

const file = { label: 'reduceRows.wgsl', code };
/** Gradient columns summed per thread (COLS in the shader). */
const COLS = 4;

/**
 * The launch buffer (launchSizes in the shader): two grids of (x, y, z) workgroups, sized on the GPU
 * from the step's U runs, so the per-run kernels start only threads that have a run: at byte 0 for
 * L·U·⌈d/4⌉ threads (combineRuns, the optimizer's columns), at byte 12 for L·U (its row steps).
 */
export const LAUNCH_BYTES = 24;
export const LAUNCH_RUN_COLUMNS = 0;
export const LAUNCH_RUNS = 12;

export interface ReduceRowsBuffers {
  params: GPUBuffer;
  /** [O] sorted (row, occurrence). */
  sorted: GPUBuffer;
  grads: GPUBuffer;
  /** [R + 1] u32 counters then n_max. */
  counters: GPUBuffer;
  /** [1 + O] u32: how many runs, then their starts. */
  runs: GPUBuffer;
  /** The grids of the per-run kernels (LAUNCH_BYTES), written by launchSizes. */
  launch: GPUBuffer;
  coefs: GPUBuffer;
  occRows: GPUBuffer;
  contexts: GPUBuffer;
  table: GPUBuffer;
}

export class ReduceRows {
  private readonly sums: Kernel;
  private readonly combine: Kernel;
  private readonly count: Kernel;
  private readonly launchSizes: Kernel;
  private readonly launch: GPUBuffer;
  private readonly sumsGroup: GPUBindGroup;
  private readonly combineGroup: GPUBindGroup;
  private readonly countGroup: GPUBindGroup;
  private readonly launchGroup: GPUBindGroup;

  constructor(
    device: GPUDevice,
    b: ReduceRowsBuffers,
    private readonly sizes: { lanes: number; occurrences: number; dim: number; workload: number },
  ) {
    const constants = { WORKLOAD: sizes.workload, SEGMENT };
    this.sums = new Kernel(
      device,
      file,
      'segmentSums',
      { 0: 'uniform', 1: 'read', 2: 'storage', 5: 'read', 6: 'read', 7: 'read', 8: 'read' },
      constants,
    );
    // The run list, read-only here (reduceRows.wgsl runList).
    this.combine = new Kernel(
      device,
      file,
      'combineRuns',
      { 0: 'uniform', 1: 'read', 2: 'storage', 9: 'read' },
      constants,
    );
    this.count = new Kernel(
      device,
      file,
      'countRows',
      { 0: 'uniform', 1: 'read', 3: 'storage', 4: 'storage' },
      constants,
    );
    this.launchSizes = new Kernel(device, file, 'launchSizes', { 0: 'uniform', 4: 'storage', 10: 'storage' });
    this.launch = b.launch;
    const all = [
      b.params,
      b.sorted,
      b.grads,
      b.counters,
      b.runs,
      b.coefs,
      b.occRows,
      b.contexts,
      b.table,
      b.runs,
      b.launch,
    ];
    this.sumsGroup = this.sums.bind(all);
    this.combineGroup = this.combine.bind(all);
    this.countGroup = this.count.bind(all);
    this.launchGroup = this.launchSizes.bind(all);
  }

  /** Sums each run's gradient rows into its start position, for every lane (after encodeCount). */
  encode(pass: GPUComputePassEncoder): void {
    const { lanes, occurrences, dim } = this.sizes;
    const blocks = Math.ceil(dim / COLS);
    this.sums.dispatch(pass, this.sumsGroup, lanes * Math.ceil(occurrences / SEGMENT) * blocks);
    this.combine.dispatchIndirect(pass, this.combineGroup, this.launch, LAUNCH_RUN_COLUMNS);
  }

  /** Adds each run's length to its row's counter, raises the tables' largest, and lists the run starts. */
  encodeCount(pass: GPUComputePassEncoder): void {
    this.count.dispatch(pass, this.countGroup, Math.ceil(this.sizes.occurrences / SEGMENT));
    this.launchSizes.dispatchGroups(pass, this.launchGroup, 1);
  }
}
