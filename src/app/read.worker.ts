// The reading worker (one per job: cancelling terminates it): parses interaction logs (or makes a
// sample one) and texts, reporting the fraction read, so the page stays responsive on files of
// millions of lines. Its page side is readClient.ts; the protocol is src/engine/rpc.ts.

import { decodeLog, MAX_LOG_BYTES, parseInteractions } from '../engine/input/interactions.ts';
import { SAMPLE_LOG, sampleLog } from '../engine/input/sampleLog.ts';
import { MAX_TEXT_CHARS, parseText } from '../engine/input/text.ts';
import { serve, type WorkerScope } from '../engine/rpc.ts';
import type { ReadMethods } from '../state/readers.ts';

const refuse = (error: string) => ({ ok: false as const, error });
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

serve<ReadMethods>(self as unknown as WorkerScope, {
  async parse({ file, options }, { progress }) {
    if (file.size > MAX_LOG_BYTES)
      return refuse(`The file is ${mb(file.size)} MB; the limit is ${mb(MAX_LOG_BYTES)} MB.`);
    return parseInteractions(decodeLog(new Uint8Array(await file.arrayBuffer())), { ...options, progress });
  },
  sample({ options }, { progress }) {
    const text = sampleLog(SAMPLE_LOG);
    return { ...parseInteractions(text, { ...options, progress }), text };
  },
  async text({ source, options }, { progress }) {
    if (typeof source !== 'string' && source.size > MAX_TEXT_CHARS * 4)
      return refuse(`The file is ${mb(source.size)} MB; the limit is ${MAX_TEXT_CHARS / 2 ** 20} M characters.`);
    const text = typeof source === 'string' ? source : decodeLog(new Uint8Array(await source.arrayBuffer()));
    return parseText(text, { ...options, progress });
  },
});
