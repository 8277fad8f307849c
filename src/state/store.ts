// The one store of the page (zustand, framework-free; React reads it through selectors).
// Data flows one way: control → action → worker command; worker metrics → appendMetrics (at most
// once per animation frame, see src/app/main.tsx) → memoised charts.

import { createStore } from 'zustand/vanilla';
import { PRESETS, validateConfig, type ConfigError, type PresetId, type RunConfig } from '../engine/config.ts';
import type { Backend } from '../engine/types.ts';
import type { FromWorker, MetricsBatch, ReportedRows, ToWorker } from '../engine/protocol.ts';
import {
  configFromFields,
  controlsFromFields,
  fieldsFromConfig,
  fieldOfError,
  runConfigFromFields,
  type Fields,
} from './fields.ts';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'error';

/** One recorded step: excess loss of each lane. */
export interface MetricPoint {
  step: number;
  excess: number[];
  /** [lane][head, torso, tail] */
  buckets: [number, number, number][];
}

/** Points kept for the charts; past this, every other old point is dropped (the run stays whole). */
export const MAX_POINTS = 1200;

export interface PlaygroundState {
  presetId: PresetId;
  /** Text of every editable field, as typed. */
  fields: Fields;
  /** Field → message, from validation and from the device's limits. */
  errors: Record<string, string>;
  /** Configuration of the current (or last) run. */
  running: RunConfig | null;
  status: RunStatus;
  backend: Backend | null;
  device: string;
  notice: string | null;
  message: string | null;
  step: number;
  stepsPerSecond: number;
  points: MetricPoint[];
  /** Rows whose effective step is reported, and the latest values: [lane][row], counts [row]. */
  reported: ReportedRows | null;
  latestEff: { effStep: number[][]; counts: number[] } | null;
  /** Id of the current run; messages of older runs are ignored. */
  runId: number;

  choosePreset(id: PresetId): void;
  editField(name: string, text: string): void;
  /** Starts a new run from step 0 (paused: wait at step 0). */
  run(paused?: boolean): void;
  pause(): void;
  resume(): void;
  /** One step: from a paused run, or the first step of a new run. */
  stepOnce(): void;
  reset(): void;
  /** The page was hidden: pause and say why. */
  pauseForHidden(): void;
  receive(m: FromWorker): void;
  appendMetrics(batch: (MetricsBatch & { runId: number })[]): void;
}

/** Field errors of the form: the configuration's and the run controls'. */
function formErrors(presetId: PresetId, fields: Fields): Record<string, string> {
  const base = PRESETS[presetId].config;
  // Every lane is validated (errors keep their lane's index), switched off or not.
  const errors = [...validateConfig(configFromFields(base, fields)), ...controlsFromFields(fields).errors];
  if (runConfigFromFields(base, fields).lanes.length === 0)
    errors.push({ field: 'lanes', message: 'Switch on at least one optimizer.' });
  return errorsOf(errors);
}

function errorsOf(list: ConfigError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of list) out[fieldOfError(e.field)] ??= e.message;
  return out;
}

/** Halves old points when over MAX_POINTS, always keeping the first and the newest. */
export function decimate(points: MetricPoint[]): MetricPoint[] {
  if (points.length <= MAX_POINTS) return points;
  return points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
}

export function createPlaygroundStore(send: (m: ToWorker) => void, initial: PresetId = 'zipf') {
  return createStore<PlaygroundState>()((set, get) => ({
    presetId: initial,
    fields: fieldsFromConfig(PRESETS[initial].config),
    errors: {},
    running: null,
    status: 'idle',
    backend: null,
    device: '',
    notice: null,
    message: null,
    step: 0,
    stepsPerSecond: 0,
    points: [],
    reported: null,
    latestEff: null,
    runId: 0,

    choosePreset(id) {
      get().reset();
      set({ presetId: id, fields: fieldsFromConfig(PRESETS[id].config), errors: {} });
    },

    editField(name, text) {
      const fields = { ...get().fields, [name]: text };
      const errors = formErrors(get().presetId, fields);
      set({ fields, errors });
      const { controls, errors: bad } = controlsFromFields(fields);
      if ((name === 'stopAt' || name === 'pace') && bad.length === 0 && get().status !== 'idle')
        send({ type: 'controls', controls });
    },

    run(paused = false) {
      const { presetId, fields } = get();
      const errors = formErrors(presetId, fields);
      set({ errors });
      if (Object.keys(errors).length > 0) return;
      const config = runConfigFromFields(PRESETS[presetId].config, fields);
      const runId = get().runId + 1;
      set({
        running: config,
        runId,
        status: 'starting',
        points: [],
        latestEff: null,
        step: 0,
        stepsPerSecond: 0,
        message: null,
        notice: null,
      });
      send({ type: 'start', config, runId, controls: controlsFromFields(fields).controls, paused });
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
      set({ status: 'idle', runId: get().runId + 1, points: [], step: 0, stepsPerSecond: 0, message: null });
    },

    receive(m) {
      if (m.runId !== get().runId) return;
      switch (m.type) {
        case 'ready':
          set({ status: 'running', backend: m.backend, device: m.device, notice: m.notice, reported: m.reported });
          break;
        case 'invalid':
          set({ status: 'idle', errors: errorsOf(m.errors), running: null });
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
        case 'metrics':
          get().appendMetrics([m]);
      }
    },

    appendMetrics(all) {
      const s = get();
      const batch = all.filter((m) => m.runId === s.runId);
      if (s.status === 'idle' || batch.length === 0) return;
      const added = batch.map(({ snapshot }) => ({
        step: snapshot.step,
        excess: snapshot.lanes.map((l) => l.excess),
        buckets: snapshot.lanes.map((l) => l.buckets),
      }));
      const last = batch[batch.length - 1];
      const latestEff = {
        effStep: last.snapshot.lanes.map((l) => Array.from(l.effStep)),
        counts: Array.from(last.snapshot.effCounts),
      };
      set({
        points: decimate([...s.points, ...added]),
        latestEff,
        step: last.snapshot.step,
        stepsPerSecond: last.stepsPerSecond,
      });
    },
  }));
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
