// Reference of shaders/optimizerStep.wgsl: the fused update, once per unique row (run start),
// using the run's summed gradient from reduceRows. See ../optimizers.ts for the rules.

import type { LaneConfig } from '../config.ts';
import { multiplier, type FrequencyInputs } from '../step.ts';
import { isRunStart } from './reduceRows.ts';

export interface OptimizerInputs extends FrequencyInputs {
  d: number;
  /** Sorted keys (radixSort). */
  keys: Uint32Array;
  /** [O, d] after reduceRows: row p holds the summed gradient of the run starting at sorted position p. */
  G: Float64Array;
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
