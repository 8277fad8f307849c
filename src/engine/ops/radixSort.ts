// shaders/radixSort.wgsl: stable sort of `count` (row, occurrence) pairs by row. Passes alternate
// between `pairs` and a scratch buffer of the same size; `sorted` is where the result lands.

import code from '../../../shaders/radixSort.wgsl?raw';
import { storageBuffer, uniformBuffer } from '../gpu/buffers.ts';
import { Kernel, kernelOf, type KernelSpec } from '../gpu/kernel.ts';
import { SORT_TILE, sortPasses } from '../gpu/layout.ts';

const file = { label: 'radixSort.wgsl', code };
const bindings = {
  0: 'uniform',
  1: 'storage',
  2: 'storage',
  3: 'storage',
} as const;

/**
 * 'workgroup': LSD radix sort for GPUs, workgroup-cooperative: every pass in one workgroup up to
 * SORT_IN_WORKGROUP pairs, else 3 dispatches a pass over tiles. 'serial': every pass in one
 * invocation (the software adapter, where barriers are slow and one CPU thread is fast). All give
 * the same stable order, bit for bit.
 */
export type SortVariant = 'workgroup' | 'serial';

/** Most pairs sortInWorkgroup takes (256 threads, 16 pairs each); above, the tiled passes. */
export const SORT_IN_WORKGROUP = 4096;

/** Bits per pass of each kernel (radixSort.wgsl: 16, 64 and 256 digits). */
const BITS = { sortInWorkgroup: 4, histogram: 6, sortSerial: 8 };

/** The kernels of a sort of `count` pairs, in dispatch order of one pass (all passes: one kernel). */
function entryPoints(variant: SortVariant, count: number): string[] {
  if (variant === 'serial') return ['sortSerial'];
  return count <= SORT_IN_WORKGROUP ? ['sortInWorkgroup'] : ['histogram', 'scanHistogram', 'scatter'];
}

/** This op's kernels for every batch size (gpuEngine.ts compileKernels compiles them before a run is asked for). */
export const radixSortKernels = (variant: SortVariant): KernelSpec[] =>
  [...new Set([...entryPoints(variant, 1), ...entryPoints(variant, SORT_IN_WORKGROUP + 1)])].map((entryPoint) => ({
    file,
    entryPoint,
    bindings,
  }));

/** Passes of a sort of row ids below `rows` with `variant` over `count` pairs. */
export function radixSortPasses(variant: SortVariant, count: number, rows: number): number {
  const first = entryPoints(variant, count)[0] as keyof typeof BITS;
  return sortPasses(rows, BITS[first]);
}

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
    const passes = radixSortPasses(variant, count, rows);
    this.sorted = passes % 2 === 0 ? pairs : scratch;
    if (count === 0) return;
    // Only the tiled passes use the histogram; the others bind it unused (it is small).
    const hist = storageBuffer(device, 'sort histogram', (1 << BITS.histogram) * numTiles * 4);
    this.owned.push(hist);
    const kernels = entryPoints(variant, count).map((entryPoint) => kernelOf(device, { file, entryPoint, bindings }));
    // One dispatch in all (one workgroup, or one invocation), or three per pass over the tiles.
    const tiled = kernels.length > 1;
    for (let p = 0; p < (tiled ? passes : 1); p++) {
      const u = uniformBuffer(device, `sort pass ${p}`, new Uint32Array([p, passes, numTiles, count]));
      this.owned.push(u);
      const group = kernels[0].bind([u, pairs, scratch, hist]);
      for (const [i, kernel] of kernels.entries())
        this.dispatches.push({ kernel, group, groups: tiled && i !== 1 ? numTiles : 1 });
    }
  }

  encode(pass: GPUComputePassEncoder): void {
    for (const d of this.dispatches) d.kernel.dispatchGroups(pass, d.group, d.groups);
  }

  destroy(): void {
    for (const b of this.owned) b.destroy();
  }
}
