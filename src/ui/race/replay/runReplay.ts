// Starts a replay's encoding: on a worker where the browser has OffscreenCanvas (to draw there),
// else on the page; either way cancellable at once and reporting each frame.

import { cancelled, encodeReplay, type ReplayJob } from './encode.ts';
import type { ReplayMessage } from './replay.worker.ts';

export interface RunningReplay {
  /** The file's bytes; rejects with the encoder's error, or an AbortError once cancelled. */
  done: Promise<Uint8Array<ArrayBuffer>>;
  cancel(): void;
  /** Whether it runs on a worker (off the page's thread). */
  offThread: boolean;
}

export function runReplay(job: ReplayJob, onFrame: (done: number) => void): RunningReplay {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
    const controller = new AbortController();
    return { done: encodeReplay(job, onFrame, controller.signal), cancel: () => controller.abort(), offThread: false };
  }
  const worker = new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module' });
  let fail: (e: Error) => void = () => {};
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    fail = reject;
    worker.onmessage = (e: MessageEvent<ReplayMessage>) => {
      const m = e.data;
      if (m.type === 'progress') return onFrame(m.done);
      worker.terminate();
      if (m.type === 'done') resolve(m.data);
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the encoder stopped'));
    };
  });
  worker.postMessage(job);
  return {
    done,
    cancel() {
      worker.terminate();
      fail(cancelled());
    },
    offThread: true,
  };
}
