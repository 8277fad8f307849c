// The float64 twin of the whole GPU step, composed from the per-op references: the oracle that
// parity tests compare the WebGPU and fast CPU engines against. Slow on purpose: clarity first.

import { decodeMetrics, rawMetricsWords } from '../metrics.ts';
import { stateWordsPerRow } from '../optimizers.ts';
import type { Engine, MetricsSnapshot } from '../types.ts';
import type { RunData } from '../workloads/task.ts';
import { forward } from './forward.ts';
import { effectiveStep, excessLoss } from './metrics.ts';
import { optimizerStep, type OptimizerInputs } from './optimizerStep.ts';
import { radixSort } from './radixSort.ts';
import { countRows, reduceRows } from './reduceRows.ts';
import { sampleBatch } from './sampleBatch.ts';

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
  nmax = 0;
  private readonly pmax: number;

  constructor(readonly data: RunData) {
    const { rows: R, config } = data;
    this.tables = config.lanes.map(() => Float64Array.from(data.init));
    this.states = config.lanes.map((l) => new Float64Array(R * stateWordsPerRow(l.optimizer, config.dim)));
    this.counters = new Uint32Array(R);
    this.pmax = data.rowFreq.reduce((m, p) => Math.max(m, p), 0);
  }

  private inputs(keys: Uint32Array, vals: Uint32Array, G: Float64Array): OptimizerInputs {
    const { data } = this;
    return {
      d: data.config.dim,
      keys,
      vals,
      G,
      rowFreq: data.rowFreq,
      pmax: this.pmax,
      counters: this.counters,
      nmax: this.nmax,
    };
  }

  steps(n: number): void {
    const d = this.data.config.dim;
    for (let s = 0; s < n; s++) {
      const step = ++this.stepCount;
      const batch = sampleBatch(this.data, step);
      const grads = this.tables.map((t) => forward(this.data, t, batch));
      const { keys, vals } = radixSort(batch.rows);
      this.nmax = countRows(keys, this.counters, this.nmax);
      this.data.config.lanes.forEach((lane, l) => {
        const G = reduceRows(keys, vals, grads[l], d);
        optimizerStep(lane, this.tables[l], this.states[l], this.inputs(keys, vals, G));
      });
    }
  }

  async recordMetrics(): Promise<MetricsSnapshot> {
    const words = rawMetricsWords(this.data);
    const raw = new Float64Array(words * this.tables.length);
    this.data.config.lanes.forEach((lane, l) => {
      raw.set(excessLoss(this.data, this.tables[l]), l * words);
      const inp = this.inputs(new Uint32Array(), new Uint32Array(), new Float64Array());
      raw.set(effectiveStep(lane, this.data, this.states[l], inp), l * words + 3);
    });
    return decodeMetrics(this.data, this.stepCount, raw);
  }

  async readTables(): Promise<Float64Array[]> {
    return this.tables.map((t) => t.slice());
  }

  destroy(): void {}
}
