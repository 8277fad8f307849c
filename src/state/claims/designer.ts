// The distribution designer's readout: how many updates a row of each bucket can expect by the
// stop step. A row is updated at most once a step, when it occurs in the batch at all: with B
// samples a step, P(update) = 1 − (1 − p_k)^B, so by step T it expects T·(1 − (1 − p_k)^B)
// updates (not its T·B·p_k occurrences).

import { say, template, type Said } from './claim.ts';
import { article, count, print, whole } from './numbers.ts';

/** The chance that a row of frequency p gets a gradient in a step of `batch` samples. */
export const updateChance = (p: number, batch: number) => -Math.expm1(batch * Math.log1p(-p));

/** Expected updates by step T. */
export const expectedUpdates = (p: number, batch: number, steps: number) => steps * updateChance(p, batch);

interface HeaderFacts {
  /** 'token', 'user' or 'item'. */
  unit: string;
  steps: number;
  /** Whether `steps` is the stop step (else an example: no stop step is set). */
  stopSet: boolean;
  batch: number;
}

const headerWords = (f: HeaderFacts, when: string) =>
  `Updates ${article(f.unit)} can expect by step ${whole(f.steps)}${when}, ${whole(f.batch)} samples per step (one at most per step, however often it occurs in the batch):`;

export const UPDATES_HEADER = template<HeaderFacts>('designer.updatesHeader', {
  atStop: { holds: (f) => f.stopSet, words: (f) => headerWords(f, ', the stop step') },
  example: { holds: (f) => !f.stopSet, words: (f) => headerWords(f, ', say (no stop step is set)') },
});

interface BucketFacts {
  bucket: string;
  /** 0-based first and end (exclusive) rank. */
  from: number;
  to: number;
  steps: number;
  /** Expected updates of its least and most frequent row. */
  fewest: number;
  most: number;
}

const rangeWords = (f: BucketFacts) =>
  `${f.bucket} (${f.to - f.from > 1 ? `ranks ${whole(f.from + 1)}–${whole(f.to)}` : `rank ${whole(f.to)}`})`;
/** An expectation is at most the number of steps, and the rarer row expects no more. */
const possible = (f: BucketFacts) => f.fewest <= f.most && f.most <= f.steps;

export const UPDATES_BUCKET = template<BucketFacts>('designer.updatesBucket', {
  range: {
    holds: (f) => possible(f) && count(f.fewest) !== count(f.most),
    words: (f) => `${rangeWords(f)}: ${count(f.fewest)} to ${count(f.most)} updates`,
  },
  even: {
    holds: (f) => possible(f) && count(f.fewest) === count(f.most),
    words: (f) => `${rangeWords(f)}: ${count(f.most)} updates each`,
  },
});

interface RarestFacts {
  unit: string;
  updates: number;
  /** The chance it never gets a gradient by the stop step. */
  never: number;
  steps: number;
}

/** Below this chance of never getting a gradient, the readout says it is all but sure to get one. */
const ALL_BUT_SURE = 1e-4;

export const UPDATES_RAREST = template<RarestFacts>('designer.updatesRarest', {
  mayMiss: {
    holds: (f) => f.updates <= f.steps && f.never >= ALL_BUT_SURE,
    words: (f) =>
      `The rarest ${f.unit}: ${count(f.updates)} updates; the chance it never gets a gradient: ${print(100 * f.never, 2)}%.`,
  },
  allButSure: {
    holds: (f) => f.updates <= f.steps && f.never < ALL_BUT_SURE,
    words: (f) =>
      `The rarest ${f.unit}: ${count(f.updates)} updates; it is all but sure to get a gradient (the chance it never does is below 0.01%).`,
  },
});

const BUCKETS = ['head', 'torso', 'tail'];

/**
 * The readout of a table of n rows with frequencies p(k) (k: 0-based rank, non-increasing), its
 * bucket ends, B samples a step and T steps; `unit`: what a row is.
 */
export function updatesClaims(
  unit: string,
  p: (k: number) => number,
  n: number,
  bounds: [number, number],
  batch: number,
  steps: number,
  stopSet: boolean,
): Said[] {
  const updates = (k: number) => expectedUpdates(p(k), batch, steps);
  const ranges = [
    [0, bounds[0]],
    [bounds[0], bounds[1]],
    [bounds[1], n],
  ];
  return [
    say(UPDATES_HEADER, { unit, steps, stopSet, batch }),
    ...ranges.flatMap(([from, to], b) =>
      to > from
        ? [
            say(
              UPDATES_BUCKET,
              { bucket: BUCKETS[b], from, to, steps, fewest: updates(to - 1), most: updates(from) },
              BUCKETS[b],
            ),
          ]
        : [],
    ),
    say(UPDATES_RAREST, {
      unit,
      steps,
      updates: updates(n - 1),
      never: Math.exp(steps * batch * Math.log1p(-p(n - 1))),
    }),
  ];
}
