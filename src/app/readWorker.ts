// Web Worker that reads and parses interaction logs (or generates a sample one) and texts, posting progress,
// so the page stays responsive on files of millions of lines. One job per worker; the page cancels
// a job by terminating its worker.

import { decodeLog, MAX_LOG_BYTES, parseInteractions, type ParseOptions } from '../engine/input/interactions.ts';
import { SAMPLE_LOG, sampleLog } from '../engine/input/sampleLog.ts';
import { MAX_TEXT_CHARS, parseText, type TextOptions } from '../engine/input/text.ts';

export type LogJob =
  | { kind: 'file'; file: Blob; options: ParseOptions }
  | { kind: 'sample'; options: ParseOptions }
  | { kind: 'text'; source: Blob | string; options: TextOptions };

onmessage = async (e: MessageEvent<LogJob>) => {
  const job = e.data;
  const progress = (fraction: number) => postMessage({ type: 'progress', fraction });
  if (job.kind === 'text') {
    const { source } = job;
    if (typeof source !== 'string' && source.size > MAX_TEXT_CHARS * 4)
      return postMessage({
        type: 'done',
        result: {
          ok: false,
          error: `The file is ${(source.size / 2 ** 20).toFixed(0)} MB; the limit is ${MAX_TEXT_CHARS / 2 ** 20} M characters.`,
        },
      });
    const text = typeof source === 'string' ? source : decodeLog(new Uint8Array(await source.arrayBuffer()));
    return postMessage({ type: 'done', result: parseText(text, { ...job.options, progress }) });
  }
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
  } else text = sampleLog(SAMPLE_LOG);
  const result = parseInteractions(text, { ...job.options, progress });
  postMessage({ type: 'done', result: job.kind === 'sample' ? { ...result, text } : result });
};
