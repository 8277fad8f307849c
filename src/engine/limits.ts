// What a run needs in memory and what keeps it from running where it would run, for the page to
// say before Run and for the session to choose an engine: the size of every GPU buffer (about the
// CPU engine's memory too), against the GPU device's limits or the CPU engine's memory.

import type { ConfigError, RunConfig } from './config.ts';
import { stateWordsPerRow } from './optimizers.ts';
import type { DeviceLimits } from './protocol.ts';
import { slotsPerSample, totalRows, workloadOf } from './workloads/registry.ts';
import { EFF_ROWS_MAX, EVAL_PAIRS, METRIC_CHUNK, METRIC_GROUPS } from './workloads/runData.ts';

/**
 * Bytes of every buffer a run allocates on the GPU (at least 4 each), by buffer name; the radix
 * sort's own (its histogram, at most 16 KiB, and pass parameters) are left out.
 */
export function bufferPlan(c: RunConfig): Record<string, number> {
  const R = totalRows(c);
  const L = c.lanes.length;
  const d = c.dim;
  const B = c.batch;
  const O = slotsPerSample(c) * B;
  const workload = workloadOf(c);
  const items = workload.evalItems(c);
  const ctr = workload.auc;
  // A data run's training pairs (at most all of them).
  const trainPairs = workload.needsData ? (c.data?.pairs ?? 0) : 0;
  // Chunks break at every bucket and bin boundary too.
  const chunks = Math.ceil(items / METRIC_CHUNK) + METRIC_GROUPS;
  const sizes = {
    table: L * R * d * 4,
    teacher: workload.needsData ? 0 : R * d * 4,
    trainPairs: trainPairs * 8,
    trainLabels: trainPairs * 4,
    grads: L * O * d * 4,
    coefs: L * B * 4,
    occRows: O * 4,
    optState: c.lanes.reduce((words, l) => words + R * stateWordsPerRow(l.optimizer, d), 0) * 4,
    pairs: O * 8,
    runs: (1 + O) * 4,
    sortScratch: O * 8,
    contexts: B * d * 4,
    labels: B * 4,
    alias: R * 8,
    counters: (R + slotsPerSample(c)) * 4,
    logRatio: R * 4,
    items: items * 16,
    chunks: chunks * 16,
    partials: L * chunks * 4,
    metrics: (L * (METRIC_GROUPS + EFF_ROWS_MAX + (ctr ? EVAL_PAIRS : 0)) + EFF_ROWS_MAX) * 4,
    evalRows: ctr ? EVAL_PAIRS * c.fields.length * 4 : 0,
    // Matrix factorisation's exact loss: q_v of each item, and (M1_b, M2_b) per lane and item bucket.
    itemFreq: c.workload === 'matrixFactorization' ? c.items * 4 : 0,
    moments: c.workload === 'matrixFactorization' ? L * 3 * 2 * d * d * 4 : 0,
  };
  return Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, Math.max(4, v)]));
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

/**
 * Most 32-bit words in one buffer: the kernels index words with u32 (e.g. (l·R + k)·d + j into the
 * table), which would wrap at 2^32 on a device that grants bindings of 16 GiB or more.
 */
export const MAX_BUFFER_WORDS = 2 ** 32 - 1;

/** Which device limits a configuration exceeds, and by how much (empty when it fits). */
export function limitErrors(
  c: RunConfig,
  limits: Pick<GPUSupportedLimits, 'maxStorageBufferBindingSize' | 'maxBufferSize'>,
): ConfigError[] {
  const errors: ConfigError[] = [];
  const plan = bufferPlan(c);
  const field: Record<string, string> = {
    table: 'rows',
    trainPairs: 'data',
    trainLabels: 'data',
    grads: 'batch',
    optState: 'lanes',
    teacher: 'rows',
  };
  for (const [name, bytes] of Object.entries(plan)) {
    const limit = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    const which =
      limits.maxStorageBufferBindingSize <= limits.maxBufferSize ? 'maxStorageBufferBindingSize' : 'maxBufferSize';
    // The device's limit first (what most users meet); the word limit where a device grants more.
    if (bytes > limit)
      errors.push({
        field: field[name] ?? 'rows',
        message: `The ${name} buffer needs ${mib(bytes)}, over this device's ${which} of ${mib(limit)} by ${mib(bytes - limit)}. ${field[name] === 'data' ? 'The data has too many pairs for this device: use a smaller log or text.' : 'Use fewer rows, lanes, a smaller dimension or batch.'}`,
      });
    else if (bytes / 4 > MAX_BUFFER_WORDS)
      errors.push({
        field: field[name] ?? 'rows',
        message: `The ${name} buffer would hold ${(bytes / 4).toExponential(2)} words; the kernels index at most 2^32 − 1 (4.29e9) words of one buffer. Use fewer rows, lanes, a smaller dimension or batch.`,
      });
  }
  return errors;
}

/** Total memory of a run's buffers (about the same on the CPU engine). */
export function planBytes(c: RunConfig): number {
  return Object.values(bufferPlan(c)).reduce((a, b) => a + b, 0);
}

/** Memory the CPU engine may take in a browser tab. */
export const CPU_MEMORY_LIMIT = 2 ** 30;

/** A configuration too big for the CPU engine, named with its estimated memory. */
export function cpuLimitErrors(c: RunConfig): ConfigError[] {
  const bytes = planBytes(c) * c.seeds;
  return bytes <= CPU_MEMORY_LIMIT
    ? []
    : [
        {
          field: 'rows',
          message: `This run needs about ${mib(bytes)}, over the CPU engine's limit of ${mib(CPU_MEMORY_LIMIT)}. Use fewer rows, lanes, a smaller dimension or batch.`,
        },
      ];
}

/** The GPU device's limits when the run goes there (limits), else the CPU engine's memory (null). */
export function runLimitErrors(c: RunConfig, limits: DeviceLimits): ConfigError[] {
  return limits ? limitErrors(c, limits) : cpuLimitErrors(c);
}
