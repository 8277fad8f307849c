// Lesson 6: which optimizer knows what a rare word means. It trains skip-gram on a text
// (the lesson's own: a third of the Brown corpus, shipped with the page) and asks whose rare words
// get sensible neighbours first. Its words are claims (claims/lesson6.ts), computed from its
// configuration and, after the run, from the agreement the engine measured at the stop step
// (engine/meaning/agreement.ts). The answer (FA-SGD's tail above SGD's at the stop, the heads
// close) was measured on this text over seeds (docs/engine.md, "Meaning");
// meaningLesson.node.test.ts checks it on the CPU engine. lessons.ts lists it with its words.

export const MEANING_LESSON_ID = 'rare-word-meaning';

/** The lesson's text: where the built page serves it, and how it is read (vocabulary, window). */
export const LESSON_TEXT = {
  path: 'lesson-text/brown-sample.txt',
  name: 'Brown corpus, every third text',
  vocabulary: 2000,
  window: 2,
  lowercase: true,
} as const;

export const meaningLesson = {
  id: MEANING_LESSON_ID,
  title: '6. Which optimizer knows what a rare word means?',
  preset: 'data' as const,
  // SGD and FA-SGD only (CF-SGD and the Adagrads off); the text's rates (IMPLICIT_DATA_RATES).
  fields: { 'lanes.2.on': '0', 'lanes.3.on': '0', 'lanes.4.on': '0', stopAt: '2000' },
  hide: [] as never[],
  question: 'At the stop step, whose rare (tail) words have neighbours closer to the text’s own?',
  choices: ['SGD’s', 'FA-SGD’s', 'Neither: both are at chance'],
  answer: 1,
};
