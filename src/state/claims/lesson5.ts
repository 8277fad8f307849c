// Lesson 5's words: a boost far past the cap's guard overshoots; where the cap binds, where it never
// does, and when no cap would help.

import type { RunConfig } from '../../engine/config.ts';
import { boost, type OptimizerKind } from '../../engine/optimizers.ts';
import { curvature, stableRate } from '../../engine/theory.ts';
import { template } from './claim.ts';
import { cappedAt } from './limits.ts';
import { digitsToTell, print, whole } from './numbers.ts';
import {
  type Facts,
  laneOf,
  on,
  probabilities,
  uniform,
  ended,
  at,
  fallTo,
  divergedAt,
  outside,
} from './lessonFacts.ts';

const faSkewed = (f: Facts) => !uniform(f.config) && on(f.config, 'fasgd');
/** FA-SGD's largest boost (of the rarest token) before the cap, and the first 0-based row the cap holds (n: none). */
const boosts = (c: RunConfig) => {
  const lane = c.lanes[laneOf(c, 'fasgd')];
  const pk = probabilities(c);
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
  const pk = probabilities(c);
  const rows = Array.from(pk, (_, k) => k).filter(
    (k) => lane.lr * boost(pk[0] / pk[k], lane.beta, lane.cap) * curvature(pk[k], c) >= 2,
  );
  return { count: rows.length, first: rows[0] ?? -1 };
}

/** FA-SGD's stable limit (and at which cap it would be stable at its η: the largest, null: none). */
function faStability(c: RunConfig) {
  const { lane } = boosts(c);
  const limit = stableRate(probabilities(c), c, lane);
  // The limit falls as the cap rises: the largest cap that keeps η stable, to 2 digits, by bisection.
  const stableAt = (cap: number) => stableRate(probabilities(c), c, { ...lane, cap }).rate > lane.lr;
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
