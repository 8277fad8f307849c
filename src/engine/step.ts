// What a training step is, beyond the update rules of optimizers.ts, shared by every engine and the
// float64 reference so that each is stated once: the order a row's gradients are summed in, what a
// label is compared with, and a row's frequency multiplier from the run's frequencies or counters.

import type { LaneConfig } from './config.ts';
import { boost, referenceCount } from './optimizers.ts';
import { sigmoid } from './workloads/ctr.ts';
import { tableOf, type RunData } from './workloads/runData.ts';

/**
 * Sorted positions per segment of the row sums: a run of equal rows is summed part by part, one
 * part per segment it touches (in sorted order), then its parts in order (reduceRows.wgsl
 * segmentSums, optimizerStep.wgsl). 32 keeps every GPU thread's walk short; the float64 reference
 * sums in the same order, so the only difference left is f32 rounding.
 */
export const SEGMENT = 32;

/** The prediction a label is compared with: the score, or its sigmoid (logistic loss). */
export const prediction = (data: RunData, score: number) => (data.loss === 'logistic' ? sigmoid(score) : score);

/** What a row's frequency multiplier is computed from. */
export interface FrequencyInputs {
  /** [R] probability that a sample contains row k. */
  rowFreq: Float64Array;
  /** Largest rowFreq. */
  pmax: number;
  /** [R + S] CF-SGD counters after this step's countRows, then each table's largest. */
  counters: ArrayLike<number>;
  /** [S + 1] first row of each table, then R. */
  tableStarts: Uint32Array;
}

/** CF-SGD's m_k from the counters [R + S] (a row never seen gets the cap). */
export function cfBoost(
  lane: Pick<LaneConfig, 'beta' | 'cap'>,
  k: number,
  counters: ArrayLike<number>,
  starts: Uint32Array,
): number {
  if (counters[k] === 0) return lane.cap;
  const t = tableOf(starts, k);
  const R = starts[starts.length - 1];
  return boost(referenceCount(counters[R + t], starts[t + 1] - starts[t]) / counters[k], lane.beta, lane.cap);
}

/** The frequency multiplier m_k of FA-SGD / CF-SGD, 1 for the others. */
export function multiplier(lane: LaneConfig, k: number, inp: FrequencyInputs): number {
  if (lane.optimizer === 'fasgd') return boost(inp.pmax / inp.rowFreq[k], lane.beta, lane.cap);
  if (lane.optimizer === 'cfsgd') return cfBoost(lane, k, inp.counters, inp.tableStarts);
  return 1;
}
