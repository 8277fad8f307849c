// The engine worker: a thin adapter that hands every call from the page to one TrainingSession
// (src/engine/session.ts) and emits what the session reports (metrics, run events) as events.
// Rendering never waits on training. Its page side is engineClient.ts; the protocol is
// src/engine/rpc.ts.

import { requestGpu } from '../engine/gpu/device.ts';
import type { EngineMethods, FromWorker, ToWorker } from '../engine/protocol.ts';
import { serve, type Handlers, type WorkerScope } from '../engine/rpc.ts';
import { TrainingSession } from '../engine/session.ts';

const session: TrainingSession = new TrainingSession({ post: (m) => events.emit(m), requestGpu });
const handle = (m: ToWorker) => session.handle(m);
const handlers: Handlers<EngineMethods> = {
  start: handle,
  pause: handle,
  resume: handle,
  step: handle,
  controls: handle,
  watch: handle,
  stop: handle,
  loseDevice: handle,
  probe: handle,
  prepare: handle,
};
const events = serve<EngineMethods, FromWorker>(self as unknown as WorkerScope, handlers);
