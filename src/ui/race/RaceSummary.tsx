// The race in words, for screen readers (a polite live region) and anyone who wants numbers:
// the latest excess loss of each optimizer, best first; why a lane diverged; which lanes are at
// their noise floor. The sentences are claims (state/claims/race.ts): this prints what they say.

import { memo, useContext, useEffect, useMemo, useState } from 'react';
import { PRESETS, type LaneConfig, type RunConfig } from '../../engine/config.ts';
import { usePlayground } from '../parts/storeContext.ts';
import { text } from '../../state/claims/claim.ts';
import { divergedClaims, floorClaim, saferRate, summaryClaim } from '../../state/claims/race.ts';
import type { RunFacts } from '../../state/claims/run.ts';
import { floorsAt, noiseFloorSteps } from '../../state/theory.ts';
import { laneLimits, PAGE_SOURCES } from '../../state/claims/page.ts';
import { ComputeTheoryContext } from './useTheory.tsx';
import { TunedContext } from './chartSeries.ts';

/** What the race's words read of the run on screen (null: no run). */
function useRunFacts(): RunFacts | null {
  const running = usePlayground((s) => s.running);
  const points = usePlayground((s) => s.points);
  const diverged = usePlayground((s) => s.diverged);
  const tuned = useContext(TunedContext);
  return useMemo(
    () => (running ? { config: running, points, diverged, tuned } : null),
    [running, points, diverged, tuned],
  );
}

export const RaceSummary = memo(function RaceSummary({ lanes }: { lanes: LaneConfig[] }) {
  // While running, announce at most every 10th recorded point, so a screen reader is not flooded;
  // once stopped, the latest.
  const point = usePlayground((s) =>
    s.status === 'running' ? s.points[Math.floor((s.points.length - 1) / 10) * 10] : s.points.at(-1),
  );
  const facts = useRunFacts();
  if (!point || !facts || lanes.length === 0) return null;
  return (
    <p className="summary" aria-live="polite" data-testid="summary">
      {summaryClaim(facts, point).text}
    </p>
  );
});

/**
 * Why each diverged lane diverged, where theory can say (token regression): its η against the
 * stable limit, with the limit's cause, and a rate to try instead.
 */
export const DivergenceNotes = memo(function DivergenceNotes({ lanes }: { lanes: LaneConfig[] }) {
  const facts = useRunFacts();
  const presetId = usePlayground((s) => s.presetId);
  const mode = usePlayground((s) => s.fields.mode ?? 'compare');
  const edit = usePlayground((s) => s.editField);
  // What the theory says of each lane: its limit, and where a constant step ends (computed once per run, on a divergence).
  const config = facts?.config;
  const anyDiverged = usePlayground((s) => s.diverged.some((d) => d != null));
  const theory = useMemo(
    () =>
      config && anyDiverged
        ? { limits: laneLimits(config), ends: PAGE_SOURCES.floors(config, 1).map((x) => x.end) }
        : null,
    [config, anyDiverged],
  );
  if (!facts || !theory) return null;
  const { limits } = theory;
  const notes = divergedClaims(facts, limits, theory.ends);
  if (notes.length === 0) return null;
  // Lanes are one per optimizer in compare mode: a suggested rate goes to that optimizer's field.
  const field = (l: number) => PRESETS[presetId].config.lanes.findIndex((x) => x.optimizer === lanes[l].optimizer);
  return (
    <div className="notice warn" data-testid="divergence">
      {notes.map(({ lane: l, said }) => {
        const lr = limits[l] ? saferRate(limits[l]) : null;
        return (
          <p key={l}>
            {said[0].text}{' '}
            {lr !== null && mode === 'compare' && field(l) >= 0 && (
              <button type="button" className="link" onClick={() => edit(`lanes.${field(l)}.lr`, String(lr))}>
                Use η = {lr} (0.9× the limit), then Run
              </button>
            )}
            {mode === 'compare' && ' Or choose Mode: sweep to compare rates.'}
          </p>
        );
      })}
    </div>
  );
});

/** Which constant-step lanes have reached their noise floor by theory (token regression), said in words. */
export const FloorNote = memo(function FloorNote(_lanesOfTheRun: { lanes: LaneConfig[] }) {
  const facts = useRunFacts();
  const running = usePlayground((s) => s.running);
  // Checked every 500 steps: the floor is approached slowly.
  const at = usePlayground((s) => Math.floor(s.step / 500) * 500);
  // Computed where the theory is (the page's theory worker): its sums over every row are a long
  // task on the main thread.
  const compute = useContext(ComputeTheoryContext);
  const [result, setResult] = useState<{ of: RunConfig; at: number; floors: ReturnType<typeof floorsAt> } | null>(null);
  useEffect(() => {
    const steps = running && at > 0 ? noiseFloorSteps(running, at) : null;
    if (!running || !steps) return;
    let current = true;
    compute(running, steps).then(
      (curves) => current && setResult({ of: running, at, floors: floorsAt(running, curves) }),
      () => {},
    );
    return () => void (current = false);
  }, [compute, running, at]);
  if (!facts || !result || result.of !== running || result.at !== at) return null;
  const words = text([floorClaim(facts, at, result.floors)]);
  if (!words) return null;
  return (
    <p className="hint" data-testid="floor">
      {words}
    </p>
  );
});
