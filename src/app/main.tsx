// Composition root: the only module that sees both the workers (engineClient.ts, readClient.ts,
// theoryClient.ts) and the UI. It also keeps the URL fragment in step with the form (linkSync.ts).

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PRESETS } from '../engine/config.ts';
import { indexedDbRuns } from './indexedDbRuns.ts';
import { readLink } from '../state/link.ts';
import { syncLink } from './linkSync.ts';
import { createPlaygroundStore } from '../state/store.ts';
import { App } from '../ui/App.tsx';
import { ReadersContext } from '../ui/parts/readersContext.ts';
import { StoreContext } from '../ui/parts/storeContext.ts';
import { bridgeEmbed } from './embedBridge.ts';
import { engineClient } from './engineClient.ts';
import { readClient } from './readClient.ts';
import { theoryClient } from './theoryClient.ts';
import { ComputeTheoryContext } from '../ui/race/useTheory.tsx';
import '../ui/styles/page.css';
import '../ui/styles/setup.css';
import '../ui/styles/race.css';
import '../ui/styles/meaning.css';
import { type PlaygroundState } from '../state/slices/state.ts';

const engine = engineClient(() => store);
const opened = await readLink(location.hash);
const store = createPlaygroundStore(engine.send, opened.form, opened.notices, indexedDbRuns(), opened.info);
void store.getState().loadSaved();
// The device's limits, at once: too-big sizes are refused as they are typed, not after Run.
engine.send({ type: 'probe' });
// The kernels of the shown preset's workload, compiled while the page waits for Run (and again
// for another workload when a preset of it is chosen).
const shownWorkload = (s: PlaygroundState) => PRESETS[s.presetId].config.workload;
const prepare = (s: PlaygroundState) => engine.send({ type: 'prepare', workload: shownWorkload(s) });
prepare(store.getState());
store.subscribe((s, before) => {
  if (shownWorkload(s) !== shownWorkload(before)) prepare(s);
});
// Reachable from the console and from end-to-end tests (read-only use).
(globalThis as { playground?: typeof store }).playground = store;

// Training pauses while nobody watches; the page says so.
document.addEventListener('visibilitychange', () => {
  if (document.hidden) store.getState().pauseForHidden();
});

syncLink(store, window);

// Framed in another page (view=embed, docs/embed.md): say what the run does, and take run, pause
// and reset from the host.
if (window.parent !== window)
  void bridgeEmbed(store, window, (report) =>
    new ResizeObserver(() => report(document.documentElement.scrollHeight)).observe(document.body),
  );

// Offline once loaded (built site only; the dev server serves modules one by one).
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('Offline support is unavailable:', e));

const theory = theoryClient();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <ReadersContext.Provider value={readClient}>
        <ComputeTheoryContext.Provider value={theory}>
          <App />
        </ComputeTheoryContext.Provider>
      </ReadersContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
