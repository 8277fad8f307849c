// Reference of shaders/forward.wgsl: per-occurrence gradient rows of the mean batch loss.
//   token regression: r_i = ⟨θ_k, x_i⟩ − y_i;   G[i] = (r_i / B) x_i
//   pairs:            r_i = ⟨θ_u, θ_v⟩ − y_i (squared loss) or σ(⟨θ_u, θ_v⟩) − y_i (logistic);
//                     G[i] = (r_i / B) θ_v,  G[B+i] = (r_i / B) θ_u
//   CTR (F fields):   r_i = σ(b + Σ_{f<g}⟨θ_f, θ_g⟩) − y_i;  G[f·B+i] = (r_i / B)(Σ_g θ_g − θ_f)

import { fmScore, sigmoid } from '../workloads/ctrRun.ts';
import type { RunData } from '../workloads/task.ts';
import type { Batch } from './sampleBatch.ts';

/** The prediction a label is compared with: the score, or its sigmoid (logistic loss). */
export const prediction = (data: RunData, score: number) => (data.loss === 'logistic' ? sigmoid(score) : score);

/** table: one lane's [R, d]. Returns G [O, d]. */
export function forward(data: RunData, table: ArrayLike<number>, batch: Batch): Float64Array {
  const { batch: B, dim: d } = data.config;
  const G = new Float64Array(data.occurrences * d);
  if (data.fieldAlias) {
    const F = data.slots;
    const x = new Uint32Array(F);
    for (let i = 0; i < B; i++) {
      for (let f = 0; f < F; f++) x[f] = batch.rows[f * B + i];
      const c = (sigmoid(fmScore(table, d, x, data.bias)) - batch.y[i]) / B;
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let f = 0; f < F; f++) sum += table[x[f] * d + j];
        for (let f = 0; f < F; f++) G[(f * B + i) * d + j] = c * (sum - table[x[f] * d + j]);
      }
    }
    return G;
  }
  for (let i = 0; i < B; i++) {
    if (data.slots === 2) {
      const u = batch.rows[i] * d;
      const v = batch.rows[B + i] * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += table[u + j] * table[v + j];
      const c = (prediction(data, dot) - batch.y[i]) / B;
      for (let j = 0; j < d; j++) {
        G[i * d + j] = c * table[v + j];
        G[(B + i) * d + j] = c * table[u + j];
      }
    } else {
      const k = batch.rows[i] * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += table[k + j] * batch.x[i * d + j];
      const c = (dot - batch.y[i]) / B;
      for (let j = 0; j < d; j++) G[i * d + j] = c * batch.x[i * d + j];
    }
  }
  return G;
}
