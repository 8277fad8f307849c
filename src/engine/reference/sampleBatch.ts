// Float64 reference of shaders/sampleBatch.wgsl: the shared token stream of one step and its
// labels: the teacher's y_i = f*(sample i) + σ·z_i, a click drawn from the teacher's probability
// (CTR), or a data pair's label.

import { fmScore, isClick, sigmoid } from '../workloads/ctr.ts';
import { sampleStep } from '../sampling/sampleStep.ts';
import { type RunData } from '../workloads/runData.ts';

export interface Batch {
  /** [O] row of each occurrence (see StepSamples). */
  rows: Uint32Array;
  /** [B, d] contexts (token regression). */
  x: Float32Array;
  /** [B] labels. */
  y: Float64Array;
}

export function sampleBatch(data: RunData, step: number): Batch {
  const { batch: B, dim: d } = data.config;
  const s = sampleStep(data, step);
  if (data.train) return { rows: s.rows, x: s.x, y: Float64Array.from(s.y) };
  const t = data.teacher;
  if (data.ctr) {
    // A click with the teacher's probability σ(b + FM*(x_i)).
    const x = new Uint32Array(data.slots);
    const y = Float64Array.from(s.u, (u, i) => {
      for (let f = 0; f < data.slots; f++) x[f] = s.rows[f * B + i];
      return isClick(sigmoid(fmScore(t, d, x, data.ctr!.bias)), u) ? 1 : 0;
    });
    return { rows: s.rows, x: s.x, y };
  }
  const y = new Float64Array(B);
  for (let i = 0; i < B; i++) {
    let dot = 0;
    if (data.slots === 2) {
      const u = s.rows[i] * d;
      const v = s.rows[B + i] * d;
      for (let j = 0; j < d; j++) dot += t[u + j] * t[v + j];
    } else {
      const k = s.rows[i] * d;
      for (let j = 0; j < d; j++) dot += t[k + j] * s.x[i * d + j];
    }
    y[i] = dot + data.noise * s.z[i];
  }
  return { rows: s.rows, x: s.x, y };
}
