// Guided scenes. Each is a link (#lesson=<id>): a preset with some fields changed, a prediction to
// make before running, and what to look at once it has run. Every number in a lesson's words is
// computed from its configuration or its run. src/app/lessons.test.ts checks on the CPU engine
// that every lesson's answer is what its run shows.

import type { PresetId, RunConfig } from '../engine/config.ts';
import type { OptimizerKind } from '../engine/optimizers.ts';
import { bucketBounds, sharedProbabilities } from '../engine/sampling/distributions.ts';
import { stableRate } from '../engine/theory.ts';
import { effectiveSlopes } from './analysis.ts';
import type { Fields } from './fields.ts';
import type { MetricPoint } from './series.ts';
// Issue 31: lesson 6 lives in its own file.
import { meaningLesson } from './meaningLesson.ts';

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

/** What a lesson's words are computed from: its configuration, and the run once it reached its stop. */
export interface LessonFacts {
  config: RunConfig;
  end: LessonEnd | null;
}

/** The run at its stop step, by lane of the configuration. */
export interface LessonEnd {
  excess: number[];
  buckets: [number, number, number][];
  /** Fitted log-log slope of each lane's effective step against frequency (NaN: none). */
  slopes: number[];
  /** Median over the reported rows of each lane's effective step divided by its η (its boost). */
  medianBoost: number[];
  /** Issue 31: a text run's agreement by bucket at the stop step (first seed's lanes), and its chance level. */
  agreement?: [number, number, number][] | null;
  agreementChance?: number | null;
}

const pct = (x: number) => `${Math.round(100 * x)}%`;
const num = (x: number) => (Number.isFinite(x) ? String(+x.toPrecision(3)) : '—');
/** A count of steps: whole from 10 up. */
const whole = (x: number) => (x >= 10 ? Math.round(x).toLocaleString('en-US') : num(x));
const signed = (x: number) => (Number.isFinite(x) ? num(x).replace('-', '−') : 'not defined');
/** The lane of an optimizer in the lesson's configuration (−1: switched off). */
const laneOf = (c: RunConfig, o: OptimizerKind) => c.lanes.findIndex((l) => l.optimizer === o);
const rate = (c: RunConfig, o: OptimizerKind) => c.lanes[laneOf(c, o)]?.lr;

/** Share of the samples that fall in each bucket, and the bucket ends as numbers of tokens. */
function shares(c: RunConfig) {
  const p = sharedProbabilities(c.tokens, c.rows);
  const [headEnd, torsoEnd] = bucketBounds(c.rows, c.bucketEnds);
  const sum = (a: number, b: number) => p.subarray(a, b).reduce((s, x) => s + x, 0);
  return { p, headEnd, torsoEnd, head: sum(0, headEnd), torso: sum(headEnd, torsoEnd), tail: sum(torsoEnd, c.rows) };
}

/** Steps between a token's gradients on average: 1 / P(it occurs in a batch of B). */
const updateInterval = (pk: number, B: number) => 1 / (1 - Math.pow(1 - pk, B));

const bucketWords = (c: RunConfig) => `the top ${+(c.bucketEnds[0] * 100).toPrecision(3)}% of tokens`;

const off = (...lanes: number[]) => Object.fromEntries(lanes.map((i) => [`lanes.${i}.on`, '0']));

export const LESSONS: Lesson[] = [
  {
    id: 'uniform-no-gap',
    title: '1. Does FA-SGD help when every token is equally frequent?',
    preset: 'uniform',
    fields: { ...off(3, 4), stopAt: '300' },
    hide: ['distribution'],
    setup: ({ config: c }) =>
      `Every one of the ${c.rows.toLocaleString('en-US')} tokens is equally frequent. SGD, FA-SGD and CF-SGD train the same table on the same token stream.`,
    question: 'Will frequency-aware SGD beat plain SGD here?',
    choices: ['FA-SGD clearly wins', 'SGD and FA-SGD tie', 'SGD clearly wins'],
    answer: 1,
    lookAt: ({ config: c, end }) => {
      const [sgd, fa, cf] = (['sgd', 'fasgd', 'cfsgd'] as const).map((o) => laneOf(c, o));
      const same = end && sgd >= 0 && fa >= 0 && end.excess[sgd] === end.excess[fa];
      const cfWords =
        cf < 0
          ? ''
          : rate(c, 'cfsgd') === rate(c, 'sgd')
            ? ` CF-SGD, at the same rate, is close but not equal: its counters are noisy estimates of equal frequencies, so its boosts scatter around 1 (median ×${num(end?.medianBoost[cf] ?? NaN)} at the stop).`
            : ` CF-SGD differs for two reasons: it runs at another rate (η = ${rate(c, 'cfsgd')} against ${rate(c, 'sgd')}), and its counters are noisy estimates of equal frequencies, so its boosts scatter around 1 (median ×${num(end?.medianBoost[cf] ?? NaN)} at the stop).`;
      return `${same ? 'The SGD and FA-SGD curves lie exactly on top of each other' : 'SGD and FA-SGD end together'}: with p_max / p_k = 1 for every token, FA-SGD’s boost is 1 and it is SGD.${cfWords}`;
    },
  },
  {
    id: 'tail-starves',
    title: '2. What happens to rare tokens under one step size?',
    preset: 'zipf',
    fields: { ...off(1, 2, 3, 4), stopAt: '300' },
    hide: ['optimizers'],
    setup: ({ config: c }) => {
      const s = shares(c);
      const zipf = c.tokens.kind === 'zipf' ? `Zipf’s law (s = ${c.tokens.s})` : 'the chosen distribution';
      return `Token frequencies follow ${zipf}: ${bucketWords(c)} get ${pct(s.head)} of the samples, the tail (the other ${+((1 - c.bucketEnds[1]) * 100).toPrecision(3)}%) shares ${pct(s.tail)}. Plain SGD trains alone, with one step size for everyone.`;
    },
    question: 'Which bucket’s excess loss falls slowest?',
    choices: ['Head (top 1%)', 'Torso (next 9%)', 'Tail (the other 90%)'],
    answer: 2,
    lookAt: ({ config: c, end }) => {
      const s = shares(c);
      const often = updateInterval(s.p[s.torsoEnd], c.batch);
      const rarely = updateInterval(s.p[c.rows - 1], c.batch);
      const ends = end
        ? ` At the stop the head is at ${num(end.buckets[0][0])} and the tail at ${num(end.buckets[0][2])}.`
        : '';
      return `In the three small charts (tick “Same scale for all” to compare their heights) the head falls by orders of magnitude while the tail barely moves: with batches of ${c.batch.toLocaleString('en-US')}, a tail token gets a gradient only once every ${whole(often)} to ${whole(rarely)} steps, and each time the same small step as the head.${ends} The “Expected updates” readout in the designer says how few.`;
    },
  },
  {
    id: 'fasgd-closes-gap',
    title: '3. Can a step size per token rescue the tail?',
    preset: 'zipf',
    fields: { ...off(3, 4), stopAt: '300' },
    hide: ['distribution'],
    setup: () =>
      'Same Zipf tokens. FA-SGD scales each token’s step by (p_max / p_k)^β, capped at c; CF-SGD does the same with counts it keeps itself. Each runs at its own best learning rate.',
    question: 'Which lanes end lowest after 300 steps?',
    choices: ['SGD', 'FA-SGD and CF-SGD', 'All three tie'],
    answer: 1,
    lookAt: ({ config: c, end }) => {
      const [sgd, fa, cf] = (['sgd', 'fasgd', 'cfsgd'] as const).map((o) => laneOf(c, o));
      if (!end || sgd < 0 || fa < 0)
        return 'Compare FA-SGD’s and CF-SGD’s curves with SGD’s, and the tail chart most of all.';
      const lower = (l: number, b?: number) =>
        pct(1 - (b === undefined ? end.excess[l] / end.excess[sgd] : end.buckets[l][b] / end.buckets[sgd][b]));
      const cfWords = cf >= 0 ? `, CF-SGD ${lower(cf)}` : '';
      return `At the stop FA-SGD ends ${lower(fa)} below SGD${cfWords}. The tail chart (on its own scale) and the readout under the bucket charts show where: tail tokens are at ${num(end.buckets[fa][2])} under FA-SGD against ${num(end.buckets[sgd][2])} under SGD (${lower(fa, 2)} lower). Rare tokens take bigger steps, so they learn in the few updates they get; CF-SGD, given no frequencies, estimates them from its counters.`;
    },
  },
  {
    id: 'adagrad-hidden-frequency',
    title: '4. Does Adagrad know how frequent a token is?',
    preset: 'zipf',
    fields: { ...off(2, 4), stopAt: '300' },
    hide: ['distribution'],
    setup: ({ config: c }) =>
      `Row-wise Adagrad divides each token’s step by the root of its summed squared gradients. It is never told how frequent a token is. The labels carry noise σ = ${c.noise} (a field under Sizes: try 1 after this run).`,
    question: 'On the effective-step chart (step size against token frequency), how does Adagrad’s line run?',
    choices: ['Flat, like SGD', 'Falling as frequency rises', 'Rising as frequency rises'],
    answer: 1,
    lookAt: ({ config: c, end }) => {
      const ada = laneOf(c, 'adagradRow');
      const fa = laneOf(c, 'fasgd');
      const slope = end && ada >= 0 ? end.slopes[ada] : NaN;
      const near = Math.abs(slope + 0.5) <= 0.1;
      const fit = Number.isFinite(slope)
        ? `Its fitted slope here is ${signed(slope)}${fa >= 0 && end ? `, beside FA-SGD’s designed ${signed(end.slopes[fa])} (−β)` : ''}.`
        : 'Its slope could not be fitted here.';
      const why = near
        ? `That is close to −½: with σ = ${c.noise} the label noise dominates each squared gradient, so the accumulator grows like the token’s count and the step falls like count^−½.`
        : `That is shallower than −½: with σ = ${c.noise} the squared gradients shrink as a token learns, so frequent tokens (which learn first) pile up less than their count. Set Noise σ to 1 and run again: noise then dominates and the slope comes close to −½ — the paper’s “to a large extent”.`;
      return `Adagrad’s line falls with frequency: frequent tokens pile up squared gradients faster, so it uses frequency implicitly, and pays one float of memory per row for it. ${fit} ${why} FA-SGD gets a designed shape for free.`;
    },
  },
  {
    id: 'boost-diverges',
    title: '5. What does a much larger boost cap do?',
    preset: 'zipf',
    fields: { ...off(2, 3, 4), 'lanes.1.cap': '1000', stopAt: '300' },
    hide: ['distribution'],
    setup: ({ config: c }) => {
      const cap = c.lanes[laneOf(c, 'fasgd')]?.cap;
      return `FA-SGD’s cap c limits the boost. Here it is ${cap} instead of 20, so the rarest tokens may take steps up to ${cap}× the base step.`;
    },
    question: 'What happens to FA-SGD’s loss?',
    choices: ['It falls faster than before', 'It rises: boosted steps overshoot', 'Nothing changes'],
    answer: 1,
    lookAt: ({ config: c, end }) => {
      const fa = laneOf(c, 'fasgd');
      const lane = c.lanes[fa];
      const limit = lane ? stableRate(sharedProbabilities(c.tokens, c.rows), c, lane) : null;
      const limitWords = limit
        ? ` By theory FA-SGD is stable only for η below ≈ ${num(limit.rate)} with this cap (it runs at η = ${lane.lr}).`
        : '';
      const ends = end && fa >= 0 ? ` FA-SGD ends at ${num(end.excess[fa])}.` : '';
      return `FA-SGD’s curve climbs while SGD’s falls, and the tail chart shows it first: a tail token seen once takes a step so large it overshoots its target, further each time.${ends}${limitWords} A boost is safe only while η·boost stays below that limit; the cap is the guard.`;
    },
  },
  meaningLesson,
];

/** The run at its stop step, from what the store holds: the newest point and effective steps. */
export function lessonEnd(
  config: RunConfig,
  point: MetricPoint | undefined,
  freq: number[] | undefined,
  eff: { effStep: number[][]; counts: number[] } | null,
  meaning?: Pick<LessonEnd, 'agreement' | 'agreementChance'>,
): LessonEnd | null {
  if (!point || !freq || !eff) return null;
  const seen = eff.counts.flatMap((n, r) => (n > 0 ? [r] : []));
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return {
    excess: point.excess.slice(0, config.lanes.length),
    buckets: point.buckets.slice(0, config.lanes.length),
    slopes: effectiveSlopes(freq, eff).slice(0, config.lanes.length),
    medianBoost: config.lanes.map((lane, l) => median(seen.map((r) => eff.effStep[l][r] / lane.lr))),
    ...meaning,
  };
}

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
