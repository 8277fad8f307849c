// The engine's Web Worker: a thin adapter that hands every message from the page to one
// TrainingSession (src/engine/session.ts) and posts what it reports back. Rendering never waits on
// training.

import { requestGpu } from '../engine/gpu/device.ts';
import type { ToWorker } from '../engine/protocol.ts';
import { TrainingSession } from '../engine/session.ts';

const session = new TrainingSession({ post: (m) => postMessage(m), requestGpu });
onmessage = (e: MessageEvent<ToWorker>) => void session.handle(e.data);
