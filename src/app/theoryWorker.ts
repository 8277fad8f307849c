// The theory curves (state/theory.ts) computed off the main thread: their sums run over every row
// at every drawn step (up to ~0.3 s on a slow machine), which on the page would be one long task
// each time the horizon grows or the form changes.

import type { RunConfig } from '../engine/config.ts';
import { theoryAt } from '../state/theory.ts';

export interface TheoryRequest {
  id: number;
  config: RunConfig;
  steps: number[];
}

self.onmessage = (e: MessageEvent<TheoryRequest>) => {
  const { id, config, steps } = e.data;
  try {
    self.postMessage({ id, curves: theoryAt(config, steps) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
