// The expected curve of token regression, exact for any fixed per-row step η_k (docs/engine.md,
// "Theory, stability and schedules", for what is measured against it).
// Row k's error δ_k = θ_k − θ*_k; in one step it occurs r ~ Binomial(B, p_k) times and, with
// "dedupe, then update" on the mean batch loss, e_k = E‖δ_k‖² follows
//   e_k(t+1) = A_k e_k(t) + C_k,
//   A_k = 1 − 2 η_k p_k + η_k² (p_k (κ + d − 1) / B + (B − 1) p_k² / B),   C_k = η_k² σ² d p_k / B,
// where κ = E[x_j⁴] of a context coordinate. The expected excess loss is E(t) = ½ Σ_k p_k e_k(t)
// (a bucket's: the same sum over the bucket, divided by its probability mass), from
// e_k(0) = ‖θ*_k‖² of the run's own teacher (the learner starts at zero).
// SGD (η_k = η) and FA-SGD (η_k = η·min((p_max/p_k)^β, c)) are exact; CF-SGD gets the plug-in
// n_k ≈ t·B·p_k, which makes its boost FA-SGD's: an approximation, labelled as one. Adagrad,
// matrix factorisation and the logistic workloads have no closed form.

import type { LaneConfig, RunConfig } from './config.ts';
import { boost, scheduleFactor } from './optimizers.ts';
import { bucketBounds, probabilities } from './sampling/distributions.ts';
import { normalRow, STREAM } from './workloads/runData.ts';
import { teacherScale } from './workloads/tokenRegression.ts';

/** E[x_j⁴] of a context coordinate: the standardised sum of four uniforms (Irwin–Hall, n = 4), 3 − 6/20. */
export const CONTEXT_KURTOSIS = 2.7;

/** How the theory covers a lane: exactly, by the plug-in approximation, or not at all. */
export type TheoryKind = 'exact' | 'plugIn' | null;

export function theoryKind(c: Pick<RunConfig, 'workload'>, lane: Pick<LaneConfig, 'optimizer'>): TheoryKind {
  if (c.workload !== 'tokenRegression') return null;
  if (lane.optimizer === 'sgd' || lane.optimizer === 'fasgd') return 'exact';
  return lane.optimizer === 'cfsgd' ? 'plugIn' : null;
}

/** η_k of every row: η times the frequency boost (1 for SGD). */
function rowSteps(p: Float64Array, lane: LaneConfig): Float64Array {
  const pmax = p.reduce((m, x) => Math.max(m, x), 0);
  return lane.optimizer === 'sgd'
    ? new Float64Array(p.length).fill(lane.lr)
    : p.map((pk) => lane.lr * boost(pmax / pk, lane.beta, lane.cap));
}

/** q_k with A_k = 1 − 2 η_k p_k + η_k² p_k q_k (row k is stable while η_k q_k < 2). */
export const curvature = (pk: number, c: Pick<RunConfig, 'dim' | 'batch'>) =>
  (CONTEXT_KURTOSIS + c.dim - 1) / c.batch + ((c.batch - 1) * pk) / c.batch;

/**
 * The largest stable η of a lane (SGD, FA-SGD, CF-SGD by the plug-in): every A_k < 1, i.e.
 * η·m_k < 2 / q_k for every row. `row` is the row that sets it (for SGD the most frequent one).
 * p must be non-increasing (ids are frequency ranks, as every distribution gives them).
 *
 * Only three rows can set it, so it costs O(log n), not a pass over the rows (a 1M-row form used
 * to spend a tenth of a second per lane on every keystroke): m_k·q_k = m_k·(a + b·p_k) with
 * m_k = (p_max/p_k)^β below the cap is a·x^β + b·p_max·x^(β−1) in x = p_max/p_k ≥ 1, which has no
 * interior maximum, so over the uncapped rows it is largest at the first or the last of them;
 * over the capped rows (m_k = c) at the first, the most frequent. SGD (m_k = 1): the first row.
 */
export function stableRate(
  p: Float64Array,
  c: Pick<RunConfig, 'dim' | 'batch'>,
  lane: LaneConfig,
): { rate: number; row: number } {
  const n = p.length;
  const pmax = p[0];
  const unit = (k: number) => (lane.optimizer === 'sgd' ? 1 : boost(pmax / p[k], lane.beta, lane.cap));
  // The first row whose boost is the cap (n: none is), by bisection: the boost grows with k.
  let lo = 0;
  let hi = n;
  while (lane.optimizer !== 'sgd' && lo < hi) {
    const mid = (lo + hi) >> 1;
    if (unit(mid) >= lane.cap) hi = mid;
    else lo = mid + 1;
  }
  const firstCapped = lane.optimizer === 'sgd' ? n : lo;
  // Rows of equal frequency have equal limits: the first of them names it.
  const firstOfItsFrequency = (k: number) => {
    let [a, b] = [0, k];
    while (a < b) {
      const mid = (a + b) >> 1;
      if (p[mid] === p[k]) b = mid;
      else a = mid + 1;
    }
    return a;
  };
  const candidates = [0, Math.max(0, firstCapped - 1), Math.min(n - 1, firstCapped)].map(firstOfItsFrequency);

  let rate = Infinity;
  let row = 0;
  for (const k of candidates) {
    const limit = 2 / (unit(k) * curvature(p[k], c));
    if (limit < rate) [rate, row] = [limit, k];
  }
  return { rate, row };
}

/** ‖θ*_k‖² of a token-regression run's teacher, drawn exactly as prepareRun draws it. */
export function teacherNorms(c: RunConfig): Float64Array {
  const d = c.dim;
  const out = new Float64Array(c.rows);
  const row = new Float32Array(d);
  for (let k = 0; k < c.rows; k++) {
    normalRow(row, c.seed, STREAM.teacher, k, teacherScale(d));
    let s = 0;
    for (let j = 0; j < d; j++) s += row[j] * row[j];
    out[k] = s;
  }
  return out;
}

export interface TheoryCurve {
  steps: number[];
  /** Expected excess loss at each step. */
  total: number[];
  /** Expected conditional excess loss of head, torso and tail tokens at each step. */
  buckets: [number, number, number][];
}

/**
 * The expected excess loss of a lane at the given steps, from the rows' frequencies p and initial
 * errors e0: for a constant η in closed form, e_k(t) = A_kᵗ e_k(0) + C_k (A_kᵗ − 1)/(A_k − 1); for a
 * schedule step by step (cost: rows × the last step).
 */
export function theoryCurve(
  c: Pick<RunConfig, 'dim' | 'batch' | 'noise' | 'bucketEnds'>,
  lane: LaneConfig,
  steps: number[],
  p: Float64Array,
  e0: Float64Array,
): TheoryCurve {
  const n = p.length;
  const eta = rowSteps(p, lane);
  const sigma2 = Math.fround(c.noise) ** 2;
  const A = p.map((pk, k) => 1 - 2 * eta[k] * pk + eta[k] * eta[k] * pk * curvature(pk, c));
  const C = p.map((pk, k) => (eta[k] * eta[k] * sigma2 * c.dim * pk) / c.batch);
  const [headEnd, torsoEnd] = bucketBounds(n, c.bucketEnds);
  const bucketOf = (k: number) => (k < headEnd ? 0 : k < torsoEnd ? 1 : 2);
  const mass = [0, 0, 0];
  p.forEach((pk, k) => (mass[bucketOf(k)] += pk));
  const total: number[] = [];
  const buckets: [number, number, number][] = [];
  if (lane.decay) {
    // A schedule: the recursion step by step, η_k(t) = η_k·scheduleFactor(t₀, t), recorded at `steps`.
    const e = Float64Array.from(e0);
    const want = new Set(steps);
    const at = new Map<number, [number, number, number]>();
    const last = Math.max(0, ...steps);
    for (let t = 0; ; t++) {
      if (want.has(t)) {
        const sums: [number, number, number] = [0, 0, 0];
        for (let k = 0; k < n; k++) sums[bucketOf(k)] += 0.5 * p[k] * e[k];
        at.set(t, sums);
      }
      if (t === last) break;
      const f = scheduleFactor(lane.decay, t);
      for (let k = 0; k < n; k++) {
        const h = eta[k] * f;
        e[k] =
          (1 - 2 * h * p[k] + h * h * p[k] * curvature(p[k], c)) * e[k] + (h * h * sigma2 * c.dim * p[k]) / c.batch;
      }
    }
    for (const t of steps) {
      const sums = at.get(t)!;
      total.push(sums[0] + sums[1] + sums[2]);
      buckets.push(sums.map((s, b) => (mass[b] > 0 ? s / mass[b] : NaN)) as [number, number, number]);
    }
    return { steps, total, buckets };
  }
  for (const t of steps) {
    const sums = [0, 0, 0];
    for (let k = 0; k < n; k++) {
      const At = Math.pow(A[k], t);
      const growth = A[k] === 1 ? t : (At - 1) / (A[k] - 1);
      sums[bucketOf(k)] += 0.5 * p[k] * (At * e0[k] + C[k] * growth);
    }
    total.push(sums[0] + sums[1] + sums[2]);
    buckets.push(sums.map((s, b) => (mass[b] > 0 ? s / mass[b] : NaN)) as [number, number, number]);
  }
  return { steps, total, buckets };
}

/**
 * The expected curves of a run's lanes (null where the theory does not cover a lane), averaged over
 * its seeds (each has its own teacher).
 */
export function runTheory(c: RunConfig, steps: number[]): (TheoryCurve | null)[] {
  if (c.workload !== 'tokenRegression') return c.lanes.map(() => null);
  const p = probabilities(c.tokens, c.rows);
  const norms = Array.from({ length: c.seeds }, (_, k) => teacherNorms({ ...c, seed: (c.seed + k) >>> 0 }));
  return c.lanes.map((lane) => {
    if (!theoryKind(c, lane)) return null;
    const curves = norms.map((e0) => theoryCurve(c, lane, steps, p, e0));
    const mean = (f: (x: TheoryCurve) => number[]) =>
      steps.map((_, i) => curves.reduce((s, x) => s + f(x)[i], 0) / curves.length);
    return {
      steps,
      total: mean((x) => x.total),
      buckets: steps.map((_, i) =>
        [0, 1, 2].map((b) => curves.reduce((s, x) => s + x.buckets[i][b], 0) / curves.length),
      ) as [number, number, number][],
    };
  });
}
