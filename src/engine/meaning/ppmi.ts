// A reference for what a word means that comes from the data alone: its row of positive pointwise
// mutual information with the contexts it occurs with, PPMI(w, c) = max(0, log P(w, c) / (P(w)·P_α(c))),
// with the context distribution smoothed, P_α(c) ∝ #c^α (α = ¾, as the negative sampler draws
// contexts). Skip-gram with k negatives converges towards the shifted PMI matrix, PMI − log k
// (Levy & Goldberg, NeurIPS 2014), and the cosine of PPMI rows is the "explicit" count-based
// similarity it is compared with there (Levy, Goldberg & Dagan, TACL 2015). Words are then
// neighbours when they occur in the same contexts. A word seen a few times has a short, noisy row:
// the reference is only as good as the counts (the method text says so).

import { topK } from './topK.ts';

/** Context distribution smoothing α (the negative sampler's power, pairData.ts NEGATIVE_POWER). */
export const CONTEXT_POWER = 0.75;

/** PPMI rows in compressed sparse rows, each divided by its Euclidean norm (a row with no positive entry is empty). */
export interface PpmiRows {
  rows: number;
  cols: number;
  /** [rows + 1] first entry of each row, then the number of entries. */
  start: Uint32Array;
  /** [entries] column of each entry, increasing within a row. */
  col: Uint32Array;
  /** [entries] PPMI / ‖row‖ (f32). */
  val: Float32Array;
  /** [rows] pairs whose first member is the row: its count in the data. */
  count: Uint32Array;
}

/**
 * PPMI rows of the pairs (a[j], b[j]) (a in [0, rows), b in [0, cols)). O(pairs · log) time: the
 * pairs are bucketed by row and each row's columns sorted.
 */
export function ppmiRows(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rows: number,
  cols: number,
  power = CONTEXT_POWER,
): PpmiRows {
  const count = new Uint32Array(rows);
  const colCount = new Float64Array(cols);
  for (let j = 0; j < a.length; j++) {
    count[a[j]]++;
    colCount[b[j]]++;
  }
  const first = new Uint32Array(rows + 1);
  for (let r = 0; r < rows; r++) first[r + 1] = first[r] + count[r];
  const fill = first.slice(0, rows);
  const byRow = new Uint32Array(a.length);
  for (let j = 0; j < a.length; j++) byRow[fill[a[j]]++] = b[j];
  // log of Σ_c #c^α, and of each #c^α.
  const smoothed = Float64Array.from(colCount, (n) => power * Math.log(n));
  const logZ = Math.log(colCount.reduce((s, n) => s + Math.pow(n, power), 0));

  const start = new Uint32Array(rows + 1);
  const col = new Uint32Array(a.length);
  const val = new Float32Array(a.length);
  let e = 0;
  for (let r = 0; r < rows; r++) {
    start[r] = e;
    const seg = byRow.subarray(first[r], first[r + 1]).sort();
    const logRow = Math.log(count[r]);
    let norm = 0;
    for (let i = 0; i < seg.length;) {
      const c = seg[i];
      let end = i;
      while (end < seg.length && seg[end] === c) end++;
      const n = end - i;
      i = end;
      const pmi = Math.log(n) + logZ - logRow - smoothed[c];
      if (pmi > 0) {
        col[e] = c;
        val[e++] = pmi;
        norm += pmi * pmi;
      }
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = start[r]; i < e; i++) val[i] *= inv;
  }
  start[rows] = e;
  return { rows, cols, start, col: col.slice(0, e), val: val.slice(0, e), count };
}

/**
 * The k rows most similar to row q by the cosine of their PPMI rows, best first: only rows with a
 * positive similarity (so fewer than k where few rows share a context with q); never q or a row
 * `skip` rejects. `dense` is scratch of `cols` floats (zero on entry and on return).
 */
export function ppmiNeighbours(
  m: PpmiRows,
  q: number,
  k: number,
  skip: (r: number) => boolean = () => false,
  dense = new Float32Array(m.cols),
): number[] {
  for (let i = m.start[q]; i < m.start[q + 1]; i++) dense[m.col[i]] = m.val[i];
  const score = (r: number) => {
    let s = 0;
    for (let i = m.start[r]; i < m.start[r + 1]; i++) s += dense[m.col[i]] * m.val[i];
    return s;
  };
  const scores = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) scores[r] = r === q || skip(r) ? 0 : score(r);
  for (let i = m.start[q]; i < m.start[q + 1]; i++) dense[m.col[i]] = 0;
  return topK(
    m.rows,
    k,
    (r) => scores[r],
    (r) => !(scores[r] > 0),
  );
}
