// The theory worker (long-lived): the theory curves (state/theory.ts) computed off the main
// thread: their sums run over every row at every drawn step (up to ~0.3 s on a slow machine),
// which on the page would be one long task each time the horizon grows or the form changes. Its
// page side is theoryClient.ts; the protocol is src/engine/rpc.ts.

import { serve, type WorkerScope } from '../engine/rpc.ts';
import { theoryAt, type TheoryMethods } from '../state/theory.ts';

serve<TheoryMethods>(self as unknown as WorkerScope, {
  theoryAt: ({ config, steps }) => theoryAt(config, steps),
});
