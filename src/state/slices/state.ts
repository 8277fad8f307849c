// The shape of the page's one store: a slice per concern, each implemented in the file named after
// it (form, lesson, run, metrics, saved runs, data), composed in ../store.ts. Data flows one way:
// control → action → worker command; worker metrics → appendMetrics → memoised charts.

import type { StateCreator } from 'zustand/vanilla';
import type { DataRef, RunConfig } from '../../engine/config.ts';
import type { DataReading, PairData } from '../../engine/input/pairData.ts';
import type { DeviceLimits, FromWorker, MetricsBatch, ReportedRows, ToWorker } from '../../engine/protocol.ts';
import type { Backend } from '../../engine/types.ts';
import type { DistTarget } from '../../engine/workloads/workload.ts';
import type { FieldPath } from '../fields.ts';
import type { Form } from '../form.ts';
import type { Hideable } from '../lessons.ts';
import type { SavedRun, SavedRunStorage } from '../savedRuns.ts';
import type { MetricPoint } from '../series.ts';

/** What the form's problems are, and what was said about the last counts or curve applied. */
export interface FormSlice extends Form {
  /** Field path → message, from validation and from the device's limits. */
  errors: Record<string, string>;
  /** Why the last pasted counts or drawn curve was refused (the last good one stays), by target. */
  designerErrors: Partial<Record<DistTarget, string>>;
  /** What was noted about the last accepted counts (header skipped, zeros left out). */
  designerNotes: Partial<Record<DistTarget, string[]>>;
  /** Values of the opening link that could not be used, each named. */
  linkNotices: string[];
  /** What else to know about the opening link (e.g. a data run's data is not in it). */
  linkInfo: string[];
  choosePreset(id: Form['presetId']): void;
  /** Replaces the form (an opened link) and says what in it could not be used. */
  loadForm(form: Form, notices: string[], info?: string[]): void;
  editField(path: FieldPath, text: string): void;
  /** Parses pasted or uploaded counts; on success they become the distribution of `target`. */
  applyCounts(target: DistTarget, text: string): void;
  /** Checks a drawn curve (log10 weights, null where not drawn); on success it becomes the distribution. */
  applyDrawn(target: DistTarget, knots: (number | null)[]): void;
  setHidden(hidden: Hideable[]): void;
  dismissLinkNotices(): void;
}

export interface LessonSlice {
  /** The lesson's prediction (choice index), once made. */
  prediction: number | null;
  /** Opens a lesson (null: leaves it, keeping the preset). */
  chooseLesson(id: string | null): void;
  predict(choice: number): void;
}

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'error';

export interface RunSlice {
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
  /** Id of the current run; messages of older runs are ignored. */
  runId: number;
  /** The limits of the device training would use (null: the CPU engine), once the worker has said. */
  deviceLimits: DeviceLimits | undefined;
  /** What in a valid form the device cannot hold, by field (empty until its limits are known). */
  limitErrors: Record<string, string>;
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
  /** Destroys the GPU device under the run, as a driver reset would (console and tests). */
  loseDevice(): void;
}

export interface MetricsSlice {
  step: number;
  stepsPerSecond: number;
  points: MetricPoint[];
  /** Rows whose effective step is reported, and the latest values: [lane][row], counts [row]. */
  reported: ReportedRows | null;
  latestEff: { effStep: number[][]; counts: number[] } | null;
  /** Step at which the trainer froze each lane because its loss diverged, or null. */
  diverged: (number | null)[];
  /** Latest per-token error of each lane by rank bin: [lane][bin]. */
  latestRankError: number[][] | null;
  /** Occurrence counts of the reported rows at the last UPDATE_HISTORY recorded steps, oldest first. */
  updateHistory: { step: number; counts: number[] }[];
  appendMetrics(batch: (MetricsBatch & { runId: number })[]): void;
}

export interface SavedSlice {
  /** Runs saved in this browser, oldest first. */
  saved: SavedRun[];
  /** Runs opened from JSON files this session (not saved). */
  opened: SavedRun[];
  /** Ids of saved or opened runs drawn over the live charts. */
  overlays: string[];
  /** The outcome of the last save, rename, delete or open (error: something went wrong). */
  runsMessage: { text: string; error: boolean } | null;
  /** Reads the saved runs (at start-up). */
  loadSaved(): Promise<void>;
  /** Saves the current run under `name`, with its link. */
  saveRun(name: string, link: string): Promise<void>;
  renameSaved(id: string, name: string): Promise<void>;
  deleteSaved(id: string): Promise<void>;
  /** Opens an exported run (JSON text) and overlays it. */
  openRunFile(text: string, fileName: string): void;
  toggleOverlay(id: string): void;
}

/** Data opened in "Your data" that a data run can train on (it stays in this browser). */
export interface LoadedData {
  ref: DataRef;
  pairs: PairData;
  /** How the file was read (for the PyTorch export), when known. */
  reading?: DataReading;
  /** Names of the rows by rank (words, users; contexts, items), when known: the charts name them. */
  names?: RowNames;
}

export interface RowNames {
  rows: string[];
  items: string[];
}

/** What trainOn may also be told about the data. */
export interface TrainOnOptions {
  /** Start afresh on other data than an opened link's (else it is refused). */
  replace?: boolean;
  reading?: DataReading;
  names?: RowNames;
}

export interface DataSlice {
  /** The data last opened in "Your data", or null. */
  loaded: LoadedData | null;
  /**
   * Makes `pairs` the loaded data and sets up a data run on it (the 'data' preset). When the form
   * waits for the data of an opened link, the same data (by fingerprint) keeps every setting of
   * the link, and other data is refused (dataRefusal) unless `replace` says to start afresh.
   */
  trainOn(pairs: PairData, source: DataRef['source'], name: string, options?: TrainOnOptions): void;
  /** Why the data last offered to trainOn was not used, or null. */
  dataRefusal: string | null;
}

export type PlaygroundState = FormSlice & LessonSlice & RunSlice & MetricsSlice & SavedSlice & DataSlice;

/** What the slices talk to: the engine worker, and where saved runs live. */
export interface StoreDeps {
  send(m: ToWorker): void;
  storage: SavedRunStorage;
}

/** A slice's creator: it sees (and may set) the whole state. */
export type Slice<T> = (deps: StoreDeps) => StateCreator<PlaygroundState, [], [], T>;
