// What the lessons' words read (lessons.ts, lesson4.ts, lesson5.ts, lesson6.ts): the configuration,
// the run at its stop step, and the small readers of both that several lessons share.

import type { RunConfig } from '../../engine/config.ts';
import { type OptimizerKind } from '../../engine/optimizers.ts';
import { sharedProbabilities } from '../../engine/sampling/distributions.ts';
import { updateChance } from './designer.ts';
import { print, printEach, whole } from './numbers.ts';

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
export type Facts = LessonFacts & { horizon: number };

/** The lane of an optimizer in the configuration (−1: switched off). */
export const laneOf = (c: RunConfig, o: OptimizerKind) => c.lanes.findIndex((l) => l.optimizer === o);
export const on = (c: RunConfig, o: OptimizerKind) => laneOf(c, o) >= 0;
export const rate = (c: RunConfig, o: OptimizerKind) => c.lanes[laneOf(c, o)]?.lr;
/** Each token's probability (the configuration's token distribution). */
export const probabilities = (c: RunConfig) => sharedProbabilities(c.tokens, c.rows);
/** Every token equally frequent. */
export const uniform = (c: RunConfig) => probabilities(c)[0] === probabilities(c)[c.rows - 1];
export const pctOfRanks = (x: number) => `${+(x * 100).toPrecision(3)}%`;
/** Steps between a row's gradients on average: 1 / P(it occurs in a batch of B). */
export const interval = (pk: number, batch: number) => 1 / updateChance(pk, batch);
/** A count of steps: whole from 10 up. */
export const steps = (x: number) => (x >= 10 ? whole(Math.round(x)) : print(x));
export const ended = (f: Facts) => f.end !== null;
export const at = (f: Facts, o: OptimizerKind) => f.end!.excess[laneOf(f.config, o)];
/** The loss of lane o at the stop relative to its first recorded value. */
export const fallTo = (f: Facts, o: OptimizerKind, b?: number) => {
  const l = laneOf(f.config, o);
  return b === undefined ? f.end!.excess[l] / f.end!.start[l] : f.end!.buckets[l][b] / f.end!.startBuckets[l][b];
};
/** Lane o's and SGD's losses at the stop, printed to tell apart. */
export const ends = (f: Facts, o: OptimizerKind) => printEach([at(f, o), at(f, 'sgd')]);
export const divergedAt = (f: Facts, o: OptimizerKind) => f.end?.diverged[laneOf(f.config, o)] ?? null;

/** What a lesson says where its setup was changed out of the regime it explains. */
export const OUTSIDE =
  'This lesson’s setup was changed, so its explanation may not hold here: compare the curves yourself.';
export const outside = (regime: (f: Facts) => boolean) => ({ holds: (f: Facts) => !regime(f), words: () => OUTSIDE });
