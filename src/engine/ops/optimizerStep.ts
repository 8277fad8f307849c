// shaders/optimizerStep.wgsl: the fused per-row update of every lane: each run's step size
// (rowSteps, a thread per lane and row), then the columns (optimizerStep, a thread per 4 columns).

import code from '../../../shaders/optimizerStep.wgsl?raw';
import { Kernel } from '../gpu/kernel.ts';

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
}

/** Columns per thread of the column pass (COLS in the shader). */
const COLS = 4;

export class OptimizerStep {
  private readonly rows: Kernel;
  private readonly columns: Kernel;
  private readonly rowsGroup: GPUBindGroup;
  private readonly columnsGroup: GPUBindGroup;

  constructor(
    device: GPUDevice,
    b: OptimizerStepBuffers,
    private readonly sizes: { lanes: number; occurrences: number; dim: number },
  ) {
    this.rows = new Kernel(device, file, 'rowSteps', {
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
    });
    this.columns = new Kernel(device, file, 'optimizerStep', {
      0: 'uniform',
      1: 'uniform',
      2: 'read',
      3: 'read',
      4: 'storage',
      5: 'storage',
      8: 'read',
      9: 'read',
      10: 'storage',
    });
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

  encode(pass: GPUComputePassEncoder): void {
    const { lanes, occurrences, dim } = this.sizes;
    this.rows.dispatch(pass, this.rowsGroup, lanes * occurrences);
    this.columns.dispatch(pass, this.columnsGroup, lanes * occurrences * Math.ceil(dim / COLS));
  }
}
