// shaders/sampleBatch.wgsl: the shared token stream of a step, and advancing the step counter.

import code from '../../../shaders/sampleBatch.wgsl?raw';
import { Kernel, kernelOf, type KernelSpec } from '../gpu/kernel.ts';

const file = { label: 'sampleBatch.wgsl', code };

export interface SampleBatchBuffers {
  params: GPUBuffer;
  /** [1] u32 current step. */
  control: GPUBuffer;
  alias: GPUBuffer;
  teacher: GPUBuffer;
  pairs: GPUBuffer;
  contexts: GPUBuffer;
  labels: GPUBuffer;
  trainPairs: GPUBuffer;
  trainLabels: GPUBuffer;
  /** [1 + O] run starts of the step (emptied by advanceStep). */
  runs: GPUBuffer;
}

/** This op's kernels (gpuEngine.ts compileKernels compiles them before a run is asked for). */
export const SAMPLE_BATCH_KERNELS = {
  sample: {
    file,
    entryPoint: 'sampleBatch',
    bindings: {
      0: 'uniform',
      1: 'storage',
      2: 'read',
      3: 'read',
      4: 'storage',
      5: 'storage',
      6: 'storage',
      7: 'read',
      8: 'read',
    },
  },
  advance: { file, entryPoint: 'advanceStep', bindings: { 1: 'storage', 9: 'storage' } },
} satisfies Record<string, KernelSpec>;

export class SampleBatch {
  private readonly sample: Kernel;
  private readonly advance: Kernel;
  private readonly sampleGroup: GPUBindGroup;
  private readonly advanceGroup: GPUBindGroup;

  constructor(
    device: GPUDevice,
    b: SampleBatchBuffers,
    private readonly batch: number,
  ) {
    this.sample = kernelOf(device, SAMPLE_BATCH_KERNELS.sample);
    this.advance = kernelOf(device, SAMPLE_BATCH_KERNELS.advance);
    this.sampleGroup = this.sample.bind([
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
    this.advanceGroup = this.advance.bind({ 1: b.control, 9: b.runs });
  }

  encode(pass: GPUComputePassEncoder): void {
    this.sample.dispatch(pass, this.sampleGroup, this.batch);
  }

  encodeAdvance(pass: GPUComputePassEncoder): void {
    this.advance.dispatchGroups(pass, this.advanceGroup, 1);
  }
}
