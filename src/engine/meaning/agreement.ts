// How well a lane's table agrees with the data's own idea of meaning, by frequency bucket: for a
// fixed set of query rows per bucket (head, torso, tail), the share of each query's k nearest
// neighbours in the reference (cosine of PPMI rows, ppmi.ts) that are also among its k nearest
// neighbours in the lane's table (cosine of learned rows): overlap@k, averaged over the bucket's
// queries. 1: the lane lists the reference's neighbours; k / (rows − 1): chance.

import { cosines } from './cosine.ts';
import { ppmiNeighbours, type PpmiRows } from './ppmi.ts';
import { overlapAt, topK } from './topK.ts';

/** Neighbours compared per query. */
export const AGREEMENT_K = 10;
/** Queries per bucket at most (evenly spaced ranks when the bucket has more rows). */
export const QUERIES_PER_BUCKET = 60;

/** The fixed queries of a run and their reference neighbours. */
export interface AgreementSetup {
  k: number;
  /** [3][≤ QUERIES_PER_BUCKET] query rows of head, torso, tail. */
  queries: number[][];
  /** [3][queries] the k reference neighbours of each query, best first. */
  reference: number[][][];
  /** Rows never a query nor a neighbour (e.g. the bucket of words outside the vocabulary). */
  excluded: Set<number>;
  /** Neighbours are rows [0, candidates). */
  candidates: number;
}

/** `count` items of `xs`, evenly spaced (all when there are no more than `count`). */
export function evenlySpaced<T>(xs: T[], count: number): T[] {
  if (xs.length <= count) return xs;
  return Array.from({ length: count }, (_, i) => xs[Math.floor(((i + 0.5) * xs.length) / count)]);
}

/**
 * Queries per bucket (bounds: [headEnd, torsoEnd) of the first table's ranks) among rows with a
 * reference row, each kept only when the reference lists k neighbours for it.
 */
export function agreementSetup(
  m: PpmiRows,
  bounds: [number, number],
  excluded: Set<number> = new Set(),
  k = AGREEMENT_K,
  perBucket = QUERIES_PER_BUCKET,
  candidates = m.rows,
): AgreementSetup {
  const ends = [0, bounds[0], bounds[1], m.rows];
  const dense = new Float32Array(m.cols);
  const skip = (r: number) => excluded.has(r) || r >= candidates;
  const queries: number[][] = [];
  const reference: number[][][] = [];
  for (let b = 0; b < 3; b++) {
    const candidates: number[] = [];
    for (let r = ends[b]; r < ends[b + 1]; r++) if (!excluded.has(r) && m.start[r + 1] > m.start[r]) candidates.push(r);
    const kept = evenlySpaced(candidates, perBucket)
      .map((q) => ({ q, ref: ppmiNeighbours(m, q, k, skip, dense) }))
      .filter((x) => x.ref.length === k);
    queries.push(kept.map((x) => x.q));
    reference.push(kept.map((x) => x.ref));
  }
  return { k, queries, reference, excluded, candidates };
}

/**
 * [head, torso, tail] mean overlap@k of a lane's table with the reference (NaN: a bucket without
 * queries). `unit`: the first table's rows normalised ([rows, d], cosine.ts unitRows).
 */
export function agreement(setup: AgreementSetup, unit: Float32Array, d: number): [number, number, number] {
  const skip = (r: number) => setup.excluded.has(r) || r >= setup.candidates;
  return setup.queries.map((qs, b) => {
    if (qs.length === 0) return NaN;
    let sum = 0;
    qs.forEach((q, i) => {
      const c = cosines(unit, d, q, setup.candidates);
      const mine = topK(
        c.length,
        setup.k,
        (r) => c[r],
        (r) => r === q || skip(r),
      );
      sum += overlapAt(setup.k, mine, setup.reference[b][i]);
    });
    return sum / qs.length;
  }) as [number, number, number];
}
