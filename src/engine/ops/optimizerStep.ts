// shaders/optimizerStep.wgsl: the fused per-row update of every lane, a thread per lane and run:
// the run's gradient sum from its parts, its step size, its row.

import code from '../../../shaders/optimizerStep.wgsl?raw';
import type { KernelPath } from '../gpu/device.ts';
import { Kernel, kernelOf, type KernelSpec } from '../gpu/kernel.ts';
import { SEGMENT } from '../step.ts';

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
  /** [0]: the next step, counted from 1 (the schedule's t). */
  control: GPUBuffer;
  /** The grid for L·U threads (ReduceRows.encodeCount writes it), for the indirect launch. */
  launch: GPUBuffer;
}

/** This op's kernel on a dispatch path (gpuEngine.ts compileKernels compiles it before a run is asked for). */
export const optimizerStepKernel = (dispatch: KernelPath['dispatch']): KernelSpec => ({
  file,
  entryPoint: 'optimizerStep',
  bindings: {
    0: 'uniform',
    1: 'uniform',
    2: 'read',
    3: 'storage',
    4: 'storage',
    5: 'storage',
    6: 'read',
    7: 'read',
    8: 'read',
    9: 'read',
  },
  constants: { SEGMENT, DIRECT: dispatch === 'direct' ? 1 : 0 },
});

export class OptimizerStep {
  private readonly kernel: Kernel;
  private readonly group: GPUBindGroup;
  private readonly launch: GPUBuffer;

  constructor(
    device: GPUDevice,
    b: OptimizerStepBuffers,
    private readonly dispatch: KernelPath['dispatch'],
    /** L·O: the direct grid, a thread per lane and sorted position (those past the lane's runs leave). */
    private readonly threads: number,
  ) {
    this.launch = b.launch;
    this.kernel = kernelOf(device, optimizerStepKernel(dispatch));
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

  /** Every run of every lane, after ReduceRows (countRows listed the runs, segmentSums summed their parts). */
  encode(pass: GPUComputePassEncoder): void {
    if (this.dispatch === 'direct') this.kernel.dispatch(pass, this.group, this.threads);
    else this.kernel.dispatchIndirect(pass, this.group, this.launch, 0);
  }
}
