// The fixed data of a 'data' run (a person's own pairs): the seeded held-out split, frequencies
// counted on the training part only, the negative sampler of implicit data, the held-out items.

import { tableStarts, type RunConfig } from '../config.ts';
import { buildAliasTable, sampleAlias, type AliasTable } from './aliasTable.ts';
import { bucketBounds, bucketOf, rankBinOf, rankBinStarts } from './distributions.ts';
import { splitHeldOut } from './interactions.ts';
import { NEGATIVE_POWER, NEGATIVE_SHARE, pairFingerprint, type PairData } from './pairData.ts';
import { draw, sampleKey } from './rng.ts';
import {
  EFF_ROWS_MAX,
  EVAL_PAIRS,
  fillNormal,
  groupMask,
  logSpacedRows,
  pairItems,
  STREAM,
  type MetricItems,
  type PairItem,
  type RunData,
} from './runData.ts';

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
export function prepareData(c: RunConfig, pairs: PairData): RunData {
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
    fieldAlias: null,
    tableStarts: tableStarts(c),
    bias: 0,
    teacherAuc: NaN,
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
