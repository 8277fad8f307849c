// shaders/radixSort.wgsl: stable sort of `count` (row, occurrence) pairs by row. Passes alternate
// between `pairs` and a scratch buffer of the same size; `sorted` is where the result lands.

import code from '../../../shaders/radixSort.wgsl?raw';
import { storageBuffer, uniformBuffer } from '../gpu/buffers.ts';
import { Kernel } from '../gpu/kernel.ts';
import { RADIX_BITS, SORT_TILE, sortPasses } from '../gpu/layout.ts';

const file = { label: 'radixSort.wgsl', code };
const bindings = {
  0: 'uniform',
  1: 'read',
  2: 'storage',
  3: 'storage',
} as const;

/**
 * 'workgroup': cooperative, two barriers per workgroup (for GPUs); 'serial': barrier-free, each
 * invocation one digit of one tile (for the software adapter). Both give the same stable order.
 */
export type SortVariant = 'workgroup' | 'serial';

export class RadixSort {
  private readonly histogram: Kernel;
  private readonly scan: Kernel;
  private readonly scatter: Kernel;
  private readonly passes: GPUBindGroup[] = [];
  private readonly numTiles: number;
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
    const suffix = variant === 'serial' ? 'Serial' : '';
    this.histogram = new Kernel(device, file, `histogram${suffix}`, bindings);
    this.scan = new Kernel(device, file, `scanHistogram${suffix}`, bindings);
    this.scatter = new Kernel(device, file, `scatter${suffix}`, bindings);
    this.numTiles = Math.ceil(count / SORT_TILE);
    const hist = storageBuffer(device, 'sort histogram', (1 << RADIX_BITS) * this.numTiles * 4);
    this.owned.push(hist);
    const passes = sortPasses(rows);
    this.sorted = passes % 2 === 0 ? pairs : scratch;
    for (let p = 0; p < passes; p++) {
      const u = uniformBuffer(device, `sort pass ${p}`, new Uint32Array([p * RADIX_BITS, this.numTiles, count, 0]));
      this.owned.push(u);
      const [src, dst] = p % 2 === 0 ? [pairs, scratch] : [scratch, pairs];
      this.passes.push(this.histogram.bind([u, src, dst, hist]));
    }
  }

  encode(pass: GPUComputePassEncoder): void {
    if (this.numTiles === 0) return;
    for (const group of this.passes) {
      this.histogram.dispatchGroups(pass, group, this.numTiles);
      this.scan.dispatchGroups(pass, group, 1);
      this.scatter.dispatchGroups(pass, group, this.numTiles);
    }
  }

  destroy(): void {
    for (const b of this.owned) b.destroy();
  }
}
