// What the race's sentences read of a run: its configuration, its recorded points and where its
// lanes diverged. The page builds these facts from the store (runFacts); the regime sweep builds
// them from the run's exported record and checks that the same sentences follow.

import type { LaneConfig, RunConfig } from '../../engine/config.ts';
import { laneLabel, OPTIMIZER_LABEL } from '../../engine/optimizers.ts';
import { sweepGroups } from '../../engine/sweep.ts';
import { diverged as lossDiverged } from '../../engine/trainer.ts';
import { workloadOf } from '../../engine/workloads/registry.ts';
import type { MetricPoint } from '../series.ts';

/** One recorded step as the sentences read it (a value that is not finite is NaN). */
export type RunPoint = Pick<MetricPoint, 'step' | 'excess' | 'buckets'> & Partial<Pick<MetricPoint, 'itemBuckets'>>;

export interface RunFacts {
  config: RunConfig;
  /** Recorded steps, oldest first: every run lane (seed-major) per point. */
  points: RunPoint[];
  /** The step at which each run lane was marked diverged, or null. */
  diverged: (number | null)[];
  /** In a learning-rate sweep, the lanes drawn (each optimizer's best rate); null: every lane. */
  tuned: number[] | null;
}

/** In a sweep, each optimizer's best lane at the latest point (what the charts draw); null otherwise. */
export function tunedLanes(lanes: LaneConfig[], sweeping: boolean, last: RunPoint | undefined): number[] | null {
  if (!sweeping || !last) return null;
  return sweepGroups(lanes, last.excess).flatMap((g) => (g.best === null ? [] : [g.best]));
}

/** The lane every comparison with SGD is made with: the first SGD lane drawn (−1: none). */
export function sgdLane(lanes: LaneConfig[], tuned: number[] | null): number {
  return lanes.findIndex((l, i) => l.optimizer === 'sgd' && (!tuned || tuned.includes(i)));
}

/** The lanes the sentences speak of: the tuned ones in a sweep, else all. */
export const shownLanes = (f: RunFacts) =>
  f.config.lanes.flatMap((_, l) => (!f.tuned || f.tuned.includes(l) ? [l] : []));

/** A lane by name: "FA-SGD", or in a sweep "FA-SGD (best η=3)". */
export const laneName = (f: RunFacts, l: number) =>
  `${OPTIMIZER_LABEL[f.config.lanes[l].optimizer]}${f.tuned ? ` (best η=${f.config.lanes[l].lr})` : ''}`;

/** A lane with its rate, as the legends name it: "FA-SGD (η=3)". */
export const laneWithRate = (f: RunFacts, l: number) => laneLabel(f.config.lanes[l]);

/** The first step at which any seed of lane l diverged, or null. */
export function divergedAt(f: RunFacts, l: number): number | null {
  const L = f.config.lanes.length;
  const steps = f.diverged.filter((d, i): d is number => i % L === l && d != null);
  return steps.length ? Math.min(...steps) : null;
}

/**
 * Whether run lane i's recorded loss at `step` is what the trainer calls diverged (not finite, or
 * past 1,000× its first positive loss): the words "diverged at step t" are true of the data.
 */
export function grewAt(f: RunFacts, i: number, step: number): boolean {
  const at = f.points.find((p) => p.step === step);
  return at !== undefined && lossDiverged(at.excess[i], firstLoss(f, i));
}

/** Run lane i's first positive recorded loss (where the trainer measures divergence from). */
export const firstLoss = (f: RunFacts, i: number) => f.points.map((p) => p.excess[i]).find((v) => v > 0);

/** What the loss charts show: "excess loss", "held-out loss", "excess log loss". */
export const lossName = (c: RunConfig) => workloadOf(c).words(c).loss;
