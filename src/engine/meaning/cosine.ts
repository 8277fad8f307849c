// Nearest neighbours in a learned table by the cosine of its rows: a lane's view of which words
// (users, tokens) are alike. Rows are normalised once per table snapshot, then each query is one
// pass of dot products.

import { topK } from './topK.ts';

/** Rows [first, first + n) of a [R, d] table, each divided by its norm ([n, d]; a zero row stays zero). */
export function unitRows(table: ArrayLike<number>, d: number, first: number, n: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    const at = (first + r) * d;
    let sq = 0;
    for (let j = 0; j < d; j++) sq += table[at + j] * table[at + j];
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let j = 0; j < d; j++) out[r * d + j] = table[at + j] * inv;
  }
  return out;
}

/** Cosine of row q with rows [0, n) of `unit` ([rows, d], from unitRows; all rows unless n is given). */
export function cosines(unit: Float32Array, d: number, q: number, n = unit.length / d): Float64Array {
  const out = new Float64Array(n);
  const at = q * d;
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += unit[r * d + j] * unit[at + j];
    out[r] = s;
  }
  return out;
}

/**
 * The k rows of [0, among) nearest to row q by cosine, best first, with their cosines; never q or
 * a row `skip` rejects.
 */
export function cosineNeighbours(
  unit: Float32Array,
  d: number,
  q: number,
  k: number,
  among = unit.length / d,
  skip: (r: number) => boolean = () => false,
): { rows: number[]; cos: number[] } {
  const c = cosines(unit, d, q, among);
  const rows = topK(
    among,
    k,
    (r) => c[r],
    (r) => r === q || skip(r),
  );
  return { rows, cos: rows.map((r) => c[r]) };
}
