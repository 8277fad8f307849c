// shaders/metrics.wgsl: excess loss by bucket and rank bin, and effective step sizes, into `out`.

import code from '../../../shaders/metrics.wgsl?raw';
import { Kernel, kernelOf, type KernelSpec } from '../gpu/kernel.ts';
import { METRIC_GROUPS } from '../workloads/runData.ts';

const file = { label: 'metrics.wgsl', code };

export interface MetricsBuffers {
  params: GPUBuffer;
  lanes: GPUBuffer;
  table: GPUBuffer;
  teacher: GPUBuffer;
  items: GPUBuffer;
  chunks: GPUBuffer;
  partials: GPUBuffer;
  out: GPUBuffer;
  optState: GPUBuffer;
  counters: GPUBuffer;
  logRatio: GPUBuffer;
  effRows: GPUBuffer;
  evalRows: GPUBuffer;
  /** [0]: the next step, counted from 1 (a schedule's effective step). */
  control: GPUBuffer;
  /** Matrix factorisation: [items] q_v, and the item buckets' moments (metrics.wgsl). */
  itemFreq: GPUBuffer;
  moments: GPUBuffer;
}

/** This op's kernels, itemMoments only for runs with item moments (gpuEngine.ts compileKernels compiles them all before a run is asked for). */
export const METRICS_KERNELS = {
  excess: {
    file,
    entryPoint: 'excessLoss',
    bindings: {
      0: 'uniform',
      2: 'read',
      3: 'read',
      4: 'read',
      5: 'read',
      6: 'storage',
      7: 'storage',
      12: 'read',
      15: 'storage',
    },
  },
  sum: { file, entryPoint: 'sumPartials', bindings: { 0: 'uniform', 5: 'read', 6: 'storage', 7: 'storage' } },
  eff: {
    file,
    entryPoint: 'effectiveStep',
    bindings: { 0: 'uniform', 1: 'read', 7: 'storage', 8: 'read', 9: 'read', 10: 'read', 11: 'read', 13: 'read' },
  },
  moments: {
    file,
    entryPoint: 'itemMoments',
    bindings: { 0: 'uniform', 2: 'read', 3: 'read', 14: 'read', 15: 'storage' },
  },
} satisfies Record<string, KernelSpec>;

export class Metrics {
  private readonly excess: Kernel;
  private readonly sum: Kernel;
  private readonly eff: Kernel;
  /** Matrix factorisation only: the item buckets' moments, before the excess loss. */
  private readonly moments: { kernel: Kernel; group: GPUBindGroup; threads: number } | null;
  private readonly groups: GPUBindGroup[];

  constructor(
    device: GPUDevice,
    b: MetricsBuffers,
    private readonly sizes: { lanes: number; chunks: number; effRows: number; moments: number },
  ) {
    this.excess = kernelOf(device, METRICS_KERNELS.excess);
    this.sum = kernelOf(device, METRICS_KERNELS.sum);
    this.eff = kernelOf(device, METRICS_KERNELS.eff);
    const all = [
      b.params,
      b.lanes,
      b.table,
      b.teacher,
      b.items,
      b.chunks,
      b.partials,
      b.out,
      b.optState,
      b.counters,
      b.logRatio,
      b.effRows,
      b.evalRows,
      b.control,
      b.itemFreq,
      b.moments,
    ];
    this.groups = [this.excess.bind(all), this.sum.bind(all), this.eff.bind(all)];
    if (sizes.moments > 0) {
      const kernel = kernelOf(device, METRICS_KERNELS.moments);
      this.moments = { kernel, group: kernel.bind(all), threads: sizes.moments };
    } else this.moments = null;
  }

  encode(pass: GPUComputePassEncoder): void {
    const { lanes, chunks, effRows } = this.sizes;
    if (this.moments) this.moments.kernel.dispatch(pass, this.moments.group, this.moments.threads);
    this.excess.dispatch(pass, this.groups[0], lanes * chunks);
    this.sum.dispatch(pass, this.groups[1], lanes * METRIC_GROUPS);
    this.eff.dispatch(pass, this.groups[2], lanes * effRows);
  }
}
