// shaders/reduceRows.wgsl: the step's run list and CF-SGD counters (countRows, one workgroup), and
// the gradient sums of every part of every run, in segments of SEGMENT sorted positions
// (segmentSums, formed from the samples' coefficients); optimizerStep adds each run's parts.

import code from '../../../shaders/reduceRows.wgsl?raw';
import type { KernelPath } from '../gpu/device.ts';
import { Kernel, kernelOf, type BindingKind, type KernelSpec } from '../gpu/kernel.ts';
import { SEGMENT } from '../step.ts';

const file = { label: 'reduceRows.wgsl', code };

/** Gradient columns summed per thread (COLS in the shader). */
const COLS = 4;

/** countRows' threads (SCAN_THREADS): one workgroup of 256, or one invocation (the serial kernels). */
const SCAN_THREADS = { workgroup: 256, serial: 1 };

/** The launch buffer: optimizerStep's (x, y, z) workgroups for L·U threads, written by countRows. */
export const LAUNCH_BYTES = 12;

export interface ReduceRowsBuffers {
  params: GPUBuffer;
  /** [O] sorted (row, occurrence). */
  sorted: GPUBuffer;
  grads: GPUBuffer;
  /** [R + S] u32 counters, then each table's largest. */
  counters: GPUBuffer;
  /** [1 + O] u32: how many runs, then their starts in sorted order. */
  runs: GPUBuffer;
  /** optimizerStep's grid (LAUNCH_BYTES), written by countRows. */
  launch: GPUBuffer;
  /** [0]: the step, moved on by countRows. */
  control: GPUBuffer;
  coefs: GPUBuffer;
  occRows: GPUBuffer;
  contexts: GPUBuffer;
  table: GPUBuffer;
}

/** This op's kernels for a workload (WORKLOAD_CODE); gpuEngine.ts compileKernels compiles them before a run is asked for. */
export function reduceRowsKernels(workload: number, sort: KernelPath['sort']) {
  const spec = (
    entryPoint: string,
    bindings: Record<number, BindingKind>,
    constants: Record<string, number>,
  ): KernelSpec => ({ file, entryPoint, bindings: { 0: 'uniform', ...bindings }, constants });
  return {
    count: spec(
      'countRows',
      { 1: 'read', 3: 'storage', 4: 'storage', 9: 'storage', 10: 'storage' },
      { SCAN_THREADS: SCAN_THREADS[sort] },
    ),
    sums: spec(
      'segmentSums',
      { 1: 'read', 2: 'storage', 5: 'read', 6: 'read', 7: 'read', 8: 'read' },
      { WORKLOAD: workload, SEGMENT },
    ),
  };
}

export class ReduceRows {
  private readonly count: Kernel;
  private readonly sums: Kernel;
  private readonly groups: { count: GPUBindGroup; sums: GPUBindGroup };

  constructor(
    device: GPUDevice,
    b: ReduceRowsBuffers,
    private readonly sizes: { lanes: number; occurrences: number; dim: number; workload: number },
    sort: KernelPath['sort'],
  ) {
    const kernels = reduceRowsKernels(sizes.workload, sort);
    this.count = kernelOf(device, kernels.count);
    this.sums = kernelOf(device, kernels.sums);
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
      b.launch,
      b.control,
    ];
    this.groups = { count: this.count.bind(all), sums: this.sums.bind(all) };
  }

  /** Lists the run starts in order, adds each run's length to its row's counter, moves the step on. */
  encodeCount(pass: GPUComputePassEncoder): void {
    this.count.dispatchGroups(pass, this.groups.count, 1);
  }

  /** Sums every part of every run, for every lane. */
  encode(pass: GPUComputePassEncoder): void {
    const { lanes, occurrences, dim } = this.sizes;
    this.sums.dispatch(pass, this.groups.sums, lanes * Math.ceil(occurrences / SEGMENT) * Math.ceil(dim / COLS));
  }
}
