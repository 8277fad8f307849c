// Chart redraws spread over time: each chart hands its next picture to one queue, each animation
// frame starts the oldest waiting chart's redraw, and that redraw renders as a React transition,
// which React splits into slices of a few milliseconds between frames. So a metrics update that
// changes seven charts costs many short tasks instead of one long one; only each chart's commit
// (and the store updates Recharts makes in its effects) is one piece. Starting one chart per frame
// keeps those commits apart.
// A chart that is still waiting when it changes again keeps its place and draws only the newest.
// A chart out of sight redraws seldom (its redraws would cost the page as much as a seen one's);
// how often is redrawPolicy.ts's.
// Each redraw is timed as a "chart-commit" performance measure, from its turn to its commit (time
// React spent on other work in between included), which `npm run bench` reads and DevTools'
// performance panel shows.

import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { MIN_REDRAW_MS, redrawInterval } from './redrawPolicy.ts';

export const CHART_COMMIT = 'chart-commit';
/** Measures kept before they are cleared (a long session must not grow the timeline forever). */
const KEEP_MEASURES = 5000;
let measured = 0;

/** Waiting jobs by owner, oldest first (a Map keeps first-insertion order). */
const jobs = new Map<object, () => void>();
let frame = 0;

/** Runs the oldest waiting job, and asks for another frame while more wait. */
export function runFrame(): void {
  frame = 0;
  const [first] = jobs;
  if (first) {
    const [owner, job] = first;
    jobs.delete(owner);
    job();
  }
  if (jobs.size > 0) frame = requestAnimationFrame(runFrame);
}

/** Queues `job` for `owner` (replacing, in place, a job of the same owner that has not run). */
export function scheduleFrameJob(owner: object, job: () => void): void {
  jobs.set(owner, job);
  if (!frame) frame = requestAnimationFrame(runFrame);
}

export function cancelFrameJob(owner: object): void {
  jobs.delete(owner);
}

/** How many jobs wait (tests). */
export const waitingJobs = () => jobs.size;

export interface Stagger {
  /** Fewest milliseconds between two redraws while in sight (MIN_REDRAW_MS unless given). */
  minRedrawMs?: number;
  /** Whether the chart counts as in sight (useInView: out of sight only while a run trains); if not, it redraws every OFFSCREEN_REDRAW_MS at most. */
  inView?: boolean;
  /** Names the redraw's measure. */
  label?: string;
}

/**
 * `value` as drawn: null until its first turn in the queue (the chart mounts in its own turn),
 * then each new value in its turn (at most every minRedrawMs, or OFFSCREEN_REDRAW_MS out of
 * sight), rendered as a transition from there. `drawNow` draws the latest value at once and
 * synchronously (inside an event handler only: e.g. before an export reads what is drawn).
 */
export function useFrameStaggered<T>(
  value: T,
  { minRedrawMs = MIN_REDRAW_MS, inView = true, label }: Stagger = {},
): [shown: T | null, drawNow: () => void] {
  const owner = useRef({ drawnAt: -Infinity, measuring: false, label, latest: value });
  const [shown, setShown] = useState<T | null>(null);
  useEffect(() => {
    const o = owner.current;
    if (!o.measuring) return;
    o.measuring = false;
    // After the store updates Recharts makes in its effects, which React renders synchronously
    // once this task's effects are done.
    queueMicrotask(() => {
      if (++measured % KEEP_MEASURES === 0) performance.clearMeasures(CHART_COMMIT);
      performance.measure(CHART_COMMIT, { start: o.drawnAt, end: performance.now(), detail: o.label });
    });
  }, [shown]);
  const interval = redrawInterval(minRedrawMs, inView);
  useEffect(() => {
    const o = owner.current;
    o.latest = value;
    if (value === shown) return;
    const draw = () =>
      scheduleFrameJob(o, () => {
        Object.assign(o, { drawnAt: performance.now(), measuring: true, label });
        startTransition(() => setShown(value));
      });
    const wait = o.drawnAt + interval - performance.now();
    if (wait <= 0) return draw();
    const timer = setTimeout(draw, wait);
    return () => clearTimeout(timer);
  }, [value, shown, interval, label]);
  useEffect(() => {
    const o = owner.current;
    return () => cancelFrameJob(o);
  }, []);
  const drawNow = useCallback(() => {
    const o = owner.current;
    if (o.latest == null) return; // nothing to draw yet (e.g. not laid out)
    cancelFrameJob(o);
    o.drawnAt = performance.now();
    // The commit, and the store updates Recharts makes in its effects, are done on return.
    flushSync(() => setShown(o.latest));
  }, []);
  return [shown, drawNow];
}
