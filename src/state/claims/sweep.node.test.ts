// The regime sweep: every sentence the page prints about a run or a configuration (claims/), in
// regimes from uniform tokens to diverging lanes, noise floors, schedules, factorisation, CTR, a
// text and every lesson after its answer. Each regime runs on the real store and training session
// (CPU engine). Before Run and at the stop, every sentence the page prints is said again from
// other sources: the run's exported record (JSON, read back) with divergence re-derived from its
// points, stable limits by brute force over every row, floors by the exact recurrence step by
// step. The two must print the same words, and exactly one variant of each template must hold.
// Besides: the record's theory columns are the recurrence's (none for a lane whose theory
// diverges), and the designer's expected updates are the sampler's counts. At the end every
// variant of every template must have been printed in some regime.

import { afterAll, describe, expect, test } from 'vitest';
import { runLanes, type PresetId, type RunConfig } from '../../engine/config.ts';
import { parseText } from '../../engine/input/text.ts';
import { boost, scheduleFactor } from '../../engine/optimizers.ts';
import { bucketBounds, probabilities } from '../../engine/sampling/distributions.ts';
import { sampleStep } from '../../engine/sampling/sampleStep.ts';
import { brownExcerpt } from '../../engine/testing/brownCorpus.node.ts';
import { sampleText } from '../../engine/testing/sampleText.ts';
import { CONTEXT_KURTOSIS, teacherNorms, theoryKind } from '../../engine/theory.ts';
import { prepareRun } from '../../engine/workloads/registry.ts';
import { sizeField } from '../../engine/workloads/workload.ts';
import { agreementRecord } from '../agreementRecord.ts';
import type { Fields } from '../fields.ts';
import { lessonById, lessonEnd } from '../lessons.ts';
import { makeRecord, parseRunRecord, seriesCsv, type RunRecord } from '../runRecord.ts';
import type { PlaygroundState } from '../slices/state.ts';
import { settle, system, turn } from '../testing/liveStore.node.ts';
import type { LimitFacts } from '../theory.ts';
import { holding, TEMPLATES, type Said } from './claim.ts';
import { expectedUpdates } from './designer.ts';
import { pageClaims, type Sources } from './page.ts';
import type { RunPoint } from './run.ts';
import { agreementChance } from '../../engine/meaning/report.ts';

interface Regime {
  name: string;
  /** A preset or a lesson (after its answer: the right prediction, run to its stop). */
  preset?: PresetId;
  lesson?: string;
  fields?: Fields;
  /** Trains on this text instead. */
  text?: string;
  /** Template variants ("template.variant") this regime must print. */
  shows?: string[];
  /** Only the configuration's sentences (before Run): no run. */
  configOnly?: boolean;
  /** A lesson's answer asked for before the stop ("Show the answer now"). */
  early?: boolean;
}

/** Lesson 6's own text (a third of the Brown corpus). */
const brown = brownExcerpt();

/** Fewer tokens: a shorter run (the batch stays the preset's, so do the stable limits' orders). */
const small = { rows: '2000' };
/** Lanes switched off by index (0 SGD, 1 FA-SGD, 2 CF-SGD, 3/4 Adagrad). */
const off = (...lanes: number[]) => Object.fromEntries(lanes.map((i) => [`lanes.${i}.on`, '0']));

const REGIMES: Regime[] = [
  {
    name: 'uniform tokens: SGD and FA-SGD tie exactly',
    preset: 'uniform',
    fields: { stopAt: '100' },
    shows: [
      'race.summary.tie',
      'race.bucketLane.sameAsSgd',
      'race.noSlope.oneFrequency',
      'race.stepCaption.oneFrequency',
      'race.rankCaption.even',
      'limit.setBy.everyToken',
      'designer.updatesBucket.even',
    ],
  },
  {
    name: 'Zipf 0.5 on 60 tokens: frequencies span less than a decade',
    preset: 'zipf',
    fields: { rows: '60', 'tokens.s': '0.5', stopAt: '100' },
    shows: ['race.noSlope.narrow'],
  },
  {
    name: 'Zipf 1.1 (β ½, cap 20): FA-SGD leads; its limit is set by a token just short of the cap',
    preset: 'zipf',
    fields: { stopAt: '300' },
    shows: ['race.summary.leads', 'limit.setBy.boosted', 'race.expectedSlope.capBinds', 'race.bucketLane.lower'],
  },
  {
    name: 'Zipf 1.3: SGD above its limit diverges; it has no theory curve and no floor',
    preset: 'zipf',
    fields: { 'tokens.s': '1.3', stopAt: '500', ...small, ...off(2, 3, 4) },
    shows: ['race.diverged.aboveLimit', 'race.theoryGap.diverges', 'race.bucketLane.diverged', 'setup.laneLimit.above'],
  },
  {
    name: 'Zipf 1.5: FA-SGD’s limit is set by the most frequent token',
    preset: 'zipf',
    fields: { 'tokens.s': '1.5', stopAt: '100', ...off(3, 4) },
    shows: ['limit.setBy.mostFrequent'],
  },
  {
    name: 'a cap that binds hard (×10 from rank 66)',
    preset: 'zipf',
    fields: { 'lanes.1.cap': '10', 'lanes.2.cap': '10', stopAt: '100', ...off(3, 4) },
    shows: ['limit.setBy.atCap', 'race.expectedSlope.capBinds'],
  },
  {
    name: 'a cap that never binds (×1000)',
    preset: 'zipf',
    fields: {
      'lanes.1.cap': '1000',
      'lanes.1.lr': '0.3',
      'lanes.2.cap': '1000',
      'lanes.2.lr': '0.3',
      stopAt: '100',
      ...small,
    },
    shows: ['race.expectedSlope.capNever'],
  },
  {
    name: 'β 0: FA-SGD and CF-SGD are plain SGD at their own rate',
    preset: 'zipf',
    fields: { 'lanes.1.beta': '0', 'lanes.2.beta': '0', stopAt: '100', ...small },
    shows: ['race.expectedSlope.noBoost', 'race.bucketLane.times'],
  },
  {
    name: 'β 1',
    preset: 'zipf',
    fields: {
      'lanes.1.beta': '1',
      'lanes.1.lr': '0.5',
      'lanes.2.beta': '1',
      'lanes.2.lr': '0.5',
      stopAt: '100',
      ...small,
    },
  },
  {
    name: 'a diverging SGD (η 300)',
    preset: 'zipf',
    fields: { 'lanes.0.lr': '300', stopAt: '60', ...small },
    shows: ['race.diverged.aboveLimit', 'race.bucketLane.plain'],
  },
  {
    name: 'at the noise floor: σ 1, 200 tokens, 2,000 steps, beside Adagrad',
    preset: 'uniform',
    fields: {
      rows: '200',
      noise: '1',
      batch: '256',
      'lanes.0.lr': '20',
      'lanes.1.lr': '20',
      stopAt: '2000',
      ...off(2, 4),
    },
    shows: ['race.floor.reachedBesideAdagrad'],
  },
  {
    name: 'at the noise floor without Adagrad: Zipf on 200 tokens, σ 1',
    preset: 'zipf',
    fields: { rows: '200', noise: '1', stopAt: '1000', ...off(2, 3, 4) },
    shows: ['race.floor.reached'],
  },
  {
    name: 'schedules: decay t₀ (SGD starts above its limit)',
    preset: 'zipf',
    fields: {
      'lanes.0.lr': '20',
      'lanes.0.decay': '100',
      'lanes.1.decay': '100',
      stopAt: '300',
      ...small,
      ...off(2, 4),
    },
    shows: ['setup.laneLimit.startsAbove'],
  },
  {
    name: 'schedules too long to draw live (before Run)',
    preset: 'zipf',
    fields: { 'lanes.0.decay': '100', 'lanes.1.decay': '100', 'lanes.2.decay': '100', stopAt: '2000' },
    configOnly: true,
    shows: ['race.theoryGap.overBudget'],
  },
  {
    name: 'matrix factorisation',
    preset: 'mfZipf',
    fields: { rows: '1000', items: '1000', stopAt: '100' },
    shows: ['race.theoryCaption.otherWorkload'],
  },
  {
    name: 'CTR',
    preset: 'ctr',
    fields: { fields: '1000:1.1, 300:0.8, 20:0.5', stopAt: '60' },
    shows: ['race.theoryCaption.otherWorkload'],
  },
  { name: 'a text (skip-gram pairs)', text: sampleText(20_000, 2000), fields: { stopAt: '60' } },
  {
    name: 'Adagrad alone: nothing the theory covers',
    preset: 'zipf',
    fields: { stopAt: '50', ...small, ...off(0, 1, 2) },
    shows: ['race.theoryCaption.noCoveredLane', 'race.summary.leads'],
  },
  {
    name: 'a learning-rate sweep',
    preset: 'zipf',
    fields: { mode: 'sweep', rows: '500', stopAt: '50', ...off(3, 4) },
    shows: ['race.theoryCaption.sweep'],
  },
  { name: 'three seeds', preset: 'zipf', fields: { mode: 'seeds', seeds: '3', stopAt: '50', ...small } },
  {
    name: 'too many rows × seeds to draw the theory live (8 seeds of 45,000 tokens)',
    preset: 'zipf',
    fields: { rows: '45000', mode: 'seeds', seeds: '8', stopAt: '10', ...off(3, 4) },
    shows: ['race.theoryCaption.tooManyRows'],
  },
  {
    name: 'σ 10, d 64, SGD just below its limit: its noise floor is past 1,000× its start',
    preset: 'zipf',
    fields: { noise: '10', dim: '64', 'lanes.0.lr': '8.56', stopAt: '200', ...small, ...off(1, 2, 3, 4) },
    shows: ['race.diverged.pastFloor', 'race.summary.allDiverged'],
  },
  {
    name: 'σ 10, d 64, SGD a little further below its limit: the run blows up by itself',
    preset: 'zipf',
    fields: { noise: '10', dim: '64', 'lanes.0.lr': '8.5', stopAt: '200', ...small, ...off(2, 3, 4) },
    shows: ['race.diverged.belowLimit'],
  },
  {
    name: 'no stop step (before Run)',
    preset: 'zipf',
    fields: { stopAt: '' },
    configOnly: true,
    shows: ['designer.updatesHeader.example'],
  },
  ...['uniform-no-gap', 'tail-starves', 'fasgd-closes-gap', 'adagrad-hidden-frequency', 'boost-diverges'].map(
    (lesson): Regime => ({ name: `lesson ${lesson}`, lesson }),
  ),
  {
    name: 'lesson 1 with CF-SGD at another rate',
    lesson: 'uniform-no-gap',
    fields: { 'lanes.2.lr': '30', ...small },
    shows: ['lesson1.cfSgd.otherRate'],
  },
  {
    name: 'lesson 1 with FA-SGD at another rate, CF-SGD off',
    lesson: 'uniform-no-gap',
    fields: { 'lanes.1.lr': '30', ...small, ...off(2) },
    shows: ['lesson1.answer.otherRates', 'lesson1.cfSgd.none'],
  },
  {
    name: 'lesson 1 on Zipf 0.5 tokens: out of its regime',
    lesson: 'uniform-no-gap',
    fields: { 'tokens.kind': 'zipf', 'tokens.s': '0.5', ...small },
    shows: ['lesson1.setup.outside', 'lesson1.answer.outside'],
  },
  {
    name: 'lesson 2 on 100 tokens of a power law, the answer shown early',
    lesson: 'tail-starves',
    fields: { rows: '100', 'tokens.kind': 'powerLaw', stopAt: '20' },
    early: true,
    shows: ['lesson2.setup.otherShape', 'lesson2.interval.often', 'lesson2.buckets.early'],
  },
  { name: 'lesson 2 on Zipf 0.8', lesson: 'tail-starves', fields: { 'tokens.s': '0.8' } },
  { name: 'lesson 2 at σ 3', lesson: 'tail-starves', fields: { noise: '3' } },
  {
    name: 'lesson 1, the answer shown early',
    lesson: 'uniform-no-gap',
    fields: { stopAt: '20', ...small },
    early: true,
    shows: ['lesson1.answer.early'],
  },
  {
    name: 'lesson 2 on uniform tokens',
    lesson: 'tail-starves',
    fields: { 'tokens.kind': 'uniform', ...small },
    shows: ['lesson2.setup.outside', 'lesson2.buckets.outside', 'lesson2.interval.outside'],
  },
  {
    name: 'lesson 3 with SGD off its best rate, β 0: no gain in the tail',
    lesson: 'fasgd-closes-gap',
    fields: { 'lanes.0.lr': '5', 'lanes.1.beta': '0', 'lanes.2.beta': '0' },
    shows: ['lesson3.setup.untuned', 'lesson3.answer.tailNotLower'],
  },
  {
    name: 'lesson 3 on uniform tokens, the answer shown early',
    lesson: 'fasgd-closes-gap',
    fields: { 'tokens.kind': 'uniform', stopAt: '20', ...small },
    early: true,
    shows: ['lesson3.setup.outside', 'lesson3.answer.outside'],
  },
  {
    name: 'lesson 3, the answer shown early',
    lesson: 'fasgd-closes-gap',
    fields: { stopAt: '20', ...small },
    early: true,
    shows: ['lesson3.answer.early'],
  },
  {
    name: 'lesson 4 at σ 1, FA-SGD’s cap never binding',
    lesson: 'adagrad-hidden-frequency',
    fields: { noise: '1', 'lanes.1.cap': '1000', 'lanes.1.lr': '0.3' },
    shows: ['lesson4.setup.noisy', 'lesson4.faSgd.capNever'],
  },
  {
    name: 'lesson 4 on uniform tokens, the answer shown early',
    lesson: 'adagrad-hidden-frequency',
    fields: { 'tokens.kind': 'uniform', stopAt: '20', ...small },
    early: true,
    shows: ['lesson4.adagrad.early'],
  },
  {
    name: 'lesson 4 on uniform tokens',
    lesson: 'adagrad-hidden-frequency',
    fields: { 'tokens.kind': 'uniform', ...small },
    shows: ['lesson4.adagrad.notFalling'],
  },
  {
    name: 'lesson 5 at cap 20: the cap guards, FA-SGD falls',
    lesson: 'boost-diverges',
    fields: { 'lanes.1.cap': '20' },
    shows: ['lesson5.setup.capBinds', 'lesson5.guard.capGuards', 'lesson5.curves.other'],
  },
  {
    name: 'lesson 5 at η 20: no cap would help',
    lesson: 'boost-diverges',
    fields: { 'lanes.1.lr': '20' },
    shows: ['lesson5.curves.diverged', 'lesson5.guard.noCap'],
  },
  {
    name: 'lesson 5 on uniform tokens, the answer shown early',
    lesson: 'boost-diverges',
    fields: { 'tokens.kind': 'uniform', stopAt: '20', ...small },
    early: true,
    shows: ['lesson5.setup.outside', 'lesson5.curves.outside'],
  },
  {
    name: 'lesson 6 on a text: FA-SGD’s tail agrees more',
    lesson: 'rare-word-meaning',
    text: brown,
    fields: { stopAt: '1000' },
    shows: ['lesson6.setup.text', 'lesson6.tail.ahead', 'lesson6.why.ahead'],
  },
  {
    name: 'lesson 6 on a text, a short run: the heads close',
    lesson: 'rare-word-meaning',
    text: brown,
    fields: { stopAt: '300' },
    shows: ['lesson6.head.close'],
  },
  {
    name: 'lesson 6 on a text with FA-SGD slowed to plain SGD at a small rate: both tails near chance',
    lesson: 'rare-word-meaning',
    text: brown,
    fields: { stopAt: '300', 'lanes.1.beta': '0', 'lanes.1.lr': '0.001' },
    shows: ['lesson6.tail.close', 'lesson6.head.differs', 'lesson6.why.otherwise'],
  },
  {
    name: 'lesson 6 on a text with FA-SGD past its limit',
    lesson: 'rare-word-meaning',
    text: brown,
    fields: { stopAt: '300', 'lanes.1.lr': '1000' },
    shows: ['lesson6.tail.behind'],
  },
  {
    name: 'lesson 6 on a text, the answer shown early',
    lesson: 'rare-word-meaning',
    text: brown,
    fields: { stopAt: '40' },
    early: true,
    shows: ['lesson6.tail.notMeasured', 'lesson6.head.none'],
  },
  {
    name: 'lesson 6 on a text with FA-SGD off',
    lesson: 'rare-word-meaning',
    text: brown,
    fields: { stopAt: '40', 'lanes.1.on': '0' },
    shows: ['lesson6.setup.outside', 'lesson6.tail.outside'],
  },
  {
    name: 'lesson 5, the answer shown early',
    lesson: 'boost-diverges',
    fields: { stopAt: '20', ...small },
    early: true,
    shows: ['lesson5.curves.early'],
  },
];

// ---------------------------------------------------------------------------------------------
// Independent sources.

/** Each lane's stable limit by brute force over every row: the least 2 / (m_k q_k), and the first row that has it. */
function bruteLimits(c: RunConfig): (LimitFacts | null)[] {
  if (c.workload !== 'tokenRegression') return c.lanes.map(() => null);
  const p = probabilities(c.tokens, c.rows);
  return c.lanes.map((lane) => {
    const kind = theoryKind(c, lane);
    if (!kind) return null;
    const m = (k: number) => (lane.optimizer === 'sgd' ? 1 : boost(p[0] / p[k], lane.beta, lane.cap));
    let [rate, row] = [Infinity, 0];
    for (let k = 0; k < c.rows; k++) {
      const q = (CONTEXT_KURTOSIS + c.dim - 1) / c.batch + ((c.batch - 1) * p[k]) / c.batch;
      if (2 / (m(k) * q) < rate) [rate, row] = [2 / (m(k) * q), k];
    }
    const uncapped = lane.optimizer === 'sgd' ? 1 : (p[0] / p[row]) ** lane.beta;
    return { lane, kind, rate, row, uncapped, equal: p.every((x) => x === p[0]) };
  });
}

/** Each row's step η_k = η·m_k (before a schedule) and q_k of A_k = 1 − 2η_k p_k + η_k² p_k q_k, over every row. */
function rowTerms(c: RunConfig, l: number) {
  const lane = c.lanes[l];
  const p = probabilities(c.tokens, c.rows);
  const eta = p.map((pk) => lane.lr * (lane.optimizer === 'sgd' ? 1 : boost(p[0] / pk, lane.beta, lane.cap)));
  const q = p.map((pk) => (CONTEXT_KURTOSIS + c.dim - 1) / c.batch + ((c.batch - 1) * pk) / c.batch);
  return { p, eta, q, sigma2: Math.fround(c.noise) ** 2 };
}

/** e_k(t+1) = A_k e_k(t) + C_k, step by step: a lane's expected excess loss (total and buckets) at `steps`. */
function recurrence(c: RunConfig, l: number, steps: number[]): { total: number; buckets: number[] }[] {
  const { p, eta, q, sigma2 } = rowTerms(c, l);
  const [headEnd, torsoEnd] = bucketBounds(c.rows, c.bucketEnds);
  const bucket = (k: number) => (k < headEnd ? 0 : k < torsoEnd ? 1 : 2);
  const mass = [0, 0, 0];
  p.forEach((pk, k) => (mass[bucket(k)] += pk));
  const seeds = Array.from({ length: c.seeds }, (_, s) => teacherNorms({ ...c, seed: (c.seed + s) >>> 0 }));
  const out = steps.map(() => ({ total: 0, buckets: [0, 0, 0] }));
  for (const e0 of seeds) {
    const e = Float64Array.from(e0);
    for (let t = 0, i = 0; i < steps.length; t++) {
      while (i < steps.length && steps[i] === t) {
        const sums = [0, 0, 0];
        for (let k = 0; k < c.rows; k++) sums[bucket(k)] += (0.5 * p[k] * e[k]) / seeds.length;
        out[i].total += sums[0] + sums[1] + sums[2];
        sums.forEach((x, b) => (out[i].buckets[b] += x / mass[b]));
        i++;
      }
      const f = scheduleFactor(c.lanes[l].decay, t);
      for (let k = 0; k < c.rows; k++) {
        const h = eta[k] * f;
        e[k] = (1 - 2 * h * p[k] + h * h * p[k] * q[k]) * e[k] + (h * h * sigma2 * c.dim * p[k]) / c.batch;
      }
    }
  }
  return out;
}

/** Each lane's expected loss at `at` (the recurrence) and its floor ½ Σ p_k C_k / (1 − A_k), where every A_k < 1. */
function recurrenceFloors(c: RunConfig, at: number) {
  return c.lanes.map((lane, l) => {
    if (theoryKind(c, lane) !== 'exact' || lane.decay) return { now: null, end: null };
    const { p, eta, q, sigma2 } = rowTerms(c, l);
    let end = 0;
    for (let k = 0; k < c.rows; k++) {
      const A = 1 - 2 * eta[k] * p[k] + eta[k] ** 2 * p[k] * q[k];
      if (!(A < 1)) return { now: null, end: null };
      end += (0.5 * p[k] * ((eta[k] ** 2 * sigma2 * c.dim * p[k]) / c.batch)) / (1 - A);
    }
    return { now: recurrence(c, l, [at])[0].total, end };
  });
}

/** Where each run lane diverged by the trainer's rule, re-derived from the recorded losses. */
function divergedFrom(points: RunPoint[], lanes: number): (number | null)[] {
  return Array.from({ length: lanes }, (_, i) => {
    const first = points.map((p) => p.excess[i]).find((v) => v > 0);
    const hit = points.find(
      (p) => !Number.isFinite(p.excess[i]) || (first !== undefined && p.excess[i] > 1000 * first),
    );
    return hit?.step ?? null;
  });
}

/** The record's agreement at its last recorded step, where it was measured there (lesson 6 reads it). */
function agreementAtStop(record: RunRecord) {
  const a = record.agreement;
  const last = a?.points.at(-1);
  if (!a || !last || last.step !== record.points.at(-1)?.step) return undefined;
  const lanes = last.lanes.map((b) => b.map((v) => v ?? NaN) as [number, number, number]);
  return { agreement: lanes.slice(0, runLanes(record.config).length), agreementChance: agreementChance(a) };
}

/** The sources of the sweep: the exported record, brute force, the recurrence. */
function evidence(s: PlaygroundState, record: RunRecord | null): Sources {
  const nan = (v: number | null) => v ?? NaN;
  // Item buckets are not in the export (its columns are the PyTorch script's): the store's.
  const points: RunPoint[] = (record?.points ?? []).map((p, i) => ({
    step: p.step,
    excess: p.excess.map(nan),
    buckets: p.buckets.map((b) => b.map(nan) as [number, number, number]),
    itemBuckets: s.points[i]?.itemBuckets,
  }));
  const diverged = record ? divergedFrom(points, runLanes(record.config).length) : [];
  return {
    run: (_, tuned) => (record ? { config: record.config, points, diverged, tuned } : null),
    limits: bruteLimits,
    floors: recurrenceFloors,
    lessonEnd: (st) =>
      record && st.answer?.end
        ? lessonEnd(record.config, points, diverged, st.reported?.freq, st.latestEff, agreementAtStop(record))
        : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Checks.

const id = (x: Said) => `${x.template.id}.${x.variant}`;
/** Every variant printed in some regime. */
const printed = new Set<string>();

/** The page's sentences against the same sentences from the sources of the sweep. */
function checkClaims(s: PlaygroundState, record: RunRecord | null, where: string) {
  const page = pageClaims(s);
  const sure = pageClaims(s, evidence(s, record));
  const byKey = (xs: Said[]) => new Map(xs.map((x) => [`${x.template.id}@${x.key}`, x]));
  const [a, b] = [byKey(page), byKey(sure)];
  expect(a.size, `${where}: a sentence said twice`).toBe(page.length);
  expect([...a.keys()].sort(), where).toEqual([...b.keys()].sort());
  for (const [key, x] of a) {
    const y = b.get(key)!;
    for (const z of [x, y])
      expect(holding(z.template, z.facts), `${where}, ${key}: the variants that hold`).toHaveLength(1);
    expect({ variant: id(x), text: x.text }, `${where}, ${key}`).toEqual({ variant: id(y), text: y.text });
    printed.add(id(x));
  }
  return page;
}

/** The record's theory columns are the recurrence's at the recorded steps; a lane whose theory diverges has none. */
function checkTheory(record: RunRecord) {
  const c = record.config;
  const limits = bruteLimits(c);
  const steps = record.points.map((p) => p.step);
  record.theory?.forEach((t, l) => {
    const limit = limits[l];
    if (limit && !c.lanes[l].decay && c.lanes[l].lr >= limit.rate)
      expect(t, `${c.lanes[l].optimizer}: no curve`).toBeNull();
    if (!t) return;
    const want = recurrence(c, l, steps);
    t.excess.forEach((v, i) => expect(v! / want[i].total, `theory of lane ${l} at step ${steps[i]}`).toBeCloseTo(1, 9));
  });
  // The CSV has a theory column exactly for the lanes with a curve, every cell a finite number.
  const header = seriesCsv(record).split('\r\n')[0];
  expect((header.match(/theory[^,]* excess loss/g) ?? []).length).toBe(record.theory?.filter(Boolean).length ?? 0);
}

/**
 * The designer's expected updates are what the sampler does: over `steps` steps, each row of a
 * bucket's ends is updated (occurs in a step at all) as often as expectedUpdates says, within
 * 5 standard deviations (+1 for small counts); the whole bucket on average too.
 */
function checkUpdates(c: RunConfig, steps: number) {
  const data = prepareRun(c);
  for (const [t, offset] of [
    ['tokens', 0] as const,
    ...(c.workload === 'matrixFactorization' ? [['itemTokens', c.rows] as const] : []),
  ]) {
    const n = c[sizeField(t)];
    const p = probabilities(c[t], n);
    const updated = new Float64Array(n);
    for (let step = 0; step < steps; step++) {
      const rows = sampleStep(data, step).rows;
      const at = t === 'tokens' ? rows.subarray(0, c.batch) : rows.subarray(c.batch, 2 * c.batch);
      new Set(Array.from(at, (r) => r - offset)).forEach((r) => updated[r]++);
    }
    const [h, e] = bucketBounds(n, c.bucketEnds);
    for (const [from, to] of [
      [0, h],
      [h, e],
      [e, n],
    ]) {
      const expected = (k: number) => expectedUpdates(p[k], c.batch, steps);
      const sd = (k: number) => Math.sqrt(expected(k) * (1 - expected(k) / steps));
      for (const k of [from, to - 1])
        expect(Math.abs(updated[k] - expected(k)), `${t} row ${k}`).toBeLessThanOrEqual(5 * sd(k) + 1);
      let [sum, want, variance] = [0, 0, 0];
      for (let k = from; k < to; k++)
        [sum, want, variance] = [sum + updated[k], want + expected(k), variance + sd(k) ** 2];
      expect(Math.abs(sum - want), `${t} ranks ${from}–${to}`).toBeLessThanOrEqual(5 * Math.sqrt(variance) + 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The sweep.

/** Sets up a regime's form on a fresh store (as a person would: a preset or lesson, then fields). */
async function open(r: Regime) {
  const live = system();
  const s = () => live.store.getState();
  if (r.lesson) {
    s().choosePreset(lessonById(r.lesson)!.preset);
    s().chooseLesson(r.lesson);
  } else if (!r.text) s().choosePreset(r.preset!);
  // A text read with a lesson open keeps the lesson (lesson 6 trains on one).
  if (r.text) {
    const parsed = parseText(r.text, { vocabulary: 1000, window: 2, lowercase: true });
    if (!parsed.ok) throw new Error(parsed.error);
    s().trainOn(parsed.corpus.pairs, 'text', 'sample text');
  }
  for (const [path, value] of Object.entries(r.fields ?? {})) s().editField(path as 'stopAt', value!);
  await settle(live);
  expect(s().errors, r.name).toEqual({});
  return live;
}

describe('every sentence true: the regime sweep', () => {
  const started = performance.now();
  afterAll(() => console.log(`${REGIMES.length} regimes in ${((performance.now() - started) / 1000).toFixed(1)} s`));

  test('at least 20 regimes', () => expect(REGIMES.length).toBeGreaterThanOrEqual(20));

  test.each(REGIMES)('$name', async (r) => {
    const live = await open(r);
    const s = () => live.store.getState();
    const T = (label: string) => process.env.CLAIMS_TIME && console.log(label, (performance.now() - t0).toFixed(0));
    const t0 = performance.now();
    const before = checkClaims(s(), null, `${r.name}, before Run`);
    T('before');
    const c = s().config;
    if (c.workload === 'tokenRegression' || c.workload === 'matrixFactorization')
      checkUpdates(c, Math.min(100, s().controls.stopAt ?? 100));
    T('updates');
    let after: Said[] = [];
    if (!r.configOnly) {
      const lesson = r.lesson ? lessonById(r.lesson) : undefined;
      if (lesson) s().predict(lesson.answer);
      s().run();
      if (r.early) {
        while (s().status !== 'running') await turn();
        s().revealAnswer();
      }
      for (let i = 0; i < 20_000 && !['atStop', 'diverged', 'failed'].includes(s().status); i++) await turn();
      expect(s().status, r.name).toMatch(/atStop|diverged/);
      await settle(live);
      if (lesson) expect(s().answer, `${r.name}: the answer is revealed`).toBeTruthy();
      const agreement = agreementRecord(s().agreementInfo, s().agreement);
      const exported = makeRecord(r.name, s().running!, s().points, '#', s().device, agreement);
      const parsed = parseRunRecord(JSON.stringify(exported));
      if (!parsed.ok) throw new Error(parsed.error);
      T('ran');
      checkTheory(parsed.record);
      T('theory');
      after = checkClaims(s(), parsed.record, `${r.name}, at the stop`);
      T('after');
    }
    // CLAIMS_DUMP=1: every sentence of every regime, to read.
    if (process.env.CLAIMS_DUMP)
      console.log(
        `## ${r.name}\n${[...before, ...after]
          .filter((x) => x.text)
          .map((x) => `${id(x)} @${x.key}: ${x.text}`)
          .join('\n')}`,
      );
    const said = new Set([...before, ...after].map(id));
    for (const v of r.shows ?? []) expect([...said], `${r.name} prints ${v}`).toContain(v);
    s().reset();
    await settle(live);
  });

  test('every variant of every template is printed in some regime', () => {
    const all = TEMPLATES.flatMap((t) => Object.keys(t.variants).map((v) => `${t.id}.${v}`));
    expect(all.filter((v) => !printed.has(v))).toEqual([]);
  });
});
