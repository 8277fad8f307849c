// Lesson 6 (issue 31): which optimizer knows what a rare word means. It trains skip-gram on a text
// (the lesson's own: a third of the Brown corpus, shipped with the page) and asks whose rare words
// get sensible neighbours first. Its words are computed from its configuration and, after the run,
// from the agreement the engine measured at the stop step (engine/meaning/agreement.ts). The
// claim (FA-SGD's tail above SGD's at the stop, the heads close) was measured on this text
// over seeds (docs/engine.md, "Meaning"); meaningLesson.test.ts checks it on the CPU engine.
// Kept apart from lessons.ts, which lists it; it imports nothing of that file (no cycle), so it
// declares the facts it reads.

import type { RunConfig } from '../engine/config.ts';
import { bucketBounds } from '../engine/sampling/distributions.ts';

export const MEANING_LESSON_ID = 'rare-word-meaning';

/** The lesson's text: where the built page serves it, and how it is read (vocabulary, window). */
export const LESSON_TEXT = {
  path: 'lesson-text/brown-sample.txt',
  name: 'Brown corpus, every third text',
  vocabulary: 2000,
  window: 2,
  lowercase: true,
} as const;

/** What the lesson reads of a run at its stop (lessons.ts LessonEnd has these fields). */
interface MeaningFacts {
  config: RunConfig;
  end: {
    /** [lane][head, torso, tail] agreement at the stop step (first seed), or absent. */
    agreement?: [number, number, number][] | null;
    /** Its chance level (k / (candidates − 1)). */
    agreementChance?: number | null;
  } | null;
}

const num = (x: number) => (Number.isFinite(x) ? String(+x.toPrecision(2)) : '—');
const n = (x: number) => x.toLocaleString('en-US');
const laneOf = (c: RunConfig, o: string) => c.lanes.findIndex((l) => l.optimizer === o);

export const meaningLesson = {
  id: MEANING_LESSON_ID,
  title: '6. Which optimizer knows what a rare word means?',
  preset: 'data' as const,
  // SGD and FA-SGD only (CF-SGD and the Adagrads off); the text's rates (IMPLICIT_DATA_RATES).
  fields: { 'lanes.2.on': '0', 'lanes.3.on': '0', 'lanes.4.on': '0', stopAt: '2000' },
  hide: [] as never[],
  setup: ({ config: c }: MeaningFacts) => {
    if (c.data?.source !== 'text')
      return `This lesson trains word vectors (skip-gram) on a text. Press “Read the lesson’s text” (${LESSON_TEXT.name}, read with a vocabulary of ${n(LESSON_TEXT.vocabulary)} words), or open a text of your own under “Your data: a text”.`;
    const [headEnd, torsoEnd] = bucketBounds(c.rows, c.bucketEnds);
    return `Skip-gram on “${c.data.name}”: ${n(c.rows)} words, each learning a vector from the words around it. The head is its ${n(headEnd)} most frequent words, the tail its ${n(c.rows - torsoEnd)} rarest. SGD (η = ${c.lanes[laneOf(c, 'sgd')]?.lr}) and FA-SGD (η = ${c.lanes[laneOf(c, 'fasgd')]?.lr}, boost up to ${c.lanes[laneOf(c, 'fasgd')]?.cap}×) train the same table on the same pairs. Under “What the imbalance does to meaning”, pick a frequent word and a rare one and watch their neighbours.`;
  },
  question: 'At the stop step, whose rare (tail) words have neighbours closer to the text’s own?',
  choices: ['SGD’s', 'FA-SGD’s', 'Neither: both are at chance'],
  answer: 1,
  lookAt: ({ config: c, end }: MeaningFacts) => {
    const [sgd, fa] = [laneOf(c, 'sgd'), laneOf(c, 'fasgd')];
    const a = end?.agreement;
    const chance = end?.agreementChance ?? NaN;
    const why =
      'Each update of a rare word pulls its vector towards the words around it; under SGD that pull is the head’s small step, and a word seen a few dozen times stays near its random start. FA-SGD multiplies the rare word’s step by (p_max/p_k)^β, up to its cap, so its few updates carry it to where words used like it sit.';
    if (!a || sgd < 0 || fa < 0 || !a[sgd] || !a[fa])
      return `Compare the tail chart of “Do the neighbours make sense?” for SGD and FA-SGD, then pick a rare word and read its neighbours. ${why}`;
    const [tS, tF, hS, hF] = [a[sgd][2], a[fa][2], a[sgd][0], a[fa][0]];
    const tail =
      tF > tS
        ? `At the stop, FA-SGD’s tail words agree with the text’s own neighbours at ${num(tF)}, SGD’s at ${num(tS)} (chance: ${num(chance)})`
        : `On this run FA-SGD’s tail is not ahead: ${num(tF)} against SGD’s ${num(tS)} (chance: ${num(chance)})`;
    const head =
      Math.abs(hF - hS) <= 0.25 * Math.max(hF, hS)
        ? `; the heads are close (${num(hF)} against ${num(hS)}): frequent words learn under both.`
        : `; the head differs too (FA-SGD ${num(hF)}, SGD ${num(hS)}).`;
    return `${tail}${head} ${why} Press Continue and watch whether SGD’s tail catches up given more steps.`;
  },
};
