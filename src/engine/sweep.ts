// Learning-rate sweeps: every optimizer at SWEEP_RATES log-spaced rates, all as lanes of one run
// (same buffers, same dispatches, same token stream), and the pick of each optimizer's best rate.

import type { LaneConfig } from './config.ts';
import type { OptimizerKind } from './optimizers.ts';

/** Rates per optimizer in a sweep. */
export const SWEEP_RATES = 8;

/** η·2^(k−4), k = 0 … 7: from η/16 to 8η, a factor 2 apart (exact in binary). */
export function sweepRates(lr: number): number[] {
  return Array.from({ length: SWEEP_RATES }, (_, k) => lr * 2 ** (k - 4));
}

/** Each lane becomes SWEEP_RATES lanes around its rate, optimizer by optimizer. */
export function sweepLanes(lanes: LaneConfig[]): LaneConfig[] {
  return lanes.flatMap((lane) => sweepRates(lane.lr).map((lr) => ({ ...lane, lr })));
}

/** One optimizer of a sweep: its lanes in rate order, their losses, and the best lane. */
export interface SweepGroup {
  optimizer: OptimizerKind;
  /** Lane indices in the run. */
  lanes: number[];
  rates: number[];
  losses: number[];
  /** Lane index of the lowest finite loss (null: every rate diverged). Ties go to the smaller rate. */
  best: number | null;
}

/** Groups a run's lanes by optimizer and picks each group's best lane by `losses` (one per lane). */
export function sweepGroups(lanes: LaneConfig[], losses: ArrayLike<number>): SweepGroup[] {
  const groups = new Map<OptimizerKind, SweepGroup>();
  lanes.forEach((lane, l) => {
    const g = groups.get(lane.optimizer) ?? { optimizer: lane.optimizer, lanes: [], rates: [], losses: [], best: null };
    groups.set(lane.optimizer, g);
    g.lanes.push(l);
    g.rates.push(lane.lr);
    g.losses.push(losses[l]);
    const best = g.best === null ? Infinity : losses[g.best];
    if (Number.isFinite(losses[l]) && (losses[l] < best || (losses[l] === best && lane.lr < lanes[g.best!].lr)))
      g.best = l;
  });
  return [...groups.values()];
}
