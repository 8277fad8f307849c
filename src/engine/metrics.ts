// Turns raw metric sums into snapshots; shared by every engine.
// Raw layout: per lane [METRIC_GROUPS group sums, eff_0 .. eff_{E-1}], where group g's sum is
// Σ w_i·err_i over its metric items (groups: head, torso, tail; the same by item on pair workloads;
// then RANK_BINS rank bins; see workloads/runData.ts); then the occurrence counts n_k of the E
// reported rows (shared by all lanes); CTR adds every lane's score of each evaluation sample, in
// item order ([L, M]), from which the AUC is computed here.

import { RANK_BINS } from './sampling/distributions.ts';
import type { LaneMetrics, MetricsSnapshot } from './types.ts';
import { GROUP, METRIC_GROUPS, type RunData } from './workloads/runData.ts';

/** Words per lane. */
export function rawMetricsWords(data: RunData): number {
  return METRIC_GROUPS + data.effRows.length;
}

/** Where the scores of the evaluation samples start (CTR), or the end of the raw metrics. */
export function scoresOffset(data: RunData): number {
  return data.config.lanes.length * rawMetricsWords(data) + data.effRows.length;
}

/** Words of the whole raw metrics buffer. */
export function rawMetricsLength(data: RunData): number {
  const clicks = data.metricItems.clicks;
  return scoresOffset(data) + (clicks ? data.config.lanes.length * clicks.length : 0);
}

/**
 * Area under the ROC curve of `scores` for binary `labels`: the chance that a random positive
 * scores above a random negative (ties count half). NaN without both classes or with a
 * non-finite score.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    if (!Number.isFinite(scores[order[i]])) return NaN;
    let j = i;
    while (j < n && scores[order[j]] === scores[order[i]]) j++;
    // Ranks i+1 … j share their mean.
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (labels[order[k]]) {
        positives++;
        rankSum += rank;
      }
    i = j;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function decodeMetrics(data: RunData, step: number, raw: ArrayLike<number>): MetricsSnapshot {
  const words = rawMetricsWords(data);
  const mass = data.metricItems.groupMass;
  const clicks = data.metricItems.clicks;
  const M = clicks?.length ?? 0;
  const s0 = scoresOffset(data);
  // Conditional loss of a group: its sum over its mass (NaN for an empty group).
  const conditional = (o: number, g: number) => (mass[g] > 0 ? raw[o + g] / mass[g] : NaN);
  const lanes: LaneMetrics[] = data.config.lanes.map((_, l) => {
    const o = l * words;
    return {
      excess: raw[o] + raw[o + 1] + raw[o + 2],
      buckets: [0, 1, 2].map((b) => conditional(o, GROUP.bucket + b)) as LaneMetrics['buckets'],
      itemBuckets: [0, 1, 2].map((b) => conditional(o, GROUP.itemBucket + b)) as LaneMetrics['buckets'],
      rankError: Float32Array.from({ length: RANK_BINS }, (_, r) => conditional(o, GROUP.bin + r)),
      effStep: Float32Array.from({ length: data.effRows.length }, (_, r) => raw[o + METRIC_GROUPS + r]),
      auc: clicks
        ? auc(
            Array.from({ length: M }, (_, i) => raw[s0 + l * M + i]),
            clicks,
          )
        : NaN,
    };
  });
  const at = data.config.lanes.length * words;
  return { step, lanes, effCounts: Float32Array.from(data.effRows, (_, r) => raw[at + r]) };
}
