// shaders/reduceRows.wgsl: per-row gradient sums over sorted runs (formed from the samples'
// coefficients), and CF-SGD counters.

import code from '../../../shaders/reduceRows.wgsl?raw';
import { Kernel } from '../gpu/kernel.ts';

const file = { label: 'reduceRows.wgsl', code };
/** Gradient columns summed per thread (COLS in the shader). */
const COLS = 4;

export interface ReduceRowsBuffers {
  params: GPUBuffer;
  /** [O] sorted (row, occurrence). */
  sorted: GPUBuffer;
  grads: GPUBuffer;
  /** [R + 1] u32 counters then n_max. */
  counters: GPUBuffer;
  /** [1 + O] u32: how many runs, then their starts. */
  runs: GPUBuffer;
  coefs: GPUBuffer;
  occRows: GPUBuffer;
  contexts: GPUBuffer;
  table: GPUBuffer;
}

export class ReduceRows {
  private readonly reduce: Kernel;
  private readonly count: Kernel;
  private readonly reduceGroup: GPUBindGroup;
  private readonly countGroup: GPUBindGroup;

  constructor(
    device: GPUDevice,
    b: ReduceRowsBuffers,
    private readonly sizes: { lanes: number; occurrences: number; dim: number; workload: number },
  ) {
    this.reduce = new Kernel(
      device,
      file,
      'reduceRows',
      {
        0: 'uniform',
        1: 'read',
        2: 'storage',
        5: 'read',
        6: 'read',
        7: 'read',
        8: 'read',
        // The run list, read-only here (reduceRows.wgsl runList).
        9: 'read',
      },
      { WORKLOAD: sizes.workload },
    );
    this.count = new Kernel(device, file, 'countRows', {
      0: 'uniform',
      1: 'read',
      3: 'storage',
      4: 'storage',
    });
    const all = [b.params, b.sorted, b.grads, b.counters, b.runs, b.coefs, b.occRows, b.contexts, b.table, b.runs];
    this.reduceGroup = this.reduce.bind(all);
    this.countGroup = this.count.bind(all);
  }

  /** Sums each run's gradient rows into its first occurrence, for every lane (after encodeCount). */
  encode(pass: GPUComputePassEncoder): void {
    const { lanes, occurrences, dim } = this.sizes;
    this.reduce.dispatch(pass, this.reduceGroup, lanes * occurrences * Math.ceil(dim / COLS));
  }

  /** Adds each run's length to its row's counter, raises n_max, and lists the run starts. */
  encodeCount(pass: GPUComputePassEncoder): void {
    this.count.dispatch(pass, this.countGroup, this.sizes.occurrences);
  }
}
