// Composition root: the only module that sees both the engine worker and the UI. It also keeps
// the URL fragment in step with the form (linkSync.ts).

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PRESETS } from '../engine/config.ts';
import type { FromWorker, MetricsBatch, ToWorker } from '../engine/protocol.ts';
import { indexedDbRuns } from './indexedDbRuns.ts';
import { readLink } from '../state/link.ts';
import { syncLink } from './linkSync.ts';
import { createPlaygroundStore } from '../state/store.ts';
import { App } from '../ui/App.tsx';
import { ReadersContext } from '../ui/parts/readersContext.ts';
import { StoreContext } from '../ui/parts/storeContext.ts';
import { workerReaders } from './workerReaders.ts';
import { workerTheory } from './workerTheory.ts';
import { ComputeTheoryContext } from '../ui/race/useTheory.tsx';
import '../ui/styles/page.css';
import '../ui/styles/setup.css';
import '../ui/styles/race.css';
import { type PlaygroundState } from '../state/slices/state.ts';

const worker = new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module' });
const opened = await readLink(location.hash);
const store = createPlaygroundStore(
  (m) => worker.postMessage(m),
  opened.form,
  opened.notices,
  indexedDbRuns(),
  opened.info,
);
void store.getState().loadSaved();
// The device's limits, at once: too-big sizes are refused as they are typed, not after Run.
worker.postMessage({ type: 'probe' } satisfies ToWorker);
// The kernels of the shown preset's workload, compiled while the page waits for Run (and again
// for another workload when a preset of it is chosen).
const shownWorkload = (s: PlaygroundState) => PRESETS[s.presetId].config.workload;
const prepare = (s: PlaygroundState) =>
  worker.postMessage({ type: 'prepare', workload: shownWorkload(s) } satisfies ToWorker);
prepare(store.getState());
store.subscribe((s, before) => {
  if (shownWorkload(s) !== shownWorkload(before)) prepare(s);
});
// Reachable from the console and from end-to-end tests (read-only use).
(globalThis as { playground?: typeof store }).playground = store;

// Metrics arrive in bursts; the store (and so the charts) takes them at most every FLUSH_MS, on an
// animation frame: the charts redraw a few times a second however fast training goes, which keeps
// every main-thread task short. Any other message first flushes the metrics before it, so the
// store sees the worker's order (a run that reports "paused" shows the step it paused at).
const FLUSH_MS = 200;
let pending: (MetricsBatch & { runId: number })[] = [];
let frame = 0;
let flushTimer = 0;
let flushedAt = 0;
const flush = () => {
  cancelAnimationFrame(frame);
  clearTimeout(flushTimer);
  frame = flushTimer = 0;
  flushedAt = performance.now();
  const batch = pending;
  pending = [];
  if (batch.length) store.getState().appendMetrics(batch);
};
worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type !== 'metrics') {
    flush();
    return store.getState().receive(m);
  }
  pending.push(m);
  if (frame || flushTimer) return;
  const onFrame = () => {
    flushTimer = 0;
    frame = requestAnimationFrame(flush);
  };
  const wait = FLUSH_MS - (performance.now() - flushedAt);
  if (wait <= 0) onFrame();
  else flushTimer = window.setTimeout(onFrame, wait);
};
worker.onerror = (e) =>
  store.getState().receive({
    type: 'error',
    runId: store.getState().runId,
    message: e.message || 'the engine worker failed',
    resumable: false,
  });

// Training pauses while nobody watches; the page says so.
document.addEventListener('visibilitychange', () => {
  if (document.hidden) store.getState().pauseForHidden();
});

syncLink(store, window);

// Offline once loaded (built site only; the dev server serves modules one by one).
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('Offline support is unavailable:', e));

const theory = workerTheory();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <ReadersContext.Provider value={workerReaders}>
        <ComputeTheoryContext.Provider value={theory}>
          <App />
        </ComputeTheoryContext.Provider>
      </ReadersContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
