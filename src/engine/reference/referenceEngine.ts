// The float64 twin of the whole GPU step, composed from the per-op references: the oracle that
// parity tests compare the WebGPU and fast CPU engines against. Slow on purpose: clarity first.

import { laneAt, stateWordsPerRow } from '../optimizers.ts';
import type { Engine, MetricsSnapshot } from '../types.ts';
import { forward, occurrenceGradients } from './forward.ts';
import { cpuMetrics } from '../hostMetrics.ts';
import { optimizerStep, type OptimizerInputs } from './optimizerStep.ts';
import { radixSort } from './radixSort.ts';
import { countRows, reduceRows } from './reduceRows.ts';
import { sampleBatch } from './sampleBatch.ts';
import { type RunData } from '../workloads/runData.ts';

export class ReferenceEngine implements Engine {
  readonly backend = 'reference';
  readonly device = 'CPU (float64 reference)';
  stepCount = 0;
  /** Per lane [R, d]. */
  readonly tables: Float64Array[];
  /** Per lane: adagradRow [R], adagradCoord [R, d], else empty. */
  readonly states: Float64Array[];
  /** [R] CF-SGD occurrence counters (shared: all lanes see the same token stream). */
  readonly counters: Uint32Array;

  constructor(readonly data: RunData) {
    const { rows: R, config } = data;
    this.tables = config.lanes.map(() => Float64Array.from(data.init));
    this.states = config.lanes.map((l) => new Float64Array(R * stateWordsPerRow(l.optimizer, config.dim)));
    // n_k of every row, then each table's largest.
    this.counters = new Uint32Array(R + data.tableStarts.length - 1);
  }

  private inputs(keys: Uint32Array, G: Float64Array): OptimizerInputs {
    const { data } = this;
    return {
      d: data.config.dim,
      keys,
      G,
      rowFreq: data.rowFreq,
      pmax: data.pmax,
      counters: this.counters,
      tableStarts: this.data.tableStarts,
    };
  }

  private readonly frozen = new Set<number>();

  freezeLane(l: number): void {
    this.frozen.add(l);
  }

  steps(n: number): void {
    const d = this.data.config.dim;
    for (let s = 0; s < n; s++) {
      const step = ++this.stepCount;
      const batch = sampleBatch(this.data, step);
      const grads = this.tables.map((t) => occurrenceGradients(this.data, t, batch, forward(this.data, t, batch)));
      const { keys, vals } = radixSort(batch.rows);
      countRows(keys, this.counters, this.data.tableStarts);
      this.data.config.lanes.forEach((lane, l) => {
        if (this.frozen.has(l)) return;
        const G = reduceRows(keys, vals, grads[l], d);
        optimizerStep(laneAt(lane, step - 1), this.tables[l], this.states[l], this.inputs(keys, G));
      });
    }
  }

  async recordMetrics(): Promise<MetricsSnapshot> {
    const { data, counters } = this;
    const inp = { rowFreq: data.rowFreq, pmax: data.pmax, counters, tableStarts: data.tableStarts };
    return cpuMetrics(data, this.stepCount, this.tables, this.states, inp);
  }

  async readTables(): Promise<Float64Array[]> {
    return this.tables.map((t) => t.slice());
  }

  destroy(): void {}
}
