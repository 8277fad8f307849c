// Lesson 4's words: Adagrad's step falls with frequency although it is never told a frequency; FA-SGD's
// by design (−β until its cap).

import { template } from './claim.ts';
import { print } from './numbers.ts';
import { type Facts, laneOf, on, ended } from './lessonFacts.ts';

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
