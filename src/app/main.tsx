// Composition root: the only module that sees both the engine worker and the UI.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { FromWorker, MetricsBatch } from '../engine/protocol.ts';
import { createPlaygroundStore } from '../state/store.ts';
import { App } from '../ui/App.tsx';
import { StoreContext } from '../ui/storeContext.ts';
import '../ui/styles.css';

const worker = new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module' });
const store = createPlaygroundStore((m) => worker.postMessage(m));
// Reachable from the console and from end-to-end tests (read-only use).
(globalThis as { playground?: typeof store }).playground = store;

// Metrics arrive in bursts; the store (and so the charts) takes them at most once per frame.
let pending: (MetricsBatch & { runId: number })[] = [];
let frame = 0;
worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type !== 'metrics') return store.getState().receive(m);
  pending.push(m);
  frame ||= requestAnimationFrame(() => {
    frame = 0;
    const batch = pending;
    pending = [];
    store.getState().appendMetrics(batch);
  });
};
worker.onerror = (e) =>
  store
    .getState()
    .receive({ type: 'error', runId: store.getState().runId, message: e.message || 'the engine worker failed' });

// Training pauses while nobody watches; the page says so.
document.addEventListener('visibilitychange', () => {
  if (document.hidden) store.getState().pauseForHidden();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
