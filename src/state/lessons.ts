// Guided scenes. Each is a link (#lesson=<id>): a preset with some fields changed, a prediction to
// make before running, and what to look at once it has run. Its words are claims (claims/lessons.ts):
// every number is computed from its configuration or its run, and every sentence is printed only
// where its predicate holds. lessons.test.ts checks on the CPU engine that every lesson's answer is
// what its run shows; the regime sweep (claims/sweep.node.test.ts), each sentence.

import type { PresetId, RunConfig } from '../engine/config.ts';
import { effectiveSlopes } from './analysis.ts';
import { text } from './claims/claim.ts';
import { cappedAt } from './claims/limits.ts';
import { lessonClaims, type LessonEnd, type LessonFacts } from './claims/lessons.ts';
import type { Fields } from './fields.ts';
import type { MetricPoint } from './series.ts';
import { meaningLesson, MEANING_LESSON_ID } from './meaningLesson.ts';

export type { LessonEnd, LessonFacts } from './claims/lessons.ts';

/** Groups of controls a classroom link can hide. */
export const HIDEABLE = {
  preset: 'Preset and lessons',
  sizes: 'Sizes and seed',
  distribution: 'Distribution designer',
  optimizers: 'Optimizer settings',
  speed: 'Speed and stop step',
  data: 'Your data panels',
  share: 'Share panel (and this list)',
} as const;
export type Hideable = keyof typeof HIDEABLE;

export interface Lesson {
  id: string;
  /** A question (nothing in it gives the answer away: it shows before the prediction). */
  title: string;
  preset: PresetId;
  /** Fields that differ from the preset's (lanes by index: 0 SGD, 1 FA-SGD, 2 CF-SGD, 3/4 Adagrad). */
  fields: Fields;
  hide: Hideable[];
  /** What the run shows, told before running; its numbers come from the lesson's configuration. */
  setup(f: LessonFacts): string;
  question: string;
  choices: string[];
  /** Index of the right choice. */
  answer: number;
  /** Shown after the run: where to look and why; its numbers come from the run at its stop step. */
  lookAt(f: LessonFacts): string;
}

/** A lesson's intro or answer: its claims (claims/lessons.ts), said of the facts and the lesson's stop step. */
const words = (id: string, part: 'setup' | 'answer') => (f: LessonFacts) =>
  text(lessonClaims(id, part, f, Number(lessonById(id)?.fields.stopAt)));

const off = (...lanes: number[]) => Object.fromEntries(lanes.map((i) => [`lanes.${i}.on`, '0']));

export const LESSONS: Lesson[] = [
  {
    id: 'uniform-no-gap',
    title: '1. Does FA-SGD help when every token is equally frequent?',
    preset: 'uniform',
    fields: { ...off(3, 4), stopAt: '300' },
    hide: ['distribution'],
    setup: words('uniform-no-gap', 'setup'),
    question: 'Will frequency-aware SGD beat plain SGD here?',
    choices: ['FA-SGD clearly wins', 'SGD and FA-SGD tie', 'SGD clearly wins'],
    answer: 1,
    lookAt: words('uniform-no-gap', 'answer'),
  },
  {
    id: 'tail-starves',
    title: '2. What happens to rare tokens under one step size?',
    preset: 'zipf',
    fields: { ...off(1, 2, 3, 4), stopAt: '300' },
    hide: ['optimizers'],
    setup: words('tail-starves', 'setup'),
    question: 'Which bucket’s excess loss falls slowest?',
    choices: ['Head (top 1%)', 'Torso (next 9%)', 'Tail (the other 90%)'],
    answer: 2,
    lookAt: words('tail-starves', 'answer'),
  },
  {
    id: 'fasgd-closes-gap',
    title: '3. Can a step size per token rescue the tail?',
    preset: 'zipf',
    fields: { ...off(3, 4), stopAt: '300' },
    hide: ['distribution'],
    setup: words('fasgd-closes-gap', 'setup'),
    question: 'Which lanes end lowest after 300 steps?',
    choices: ['SGD', 'FA-SGD and CF-SGD', 'All three tie'],
    answer: 1,
    lookAt: words('fasgd-closes-gap', 'answer'),
  },
  {
    id: 'adagrad-hidden-frequency',
    title: '4. Does Adagrad know how frequent a token is?',
    preset: 'zipf',
    fields: { ...off(2, 4), stopAt: '300' },
    hide: ['distribution'],
    setup: words('adagrad-hidden-frequency', 'setup'),
    question: 'On the effective-step chart (step size against token frequency), how does Adagrad’s line run?',
    choices: ['Flat, like SGD', 'Falling as frequency rises', 'Rising as frequency rises'],
    answer: 1,
    lookAt: words('adagrad-hidden-frequency', 'answer'),
  },
  {
    id: 'boost-diverges',
    title: '5. What does a much larger boost cap do?',
    preset: 'zipf',
    fields: { ...off(2, 3, 4), 'lanes.1.cap': '1000', stopAt: '300' },
    hide: ['distribution'],
    setup: words('boost-diverges', 'setup'),
    question: 'What happens to FA-SGD’s loss?',
    choices: ['It falls faster than before', 'It rises: boosted steps overshoot', 'Nothing changes'],
    answer: 1,
    lookAt: words('boost-diverges', 'answer'),
  },
  { ...meaningLesson, setup: words(MEANING_LESSON_ID, 'setup'), lookAt: words(MEANING_LESSON_ID, 'answer') },
];

/**
 * The run at its stop step, from what the store holds: its recorded points, where lanes diverged,
 * the reported rows' frequencies (the most frequent row first) and their latest effective steps.
 */
export function lessonEnd(
  config: RunConfig,
  points: Pick<MetricPoint, 'step' | 'excess' | 'buckets'>[],
  diverged: (number | null)[],
  freq: number[] | undefined,
  eff: { effStep: number[][]; counts: number[] } | null,
  meaning?: Pick<LessonEnd, 'agreement' | 'agreementChance'>,
): LessonEnd | null {
  const [first, point] = [points[0], points.at(-1)];
  if (!first || !point || !freq || !eff) return null;
  const L = config.lanes.length;
  const seen = eff.counts.flatMap((n, r) => (n > 0 ? [r] : []));
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  // The rows drawn whose boost lane l's cap holds (by the reported frequencies, the first p_max).
  const capped = (l: number) => seen.filter((r) => cappedAt(config.lanes[l], freq[0], freq[r]));
  const uncapped = (l: number) => {
    const held = new Set(capped(l));
    return effectiveSlopes(freq, { ...eff, counts: eff.counts.map((n, r) => (held.has(r) ? 0 : n)) })[l];
  };
  return {
    startStep: first.step,
    start: first.excess.slice(0, L),
    startBuckets: first.buckets.slice(0, L),
    excess: point.excess.slice(0, L),
    buckets: point.buckets.slice(0, L),
    diverged: diverged.slice(0, L).map((d) => d ?? null),
    slopes: effectiveSlopes(freq, eff).slice(0, L),
    uncappedSlopes: config.lanes.map((_, l) => uncapped(l)),
    capped: config.lanes.map((_, l) => capped(l).length),
    medianBoost: config.lanes.map((lane, l) => median(seen.map((r) => eff.effStep[l][r] / lane.lr))),
    ...meaning,
  };
}

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
