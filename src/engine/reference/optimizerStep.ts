// Reference of shaders/optimizerStep.wgsl: the fused update, once per unique row (run start),
// using the run's summed gradient from reduceRows. See ../optimizers.ts for the rules.

import type { LaneConfig } from '../config.ts';
import { boost, referenceCount } from '../optimizers.ts';
import { tableOf } from '../workloads/runData.ts';
import { isRunStart } from './reduceRows.ts';

export interface OptimizerInputs {
  d: number;
  /** Sorted keys (radixSort). */
  keys: Uint32Array;
  /** [O, d] after reduceRows: row p holds the summed gradient of the run starting at sorted position p. */
  G: Float64Array;
  /** [R] probability that a sample contains row k. */
  rowFreq: Float64Array;
  /** Largest rowFreq. */
  pmax: number;
  /** [R + S] CF-SGD counters after this step's countRows, then each table's largest (countRows). */
  counters: Uint32Array;
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
export function multiplier(
  lane: LaneConfig,
  k: number,
  inp: Pick<OptimizerInputs, 'rowFreq' | 'pmax' | 'counters' | 'tableStarts'>,
): number {
  if (lane.optimizer === 'fasgd') return boost(inp.pmax / inp.rowFreq[k], lane.beta, lane.cap);
  if (lane.optimizer === 'cfsgd') return cfBoost(lane, k, inp.counters, inp.tableStarts);
  return 1;
}

/** Updates table [R, d] and state (adagradRow [R], adagradCoord [R, d]) in place. */
export function optimizerStep(lane: LaneConfig, table: Float64Array, state: Float64Array, inp: OptimizerInputs): void {
  const { d, keys, G } = inp;
  for (let p = 0; p < keys.length; p++) {
    if (!isRunStart(keys, p)) continue;
    const k = keys[p];
    const g = p * d;
    const row = k * d;
    switch (lane.optimizer) {
      case 'adagradRow': {
        let sq = 0;
        for (let j = 0; j < d; j++) sq += G[g + j] * G[g + j];
        state[k] += sq / d;
        const step = lane.lr / (Math.sqrt(state[k]) + lane.eps);
        for (let j = 0; j < d; j++) table[row + j] -= step * G[g + j];
        break;
      }
      case 'adagradCoord':
        for (let j = 0; j < d; j++) {
          state[row + j] += G[g + j] * G[g + j];
          table[row + j] -= (lane.lr * G[g + j]) / (Math.sqrt(state[row + j]) + lane.eps);
        }
        break;
      default: {
        const step = lane.lr * multiplier(lane, k, inp);
        for (let j = 0; j < d; j++) table[row + j] -= step * G[g + j];
      }
    }
  }
}
