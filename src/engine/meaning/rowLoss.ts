// One row's own loss in a lane's table, for following a token over time:
//   token regression     ½‖θ_k − θ*_k‖² (its excess loss: the contexts have E[xxᵀ] = I)
//   factorisation        ½ Σ_v q_v (⟨u, v⟩ − ⟨u*, v*⟩)² over every item v (the user's excess loss)
//   data, implicit       the training mixture's loss of samples holding the row: (1 − q)·mean over
//                        its pairs of log(1 + e^−s) + q·mean over ROW_LOSS_SAMPLES fixed negatives
//                        of log(1 + e^s), q the share of negatives
//   data, rated          ½·mean (s − y)² over its pairs (y centred; the held-out loss's scale)
//   CTR                  mean KL(p* ‖ σ(s)) over ROW_LOSS_SAMPLES fixed samples whose first field is
//                        the row (the other fields drawn as training draws them)
// A row's pairs are at most ROW_LOSS_SAMPLES of them, evenly spaced in the training pairs. What is
// fixed per row is prepared once (rowLossPlan), so each evaluation costs O(samples · d) per lane.

import { clickKl, pairLoss } from '../hostMetrics.ts';
import { NEGATIVE_SHARE } from '../input/pairData.ts';
import { sampleAlias } from '../sampling/aliasTable.ts';
import { draw, sampleKey } from '../sampling/rng.ts';
import { fmScore, sigmoid } from '../workloads/ctr.ts';
import type { RunData } from '../workloads/runData.ts';
import { evenlySpaced } from './agreement.ts';

/** Pairs, negatives or samples a row's loss is taken over. */
export const ROW_LOSS_SAMPLES = 256;
/** RNG stream of the fixed negatives and CTR samples (apart from runData.ts STREAM's). */
const ROW_STREAM = 0xfffffff3;

/** What a row's loss is computed from, fixed for the run. */
export interface RowLossPlan {
  row: number;
  /** [n] partner rows (items, in the concatenated table) and labels; CTR: [n, F] sample rows. */
  partners: Uint32Array;
  labels: Float32Array;
  /** Weight of each term (they sum to 1; ½ for rated pairs). */
  weights: Float64Array;
}

/** Indices j of the training pairs whose first member is `row` (at most `limit`, evenly spaced). */
function pairsOf(data: RunData, row: number, limit: number): number[] {
  const all: number[] = [];
  const a = data.train!.a;
  for (let j = 0; j < a.length; j++) if (a[j] === row) all.push(j);
  return evenlySpaced(all, limit);
}

/** The fixed terms of first-table row `row`'s loss. */
export function rowLossPlan(data: RunData, row: number): RowLossPlan {
  const c = data.config;
  const none = { row, partners: new Uint32Array(0), labels: new Float32Array(0), weights: new Float64Array(0) };
  if (data.train) {
    const train = data.train;
    const own = pairsOf(data, row, ROW_LOSS_SAMPLES);
    const implicit = data.loss === 'logistic';
    const negatives = implicit
      ? Array.from({ length: ROW_LOSS_SAMPLES }, (_, i) => {
          const base = sampleKey(c.seed, ROW_STREAM, i);
          return c.rows + sampleAlias(data.itemAlias!, draw(base, 0), draw(base, 1));
        })
      : [];
    if (own.length === 0 && negatives.length === 0) return none;
    const posWeight = own.length === 0 ? 0 : (implicit ? 1 - NEGATIVE_SHARE : 0.5) / own.length;
    const negWeight = (own.length === 0 ? 1 : NEGATIVE_SHARE) / Math.max(1, negatives.length);
    return {
      row,
      partners: Uint32Array.from([...own.map((j) => c.rows + train.b[j]), ...negatives]),
      labels: Float32Array.from([...own.map((j) => train.y[j]), ...negatives.map(() => 0)]),
      weights: Float64Array.from([...own.map(() => posWeight), ...negatives.map(() => negWeight)]),
    };
  }
  if (data.ctr) {
    const F = data.slots;
    const partners = new Uint32Array(ROW_LOSS_SAMPLES * F);
    for (let i = 0; i < ROW_LOSS_SAMPLES; i++) {
      const base = sampleKey(c.seed, ROW_STREAM, i);
      partners[i * F] = row;
      for (let f = 1; f < F; f++)
        partners[i * F + f] =
          data.tableStarts[f] + sampleAlias(data.ctr.fieldAlias[f], draw(base, 2 * f), draw(base, 2 * f + 1));
    }
    const labels = new Float32Array(ROW_LOSS_SAMPLES);
    for (let i = 0; i < ROW_LOSS_SAMPLES; i++)
      labels[i] = sigmoid(fmScore(data.teacher, c.dim, partners.subarray(i * F, (i + 1) * F), data.ctr.bias));
    return { row, partners, labels, weights: new Float64Array(ROW_LOSS_SAMPLES).fill(1 / ROW_LOSS_SAMPLES) };
  }
  return none;
}

/** The row's loss in a lane's [R, d] table (NaN when it has no terms: a data row without pairs). */
export function rowLoss(data: RunData, plan: RowLossPlan, table: ArrayLike<number>): number {
  const d = data.config.dim;
  const k = plan.row;
  const t = data.teacher;
  if (data.train) {
    if (plan.weights.length === 0) return NaN;
    let sum = 0;
    plan.partners.forEach((v, i) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += table[k * d + j] * table[v * d + j];
      sum += plan.weights[i] * pairLoss(data, s, plan.labels[i]);
    });
    return sum;
  }
  if (data.ctr) {
    const F = data.slots;
    let sum = 0;
    for (let i = 0; i < plan.labels.length; i++)
      sum +=
        plan.weights[i] *
        clickKl(plan.labels[i], fmScore(table, d, plan.partners.subarray(i * F, (i + 1) * F), data.ctr.bias));
    return sum;
  }
  if (data.metricItems.moments) {
    // Matrix factorisation: every item, weighted by q_v.
    const { q } = data.metricItems.moments;
    const first = data.tableStarts[1];
    let sum = 0;
    for (let v = 0; v < q.length; v++) {
      let s = 0;
      let sStar = 0;
      const at = (first + v) * d;
      for (let j = 0; j < d; j++) {
        s += table[k * d + j] * table[at + j];
        sStar += t[k * d + j] * t[at + j];
      }
      sum += q[v] * (s - sStar) ** 2;
    }
    return sum / 2;
  }
  let sq = 0;
  for (let j = 0; j < d; j++) sq += (table[k * d + j] - t[k * d + j]) ** 2;
  return sq / 2;
}
