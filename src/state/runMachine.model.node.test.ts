// Model-based test of the classroom path: random sequences of what a person does (Run, Pause,
// Resume, Step, Continue, Reset, the primary button, edits, presets, lessons, predictions, followed
// links, data, a hidden tab, an engine failure, time passing) against the real store and the real
// training session on the CPU engine, with messages cloned across an asynchronous channel as the
// Web Worker does. After every command the invariants below must hold; fast-check shrinks a
// failing sequence to a short one.
//
// FC_RUNS sets the number of sequences (npm test: RUNS; more locally, e.g. FC_RUNS=2000).

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runLanes, type PresetId } from '../engine/config.ts';
import type { PairData } from '../engine/input/pairData.ts';
import { derive } from './derived.ts';
import { formConfig } from './form.ts';
import { lessonById, LESSONS } from './lessons.ts';
import { readLink } from './link.ts';
import { allows, hasRun, type Action } from './runMachine.ts';
import { activeNotices, canAct, lessonIntro, primaryAction, shownConfig } from './selectors.ts';
import type { PlaygroundState } from './slices/state.ts';
import { settle, system, turn, type Real } from './testing/liveStore.node.ts';

const RUNS = Number(process.env.FC_RUNS ?? 120);
const MAX_COMMANDS = 24;

/** What the model remembers: whether a failure was injected into the run on screen. */
interface Model {
  injected: boolean;
}

/** A new run (or none): a failure injected into the last one is neither armed nor on screen. */
function freshRun(m: Model, r: Real) {
  m.injected = false;
  r.failNext.on = false;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Phases reached and commands run, over all sequences (the test reports them). */
const seen = { phases: new Map<string, number>(), commands: 0, steps: 0 };

/** The invariants of the classroom path; `m` says whether a failure was injected. */
function check(s: PlaygroundState, m: Model) {
  seen.phases.set(s.status, (seen.phases.get(s.status) ?? 0) + 1);
  seen.commands++;
  seen.steps = Math.max(seen.steps, s.step);
  const where = `status ${s.status}, step ${s.step}, lesson ${s.lessonId}, preset ${s.presetId}`;
  // 1. Nothing fails unless the engine itself did.
  if (!m.injected) expect(s.status, where).not.toBe('failed');
  expect(s.status === 'failed', where).toBe(s.failure !== null);
  // 2. What the form means is what it means now (computed fresh from the inputs).
  const fresh = derive(s);
  for (const k of ['edited', 'config', 'controls', 'errors', 'limitErrors'] as const)
    expect(same(s[k], fresh[k]), `${k} is stale (${where})`).toBe(true);
  // 3. A run is on screen exactly when its configuration is; it belongs to this form's preset and
  //    lesson; with none on screen, the page shows the form's configuration.
  expect(s.running !== null, where).toBe(hasRun(s.status));
  if (s.running) {
    expect(s.runningForm?.lessonId, where).toBe(s.lessonId);
    expect(s.runningForm?.presetId, where).toBe(s.presetId);
    expect(shownConfig(s)).toBe(s.running);
  } else {
    const valid = Object.keys(s.errors).length === 0;
    expect(same(shownConfig(s), valid ? formConfig(s) : null), where).toBe(true);
  }
  // 4. The lesson's words are those of the lesson computed fresh for what is on screen.
  const lesson = s.lessonId ? lessonById(s.lessonId) : undefined;
  const config = s.running ?? (Object.keys(s.errors).length === 0 ? formConfig(s) : null);
  expect(lessonIntro(s), where).toBe(lesson && config ? lesson.setup({ config, end: s.answer?.end ?? null }) : null);
  if (s.answer) expect(s.prediction, where).not.toBeNull();
  // 5. Every active notice is listed, and the passing one fits the phase.
  const notices = activeNotices(s);
  expect(notices.filter((n) => !n.lasting).length, where).toBeLessThanOrEqual(1);
  expect(
    notices.some((n) => n.id === 'noGpu'),
    where,
  ).toBe(true);
  if (s.status === 'failed') expect(notices.some((n) => n.id === 'failure')).toBe(true);
  if (s.status === 'atStop') {
    expect(s.passing?.text, where).toMatch(/^Stopped at step [\d,]+, as asked\.$/);
    expect(s.controls.stopAt !== null && s.step >= s.controls.stopAt, `at its stop (${where})`).toBe(true);
  }
  if (s.status === 'diverged') expect(s.passing?.text, where).toMatch(/^Every lane diverged/);
  if (s.status === 'idle') expect(s.passing?.text ?? 'none', where).toMatch(/^none$|same fingerprint/);
  // 6. The curves on screen belong to the current run.
  if (!s.running) expect(s.points, where).toEqual([]);
  else {
    const lanes = runLanes(s.running).length;
    for (const p of s.points) expect(p.excess.length, where).toBe(lanes);
    const steps = s.points.map((p) => p.step);
    expect(steps, where).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size, where).toBe(steps.length);
    if (steps.length > 0) expect(steps.at(-1), where).toBe(s.step);
  }
  // 7. The primary button offers what the phase allows (when it is enabled, its event is allowed).
  const primary = primaryAction(s);
  if (canAct(s, primary)) expect(allows(s.status, primary, s.resumable), where).toBe(true);
}

/** A command: a name for the shrunk report, and what it does. */
function command(name: string, run: (r: Real, m: Model) => Promise<void> | void): fc.AsyncCommand<Model, Real> {
  return {
    check: () => true,
    async run(m, r) {
      await run(r, m);
      await settle(r);
      check(r.store.getState(), m);
    },
    toString: () => name,
  };
}

/** Presses a run button: if the phase does not allow it, nothing may change and nothing is sent. */
function press(action: Action | 'primary') {
  return command(`press ${action}`, (r, m) => {
    const s = r.store.getState();
    const a = action === 'primary' ? primaryAction(s) : action;
    const allowed = canAct(s, a);
    const sentBefore = r.sent.length;
    const before = { status: s.status, runId: s.runId, fields: s.fields };
    if (a === 'run') {
      if (allowed) freshRun(m, r);
      s.run();
    } else if (a === 'pause') s.pause();
    else if (a === 'resume') s.resume();
    else if (a === 'step') {
      if (allowed && s.status === 'idle') freshRun(m, r);
      s.stepOnce();
    } else if (a === 'continue') s.continueRun();
    else s.reset();
    if (!allowed) {
      const after = r.store.getState();
      expect({ status: after.status, runId: after.runId, fields: after.fields }, `${a} in ${s.status}`).toEqual(before);
      expect(r.sent.length, `${a} in ${s.status} sent something`).toBe(sentBefore);
    }
    if (a === 'reset' && allowed) freshRun(m, r);
  });
}

const TINY: PairData = {
  rows: 6,
  items: 5,
  a: Uint32Array.from({ length: 60 }, (_, i) => (i * 7) % 6),
  b: Uint32Array.from({ length: 60 }, (_, i) => (i * 3) % 5),
  y: null,
};

const LINKS = [
  '#v=4&lesson=tail-starves',
  '#v=4&lesson=boost-diverges',
  '#v=4&preset=uniform&stopAt=25',
  '#v=4&dim=-4&seed=x',
  '#v=4&stopAt=&sgd.lr=1e4&fasgd.lr=1e4&cfsgd.lr=1e4&adagradRow.lr=1e4&adagradCoord.lr=1e4',
];

const EDITS: [string, string[]][] = [
  ['stopAt', ['', '1', '15', '40', '70', 'x']],
  ['pace', ['', '100']],
  ['lanes.0.lr', ['1', '10', '1e4', 'abc']],
  ['tokens.s', ['0.5', '1.3']],
  ['dim', ['4', '8', '0']],
  ['mode', ['compare', 'seeds']],
  ['seeds', ['2']],
];

const pressAny = fc
  .constantFrom<Action | 'primary'>('run', 'pause', 'resume', 'step', 'continue', 'reset', 'primary')
  .map(press);
const pressPrimary = fc.constant(press('primary'));
// Time passing, in task turns (the trainer trains one metrics interval per turn or so): a few
// turns reach a stop step of tens, without waiting on the clock.
const wait = fc.integer({ min: 1, max: 40 }).map((n) =>
  command(`wait ${n} turns`, async () => {
    for (let i = 0; i < n; i++) await turn();
  }),
);
const predict = fc
  .integer({ min: 0, max: 2 })
  .map((i) => command(`predict ${i}`, (r) => r.store.getState().predict(i)));

// fc.commands picks among these uniformly: what a class does most (the primary button, waiting,
// predicting) is listed more than once.
const commands = [
  pressAny,
  pressAny,
  pressPrimary,
  pressPrimary,
  wait,
  wait,
  wait,
  predict,
  fc
    .constantFrom(...EDITS)
    .chain(([path, texts]) => fc.constantFrom(...texts).map((t) => [path, t] as const))
    .map(([path, text]) =>
      command(`edit ${path}=${text}`, (r) => r.store.getState().editField(path as 'stopAt', text)),
    ),
  fc
    .constantFrom<PresetId>('zipf', 'uniform', 'data')
    .map((id) => command(`preset ${id}`, (r, m) => (freshRun(m, r), r.store.getState().choosePreset(id)))),
  fc
    .constantFrom(null, ...LESSONS.map((l) => l.id))
    .map((id) => command(`lesson ${id}`, (r, m) => (freshRun(m, r), r.store.getState().chooseLesson(id)))),
  fc.constant(command('show the answer', (r) => r.store.getState().revealAnswer())),
  fc.constantFrom(...LINKS).map((hash) =>
    command(`follow ${hash}`, async (r, m) => {
      const { form, notices, info } = await readLink(hash);
      freshRun(m, r);
      r.store.getState().loadForm(form, notices, info);
    }),
  ),
  fc.constant(
    command('train on data', (r, m) => {
      const before = r.store.getState().custom.data;
      r.store.getState().trainOn(TINY, 'log', 'tiny.csv');
      // A link's data run refuses other data; otherwise the form is new.
      if (!before) freshRun(m, r);
    }),
  ),
  fc.constant(command('hide the tab', (r) => r.store.getState().pauseForHidden())),
  fc.constant(
    command('the engine fails', (r, m) => {
      if (r.store.getState().status === 'running') {
        r.failNext.on = true;
        m.injected = true;
      }
    }),
  ),
];

describe('the classroom path, model-based (fast-check)', () => {
  test(`${RUNS} random sequences of up to ${MAX_COMMANDS} actions keep every invariant`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'max' }), async (cmds) => {
        const real = system();
        // Start small (as a person may): fast steps; presets and lessons bring their own sizes.
        const s = real.store.getState();
        s.editField('rows', '2000');
        s.editField('batch', '128');
        await settle(real);
        await fc.asyncModelRun(() => ({ model: { injected: false }, real }), cmds);
        real.store.getState().reset();
        real.failNext.on = false;
        await settle(real);
      }),
      { numRuns: RUNS },
    );
    console.log(
      `${seen.commands} commands; highest step ${seen.steps}; phases after a command:`,
      Object.fromEntries(seen.phases),
    );
    // The sequences reach every phase a person can bring about.
    for (const phase of ['idle', 'running', 'paused', 'atStop', 'failed'])
      expect(seen.phases.get(phase)).toBeGreaterThan(0);
  }, 600_000);
});
