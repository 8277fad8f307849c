// Web Worker that reads and parses interaction logs (or generates a sample one), posting progress,
// so the page stays responsive on files of millions of lines. One job per worker; the page cancels
// a job by terminating its worker.

import { decodeLog, MAX_LOG_BYTES, parseInteractions, type ParseOptions } from '../engine/workloads/interactions.ts';
import { sampleLog } from '../engine/workloads/sampleLog.ts';

export type LogJob = { kind: 'file'; file: Blob; options: ParseOptions } | { kind: 'sample'; options: ParseOptions };

/** The sample log: 5,000 users, 2,000 items, 100,000 interactions. */
const SAMPLE = { users: 5000, items: 2000, interactions: 100_000, seed: 1 };

onmessage = async (e: MessageEvent<LogJob>) => {
  const job = e.data;
  const progress = (fraction: number) => postMessage({ type: 'progress', fraction });
  let text: string;
  if (job.kind === 'file') {
    if (job.file.size > MAX_LOG_BYTES)
      return postMessage({
        type: 'done',
        result: {
          ok: false,
          error: `The file is ${(job.file.size / 2 ** 20).toFixed(0)} MB; the limit is ${MAX_LOG_BYTES / 2 ** 20} MB.`,
        },
      });
    text = decodeLog(new Uint8Array(await job.file.arrayBuffer()));
  } else text = sampleLog(SAMPLE);
  const result = parseInteractions(text, { ...job.options, progress });
  postMessage({ type: 'done', result: job.kind === 'sample' ? { ...result, text } : result });
};
