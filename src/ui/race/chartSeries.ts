// What every race chart reads of the store: the lanes drawn (each optimizer's best rate in a
// sweep) named with their divergence, the loss's name for this workload, and saved runs drawn over
// the live charts. The pure parts (row keys, series, rows) are in rows/.

import { createContext, useContext, useMemo } from 'react';
import type { LaneConfig } from '../../engine/config.ts';
import { workloadOf } from '../../engine/workloads/registry.ts';
import type { Series } from '../chart/figure/plot.ts';
import { laneSeries } from './rows/lanes.ts';
import { shownConfig } from '../../state/selectors.ts';
import { usePlayground } from '../parts/storeContext.ts';

/**
 * In a learning-rate sweep, the lanes drawn: each optimizer's best rate so far (null: all lanes).
 * Every lane chart shows only these, so a sweep reads as a tuned comparison.
 */
export const TunedContext = createContext<number[] | null>(null);

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

/** That loss defined in a sentence, for the configuration on screen. */
export function useLossMeaning(): string | null {
  return usePlayground((s) => {
    const c = shownConfig(s);
    return c ? workloadOf(c).words(c).lossMeaning : null;
  });
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
