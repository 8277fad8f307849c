// Everything a run needs that is fixed for its whole life, built once on the CPU from the
// configuration and handed to every engine (GPU, fast CPU, float64 reference) so that all of them
// start from identical bits: frequencies, alias tables, teacher, initial table, metric items.

import { pairWorkload, slotsPerSample, totalRows, type RunConfig } from '../config.ts';
import { GROUP, METRIC_GROUPS } from '../metrics.ts';
import { buildAliasTable, sampleAlias, type AliasTable } from './aliasTable.ts';
import { bucketBounds, bucketOf, probabilities, rankBinOf, rankBinStarts } from './distributions.ts';
import { splitHeldOut } from './interactions.ts';
import { NEGATIVE_POWER, NEGATIVE_SHARE, pairFingerprint, type PairData } from './pairData.ts';
import { draw, mulhi, normalDraw, sampleKey } from './rng.ts';

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

/** Pairs in the fixed evaluation set of matrix factorisation; most held-out positives evaluated on data. */
export const EVAL_PAIRS = 4096;

/** Rows whose effective step size is reported (log-spaced ranks of the first table). */
export const EFF_ROWS_MAX = 64;

export interface MetricItems {
  /** [M] first row of each item (token k, or user u). */
  a: Uint32Array;
  /** [M] second row (rows + item v), or NO_ROW. */
  b: Uint32Array;
  /**
   * [M] weight (f32 values) so that the sum over items of w·err is the loss reported: ½ p_k for a
   * token, ½ / M for a pair with a teacher; on data ½ / M (ratings) or the pair's share of the
   * positive/negative mixture over M (implicit).
   */
  w: Float32Array;
  /** [M] label of a data pair (centred rating, or 1 / 0), f32 values; 0 elsewhere. */
  y: Float32Array;
  /** Chunks [start, end) of items, each inside one group of every kind, in item order. */
  chunkStart: Uint32Array;
  chunkEnd: Uint32Array;
  /** [C] bit g set: the chunk's items belong to group g (metrics.ts GROUP). */
  chunkGroups: Uint32Array;
  /**
   * [METRIC_GROUPS] probability mass of each group (head, torso, tail; item head, torso, tail;
   * the rank bins of the first table): divides the raw sums into conditional losses.
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
  /** Item sampler (matrix factorisation) or negative sampler (implicit data), else null. */
  itemAlias: AliasTable | null;
  /** Loss of a sample: ½(score − y)², or logistic log(1 + e^score) − y·score with y ∈ {0, 1}. */
  loss: 'squared' | 'logistic';
  /** Training pairs of a data run (b within the second table; y centred ratings, or all 1), else null. */
  train: { a: Uint32Array; b: Uint32Array; y: Float32Array } | null;
  /** u32: a data sample is a negative when draw 1 is below this (0: never). */
  negThreshold: number;
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

/** Group mask of an item: its bucket, its item bucket (pairs), its rank bin. */
const groupMask = (bucket: number, itemBucket: number | null, bin: number) =>
  (1 << (GROUP.bucket + bucket)) |
  (itemBucket === null ? 0 : 1 << (GROUP.itemBucket + itemBucket)) |
  (1 << (GROUP.bin + bin));

/** Chunks over items sorted by group mask, with each group's mass (`mass`: an item's probability). */
function chunked(
  maskOfItem: Uint32Array,
  mass: ArrayLike<number>,
): Pick<MetricItems, 'chunkStart' | 'chunkEnd' | 'chunkGroups' | 'groupMass'> {
  const start: number[] = [];
  const end: number[] = [];
  const groups: number[] = [];
  const groupMass = new Float64Array(METRIC_GROUPS);
  for (let i = 0; i < maskOfItem.length;) {
    const m = maskOfItem[i];
    let e = i;
    while (e < maskOfItem.length && maskOfItem[e] === m && e - i < METRIC_CHUNK) {
      for (let g = 0; g < METRIC_GROUPS; g++) if ((m >>> g) & 1) groupMass[g] += mass[e];
      e++;
    }
    start.push(i);
    end.push(e);
    groups.push(m);
    i = e;
  }
  return {
    chunkStart: Uint32Array.from(start),
    chunkEnd: Uint32Array.from(end),
    chunkGroups: Uint32Array.from(groups),
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
    y: new Float32Array(n),
    ...chunked(
      Uint32Array.from({ length: n }, (_, k) => groupMask(bucketOf(k, bounds), null, rankBinOf(k, n))),
      p,
    ),
  };
}

/** A pair metric item before sorting into chunks. */
interface PairItem {
  u: number;
  v: number;
  y: number;
  w: number;
  mass: number;
  mask: number;
}

function pairItems(c: RunConfig, pairs: PairItem[]): MetricItems {
  pairs.sort((x, y) => x.mask - y.mask);
  return {
    a: Uint32Array.from(pairs, (q) => q.u),
    b: Uint32Array.from(pairs, (q) => c.rows + q.v),
    w: Float32Array.from(pairs, (q) => q.w),
    y: Float32Array.from(pairs, (q) => q.y),
    ...chunked(
      Uint32Array.from(pairs, (q) => q.mask),
      Float64Array.from(pairs, (q) => q.mass),
    ),
  };
}

/**
 * Evaluation pairs drawn once from the seed; a pair's bucket is that of its rarer member, its
 * item bucket that of its item, its rank bin that of its user.
 */
function matrixFactorizationItems(c: RunConfig, users: AliasTable, items: AliasTable): MetricItems {
  const ub = bucketBounds(c.rows, c.bucketEnds);
  const ib = bucketBounds(c.items, c.bucketEnds);
  return pairItems(
    c,
    Array.from({ length: EVAL_PAIRS }, (_, e) => {
      const base = sampleKey(c.seed, STREAM.evaluation, e);
      const u = sampleAlias(users, draw(base, 0), draw(base, 1));
      const v = sampleAlias(items, draw(base, 2), draw(base, 3));
      const mask = groupMask(Math.max(bucketOf(u, ub), bucketOf(v, ib)), bucketOf(v, ib), rankBinOf(u, c.rows));
      return { u, v, y: 0, w: 0.5 / EVAL_PAIRS, mass: 1 / EVAL_PAIRS, mask };
    }),
  );
}

/**
 * Held-out pairs of a data run (at most EVAL_PAIRS, a seeded choice), grouped by the user's
 * bucket, the item's bucket and the user's rank bin. Implicit data adds one negative per positive
 * (same user, an item from the negative sampler), so the held-out loss is the training mixture's.
 */
function dataItems(
  c: RunData['config'],
  pairs: PairData,
  heldOut: Uint32Array,
  negatives: AliasTable | null,
  meanRating: number,
): MetricItems {
  const ub = bucketBounds(c.rows, c.bucketEnds);
  const ib = bucketBounds(c.items, c.bucketEnds);
  let chosen = heldOut;
  if (heldOut.length > EVAL_PAIRS) {
    // A seeded choice of EVAL_PAIRS held-out pairs: those of the smallest hashes, in file order.
    const stream = sampleKey(c.seed, STREAM.evaluation, 0);
    const keys = Uint32Array.from(heldOut, (j) => draw(stream, j));
    const cutoff = keys.slice().sort()[EVAL_PAIRS - 1];
    chosen = heldOut.filter((_, i) => keys[i] <= cutoff).slice(0, EVAL_PAIRS);
  }
  const M = chosen.length;
  const item = (u: number, v: number, y: number, share: number): PairItem => ({
    u,
    v,
    y,
    w: (pairs.y ? 0.5 : share) / M,
    mass: share / M,
    mask: groupMask(bucketOf(u, ub), bucketOf(v, ib), rankBinOf(u, c.rows)),
  });
  const items: PairItem[] = [];
  chosen.forEach((j, e) => {
    const u = pairs.a[j];
    if (pairs.y) return items.push(item(u, pairs.b[j], Math.fround(pairs.y[j] - meanRating), 1));
    items.push(item(u, pairs.b[j], 1, 1 - NEGATIVE_SHARE));
    const base = sampleKey(c.seed, STREAM.evaluation, e + 1);
    items.push(item(u, sampleAlias(negatives!, draw(base, 0), draw(base, 1)), 0, NEGATIVE_SHARE));
  });
  return pairItems(c, items);
}

/** Probabilities ∝ counts^power over n rows (rows never counted get 0). */
function powerOfCounts(counts: Uint32Array, power: number): Float64Array {
  const p = Float64Array.from(counts, (n) => Math.pow(n, power));
  const total = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / total);
}

/**
 * The fixed data of a 'data' run: the seeded held-out split, frequencies counted on the training
 * part only, the negative sampler (implicit data) and the held-out items.
 */
function prepareData(c: RunConfig, pairs: PairData): RunData {
  if (!c.data) throw new Error('A data run needs its data reference.');
  if (pairFingerprint(pairs) !== c.data.fingerprint || pairs.rows !== c.rows || pairs.items !== c.items)
    throw new Error(`The data loaded is not "${c.data.name}" that this run was made with.`);
  const d = c.dim;
  const { train, heldOut } = splitHeldOut(pairs.a.length, c.data.heldOut, c.seed);
  if (train.length === 0 || heldOut.length === 0)
    throw new Error('The held-out split left one part empty: the data needs more interactions.');
  const userCounts = new Uint32Array(c.rows);
  const itemCounts = new Uint32Array(c.items);
  let ratingSum = 0;
  for (const j of train) {
    userCounts[pairs.a[j]]++;
    itemCounts[pairs.b[j]]++;
    if (pairs.y) ratingSum += pairs.y[j];
  }
  const meanRating = pairs.y ? ratingSum / train.length : 0;
  const N = train.length;
  const implicit = pairs.y === null;
  const q = implicit ? NEGATIVE_SHARE : 0;
  const negP = implicit ? powerOfCounts(itemCounts, NEGATIVE_POWER) : null;
  const itemAlias = negP ? buildAliasTable(negP) : null;
  // P(a sample holds row k): a user's share of the training pairs; an item's share of the
  // positives and, on implicit data, of the negatives. A row never in the training part counts as
  // half an occurrence (it is never updated; its FA-SGD boost is then finite).
  const rows = c.rows + c.items;
  const rowFreq = new Float64Array(rows);
  for (let u = 0; u < c.rows; u++) rowFreq[u] = Math.max(userCounts[u], 0.5) / N;
  for (let v = 0; v < c.items; v++)
    rowFreq[c.rows + v] = (1 - q) * (Math.max(itemCounts[v], 0.5) / N) + q * (negP ? negP[v] : 0);
  const init = new Float32Array(rows * d);
  fillNormal(init, d, 0, rows, c.seed, STREAM.init, 0.1 * Math.pow(d, -0.25));
  return {
    config: c,
    rows,
    slots: 2,
    occurrences: 2 * c.batch,
    rowFreq,
    pmax: rowFreq.reduce((m, p) => Math.max(m, p), 0),
    tokenAlias: buildAliasTable(powerOfCounts(userCounts, 1)),
    itemAlias,
    loss: implicit ? 'logistic' : 'squared',
    train: {
      a: Uint32Array.from(train, (j) => pairs.a[j]),
      b: Uint32Array.from(train, (j) => pairs.b[j]),
      y: implicit ? new Float32Array(N).fill(1) : Float32Array.from(train, (j) => pairs.y![j] - meanRating),
    },
    negThreshold: Math.floor(q * 2 ** 32),
    teacher: new Float32Array(0),
    init,
    metricItems: dataItems(c, pairs, heldOut, itemAlias, meanRating),
    effRows: logSpacedRows(c.rows, EFF_ROWS_MAX),
    rankBins: rankBinStarts(c.rows),
    noise: 0,
  };
}

/**
 * Builds the fixed data of a run. The configuration must be valid (validateConfig); a 'data' run
 * needs its pairs (which must be the data its configuration names).
 */
export function prepareRun(config: RunConfig, pairs?: PairData): RunData {
  const c = config;
  if (c.workload === 'data') {
    if (!pairs) throw new Error(`The data of this run ("${c.data?.name ?? 'unnamed'}") is not loaded.`);
    return prepareData(c, pairs);
  }
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
    loss: 'squared',
    train: null,
    negThreshold: 0,
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
 *   data: 0 training pair (mulhi(draw, N)); 1 negative when below negThreshold; 2,3 its item
 */
export interface StepSamples {
  /** [O] row of each occurrence: token / user i at o = i, item at o = B + i (offset by users). */
  rows: Uint32Array;
  /** [B, d] contexts (token regression; f32 values), empty otherwise. */
  x: Float32Array;
  /** [B] standard noise draw z_i (f32 values; teacher workloads): the label noise is σ·z_i. */
  z: Float32Array;
  /** [B] label of each sample (data runs; f32 values), empty otherwise. */
  y: Float32Array;
}

export function sampleStep(data: RunData, step: number, out?: StepSamples): StepSamples {
  const c = data.config;
  const B = c.batch;
  const d = c.dim;
  const pair = pairWorkload(c);
  const train = data.train;
  const s = out ?? {
    rows: new Uint32Array(data.occurrences),
    x: new Float32Array(pair ? 0 : B * d),
    z: new Float32Array(B),
    y: new Float32Array(train ? B : 0),
  };
  for (let i = 0; i < B; i++) {
    const base = sampleKey(c.seed, step, i);
    if (train) {
      const j = mulhi(draw(base, 0), train.a.length);
      s.rows[i] = train.a[j];
      if (draw(base, 1) < data.negThreshold) {
        s.rows[B + i] = c.rows + sampleAlias(data.itemAlias!, draw(base, 2), draw(base, 3));
        s.y[i] = 0;
      } else {
        s.rows[B + i] = c.rows + train.b[j];
        s.y[i] = train.y[j];
      }
      continue;
    }
    s.rows[i] = sampleAlias(data.tokenAlias, draw(base, 0), draw(base, 1));
    if (pair) {
      s.rows[B + i] = c.rows + sampleAlias(data.itemAlias!, draw(base, 2), draw(base, 3));
      s.z[i] = normalDraw(base, 4);
    } else {
      for (let j = 0; j < d; j++) s.x[i * d + j] = normalDraw(base, 2 + 2 * j);
      s.z[i] = normalDraw(base, 2 + 2 * d);
    }
  }
  return s;
}
