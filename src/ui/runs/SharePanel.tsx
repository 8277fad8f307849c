// Copy an exact link to this comparison, and classroom mode: a student link that hides chosen
// controls (this page keeps them all; it can preview the student's view, with a way back).

import { useState } from 'react';
import { HIDEABLE, type Hideable } from '../../state/lessons.ts';
import { absoluteLink } from '../parts/absoluteLink.ts';
import { usePlayground, usePlaygroundStore } from '../parts/storeContext.ts';
import { useShown } from '../parts/useShown.ts';

/** The HTML that frames `url` (the race alone, view=embed) in another page. */
export const embedCode = (url: string) =>
  `<iframe src="${url.replaceAll('"', '&quot;')}" title="FA-SGD Playground: optimizers racing on imbalanced tokens" width="900" height="640" style="border:0;max-width:100%" loading="lazy"></iframe>`;

export function SharePanel() {
  const shown = useShown('share');
  const store = usePlaygroundStore();
  const classroom = usePlayground((s) => s.classroom);
  const setClassroom = usePlayground((s) => s.setClassroom);
  const previewing = usePlayground((s) => s.previewing);
  const setPreviewing = usePlayground((s) => s.setPreviewing);
  const data = usePlayground((s) => s.custom.data);
  const canSave = usePlayground((s) => s.running !== null && s.points.length > 0);
  const save = usePlayground((s) => s.saveRun);
  const saveHere = () => {
    const s = store.getState();
    const name = `${data!.name}, ${new Date().toISOString().slice(0, 10)}`;
    void absoluteLink(s.runningForm ?? s).then((link) => save(name, link));
  };
  const [copied, setCopied] = useState<string | null>(null);
  const [manual, setManual] = useState<string | null>(null);
  /** Copies the link of this page's form (`student`: with the classroom's groups hidden). */
  /** Copies this page's link: as it is, as a student's (the classroom's groups hidden), or as a frame's code. */
  const copy = async (what: 'link' | 'student' | 'embed') => {
    const s = store.getState();
    const form =
      what === 'student'
        ? { ...s, hidden: [...new Set([...s.hidden, ...s.classroom])] }
        : what === 'embed'
          ? { ...s, fields: { ...s.fields, view: 'embed' } }
          : s;
    const url = await absoluteLink(form);
    const text = what === 'embed' ? embedCode(url) : url;
    const name = { link: 'Link', student: 'Student link', embed: 'Embed code' }[what];
    try {
      await navigator.clipboard.writeText(text);
      setManual(null);
      setCopied(`${name} copied (${text.length.toLocaleString('en-US')} characters).`);
    } catch {
      setCopied(`The clipboard is not available here: copy the ${name.toLowerCase()} below.`);
      setManual(text);
    }
  };
  const toggle = (g: Hideable, on: boolean) =>
    setClassroom((Object.keys(HIDEABLE) as Hideable[]).filter((k) => (k === g ? on : classroom.includes(k))));
  if (!shown) return null;
  return (
    <section className="panel share" aria-label="Share">
      <h3>Share</h3>
      <div className="row">
        <button type="button" onClick={() => copy('link')}>
          Copy link
        </button>
        <button
          type="button"
          onClick={() => copy('embed')}
          title="An <iframe> of the race alone, for a course page or a blog (docs/embed.md)"
        >
          Copy embed code
        </button>
        <span role="status" className="hint">
          {copied}
        </span>
      </div>
      {manual && (
        <input
          className="manual-link"
          readOnly
          value={manual}
          aria-label="The link or code, to copy by hand"
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
      <p className="hint">
        The link holds every setting and the seed: it reproduces these curves exactly on the same device and browser.
      </p>
      {data && (
        <p className="notice warn" data-testid="data-not-in-link">
          The data itself is not in the link: “{data.name}” stays in this browser. The link holds its name, sizes and a
          fingerprint, so whoever opens it must open the same {data.source === 'text' ? 'text' : 'file'} to rerun it. To
          keep this run with its data summary, save it in this browser (it then appears under “Data and saved runs”
          below the charts, where it can also be exported as JSON).{' '}
          <button type="button" disabled={!canSave} onClick={saveHere}>
            Save this run here
          </button>
        </p>
      )}
      <details>
        <summary>Classroom mode: a student link that hides controls</summary>
        <p className="hint">Ticked groups are hidden in the student link only; this page keeps them.</p>
        {(Object.keys(HIDEABLE) as Hideable[]).map((g) => (
          <label key={g} className="choice">
            <input type="checkbox" checked={classroom.includes(g)} onChange={(e) => toggle(g, e.target.checked)} /> Hide{' '}
            {HIDEABLE[g].toLowerCase()}
          </label>
        ))}
        <div className="row">
          <button type="button" disabled={classroom.length === 0} onClick={() => copy('student')}>
            Copy student link
          </button>
          <button
            type="button"
            disabled={classroom.length === 0}
            aria-pressed={previewing}
            onClick={() => setPreviewing(!previewing)}
          >
            Preview the student’s view
          </button>
        </div>
      </details>
    </section>
  );
}
