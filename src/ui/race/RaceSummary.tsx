// The race in words, for screen readers (a polite live region) and anyone who wants numbers:
// the latest excess loss of each optimizer, best first; and why a lane diverged.

import { memo, useContext, useEffect, useMemo, useState } from 'react';
import { PRESETS, type LaneConfig, type RunConfig } from '../../engine/config.ts';
import { OPTIMIZER_LABEL } from '../../engine/optimizers.ts';
import { seedSpread } from '../../state/analysis.ts';
import { usePlayground } from '../parts/storeContext.ts';
import { formatNumber } from '../../state/format.ts';
import { floorLanes, noiseFloorSteps, stability, tokenFrequencies } from '../../state/theory.ts';
import { ComputeTheoryContext } from './useTheory.tsx';
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
  // A lane the trainer marked diverged (or whose loss is no longer finite) goes last.
  const gone = (l: number) => diverged[l] != null || !Number.isFinite(excess[l]);
  const value = (l: number) => (gone(l) ? Infinity : excess[l]);
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
          !gone(l)
            ? `; ${name(l)} ${formatNumber(excess[l])}`
            : `; ${name(l)} diverged${diverged[l] != null ? ` at step ${diverged[l]}` : ''}`,
        )}
      .
    </p>
  );
});

/**
 * Why each diverged lane diverged, where theory can say (token regression): its η against the
 * stable limit, with the limit's cause, and a rate to try instead.
 */
export const DivergenceNotes = memo(function DivergenceNotes({ lanes }: { lanes: LaneConfig[] }) {
  const diverged = usePlayground((s) => s.diverged);
  const running = usePlayground((s) => s.running);
  const presetId = usePlayground((s) => s.presetId);
  const mode = usePlayground((s) => s.fields.mode ?? 'compare');
  const edit = usePlayground((s) => s.editField);
  const p = useMemo(() => (running ? tokenFrequencies(running) : null), [running]);
  if (!running) return null;
  const notes = lanes.flatMap((lane, l): { l: number; text: string; lr: number | null }[] => {
    if (diverged[l] == null) return [];
    const limit = stability(running, p, l);
    const name = OPTIMIZER_LABEL[lane.optimizer];
    if (!limit)
      return [
        { l, text: `${name} diverged at step ${diverged[l]}: its loss grew past 1,000× where it started.`, lr: null },
      ];
    const above = lane.lr > limit.rate;
    const text = above
      ? `${name} diverged at step ${diverged[l]}: η = ${lane.lr} is above its stable limit ≈ ${formatNumber(limit.rate)}, set by ${limit.setBy}.`
      : `${name} diverged at step ${diverged[l]} although η = ${lane.lr} is below its stable limit ≈ ${formatNumber(limit.rate)} (theory's limit is for the expected error; a single run can still blow up close to it).`;
    return [{ l, text, lr: Number((0.9 * limit.rate).toPrecision(2)) }];
  });
  if (notes.length === 0) return null;
  // Lanes are one per optimizer in compare mode: a suggested rate goes to that optimizer's field.
  const field = (l: number) => PRESETS[presetId].config.lanes.findIndex((x) => x.optimizer === lanes[l].optimizer);
  return (
    <div className="notice warn" data-testid="divergence">
      {notes.map(({ l, text, lr }) => (
        <p key={l}>
          {text}{' '}
          {lr !== null && mode === 'compare' && field(l) >= 0 && (
            <button type="button" className="link" onClick={() => edit(`lanes.${field(l)}.lr`, String(lr))}>
              Use η = {lr} (0.9× the limit), then Run
            </button>
          )}
          {mode === 'compare' && ' Or choose Mode: sweep to compare rates.'}
        </p>
      ))}
    </div>
  );
});

/** Which constant-step lanes have reached their noise floor by theory (token regression), said in words. */
export const FloorNote = memo(function FloorNote({ lanes }: { lanes: LaneConfig[] }) {
  const running = usePlayground((s) => s.running);
  // Checked every 500 steps: the floor is approached slowly.
  const at = usePlayground((s) => Math.floor(s.step / 500) * 500);
  // Computed where the theory is (the page's theory worker): its sums over every row are a long
  // task on the main thread.
  const compute = useContext(ComputeTheoryContext);
  const [result, setResult] = useState<{ of: RunConfig; at: number; lanes: number[] } | null>(null);
  useEffect(() => {
    const steps = running && at > 0 ? noiseFloorSteps(running, at) : null;
    if (!running || !steps) return;
    let current = true;
    compute(running, steps).then(
      (curves) => current && setResult({ of: running, at, lanes: floorLanes(running, curves) }),
      () => {},
    );
    return () => void (current = false);
  }, [compute, running, at]);
  const floored = result && result.of === running && result.at === at ? result.lanes : [];
  if (floored.length === 0) return null;
  const names = floored.map((l) => OPTIMIZER_LABEL[lanes[l].optimizer]).join(' and ');
  return (
    <p className="hint" data-testid="floor">
      By step {at}, {names} {floored.length > 1 ? 'have' : 'has'} reached {floored.length > 1 ? 'their' : 'its'} noise
      floor by theory: a constant step keeps bouncing around the teacher at a distance set by η, σ, d and B, so it stops
      improving. That is why Adagrad, whose steps keep shrinking, can overtake on a long run; a decay t₀ in the lane
      card lets a lane go on improving.
    </p>
  );
});
