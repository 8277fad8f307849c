// What every race chart shares: the lanes drawn (each optimizer's best rate in a sweep), their
// names and styles, the loss's name for this workload, saved runs drawn over the live charts, and
// the top of a training-curve axis.

import { createContext, useContext, useMemo } from 'react';
import type { LaneConfig } from '../engine/config.ts';
import { laneLabel } from '../engine/optimizers.ts';
import { workloadOf } from '../engine/workloads/registry.ts';
import { LANE_STYLE } from './laneStyle.ts';
import type { Row, Series } from './figure/plot.ts';
import { usePlayground } from './storeContext.ts';

/**
 * In a learning-rate sweep, the lanes drawn: each optimizer's best rate so far (null: all lanes).
 * Every lane chart shows only these, so a sweep reads as a tuned comparison.
 */
export const TunedContext = createContext<number[] | null>(null);

const LANE_KEYS: string[] = [];
/** The row key of lane l's values: "l0", "l1", … (each built once: rows are filled in hot loops). */
export const laneKey = (l: number): string => (LANE_KEYS[l] ??= `l${l}`);

/** Series of the lanes (key laneKey(i) for lane i), only the tuned ones in a sweep. */
export function laneSeries(
  lanes: LaneConfig[],
  tuned: number[] | null,
  suffix: (l: number) => string = () => '',
): Series[] {
  return lanes.flatMap((lane, l) =>
    tuned && !tuned.includes(l)
      ? []
      : [
          {
            key: laneKey(l),
            name: `${laneLabel(lane)}${tuned ? ', best rate' : ''}${suffix(l)}`,
            ...LANE_STYLE[lane.optimizer],
          },
        ],
  );
}

/** Lane series named with their divergence, if any: "FA-SGD (η=3), diverged at step 180". */
export function useLaneSeries(lanes: LaneConfig[]): Series[] {
  const diverged = usePlayground((s) => s.diverged);
  const tuned = useContext(TunedContext);
  return useMemo(
    () => laneSeries(lanes, tuned, (l) => (diverged[l] != null ? `, diverged at step ${diverged[l]}` : '')),
    [lanes, tuned, diverged],
  );
}

/** What the loss charts show: excess loss over a planted teacher, or held-out loss on data. */
export function useLossName(): string {
  return usePlayground((s) => (s.running ? workloadOf(s.running).words(s.running).loss : 'excess loss'));
}

/** Chart values: a number that is not finite (a diverged lane) is a gap. */
export const finite = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Top of a training-curve axis: 3× the largest starting value (the first row of each set), so a
 * diverging lane runs off the top instead of squashing every other curve. Infinity: no start yet.
 */
export function curveTop(rowSets: Row[][], keys: string[]): number {
  const starts = rowSets.flatMap((rows) => keys.map((k) => rows[0]?.[k] ?? 0)).filter(Number.isFinite);
  const start = Math.max(0, ...starts);
  return start > 0 ? 3 * start : Infinity;
}

/** Saved or opened runs drawn over the live charts. */
export function useOverlays() {
  const ids = usePlayground((s) => s.overlays);
  const saved = usePlayground((s) => s.saved);
  const opened = usePlayground((s) => s.opened);
  return useMemo(
    () => ids.map((id) => [...saved, ...opened].find((r) => r.id === id)!).filter(Boolean),
    [ids, saved, opened],
  );
}
