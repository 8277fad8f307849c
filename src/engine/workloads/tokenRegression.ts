// Token regression (the paper's model problem): sample i draws token k_i ~ p and a context
// x_i ~ N(0, I_d); the label is y_i = ⟨θ*_k, x_i⟩ + σ·z_i under a planted teacher table θ*, and
// the learner fits θ by the squared loss. The excess loss Σ_k p_k·½‖θ_k − θ*_k‖² is exact.

import { isInt, MAX_ROWS, type RunConfig } from '../config.ts';
import { buildAliasTable } from '../sampling/aliasTable.ts';
import { bucketBounds, bucketOf, distributionSummary, probabilities, rankBinOf } from '../sampling/distributions.ts';
import {
  chunked,
  fillNormal,
  groupMask,
  NO_ROW,
  runDataOf,
  STREAM,
  type MetricItems,
  type RunData,
} from './runData.ts';
import type { Workload } from './workload.ts';

/** One metric item per token, weighted ½ p_k, in its bucket and rank bin. */
function tokenItems(p: Float64Array, ends: [number, number]): MetricItems {
  const n = p.length;
  const bounds = bucketBounds(n, ends);
  return {
    a: Uint32Array.from({ length: n }, (_, k) => k),
    b: new Uint32Array(n).fill(NO_ROW),
    w: Float32Array.from(p, (pk) => pk / 2),
    y: new Float32Array(n),
    rows: null,
    clicks: null,
    moments: null,
    ...chunked(
      Uint32Array.from({ length: n }, (_, k) => groupMask(bucketOf(k, bounds), null, rankBinOf(k, n))),
      p,
    ),
  };
}

/** Scale of the teacher's entries: E‖θ*_k‖² = 1. */
export const teacherScale = (d: number) => 1 / Math.sqrt(d);

function prepare(c: RunConfig): RunData {
  const rowFreq = probabilities(c.tokens, c.rows);
  // ‖θ*_k‖² ≈ 1; the learner starts at zero, so the initial excess loss is about ½.
  const teacher = new Float32Array(c.rows * c.dim);
  fillNormal(teacher, c.dim, 0, c.rows, c.seed, STREAM.teacher, teacherScale(c.dim));
  return runDataOf([c.rows], {
    config: c,
    rowFreq,
    tokenAlias: buildAliasTable(rowFreq),
    teacher,
    init: new Float32Array(c.rows * c.dim),
    metricItems: tokenItems(rowFreq, c.bucketEnds),
  });
}

export const tokenRegression: Workload = {
  kind: 'tokenRegression',
  tables: (c) => [c.rows],
  pairs: false,
  needsData: false,
  labelNoise: true,
  auc: false,
  evalItems: (c) => c.rows,
  inputs: { sizes: ['rows'], designers: ['tokens'] },
  validate: (c) =>
    isInt(c.rows, 2, MAX_ROWS)
      ? []
      : [{ field: 'rows', message: `Vocabulary must be a whole number from 2 to 16,777,216 (got ${c.rows}).` }],
  prepare,
  words: (c) => ({
    summary: `token regression, N=${c.rows} (${distributionSummary(c.tokens)})`,
    loss: 'excess loss',
    lossMeaning:
      'Excess loss: how far each optimizer’s table is from the planted teacher, ½ Σₖ pₖ‖θₖ − θ*ₖ‖² (the expected loss above the label noise; 0 is learned perfectly).',
    rowUnit: 'token',
    itemUnit: 'token',
    bucketRows: 'tokens',
    bucketItems: null,
    rowsLabel: 'Vocabulary N',
  }),
};
