// Float64 reference of shaders/sampleBatch.wgsl: the shared token stream of one step and its
// labels: the teacher's y_i = f*(sample i) + σ·z_i, or a data pair's label.

import { sampleStep, type RunData } from '../workloads/task.ts';

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
