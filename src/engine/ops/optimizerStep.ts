// shaders/optimizerStep.wgsl: the fused per-row update of every lane.

import code from '../../../shaders/optimizerStep.wgsl?raw';
import { Kernel } from '../gpu/kernel.ts';

const file = { label: 'optimizerStep.wgsl', code };

export interface OptimizerStepBuffers {
  params: GPUBuffer;
  lanes: GPUBuffer;
  sorted: GPUBuffer;
  grads: GPUBuffer;
  table: GPUBuffer;
  optState: GPUBuffer;
  counters: GPUBuffer;
  logRatio: GPUBuffer;
  /** [1 + O] u32: how many runs, then their starts (ReduceRows.encodeCount). */
  runs: GPUBuffer;
  /** [0]: the current step, counted from 1 (the schedule's t). */
  control: GPUBuffer;
}

export class OptimizerStep {
  private readonly kernel: Kernel;
  private readonly group: GPUBindGroup;

  constructor(
    device: GPUDevice,
    b: OptimizerStepBuffers,
    /** lanes × occurrences threads. */
    private readonly threads: number,
  ) {
    this.kernel = new Kernel(device, file, 'optimizerStep', {
      0: 'uniform',
      1: 'uniform',
      2: 'read',
      3: 'read',
      4: 'storage',
      5: 'storage',
      6: 'read',
      7: 'read',
      8: 'read',
      9: 'read',
    });
    this.group = this.kernel.bind([
      b.params,
      b.lanes,
      b.sorted,
      b.grads,
      b.table,
      b.optState,
      b.counters,
      b.logRatio,
      b.runs,
      b.control,
    ]);
  }

  encode(pass: GPUComputePassEncoder): void {
    this.kernel.dispatch(pass, this.group, this.threads);
  }
}
