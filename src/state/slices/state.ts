// The shape of the page's one store: a slice per concern, each implemented in the file named after
// it (form, lesson, run, metrics, saved runs, data), composed in ../store.ts. Data flows one way:
// control → action → worker command; worker metrics → appendMetrics → memoised charts.

import type { StateCreator } from 'zustand/vanilla';
import type { DataRef, RunConfig } from '../../engine/config.ts';
import type { DataReading, PairData } from '../../engine/input/pairData.ts';
import type { DeviceLimits, FromWorker, MetricsBatch, ReportedRows, ToWorker } from '../../engine/protocol.ts';
import type { Backend } from '../../engine/types.ts';
import type { DistTarget } from '../../engine/workloads/workload.ts';
import type { AgreementInfo, MeaningReport, MeaningWatch } from '../../engine/meaning/report.ts';
import type { AgreementPoint } from '../agreementRecord.ts';
import type { LoadedData, RowNames } from '../data.ts';
import type { Derived, DerivedInputs } from '../derived.ts';
import type { FieldPath } from '../fields.ts';
import type { Form } from '../form.ts';
import type { Hideable, LessonEnd } from '../lessons.ts';
import type { Notice } from '../notices.ts';
import type { Phase } from '../runMachine.ts';
import type { SavedRun, SavedRunStorage } from '../savedRuns.ts';
import type { MetricPoint } from '../series.ts';

export type { LoadedData, RowNames } from '../data.ts';

/** What else comes with a new form: what its link said, the data it was made for. */
export interface NewForm {
  linkNotices?: string[];
  linkInfo?: string[];
  /** Data loaded with it (trainOn). */
  loaded?: LoadedData;
  /** A passing notice to show with it. */
  passing?: Notice;
}

/** The form, what was said about the last counts or curve applied, and classroom mode. */
export interface FormSlice extends Form {
  /** Why the last pasted counts or drawn curve was refused (the last good one stays), by target. */
  designerErrors: Partial<Record<DistTarget, string>>;
  /** What was noted about the last accepted counts (header skipped, zeros left out). */
  designerNotes: Partial<Record<DistTarget, string[]>>;
  /** Values of the opening link that could not be used, each named. */
  linkNotices: string[];
  /** What else to know about the opening link (e.g. a data run's data is not in it). */
  linkInfo: string[];
  /** What the engine refused at the last Run, and of which fields (derived.ts). */
  rejected: DerivedInputs['rejected'];
  /** Classroom mode: the groups a student link made here hides (this page hides only `hidden`). */
  classroom: Hideable[];
  /** Whether this page previews the student's view (hides `classroom` too, with a way back). */
  previewing: boolean;
  /**
   * Replaces the form and everything shown about the one before: its run and curves, its
   * notices, its lesson state, what the engine refused. Every switch of preset, lesson, followed
   * link or data goes through here.
   */
  replaceForm(form: Form, with_?: NewForm): void;
  choosePreset(id: Form['presetId']): void;
  /** Replaces the form (an opened link) and says what in it could not be used. */
  loadForm(form: Form, notices: string[], info?: string[]): void;
  editField(path: FieldPath, text: string): void;
  /** Parses pasted or uploaded counts; on success they become the distribution of `target`. */
  applyCounts(target: DistTarget, text: string): void;
  /** Checks a drawn curve (log10 weights, null where not drawn); on success it becomes the distribution. */
  applyDrawn(target: DistTarget, knots: (number | null)[]): void;
  setClassroom(hide: Hideable[]): void;
  setPreviewing(on: boolean): void;
  dismissLinkNotices(): void;
}

/** What the lesson's answer says once revealed: the run's figures when it reached its stop step. */
export interface Answer {
  end: LessonEnd | null;
}

export interface LessonSlice {
  /** The lesson's prediction (choice index), once made. */
  prediction: number | null;
  /** The lesson's answer, once revealed (its run reached the stop step, or asked for), else null. */
  answer: Answer | null;
  /** Opens a lesson (null: leaves it, keeping the preset). */
  chooseLesson(id: string | null): void;
  predict(choice: number): void;
  /** Shows the answer before the run reached its stop step. */
  revealAnswer(): void;
}

export interface RunSlice {
  /** Configuration of the run on screen (null: none), and the form it came from (for its link). */
  running: RunConfig | null;
  runningForm: Form | null;
  /** Where the run stands (runMachine.ts). */
  status: Phase;
  /** Whether a failed run can go on (the engine kept it). */
  resumable: boolean;
  backend: Backend | null;
  device: string;
  /** The latest passing notice (notices.ts), or null. */
  passing: Notice | null;
  /** What happened when the GPU device was lost during this run (kept beside later notices). */
  recovery: string | null;
  /** Why the engine failed (the run's curves are kept), or null. */
  failure: string | null;
  /** Id of the current run; messages of older runs are ignored. */
  runId: number;
  /** The limits of the device training would use (null: the CPU engine), once the worker has said. */
  deviceLimits: DeviceLimits | undefined;
  /** Why there is no GPU (null: there is one, or not known yet). */
  noGpu: string | null;
  /** Starts a new run from step 0 (paused: wait at step 0). */
  run(paused?: boolean): void;
  pause(): void;
  resume(): void;
  /** One step: from a paused run, or the first step of a new run. */
  stepOnce(): void;
  /** At the stop step: doubles it and goes on. */
  continueRun(): void;
  reset(): void;
  /** The page was hidden: pause and say why. */
  pauseForHidden(): void;
  /** What the engine says about the run (its metrics go to appendMetrics, in batches). */
  receive(m: Exclude<FromWorker, { type: 'metrics' }>): void;
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

/** Data read in "Your data" and not (yet) trained on: Run's panel offers it. */
export interface ReadData {
  pairs: PairData;
  source: DataRef['source'];
  name: string;
  options: TrainOnOptions;
}

/** What trainOn may also be told about the data. */
export interface TrainOnOptions {
  /** Start afresh on other data than an opened link's (else it is refused). */
  replace?: boolean;
  reading?: DataReading;
  names?: RowNames;
}

export interface DataSlice {
  /** The data the form's data run trains on (the last trained on), or null. */
  loaded: LoadedData | null;
  /** The data read last in "Your data", while it is not the data in use: offered beside Run. */
  read: ReadData | null;
  /** Says what was read (offered beside Run until it is trained on or another is read). */
  dataRead(read: ReadData): void;
  /**
   * Makes `pairs` the loaded data and sets up a data run on it (the 'data' preset). When the form
   * waits for the data of an opened link, the same data (by fingerprint) keeps every setting of
   * the link, and other data is refused (dataRefusal) unless `replace` says to start afresh.
   */
  trainOn(pairs: PairData, source: DataRef['source'], name: string, options?: TrainOnOptions): void;
  /** Why the data last offered to trainOn was not used, or null. */
  dataRefusal: string | null;
}

/** What the meaning views watch and what the engine worker reports of them (meaningSlice.ts). */
export interface MeaningSlice {
  /** What is watched (engine/meaning/report.ts); its rows are first-table ranks. */
  watch: MeaningWatch;
  /** The newest report of the run on screen, or null. */
  meaning: MeaningReport | null;
  /** A text run's agreement with its reference at each measured step, and how it is measured. */
  agreement: AgreementPoint[];
  agreementInfo: AgreementInfo | null;
  /** The followed row's own loss per lane (first seed) at each report since it was chosen. */
  followed: { step: number; loss: number[] }[];
  /** Changes what is watched (k is clamped to 1…MAX_NEIGHBOURS); a run on screen is told at once. */
  setWatch(patch: Partial<Omit<MeaningWatch, 'exclude'>>): void;
  receiveMeaning(r: MeaningReport): void;
}

export type PlaygroundState = FormSlice &
  LessonSlice &
  RunSlice &
  MetricsSlice &
  SavedSlice &
  DataSlice &
  MeaningSlice &
  Derived;

/** What the slices talk to: the engine worker, and where saved runs live. */
export interface StoreDeps {
  send(m: ToWorker): void;
  storage: SavedRunStorage;
}

/** A slice's creator: it sees (and may set) the whole state. */
export type Slice<T> = (deps: StoreDeps) => StateCreator<PlaygroundState, [], [], T>;
