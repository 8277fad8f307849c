// Lesson 6's words (meaningLesson.ts): before Run, what the lesson trains (once a text is read: before,
// the page offers the lesson's text instead, ui/meaning/LessonText.tsx); at the stop, whose tail
// words agree more with the text's own neighbours (the agreement the engine measured at the stop
// step, engine/meaning/agreement.ts) and whether the heads are close. Listed in lessons.ts
// (LESSON_WORDS).

import { bucketBounds } from '../../engine/sampling/distributions.ts';
import { template } from './claim.ts';
import { type Facts, laneOf, OUTSIDE } from './lessonFacts.ts';
import { print, printEach, whole } from './numbers.ts';

/** A text run with SGD and FA-SGD both on: what the lesson compares. */
const compared = (f: Facts) =>
  f.config.data?.source === 'text' && laneOf(f.config, 'sgd') >= 0 && laneOf(f.config, 'fasgd') >= 0;
/** SGD's and FA-SGD's agreement in bucket b at the stop (absent: not measured there). */
const pair = (f: Facts, b: number) => {
  const a = f.end?.agreement;
  const [s, fa] = [a?.[laneOf(f.config, 'sgd')], a?.[laneOf(f.config, 'fasgd')]];
  return s && fa ? { sgd: s[b], fa: fa[b] } : null;
};
const measured = (f: Facts) => compared(f) && pair(f, 2) !== null;
const chance = (f: Facts) => print(f.end?.agreementChance ?? NaN, 2);
/** Two agreements within a quarter of the larger: too close to call one ahead at these sizes. */
const close = (x: { sgd: number; fa: number }) => Math.abs(x.fa - x.sgd) <= 0.25 * Math.max(x.fa, x.sgd);
const headsClose = (f: Facts) => close(pair(f, 0)!);

export const L6_SETUP = template<Facts>('lesson6.setup', {
  text: {
    holds: compared,
    words: ({ config: c }) => {
      const [headEnd, torsoEnd] = bucketBounds(c.rows, c.bucketEnds);
      const fa = c.lanes[laneOf(c, 'fasgd')];
      return `Skip-gram on “${c.data!.name}”: ${whole(c.rows)} words, each learning a vector from the words around it. The head is its ${whole(headEnd)} most frequent words, the tail its ${whole(c.rows - torsoEnd)} rarest. SGD (η = ${c.lanes[laneOf(c, 'sgd')].lr}) and FA-SGD (η = ${fa.lr}, boost up to ${fa.cap}×) train the same table on the same pairs. Under “What the imbalance does to meaning”, pick a frequent word and a rare one and watch their neighbours.`;
    },
  },
  outside: {
    holds: (f) => !compared(f),
    words: () =>
      'This lesson compares SGD with FA-SGD on a text; its setup was changed, so compare the lanes yourself.',
  },
});

/** FA-SGD's tail agreement above SGD's at the stop by more than a quarter. */
const tailAhead = (f: Facts) => pair(f, 2)!.fa > pair(f, 2)!.sgd && !close(pair(f, 2)!);

const WHY =
  'Each update of a rare word pulls its vector towards the words around it; under SGD that pull is the head’s small step, and a word seen a few dozen times stays near its random start. FA-SGD multiplies the rare word’s step by (p_max/p_k)^β, up to its cap, so its few updates carry it to where words used like it sit.';

export const L6_TAIL = template<Facts>('lesson6.tail', {
  ahead: {
    holds: (f) => measured(f) && tailAhead(f),
    words: (f) => {
      const [fa, sgd] = printEach([pair(f, 2)!.fa, pair(f, 2)!.sgd], 2);
      return `At the stop, FA-SGD’s tail words agree with the text’s own neighbours at ${fa}, SGD’s at ${sgd} (chance: ${chance(f)}).`;
    },
  },
  close: {
    holds: (f) => measured(f) && close(pair(f, 2)!),
    words: (f) => {
      const [fa, sgd] = printEach([pair(f, 2)!.fa, pair(f, 2)!.sgd], 2);
      return `On this run the tails are close: FA-SGD’s agree with the text’s own neighbours at ${fa}, SGD’s at ${sgd} (chance: ${chance(f)}).`;
    },
  },
  behind: {
    holds: (f) => measured(f) && !tailAhead(f) && !close(pair(f, 2)!),
    words: (f) => {
      const [fa, sgd] = printEach([pair(f, 2)!.fa, pair(f, 2)!.sgd], 2);
      return `On this run FA-SGD’s tail is behind: ${fa} against SGD’s ${sgd} (chance: ${chance(f)}).`;
    },
  },
  notMeasured: {
    holds: (f) => compared(f) && !measured(f),
    words: () =>
      'Compare the tail chart of “Do the neighbours make sense?” for SGD and FA-SGD, then pick a rare word and read its neighbours.',
  },
  outside: {
    holds: (f) => !compared(f),
    words: () => OUTSIDE,
  },
});

export const L6_HEAD = template<Facts>('lesson6.head', {
  close: {
    holds: (f) => measured(f) && headsClose(f),
    words: (f) => {
      const [fa, sgd] = printEach([pair(f, 0)!.fa, pair(f, 0)!.sgd], 2);
      return `The heads are close (FA-SGD ${fa}, SGD ${sgd}): frequent words learn under both.`;
    },
  },
  differs: {
    holds: (f) => measured(f) && !headsClose(f),
    words: (f) => {
      const [fa, sgd] = printEach([pair(f, 0)!.fa, pair(f, 0)!.sgd], 2);
      return `The heads differ too (FA-SGD ${fa}, SGD ${sgd}).`;
    },
  },
  none: { holds: (f) => !measured(f), words: () => '' },
});

/** Why FA-SGD's tail is ahead, where it is and its rare words' steps are boosted (β > 0). */
const boosted = (f: Facts) => measured(f) && tailAhead(f) && f.config.lanes[laneOf(f.config, 'fasgd')].beta > 0;
export const L6_WHY = template<Facts>('lesson6.why', {
  ahead: {
    holds: boosted,
    words: () => `${WHY} Press Continue and watch whether SGD’s tail catches up given more steps.`,
  },
  otherwise: { holds: (f) => !boosted(f), words: () => '' },
});
