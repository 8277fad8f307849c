// The run slice: starting, pausing, stepping and resetting a run in the engine worker, and what the
// worker says back about it (ready, invalid, paused, error, recovered, metrics).

import { workloadOf } from '../../engine/workloads/registry.ts';
import { controlsFromFields } from '../fields.ts';
import { errorsByField, formConfig, formErrors } from '../form.ts';
import { missingData } from './dataSlice.ts';
import { noMetrics } from './metricsSlice.ts';
import type { RunSlice, Slice } from './state.ts';

export const runSlice: Slice<RunSlice> =
  ({ send }) =>
  (set, get) => ({
    running: null,
    runningForm: null,
    status: 'idle',
    backend: null,
    device: '',
    notice: null,
    recovery: null,
    message: null,
    runId: 0,
    deviceLimits: undefined,
    limitErrors: {},

    run(paused = false) {
      const errors = formErrors(get());
      const config = formConfig(get());
      const missing = Object.keys(errors).length === 0 ? missingData(config.data, get().loaded) : null;
      if (missing) errors.data = missing;
      set({ errors });
      if (Object.keys(errors).length > 0 || Object.keys(get().limitErrors).length > 0) return;
      const runId = get().runId + 1;
      const { presetId, lessonId, fields, custom, hidden } = get();
      set({
        ...noMetrics(config),
        running: config,
        runningForm: { presetId, lessonId, fields, custom, hidden },
        runId,
        status: 'starting',
        message: null,
        notice: null,
        recovery: null,
      });
      const pairs = workloadOf(config).needsData ? get().loaded!.pairs : null;
      send({ type: 'start', config, pairs, runId, controls: controlsFromFields(fields).controls, paused });
    },

    pause() {
      if (get().status === 'running') send({ type: 'pause' });
    },

    resume() {
      if (get().status === 'paused') {
        set({ status: 'running' });
        send({ type: 'resume' });
      }
    },

    stepOnce() {
      const { status } = get();
      if (status === 'idle' || status === 'error') {
        get().run(true);
        if (get().status === 'starting') send({ type: 'step' });
      } else if (status === 'paused') send({ type: 'step' });
    },

    pauseForHidden() {
      if (get().status !== 'running') return;
      send({ type: 'pause' });
      set({ notice: 'Paused because the tab was hidden. Press Resume to go on.' });
    },

    reset() {
      send({ type: 'stop' });
      set({
        status: 'idle',
        runId: get().runId + 1,
        points: [],
        step: 0,
        stepsPerSecond: 0,
        message: null,
        recovery: null,
      });
    },

    receive(m) {
      if (m.type === 'limits') return set({ deviceLimits: m.limits });
      if (m.runId !== get().runId) return;
      switch (m.type) {
        case 'ready':
          set({ status: 'running', backend: m.backend, device: m.device, notice: m.notice, reported: m.reported });
          break;
        case 'invalid':
          set({ status: 'idle', errors: errorsByField(m.errors), running: null });
          break;
        case 'paused': {
          if (get().status === 'idle') break;
          const stopAt = controlsFromFields(get().fields).controls.stopAt;
          set({ status: 'paused', ...(m.atStop ? { notice: `Stopped at step ${stopAt}, as asked.` } : {}) });
          break;
        }
        case 'error':
          set({ status: 'error', message: m.message });
          break;
        case 'recovered':
          set({ backend: m.backend, device: m.device, recovery: m.message });
          break;
        case 'metrics':
          get().appendMetrics([m]);
      }
    },

    loseDevice() {
      send({ type: 'loseDevice' });
    },
  });
