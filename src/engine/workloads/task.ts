// A run's fixed data (prepareRun: the teacher workloads here, a person's data in dataRun.ts, CTR in
// ctrRun.ts; the RunData type in runData.ts) and the token stream of each step (sampleStep), which
// every engine (GPU, fast CPU, float64 reference) shares, so all of them see identical bits.

import { pairWorkload, slotsPerSample, tableStarts, totalRows, type RunConfig } from '../config.ts';
import { buildAliasTable, sampleAlias, type AliasTable } from './aliasTable.ts';
import { prepareCtr } from './ctrRun.ts';
import { prepareData } from './dataRun.ts';
import { bucketBounds, bucketOf, probabilities, rankBinOf, rankBinStarts } from './distributions.ts';
import type { PairData } from './pairData.ts';
import { draw, mulhi, normalDraw, sampleKey } from './rng.ts';
import {
  EFF_ROWS_MAX,
  EVAL_PAIRS,
  fillNormal,
  groupMask,
  logSpacedRows,
  NO_ROW,
  pairItems,
  STREAM,
  chunked,
  type MetricItems,
  type RunData,
} from './runData.ts';

export * from './runData.ts';

function tokenRegressionItems(p: Float64Array, ends: [number, number]): MetricItems {
  const n = p.length;
  const bounds = bucketBounds(n, ends);
  return {
    a: Uint32Array.from({ length: n }, (_, k) => k),
    b: new Uint32Array(n).fill(NO_ROW),
    w: Float32Array.from(p, (pk) => pk / 2),
    y: new Float32Array(n),
    rows: null,
    clicks: null,
    ...chunked(
      Uint32Array.from({ length: n }, (_, k) => groupMask(bucketOf(k, bounds), null, rankBinOf(k, n))),
      p,
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
 * Builds the fixed data of a run. The configuration must be valid (validateConfig); a 'data' run
 * needs its pairs (which must be the data its configuration names).
 */
export function prepareRun(config: RunConfig, pairs?: PairData): RunData {
  const c = config;
  if (c.workload === 'data') {
    if (!pairs) throw new Error(`The data of this run ("${c.data?.name ?? 'unnamed'}") is not loaded.`);
    return prepareData(c, pairs);
  }
  if (c.workload === 'ctr') return prepareCtr(c);
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
    fieldAlias: null,
    tableStarts: tableStarts(c),
    bias: 0,
    teacherAuc: NaN,
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
 *   CTR: 2f, 2f+1 the value of field f; 2F the click (isClick)
 */
export interface StepSamples {
  /** [O] row of each occurrence: token / user i at o = i, item at o = B + i (offset by users), field f at o = f·B + i. */
  rows: Uint32Array;
  /** [B, d] contexts (token regression; f32 values), empty otherwise. */
  x: Float32Array;
  /** [B] standard noise draw z_i (f32 values; teacher workloads): the label noise is σ·z_i. */
  z: Float32Array;
  /** [B] label of each sample (data runs; f32 values), empty otherwise. */
  y: Float32Array;
  /** [B] the click draw of each sample (CTR), empty otherwise. */
  u: Uint32Array;
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
    u: new Uint32Array(data.fieldAlias ? B : 0),
  };
  const fields = data.fieldAlias;
  for (let i = 0; i < B; i++) {
    const base = sampleKey(c.seed, step, i);
    if (fields) {
      fields.forEach(
        (t, f) => (s.rows[f * B + i] = data.tableStarts[f] + sampleAlias(t, draw(base, 2 * f), draw(base, 2 * f + 1))),
      );
      s.u[i] = draw(base, 2 * fields.length);
      continue;
    }
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
