// A lane's stable limit in words (token regression): the largest η for which every row's factor
// A_k is below 1 (engine/theory.ts), the row that sets it and whether the boost cap holds that row;
// and where a frequency lane's cap binds.

import type { LaneConfig } from '../../engine/config.ts';
import type { LimitFacts } from '../theory.ts';
import { say, template, type Said } from './claim.ts';
import { digitsToTell, print, whole } from './numbers.ts';

export type { LimitFacts } from '../theory.ts';

/** Whether the cap holds the boost of the row that sets the limit. */
const capped = (f: LimitFacts) => f.lane.optimizer !== 'sgd' && f.uncapped >= f.lane.cap;

export const SET_BY = template<LimitFacts>('limit.setBy', {
  everyToken: { holds: (f) => f.equal, words: () => 'every token alike: all are equally frequent' },
  mostFrequent: { holds: (f) => !f.equal && f.row === 0, words: () => 'the most frequent token' },
  atCap: {
    holds: (f) => !f.equal && f.row > 0 && capped(f),
    words: (f) =>
      `the tokens whose boost the cap holds at ×${f.lane.cap} (the most frequent of them: token ${whole(f.row + 1)})`,
  },
  boosted: {
    holds: (f) => !f.equal && f.row > 0 && !capped(f),
    words: (f) => `token ${whole(f.row + 1)} (boost ×${print(f.uncapped, digitsToTell([f.uncapped, f.lane.cap]))})`,
  },
});

interface LaneLimitFacts extends LimitFacts {
  setBy: string;
}

/** With a schedule starting above the limit, the first step whose η is below it. */
export const stepBelowLimit = (f: LimitFacts) => Math.floor(f.lane.decay! * ((f.lane.lr / f.rate) ** 2 - 1)) + 2;

/** Whether a lane's η is at or above its limit (the card shows the line as an error). */
export const aboveLimit = (f: LimitFacts) => f.lane.lr >= f.rate;

const stableWords = (f: LaneLimitFacts) =>
  `Stable for η below ≈ ${print(f.rate, digitsToTell([f.rate, f.lane.lr]))} (${f.kind === 'exact' ? 'theory' : 'theory, by its plug-in approximation'}; set by ${f.setBy})`;

export const LANE_LIMIT = template<LaneLimitFacts>('setup.laneLimit', {
  below: { holds: (f) => !aboveLimit(f), words: (f) => `${stableWords(f)}.` },
  above: {
    holds: (f) => aboveLimit(f) && !f.lane.decay,
    words: (f) => `${stableWords(f)}: η = ${f.lane.lr} is above it, so the expected error grows without bound.`,
  },
  startsAbove: {
    holds: (f) => aboveLimit(f) && !!f.lane.decay,
    words: (f) =>
      `${stableWords(f)}: η = ${f.lane.lr} starts above it, and the schedule brings the step below it from step ${whole(stepBelowLimit(f))} on.`,
  },
});

/** A lane card's limit line and who sets it (said on its own too), or nothing where theory has no limit. */
export function laneLimitClaims(limit: LimitFacts | null, key: string): Said[] {
  if (!limit) return [];
  const setBy = say(SET_BY, limit, key);
  return [say(LANE_LIMIT, { ...limit, setBy: setBy.text }, key), setBy];
}

/** Whether the cap holds a row of frequency p (exactly as the boost is computed: (p_max/p)^β ≥ c). */
export const cappedAt = (lane: LaneConfig, pmax: number, p: number) =>
  (lane.optimizer === 'fasgd' || lane.optimizer === 'cfsgd') && (pmax / p) ** lane.beta >= lane.cap;
