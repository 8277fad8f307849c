// LogParser on a Web Worker per job (src/app/logWorker.ts); cancelling terminates the worker.

import type { ParseOptions } from '../engine/workloads/interactions.ts';
import type { Job, LogParser } from '../state/logParser.ts';
import type { LogJob } from './logWorker.ts';

function run<T>(job: LogJob, progress: (fraction: number) => void): Job<T> {
  const worker = new Worker(new URL('./logWorker.ts', import.meta.url), { type: 'module' });
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

export const workerLogParser: LogParser = {
  parse: (file: Blob, options: ParseOptions, progress) => run({ kind: 'file', file, options }, progress),
  sample: (options: ParseOptions, progress) => run({ kind: 'sample', options }, progress),
  text: (source, options, progress) => run({ kind: 'text', source, options }, progress),
};
