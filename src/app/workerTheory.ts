// ComputeTheory on one long-lived Web Worker (src/app/theoryWorker.ts); replies are matched to
// requests by id.

import type { LaneTheory } from '../state/theory.ts';
import type { ComputeTheory } from '../ui/race/useTheory.tsx';
import type { TheoryRequest } from './theoryWorker.ts';

export function workerTheory(): ComputeTheory {
  const worker = new Worker(new URL('./theoryWorker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve: (c: (LaneTheory | null)[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.onmessage = (e: MessageEvent<{ id: number; curves?: (LaneTheory | null)[]; error?: string }>) => {
    const w = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    if (e.data.curves) w?.resolve(e.data.curves);
    else w?.reject(new Error(e.data.error ?? 'the theory worker failed'));
  };
  return (config, steps) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, config, steps } satisfies TheoryRequest);
    });
}
