import { tableOf } from '../workloads/runData.ts';
// Reference of shaders/reduceRows.wgsl.
//   reduceRows: for each run of equal keys in sorted order starting at p, the run's gradient rows
//     are summed in sorted order into G[vals[p]] (in place; other rows of G are left as they were).
//   countRows: CF-SGD counters n_k += run length; n_max = max(n_max, n_k).

export function isRunStart(keys: Uint32Array, p: number): boolean {
  return p === 0 || keys[p] !== keys[p - 1];
}

export function reduceRows(keys: Uint32Array, vals: Uint32Array, G: Float64Array, d: number): Float64Array {
  const out = G.slice();
  for (let p = 0; p < keys.length; p++) {
    if (!isRunStart(keys, p)) continue;
    const acc = new Float64Array(d);
    for (let q = p; q < keys.length && keys[q] === keys[p]; q++)
      for (let j = 0; j < d; j++) acc[j] += G[vals[q] * d + j];
    out.set(acc, vals[p] * d);
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
