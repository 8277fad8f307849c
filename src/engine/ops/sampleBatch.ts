// shaders/sampleBatch.wgsl: the shared token stream of a step.

import code from '../../../shaders/sampleBatch.wgsl?raw';
import { Kernel, kernelOf, type KernelSpec } from '../gpu/kernel.ts';

const file = { label: 'sampleBatch.wgsl', code };

export interface SampleBatchBuffers {
  params: GPUBuffer;
  /** [1] u32 current step (ReduceRows.encodeCount moves it on). */
  control: GPUBuffer;
  alias: GPUBuffer;
  teacher: GPUBuffer;
  pairs: GPUBuffer;
  contexts: GPUBuffer;
  labels: GPUBuffer;
  trainPairs: GPUBuffer;
  trainLabels: GPUBuffer;
}

/** This op's kernels (gpuEngine.ts compileKernels compiles them before a run is asked for). */
export const SAMPLE_BATCH_KERNELS = {
  sample: {
    file,
    entryPoint: 'sampleBatch',
    bindings: {
      0: 'uniform',
      1: 'read',
      2: 'read',
      3: 'read',
      4: 'storage',
      5: 'storage',
      6: 'storage',
      7: 'read',
      8: 'read',
    },
  },
} satisfies Record<string, KernelSpec>;

export class SampleBatch {
  private readonly kernel: Kernel;
  private readonly group: GPUBindGroup;

  constructor(
    device: GPUDevice,
    b: SampleBatchBuffers,
    private readonly batch: number,
  ) {
    this.kernel = kernelOf(device, SAMPLE_BATCH_KERNELS.sample);
    this.group = this.kernel.bind([
      b.params,
      b.control,
      b.alias,
      b.teacher,
      b.pairs,
      b.contexts,
      b.labels,
      b.trainPairs,
      b.trainLabels,
    ]);
  }

  encode(pass: GPUComputePassEncoder): void {
    this.kernel.dispatch(pass, this.group, this.batch);
  }
}
