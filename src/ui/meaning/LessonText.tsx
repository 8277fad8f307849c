// The meaning lesson's text, one click away while its lesson is open and no text is loaded: the
// page fetches it from its own site (LESSON_TEXT.path), reads it in the reading worker with the
// lesson's vocabulary and window, and trains on it with the lesson's settings.

import { useContext } from 'react';
import type { ParsedText } from '../../engine/input/text.ts';
import { LESSON_TEXT, MEANING_LESSON_ID } from '../../state/meaningLesson.ts';
import { ReadersContext } from '../parts/readersContext.ts';
import { usePlayground } from '../parts/storeContext.ts';
import { textRun } from '../parts/textRun.ts';
import { useReadJob } from '../parts/useReadJob.tsx';

export function LessonText() {
  const open = usePlayground((s) => s.lessonId === MEANING_LESSON_ID);
  const hasText = usePlayground((s) => s.custom.data?.source === 'text');
  const trainOn = usePlayground((s) => s.trainOn);
  const reader = useContext(ReadersContext);
  const reading = useReadJob<ParsedText>('lesson-text');
  if (!open || !reader) return null;
  const options = { vocabulary: LESSON_TEXT.vocabulary, window: LESSON_TEXT.window, lowercase: LESSON_TEXT.lowercase };
  const read = async () => {
    let text: Blob;
    try {
      const response = await fetch(new URL(LESSON_TEXT.path, document.baseURI));
      if (!response.ok) throw new Error(`the site answered ${response.status}`);
      text = await response.blob();
    } catch (e) {
      return reading.setError(
        `The lesson’s text could not be fetched (${e instanceof Error ? e.message : String(e)}). Open a text of your own under “Your data: a text”.`,
      );
    }
    reading.start(
      LESSON_TEXT.name,
      (progress) => reader.text(text, options, progress),
      (r) =>
        trainOn(r.corpus.pairs, 'text', LESSON_TEXT.name, { ...textRun({ corpus: r.corpus, options }), replace: true }),
    );
  };
  return (
    <div className="panel lesson-text" data-testid="lesson-text">
      {hasText ? (
        <p className="hint">
          The lesson trains on the text loaded now. To use the lesson’s own text instead:{' '}
          <button type="button" onClick={() => void read()}>
            Read the lesson’s text
          </button>
        </p>
      ) : (
        <p>
          This lesson needs a text.{' '}
          <button type="button" onClick={() => void read()}>
            Read the lesson’s text
          </button>{' '}
          ({LESSON_TEXT.name}: every third of the corpus’s texts, American English of 1961 in all its genres, read here
          with a vocabulary of {LESSON_TEXT.vocabulary.toLocaleString('en-US')} words and a window of{' '}
          {LESSON_TEXT.window}.)
        </p>
      )}
      {reading.status}
    </div>
  );
}
