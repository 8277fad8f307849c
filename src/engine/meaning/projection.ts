// A picture of a table: a sample of its rows projected on their first two principal components
// (PCA of the sample, centred), so that rows that learnt little stay in a huddle near the middle
// while rows that learnt spread out. Each lane gets its own axes (a projection has no common
// orientation across tables); each axis is turned so that the head rows lie on its positive side.

import { evenlySpaced } from './agreement.ts';

/** Sampled rows per bucket at most (the head is usually smaller). */
export const PROJECTED_PER_BUCKET = 120;

/** The rows to project: up to PROJECTED_PER_BUCKET of each bucket, evenly spaced in rank. */
export function projectedRows(rows: number, bounds: [number, number], excluded: ReadonlySet<number>): number[] {
  const ends = [0, bounds[0], bounds[1], rows];
  return [0, 1, 2].flatMap((b) => {
    const all: number[] = [];
    for (let r = ends[b]; r < ends[b + 1]; r++) if (!excluded.has(r)) all.push(r);
    return evenlySpaced(all, PROJECTED_PER_BUCKET);
  });
}

export interface Projection {
  /** [n, 2] coordinates of the sampled rows. */
  xy: number[];
  /** Share of the sample's variance along each axis. */
  explained: [number, number];
}

/** The top eigenvector of a symmetric [d, d] matrix (power iteration from a fixed start), and its eigenvalue. */
function topEigen(m: Float64Array, d: number): { v: Float64Array; value: number } {
  let v = Float64Array.from({ length: d }, (_, j) => 1 + j / d);
  let value = 0;
  for (let it = 0; it < 300; it++) {
    const w = new Float64Array(d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) w[i] += m[i * d + j] * v[j];
    const norm = Math.hypot(...w);
    if (norm === 0) return { v, value: 0 };
    const next = w.map((x) => x / norm);
    const moved = Math.hypot(...next.map((x, i) => x - v[i]));
    v = next;
    value = norm;
    if (moved < 1e-10) break;
  }
  return { v, value };
}

/** PCA projection of `rows` of a [R, d] table (the head rows being the first `headCount` of them). */
export function project(table: ArrayLike<number>, d: number, rows: number[], headCount: number): Projection {
  const n = rows.length;
  const mean = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += table[r * d + j] / n;
  const x = new Float64Array(n * d);
  rows.forEach((r, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = table[r * d + j] - mean[j];
  });
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] += (x[i * d + a] * x[i * d + b]) / n;
  let trace = 0;
  for (let a = 0; a < d; a++) trace += cov[a * d + a];
  const first = topEigen(cov, d);
  // Deflate, then the second component.
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= first.value * first.v[a] * first.v[b];
  const second = topEigen(cov, d);
  const axes = [first.v, second.v];
  const xy = new Array<number>(2 * n).fill(0);
  for (let i = 0; i < n; i++)
    axes.forEach((v, c) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j] * v[j];
      xy[2 * i + c] = s;
    });
  // Orientation: the head's mean on the positive side of each axis.
  for (let c = 0; c < 2; c++) {
    let head = 0;
    for (let i = 0; i < Math.min(headCount, n); i++) head += xy[2 * i + c];
    if (head < 0) for (let i = 0; i < n; i++) xy[2 * i + c] = -xy[2 * i + c];
  }
  const share = (value: number) => (trace > 0 ? value / trace : 0);
  return { xy, explained: [share(first.value), share(second.value)] };
}
