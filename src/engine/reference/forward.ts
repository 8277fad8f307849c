// Reference of shaders/forward.wgsl: each sample's coefficient c_i = r_i / B of the mean batch loss,
// where r_i is its residual (prediction − label):
//   token regression: r_i = ⟨θ_k, x_i⟩ − y_i
//   pairs:            r_i = ⟨θ_u, θ_v⟩ − y_i (squared loss) or σ(⟨θ_u, θ_v⟩) − y_i (logistic)
//   CTR (F fields):   r_i = σ(b + Σ_{f<g}⟨θ_f, θ_g⟩) − y_i
// and the gradient rows they stand for (occurrenceGradients; reduceRows.wgsl forms them on the fly
// while summing, so no [L, O, d] buffer of them is written):
//   token regression: G[i] = c_i x_i;  pairs: G[i] = c_i θ_v, G[B+i] = c_i θ_u;
//   CTR: G[f·B+i] = c_i (Σ_g θ_g − θ_f)

import { prediction } from '../step.ts';
import { fmScore } from '../workloads/ctr.ts';
import type { Batch } from './sampleBatch.ts';
import { type RunData } from '../workloads/runData.ts';

/** [F] rows of sample i (one per table). */
function rowsOf(data: RunData, batch: Batch, i: number): Uint32Array {
  const B = data.config.batch;
  return Uint32Array.from({ length: data.slots }, (_, f) => batch.rows[f * B + i]);
}

/** table: one lane's [R, d]. Returns c [B]. */
export function forward(data: RunData, table: ArrayLike<number>, batch: Batch): Float64Array {
  const { batch: B, dim: d } = data.config;
  return Float64Array.from({ length: B }, (_, i) => {
    const x = rowsOf(data, batch, i);
    let score = 0;
    if (data.ctr) score = fmScore(table, d, x, data.ctr.bias);
    else if (data.slots === 2) for (let j = 0; j < d; j++) score += table[x[0] * d + j] * table[x[1] * d + j];
    else for (let j = 0; j < d; j++) score += table[x[0] * d + j] * batch.x[i * d + j];
    return (prediction(data, score) - batch.y[i]) / B;
  });
}

/** The gradient row of every occurrence, G [O, d], from the coefficients c [B]. */
export function occurrenceGradients(
  data: RunData,
  table: ArrayLike<number>,
  batch: Batch,
  c: ArrayLike<number>,
): Float64Array {
  const { batch: B, dim: d } = data.config;
  const F = data.slots;
  const G = new Float64Array(data.occurrences * d);
  for (let i = 0; i < B; i++) {
    const x = rowsOf(data, batch, i);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let f = 0; f < F; f++) sum += table[x[f] * d + j];
      for (let f = 0; f < F; f++) {
        const partner = data.ctr ? sum - table[x[f] * d + j] : F === 2 ? table[x[1 - f] * d + j] : batch.x[i * d + j];
        G[(f * B + i) * d + j] = c[i] * partner;
      }
    }
  }
  return G;
}
