// shaders/reduceRows.wgsl: per-row gradient sums over sorted runs (formed from the samples'
// coefficients), in segments of SEGMENT sorted positions and then per run, and CF-SGD counters.

import code from '../../../shaders/reduceRows.wgsl?raw';
import { Kernel, kernelOf, type BindingKind, type KernelSpec } from '../gpu/kernel.ts';
import { SEGMENT } from '../reference/reduceRows.ts';

const file = { label: 'reduceRows.wgsl', code };
/** Gradient columns summed per thread (COLS in the shader). */
const COLS = 4;

/**
 * The launch buffer (prefixRuns in the shader): two grids of (x, y, z) workgroups, sized on the GPU
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
  /** [1 + O] u32: how many runs, then their starts in sorted order. */
  runs: GPUBuffer;
  /** The grids of the per-run kernels (LAUNCH_BYTES), written by prefixRuns. */
  launch: GPUBuffer;
  /** [⌈O / SEGMENT⌉] u32: run starts per segment, then each segment's first slot in the run list. */
  segmentRuns: GPUBuffer;
  coefs: GPUBuffer;
  occRows: GPUBuffer;
  contexts: GPUBuffer;
  table: GPUBuffer;
}

/** This op's kernels for a workload (WORKLOAD_CODE); gpuEngine.ts compileKernels compiles them before a run is asked for. */
export function reduceRowsKernels(workload: number) {
  const constants = { WORKLOAD: workload, SEGMENT };
  const spec = (entryPoint: string, bindings: Record<number, BindingKind>): KernelSpec => ({
    file,
    entryPoint,
    bindings: { 0: 'uniform', ...bindings },
    constants,
  });
  return {
    sums: spec('segmentSums', { 1: 'read', 2: 'storage', 5: 'read', 6: 'read', 7: 'read', 8: 'read' }),
    // The run list, read-only here (reduceRows.wgsl runList).
    combine: spec('combineRuns', { 1: 'read', 2: 'storage', 9: 'read' }),
    count: spec('countRows', { 1: 'read', 3: 'storage', 11: 'storage' }),
    prefix: spec('prefixRuns', { 4: 'storage', 10: 'storage', 11: 'storage' }),
    list: spec('listRuns', { 1: 'read', 4: 'storage', 11: 'storage' }),
  };
}

export class ReduceRows {
  private readonly sums: Kernel;
  private readonly combine: Kernel;
  private readonly count: Kernel;
  private readonly prefix: Kernel;
  private readonly list: Kernel;
  private readonly launch: GPUBuffer;
  private readonly groups: Record<'sums' | 'combine' | 'count' | 'prefix' | 'list', GPUBindGroup>;

  constructor(
    device: GPUDevice,
    b: ReduceRowsBuffers,
    private readonly sizes: { lanes: number; occurrences: number; dim: number; workload: number },
  ) {
    const kernels = reduceRowsKernels(sizes.workload);
    this.sums = kernelOf(device, kernels.sums);
    this.combine = kernelOf(device, kernels.combine);
    this.count = kernelOf(device, kernels.count);
    this.prefix = kernelOf(device, kernels.prefix);
    this.list = kernelOf(device, kernels.list);
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
      b.segmentRuns,
    ];
    this.groups = {
      sums: this.sums.bind(all),
      combine: this.combine.bind(all),
      count: this.count.bind(all),
      prefix: this.prefix.bind(all),
      list: this.list.bind(all),
    };
  }

  /** Sums each run's gradient rows into its start position, for every lane (after encodeCount). */
  encode(pass: GPUComputePassEncoder): void {
    const { lanes, occurrences, dim } = this.sizes;
    this.sums.dispatch(pass, this.groups.sums, lanes * Math.ceil(occurrences / SEGMENT) * Math.ceil(dim / COLS));
    this.combine.dispatchIndirect(pass, this.groups.combine, this.launch, LAUNCH_RUN_COLUMNS);
  }

  /** Adds each run's length to its row's counter, raises the tables' largest, and lists the run starts in order. */
  encodeCount(pass: GPUComputePassEncoder): void {
    const segments = Math.ceil(this.sizes.occurrences / SEGMENT);
    this.count.dispatch(pass, this.groups.count, segments);
    this.prefix.dispatchGroups(pass, this.groups.prefix, 1);
    this.list.dispatch(pass, this.groups.list, segments);
  }
}
