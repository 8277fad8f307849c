// Chart redraws spread over animation frames: each chart hands its next picture to one queue, and
// each frame draws the oldest waiting chart, so a metrics update that changes seven charts costs
// seven short frames instead of one long task. (Recharts finishes a redraw in its own animation
// frame callback, after its store's updates: one chart per frame keeps those apart too.)
// A chart that is still waiting when it changes again keeps its place and draws only the newest.
// Each redraw is timed as a "chart-commit" performance measure (render, commit and every render it
// set off, all synchronous), which `npm run bench` reads and DevTools' performance panel shows.

import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

export const CHART_COMMIT = 'chart-commit';
/** Measures kept before they are cleared (a long session must not grow the timeline forever). */
const KEEP_MEASURES = 5000;
let measured = 0;

/** Waiting jobs by owner, oldest first (a Map keeps first-insertion order). */
const jobs = new Map<object, { job: () => void; label?: string }>();
let frame = 0;

/** Runs the oldest waiting job, and asks for another frame while more wait. */
export function runFrame(): void {
  frame = 0;
  const [first] = jobs;
  if (first) {
    const [owner, { job, label }] = first;
    jobs.delete(owner);
    const start = performance.now();
    job();
    if (++measured % KEEP_MEASURES === 0) performance.clearMeasures(CHART_COMMIT);
    performance.measure(CHART_COMMIT, { start, end: performance.now(), detail: label });
  }
  if (jobs.size > 0) frame = requestAnimationFrame(runFrame);
}

/** Queues `job` for `owner` (replacing, in place, a job of the same owner that has not run); `label` names its measure. */
export function scheduleFrameJob(owner: object, job: () => void, label?: string): void {
  jobs.set(owner, { job, label });
  if (!frame) frame = requestAnimationFrame(runFrame);
}

export function cancelFrameJob(owner: object): void {
  jobs.delete(owner);
}

/** How many jobs wait (tests). */
export const waitingJobs = () => jobs.size;

/** Fewest milliseconds between two redraws of one chart unless it says otherwise: a few a second, however fast data comes. */
export const MIN_REDRAW_MS = 500;

/**
 * `value` as drawn: null until its first turn in the queue (the chart mounts in its own frame),
 * then each new value in its turn (at most every minRedrawMs), rendered synchronously there.
 */
export function useFrameStaggered<T>(value: T, minRedrawMs = MIN_REDRAW_MS, label?: string): T | null {
  const [owner] = useState(() => ({ drawnAt: -Infinity }));
  const [shown, setShown] = useState<T | null>(null);
  useEffect(() => {
    if (value === shown) return;
    const draw = () =>
      scheduleFrameJob(
        owner,
        () => {
          owner.drawnAt = performance.now();
          flushSync(() => setShown(value));
        },
        label,
      );
    const wait = owner.drawnAt + minRedrawMs - performance.now();
    if (wait <= 0) return draw();
    const timer = setTimeout(draw, wait);
    return () => clearTimeout(timer);
  }, [owner, value, shown, minRedrawMs, label]);
  useEffect(() => () => cancelFrameJob(owner), [owner]);
  return shown;
}
