// The lessons' words: what a run will show, told before it (from the configuration), and where to
// look once it reached its stop (from the run). Each lesson explains one regime (equal frequencies,
// Zipf tokens under SGD, …); where its setup was changed out of that regime, it says so instead of
// explaining something the run does not show.

import type { RunConfig } from '../../engine/config.ts';
import { boost, OPTIMIZER_LABEL, type OptimizerKind } from '../../engine/optimizers.ts';
import { bucketBounds, sharedProbabilities } from '../../engine/sampling/distributions.ts';
import { sweepRates } from '../../engine/sweep.ts';
import { curvature, runTheory, stableRate } from '../../engine/theory.ts';
import { MEANING_LESSON_ID } from '../meaningLesson.ts';
import { say, template, type Said } from './claim.ts';
import { updateChance } from './designer.ts';
import { L6_HEAD, L6_SETUP, L6_TAIL, L6_WHY } from './lesson6.ts';
import { cappedAt } from './limits.ts';
import { alike, digitsToTell, names, print, printEach, share, whole } from './numbers.ts';

/** What a lesson's words are computed from: its configuration, and the run once it reached its stop. */
export interface LessonFacts {
  config: RunConfig;
  end: LessonEnd | null;
}

/** The run at its stop step, by lane of the configuration. */
export interface LessonEnd {
  /** The first recorded step, and each lane's excess and bucket losses there. */
  startStep: number;
  start: number[];
  startBuckets: [number, number, number][];
  excess: number[];
  buckets: [number, number, number][];
  /** The step each lane was marked diverged at (null: it was not). */
  diverged: (number | null)[];
  /** Fitted log-log slope of each lane's effective step against frequency (NaN: none). */
  slopes: number[];
  /** The same over the rows drawn whose boost the lane's cap does not hold (FA-SGD, CF-SGD; else as slopes). */
  uncappedSlopes: number[];
  /** How many of the rows drawn have their boost held by the lane's cap (0 for lanes without one). */
  capped: number[];
  /** Median over the reported rows of each lane's effective step divided by its η (its boost). */
  medianBoost: number[];
  /** A text run's agreement by bucket at the stop step (first seed's lanes; absent: not measured there), and its chance level. */
  agreement?: [number, number, number][] | null;
  agreementChance?: number | null;
}

/** What a lesson's words read: its facts and the lesson's own stop step. */
type Facts = LessonFacts & { horizon: number };

/** The lane of an optimizer in the configuration (−1: switched off). */
const laneOf = (c: RunConfig, o: OptimizerKind) => c.lanes.findIndex((l) => l.optimizer === o);
const on = (c: RunConfig, o: OptimizerKind) => laneOf(c, o) >= 0;
const rate = (c: RunConfig, o: OptimizerKind) => c.lanes[laneOf(c, o)]?.lr;
const p = (c: RunConfig) => sharedProbabilities(c.tokens, c.rows);
/** Every token equally frequent. */
const uniform = (c: RunConfig) => p(c)[0] === p(c)[c.rows - 1];
const pctOfRanks = (x: number) => `${+(x * 100).toPrecision(3)}%`;
/** Steps between a row's gradients on average: 1 / P(it occurs in a batch of B). */
const interval = (pk: number, batch: number) => 1 / updateChance(pk, batch);
/** A count of steps: whole from 10 up. */
const steps = (x: number) => (x >= 10 ? whole(Math.round(x)) : print(x));
const ended = (f: Facts) => f.end !== null;
const at = (f: Facts, o: OptimizerKind) => f.end!.excess[laneOf(f.config, o)];
/** The loss of lane o at the stop relative to its first recorded value. */
const fallTo = (f: Facts, o: OptimizerKind, b?: number) => {
  const l = laneOf(f.config, o);
  return b === undefined ? f.end!.excess[l] / f.end!.start[l] : f.end!.buckets[l][b] / f.end!.startBuckets[l][b];
};
/** Lane o's and SGD's losses at the stop, printed to tell apart. */
const ends = (f: Facts, o: OptimizerKind) => printEach([at(f, o), at(f, 'sgd')]);
const divergedAt = (f: Facts, o: OptimizerKind) => f.end?.diverged[laneOf(f.config, o)] ?? null;

/** What a lesson says where its setup was changed out of the regime it explains. */
const OUTSIDE = 'This lesson’s setup was changed, so its explanation may not hold here: compare the curves yourself.';
const outside = (regime: (f: Facts) => boolean) => ({ holds: (f: Facts) => !regime(f), words: () => OUTSIDE });

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
  const pk = p(c);
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
  return [interval(p(c)[s.torsoEnd], c.batch), interval(p(c)[c.rows - 1], c.batch)];
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

// ---------------------------------------------------------------------------------------------
// Lesson 4: Adagrad's hidden frequency.

export const L4_SETUP = template<Facts>('lesson4.setup', {
  quiet: {
    holds: (f) => f.config.noise < 1,
    words: ({ config: c }) =>
      `Row-wise Adagrad divides each token’s step by the root of its summed squared gradients. It is never told how frequent a token is. The labels carry noise σ = ${c.noise} (the “Noise σ” field of the setup: try 1 after this run).`,
  },
  noisy: {
    holds: (f) => f.config.noise >= 1,
    words: ({ config: c }) =>
      `Row-wise Adagrad divides each token’s step by the root of its summed squared gradients. It is never told how frequent a token is. The labels carry noise σ = ${c.noise} (the “Noise σ” field of the setup).`,
  },
});

const adagradRan = (f: Facts) => ended(f) && on(f.config, 'adagradRow');
const adagradSlope = (f: Facts) => f.end!.slopes[laneOf(f.config, 'adagradRow')];
const falling = (f: Facts) => adagradRan(f) && adagradSlope(f) < 0;
const slopeWords = (f: Facts) =>
  `Adagrad’s line falls with frequency: frequent tokens pile up squared gradients faster, so it uses frequency implicitly, and pays one float of memory per row for it. Its fitted slope here is ${print(adagradSlope(f))}.`;

export const L4_ADAGRAD = template<Facts>('lesson4.adagrad', {
  nearHalf: {
    holds: (f) => falling(f) && Math.abs(adagradSlope(f) + 0.5) <= 0.1,
    words: (f) =>
      `${slopeWords(f)} That is close to −½: with σ = ${f.config.noise} the label noise dominates each squared gradient, so the accumulator grows like the token’s count and the step falls like count^−½.`,
  },
  offHalf: {
    holds: (f) => falling(f) && Math.abs(adagradSlope(f) + 0.5) > 0.1,
    words: (f) =>
      adagradSlope(f) > -0.5
        ? `${slopeWords(f)} That is shallower than −½: with σ = ${f.config.noise} the squared gradients shrink as a token learns, so frequent tokens (which learn first) pile up less than their count.${f.config.noise < 1 ? ' Set Noise σ to 1 and run again: noise then dominates and the slope comes close to −½ — the paper’s “to a large extent”.' : ''}`
        : `${slopeWords(f)} That is steeper than −½.`,
  },
  notFalling: {
    holds: (f) => adagradRan(f) && !falling(f),
    words: (f) =>
      Number.isFinite(adagradSlope(f))
        ? `Adagrad’s line does not fall with frequency here: its fitted slope is ${print(adagradSlope(f))}.`
        : 'Adagrad’s slope could not be fitted here: the frequencies drawn span less than a decade.',
  },
  early: {
    holds: (f) => !adagradRan(f),
    words: () => 'Look at Adagrad’s line on the effective-step chart once the run has gone a while.',
  },
});

const faRan = (f: Facts) =>
  ended(f) && on(f.config, 'fasgd') && Number.isFinite(f.end!.uncappedSlopes[laneOf(f.config, 'fasgd')]);
const faLane = (f: Facts) => f.config.lanes[laneOf(f.config, 'fasgd')];
/** The drawn rows' frequencies whose boost FA-SGD's cap holds. */
const faCapped = (f: Facts) => f.end!.capped[laneOf(f.config, 'fasgd')];
const byDesign = (f: Facts) => Math.abs(f.end!.uncappedSlopes[laneOf(f.config, 'fasgd')] + faLane(f).beta) < 0.01;
const designWords = (f: Facts) =>
  `FA-SGD’s line falls by design with slope −β = ${print(-faLane(f).beta)} (fitted: ${print(f.end!.uncappedSlopes[laneOf(f.config, 'fasgd')])}`;

export const L4_FASGD = template<Facts>('lesson4.faSgd', {
  capBinds: {
    holds: (f) => faRan(f) && byDesign(f) && faCapped(f) > 0,
    words: (f) =>
      `${designWords(f)} over the tokens below its cap) and turns flat where the cap ×${faLane(f).cap} holds the boost: the ${faCapped(f)} rarest of the tokens drawn; over all of them its fit is ${print(f.end!.slopes[laneOf(f.config, 'fasgd')])}. FA-SGD gets a designed shape for free.`,
  },
  capNever: {
    holds: (f) => faRan(f) && byDesign(f) && faCapped(f) === 0,
    words: (f) =>
      `${designWords(f)}); its cap ×${faLane(f).cap} holds none of the tokens drawn. FA-SGD gets a designed shape for free.`,
  },
  none: { holds: (f) => !faRan(f) || !byDesign(f), words: () => '' },
});

// ---------------------------------------------------------------------------------------------
// Lesson 5: too big a boost diverges.

const faSkewed = (f: Facts) => !uniform(f.config) && on(f.config, 'fasgd');
/** FA-SGD's largest boost (of the rarest token) before the cap, and the first 0-based row the cap holds (n: none). */
const boosts = (c: RunConfig) => {
  const lane = c.lanes[laneOf(c, 'fasgd')];
  const pk = p(c);
  const largest = (pk[0] / pk[c.rows - 1]) ** lane.beta;
  let first = 0;
  while (first < c.rows && !cappedAt(lane, pk[0], pk[first])) first++;
  return { lane, largest, first };
};

export const L5_SETUP = template<Facts>('lesson5.setup', {
  capBinds: {
    holds: (f) => faSkewed(f) && boosts(f.config).first < f.config.rows,
    words: (f) => {
      const { lane, first } = boosts(f.config);
      return `FA-SGD’s cap c limits the boost. Here it is ${lane.cap}${lane.cap !== 20 ? ' instead of 20' : ''}, and it holds the boost of token ${whole(first + 1)} and every rarer one: they take steps ${lane.cap}× the base step.`;
    },
  },
  capNever: {
    holds: (f) => faSkewed(f) && boosts(f.config).first === f.config.rows,
    words: (f) => {
      const { lane, largest } = boosts(f.config);
      return `FA-SGD’s cap c limits the boost. Here it is ${lane.cap}${lane.cap !== 20 ? ' instead of 20' : ''}, above the largest boost, (p_max / p_k)^β = ×${print(largest)} of the rarest token: the cap never binds, so the rarest tokens take steps ${print(largest)}× the base step.`;
    },
  },
  outside: outside(faSkewed),
});

/** The rows whose step η·m_k overshoots their own limit 2 / q_k by theory (A_k ≥ 1): how many, and the first. */
function overshooting(c: RunConfig) {
  const { lane } = boosts(c);
  const pk = p(c);
  const rows = Array.from(pk, (_, k) => k).filter(
    (k) => lane.lr * boost(pk[0] / pk[k], lane.beta, lane.cap) * curvature(pk[k], c) >= 2,
  );
  return { count: rows.length, first: rows[0] ?? -1 };
}

/** FA-SGD's stable limit (and at which cap it would be stable at its η: the largest, null: none). */
function faStability(c: RunConfig) {
  const { lane } = boosts(c);
  const limit = stableRate(p(c), c, lane);
  // The limit falls as the cap rises: the largest cap that keeps η stable, to 2 digits, by bisection.
  const stableAt = (cap: number) => stableRate(p(c), c, { ...lane, cap }).rate > lane.lr;
  let [lo, hi] = [1, lane.cap];
  if (!stableAt(lo)) return { limit, safeCap: null };
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (stableAt(mid)) lo = mid;
    else hi = mid;
  }
  // Two digits, rounded down: every cap up to it is stable.
  const unit = 10 ** (Math.floor(Math.log10(lo)) - 1);
  return { limit, safeCap: Number((Math.floor(lo / unit) * unit).toPrecision(2)) };
}

const faEnded = (f: Facts) => faSkewed(f) && ended(f) && on(f.config, 'sgd');
const climbs = (f: Facts) => at(f, 'fasgd') > f.end!.start[laneOf(f.config, 'fasgd')];
const sgdFalls = (f: Facts) => divergedAt(f, 'sgd') === null && fallTo(f, 'sgd') < 1;
const fromTo = (f: Facts, o: OptimizerKind) => `from ${print(f.end!.start[laneOf(f.config, o)])} to ${print(at(f, o))}`;

export const L5_CURVES = template<Facts>('lesson5.curves', {
  diverged: {
    holds: (f) => faEnded(f) && divergedAt(f, 'fasgd') !== null && sgdFalls(f),
    words: (f) =>
      `FA-SGD’s curve climbs until it is marked diverged at step ${divergedAt(f, 'fasgd')}, while SGD’s falls (${fromTo(f, 'sgd')}).`,
  },
  climbs: {
    holds: (f) => faEnded(f) && divergedAt(f, 'fasgd') === null && climbs(f) && sgdFalls(f),
    words: (f) => `FA-SGD’s curve climbs (${fromTo(f, 'fasgd')}) while SGD’s falls (${fromTo(f, 'sgd')}).`,
  },
  other: {
    holds: (f) => faEnded(f) && !((divergedAt(f, 'fasgd') !== null || climbs(f)) && sgdFalls(f)),
    words: (f) =>
      `FA-SGD ${divergedAt(f, 'fasgd') !== null ? `diverged at step ${divergedAt(f, 'fasgd')}` : `went ${fromTo(f, 'fasgd')}`}; SGD ${divergedAt(f, 'sgd') !== null ? `diverged at step ${divergedAt(f, 'sgd')}` : `went ${fromTo(f, 'sgd')}`}.`,
  },
  early: { holds: (f) => faSkewed(f) && !faEnded(f), words: () => 'Compare FA-SGD’s curve with SGD’s.' },
  outside: outside(faSkewed),
});

/** ", and by theory the 9,310 rarest tokens (from token 691 on) overshoot" (nothing where none does). */
const overshootWords = (f: Facts) => {
  const { count, first } = overshooting(f.config);
  return count > 0
    ? `, and by theory the ${whole(count)} ${count === f.config.rows - first ? 'rarest tokens' : 'tokens'} from token ${whole(first + 1)} on take steps past their own limit, overshooting further each time`
    : '';
};

const faWords = (f: Facts) => {
  const { limit } = faStability(f.config);
  return `By theory FA-SGD is stable only for η below ≈ ${print(limit.rate, digitsToTell([limit.rate, boosts(f.config).lane.lr]))} with this cap (it runs at η = ${boosts(f.config).lane.lr}).`;
};

export const L5_GUARD = template<Facts>('lesson5.guard', {
  capGuards: {
    holds: (f) => faSkewed(f) && boosts(f.config).first < f.config.rows,
    words: (f) =>
      `${faWords(f)} A boost is safe only while η·boost stays below each token’s own limit; the cap is the guard: it holds the boost at ×${boosts(f.config).lane.cap} from token ${whole(boosts(f.config).first + 1)} on.`,
  },
  capNever: {
    holds: (f) => faSkewed(f) && boosts(f.config).first === f.config.rows && faStability(f.config).safeCap !== null,
    words: (f) =>
      `${faWords(f)} A boost is safe only while η·boost stays below each token’s own limit. Here the cap never binds, so β alone sets the boost${overshootWords(f)}; a cap of ×${faStability(f.config).safeCap} or less would keep η = ${boosts(f.config).lane.lr} stable.`,
  },
  noCap: {
    holds: (f) => faSkewed(f) && boosts(f.config).first === f.config.rows && faStability(f.config).safeCap === null,
    words: (f) =>
      `${faWords(f)} Here the cap never binds, and no cap would help: η is above the limit even without a boost.`,
  },
  outside: { holds: (f) => !faSkewed(f), words: () => '' },
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
