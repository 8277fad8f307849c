// The one store of the page (zustand, framework-free; React reads it through selectors).
// Data flows one way: control → action → worker command; worker metrics → appendMetrics (at most
// once per animation frame, see src/app/main.tsx) → memoised charts.

import { createStore } from 'zustand/vanilla';
import { IMPLICIT_DATA_RATES, PRESETS, runLanes, type DataRef, type RunConfig } from '../engine/config.ts';
import type { Backend } from '../engine/types.ts';
import type { FromWorker, MetricsBatch, ReportedRows, ToWorker } from '../engine/protocol.ts';
import { drawnCurveErrors, DRAWN_FLOOR } from '../engine/workloads/distributions.ts';
import { dataRef, type PairData } from '../engine/workloads/pairData.ts';
import { parseCounts } from '../engine/workloads/parseCounts.ts';
import { controlsFromFields, sizeField, type DistTarget } from './fields.ts';
import { defaultForm, errorsByField, formConfig, formErrors, type Form } from './form.ts';
import type { Hideable } from './lessons.ts';
import { makeRecord, parseRunRecord } from './runRecord.ts';
import { memoryStorage, storageMessage, type SavedRun, type SavedRunStorage } from './savedRuns.ts';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'error';

/** One recorded step: excess (or held-out) loss of each lane. */
export interface MetricPoint {
  step: number;
  excess: number[];
  /** [lane][head, torso, tail] */
  buckets: [number, number, number][];
  /** [lane][head, torso, tail] by item (pair workloads; NaN elsewhere). */
  itemBuckets: [number, number, number][];
  /** [lane] AUC of the evaluation clicks (CTR; NaN elsewhere). */
  auc: number[];
}

/** Data opened in "Your data" that a data run can train on (it stays in this browser). */
export interface LoadedData {
  ref: DataRef;
  pairs: PairData;
}

/** Points kept for the charts; past this, every other old point is dropped (the run stays whole). */
export const MAX_POINTS = 1200;

/** Snapshots of the reported rows' occurrence counts kept for the sparse-update strip. */
export const UPDATE_HISTORY = 40;

export interface PlaygroundState extends Form {
  /** Field → message, from validation and from the device's limits. */
  errors: Record<string, string>;
  /** Why the last pasted counts or drawn curve was refused (the last good one stays), by target. */
  designerErrors: Partial<Record<DistTarget, string>>;
  /** What was noted about the last accepted counts (header skipped, zeros left out). */
  designerNotes: Partial<Record<DistTarget, string[]>>;
  /** Values of the opening link that could not be used, each named. */
  linkNotices: string[];
  /** The lesson's prediction (choice index), once made. */
  prediction: number | null;
  /** Configuration of the current (or last) run, and the form it came from (for its link). */
  running: RunConfig | null;
  runningForm: Form | null;
  status: RunStatus;
  backend: Backend | null;
  device: string;
  notice: string | null;
  /** What happened when the GPU device was lost during this run (kept beside later notices). */
  recovery: string | null;
  message: string | null;
  step: number;
  stepsPerSecond: number;
  points: MetricPoint[];
  /** Rows whose effective step is reported, and the latest values: [lane][row], counts [row]. */
  reported: ReportedRows | null;
  latestEff: { effStep: number[][]; counts: number[] } | null;
  /** Step at which each lane's loss stopped being finite (the engine froze it), or null. */
  diverged: (number | null)[];
  /** Latest per-token error of each lane by rank bin: [lane][bin]. */
  latestRankError: number[][] | null;
  /** Occurrence counts of the reported rows at the last UPDATE_HISTORY recorded steps, oldest first. */
  updateHistory: { step: number; counts: number[] }[];
  /** Id of the current run; messages of older runs are ignored. */
  runId: number;
  /** Runs saved in this browser, oldest first. */
  saved: SavedRun[];
  /** Runs opened from JSON files this session (not saved). */
  opened: SavedRun[];
  /** Ids of saved or opened runs drawn over the live charts. */
  overlays: string[];
  /** The outcome of the last save, rename, delete or open (error: something went wrong). */
  runsMessage: { text: string; error: boolean } | null;
  /** The data last opened in "Your data", or null. */
  loaded: LoadedData | null;

  choosePreset(id: Form['presetId']): void;
  /** Replaces the form (an opened link) and says what in it could not be used. */
  loadForm(form: Form, notices: string[]): void;
  /** Opens a lesson (null: leaves it, keeping the preset). */
  chooseLesson(id: string | null): void;
  editField(name: string, text: string): void;
  /** Parses pasted or uploaded counts; on success they become the distribution of `target`. */
  applyCounts(target: DistTarget, text: string): void;
  /** Checks a drawn curve (log10 weights, null where not drawn); on success it becomes the distribution. */
  applyDrawn(target: DistTarget, knots: (number | null)[]): void;
  setHidden(hidden: Hideable[]): void;
  predict(choice: number): void;
  dismissLinkNotices(): void;
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
  /** Destroys the GPU device under the run, as a driver reset would (console and tests). */
  loseDevice(): void;
  /** Reads the saved runs (at start-up). */
  loadSaved(): Promise<void>;
  /** Saves the current run under `name`, with its link. */
  saveRun(name: string, link: string): Promise<void>;
  renameSaved(id: string, name: string): Promise<void>;
  deleteSaved(id: string): Promise<void>;
  /** Opens an exported run (JSON text) and overlays it. */
  openRunFile(text: string, fileName: string): void;
  toggleOverlay(id: string): void;
  /** Makes `pairs` the loaded data and sets up a data run on it (the 'data' preset). */
  trainOn(pairs: PairData, source: DataRef['source'], name: string): void;
}

/** The 'data' preset's form for `ref` (implicit data starts from its own rates). */
function dataForm(ref: DataRef): Form {
  const form = defaultForm('data');
  form.custom = { data: ref };
  if (!ref.ratings)
    PRESETS.data.config.lanes.forEach(
      (l, i) => (form.fields[`lanes.${i}.lr`] = String(IMPLICIT_DATA_RATES[l.optimizer])),
    );
  return form;
}

/** Why a run on the data `want` (null: not a data run) cannot start with the data loaded now, or null. */
export function missingData(want: DataRef | null | undefined, loaded: LoadedData | null): string | null {
  if (!want || loaded?.ref.fingerprint === want.fingerprint) return null;
  const what = want.source === 'text' ? 'text' : 'file';
  return `This run trains on “${want.name}” (${want.pairs.toLocaleString('en-US')} ${want.source === 'text' ? 'word–context pairs' : 'interactions'}), which is not loaded here: data never travels in a link. Open the same ${what} in “Your data” to run it.`;
}

/** Halves old points when over MAX_POINTS, always keeping the first and the newest. */
export function decimate(points: MetricPoint[]): MetricPoint[] {
  if (points.length <= MAX_POINTS) return points;
  return points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
}

export function createPlaygroundStore(
  send: (m: ToWorker) => void,
  initial: Form = defaultForm('zipf'),
  linkNotices: string[] = [],
  storage: SavedRunStorage = memoryStorage(),
) {
  return createStore<PlaygroundState>()((set, get) => ({
    ...initial,
    errors: formErrors(initial),
    designerErrors: {},
    designerNotes: {},
    linkNotices,
    prediction: null,
    running: null,
    runningForm: null,
    status: 'idle',
    backend: null,
    device: '',
    notice: null,
    recovery: null,
    message: null,
    step: 0,
    stepsPerSecond: 0,
    points: [],
    reported: null,
    latestEff: null,
    latestRankError: null,
    updateHistory: [],
    diverged: [],
    runId: 0,
    saved: [],
    opened: [],
    overlays: [],
    runsMessage: null,
    loaded: null,

    choosePreset(id) {
      get().reset();
      // The data preset trains on the data loaded last, if any.
      const loaded = get().loaded;
      const form = id === 'data' && loaded ? dataForm(loaded.ref) : defaultForm(id);
      set({ ...form, errors: formErrors(form), designerErrors: {}, designerNotes: {}, prediction: null });
    },

    loadForm(form, notices) {
      get().reset();
      set({
        ...form,
        errors: formErrors(form),
        designerErrors: {},
        designerNotes: {},
        prediction: null,
        linkNotices: notices,
      });
    },

    chooseLesson(id) {
      get().reset();
      const form = defaultForm(get().presetId, id);
      set({ ...form, errors: formErrors(form), designerErrors: {}, designerNotes: {}, prediction: null });
    },

    editField(name, text) {
      const fields = { ...get().fields, [name]: text };
      const errors = formErrors({ ...get(), fields });
      set({ fields, errors });
      const { controls, errors: bad } = controlsFromFields(fields);
      if ((name === 'stopAt' || name === 'pace') && bad.length === 0 && get().status !== 'idle')
        send({ type: 'controls', controls });
    },

    applyCounts(target, text) {
      const parsed = parseCounts(text);
      if (!parsed.ok) return set({ designerErrors: { ...get().designerErrors, [target]: parsed.error } });
      const fields = {
        ...get().fields,
        [`${target}.kind`]: 'counts',
        [sizeField(target)]: String(parsed.counts.length),
      };
      const custom = { ...get().custom, [target]: { kind: 'counts', counts: parsed.counts } as const };
      set({
        fields,
        custom,
        errors: formErrors({ ...get(), fields, custom }),
        designerErrors: { ...get().designerErrors, [target]: undefined },
        designerNotes: { ...get().designerNotes, [target]: parsed.notes },
      });
    },

    applyDrawn(target, drawn) {
      // Two decimals of log10 weight: finer than a pixel, and short in a link.
      const knots = drawn.map((y) =>
        y === null ? null : Math.round(Math.min(0, Math.max(DRAWN_FLOOR, y)) * 100) / 100 || 0,
      );
      const n = Number(get().fields[sizeField(target)]);
      const problems = drawnCurveErrors(knots, Number.isInteger(n) && n > 1 ? n : 2);
      if (problems.length > 0) return set({ designerErrors: { ...get().designerErrors, [target]: problems[0] } });
      const fields = { ...get().fields, [`${target}.kind`]: 'drawn' };
      const custom = { ...get().custom, [target]: { kind: 'drawn', knots } as const };
      set({
        fields,
        custom,
        errors: formErrors({ ...get(), fields, custom }),
        designerErrors: { ...get().designerErrors, [target]: undefined },
        designerNotes: { ...get().designerNotes, [target]: [] },
      });
    },

    setHidden(hidden) {
      set({ hidden });
    },

    predict(choice) {
      set({ prediction: choice });
    },

    dismissLinkNotices() {
      set({ linkNotices: [] });
    },

    run(paused = false) {
      const errors = formErrors(get());
      const config = formConfig(get());
      const missing = Object.keys(errors).length === 0 ? missingData(config.data, get().loaded) : null;
      if (missing) errors.data = missing;
      set({ errors });
      if (Object.keys(errors).length > 0) return;
      const runId = get().runId + 1;
      const { presetId, lessonId, fields, custom, hidden } = get();
      set({
        running: config,
        runningForm: { presetId, lessonId, fields, custom, hidden },
        runId,
        status: 'starting',
        points: [],
        latestEff: null,
        latestRankError: null,
        updateHistory: [],
        diverged: runLanes(config).map(() => null),
        step: 0,
        stepsPerSecond: 0,
        message: null,
        notice: null,
        recovery: null,
      });
      const pairs = config.workload === 'data' ? get().loaded!.pairs : null;
      send({ type: 'start', config, pairs, runId, controls: controlsFromFields(get().fields).controls, paused });
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

    appendMetrics(all) {
      const s = get();
      // A run resumed from a checkpoint replays steps already drawn (bit for bit): keep the drawn ones.
      const drawnTo = s.points.length > 0 ? s.step : -1;
      const batch = all.filter((m) => m.runId === s.runId && m.snapshot.step > drawnTo);
      if (s.status === 'idle' || batch.length === 0) return;
      const added = batch.map(({ snapshot }) => ({
        step: snapshot.step,
        excess: snapshot.lanes.map((l) => l.excess),
        buckets: snapshot.lanes.map((l) => l.buckets),
        itemBuckets: snapshot.lanes.map((l) => l.itemBuckets),
        auc: snapshot.lanes.map((l) => l.auc),
      }));
      const last = batch[batch.length - 1];
      const latestEff = {
        effStep: last.snapshot.lanes.map((l) => Array.from(l.effStep)),
        counts: Array.from(last.snapshot.effCounts),
      };
      const diverged = [...s.diverged];
      for (const p of added)
        p.excess.forEach((e, l) => {
          if (!Number.isFinite(e) && diverged[l] == null) diverged[l] = p.step;
        });
      const history = [
        ...s.updateHistory,
        ...batch.map(({ snapshot }) => ({ step: snapshot.step, counts: Array.from(snapshot.effCounts) })),
      ].slice(-UPDATE_HISTORY);
      set({
        points: decimate([...s.points, ...added]),
        latestEff,
        latestRankError: last.snapshot.lanes.map((l) => Array.from(l.rankError)),
        updateHistory: history,
        diverged,
        step: last.snapshot.step,
        stepsPerSecond: last.stepsPerSecond,
      });
    },

    async loadSaved() {
      try {
        const { runs, unreadable } = await storage.list();
        set({ saved: runs });
        if (unreadable > 0)
          set({ runsMessage: { text: `${unreadable} saved run(s) could not be read and are left out.`, error: true } });
      } catch (e) {
        set({ runsMessage: { text: storageMessage(e, 'read the saved runs'), error: true } });
      }
    },

    async saveRun(name, link) {
      const { running, points, device } = get();
      const clean = name.trim().slice(0, 100);
      if (!running || points.length === 0)
        return set({ runsMessage: { text: 'Run something first: there is nothing to save yet.', error: true } });
      if (!clean) return set({ runsMessage: { text: 'Give the run a name to save it.', error: true } });
      const run = { id: crypto.randomUUID(), record: makeRecord(clean, running, points, link, device) };
      try {
        await storage.put(run);
        set({ saved: [...get().saved, run], runsMessage: { text: `Saved “${clean}”.`, error: false } });
      } catch (e) {
        set({ runsMessage: { text: storageMessage(e, `save “${clean}”`), error: true } });
      }
    },

    async renameSaved(id, name) {
      const run = get().saved.find((r) => r.id === id);
      const clean = name.trim().slice(0, 100);
      if (!run || !clean) return set({ runsMessage: { text: 'A saved run needs a name.', error: true } });
      const renamed = { id, record: { ...run.record, name: clean } };
      try {
        await storage.put(renamed);
        set({
          saved: get().saved.map((r) => (r.id === id ? renamed : r)),
          runsMessage: { text: `Renamed to “${clean}”.`, error: false },
        });
      } catch (e) {
        set({ runsMessage: { text: storageMessage(e, `rename “${run.record.name}”`), error: true } });
      }
    },

    async deleteSaved(id) {
      const run = get().saved.find((r) => r.id === id);
      if (!run) return;
      try {
        await storage.remove(id);
        set({
          saved: get().saved.filter((r) => r.id !== id),
          overlays: get().overlays.filter((o) => o !== id),
          runsMessage: { text: `Deleted “${run.record.name}”.`, error: false },
        });
      } catch (e) {
        set({ runsMessage: { text: storageMessage(e, `delete “${run.record.name}”`), error: true } });
      }
    },

    openRunFile(text, fileName) {
      const parsed = parseRunRecord(text);
      if (!parsed.ok) return set({ runsMessage: { text: `${fileName}: ${parsed.error}`, error: true } });
      const run = { id: crypto.randomUUID(), record: parsed.record };
      set({
        opened: [...get().opened, run],
        overlays: [...get().overlays, run.id],
        runsMessage: { text: `Opened “${run.record.name}” and drew it over the charts.`, error: false },
      });
    },

    toggleOverlay(id) {
      const o = get().overlays;
      set({ overlays: o.includes(id) ? o.filter((x) => x !== id) : [...o, id] });
    },

    trainOn(pairs, source, name) {
      const ref = dataRef(pairs, source, name);
      get().reset();
      const form = dataForm(ref);
      set({
        ...form,
        loaded: { ref, pairs },
        errors: formErrors(form),
        designerErrors: {},
        designerNotes: {},
        prediction: null,
      });
    },
  }));
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
