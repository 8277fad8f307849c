// Matrix factorisation with a planted teacher: sample i draws a user u ~ p and an item v ~ q; the
// label is ⟨u*, v*⟩ + σ·z_i and the learner fits both tables by the squared loss. The excess loss is
// exact: a sum over users against the item buckets' second moments (exactItems).

import { isInt, MAX_ROWS, type ConfigError, type RunConfig } from '../config.ts';
import { buildAliasTable } from '../sampling/aliasTable.ts';
import { bucketBounds, bucketOf, distributionSummary, probabilities, rankBinOf } from '../sampling/distributions.ts';
import { chunked, fillNormal, groupMask, runDataOf, STREAM, type MetricItems, type RunData } from './runData.ts';
import type { Workload } from './workload.ts';

/**
 * The exact excess loss ½ Σ_{u,v} p_u q_v (⟨u, v⟩ − ⟨u*, v*⟩)², as one metric item per (user, item
 * bucket): its error uᵀM1_b u − 2uᵀM2_b u* + u*ᵀM3_b u* needs only the item bucket's d×d moments
 * (MetricItems.moments), so it costs O((users + items)·d²) instead of a sum over every pair. A pair's
 * bucket is that of its rarer member, its item bucket that of its item, its rank bin its user's.
 */
function exactItems(c: RunConfig, userP: Float64Array, itemP: Float64Array, teacher: Float32Array): MetricItems {
  const d = c.dim;
  const ub = bucketBounds(c.rows, c.bucketEnds);
  const [headEnd, torsoEnd] = bucketBounds(c.items, c.bucketEnds);
  const bounds = Uint32Array.from([0, headEnd, torsoEnd, c.items]);
  // M3_b = Σ_{v∈b} q_v v* v*ᵀ and Q_b = Σ_{v∈b} q_v.
  const M3 = [0, 1, 2].map((b) => {
    const m = new Float64Array(d * d);
    for (let v = bounds[b]; v < bounds[b + 1]; v++) {
      const row = (c.rows + v) * d;
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) m[i * d + j] += itemP[v] * teacher[row + i] * teacher[row + j];
    }
    return m;
  });
  const Q = [0, 1, 2].map((b) => itemP.subarray(bounds[b], bounds[b + 1]).reduce((s, q) => s + q, 0));
  const buckets = [0, 1, 2].filter((b) => Q[b] > 0);
  // Items in typed arrays (3 per user: a million users make three million), then sorted by mask.
  const M = c.rows * buckets.length;
  const user = new Uint32Array(M);
  const bucket = new Uint32Array(M);
  const label = new Float32Array(M);
  const mask = new Uint32Array(M);
  const mass = new Float64Array(M);
  const tu = new Float64Array(d);
  for (let u = 0, i = 0; u < c.rows; u++) {
    for (let j = 0; j < d; j++) tu[j] = teacher[u * d + j];
    for (const b of buckets) {
      const m3 = M3[b];
      let y = 0;
      for (let r = 0; r < d; r++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += m3[r * d + j] * tu[j];
        y += tu[r] * s;
      }
      [user[i], bucket[i], label[i]] = [u, b, y];
      mask[i] = groupMask(Math.max(bucketOf(u, ub), b), b, rankBinOf(u, c.rows));
      mass[i++] = userP[u] * Q[b];
    }
  }
  const order = Uint32Array.from({ length: M }, (_, i) => i).sort((x, z) => mask[x] - mask[z]);
  const pick = <T extends Uint32Array | Float32Array | Float64Array>(src: T): T =>
    src.map((_, i) => src[order[i]]) as T;
  const sortedUser = pick(user);
  return {
    a: sortedUser,
    b: pick(bucket),
    w: Float32Array.from(sortedUser, (u) => 0.5 * userP[u]),
    y: pick(label),
    rows: null,
    clicks: null,
    moments: { bounds, q: Float32Array.from(itemP) },
    ...chunked(pick(mask), pick(mass)),
  };
}

function prepare(c: RunConfig): RunData {
  const d = c.dim;
  const rows = c.rows + c.items;
  const userP = probabilities(c.tokens, c.rows);
  const itemP = probabilities(c.itemTokens, c.items);
  const users = buildAliasTable(userP);
  const items = buildAliasTable(itemP);
  const rowFreq = new Float64Array(rows);
  rowFreq.set(userP);
  rowFreq.set(itemP, c.rows);
  // ⟨u*, v*⟩ has unit variance; the learner starts small and random (zero is a saddle point).
  const teacher = new Float32Array(rows * d);
  const init = new Float32Array(rows * d);
  fillNormal(teacher, d, 0, rows, c.seed, STREAM.teacher, Math.pow(d, -0.25));
  fillNormal(init, d, 0, rows, c.seed, STREAM.init, 0.1 * Math.pow(d, -0.25));
  return runDataOf([c.rows, c.items], {
    config: c,
    rowFreq,
    tokenAlias: users,
    itemAlias: items,
    teacher,
    init,
    metricItems: exactItems(c, userP, itemP, teacher),
  });
}

function validate(c: RunConfig): ConfigError[] {
  const errors: ConfigError[] = [];
  if (!isInt(c.rows, 2, MAX_ROWS))
    errors.push({ field: 'rows', message: `Users must be a whole number from 2 to 16,777,216 (got ${c.rows}).` });
  if (!isInt(c.items, 2, MAX_ROWS))
    errors.push({ field: 'items', message: `Items must be a whole number from 2 to 16,777,216 (got ${c.items}).` });
  return errors;
}

export const matrixFactorization: Workload = {
  kind: 'matrixFactorization',
  tables: (c) => [c.rows, c.items],
  pairs: true,
  needsData: false,
  labelNoise: true,
  auc: false,
  // One item per (user, item bucket).
  evalItems: (c) => 3 * c.rows,
  inputs: { sizes: ['rows', 'items'], designers: ['tokens', 'itemTokens'] },
  validate,
  prepare,
  words: (c) => ({
    summary: `matrix factorisation, ${c.rows} users (${distributionSummary(c.tokens)}) × ${c.items} items (${distributionSummary(c.itemTokens)})`,
    loss: 'excess loss',
    lossMeaning:
      'Excess loss: the squared error of each optimizer’s predictions against the planted teacher’s, on a fixed set of evaluation pairs (0 is learned perfectly).',
    rowUnit: 'user',
    itemUnit: 'pair',
    bucketRows: 'users or items (the rarer of the pair)',
    bucketItems: 'items',
    rowsLabel: 'Users',
  }),
};
