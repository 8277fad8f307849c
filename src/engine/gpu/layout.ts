// Byte layouts of the GPU buffers, written once: Params and Lane (shaders/common.wgsl) and the
// size of every buffer a run allocates, so limits are checked before anything is allocated.

import { type ConfigError, type RunConfig } from '../config.ts';
import { OPTIMIZER_CODE, stateWordsPerRow } from '../optimizers.ts';
import { scoresOffset } from '../metrics.ts';
import { slotsPerSample, totalRows, workloadOf } from '../workloads/registry.ts';
import { EFF_ROWS_MAX, EVAL_PAIRS, METRIC_CHUNK, type RunData, METRIC_GROUPS } from '../workloads/runData.ts';

export const PARAMS_BYTES = 144;
export const LANE_BYTES = 32;
/** Pairs per tile of the tiled radix-sort passes (TILE in shaders/radixSort.wgsl), 64 digits each. */
export const SORT_TILE = 1024;

/** Where each lane's state starts in optState, and the total words. */
export function stateOffsets(c: RunConfig): {
  offsets: number[];
  words: number;
} {
  const R = totalRows(c);
  let words = 0;
  const offsets = c.lanes.map((l) => {
    const at = words;
    words += R * stateWordsPerRow(l.optimizer, c.dim);
    return at;
  });
  return { offsets, words };
}

/** Params.workload (and the WORKLOAD override of reduceRows.wgsl). */
export const WORKLOAD_CODE: Record<RunConfig['workload'], number> = {
  tokenRegression: 0,
  matrixFactorization: 1,
  data: 2,
  ctr: 3,
};

export function packParams(data: RunData): ArrayBuffer {
  const c = data.config;
  const buf = new ArrayBuffer(PARAMS_BYTES);
  const u = new Uint32Array(buf);
  const f = new Float32Array(buf);
  u.set([data.rows, c.dim, c.batch, data.occurrences, c.lanes.length, c.seed >>> 0, c.rows]);
  u[7] = WORKLOAD_CODE[c.workload];
  f[8] = 1 / c.batch;
  f[9] = data.noise;
  u[10] = data.metricItems.chunkStart.length;
  u[11] = data.effRows.length;
  u[12] = METRIC_GROUPS + data.effRows.length;
  u[13] = METRIC_GROUPS;
  u[14] = data.train?.a.length ?? 0;
  u[15] = data.train?.negThreshold ?? 0;
  u[16] = data.loss === 'logistic' ? 1 : 0;
  f[17] = data.ctr?.bias ?? 0;
  u[18] = scoresOffset(data);
  u[19] = data.slots;
  u[20] = data.metricItems.a.length;
  const moments = data.metricItems.moments;
  u[21] = moments?.bounds[1] ?? 0;
  u[22] = moments?.bounds[2] ?? 0;
  u.set(data.tableStarts, 24);
  return buf;
}

/** Lanes of a run at most (validateConfig; MAX_LANES of common.wgsl). */
export const MAX_LANES = 64;

/** [MAX_LANES] Lane structs (common.wgsl); the unused tail is zeros (a uniform array is full-size). */
export function packLanes(c: RunConfig): ArrayBuffer {
  const buf = new ArrayBuffer(LANE_BYTES * Math.max(MAX_LANES, c.lanes.length));
  const { offsets } = stateOffsets(c);
  c.lanes.forEach((lane, l) => {
    const u = new Uint32Array(buf, l * LANE_BYTES, 8);
    const f = new Float32Array(buf, l * LANE_BYTES, 8);
    u[0] = OPTIMIZER_CODE[lane.optimizer];
    f[1] = lane.lr;
    f[2] = lane.beta;
    f[3] = lane.cap;
    f[4] = lane.eps;
    u[5] = offsets[l];
    f[6] = lane.decay ?? 0;
  });
  return buf;
}

/** Radix passes of `bits` bits needed for row ids below R. */
export function sortPasses(rows: number, bits: number): number {
  return Math.max(1, Math.ceil(Math.log2(rows) / bits));
}

/** Bytes of every buffer a run allocates on the GPU (at least 4 each). */
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
    optState: stateOffsets(c).words * 4,
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
    histogram: 64 * Math.ceil(O / SORT_TILE) * 4,
  };
  return Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, Math.max(4, v)]));
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

/** Which device limits a configuration exceeds, and by how much (empty when it fits). */
/**
 * Most 32-bit words in one buffer: the kernels index words with u32 (e.g. (l·R + k)·d + j into the
 * table), which would wrap at 2^32 on a device that grants bindings of 16 GiB or more.
 */
export const MAX_BUFFER_WORDS = 2 ** 32 - 1;

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
