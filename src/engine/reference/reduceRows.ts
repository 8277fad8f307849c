// Reference of shaders/reduceRows.wgsl (segmentSums, countRows) and of the run sums that begin
// shaders/optimizerStep.wgsl.
//   partSums: the sorted occurrences are cut into segments of SEGMENT positions (../step.ts); a run
//     of equal keys falls into one part per segment it touches; each part's gradient rows are summed
//     in sorted order, at the part's first position (segmentSums).
//   runSums: each run's part sums added in order (its first part, then the part at each segment
//     boundary inside it) into the run's start position (optimizerStep).
//   reduceRows: both, each run's gradient sum at its start.
//   countRows: CF-SGD counters n_k += run length; each table's largest n_k.

import { SEGMENT } from '../step.ts';
import { tableOf } from '../workloads/runData.ts';

export function isRunStart(keys: Uint32Array, p: number): boolean {
  return p === 0 || keys[p] !== keys[p - 1];
}

/** G: [O, d] gradient rows by occurrence. Returns [O, d]: each part's sum at its first position, 0 elsewhere. */
export function partSums(keys: Uint32Array, vals: Uint32Array, G: Float64Array, d: number): Float64Array {
  const out = new Float64Array(keys.length * d);
  let at = 0;
  for (let q = 0; q < keys.length; q++) {
    if (q % SEGMENT === 0 || isRunStart(keys, q)) at = q * d;
    for (let j = 0; j < d; j++) out[at + j] += G[vals[q] * d + j];
  }
  return out;
}

/** parts: partSums' [O, d]. Returns a copy whose row p, for each run start p, is its run's sum. */
export function runSums(keys: Uint32Array, parts: Float64Array, d: number): Float64Array {
  const out = parts.slice();
  for (let p = 0; p < keys.length; p++) {
    if (!isRunStart(keys, p)) continue;
    for (let b = (Math.floor(p / SEGMENT) + 1) * SEGMENT; b < keys.length && keys[b] === keys[p]; b += SEGMENT)
      for (let j = 0; j < d; j++) out[p * d + j] += parts[b * d + j];
  }
  return out;
}

/** G: [O, d] gradient rows by occurrence. Returns [O, d] with each run's sum at its start position. */
export const reduceRows = (keys: Uint32Array, vals: Uint32Array, G: Float64Array, d: number) =>
  runSums(keys, partSums(keys, vals, G, d), d);

/**
 * Updates counters [R + S] in place: n_k of each row k, then the largest n_k of each of the S
 * tables (`starts`: the first row of each table, then R).
 */
export function countRows(keys: Uint32Array, counters: Uint32Array, starts: Uint32Array): void {
  const R = starts[starts.length - 1];
  for (let p = 0; p < keys.length; p++) {
    if (!isRunStart(keys, p)) continue;
    let q = p;
    while (q < keys.length && keys[q] === keys[p]) q++;
    const k = keys[p];
    counters[k] += q - p;
    const t = R + tableOf(starts, k);
    counters[t] = Math.max(counters[t], counters[k]);
  }
}
