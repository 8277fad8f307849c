// Reference of shaders/reduceRows.wgsl.
//   The sorted occurrences are cut into segments of SEGMENT positions; a run of equal keys falls
//   into one or more parts, each within one segment. reduceRows: each part's gradient rows are summed
//   in sorted order, then each run's part sums are added in order (its first part, then the part at
//   each segment boundary inside it) into G[p] at the run's start p (sorted position; in place,
//   other rows of G are left as they were). The GPU sums the parts in parallel, in the same order.
//   countRows: CF-SGD counters n_k += run length; n_max = max(n_max, n_k).

import { tableOf } from '../workloads/runData.ts';

/** Sorted positions per segment of the row reduction (SEGMENT in reduceRows.wgsl). */
export const SEGMENT = 256;

export function isRunStart(keys: Uint32Array, p: number): boolean {
  return p === 0 || keys[p] !== keys[p - 1];
}

/**
 * G: [O, d] gradient rows by occurrence. Returns a copy whose row p, for each run start p, is its
 * run's sum (part sums in order, each in sorted order).
 */
export function reduceRows(keys: Uint32Array, vals: Uint32Array, G: Float64Array, d: number): Float64Array {
  const out = G.slice();
  const O = keys.length;
  // Part sums, at each part's first position.
  const parts = new Map<number, Float64Array>();
  let acc = new Float64Array(d);
  for (let q = 0; q < O; q++) {
    if (q % SEGMENT === 0 || isRunStart(keys, q)) parts.set(q, (acc = new Float64Array(d)));
    for (let j = 0; j < d; j++) acc[j] += G[vals[q] * d + j];
  }
  for (let p = 0; p < O; p++) {
    if (!isRunStart(keys, p)) continue;
    const sum = parts.get(p)!.slice();
    for (let b = (Math.floor(p / SEGMENT) + 1) * SEGMENT; b < O && keys[b] === keys[p]; b += SEGMENT) {
      const part = parts.get(b)!;
      for (let j = 0; j < d; j++) sum[j] += part[j];
    }
    out.set(sum, p * d);
  }
  return out;
}

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
