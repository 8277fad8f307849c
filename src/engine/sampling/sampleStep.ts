// The token stream of one step (sampleStep), which every engine (GPU, fast CPU, float64
// reference) shares, so all of them see identical bits.

import { sampleAlias } from './aliasTable.ts';
import { draw, mulhi, normalDraw, sampleKey } from './rng.ts';
import type { RunData } from '../workloads/runData.ts';
import { workloadOf } from '../workloads/registry.ts';

/**
 * The token stream of one step, shared by all lanes: occurrence o's row, and for token
 * regression the contexts. Draw layout of sample i (base = sampleKey(seed, step, i)):
 *   token regression: 0,1 token; 2+2j, 3+2j context x_j; 2+2d, 3+2d noise
 *   matrix factorisation: 0,1 user; 2,3 item; 4,5 noise
 *   data: 0 training pair (mulhi(draw, N)); 1 negative when below negThreshold; 2,3 its item
 *   CTR: 2f, 2f+1 the value of field f; 2F the click (isClick)
 */
export interface StepSamples {
  /** [O] row of each occurrence: token / user i at o = i, item at o = B + i (offset by users), field f at o = f·B + i. */
  rows: Uint32Array;
  /** [B, d] contexts (token regression; f32 values), empty otherwise. */
  x: Float32Array;
  /** [B] standard noise draw z_i (f32 values; teacher workloads): the label noise is σ·z_i. */
  z: Float32Array;
  /** [B] label of each sample (data runs; f32 values), empty otherwise. */
  y: Float32Array;
  /** [B] the click draw of each sample (CTR), empty otherwise. */
  u: Uint32Array;
}

/**
 * The samples of step `step` (into `out` when given). `rowsOnly`: only `rows` is filled (a search
 * for the steps that hold a row: token regression then skips its d context draws per sample).
 */
export function sampleStep(data: RunData, step: number, out?: StepSamples, rowsOnly = false): StepSamples {
  const c = data.config;
  const B = c.batch;
  const d = c.dim;
  const pair = workloadOf(c).pairs;
  const train = data.train;
  const s = out ?? {
    rows: new Uint32Array(data.occurrences),
    x: new Float32Array(pair ? 0 : B * d),
    z: new Float32Array(B),
    y: new Float32Array(train ? B : 0),
    u: new Uint32Array(data.ctr ? B : 0),
  };
  const fields = data.ctr?.fieldAlias;
  for (let i = 0; i < B; i++) {
    const base = sampleKey(c.seed, step, i);
    if (fields) {
      fields.forEach(
        (t, f) => (s.rows[f * B + i] = data.tableStarts[f] + sampleAlias(t, draw(base, 2 * f), draw(base, 2 * f + 1))),
      );
      s.u[i] = draw(base, 2 * fields.length);
      continue;
    }
    if (train) {
      const j = mulhi(draw(base, 0), train.a.length);
      s.rows[i] = train.a[j];
      if (draw(base, 1) < train.negThreshold) {
        s.rows[B + i] = c.rows + sampleAlias(data.itemAlias!, draw(base, 2), draw(base, 3));
        s.y[i] = 0;
      } else {
        s.rows[B + i] = c.rows + train.b[j];
        s.y[i] = train.y[j];
      }
      continue;
    }
    s.rows[i] = sampleAlias(data.tokenAlias, draw(base, 0), draw(base, 1));
    if (rowsOnly && !pair) continue;
    if (pair) {
      s.rows[B + i] = c.rows + sampleAlias(data.itemAlias!, draw(base, 2), draw(base, 3));
      s.z[i] = normalDraw(base, 4);
    } else {
      for (let j = 0; j < d; j++) s.x[i * d + j] = normalDraw(base, 2 + 2 * j);
      s.z[i] = normalDraw(base, 2 + 2 * d);
    }
  }
  return s;
}
