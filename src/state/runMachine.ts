// The run controls as one state machine: the phase a run is in, the events that move it (what a
// person presses, and what the engine says back), and which events each phase allows. The store
// applies every event through `next`; a button is enabled exactly when `allows` says its event is
// allowed, so a press the phase does not allow can never reach the engine.

import type { PauseReason } from '../engine/protocol.ts';

/**
 * Where a run stands:
 *   idle      no run on screen (a fresh page, after Reset, or a new form)
 *   starting  Run was pressed; the engine is setting up
 *   running   training
 *   pausing   Pause was pressed; the steps already enqueued finish first
 *   paused    stopped by a person (Pause, Step, a hidden tab); Resume goes on
 *   atStop    reached its stop step; Continue raises the stop step and goes on
 *   diverged  every lane diverged: nothing is left to train
 *   failed    the engine failed; its message is shown and the curves are kept
 */
export type Phase = 'idle' | 'starting' | 'running' | 'pausing' | 'paused' | 'atStop' | 'diverged' | 'failed';

/** What a person can do to a run. */
export type Action = 'run' | 'pause' | 'resume' | 'step' | 'continue' | 'reset';

export type RunEvent =
  | { type: Action }
  /** The engine has set the run up (paused: it waits at step 0 for a Step). */
  | { type: 'ready'; paused: boolean }
  | { type: 'paused'; reason: PauseReason }
  /** The engine failed; resumable: the run is still there to go on from. */
  | { type: 'failed'; resumable: boolean }
  /** The engine refused the configuration (nothing was allocated). */
  | { type: 'invalid' }
  /** The stop step was edited while the run stands still at `step`: it is at its stop, or it is not. */
  | { type: 'stopStep'; atStop: boolean };

/** Phases with a run on screen that stands still (Run starts a new one from here too). */
const STILL: Phase[] = ['paused', 'atStop', 'diverged', 'failed'];
/** Phases with a run on screen. */
const ACTIVE: Phase[] = ['starting', 'running', 'pausing', ...STILL];

/** For each action, the phases that allow it and where it leads. */
const ACTIONS: Record<Action, Partial<Record<Phase, Phase>>> = {
  run: Object.fromEntries(['idle', ...STILL].map((p) => [p, 'starting'])),
  pause: { starting: 'pausing', running: 'pausing' },
  // A failed run is resumed only where the engine says it can be (resumable, checked by allows).
  resume: { paused: 'running', failed: 'running' },
  // From a fresh start Step sets the run up paused and takes one step.
  step: { idle: 'starting', paused: 'paused' },
  continue: { atStop: 'running' },
  reset: Object.fromEntries(ACTIVE.map((p) => [p, 'idle'])),
};

/** Whether `phase` allows `action` (`resumable`: a failed run can go on). */
export function allows(phase: Phase, action: Action, resumable = false): boolean {
  if (action === 'resume' && phase === 'failed') return resumable;
  return ACTIONS[action][phase] !== undefined;
}

/**
 * The phase after `event`, or null when the phase does not allow it (nothing happens). Engine
 * events arrive only for the current run (the store drops older runs' messages), but may cross a
 * person's action: a pause that lands as the stop step is reached, say.
 */
export function next(phase: Phase, event: RunEvent, resumable = false): Phase | null {
  switch (event.type) {
    case 'ready':
      // A run set up paused (for a Step), or paused while it was set up, waits for 'paused'.
      if (phase === 'starting') return event.paused ? 'starting' : 'running';
      return phase === 'pausing' ? 'pausing' : null;
    case 'paused':
      // Only a training run stops (or a paused one whose Step reached the stop step); a pause that
      // crosses the stop step finds the run at its stop.
      if (phase === 'paused' && event.reason === 'stopStep') return 'atStop';
      if (!isTraining(phase)) return null;
      return event.reason === 'stopStep' ? 'atStop' : event.reason === 'diverged' ? 'diverged' : 'paused';
    case 'failed':
      return ACTIVE.includes(phase) ? 'failed' : null;
    case 'invalid':
      return phase === 'starting' || phase === 'pausing' ? 'idle' : null;
    case 'stopStep':
      return phase === 'paused' || phase === 'atStop' ? (event.atStop ? 'atStop' : 'paused') : null;
    default:
      return allows(phase, event.type, resumable) ? ACTIONS[event.type][phase]! : null;
  }
}

/** Whether a run is on screen (its curves, its configuration), whatever it is doing. */
export const hasRun = (phase: Phase) => phase !== 'idle';

/** Whether the engine is (about to be) training. */
export const isTraining = (phase: Phase) => phase === 'starting' || phase === 'running' || phase === 'pausing';
