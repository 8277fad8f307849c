// The run slice: what a person does to a run (Run, Pause, Resume, Step, Continue, Reset) and what
// the engine worker says back (ready, invalid, paused, failed, recovered, metrics), every one of
// them an event of the run's state machine (../runMachine.ts). An event the phase does not allow
// changes nothing and sends nothing.

import { workloadOf } from '../../engine/workloads/registry.ts';
import { errorsByField } from '../form.ts';
import { lessonEnd } from '../lessons.ts';
import { ALL_DIVERGED, HIDDEN_TAB, stoppedAt } from '../notices.ts';
import { next, type RunEvent } from '../runMachine.ts';
import { canAct, continueTo } from '../selectors.ts';
import { watchFor } from './meaningSlice.ts';
import { noMetrics } from './metricsSlice.ts';
import type { PlaygroundState, RunSlice, Slice } from './state.ts';
import { agreementChance } from '../../engine/meaning/report.ts';

/** No run on screen: what Reset and a new form leave. */
export const noRun = (runId: number) => ({
  ...noMetrics(null),
  status: 'idle' as const,
  running: null,
  runningForm: null,
  resumable: false,
  passing: null,
  recovery: null,
  failure: null,
  answer: null,
  runId: runId + 1,
});

/** The agreement measured at the stop step, for a lesson's answer (the engine reports it just before "paused"). */
function meaningAtStop(s: PlaygroundState) {
  const last = s.agreement.at(-1);
  const info = s.agreementInfo;
  if (!last || !info || last.step !== s.step || !s.running) return undefined;
  return { agreement: last.lanes.slice(0, s.running.lanes.length), agreementChance: agreementChance(info) };
}

export const runSlice: Slice<RunSlice> =
  ({ send }) =>
  (set, get) => {
    /** Moves the run's phase by `event`; false (and nothing changes) where the phase does not allow it. */
    const apply = (event: RunEvent, also: Partial<PlaygroundState> = {}): boolean => {
      const phase = next(get().status, event, get().resumable);
      if (phase === null) return false;
      set({ ...also, status: phase });
      return true;
    };
    /** A lesson's answer appears when its run reaches the stop step, with the run's figures there. */
    const answerAtStop = (s: PlaygroundState) =>
      s.lessonId !== null && s.running && !s.answer
        ? {
            answer: {
              end: lessonEnd(s.running, s.points, s.diverged, s.reported?.freq, s.latestEff, meaningAtStop(s)),
            },
          }
        : {};

    return {
      running: null,
      runningForm: null,
      status: 'idle',
      resumable: false,
      backend: null,
      device: '',
      passing: null,
      recovery: null,
      failure: null,
      runId: 0,
      deviceLimits: undefined,
      noGpu: null,

      run(paused = false) {
        const s = get();
        // Step from a fresh start sets the run up paused at step 0.
        const action = paused && s.status === 'idle' ? 'step' : 'run';
        if (!canAct(s, action)) return;
        const { presetId, lessonId, fields, custom, hidden, config, controls } = s;
        const fresh = noRun(s.runId);
        apply(
          { type: action },
          {
            ...fresh,
            ...noMetrics(config),
            running: config,
            runningForm: { presetId, lessonId, fields, custom, hidden },
          },
        );
        const pairs = workloadOf(config).needsData ? s.loaded!.pairs : null;
        send({ type: 'start', config, pairs, runId: fresh.runId, controls, paused, watch: watchFor(s) });
      },

      pause() {
        if (canAct(get(), 'pause') && apply({ type: 'pause' })) send({ type: 'pause' });
      },

      resume() {
        if (canAct(get(), 'resume') && apply({ type: 'resume' }, { passing: null, failure: null }))
          send({ type: 'resume' });
      },

      stepOnce() {
        const s = get();
        if (!canAct(s, 'step')) return;
        if (s.status === 'idle') {
          get().run(true);
          if (get().status === 'starting') send({ type: 'step' });
        } else send({ type: 'step' });
      },

      continueRun() {
        const s = get();
        if (!canAct(s, 'continue')) return;
        const to = continueTo(s);
        // Training again, the new stop step reaches the engine before the resume.
        apply({ type: 'continue' }, { passing: null });
        s.editField('stopAt', String(to));
        send({ type: 'resume' });
      },

      pauseForHidden() {
        if (canAct(get(), 'pause') && apply({ type: 'pause' }, { passing: HIDDEN_TAB })) send({ type: 'pause' });
      },

      reset() {
        if (!canAct(get(), 'reset')) return;
        send({ type: 'stop' });
        set(noRun(get().runId));
      },

      receive(m) {
        if (m.type === 'limits') return set({ deviceLimits: m.limits, noGpu: m.reason, device: m.device });
        if (m.runId !== get().runId) return;
        switch (m.type) {
          case 'ready':
            apply(
              { type: 'ready', paused: m.paused },
              {
                backend: m.backend,
                device: m.device,
                reported: m.reported,
                ...(m.notice ? { passing: { id: 'passing', kind: 'info', text: m.notice, lasting: false } } : {}),
              },
            );
            break;
          case 'invalid': {
            const { fields } = get();
            apply(
              { type: 'invalid' },
              { ...noRun(get().runId), rejected: { fields, errors: errorsByField(m.errors) } },
            );
            break;
          }
          case 'paused': {
            const s = get();
            const notice =
              m.reason === 'stopStep' ? stoppedAt(s.step) : m.reason === 'diverged' ? ALL_DIVERGED : s.passing;
            apply(
              { type: 'paused', reason: m.reason },
              { passing: notice, ...(m.reason === 'stopStep' ? answerAtStop(s) : {}) },
            );
            break;
          }
          case 'error':
            apply({ type: 'failed', resumable: m.resumable }, { failure: m.message, resumable: m.resumable });
            break;
          case 'recovered':
            set({ backend: m.backend, device: m.device, recovery: m.message });
            break;
          case 'meaning':
            get().receiveMeaning(m.report);
        }
      },

      loseDevice() {
        send({ type: 'loseDevice' });
      },
    };
  };
