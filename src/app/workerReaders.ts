// DataReaders on a Web Worker per job (src/app/readWorker.ts); cancelling terminates the worker.

import type { ParseOptions } from '../engine/input/interactions.ts';
import type { Job, DataReaders } from '../state/readers.ts';
import type { LogJob } from './readWorker.ts';

function run<T>(job: LogJob, progress: (fraction: number) => void): Job<T> {
  const worker = new Worker(new URL('./readWorker.ts', import.meta.url), { type: 'module' });
  const done = new Promise<T>((resolve) => {
    worker.onmessage = (e) => {
      if (e.data.type === 'progress') progress(e.data.fraction);
      else {
        resolve(e.data.result);
        worker.terminate();
      }
    };
    worker.onerror = (e) => {
      resolve({ ok: false, error: `Reading failed: ${e.message || 'the parser stopped'}.` } as T);
      worker.terminate();
    };
  });
  worker.postMessage(job);
  return { done, cancel: () => worker.terminate() };
}

export const workerReaders: DataReaders = {
  parse: (file: Blob, options: ParseOptions, progress) => run({ kind: 'file', file, options }, progress),
  sample: (options: ParseOptions, progress) => run({ kind: 'sample', options }, progress),
  text: (source, options, progress) => run({ kind: 'text', source, options }, progress),
};
