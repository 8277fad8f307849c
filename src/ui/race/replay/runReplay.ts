// Starts a replay's encoding: on a worker where the browser has OffscreenCanvas (to draw there),
// else on the page; either way cancellable at once and reporting each frame.

import { connect, type WorkerPort } from '../../../engine/rpc.ts';
import { cancelled, encodeReplay, type ReplayJob, type ReplayMethods } from './encode.ts';

export interface RunningReplay {
  /** The file's bytes; rejects with the encoder's error, or an AbortError once cancelled. */
  done: Promise<Uint8Array<ArrayBuffer>>;
  cancel(): void;
  /** Whether it runs on a worker (off the page's thread). */
  offThread: boolean;
}

const encoder = connect<ReplayMethods>(
  () => new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort,
  { perCall: true },
);

export function runReplay(job: ReplayJob, onFrame: (done: number) => void): RunningReplay {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
    const controller = new AbortController();
    return { done: encodeReplay(job, onFrame, controller.signal), cancel: () => controller.abort(), offThread: false };
  }
  const call = encoder.call('encode', job, onFrame);
  let fail: (e: Error) => void = () => {};
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    fail = reject;
    call.done.then(resolve, reject);
  });
  return {
    done,
    cancel() {
      call.cancel();
      fail(cancelled());
    },
    offThread: true,
  };
}
