// Copy an exact link to this comparison, and classroom mode: hide chosen controls in that link.

import { useState } from 'react';
import { HIDEABLE, type Hideable } from '../state/lessons.ts';
import { linkHash } from '../state/link.ts';
import { absoluteLink } from './RunsPanel.tsx';
import { usePlayground, usePlaygroundStore } from './storeContext.ts';

export function SharePanel() {
  const store = usePlaygroundStore();
  const hidden = usePlayground((s) => s.hidden);
  const setHidden = usePlayground((s) => s.setHidden);
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
  const copy = async () => {
    const url = `${location.origin}${location.pathname}${location.search}${await linkHash(store.getState())}`;
    try {
      await navigator.clipboard.writeText(url);
      setManual(null);
      setCopied(`Link copied (${url.length.toLocaleString('en-US')} characters).`);
    } catch {
      setCopied('The clipboard is not available here: copy the link below.');
      setManual(url);
    }
  };
  const toggle = (g: Hideable, on: boolean) =>
    setHidden((Object.keys(HIDEABLE) as Hideable[]).filter((k) => (k === g ? on : hidden.includes(k))));
  return (
    <section className="share" aria-label="Share">
      <h3>Share</h3>
      <div className="row">
        <button type="button" onClick={copy}>
          Copy link
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
          aria-label="Link to this comparison"
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
        <summary>Classroom mode: hide controls in the link</summary>
        {(Object.keys(HIDEABLE) as Hideable[]).map((g) => (
          <label key={g} className="choice">
            <input type="checkbox" checked={hidden.includes(g)} onChange={(e) => toggle(g, e.target.checked)} /> Hide{' '}
            {HIDEABLE[g].toLowerCase()}
          </label>
        ))}
      </details>
    </section>
  );
}
