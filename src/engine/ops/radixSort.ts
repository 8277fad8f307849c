// shaders/radixSort.wgsl: stable sort of `count` (row, occurrence) pairs by row. Passes alternate
// between `pairs` and a scratch buffer of the same size; `sorted` is where the result lands.

import code from '../../../shaders/radixSort.wgsl?raw';
import { storageBuffer, uniformBuffer } from '../gpu/buffers.ts';
import { Kernel, kernelOf, type KernelSpec } from '../gpu/kernel.ts';
import { RADIX_BITS, SERIAL_RADIX_BITS, SORT_TILE, sortPasses } from '../gpu/layout.ts';

const file = { label: 'radixSort.wgsl', code };
const bindings = {
  0: 'uniform',
  1: 'read',
  2: 'storage',
  3: 'storage',
} as const;

/**
 * 'workgroup': LSD radix sort, 6 bits a pass, workgroup-cooperative with two barriers per workgroup
 * (for GPUs). 'serial': 8 bits a pass, one invocation per pass (for the software adapter, where
 * barriers are slow and one CPU thread is fast). Both give the same stable order, bit for bit.
 */
export type SortVariant = 'workgroup' | 'serial';

/** A pass's kernels, in dispatch order (gpuEngine.ts compileKernels compiles them before a run is asked for). */
export const radixSortKernels = (variant: SortVariant): KernelSpec[] =>
  (variant === 'serial' ? ['radixPassSerial'] : ['histogram', 'scanHistogram', 'scatter']).map((entryPoint) => ({
    file,
    entryPoint,
    bindings,
  }));

export class RadixSort {
  /** Per dispatch: its kernel, bind group and workgroups. */
  private readonly dispatches: { kernel: Kernel; group: GPUBindGroup; groups: number }[] = [];
  private readonly owned: GPUBuffer[] = [];
  /** The buffer holding the sorted pairs after encode. */
  readonly sorted: GPUBuffer;

  constructor(
    device: GPUDevice,
    count: number,
    rows: number,
    pairs: GPUBuffer,
    scratch: GPUBuffer,
    variant: SortVariant = 'workgroup',
  ) {
    const numTiles = Math.ceil(count / SORT_TILE);
    const bits = variant === 'serial' ? SERIAL_RADIX_BITS : RADIX_BITS;
    const passes = sortPasses(rows, bits);
    this.sorted = passes % 2 === 0 ? pairs : scratch;
    if (count === 0) return;
    // The serial pass keeps its counters in private memory; it binds the (small) histogram unused.
    const hist = storageBuffer(device, 'sort histogram', (1 << RADIX_BITS) * numTiles * 4);
    this.owned.push(hist);
    const [first, ...rest] = radixSortKernels(variant).map((spec) => kernelOf(device, spec));
    const kernels =
      variant === 'serial'
        ? [{ kernel: first, groups: 1 }]
        : [
            { kernel: first, groups: numTiles },
            { kernel: rest[0], groups: 1 },
            { kernel: rest[1], groups: numTiles },
          ];
    for (let p = 0; p < passes; p++) {
      const u = uniformBuffer(device, `sort pass ${p}`, new Uint32Array([p * bits, numTiles, count, 0]));
      this.owned.push(u);
      const [src, dst] = p % 2 === 0 ? [pairs, scratch] : [scratch, pairs];
      const group = kernels[0].kernel.bind([u, src, dst, hist]);
      for (const { kernel, groups } of kernels) this.dispatches.push({ kernel, group, groups });
    }
  }

  encode(pass: GPUComputePassEncoder): void {
    for (const d of this.dispatches) d.kernel.dispatchGroups(pass, d.group, d.groups);
  }

  destroy(): void {
    for (const b of this.owned) b.destroy();
  }
}
