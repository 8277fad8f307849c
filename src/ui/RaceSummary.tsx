// The race in words, for screen readers (a polite live region) and anyone who wants numbers:
// the latest excess loss of each optimizer, best first.

import { memo } from 'react';
import type { LaneConfig } from '../engine/config.ts';
import { OPTIMIZER_LABEL } from '../engine/optimizers.ts';
import { formatNumber } from './LogChart.tsx';
import { usePlayground } from './storeContext.ts';

export const RaceSummary = memo(function RaceSummary({ lanes }: { lanes: LaneConfig[] }) {
  // Announce at most every 10th recorded point, so a screen reader is not flooded.
  const point = usePlayground((s) => s.points[Math.floor((s.points.length - 1) / 10) * 10]);
  const diverged = usePlayground((s) => s.diverged);
  if (!point) return null;
  // A lane whose loss is no longer finite has diverged: it goes last.
  const value = (l: number) => (Number.isFinite(point.excess[l]) ? point.excess[l] : Infinity);
  const order = lanes.map((_, l) => l).sort((a, b) => value(a) - value(b));
  const name = (l: number) => OPTIMIZER_LABEL[lanes[l].optimizer];
  return (
    <p className="summary" aria-live="polite" data-testid="summary">
      Step {point.step}: {name(order[0])} leads with excess loss {formatNumber(point.excess[order[0]])}
      {order
        .slice(1)
        .map((l) =>
          Number.isFinite(point.excess[l])
            ? `; ${name(l)} ${formatNumber(point.excess[l])}`
            : `; ${name(l)} diverged${diverged[l] != null ? ` at step ${diverged[l]}` : ''}`,
        )}
      .
    </p>
  );
});
