// Everything a run needs that is fixed for its whole life, built once on the CPU from the
// configuration and handed to every engine (GPU, fast CPU, float64 reference) so that all of them
// start from identical bits: frequencies, alias tables, teacher, initial table, metric items.

import { slotsPerSample, totalRows, type RunConfig } from '../config.ts';
import { buildAliasTable, sampleAlias, type AliasTable } from './aliasTable.ts';
import { bucketBounds, bucketOf, probabilities, RANK_BINS, rankBinOf, rankBinStarts } from './distributions.ts';
import { draw, normalDraw, sampleKey } from './rng.ts';

/** RNG "step" values reserved for one-off streams (training steps count from 1). */
export const STREAM = {
  teacher: 0xfffffff0,
  init: 0xfffffff1,
  evaluation: 0xfffffff2,
} as const;

/** Marks "no second row" in a metric item (token regression). */
export const NO_ROW = 0xffffffff;

/** Items summed per metrics chunk; chunks never cross a bucket or rank-bin boundary. */
export const METRIC_CHUNK = 256;

/** Pairs in the fixed evaluation set of matrix factorisation. */
export const EVAL_PAIRS = 4096;

/** Rows whose effective step size is reported (log-spaced ranks of the first table). */
export const EFF_ROWS_MAX = 64;

export interface MetricItems {
  /** [M] first row of each item (token k, or user u). */
  a: Uint32Array;
  /** [M] second row (rows + item v), or NO_ROW. */
  b: Uint32Array;
  /** [M] weight (f32 values): ½ p_k for a token, ½ / M for a pair. Sum over items = excess loss. */
  w: Float32Array;
  /** Chunks [start, end) of items, each inside one bucket and one rank bin, in item order. */
  chunkStart: Uint32Array;
  chunkEnd: Uint32Array;
  chunkBucket: Uint32Array;
  chunkBin: Uint32Array;
  /**
   * Probability mass of each group: head, torso, tail, then the RANK_BINS rank bins (of the
   * first table's row). Divides the raw sums into conditional losses.
   */
  groupMass: Float64Array;
}

export interface RunData {
  config: RunConfig;
  /** R: rows of the concatenated table. */
  rows: number;
  /** S: table rows per sample; O = S·B occurrences per step. */
  slots: number;
  occurrences: number;
  /** [R] probability that a sample contains row k (tokens; users then items). */
  rowFreq: Float64Array;
  /** The largest rowFreq: FA-SGD boosts row k by (pmax / rowFreq[k])^β. */
  pmax: number;
  tokenAlias: AliasTable;
  /** Item sampler (matrix factorisation), else null. */
  itemAlias: AliasTable | null;
  /** [R, d] teacher table θ*, values exactly representable in f32. */
  teacher: Float32Array;
  /** [R, d] initial table shared by all lanes, f32 values. */
  init: Float32Array;
  metricItems: MetricItems;
  /** [≤ EFF_ROWS_MAX] rows of the first table whose effective step is reported. */
  effRows: Uint32Array;
  /** [RANK_BINS + 1] first row of each rank bin of the first table, then its size. */
  rankBins: Uint32Array;
  /** σ as f32, the noise scale. */
  noise: number;
}

/** Fills rows [from, from+count) of t with f32 normal draws times scale, from stream `stream`. */
function fillNormal(
  t: Float32Array,
  d: number,
  from: number,
  count: number,
  seed: number,
  stream: number,
  scale: number,
) {
  const s = Math.fround(scale);
  for (let k = from; k < from + count; k++) {
    const base = sampleKey(seed, stream, k);
    for (let j = 0; j < d; j++) t[k * d + j] = Math.fround(normalDraw(base, 2 * j) * s);
  }
}

function logSpacedRows(n: number, count: number): Uint32Array {
  const set = new Set<number>();
  for (let i = 0; i < count; i++) set.add(Math.min(n - 1, Math.round(Math.pow(n, i / (count - 1)) - 1)));
  return Uint32Array.from([...set].sort((x, y) => x - y));
}

/** Chunks over items sorted by (bucket, bin), with each group's mass (`mass`: an item's probability). */
function chunked(
  bucketOfItem: Uint32Array,
  binOfItem: Uint32Array,
  mass: ArrayLike<number>,
): Pick<MetricItems, 'chunkStart' | 'chunkEnd' | 'chunkBucket' | 'chunkBin' | 'groupMass'> {
  const start: number[] = [];
  const end: number[] = [];
  const bucket: number[] = [];
  const bin: number[] = [];
  const groupMass = new Float64Array(3 + RANK_BINS);
  for (let i = 0; i < bucketOfItem.length;) {
    const b = bucketOfItem[i];
    const r = binOfItem[i];
    let e = i;
    while (e < bucketOfItem.length && bucketOfItem[e] === b && binOfItem[e] === r && e - i < METRIC_CHUNK) {
      groupMass[b] += mass[e];
      groupMass[3 + r] += mass[e];
      e++;
    }
    start.push(i);
    end.push(e);
    bucket.push(b);
    bin.push(r);
    i = e;
  }
  return {
    chunkStart: Uint32Array.from(start),
    chunkEnd: Uint32Array.from(end),
    chunkBucket: Uint32Array.from(bucket),
    chunkBin: Uint32Array.from(bin),
    groupMass,
  };
}

function tokenRegressionItems(p: Float64Array, ends: [number, number]): MetricItems {
  const n = p.length;
  const bounds = bucketBounds(n, ends);
  return {
    a: Uint32Array.from({ length: n }, (_, k) => k),
    b: new Uint32Array(n).fill(NO_ROW),
    w: Float32Array.from(p, (pk) => pk / 2),
    ...chunked(
      Uint32Array.from({ length: n }, (_, k) => bucketOf(k, bounds)),
      Uint32Array.from({ length: n }, (_, k) => rankBinOf(k, n)),
      p,
    ),
  };
}

/**
 * Evaluation pairs drawn once from the seed; a pair's bucket is that of its rarer member, its
 * rank bin that of its user.
 */
function matrixFactorizationItems(c: RunConfig, users: AliasTable, items: AliasTable): MetricItems {
  const ub = bucketBounds(c.rows, c.bucketEnds);
  const ib = bucketBounds(c.items, c.bucketEnds);
  const pairs = Array.from({ length: EVAL_PAIRS }, (_, e) => {
    const base = sampleKey(c.seed, STREAM.evaluation, e);
    const u = sampleAlias(users, draw(base, 0), draw(base, 1));
    const v = sampleAlias(items, draw(base, 2), draw(base, 3));
    return { u, v, bucket: Math.max(bucketOf(u, ub), bucketOf(v, ib)), bin: rankBinOf(u, c.rows) };
  }).sort((x, y) => x.bucket - y.bucket || x.bin - y.bin);
  return {
    a: Uint32Array.from(pairs, (q) => q.u),
    b: Uint32Array.from(pairs, (q) => c.rows + q.v),
    w: new Float32Array(EVAL_PAIRS).fill(0.5 / EVAL_PAIRS),
    ...chunked(
      Uint32Array.from(pairs, (q) => q.bucket),
      Uint32Array.from(pairs, (q) => q.bin),
      new Float64Array(EVAL_PAIRS).fill(1 / EVAL_PAIRS),
    ),
  };
}

/** Builds the fixed data of a run. The configuration must be valid (validateConfig). */
export function prepareRun(config: RunConfig): RunData {
  const c = config;
  const d = c.dim;
  const rows = totalRows(c);
  const tokenP = probabilities(c.tokens, c.rows);
  const tokenAlias = buildAliasTable(tokenP);
  const mf = c.workload === 'matrixFactorization';
  const itemP = mf ? probabilities(c.itemTokens, c.items) : null;
  const itemAlias = itemP ? buildAliasTable(itemP) : null;
  const rowFreq = new Float64Array(rows);
  rowFreq.set(tokenP);
  if (itemP) rowFreq.set(itemP, c.rows);

  const teacher = new Float32Array(rows * d);
  const init = new Float32Array(rows * d);
  if (mf) {
    // ⟨u*, v*⟩ has unit variance; the learner starts small and random (zero is a saddle point).
    fillNormal(teacher, d, 0, rows, c.seed, STREAM.teacher, Math.pow(d, -0.25));
    fillNormal(init, d, 0, rows, c.seed, STREAM.init, 0.1 * Math.pow(d, -0.25));
  } else {
    // ‖θ*_k‖² ≈ 1; the learner starts at zero, so the initial excess loss is about ½.
    fillNormal(teacher, d, 0, rows, c.seed, STREAM.teacher, 1 / Math.sqrt(d));
  }
  return {
    config: c,
    rows,
    slots: slotsPerSample(c),
    occurrences: slotsPerSample(c) * c.batch,
    rowFreq,
    pmax: rowFreq.reduce((m, p) => Math.max(m, p), 0),
    tokenAlias,
    itemAlias,
    teacher,
    init,
    metricItems: mf ? matrixFactorizationItems(c, tokenAlias, itemAlias!) : tokenRegressionItems(tokenP, c.bucketEnds),
    effRows: logSpacedRows(c.rows, EFF_ROWS_MAX),
    rankBins: rankBinStarts(c.rows),
    noise: Math.fround(c.noise),
  };
}

/**
 * The token stream of one step, shared by all lanes: occurrence o's row, and for token
 * regression the contexts. Draw layout of sample i (base = sampleKey(seed, step, i)):
 *   token regression: 0,1 token; 2+2j, 3+2j context x_j; 2+2d, 3+2d noise
 *   matrix factorisation: 0,1 user; 2,3 item; 4,5 noise
 */
export interface StepSamples {
  /** [O] row of each occurrence: token / user i at o = i, item at o = B + i (offset by users). */
  rows: Uint32Array;
  /** [B, d] contexts (token regression; f32 values), empty otherwise. */
  x: Float32Array;
  /** [B] standard noise draw z_i (f32 values); the label noise is σ·z_i. */
  z: Float32Array;
}

export function sampleStep(data: RunData, step: number, out?: StepSamples): StepSamples {
  const c = data.config;
  const B = c.batch;
  const d = c.dim;
  const mf = data.itemAlias !== null;
  const s = out ?? {
    rows: new Uint32Array(data.occurrences),
    x: new Float32Array(mf ? 0 : B * d),
    z: new Float32Array(B),
  };
  for (let i = 0; i < B; i++) {
    const base = sampleKey(c.seed, step, i);
    s.rows[i] = sampleAlias(data.tokenAlias, draw(base, 0), draw(base, 1));
    if (mf) {
      s.rows[B + i] = c.rows + sampleAlias(data.itemAlias!, draw(base, 2), draw(base, 3));
      s.z[i] = normalDraw(base, 4);
    } else {
      for (let j = 0; j < d; j++) s.x[i * d + j] = normalDraw(base, 2 + 2 * j);
      s.z[i] = normalDraw(base, 2 + 2 * d);
    }
  }
  return s;
}
