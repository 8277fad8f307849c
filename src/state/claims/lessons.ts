// The lessons' words: what a run will show, told before it (from the configuration), and where to
// look once it reached its stop (from the run). Each lesson explains one regime (equal frequencies,
// Zipf tokens under SGD, …); where its setup was changed out of that regime, it says so instead of
// explaining something the run does not show.

import type { RunConfig } from '../../engine/config.ts';
import { OPTIMIZER_LABEL, type OptimizerKind } from '../../engine/optimizers.ts';
import { bucketBounds } from '../../engine/sampling/distributions.ts';
import { sweepRates } from '../../engine/sweep.ts';
import { runTheory } from '../../engine/theory.ts';
import { MEANING_LESSON_ID } from '../meaningLesson.ts';
import { say, template, type Said } from './claim.ts';
import { alike, names, print, printEach, share, whole } from './numbers.ts';
import { L4_ADAGRAD, L4_FASGD, L4_SETUP } from './lesson4.ts';
import { L5_CURVES, L5_GUARD, L5_SETUP } from './lesson5.ts';
import { L6_HEAD, L6_SETUP, L6_TAIL, L6_WHY } from './lesson6.ts';
import {
  type Facts,
  type LessonFacts,
  laneOf,
  on,
  rate,
  probabilities,
  uniform,
  pctOfRanks,
  interval,
  steps,
  ended,
  at,
  fallTo,
  ends,
  divergedAt,
  outside,
} from './lessonFacts.ts';

export type { LessonEnd, LessonFacts } from './lessonFacts.ts';

// ---------------------------------------------------------------------------------------------
// Lesson 1: uniform tokens, no gap.

const equalFrequencies = (f: Facts) => uniform(f.config) && on(f.config, 'sgd') && on(f.config, 'fasgd');

export const L1_SETUP = template<Facts>('lesson1.setup', {
  equal: {
    holds: equalFrequencies,
    words: ({ config: c }) =>
      `Every one of the ${whole(c.rows)} tokens is equally frequent. ${names(c.lanes.map((l) => OPTIMIZER_LABEL[l.optimizer]))} train the same table on the same token stream.`,
  },
  outside: outside(equalFrequencies),
});

const sameRate = (c: RunConfig, a: OptimizerKind, b: OptimizerKind) => rate(c, a) === rate(c, b);

export const L1_ANSWER = template<Facts>('lesson1.answer', {
  identical: {
    holds: (f) =>
      equalFrequencies(f) && ended(f) && sameRate(f.config, 'sgd', 'fasgd') && at(f, 'sgd') === at(f, 'fasgd'),
    words: () =>
      'The SGD and FA-SGD curves lie exactly on top of each other: with p_max / p_k = 1 for every token, FA-SGD’s boost is 1 and it is SGD.',
  },
  otherRates: {
    holds: (f) => equalFrequencies(f) && ended(f) && !sameRate(f.config, 'sgd', 'fasgd'),
    words: (f) =>
      `With p_max / p_k = 1 for every token FA-SGD’s boost is 1, but here it runs at η = ${rate(f.config, 'fasgd')} against SGD’s ${rate(f.config, 'sgd')}: it ends at ${ends(f, 'fasgd')[0]}, SGD at ${ends(f, 'fasgd')[1]}.`,
  },
  early: {
    holds: (f) => equalFrequencies(f) && !ended(f),
    words: () => 'With p_max / p_k = 1 for every token, FA-SGD’s boost is 1: at SGD’s rate it is SGD.',
  },
  outside: outside(equalFrequencies),
});

const cfAnswer = (f: Facts) => equalFrequencies(f) && ended(f) && on(f.config, 'cfsgd');
const scatter = (f: Facts) =>
  `its counters are noisy estimates of equal frequencies, so its boosts scatter around 1 (median ×${print(f.end!.medianBoost[laneOf(f.config, 'cfsgd')])} at the stop).`;

export const L1_CF = template<Facts>('lesson1.cfSgd', {
  sameRate: {
    holds: (f) => cfAnswer(f) && sameRate(f.config, 'cfsgd', 'sgd') && !alike(at(f, 'cfsgd'), at(f, 'sgd')),
    words: (f) =>
      `CF-SGD, at the same rate, ends at ${ends(f, 'cfsgd')[0]}, not quite SGD’s ${ends(f, 'cfsgd')[1]}: ${scatter(f)}`,
  },
  otherRate: {
    holds: (f) => cfAnswer(f) && !sameRate(f.config, 'cfsgd', 'sgd'),
    words: (f) =>
      `CF-SGD differs for two reasons: it runs at another rate (η = ${rate(f.config, 'cfsgd')} against ${rate(f.config, 'sgd')}), and ${scatter(f)}`,
  },
  none: {
    holds: (f) => !cfAnswer(f) || (sameRate(f.config, 'cfsgd', 'sgd') && alike(at(f, 'cfsgd'), at(f, 'sgd'))),
    words: () => '',
  },
});

// ---------------------------------------------------------------------------------------------
// Lesson 2: Zipf tokens, the tail starves under SGD.

const skewedSgd = (f: Facts) => !uniform(f.config) && on(f.config, 'sgd');

/** Share of the samples that fall in each bucket, and the bucket ends as numbers of tokens. */
function shares(c: RunConfig) {
  const pk = probabilities(c);
  const [headEnd, torsoEnd] = bucketBounds(c.rows, c.bucketEnds);
  const sum = (a: number, b: number) => pk.subarray(a, b).reduce((s, x) => s + x, 0);
  return { headEnd, torsoEnd, head: sum(0, headEnd), tail: sum(torsoEnd, c.rows) };
}

const sharesWords = (c: RunConfig) => {
  const s = shares(c);
  const alone = c.lanes.length === 1 ? 'Plain SGD trains alone' : 'SGD trains';
  return `the top ${pctOfRanks(c.bucketEnds[0])} of tokens get ${share(s.head)} of the samples, the tail (the other ${pctOfRanks(1 - c.bucketEnds[1])}) shares ${share(s.tail)}. ${alone}, with one step size for everyone.`;
};

export const L2_SETUP = template<Facts>('lesson2.setup', {
  zipf: {
    holds: (f) => skewedSgd(f) && f.config.tokens.kind === 'zipf',
    words: ({ config: c }) =>
      `Token frequencies follow Zipf’s law (s = ${c.tokens.kind === 'zipf' ? c.tokens.s : ''}): ${sharesWords(c)}`,
  },
  otherShape: {
    holds: (f) => skewedSgd(f) && f.config.tokens.kind !== 'zipf',
    words: ({ config: c }) => `Token frequencies follow the chosen distribution: ${sharesWords(c)}`,
  },
  outside: outside(skewedSgd),
});

/** 0.31% (of its value at the first recorded step). */
const fallWords = (f: Facts, b: number) => `${print(100 * fallTo(f, 'sgd', b), 2)}%`;
const fromWhere = (f: Facts) => `of its value at step ${f.end!.startStep}`;
const starves = (f: Facts) => fallTo(f, 'sgd', 0) <= 0.01 && fallTo(f, 'sgd', 2) >= 0.8;
const sgdEnded = (f: Facts) => skewedSgd(f) && ended(f) && divergedAt(f, 'sgd') === null;

export const L2_BUCKETS = template<Facts>('lesson2.buckets', {
  starves: {
    holds: (f) => sgdEnded(f) && starves(f),
    words: (f) =>
      `In the three small charts (tick “Same scale for all” to compare their heights) the head falls by orders of magnitude, to ${fallWords(f, 0)} ${fromWhere(f)}, while the tail barely moves (to ${fallWords(f, 2)}).`,
  },
  headFirst: {
    holds: (f) => sgdEnded(f) && !starves(f) && fallTo(f, 'sgd', 0) < fallTo(f, 'sgd', 2),
    words: (f) =>
      `In the three small charts (tick “Same scale for all” to compare their heights) the head falls further than the tail: to ${fallWords(f, 0)} ${fromWhere(f)}, the tail to ${fallWords(f, 2)}.`,
  },
  tailFirst: {
    holds: (f) => sgdEnded(f) && fallTo(f, 'sgd', 0) >= fallTo(f, 'sgd', 2),
    words: (f) =>
      `In the three small charts the head ends at ${fallWords(f, 0)} ${fromWhere(f)}, the tail at ${fallWords(f, 2)}: here the head gains no more than the tail.`,
  },
  early: { holds: (f) => skewedSgd(f) && !sgdEnded(f), words: () => 'Compare the head’s chart with the tail’s.' },
  outside: outside(skewedSgd),
});

const tailIntervals = (c: RunConfig) => {
  const s = shares(c);
  return [interval(probabilities(c)[s.torsoEnd], c.batch), interval(probabilities(c)[c.rows - 1], c.batch)];
};
const bucketEndWords = (f: Facts) =>
  f.end && divergedAt(f, 'sgd') === null
    ? ` At the stop the head is at ${print(f.end.buckets[laneOf(f.config, 'sgd')][0])} and the tail at ${print(f.end.buckets[laneOf(f.config, 'sgd')][2])}.`
    : '';
/** The designer's readout, by its first words (the designer has no other title for it). */
const readout = 'the readout under the designer’s chart (“Updates a token can expect …”)';

export const L2_INTERVAL = template<Facts>('lesson2.interval', {
  rarely: {
    holds: (f) => skewedSgd(f) && tailIntervals(f.config)[0] >= 2,
    words: (f) => {
      const [often, rarely] = tailIntervals(f.config);
      return `With batches of ${whole(f.config.batch)}, a tail token gets a gradient only once every ${steps(often)} to ${steps(rarely)} steps, and each time the same small step as the head.${bucketEndWords(f)} ${readout[0].toUpperCase()}${readout.slice(1)} says how few.`;
    },
  },
  often: {
    holds: (f) => skewedSgd(f) && tailIntervals(f.config)[0] < 2,
    words: (f) => {
      const [often, rarely] = tailIntervals(f.config);
      return `With batches of ${whole(f.config.batch)}, even a tail token gets a gradient once every ${steps(often)} to ${steps(rarely)} steps, each time the same small step as the head.${bucketEndWords(f)} ${readout[0].toUpperCase()}${readout.slice(1)} gives the counts.`;
    },
  },
  outside: { holds: (f) => !skewedSgd(f), words: () => '' },
});

// ---------------------------------------------------------------------------------------------
// Lesson 3: FA-SGD closes the gap.

const skewedRace = (f: Facts) => !uniform(f.config) && on(f.config, 'sgd') && on(f.config, 'fasgd');

/**
 * Per lane: whether its rate is the best by theory at `horizon` of its sweep's rates (a factor 2
 * apart; null: the theory does not cover the lane). Remembered per configuration.
 */
const tunedCache = new WeakMap<RunConfig, Map<number, (boolean | null)[]>>();
function tunedByTheory(c: RunConfig, horizon: number): (boolean | null)[] {
  const known = tunedCache.get(c)?.get(horizon);
  if (known) return known;
  const tuned = c.lanes.map((lane) => {
    const rates = sweepRates(lane.lr);
    const curves = runTheory({ ...c, seeds: 1, lanes: rates.map((lr) => ({ ...lane, lr })) }, [horizon]);
    if (curves.some((x) => !x)) return null;
    const losses = curves.map((x) => x!.total[0]);
    return losses.indexOf(Math.min(...losses.filter((x) => !Number.isNaN(x)))) === rates.indexOf(lane.lr);
  });
  if (!tunedCache.has(c)) tunedCache.set(c, new Map());
  tunedCache.get(c)!.set(horizon, tuned);
  return tuned;
}
const tuned = (f: Facts) => tunedByTheory(f.config, f.horizon).every((t) => t === true);
const lanesWhere = (f: Facts, t: boolean | null) =>
  f.config.lanes.filter((_, l) => tunedByTheory(f.config, f.horizon)[l] === t);

const frequencyWords = ({ config: c }: Facts) =>
  `${c.tokens.kind === 'zipf' ? `Zipf tokens (s = ${c.tokens.s}), as in lesson 2` : 'Tokens of the chosen distribution'}. FA-SGD scales each token’s step by (p_max / p_k)^β, capped at c${on(c, 'cfsgd') ? '; CF-SGD does the same with counts it keeps itself' : ''}.`;

export const L3_SETUP = template<Facts>('lesson3.setup', {
  tuned: {
    holds: (f) => skewedRace(f) && tuned(f),
    words: (f) =>
      `${frequencyWords(f)} Each runs at its own best learning rate: by theory, the lowest expected loss at step ${whole(f.horizon)} among rates a factor 2 apart.`,
  },
  untuned: {
    holds: (f) => skewedRace(f) && !tuned(f),
    words: (f) => {
      const named = (t: boolean | null) =>
        names(lanesWhere(f, t).map((l) => `${OPTIMIZER_LABEL[l.optimizer]} (η = ${l.lr})`));
      const worse = lanesWhere(f, false).length
        ? `; by theory ${named(false)} would do better at another of rates a factor 2 apart for ${whole(f.horizon)} steps`
        : '';
      const uncovered = lanesWhere(f, null).length ? `; theory does not cover ${named(null)}` : '';
      return `${frequencyWords(f)} Each runs at the rate set in its lane card${worse}${uncovered}.`;
    },
  },
  outside: outside(skewedRace),
});

/** "39% below SGD" / "12% above SGD" / "level with SGD", of a and b (b: SGD's). */
const relative = (a: number, b: number) =>
  alike(a, b) ? 'level with SGD' : `${share(Math.abs(1 - a / b))} ${a < b ? 'below' : 'above'} SGD`;

const raceEnded = (f: Facts) =>
  skewedRace(f) && ended(f) && divergedAt(f, 'sgd') === null && divergedAt(f, 'fasgd') === null;
const endWords = (f: Facts) => {
  const cf = on(f.config, 'cfsgd') && divergedAt(f, 'cfsgd') === null;
  return `At the stop FA-SGD ends ${relative(at(f, 'fasgd'), at(f, 'sgd'))}${cf ? `, CF-SGD ${relative(at(f, 'cfsgd'), at(f, 'sgd'))}` : ''}.`;
};
const tail = (f: Facts, o: OptimizerKind) => f.end!.buckets[laneOf(f.config, o)][2];
/** FA-SGD's and SGD's tail losses, printed to tell apart. */
const tails = (f: Facts) => printEach([tail(f, 'fasgd'), tail(f, 'sgd')]);

export const L3_ANSWER = template<Facts>('lesson3.answer', {
  tailLower: {
    holds: (f) => raceEnded(f) && tail(f, 'fasgd') < tail(f, 'sgd') && !alike(tail(f, 'fasgd'), tail(f, 'sgd')),
    words: (f) =>
      `${endWords(f)} The tail chart (on its own scale) and the readout under the bucket charts show where: tail tokens are at ${tails(f)[0]} under FA-SGD against ${tails(f)[1]} under SGD (${share(1 - tail(f, 'fasgd') / tail(f, 'sgd'))} lower). Rare tokens take bigger steps, so they learn in the few updates they get; CF-SGD, given no frequencies, estimates them from its counters.`,
  },
  tailNotLower: {
    holds: (f) => raceEnded(f) && !(tail(f, 'fasgd') < tail(f, 'sgd') && !alike(tail(f, 'fasgd'), tail(f, 'sgd'))),
    words: (f) =>
      `${endWords(f)} In the tail FA-SGD is at ${tails(f)[0]} against SGD’s ${tails(f)[1]}: no gain there in this setup.`,
  },
  early: {
    holds: (f) => skewedRace(f) && !raceEnded(f),
    words: () => 'Compare FA-SGD’s and CF-SGD’s curves with SGD’s, and the tail chart most of all.',
  },
  outside: outside(skewedRace),
});

/** The templates of each lesson's intro (before Run) and answer (once revealed), by lesson id. */
export const LESSON_WORDS: Record<string, { setup: (typeof L1_SETUP)[]; answer: (typeof L1_SETUP)[] }> = {
  'uniform-no-gap': { setup: [L1_SETUP], answer: [L1_ANSWER, L1_CF] },
  'tail-starves': { setup: [L2_SETUP], answer: [L2_BUCKETS, L2_INTERVAL] },
  'fasgd-closes-gap': { setup: [L3_SETUP], answer: [L3_ANSWER] },
  'adagrad-hidden-frequency': { setup: [L4_SETUP], answer: [L4_ADAGRAD, L4_FASGD] },
  'boost-diverges': { setup: [L5_SETUP], answer: [L5_CURVES, L5_GUARD] },
  [MEANING_LESSON_ID]: { setup: [L6_SETUP], answer: [L6_TAIL, L6_HEAD, L6_WHY] },
};

/** A lesson's intro or answer, sentence by sentence (`horizon`: the lesson's own stop step). */
export const lessonClaims = (id: string, part: 'setup' | 'answer', f: LessonFacts, horizon: number): Said[] =>
  (LESSON_WORDS[id]?.[part] ?? []).map((t) => say(t, { ...f, horizon }));
