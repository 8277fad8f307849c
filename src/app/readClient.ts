// DataReaders on the reading worker (read.worker.ts), one worker per job: cancelling terminates it.

import { connect, type Job, type WorkerPort } from '../engine/rpc.ts';
import type { DataReaders, ReadMethods } from '../state/readers.ts';

const reader = connect<ReadMethods>(
  () => new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort,
  { perCall: true },
);

/** A job whose failure (the worker stopped) is said as a refusal, like the parsers' own. */
function reading<T>(job: Job<T>): Job<T> {
  const done = job.done.catch((e: Error) => ({ ok: false, error: `Reading failed: ${e.message}.` }) as T);
  return { done, cancel: job.cancel };
}

export const readClient: DataReaders = {
  parse: (file, options, progress) => reading(reader.call('parse', { file, options }, progress)),
  sample: (options, progress) => reading(reader.call('sample', { options }, progress)),
  text: (source, options, progress) => reading(reader.call('text', { source, options }, progress)),
};
