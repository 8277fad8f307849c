// What the page shows, read from the store's state: the configuration on screen, which action the
// run buttons perform and whether each is allowed (runMachine.ts), why Run cannot start, and the
// preset's label. Components and tests read these; none of them rebuilds a configuration.

import { PRESETS, type RunConfig } from '../engine/config.ts';
import { workloadOf } from '../engine/workloads/registry.ts';
import type { FieldPath } from './fields.ts';
import { dataForm, defaultForm } from './form.ts';
import { lessonById, LESSONS, type Hideable, type LessonFacts } from './lessons.ts';
import { classroomText, noGpuText, type Notice } from './notices.ts';
import { allows, hasRun, type Action } from './runMachine.ts';
import type { PlaygroundState } from './slices/state.ts';

type S = PlaygroundState;

/** Whether the form has no problem (its configuration can run, the device's limits aside). */
export const formValid = (s: S) => Object.keys(s.errors).length === 0;

/** The configuration the charts, theory and texts show: the run's, or (with no run on screen) the form's when valid. */
export const shownConfig = (s: S): RunConfig | null => s.running ?? (formValid(s) ? s.config : null);

const sameContent = new WeakMap<RunConfig, WeakMap<RunConfig, boolean>>();
/** Whether two configurations are the same run (content, not identity; remembered per pair). */
function sameRun(a: RunConfig, b: RunConfig): boolean {
  if (a === b) return true;
  const known = sameContent.get(a)?.get(b);
  if (known !== undefined) return known;
  const same = JSON.stringify(a) === JSON.stringify(b);
  if (!sameContent.has(a)) sameContent.set(a, new WeakMap());
  sameContent.get(a)!.set(b, same);
  return same;
}

/** Whether the setup was edited since the run on screen started (Run would train something else). */
export const setupChanged = (s: S) => s.running !== null && !sameRun(s.running, s.config);

/** Whether a lesson waits for its prediction before its first Run. */
export const mustPredict = (s: S) => s.lessonId !== null && s.prediction === null;

/** Why Run cannot start a new run now, each in a sentence ([] : it can). */
export function runBlockers(s: S): string[] {
  const out: string[] = [];
  if (mustPredict(s)) out.push('Make your prediction in the lesson first.');
  if (s.errors.data) out.push(s.errors.data);
  const problems = Object.entries(s.errors).filter(([f]) => f !== 'data');
  if (problems.length > 0)
    out.push(
      `Fix the setup first: ${problems[0][1]}${problems.length > 1 ? ` (and ${problems.length - 1} more, marked in red)` : ''}`,
    );
  const limits = Object.values(s.limitErrors);
  if (limits.length > 0) out.push(`Too big for this device: ${limits.join(' ')}`);
  return out;
}

/** Whether a person may do `action` now: the phase allows it, and a new run has nothing in its way. */
export function canAct(s: S, action: Action): boolean {
  if (!allows(s.status, action, s.resumable)) return false;
  const startsRun = action === 'run' || (action === 'step' && s.status === 'idle');
  return !startsRun || runBlockers(s).length === 0;
}

/**
 * What the one primary button does: Run with no run on screen (or a new run of an edited setup),
 * Pause while training, Resume when paused, Continue at the stop step.
 */
export function primaryAction(s: S): Action {
  switch (s.status) {
    case 'starting':
    case 'running':
    case 'pausing':
      return 'pause';
    case 'paused':
      return setupChanged(s) ? 'run' : 'resume';
    case 'atStop':
      return setupChanged(s) ? 'run' : 'continue';
    case 'failed':
      return s.resumable && !setupChanged(s) ? 'resume' : 'run';
    default:
      return 'run';
  }
}

/** The step Continue goes on to: twice the stop step (or the step, past a lowered one). */
export const continueTo = (s: S) => 2 * Math.max(s.controls.stopAt ?? 0, s.step);

/** Whether the form differs from its preset's (or lesson's) in anything a run depends on. */
export function customised(s: S): boolean {
  const base = s.custom.data ? dataForm(s.custom.data) : defaultForm(s.presetId, s.lessonId);
  const RUN_CONTROLS = ['stopAt', 'pace', 'view', 'mode', 'seeds'];
  const keys = new Set([...Object.keys(base.fields), ...Object.keys(s.fields)]) as Set<FieldPath>;
  const fieldDiffers = [...keys].some((k) => !RUN_CONTROLS.includes(k) && base.fields[k] !== s.fields[k]);
  return fieldDiffers || s.custom.tokens !== undefined || s.custom.itemTokens !== undefined;
}

/** What the Preset box says: the preset (or lesson) in use, "Custom (from …)" once edited, and the data in use. */
export function presetLabel(s: S): string {
  const lesson = s.lessonId ? lessonById(s.lessonId) : undefined;
  const from = lesson ? `lesson ${LESSONS.indexOf(lesson) + 1}` : PRESETS[s.presetId].label;
  if (s.custom.data) return `Your data: ${s.custom.data.name}${customised(s) ? ' (custom settings)' : ''}`;
  if (customised(s)) return `Custom (from ${from})`;
  return lesson ? `Set by lesson ${LESSONS.indexOf(lesson) + 1}` : from;
}

/** A one-line description of what the shown configuration trains on (the distribution included). */
export function setupSummary(s: S): string | null {
  const c = shownConfig(s);
  return c ? workloadOf(c).words(c).summary : null;
}

/** What a lesson's texts are computed from: the configuration on screen and, once revealed, the run's end. */
export function lessonFacts(s: S): LessonFacts | null {
  const config = shownConfig(s);
  return config ? { config, end: s.answer?.end ?? null } : null;
}

/** The open lesson's intro as the page prints it (null: no lesson, or no valid configuration). */
export function lessonIntro(s: S): string | null {
  const lesson = s.lessonId ? lessonById(s.lessonId) : undefined;
  const facts = lessonFacts(s);
  return lesson && facts ? lesson.setup(facts) : null;
}

/** Whether the page shows a group of controls: not hidden by its link, nor by a preview of the student's view. */
export const shows = (s: S, group: Hideable) =>
  !s.hidden.includes(group) && !(s.previewing && s.classroom.includes(group));

/** Whether a run is on screen (its configuration and curves). */
export const runOnScreen = (s: S) => hasRun(s.status);

/** Every notice active in `s`, lasting ones first: what the page shows (the tests check this list). */
export function activeNotices(s: S): Notice[] {
  const out: Notice[] = [];
  const add = (id: Notice['id'], kind: Notice['kind'], text: string | null | undefined) =>
    text && out.push({ id, kind, text, lasting: true });
  add('noGpu', 'info', s.noGpu && noGpuText(s.noGpu));
  add('linkValues', 'warn', s.linkNotices.length > 0 ? s.linkNotices.join(' ') : null);
  add('linkInfo', 'info', s.linkInfo.join(' '));
  add('data', 'warn', s.errors.data);
  add('classroom', 'info', s.hidden.length > 0 ? classroomText(s.hidden) : null);
  add('recovery', 'warn', s.recovery);
  add('failure', 'error', s.failure && `Training stopped: ${s.failure}`);
  if (s.passing) out.push(s.passing);
  return out;
}
