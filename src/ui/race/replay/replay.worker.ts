// The replay encoder off the page's thread: one job per worker; progress after every frame, then
// the file's bytes (transferred) or the error's message. Cancelling terminates the worker.

import { encodeReplay, type ReplayJob } from './encode.ts';

/** What the worker says: frames done, the finished file, or why it failed. */
export type ReplayMessage =
  | { type: 'progress'; done: number }
  | { type: 'done'; data: Uint8Array<ArrayBuffer> }
  | { type: 'error'; message: string };

const say = (m: ReplayMessage, transfer: Transferable[] = []) => self.postMessage(m, { transfer });

self.onmessage = async (e: MessageEvent<ReplayJob>) => {
  try {
    const data = await encodeReplay(e.data, (done) => say({ type: 'progress', done }), new AbortController().signal);
    say({ type: 'done', data }, [data.buffer]);
  } catch (error) {
    say({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
