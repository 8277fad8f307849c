// "Your data" (workload 'data'): a person's own pairs, from an interaction log or the word–context
// pairs of a text. The fixed data is a seeded held-out split, frequencies counted on the training
// part only, the negative sampler of implicit data, and the held-out items.

import { isInt, MAX_ROWS, type ConfigError, type RunConfig } from '../config.ts';
import { buildAliasTable, sampleAlias, type AliasTable } from '../sampling/aliasTable.ts';
import { bucketBounds, bucketOf, rankBinOf } from '../sampling/distributions.ts';
import { splitHeldOut } from '../input/interactions.ts';
import { NEGATIVE_POWER, NEGATIVE_SHARE, pairFingerprint, type PairData } from '../input/pairData.ts';
import { draw, sampleKey } from '../sampling/rng.ts';
import {
  EVAL_PAIRS,
  fillNormal,
  pairItems,
  groupMask,
  runDataOf,
  STREAM,
  type MetricItems,
  type PairItem,
  type RunData,
} from './runData.ts';
import type { Workload } from './workload.ts';

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
function prepare(c: RunConfig, pairs?: PairData): RunData {
  if (!pairs) throw new Error(`The data of this run ("${c.data?.name ?? 'unnamed'}") is not loaded.`);
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
  return runDataOf([c.rows, c.items], {
    config: c,
    rowFreq,
    tokenAlias: buildAliasTable(powerOfCounts(userCounts, 1)),
    itemAlias,
    loss: implicit ? 'logistic' : 'squared',
    train: {
      a: Uint32Array.from(train, (j) => pairs.a[j]),
      b: Uint32Array.from(train, (j) => pairs.b[j]),
      y: implicit ? new Float32Array(N).fill(1) : Float32Array.from(train, (j) => pairs.y![j] - meanRating),
      negThreshold: Math.floor(q * 2 ** 32),
    },
    teacher: new Float32Array(0),
    init,
    metricItems: dataItems(c, pairs, heldOut, itemAlias, meanRating),
    noise: 0,
  });
}

/** The checks of a data reference (from the form, a link or a run file). */
function validate(c: RunConfig): ConfigError[] {
  const errors: ConfigError[] = [];
  const need = (ok: boolean, field: string, message: string) => ok || errors.push({ field, message });
  const ref = c.data;
  if (!ref) errors.push({ field: 'data', message: 'Open an interaction log or a text in "Your data" first.' });
  else if (
    !['log', 'text'].includes(ref.source) ||
    typeof ref.name !== 'string' ||
    ref.name.length > 200 ||
    typeof ref.fingerprint !== 'string' ||
    !/^[0-9a-f]{8}$/.test(ref.fingerprint) ||
    typeof ref.ratings !== 'boolean' ||
    !Number.isInteger(ref.pairs)
  )
    errors.push({ field: 'data', message: 'The description of the data is malformed.' });
  else {
    need(
      isInt(c.rows, 1, MAX_ROWS) && isInt(c.items, 1, MAX_ROWS),
      'data',
      'The data must have 1 to 16,777,216 users (words) and items (contexts).',
    );
    need(
      Number.isFinite(ref.heldOut) && ref.heldOut >= 0.01 && ref.heldOut <= 0.5,
      'heldOut',
      `The held-out share must be from 1% to 50% (got ${+(ref.heldOut * 100).toPrecision(3)}%).`,
    );
    need(ref.pairs >= 2, 'data', 'The data needs at least 2 interactions.');
  }
  return errors;
}

/** An interaction log factorised (users × items), or skip-gram on a text (words × contexts). */
export const yourData: Workload = {
  kind: 'data',
  tables: (c) => [c.rows, c.items],
  pairs: true,
  needsData: true,
  labelNoise: false,
  auc: false,
  // At most EVAL_PAIRS held-out pairs, each with a negative on implicit data.
  evalItems: () => 2 * EVAL_PAIRS,
  inputs: { sizes: ['heldOut'], designers: [] },
  validate,
  prepare,
  words: (c) => {
    const text = c.data?.source === 'text';
    const summary = c.data
      ? `${text ? 'skip-gram on the text' : 'matrix factorisation of'} “${c.data.name}”: ${c.rows} ${text ? 'words' : 'users'} × ${c.items} ${text ? 'contexts' : 'items'}, ${c.data.pairs} pairs (${c.data.ratings ? 'ratings' : 'implicit'}), ${+(c.data.heldOut * 100).toPrecision(3)}% held out`
      : 'your data (none loaded)';
    return {
      summary,
      loss: 'held-out loss',
      lossMeaning: `Held-out loss: each optimizer’s ${c.data?.ratings ? 'squared error on the ratings' : 'logistic loss (observed pairs against sampled negatives)'} of the pairs kept out of training (lower is better).`,
      rowUnit: text ? 'word' : 'user',
      itemUnit: 'pair',
      bucketRows: text ? 'words' : 'users',
      bucketItems: text ? 'contexts' : 'items',
      rowsLabel: text ? 'Words' : 'Users',
    };
  },
};
