// shaders/forward.wgsl: each sample's loss coefficient, every lane in one dispatch.

import code from '../../../shaders/forward.wgsl?raw';
import { Kernel } from '../gpu/kernel.ts';

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

export class Forward {
  private readonly kernel: Kernel;
  private readonly group: GPUBindGroup;

  constructor(
    device: GPUDevice,
    b: ForwardBuffers,
    /** lanes × batch threads. */
    private readonly threads: number,
  ) {
    this.kernel = new Kernel(device, file, 'forward', {
      0: 'uniform',
      1: 'read',
      2: 'read',
      3: 'read',
      4: 'read',
      5: 'storage',
      6: 'storage',
    });
    this.group = this.kernel.bind([b.params, b.table, b.pairs, b.contexts, b.labels, b.coefs, b.occRows]);
  }

  encode(pass: GPUComputePassEncoder): void {
    this.kernel.dispatch(pass, this.group, this.threads);
  }
}
