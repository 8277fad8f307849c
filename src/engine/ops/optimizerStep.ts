// shaders/optimizerStep.wgsl: the fused per-row update of every lane: each run's step size
// (rowSteps, a thread per lane and row), then the columns (optimizerStep, a thread per 4 columns).

import code from '../../../shaders/optimizerStep.wgsl?raw';
import { Kernel, kernelOf, type KernelSpec } from '../gpu/kernel.ts';
import { LAUNCH_RUN_COLUMNS, LAUNCH_RUNS } from './reduceRows.ts';

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
  /** [L, O] f32 scratch: the step size of each lane's u-th run. */
  steps: GPUBuffer;
  /** The grids of the per-run kernels (ReduceRows.encodeCount writes them). */
  launch: GPUBuffer;
}

/** This op's kernels (gpuEngine.ts compileKernels compiles them before a run is asked for). */
export const OPTIMIZER_STEP_KERNELS = {
  rows: {
    file,
    entryPoint: 'rowSteps',
    bindings: {
      0: 'uniform',
      1: 'uniform',
      2: 'read',
      3: 'read',
      5: 'storage',
      6: 'read',
      7: 'read',
      8: 'read',
      9: 'read',
      10: 'storage',
    },
  },
  columns: {
    file,
    entryPoint: 'optimizerStep',
    bindings: {
      0: 'uniform',
      1: 'uniform',
      2: 'read',
      3: 'read',
      4: 'storage',
      5: 'storage',
      8: 'read',
      9: 'read',
      10: 'storage',
    },
  },
} satisfies Record<string, KernelSpec>;

export class OptimizerStep {
  private readonly rows: Kernel;
  private readonly columns: Kernel;
  private readonly rowsGroup: GPUBindGroup;
  private readonly columnsGroup: GPUBindGroup;
  private readonly launch: GPUBuffer;

  constructor(device: GPUDevice, b: OptimizerStepBuffers) {
    this.launch = b.launch;
    this.rows = kernelOf(device, OPTIMIZER_STEP_KERNELS.rows);
    this.columns = kernelOf(device, OPTIMIZER_STEP_KERNELS.columns);
    const all = [
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
      b.steps,
    ];
    this.rowsGroup = this.rows.bind(all);
    this.columnsGroup = this.columns.bind(all);
  }

  /** Both passes, on the grids sized from the step's runs (after ReduceRows.encodeCount). */
  encode(pass: GPUComputePassEncoder): void {
    this.rows.dispatchIndirect(pass, this.rowsGroup, this.launch, LAUNCH_RUNS);
    this.columns.dispatchIndirect(pass, this.columnsGroup, this.launch, LAUNCH_RUN_COLUMNS);
  }
}
