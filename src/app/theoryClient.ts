// ComputeTheory on one long-lived theory worker (theory.worker.ts).

import { connect, type WorkerPort } from '../engine/rpc.ts';
import type { ComputeTheory, TheoryMethods } from '../state/theory.ts';

export function theoryClient(): ComputeTheory {
  const worker = connect<TheoryMethods>(
    () => new Worker(new URL('./theory.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerPort,
  );
  return (config, steps) => worker.call('theoryAt', { config, steps }).done;
}
