// Byte layouts of the GPU buffers, written once: Params and Lane (shaders/common.wgsl), where each
// lane's optimizer state starts. Their sizes are ../limits.ts bufferPlan (checked before anything
// is allocated).

import { type RunConfig } from '../config.ts';
import { OPTIMIZER_CODE, stateWordsPerRow } from '../optimizers.ts';
import { scoresOffset } from '../metrics.ts';
import { totalRows } from '../workloads/registry.ts';
import { METRIC_GROUPS, type RunData } from '../workloads/runData.ts';

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
