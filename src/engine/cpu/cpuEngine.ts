// Fast Float32 CPU engine: the same step as the GPU (same sampler, RNG, dedupe-then-update
// semantics and summation order per row) fused into a few tight loops, for browsers without a
// WebGPU adapter and as the JavaScript anchor of the benchmark. Not the float64 reference.
//
// Instead of sorting, a step lists the rows it touches in order of first occurrence and sums
// each row's gradients in occurrence order — the order a stable sort gives — into a compact
// accumulator [U, d] (U = unique rows of the step).

import { boost, laneAt, stateWordsPerRow } from '../optimizers.ts';
import type { Checkpoint, Engine, MetricsSnapshot, Resumable } from '../types.ts';
import { sampleStep, type StepSamples } from '../sampling/sampleStep.ts';
import { cpuMetrics } from '../hostMetrics.ts';
import { cfBoost, prediction } from '../step.ts';
import { fmScore, isClick, sigmoid } from '../workloads/ctr.ts';
import { tableOf, type RunData } from '../workloads/runData.ts';

export class CpuEngine implements Engine, Resumable {
  readonly backend = 'cpu';
  readonly device = 'CPU (JavaScript, float32)';
  stepCount = 0;
  readonly tables: Float32Array[];
  readonly states: Float32Array[];
  readonly counters: Uint32Array;
  private readonly samples: StepSamples;
  /** [R] slot of a row in this step's accumulator, -1 when untouched. */
  private readonly slotOf: Int32Array;
  /** [U] touched rows in order of first occurrence; [U] occurrences of each. */
  private readonly touched: Uint32Array;
  private readonly runLength: Uint32Array;
  /** [O] slot of each occurrence. */
  private readonly slotOfOcc: Uint32Array;
  /** [U, d] summed gradient of each touched row. */
  private readonly acc: Float32Array;
  private readonly y: Float32Array;

  constructor(readonly data: RunData) {
    const { rows: R, occurrences: O, config } = data;
    const d = config.dim;
    this.tables = config.lanes.map(() => Float32Array.from(data.init));
    this.states = config.lanes.map((l) => new Float32Array(R * stateWordsPerRow(l.optimizer, d)));
    // n_k of every row, then each table's largest (countRows of the reference).
    this.counters = new Uint32Array(R + data.tableStarts.length - 1);
    this.samples = sampleStep(data, 1);
    this.slotOf = new Int32Array(R).fill(-1);
    this.touched = new Uint32Array(O);
    this.runLength = new Uint32Array(O);
    this.slotOfOcc = new Uint32Array(O);
    this.acc = new Float32Array(O * d);
    this.y = new Float32Array(config.batch);
    this.x = new Uint32Array(data.slots);
  }

  private readonly frozen = new Set<number>();

  freezeLane(l: number): void {
    this.frozen.add(l);
  }

  steps(n: number): void {
    for (let s = 0; s < n; s++) this.step();
  }

  /** [F] rows of CTR sample i of the current step. */
  private readonly x: Uint32Array;

  private sampleRows(i: number): void {
    const B = this.data.config.batch;
    for (let f = 0; f < this.x.length; f++) this.x[f] = this.samples.rows[f * B + i];
  }

  /** CTR: the row of field f of sample i gets (σ(s_i) − y_i)/B · (Σ_g θ_g − θ_f). */
  private ctrGradients(table: Float32Array): void {
    const { data, slotOfOcc, acc, y, x } = this;
    const { batch: B, dim: d } = data.config;
    for (let i = 0; i < B; i++) {
      this.sampleRows(i);
      const c = (sigmoid(fmScore(table, d, x, data.ctr!.bias)) - y[i]) / B;
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let f = 0; f < x.length; f++) sum += table[x[f] * d + j];
        for (let f = 0; f < x.length; f++) acc[slotOfOcc[f * B + i] * d + j] += c * (sum - table[x[f] * d + j]);
      }
    }
  }

  private step(): void {
    const { data, samples, slotOf, touched, runLength, slotOfOcc, acc, y } = this;
    const { batch: B, dim: d } = data.config;
    const mf = data.slots === 2;
    const t = data.teacher;
    sampleStep(data, ++this.stepCount, samples);
    const { rows, x, z } = samples;

    // Labels and the step's unique rows (shared by all lanes).
    if (data.train) y.set(samples.y);
    else if (data.ctr)
      for (let i = 0; i < B; i++) {
        this.sampleRows(i);
        y[i] = isClick(sigmoid(fmScore(t, d, this.x, data.ctr.bias)), samples.u[i]) ? 1 : 0;
      }
    else
      for (let i = 0; i < B; i++) {
        let dot = 0;
        const a = rows[i] * d;
        if (mf) for (let j = 0, b = rows[B + i] * d; j < d; j++) dot += t[a + j] * t[b + j];
        else for (let j = 0; j < d; j++) dot += t[a + j] * x[i * d + j];
        y[i] = dot + data.noise * z[i];
      }
    let U = 0;
    for (let o = 0; o < data.occurrences; o++) {
      const k = rows[o];
      let slot = slotOf[k];
      if (slot < 0) {
        slot = slotOf[k] = U++;
        touched[slot] = k;
        runLength[slot] = 0;
      }
      runLength[slot]++;
      slotOfOcc[o] = slot;
    }
    for (let u = 0; u < U; u++) {
      const k = touched[u];
      const n = (this.counters[k] += runLength[u]);
      const t = data.rows + tableOf(data.tableStarts, k);
      if (n > this.counters[t]) this.counters[t] = n;
    }

    data.config.lanes.forEach((configured, l) => {
      if (this.frozen.has(l)) return;
      const lane = laneAt(configured, this.stepCount - 1);
      const table = this.tables[l];
      const state = this.states[l];
      acc.fill(0, 0, U * d);
      // Gradients of the mean batch loss, summed per row in occurrence order.
      if (data.ctr) this.ctrGradients(table);
      else
        for (let i = 0; i < B; i++) {
          const a = rows[i] * d;
          const ga = slotOfOcc[i] * d;
          let dot = 0;
          if (mf) {
            const b = rows[B + i] * d;
            const gb = slotOfOcc[B + i] * d;
            for (let j = 0; j < d; j++) dot += table[a + j] * table[b + j];
            const c = (prediction(data, dot) - y[i]) / B;
            for (let j = 0; j < d; j++) acc[ga + j] += c * table[b + j];
            for (let j = 0; j < d; j++) acc[gb + j] += c * table[a + j];
          } else {
            for (let j = 0; j < d; j++) dot += table[a + j] * x[i * d + j];
            const c = (dot - y[i]) / B;
            for (let j = 0; j < d; j++) acc[ga + j] += c * x[i * d + j];
          }
        }
      // One update per unique row.
      for (let u = 0; u < U; u++) {
        const k = touched[u];
        const row = k * d;
        const g = u * d;
        if (lane.optimizer === 'adagradRow') {
          let sq = 0;
          for (let j = 0; j < d; j++) sq += acc[g + j] * acc[g + j];
          state[k] += sq / d;
          const step = lane.lr / (Math.sqrt(state[k]) + lane.eps);
          for (let j = 0; j < d; j++) table[row + j] -= step * acc[g + j];
        } else if (lane.optimizer === 'adagradCoord') {
          for (let j = 0; j < d; j++) {
            state[row + j] += acc[g + j] * acc[g + j];
            table[row + j] -= (lane.lr * acc[g + j]) / (Math.sqrt(state[row + j]) + lane.eps);
          }
        } else {
          const m =
            lane.optimizer === 'fasgd'
              ? boost(data.pmax / data.rowFreq[k], lane.beta, lane.cap)
              : lane.optimizer === 'cfsgd'
                ? cfBoost(lane, k, this.counters, data.tableStarts)
                : 1;
          const step = lane.lr * m;
          for (let j = 0; j < d; j++) table[row + j] -= step * acc[g + j];
        }
      }
    });
    for (let u = 0; u < U; u++) slotOf[touched[u]] = -1;
  }

  async recordMetrics(): Promise<MetricsSnapshot> {
    const { data, counters } = this;
    const inp = { rowFreq: data.rowFreq, pmax: data.pmax, counters, tableStarts: data.tableStarts };
    return cpuMetrics(data, this.stepCount, this.tables, this.states, inp);
  }

  async readTables(): Promise<Float32Array[]> {
    return this.tables.map((t) => t.slice());
  }

  async checkpoint(): Promise<Checkpoint> {
    const { stepCount: step } = this;
    const copy = (a: Float32Array[]) => a.map((t) => t.slice());
    return {
      step,
      tables: copy(this.tables),
      states: copy(this.states),
      counters: [this.counters.slice()],
    };
  }

  restore(c: Checkpoint): void {
    this.stepCount = c.step;
    this.counters.set(c.counters[0]);
    c.tables.forEach((t, l) => this.tables[l].set(t));
    c.states.forEach((s, l) => this.states[l].set(s));
  }

  destroy(): void {}
}
