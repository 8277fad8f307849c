// Turns raw metric sums into snapshots; shared by every engine.
// Raw layout: per lane [headSum, torsoSum, tailSum, eff_0 .. eff_{E-1}], where the sums are
// Σ w_i·err_i over the bucket's metric items (see workloads/task.ts); then the occurrence counts
// n_k of the E reported rows (shared by all lanes).

import type { RunData } from './workloads/task.ts';
import type { LaneMetrics, MetricsSnapshot } from './types.ts';

/** Words per lane. */
export function rawMetricsWords(data: RunData): number {
  return 3 + data.effRows.length;
}

/** Words of the whole raw metrics buffer. */
export function rawMetricsLength(data: RunData): number {
  return data.config.lanes.length * rawMetricsWords(data) + data.effRows.length;
}

export function decodeMetrics(data: RunData, step: number, raw: ArrayLike<number>): MetricsSnapshot {
  const words = rawMetricsWords(data);
  const mass = data.metricItems.bucketMass;
  const lanes: LaneMetrics[] = data.config.lanes.map((_, l) => {
    const o = l * words;
    const sums = [raw[o], raw[o + 1], raw[o + 2]];
    return {
      excess: sums[0] + sums[1] + sums[2],
      buckets: sums.map((s, b) => (mass[b] > 0 ? s / mass[b] : NaN)) as [number, number, number],
      effStep: Float32Array.from({ length: data.effRows.length }, (_, r) => raw[o + 3 + r]),
    };
  });
  const at = data.config.lanes.length * words;
  return { step, lanes, effCounts: Float32Array.from(data.effRows, (_, r) => raw[at + r]) };
}
