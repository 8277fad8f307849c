// The fixed data of a CTR run: F categorical fields, each with its own Zipf distribution and its own
// embedding table (concatenated, field-major). A sample draws one value per field; its click
// probability is σ(b + Σ_{f<g} ⟨θ*_{x_f}, θ*_{x_g}⟩) under a planted factorisation-machine teacher
// θ*; the learner fits the same model (same b) with the logistic loss. Metrics: excess log loss,
// KL(p* ‖ p) averaged over a fixed evaluation set, and the AUC of its sampled clicks.

import { isInt, MAX_FIELDS, MAX_ROWS, type ConfigError, type RunConfig } from '../config.ts';
import { auc } from '../metrics.ts';
import { buildAliasTable, sampleAlias } from '../sampling/aliasTable.ts';
import { bucketBounds, bucketOf, probabilities, rankBinOf } from '../sampling/distributions.ts';
import { draw, sampleKey } from '../sampling/rng.ts';
import {
  chunked,
  EVAL_PAIRS,
  fillNormal,
  groupMask,
  runDataOf,
  startsOf,
  STREAM,
  type MetricItems,
  type RunData,
} from './runData.ts';
import type { Workload } from './workload.ts';

/** The global logit b of teacher and learner: a base click rate of σ(−1.5) ≈ 18%. */
export const CTR_BIAS = Math.fround(-1.5);

/** Standard deviation of the teacher's logit around b. */
const LOGIT_SCALE = 1.5;

export const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));

/**
 * The FM score b + Σ_{f<g} ⟨θ_{x_f}, θ_{x_g}⟩ of a sample with rows x (global ids) in a [R, d]
 * table, in float64, coordinate by coordinate as ½((Σ_f θ_fj)² − Σ_f θ_fj²).
 */
export function fmScore(table: ArrayLike<number>, d: number, x: ArrayLike<number>, bias: number): number {
  let s = bias;
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let sq = 0;
    for (let f = 0; f < x.length; f++) {
      const v = table[x[f] * d + j];
      sum += v;
      sq += v * v;
    }
    s += 0.5 * (sum * sum - sq);
  }
  return s;
}

/** A click when the u32 draw u falls below p·2^32. */
export const isClick = (p: number, u: number) => u < p * 4294967296;

/** One table per field. */
const tables = (c: RunConfig) => c.fields.map((f) => f.rows);

function prepare(c: RunConfig): RunData {
  const d = c.dim;
  const F = c.fields.length;
  const sizes = tables(c);
  const starts = startsOf(sizes);
  const rows = starts[F];
  const p = c.fields.map((f) => probabilities({ kind: 'zipf', s: f.s }, f.rows));
  const fieldAlias = p.map(buildAliasTable);
  const rowFreq = new Float64Array(rows);
  p.forEach((pf, f) => rowFreq.set(pf, starts[f]));
  // Var Σ_{f<g}⟨θ*_f, θ*_g⟩ = C(F,2)·d·scale⁴ = LOGIT_SCALE².
  const scale = Math.pow((LOGIT_SCALE * LOGIT_SCALE) / (((F * (F - 1)) / 2) * d), 0.25);
  const teacher = new Float32Array(rows * d);
  const init = new Float32Array(rows * d);
  fillNormal(teacher, d, 0, rows, c.seed, STREAM.teacher, scale);
  fillNormal(init, d, 0, rows, c.seed, STREAM.init, 0.1 * scale);
  const metricItems = ctrItems(c, starts, fieldAlias, teacher);
  const teacherScores = Array.from(metricItems.a, (e) =>
    fmScore(teacher, d, metricItems.rows!.subarray(e * F, (e + 1) * F), CTR_BIAS),
  );
  return runDataOf(sizes, {
    config: c,
    rowFreq,
    tokenAlias: fieldAlias[0],
    ctr: { fieldAlias, bias: CTR_BIAS, teacherAuc: auc(teacherScores, metricItems.clicks!) },
    loss: 'logistic',
    teacher,
    init,
    metricItems,
    noise: 0,
  });
}

/**
 * EVAL_PAIRS samples drawn once from the seed, each with the teacher's click probability p* and a
 * click sampled from it (for the AUC). A sample's bucket is that of its rarest value (relative to
 * its field), its rank bin that of its first field's value; no item buckets.
 */
function ctrItems(
  c: RunConfig,
  starts: Uint32Array,
  alias: ReturnType<typeof buildAliasTable>[],
  teacher: Float32Array,
): MetricItems {
  const F = c.fields.length;
  const bounds = c.fields.map((f) => bucketBounds(f.rows, c.bucketEnds));
  const samples = Array.from({ length: EVAL_PAIRS }, (_, e) => {
    const base = sampleKey(c.seed, STREAM.evaluation, e);
    const local = alias.map((t, f) => sampleAlias(t, draw(base, 2 * f), draw(base, 2 * f + 1)));
    const x = local.map((k, f) => starts[f] + k);
    const pStar = Math.fround(sigmoid(fmScore(teacher, c.dim, x, CTR_BIAS)));
    const bucket = Math.max(...local.map((k, f) => bucketOf(k, bounds[f])));
    return {
      x,
      pStar,
      click: isClick(pStar, draw(base, 2 * F)) ? 1 : 0,
      mask: groupMask(bucket, null, rankBinOf(local[0], c.fields[0].rows)),
    };
  }).sort((a, b) => a.mask - b.mask);
  const M = samples.length;
  return {
    a: Uint32Array.from(samples, (_, e) => e),
    b: new Uint32Array(M),
    w: new Float32Array(M).fill(1 / M),
    y: Float32Array.from(samples, (q) => q.pStar),
    rows: Uint32Array.from(samples.flatMap((q) => q.x)),
    clicks: Uint8Array.from(samples, (q) => q.click),
    moments: null,
    ...chunked(
      Uint32Array.from(samples, (q) => q.mask),
      new Float64Array(M).fill(1 / M),
    ),
  };
}

function validate(c: RunConfig): ConfigError[] {
  const ok =
    Array.isArray(c.fields) &&
    c.fields.length >= 2 &&
    c.fields.length <= MAX_FIELDS &&
    c.fields.every((f) => isInt(f.rows, 2, MAX_ROWS) && Number.isFinite(f.s) && f.s >= 0 && f.s <= 5);
  if (!ok)
    return [
      {
        field: 'fields',
        message: `Fields must be 2 to ${MAX_FIELDS} entries "values:exponent" (values a whole number from 2 to 16,777,216, Zipf exponent from 0 to 5), e.g. 1000:1.1, 50:0.5.`,
      },
    ];
  const total = c.fields.reduce((a, f) => a + f.rows, 0);
  return total <= MAX_ROWS
    ? []
    : [
        {
          field: 'fields',
          message: `The fields have ${total.toLocaleString('en-US')} values in all; at most 16,777,216.`,
        },
      ];
}

export const ctr: Workload = {
  kind: 'ctr',
  tables,
  pairs: false,
  needsData: false,
  labelNoise: false,
  auc: true,
  evalItems: () => EVAL_PAIRS,
  inputs: { sizes: ['fields'], designers: [] },
  validate,
  prepare,
  words: (c) => ({
    summary: `CTR, factorisation machine over ${c.fields.length} fields (${c.fields.map((f) => `${f.rows} values, Zipf s=${f.s}`).join('; ')})`,
    loss: 'excess log loss',
    lossMeaning:
      'Excess log loss: each optimizer’s log loss on evaluation samples minus the planted teacher’s, the best to expect (0 matches the teacher).',
    rowUnit: 'field-1 value',
    itemUnit: 'sample',
    bucketRows: 'values (a sample by its rarest field value)',
    bucketItems: null,
    rowsLabel: 'Values of field 1',
  }),
};
