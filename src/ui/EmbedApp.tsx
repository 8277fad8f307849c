// The playground as a figure in another page (view=embed): the race (the loss race beside head,
// torso and tail), Run/Pause/Reset, a lesson's question if the link opens one, and a caption that
// links to the full playground with the same setup. The host page hears what the run does and may
// run, pause or reset it (src/app/embedBridge.ts, docs/embed.md).

import { useEffect, useState } from 'react';
import { configSummary } from '../state/runRecord.ts';
import { shownConfig } from '../state/selectors.ts';
import { LinkNotices } from './PageParts.tsx';
import { absoluteLink } from './parts/absoluteLink.ts';
import { usePlayground, usePlaygroundStore } from './parts/storeContext.ts';
import { RaceCharts } from './race/RaceCharts.tsx';
import { RunControls } from './race/RunControls.tsx';
import { LessonPanel } from './setup/LessonPanel.tsx';

/** The link of this setup in the full playground (the form without view=embed). */
function useFullLink(): string | null {
  const store = usePlaygroundStore();
  const fields = usePlayground((s) => s.fields);
  const [link, setLink] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const s = store.getState();
    void absoluteLink({ ...s, fields: { ...fields, view: '' } }).then((l) => current && setLink(l));
    return () => void (current = false);
  }, [store, fields]);
  return link;
}

export function EmbedApp() {
  const link = useFullLink();
  const summary = usePlayground((s) => {
    const c = shownConfig(s);
    return c ? configSummary(c) : null;
  });
  return (
    <main className="embed">
      <LinkNotices />
      <LessonPanel />
      <section className="panel race" aria-label="Optimizer race">
        <RunControls minimal />
        <RaceCharts projector={false} minimal />
        <p className="embed-caption">
          <a href={link ?? undefined} target="_blank" rel="noopener noreferrer">
            FA-SGD Playground
          </a>
          {summary && `: ${summary}.`} Open the link for every control, the theory and the exports.
        </p>
      </section>
    </main>
  );
}
