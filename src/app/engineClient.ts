// The page's side of the engine worker (engine.worker.ts): what the store sends becomes a call,
// and what the session reports reaches the store. Metrics arrive in bursts; the store (and so the
// charts) takes them at most every STORE_FLUSH_MS, on an animation frame (ui/chart/redrawPolicy.ts):
// the charts redraw a few times a second however fast training goes, which keeps every
// main-thread task short. Any other event first flushes the metrics before it, so the store sees
// the worker's order (a run that reports "paused" shows the step it paused at). Meaning reports
// (engine/meaning/) wait for the same flush as the metrics, in order, so they never add a render of
// their own.

import type { EngineMethods, FromWorker, MetricsBatch, ToWorker } from '../engine/protocol.ts';
import { connect, type WorkerPort } from '../engine/rpc.ts';
import type { PlaygroundStore } from '../state/store.ts';
import { STORE_FLUSH_MS } from '../ui/chart/redrawPolicy.ts';

const engineWorker = () =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort;

/** Sends the store's messages to the engine; `store()` is the store they report to (made after this). */
export function engineClient(store: () => PlaygroundStore, make: () => WorkerPort = engineWorker) {
  let pending: (MetricsBatch & { runId: number })[] = [];
  let meaning: Extract<FromWorker, { type: 'meaning' }>[] = [];
  let frame = 0;
  let flushTimer = 0;
  let flushedAt = 0;
  const flush = () => {
    cancelAnimationFrame(frame);
    clearTimeout(flushTimer);
    frame = flushTimer = 0;
    flushedAt = performance.now();
    const batch = pending;
    const reports = meaning;
    pending = [];
    meaning = [];
    if (batch.length) store().getState().appendMetrics(batch);
    for (const r of reports) store().getState().receive(r);
  };
  const receive = (m: FromWorker) => {
    if (m.type !== 'metrics' && m.type !== 'meaning') {
      flush();
      return store().getState().receive(m);
    }
    if (m.type === 'meaning') meaning.push(m);
    else pending.push(m);
    if (frame || flushTimer) return;
    const onFrame = () => {
      flushTimer = 0;
      frame = requestAnimationFrame(flush);
    };
    const wait = STORE_FLUSH_MS - (performance.now() - flushedAt);
    if (wait <= 0) onFrame();
    else flushTimer = window.setTimeout(onFrame, wait);
  };
  const engine = connect<EngineMethods, FromWorker>(make, {
    onEvent: receive,
    onError: (message) =>
      store().getState().receive({ type: 'error', runId: store().getState().runId, message, resumable: false }),
  });
  return { send: (m: ToWorker) => void engine.call(m.type, m as never) };
}
