// The metrics of a run's tables computed on the host in float64: the CPU engines' metrics (the fast
// Float32 engine's and the float64 reference's), and the float64 reference of shaders/metrics.wgsl.
//   excessLoss: per group (metrics.ts GROUP), Σ over metric items of w·err, summed chunk by chunk
//     in item order; err = ‖θ_a − θ*_a‖² (token), (⟨θ_a, θ_b⟩ − ⟨θ*_a, θ*_b⟩)² (teacher pair),
//     (s − y)² (rated data pair, s = ⟨θ_a, θ_b⟩), log(1 + e^s) − y·s (implicit data pair), or
//     KL(p* ‖ σ(s)) (CTR sample, s its FM score, p* = y the teacher's click probability).
//   scores (CTR): s of every evaluation sample, in item order.
//   effectiveStep: η·m_k (SGD family), η/(√s_k + ε) (row-wise), η·geomean_j 1/(√s_kj + ε) (coordinate)
//     of the reported rows; rowEffectiveStep of any one row.

import type { LaneConfig } from './config.ts';
import { laneAt } from './optimizers.ts';
import { decodeMetrics, rawMetricsLength, rawMetricsWords, scoresOffset } from './metrics.ts';
import { multiplier, type FrequencyInputs } from './step.ts';
import { fmScore } from './workloads/ctr.ts';
import type { MetricsSnapshot } from './types.ts';
import { METRIC_GROUPS, NO_ROW, type RunData } from './workloads/runData.ts';

/** log(1 + e^s) without overflow. */
export const softplus = (s: number) => Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));

/** Loss of one data pair of score s and label y. */
export function pairLoss(data: RunData, s: number, y: number): number {
  return data.loss === 'logistic' ? softplus(s) - y * s : (s - y) ** 2;
}

/** p·log p, 0 at p = 0. */
const xlogx = (p: number) => (p > 0 ? p * Math.log(p) : 0);

/** KL(Bern(p*) ‖ Bern(σ(s))): the excess log loss of score s where clicks come with probability p*. */
export const clickKl = (pStar: number, s: number) =>
  xlogx(pStar) + xlogx(1 - pStar) + pStar * softplus(-s) + (1 - pStar) * softplus(s);

/** [M] FM score of every CTR evaluation sample (item order). */
export function scores(data: RunData, table: ArrayLike<number>): Float64Array {
  const F = data.slots;
  const rows = data.metricItems.rows!;
  return Float64Array.from(data.metricItems.a, (e) =>
    fmScore(table, data.config.dim, rows.subarray(e * F, (e + 1) * F), data.ctr!.bias),
  );
}

/**
 * Matrix factorisation: [3] (M1_b, M2_b) of each item bucket of a lane's table, [d, d] each:
 * Σ_{v∈b} q_v v vᵀ and Σ_{v∈b} q_v v v*ᵀ (MetricItems.moments).
 */
export function itemMoments(data: RunData, table: ArrayLike<number>): [Float64Array, Float64Array][] {
  const d = data.config.dim;
  const { bounds, q } = data.metricItems.moments!;
  const first = data.tableStarts[1];
  return [0, 1, 2].map((b) => {
    const m1 = new Float64Array(d * d);
    const m2 = new Float64Array(d * d);
    for (let v = bounds[b]; v < bounds[b + 1]; v++) {
      const row = (first + v) * d;
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) {
          m1[i * d + j] += q[v] * table[row + i] * table[row + j];
          m2[i * d + j] += q[v] * table[row + i] * data.teacher[row + j];
        }
    }
    return [m1, m2];
  });
}

/** [METRIC_GROUPS] sums of w·err by group. */
export function excessLoss(data: RunData, table: ArrayLike<number>): Float64Array {
  const d = data.config.dim;
  const t = data.teacher;
  const onData = data.train !== null;
  const { a, b, w, y, chunkStart, chunkEnd, chunkGroups } = data.metricItems;
  const ctr = data.ctr ? scores(data, table) : null;
  const moments = data.metricItems.moments ? itemMoments(data, table) : null;
  const sums = new Float64Array(METRIC_GROUPS);
  for (let c = 0; c < chunkStart.length; c++) {
    let chunk = 0;
    for (let i = chunkStart[c]; i < chunkEnd[c]; i++) {
      let err = 0;
      if (ctr) err = clickKl(y[i], ctr[i]);
      else if (moments) {
        // uᵀM1_b u − 2uᵀM2_b u* + u*ᵀM3_b u* (the last precomputed in y).
        const [m1, m2] = moments[b[i]];
        const u = a[i] * d;
        err = y[i];
        for (let r = 0; r < d; r++)
          for (let s = 0; s < d; s++)
            err += table[u + r] * (m1[r * d + s] * table[u + s] - 2 * m2[r * d + s] * t[u + s]);
      } else if (b[i] === NO_ROW) {
        for (let j = 0; j < d; j++) err += (table[a[i] * d + j] - t[a[i] * d + j]) ** 2;
      } else {
        let dot = 0;
        let dotStar = 0;
        for (let j = 0; j < d; j++) {
          dot += table[a[i] * d + j] * table[b[i] * d + j];
          if (!onData) dotStar += t[a[i] * d + j] * t[b[i] * d + j];
        }
        err = onData ? pairLoss(data, dot, y[i]) : (dot - dotStar) ** 2;
      }
      chunk += w[i] * err;
    }
    for (let g = 0; g < METRIC_GROUPS; g++) if ((chunkGroups[c] >>> g) & 1) sums[g] += chunk;
  }
  return sums;
}

/**
 * The step row k would take next in a lane: η·m_k (SGD family), η/(√s_k + ε) (row-wise Adagrad),
 * η·geomean_j 1/(√s_kj + ε) (coordinate-wise; an arithmetic mean is dominated by near-zero s_kj).
 */
export function rowEffectiveStep(
  lane: LaneConfig,
  k: number,
  d: number,
  state: ArrayLike<number>,
  inp: FrequencyInputs,
): number {
  if (lane.optimizer === 'adagradRow') return lane.lr / (Math.sqrt(state[k]) + lane.eps);
  if (lane.optimizer === 'adagradCoord') {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.log2(Math.sqrt(state[k * d + j]) + lane.eps);
    return lane.lr * Math.pow(2, -s / d);
  }
  return lane.lr * multiplier(lane, k, inp);
}

/** The effective step of every reported row (RunData.effRows). */
export function effectiveStep(
  lane: LaneConfig,
  data: RunData,
  state: ArrayLike<number>,
  inp: FrequencyInputs,
): Float64Array {
  return Float64Array.from(data.effRows, (k) => rowEffectiveStep(lane, k, data.config.dim, state, inp));
}

/** The metrics of the CPU engines (float64 reference and Float32), computed in float64. */
export function cpuMetrics(
  data: RunData,
  step: number,
  tables: ArrayLike<number>[],
  states: ArrayLike<number>[],
  inp: FrequencyInputs,
): MetricsSnapshot {
  const words = rawMetricsWords(data);
  const raw = new Float64Array(rawMetricsLength(data));
  const M = data.metricItems.clicks?.length ?? 0;
  data.config.lanes.forEach((lane, l) => {
    raw.set(excessLoss(data, tables[l]), l * words);
    if (M > 0) raw.set(scores(data, tables[l]), scoresOffset(data) + l * M);
    // The step each row would take next (a schedule's η after `step` steps).
    raw.set(effectiveStep(laneAt(lane, step), data, states[l], inp), l * words + METRIC_GROUPS);
  });
  data.effRows.forEach((k, r) => (raw[tables.length * words + r] = inp.counters[k]));
  return decodeMetrics(data, step, raw);
}
