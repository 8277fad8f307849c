// shaders/forward.wgsl: each sample's loss coefficient, every lane in one dispatch.

import code from '../../../shaders/forward.wgsl?raw';
import { Kernel, kernelOf, type KernelSpec } from '../gpu/kernel.ts';

const file = { label: 'forward.wgsl', code };

export interface ForwardBuffers {
  params: GPUBuffer;
  table: GPUBuffer;
  pairs: GPUBuffer;
  contexts: GPUBuffer;
  labels: GPUBuffer;
  /** [L, B] f32. */
  coefs: GPUBuffer;
  /** [O] u32 row of each occurrence. */
  occRows: GPUBuffer;
}

/** This op's kernels (gpuEngine.ts compileKernels compiles them before a run is asked for). */
export const FORWARD_KERNELS = {
  forward: {
    file,
    entryPoint: 'forward',
    bindings: { 0: 'uniform', 1: 'read', 2: 'read', 3: 'read', 4: 'read', 5: 'storage', 6: 'storage' },
  },
} satisfies Record<string, KernelSpec>;

export class Forward {
  private readonly kernel: Kernel;
  private readonly group: GPUBindGroup;

  constructor(
    device: GPUDevice,
    b: ForwardBuffers,
    /** lanes × batch threads. */
    private readonly threads: number,
  ) {
    this.kernel = kernelOf(device, FORWARD_KERNELS.forward);
    this.group = this.kernel.bind([b.params, b.table, b.pairs, b.contexts, b.labels, b.coefs, b.occRows]);
  }

  encode(pass: GPUComputePassEncoder): void {
    this.kernel.dispatch(pass, this.group, this.threads);
  }
}
