// The open lesson: what the run shows, a prediction to make before Run, and once the run has
// reached its stop step (or on request), the answer and what to look at.

import { memo, useEffect, useMemo, useRef } from 'react';
import { lessonById, LESSONS } from '../../state/lessons.ts';
import { LINK_VERSION } from '../../state/link.ts';
import { shownConfig } from '../../state/selectors.ts';
import { usePlayground } from '../parts/storeContext.ts';

const lessonHref = (id: string) => `#v=${LINK_VERSION}&lesson=${id}`;

/** Links to every lesson (each a real link, so it can be opened in a new tab or shared). */
export function LessonLinks() {
  const current = usePlayground((s) => s.lessonId);
  return (
    <nav aria-label="Lessons" className="lesson-links">
      <h3>Lessons</h3>
      <ol>
        {LESSONS.map((l) => (
          <li key={l.id}>
            <a href={lessonHref(l.id)} aria-current={l.id === current ? 'page' : undefined}>
              {l.title.replace(/^\d+\.\s*/, '')}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export const LessonPanel = memo(function LessonPanel() {
  const lesson = usePlayground((s) => (s.lessonId ? lessonById(s.lessonId) : undefined));
  const prediction = usePlayground((s) => s.prediction);
  const predict = usePlayground((s) => s.predict);
  const leave = usePlayground((s) => s.chooseLesson);
  const reveal = usePlayground((s) => s.revealAnswer);
  const started = usePlayground((s) => s.status !== 'idle');
  const revealed = usePlayground((s) => s.answer !== null);
  const config = usePlayground(shownConfig);
  const end = usePlayground((s) => s.answer?.end ?? null);
  const facts = useMemo(() => (config ? { config, end } : null), [config, end]);
  // When a lesson opens, the keyboard goes to its question; when its answer appears, to the answer.
  const question = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (lesson) question.current?.querySelector('input')?.focus({ preventScroll: true });
  }, [lesson]);
  const answerBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (revealed) answerBox.current?.focus({ preventScroll: true });
  }, [revealed]);
  if (!lesson) return null;
  const index = LESSONS.indexOf(lesson);
  const next = LESSONS[index + 1];
  return (
    <section className="panel lesson" aria-labelledby="lesson-title">
      <h2 id="lesson-title">
        Lesson {lesson.title}
        <button type="button" className="link" onClick={() => leave(null)}>
          Leave the lesson
        </button>
      </h2>
      {facts && <p>{lesson.setup(facts)}</p>}
      <fieldset disabled={started} ref={question}>
        <legend>Predict first: {lesson.question}</legend>
        {lesson.choices.map((c, i) => (
          <label key={i} className="choice">
            <input type="radio" name="prediction" checked={prediction === i} onChange={() => predict(i)} /> {c}
          </label>
        ))}
      </fieldset>
      {prediction === null ? (
        <p className="hint">Choose an answer to unlock Run.</p>
      ) : !revealed ? (
        <p className="hint">
          Now press Run and watch.{' '}
          {started && (
            <button type="button" className="link" onClick={reveal}>
              Show the answer now
            </button>
          )}
        </p>
      ) : (
        <div
          ref={answerBox}
          tabIndex={-1}
          className={`answer ${prediction === lesson.answer ? 'right' : 'wrong'}`}
          role="status"
          data-verdict={prediction === lesson.answer ? 'right' : 'wrong'}
        >
          <p>
            <strong>
              {prediction === lesson.answer ? '✓ Your prediction was right' : '✗ Not quite'}:{' '}
              {lesson.choices[lesson.answer]}.
            </strong>
          </p>
          {facts && <p>{lesson.lookAt(facts)}</p>}
          {next && (
            <p>
              Next: <a href={lessonHref(next.id)}>{next.title}</a>
            </p>
          )}
        </div>
      )}
    </section>
  );
});
