// The page's store wired to a real TrainingSession on the CPU engine, as the page wires it to its
// engine worker: messages cloned across an asynchronous channel, metrics appended in batches. State
// tests drive it (the classroom path's model-based test, the regime sweep of the claims).

import { CpuEngine } from '../../engine/cpu/cpuEngine.ts';
import type { FromWorker, ToWorker } from '../../engine/protocol.ts';
import { TrainingSession } from '../../engine/session.ts';
import { createPlaygroundStore, type PlaygroundStore } from '../store.ts';

/** A macrotask turn. */
export const turn = () => new Promise<void>((r) => setTimeout(r, 0));

/** The system under test: the store, the session behind a cloning channel, and an engine that can be made to fail. */
export interface Real {
  store: PlaygroundStore;
  /** Messages sent to the session and not yet handled. */
  pending: () => number;
  /** The next step of the engine throws (an injected failure). */
  failNext: { on: boolean };
  sent: ToWorker[];
}

export function system(): Real {
  const failNext = { on: false };
  const sent: ToWorker[] = [];
  let inFlight = 0;
  // eslint-disable-next-line prefer-const -- the store and the session refer to each other
  let store: PlaygroundStore;
  const session = new TrainingSession({
    requestGpu: async () => ({ ok: false, reason: 'No WebGPU here.' }),
    lostGraceMs: 0,
    createEngine: (d) => {
      const e = new CpuEngine(d);
      const steps = e.steps.bind(e);
      e.steps = (n) => {
        if (failNext.on) {
          failNext.on = false;
          throw new Error('injected failure');
        }
        steps(n);
      };
      return e;
    },
    // The worker's reports reach the page a task later, cloned (metrics as the page takes them, in batches).
    post: (m: FromWorker) =>
      void setTimeout(() => {
        const copy = structuredClone(m);
        if (copy.type === 'metrics') store.getState().appendMetrics([copy]);
        else store.getState().receive(copy);
      }, 0),
  });
  store = createPlaygroundStore((m) => {
    sent.push(m);
    inFlight++;
    const copy = structuredClone(m);
    setTimeout(() => void session.handle(copy).finally(() => inFlight--), 0);
  });
  store.getState().receive({ type: 'limits', runId: 0, limits: null, device: 'CPU', reason: 'No WebGPU here.' });
  return { store, pending: () => inFlight, failNext, sent };
}

/** Lets the page and the engine exchange what they have to (the engine may go on training). */
export async function settle(r: Real) {
  for (let i = 0; i < 200 && r.pending() > 0; i++) await turn();
  for (let i = 0; i < 3; i++) await turn();
}
