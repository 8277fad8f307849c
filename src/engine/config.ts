// Run configuration: the one description of a training run that every engine, the store and the
// URL share, and the presets. validate.ts checks one before anything is allocated.

import { DEFAULT_BUCKET_ENDS, type DistributionSpec } from './sampling/distributions.ts';
import { OPTIMIZERS, type OptimizerKind } from './optimizers.ts';

/**
 * tokenRegression and matrixFactorization learn a planted teacher from sampled tokens; 'data'
 * factorises a person's own pairs (an interaction log, or word–context pairs of a text); 'ctr'
 * predicts clicks from several categorical fields with a factorisation machine.
 */
export type WorkloadKind = 'tokenRegression' | 'matrixFactorization' | 'data' | 'ctr';

/** One categorical field of the CTR workload: its number of values and their Zipf exponent. */
export interface CtrField {
  rows: number;
  s: number;
}

/** Most fields of a CTR run (one embedding table each). */
export const MAX_FIELDS = 8;

/**
 * What a 'data' run trains on, as far as the configuration (and so a link) can say: the pairs
 * themselves stay in the browser that opened them (PairData in input/pairData.ts).
 */
export interface DataRef {
  /** Where the pairs came from: an interaction log, or word–context pairs of a text. */
  source: 'log' | 'text';
  /** File name or a short description. */
  name: string;
  /** Hash of the pairs (pairFingerprint): a rerun checks that it has the same data. */
  fingerprint: string;
  /** Pairs in the whole data set (training and held out). */
  pairs: number;
  /** Rated pairs: squared loss on centred ratings; else implicit, with sampled negatives and logistic loss. */
  ratings: boolean;
  /** Share of the pairs held out for evaluation (seeded split), in [0.01, 0.5]. */
  heldOut: number;
  /** Rows of the first table (users, words) and of the second (items, contexts). */
  rows: number;
  items: number;
  /** How the file was read into these pairs, when known (a link carries it, so the same file reads the same). */
  reading?: DataReading;
}

/**
 * How a data set was read from its file, beyond what its DataRef says: what an exported script
 * (or whoever opens a link) needs to read the same file into the same pairs (logs: repeated
 * pairs; texts: the text options).
 */
export type DataReading =
  | { source: 'log'; duplicates: 'keep' | 'drop' }
  | { source: 'text'; vocabulary: number; window: number; lowercase: boolean };

export interface LaneConfig {
  optimizer: OptimizerKind;
  /** η, > 0. */
  lr: number;
  /** Frequency exponent β >= 0 (FA-SGD, CF-SGD). */
  beta: number;
  /** Boost cap c >= 1 (FA-SGD, CF-SGD). */
  cap: number;
  /** ε > 0 in the Adagrad denominators. */
  eps: number;
  /**
   * Step-size schedule t₀ > 0: step t (counted from 1) uses η(t) = η / √(1 + (t − 1)/t₀). Absent (or
   * 0): η is constant.
   */
  decay?: number;
}

export interface RunConfig {
  workload: WorkloadKind;
  /** Tokens (token regression) or users (matrix factorisation): rows of the first table. */
  rows: number;
  /** Items (matrix factorisation only): rows of the second table. */
  items: number;
  /** Embedding dimension d. */
  dim: number;
  /** Samples per step B. */
  batch: number;
  /** Frequencies of tokens / users. */
  tokens: DistributionSpec;
  /** Frequencies of items (matrix factorisation only). */
  itemTokens: DistributionSpec;
  /** Where head and torso end, as fractions of the ranks of each table (tail: the rest). */
  bucketEnds: [number, number];
  /** Label noise σ >= 0. */
  noise: number;
  /** u32 seed of everything random: teacher, initial table, token stream, evaluation set. */
  seed: number;
  /** Metrics are recorded every this many steps. */
  metricsEvery: number;
  lanes: LaneConfig[];
  /**
   * Seeds K >= 1: the run is K runs with seeds seed, seed + 1, …, each with every lane; the engine
   * reports K·L lanes, seed-major (lane l of seed k is k·L + l).
   */
  seeds: number;
  /** The data of a 'data' run (rows: users or words, items: items or contexts), else null. */
  data: DataRef | null;
  /** The fields of a 'ctr' run (rows: the first field's size), else []. */
  fields: CtrField[];
}

/** One lane per optimizer with the given learning rates; β = ½ and cap 20 for the frequency lanes. */
export function lanesWithRates(lr: Record<OptimizerKind, number>): LaneConfig[] {
  return OPTIMIZERS.map((optimizer) => ({ optimizer, lr: lr[optimizer], beta: 0.5, cap: 20, eps: 1e-8 }));
}

// Learning rates of the presets are each optimizer's best on a log grid after 300 steps
// (docs/engine.md, "Preset learning rates"): SGD's largest stable step is set by the head token, FA-SGD's by the boost.
export const DEFAULT_LANES = lanesWithRates({ sgd: 10, fasgd: 3, cfsgd: 3, adagradRow: 0.1, adagradCoord: 0.1 });

const base: RunConfig = {
  workload: 'tokenRegression',
  rows: 10_000,
  items: 5_000,
  dim: 16,
  batch: 1024,
  tokens: { kind: 'zipf', s: 1.1 },
  itemTokens: { kind: 'zipf', s: 1.1 },
  bucketEnds: DEFAULT_BUCKET_ENDS,
  noise: 0.1,
  seed: 1,
  metricsEvery: 10,
  lanes: DEFAULT_LANES,
  seeds: 1,
  data: null,
  fields: [],
};

export const PRESETS = {
  zipf: { label: 'Zipf 1.1 (token regression)', config: base },
  uniform: {
    label: 'Uniform (token regression)',
    config: {
      ...base,
      tokens: { kind: 'uniform' },
      // CF-SGD's best rate is SGD's since its reference count is de-biased (it was 32 while n_max
      // inflated its boosts by about a third).
      lanes: lanesWithRates({ sgd: 56, fasgd: 56, cfsgd: 56, adagradRow: 0.1, adagradCoord: 0.1 }),
    },
  },
  mfZipf: {
    label: 'Zipf 1.1 (matrix factorisation)',
    config: {
      ...base,
      workload: 'matrixFactorization',
      rows: 5_000,
      items: 5_000,
      lanes: lanesWithRates({ sgd: 12, fasgd: 10, cfsgd: 10, adagradRow: 0.2, adagradCoord: 0.2 }),
    },
  },
  ctr: {
    label: 'CTR: 4 categorical fields (factorisation machine)',
    // Rates: each optimizer's best of {3, 10, 30, 100} and {0.03, 0.1, 0.3, 1} after 600 steps.
    config: {
      ...base,
      workload: 'ctr',
      rows: 10_000,
      fields: [
        { rows: 10_000, s: 1.1 },
        { rows: 50_000, s: 1.2 },
        { rows: 1_000, s: 0.8 },
        { rows: 20, s: 0.5 },
      ],
      lanes: lanesWithRates({ sgd: 30, fasgd: 3, cfsgd: 3, adagradRow: 0.1, adagradCoord: 0.1 }),
    },
  },
  data: {
    label: 'Your data (a log or a text you open)',
    // Sizes come from the data opened in "Your data". Rates: each optimizer's best of
    // {3, 10, 30} (SGD family) and {0.1, 0.33, 1} (Adagrad) on the sample log after 250 steps;
    // implicit data (logistic loss) starts from IMPLICIT_DATA_RATES instead.
    config: {
      ...base,
      workload: 'data',
      rows: 0,
      items: 0,
      lanes: lanesWithRates({ sgd: 30, fasgd: 10, cfsgd: 10, adagradRow: 0.1, adagradCoord: 0.1 }),
    },
  },
} satisfies Record<string, { label: string; config: RunConfig }>;

export type PresetId = keyof typeof PRESETS;

/**
 * Rates of a data run on implicit pairs (texts, logs without ratings), from a sweep on a real
 * corpus (the Brown corpus, 1.0M words, vocabulary 5,000, window 2; docs/engine.md): each
 * optimizer's best held-out loss after 1,000 steps on {3, 5, 10, 20, 30} and {0.03, 0.1, 0.3, 1},
 * and for SGD a margin below where it spikes: η 100 rises to 1.6× its lowest loss and 150 diverges,
 * while 50 is within 1.5% of the best (70) at 1,000 steps and 1% at 2,000.
 */
export const IMPLICIT_DATA_RATES: Record<OptimizerKind, number> = {
  sgd: 50,
  fasgd: 10,
  cfsgd: 10,
  adagradRow: 0.1,
  adagradCoord: 0.1,
};

/** Most seeds of one run (each is a whole run: its memory and time add up). */
export const MAX_SEEDS = 8;

/** The single-seed runs of a run, seed-major: seed, seed + 1, … (mod 2^32). */
export function seedRuns(c: RunConfig): RunConfig[] {
  return Array.from({ length: c.seeds }, (_, k) => ({ ...c, seed: (c.seed + k) >>> 0, seeds: 1 }));
}

/** Every lane as the engine reports it: the configured lanes once per seed. */
export function runLanes(c: RunConfig): LaneConfig[] {
  return Array.from({ length: c.seeds }, () => c.lanes).flat();
}

/** One problem with a configuration: which field (dotted path) and what is wrong. */
export interface ConfigError {
  field: string;
  message: string;
}

/** Most rows of one table, and of all tables together. */
export const MAX_ROWS = 1 << 24;

/** Whether v is a whole number in [lo, hi]. */
export const isInt = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
