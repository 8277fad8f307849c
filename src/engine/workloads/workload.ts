// What one kind of training run is, in one place: its tables, its own validation, how its fixed
// data is prepared, the inputs the form shows for it and the words the page uses for it. Each
// workload is one file beside this one; registry.ts finds them by RunConfig.workload. Engine, store
// and page ask the descriptor instead of testing the workload's name.

import type { ConfigError, RunConfig, WorkloadKind } from '../config.ts';
import type { PairData } from '../input/pairData.ts';
import type { RunData } from './runData.ts';

/** The distributions a person can design: tokens (or users), and items (matrix factorisation). */
export type DistTarget = 'tokens' | 'itemTokens';
export const DIST_TARGETS: DistTarget[] = ['tokens', 'itemTokens'];

/** The size field of a distribution's table: 'rows' (tokens or users) or 'items'. */
export const sizeField = (t: DistTarget) => (t === 'tokens' ? 'rows' : 'items');

/** Size inputs of the form: table sizes, a data run's held-out share, a CTR run's fields list. */
export type SizeInput = 'rows' | 'items' | 'heldOut' | 'fields';

/** How the page speaks of a run of this workload. */
export interface WorkloadWords {
  /** What was trained, on what (the first part of a run's one-line summary). */
  summary: string;
  /** What the loss charts show: 'excess loss', 'held-out loss', 'excess log loss'. */
  loss: string;
  /** What that loss is, in a sentence (said where the loss is first shown). */
  lossMeaning: string;
  /** A row of the first table ('token', 'user', 'word', 'field-1 value'). */
  rowUnit: string;
  /** One evaluation item ('token', 'pair', 'sample'). */
  itemUnit: string;
  /** What the head/torso/tail charts group by; the second row of them (by item), or null. */
  bucketRows: string;
  bucketItems: string | null;
  /** Label of the 'rows' size field. */
  rowsLabel: string;
}

export interface Workload {
  kind: WorkloadKind;
  /** Rows of each embedding table, in the order they are concatenated. */
  tables(c: RunConfig): number[];
  /** A sample is a pair of rows (user, item) rather than a token with a context. */
  pairs: boolean;
  /** Trains on data opened in "Your data": the worker gets its pairs with the start message. */
  needsData: boolean;
  /** Labels carry noise σ·z (the teacher workloads with the squared loss): σ is a field. */
  labelNoise: boolean;
  /** The evaluation samples carry clicks, so the page draws their AUC. */
  auc: boolean;
  /** Most metric items (evaluation tokens, pairs or samples) a run has: buffer sizes. */
  evalItems(c: RunConfig): number;
  /** The form's size inputs, and the distributions its designers edit (the i-th after the i-th size). */
  inputs: { sizes: SizeInput[]; designers: DistTarget[] };
  /**
   * The workload's own problems (sizes, data, fields), reported before the common ones; the
   * designed distributions are checked by validateConfig.
   */
  validate(c: RunConfig): ConfigError[];
  /** The run's fixed data; a run that needsData gets its pairs. The configuration is valid. */
  prepare(c: RunConfig, pairs?: PairData): RunData;
  words(c: RunConfig): WorkloadWords;
}
