// The fixed data of a run (RunData) and the parts every workload builds it from: streams of the
// counter-based RNG reserved for one-off draws, seeded normal tables, and metric items grouped into
// chunks. Built once on the CPU and handed to every engine, so that all of them start from
// identical bits.

import type { RunConfig } from '../config.ts';
import type { AliasTable } from '../sampling/aliasTable.ts';
import { RANK_BINS, rankBinStarts } from '../sampling/distributions.ts';
import { normalDraw, sampleKey } from '../sampling/rng.ts';

/** RNG "step" values reserved for one-off streams (training steps count from 1). */
export const STREAM = {
  teacher: 0xfffffff0,
  init: 0xfffffff1,
  evaluation: 0xfffffff2,
} as const;

/** First metric group of each kind: buckets (head, torso, tail), item buckets, rank bins. */
export const GROUP = { bucket: 0, itemBucket: 3, bin: 6 } as const;

/** Sums per lane: 3 buckets, 3 item buckets, then the rank bins (at most 32: a chunk's groups are a u32 mask). */
export const METRIC_GROUPS = 6 + RANK_BINS;

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
  /** [M] label of a data pair (centred rating, or 1 / 0), a CTR sample's click probability p*, f32 values; else 0. */
  y: Float32Array;
  /** CTR: [M, F] rows of each evaluation sample (a holds its index), and its sampled click; else null. */
  rows: Uint32Array | null;
  clicks: Uint8Array | null;
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
  /**
   * Matrix factorisation's exact excess loss: item i is (user a[i], item bucket b[i]) and its error
   * is uᵀM1_b u − 2uᵀM2_b u* + y[i], with M1_b = Σ_{v∈b} q_v v vᵀ and M2_b = Σ_{v∈b} q_v v v*ᵀ of
   * the learner's item table (y[i] = u*ᵀM3_b u*, M3_b the teacher's); null for every other kind.
   */
  moments: ItemMoments | null;
}

/** What the item-bucket moments of matrix factorisation are summed over. */
export interface ItemMoments {
  /** [4] first item rank of each item bucket (head, torso, tail), then the number of items. */
  bounds: Uint32Array;
  /** [items] q_v, the probability that a sample holds item v (f32 values). */
  q: Float32Array;
}

/** The parts of a CTR run's data. */
export interface CtrParts {
  /** The sampler of each field (the first is RunData.tokenAlias). */
  fieldAlias: AliasTable[];
  /** The global logit b of teacher and learner (f32 value). */
  bias: number;
  /** The teacher's AUC on the evaluation clicks (the best to expect). */
  teacherAuc: number;
}

/** The training pairs of a data run (b within the second table; y centred ratings, or all 1). */
export interface TrainPairs {
  a: Uint32Array;
  b: Uint32Array;
  y: Float32Array;
  /** u32: a sample is a sampled negative when its draw 1 is below this (0: never, rated data). */
  negThreshold: number;
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
  /** [S + 1] first row of each table in the concatenated table, then R. */
  tableStarts: Uint32Array;
  /** What only a CTR run has, else null. */
  ctr: CtrParts | null;
  /** Item sampler (matrix factorisation) or negative sampler (implicit data), else null. */
  itemAlias: AliasTable | null;
  /** Loss of a sample: ½(score − y)², or logistic log(1 + e^score) − y·score with y ∈ {0, 1} (CTR, implicit data). */
  loss: 'squared' | 'logistic';
  /** What only a data run has, else null. */
  train: TrainPairs | null;
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

/** [S + 1] first row of each of S tables of these sizes in the concatenated table, then the total. */
export function startsOf(sizes: number[]): Uint32Array {
  const starts = new Uint32Array(sizes.length + 1);
  sizes.forEach((n, t) => (starts[t + 1] = starts[t] + n));
  return starts;
}

/** The table (0 … S − 1) that row k of the concatenated table belongs to. */
export function tableOf(starts: Uint32Array, k: number): number {
  let t = 0;
  while (t + 2 < starts.length && k >= starts[t + 1]) t++;
  return t;
}

/** What every workload gives its RunData; the rest defaults to a teacher run with the squared loss. */
type RunDataParts = Pick<RunData, 'config' | 'rowFreq' | 'tokenAlias' | 'teacher' | 'init' | 'metricItems'> &
  Partial<RunData>;

/**
 * A run's fixed data over tables of these sizes: one occurrence per table and sample, effective
 * steps and rank bins over the first table, label noise σ (f32). `parts` may override any of it.
 */
export function runDataOf(sizes: number[], parts: RunDataParts): RunData {
  const c = parts.config;
  const starts = startsOf(sizes);
  return {
    rows: starts[sizes.length],
    slots: sizes.length,
    occurrences: sizes.length * c.batch,
    pmax: parts.rowFreq.reduce((m, p) => Math.max(m, p), 0),
    ctr: null,
    tableStarts: starts,
    itemAlias: null,
    loss: 'squared',
    train: null,
    effRows: logSpacedRows(sizes[0], EFF_ROWS_MAX),
    rankBins: rankBinStarts(sizes[0]),
    noise: Math.fround(c.noise),
    ...parts,
  };
}

/** Fills rows [from, from+count) of t with f32 normal draws times scale, from stream `stream`. */
export function fillNormal(
  t: Float32Array,
  d: number,
  from: number,
  count: number,
  seed: number,
  stream: number,
  scale: number,
) {
  for (let k = from; k < from + count; k++) normalRow(t.subarray(k * d, (k + 1) * d), seed, stream, k, scale);
}

/** Row k of a seeded normal table (as fillNormal draws it) into `out` ([d] f32 values). */
export function normalRow(out: Float32Array, seed: number, stream: number, k: number, scale: number) {
  const s = Math.fround(scale);
  const base = sampleKey(seed, stream, k);
  for (let j = 0; j < out.length; j++) out[j] = Math.fround(normalDraw(base, 2 * j) * s);
}

export function logSpacedRows(n: number, count: number): Uint32Array {
  const set = new Set<number>();
  for (let i = 0; i < count; i++) set.add(Math.min(n - 1, Math.round(Math.pow(n, i / (count - 1)) - 1)));
  return Uint32Array.from([...set].sort((x, y) => x - y));
}

/** Group mask of an item: its bucket, its item bucket (pairs), its rank bin. */
export const groupMask = (bucket: number, itemBucket: number | null, bin: number) =>
  (1 << (GROUP.bucket + bucket)) |
  (itemBucket === null ? 0 : 1 << (GROUP.itemBucket + itemBucket)) |
  (1 << (GROUP.bin + bin));

/** Chunks over items sorted by group mask, with each group's mass (`mass`: an item's probability). */
export function chunked(
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

/** A pair metric item before sorting into chunks. */
export interface PairItem {
  u: number;
  v: number;
  y: number;
  w: number;
  mass: number;
  mask: number;
}

export function pairItems(c: RunConfig, pairs: PairItem[]): MetricItems {
  pairs.sort((x, y) => x.mask - y.mask);
  return {
    a: Uint32Array.from(pairs, (q) => q.u),
    b: Uint32Array.from(pairs, (q) => c.rows + q.v),
    w: Float32Array.from(pairs, (q) => q.w),
    y: Float32Array.from(pairs, (q) => q.y),
    rows: null,
    clicks: null,
    moments: null,
    ...chunked(
      Uint32Array.from(pairs, (q) => q.mask),
      Float64Array.from(pairs, (q) => q.mass),
    ),
  };
}
