// The recorded series of a run as the page keeps them: one point per recorded step, thinned when
// long (the run stays whole in CSV up to MAX_POINTS), and the snapshots kept for the sparse-update
// strip. Saved-run files are built from these points, so they depend on this file, not the store.

import type { MetricsBatch } from '../engine/protocol.ts';

/** One recorded step: excess (or held-out) loss of each lane. */
export interface MetricPoint {
  step: number;
  excess: number[];
  /** [lane][head, torso, tail] */
  buckets: [number, number, number][];
  /** [lane][head, torso, tail] by item (pair workloads; NaN elsewhere). */
  itemBuckets: [number, number, number][];
  /** [lane] AUC of the evaluation clicks (CTR; NaN elsewhere). */
  auc: number[];
}

/** The bucket values of the first table (tokens, users, words) or of the second (items). */
export type BucketKind = 'buckets' | 'itemBuckets';

/** Points kept for the charts; past this, every other old point is dropped (the run stays whole). */
export const MAX_POINTS = 1200;

/** Snapshots of the reported rows' occurrence counts kept for the sparse-update strip. */
export const UPDATE_HISTORY = 40;

/** Halves old points when over MAX_POINTS, always keeping the first and the newest. */
export function decimate(points: MetricPoint[]): MetricPoint[] {
  if (points.length <= MAX_POINTS) return points;
  return points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
}

/** The point of one worker metrics message. */
export function pointOf({ snapshot }: MetricsBatch): MetricPoint {
  return {
    step: snapshot.step,
    excess: snapshot.lanes.map((l) => l.excess),
    buckets: snapshot.lanes.map((l) => l.buckets),
    itemBuckets: snapshot.lanes.map((l) => l.itemBuckets),
    auc: snapshot.lanes.map((l) => l.auc),
  };
}
