// The replay encoder off the page's thread, one worker per job (cancelling terminates it):
// progress after every frame, then the file's bytes (transferred, not copied). Its page side is
// runReplay.ts; the protocol is src/engine/rpc.ts.

import { serve, type WorkerScope } from '../../../engine/rpc.ts';
import { encodeReplay, type ReplayMethods } from './encode.ts';

serve<ReplayMethods>(
  self as unknown as WorkerScope,
  { encode: (job, { progress }) => encodeReplay(job, progress, new AbortController().signal) },
  (data) => [(data as Uint8Array<ArrayBuffer>).buffer],
);
