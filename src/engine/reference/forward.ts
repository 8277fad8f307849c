// Reference of shaders/forward.wgsl: per-occurrence gradient rows of the mean batch loss.
//   token regression: r_i = ⟨θ_k, x_i⟩ − y_i;   G[i] = (r_i / B) x_i
//   pairs:            r_i = ⟨θ_u, θ_v⟩ − y_i (squared loss) or σ(⟨θ_u, θ_v⟩) − y_i (logistic);
//                     G[i] = (r_i / B) θ_v,  G[B+i] = (r_i / B) θ_u

import type { RunData } from '../workloads/task.ts';
import type { Batch } from './sampleBatch.ts';

/** The prediction a label is compared with: the score, or its sigmoid (logistic loss). */
export const prediction = (data: RunData, score: number) =>
  data.loss === 'logistic' ? 1 / (1 + Math.exp(-score)) : score;

/** table: one lane's [R, d]. Returns G [O, d]. */
export function forward(data: RunData, table: ArrayLike<number>, batch: Batch): Float64Array {
  const { batch: B, dim: d } = data.config;
  const G = new Float64Array(data.occurrences * d);
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
