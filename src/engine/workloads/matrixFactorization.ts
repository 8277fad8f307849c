// Matrix factorisation with a planted teacher: sample i draws a user u ~ p and an item v ~ q; the
// label is ⟨u*, v*⟩ + σ·z_i and the learner fits both tables by the squared loss. The excess loss
// is estimated on EVAL_PAIRS pairs drawn once from the seed.

import { isInt, MAX_ROWS, type ConfigError, type RunConfig } from '../config.ts';
import { buildAliasTable, sampleAlias, type AliasTable } from '../sampling/aliasTable.ts';
import { bucketBounds, bucketOf, distributionSummary, probabilities, rankBinOf } from '../sampling/distributions.ts';
import { draw, sampleKey } from '../sampling/rng.ts';
import {
  EVAL_PAIRS,
  fillNormal,
  groupMask,
  pairItems,
  runDataOf,
  STREAM,
  type MetricItems,
  type RunData,
} from './runData.ts';
import type { Workload } from './workload.ts';

/**
 * Evaluation pairs drawn once from the seed; a pair's bucket is that of its rarer member, its
 * item bucket that of its item, its rank bin that of its user.
 */
function evaluationPairs(c: RunConfig, users: AliasTable, items: AliasTable): MetricItems {
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
    metricItems: evaluationPairs(c, users, items),
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
  evalItems: () => EVAL_PAIRS,
  inputs: { sizes: ['rows', 'items'], designers: ['tokens', 'itemTokens'] },
  validate,
  prepare,
  words: (c) => ({
    summary: `matrix factorisation, ${c.rows} users (${distributionSummary(c.tokens)}) × ${c.items} items (${distributionSummary(c.itemTokens)})`,
    loss: 'excess loss',
    rowUnit: 'user',
    itemUnit: 'pair',
    bucketRows: 'users or items (the rarer of the pair)',
    bucketItems: 'items',
    rowsLabel: 'Users',
  }),
};
