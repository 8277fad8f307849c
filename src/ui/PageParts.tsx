// The page's own small parts: skip links for the keyboard, what an opened link could not use, and
// the banner of a student-view preview.

import { groupsText } from '../state/notices.ts';
import { usePlayground } from './parts/storeContext.ts';
import { useShown } from './parts/useShown.ts';

/** Where the skip buttons lead: the primary run button, and the current (else the first) lesson link. */
const TARGETS = { run: ['.primary-run'], lessons: ['.lesson-links a[aria-current]', '.lesson-links a'] };

/**
 * Tab stops shown only while focused that jump across the page: at its top (to Run, to the
 * lessons), after the run controls and at the end of the race (back to the lessons, to Run).
 */
export function SkipLinks({ to }: { to: { target: keyof typeof TARGETS; label: string }[] }) {
  const lessons = useShown('preset');
  const focus = (selectors: string[]) =>
    selectors
      .map((s) => document.querySelector<HTMLElement>(s))
      .find(Boolean)
      ?.focus();
  return (
    <div className="skip-links">
      {to
        .filter((t) => t.target !== 'lessons' || lessons)
        .map((t) => (
          <button key={t.label} type="button" onClick={() => focus(TARGETS[t.target])}>
            {t.label}
          </button>
        ))}
    </div>
  );
}

/** While the page previews a student link's view: what it hides, and the way back. */
export function StudentPreview() {
  const previewing = usePlayground((s) => s.previewing && s.classroom.length > 0);
  const classroom = usePlayground((s) => s.classroom);
  const setPreviewing = usePlayground((s) => s.setPreviewing);
  if (!previewing) return null;
  return (
    <div className="notice preview" role="status" data-testid="student-preview">
      <p>Previewing the student’s view: the student link hides {groupsText(classroom)}.</p>
      <button type="button" onClick={() => setPreviewing(false)}>
        Back to the full view
      </button>
    </div>
  );
}

export function LinkNotices() {
  const notices = usePlayground((s) => s.linkNotices);
  const info = usePlayground((s) => s.linkInfo);
  const dismiss = usePlayground((s) => s.dismissLinkNotices);
  if (notices.length === 0 && info.length === 0) return null;
  // Values that could not be used are a warning; what else there is to know, information.
  const problems = notices.length > 0;
  return (
    <div
      className={problems ? 'notice warn' : 'notice'}
      role={problems ? 'alert' : 'status'}
      data-testid={problems ? undefined : 'link-info'}
    >
      {problems && (
        <>
          <p>Some values in this link could not be used:</p>
          <ul>
            {notices.slice(0, 12).map((n, i) => (
              <li key={i}>{n}</li>
            ))}
            {notices.length > 12 && <li>…and {notices.length - 12} more.</li>}
          </ul>
        </>
      )}
      {info.map((n, i) => (
        <p key={i}>{n}</p>
      ))}
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
