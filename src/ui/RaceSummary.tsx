// The race in words, for screen readers (a polite live region) and anyone who wants numbers:
// the latest excess loss of each optimizer, best first.

import { memo, useContext } from 'react';
import type { LaneConfig } from '../engine/config.ts';
import { OPTIMIZER_LABEL } from '../engine/optimizers.ts';
import { seedSpread } from '../state/analysis.ts';
import { usePlayground } from './storeContext.ts';
import { formatNumber } from '../state/format.ts';
import { TunedContext, useLossName } from './chartSeries.ts';

export const RaceSummary = memo(function RaceSummary({ lanes }: { lanes: LaneConfig[] }) {
  // While running, announce at most every 10th recorded point, so a screen reader is not flooded;
  // once stopped, the latest.
  const point = usePlayground((s) =>
    s.status === 'running' ? s.points[Math.floor((s.points.length - 1) / 10) * 10] : s.points.at(-1),
  );
  const diverged = usePlayground((s) => s.diverged);
  const seeds = usePlayground((s) => s.running?.seeds ?? 1);
  const tuned = useContext(TunedContext);
  const lossName = useLossName();
  if (!point) return null;
  // Several seeds: each lane's geometric mean over them.
  const excess = seeds > 1 ? seedSpread(point.excess, lanes.length).map((s) => s.mean) : point.excess;
  // A lane whose loss is no longer finite has diverged: it goes last.
  const value = (l: number) => (Number.isFinite(excess[l]) ? excess[l] : Infinity);
  const order = (tuned ?? lanes.map((_, l) => l)).slice().sort((a, b) => value(a) - value(b));
  const name = (l: number) => `${OPTIMIZER_LABEL[lanes[l].optimizer]}${tuned ? ` (best η=${lanes[l].lr})` : ''}`;
  if (order.length === 0) return null;
  return (
    <p className="summary" aria-live="polite" data-testid="summary">
      Step {point.step}: {name(order[0])} leads with {seeds > 1 ? `mean ${lossName} over ${seeds} seeds` : lossName}{' '}
      {formatNumber(excess[order[0]])}
      {order
        .slice(1)
        .map((l) =>
          Number.isFinite(excess[l])
            ? `; ${name(l)} ${formatNumber(excess[l])}`
            : `; ${name(l)} diverged${diverged[l] != null ? ` at step ${diverged[l]}` : ''}`,
        )}
      .
    </p>
  );
});
