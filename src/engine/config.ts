// Run configuration: the one description of a training run that every engine, the store and the
// URL share. Validation happens here, before anything is allocated.

import {
  bucketEndsErrors,
  DEFAULT_BUCKET_ENDS,
  distributionErrors,
  type DistributionSpec,
} from './workloads/distributions.ts';
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
 * themselves stay in the browser that opened them (PairData in workloads/pairData.ts).
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
}

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

/** Whether a run's samples are pairs of rows (user, item), not a token with a context. */
export const pairWorkload = (c: Pick<RunConfig, 'workload'>) =>
  c.workload === 'matrixFactorization' || c.workload === 'data';

/** Rows of each table, in the order they are concatenated: tokens; users, items; the CTR fields. */
export function tableSizes(c: RunConfig): number[] {
  if (c.workload === 'ctr') return c.fields.map((f) => f.rows);
  return pairWorkload(c) ? [c.rows, c.items] : [c.rows];
}

/** [S + 1] first row of each table in the concatenated table, then the total. */
export function tableStarts(c: RunConfig): Uint32Array {
  const sizes = tableSizes(c);
  const starts = new Uint32Array(sizes.length + 1);
  sizes.forEach((n, t) => (starts[t + 1] = starts[t] + n));
  return starts;
}

/** Rows of the (concatenated) table. */
export function totalRows(c: RunConfig): number {
  return tableSizes(c).reduce((a, b) => a + b, 0);
}

/** Table rows touched per sample (occurrences per sample): one per table. */
export function slotsPerSample(c: RunConfig): number {
  return tableSizes(c).length;
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
      lanes: lanesWithRates({ sgd: 56, fasgd: 56, cfsgd: 32, adagradRow: 0.1, adagradCoord: 0.1 }),
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
    label: 'Your data (factorise your own pairs)',
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
 * Rates of a data run on implicit pairs (texts, logs without ratings): each optimizer's best of
 * {3, 10, 30, 100} and {0.03, 0.1, 0.3, 1} on a generated 100,000-word text after 1,000 steps.
 */
export const IMPLICIT_DATA_RATES: Record<OptimizerKind, number> = {
  sgd: 100,
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

const isInt = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** Everything wrong with a configuration, independent of the device (empty when valid). */
export function validateConfig(c: RunConfig): ConfigError[] {
  const errors: ConfigError[] = [];
  const need = (ok: boolean, field: string, message: string) => ok || errors.push({ field, message });
  const data = c.workload === 'data';
  const ctr = c.workload === 'ctr';
  if (ctr) {
    const ok =
      Array.isArray(c.fields) &&
      c.fields.length >= 2 &&
      c.fields.length <= MAX_FIELDS &&
      c.fields.every((f) => isInt(f.rows, 2, 1 << 24) && Number.isFinite(f.s) && f.s >= 0 && f.s <= 5);
    need(
      ok,
      'fields',
      `Fields must be 2 to ${MAX_FIELDS} entries "values:exponent" (values a whole number from 2 to 16,777,216, Zipf exponent from 0 to 5), e.g. 1000:1.1, 50:0.5.`,
    );
    if (ok)
      need(
        totalRows(c) <= 1 << 24,
        'fields',
        `The fields have ${totalRows(c).toLocaleString('en-US')} values in all; at most 16,777,216.`,
      );
  }
  const rowsName = c.workload === 'matrixFactorization' ? 'Users' : 'Vocabulary';
  if (data) {
    const ref = c.data;
    if (!ref) errors.push({ field: 'data', message: 'Open an interaction log or a text in "Your data" first.' });
    else if (
      !['log', 'text'].includes(ref.source) ||
      typeof ref.name !== 'string' ||
      ref.name.length > 200 ||
      typeof ref.fingerprint !== 'string' ||
      !/^[0-9a-f]{8}$/.test(ref.fingerprint) ||
      typeof ref.ratings !== 'boolean' ||
      !Number.isInteger(ref.pairs)
    )
      errors.push({ field: 'data', message: 'The description of the data is malformed.' });
    else {
      need(
        isInt(c.rows, 1, 1 << 24) && isInt(c.items, 1, 1 << 24),
        'data',
        'The data must have 1 to 16,777,216 users (words) and items (contexts).',
      );
      need(
        Number.isFinite(ref.heldOut) && ref.heldOut >= 0.01 && ref.heldOut <= 0.5,
        'heldOut',
        `The held-out share must be from 1% to 50% (got ${+(ref.heldOut * 100).toPrecision(3)}%).`,
      );
      need(ref.pairs >= 2, 'data', 'The data needs at least 2 interactions.');
    }
  } else if (!ctr)
    need(isInt(c.rows, 2, 1 << 24), 'rows', `${rowsName} must be a whole number from 2 to 16,777,216 (got ${c.rows}).`);
  if (c.workload === 'matrixFactorization')
    need(isInt(c.items, 2, 1 << 24), 'items', `Items must be a whole number from 2 to 16,777,216 (got ${c.items}).`);
  need(isInt(c.dim, 1, 256), 'dim', `Dimension must be a whole number from 1 to 256 (got ${c.dim}).`);
  need(isInt(c.batch, 1, 65536), 'batch', `Batch must be a whole number from 1 to 65,536 (got ${c.batch}).`);
  need(Number.isFinite(c.noise) && c.noise >= 0, 'noise', `Noise must be a finite number >= 0 (got ${c.noise}).`);
  need(isInt(c.seed, 0, 0xffffffff), 'seed', `Seed must be a whole number from 0 to 4,294,967,295 (got ${c.seed}).`);
  need(
    isInt(c.metricsEvery, 1, 1e6),
    'metricsEvery',
    `Metrics interval must be a whole number >= 1 (got ${c.metricsEvery}).`,
  );
  for (const e of bucketEndsErrors(c.bucketEnds)) errors.push({ field: `bucketEnds.${e.index}`, message: e.message });
  if (!data && !ctr && isInt(c.rows, 2, 1 << 24))
    for (const e of distributionErrors(c.tokens, c.rows))
      errors.push({ field: e.param ? `tokens.${e.param}` : 'tokens', message: e.message });
  if (c.workload === 'matrixFactorization' && isInt(c.items, 2, 1 << 24))
    for (const e of distributionErrors(c.itemTokens, c.items))
      errors.push({ field: e.param ? `itemTokens.${e.param}` : 'itemTokens', message: e.message });
  need(
    c.lanes.length >= 1 && c.lanes.length <= 64,
    'lanes',
    `Between 1 and 64 optimizer lanes are needed (got ${c.lanes.length}).`,
  );
  need(isInt(c.seeds, 1, MAX_SEEDS), 'seeds', `Seeds must be a whole number from 1 to ${MAX_SEEDS} (got ${c.seeds}).`);
  c.lanes.forEach((lane, i) => {
    const f = (name: string) => `lanes.${i}.${name}`;
    need(OPTIMIZERS.includes(lane.optimizer), f('optimizer'), `Unknown optimizer "${lane.optimizer}".`);
    need(
      Number.isFinite(lane.lr) && lane.lr > 0,
      f('lr'),
      `Learning rate must be a finite number > 0 (got ${lane.lr}).`,
    );
    need(
      Number.isFinite(lane.beta) && lane.beta >= 0 && lane.beta <= 4,
      f('beta'),
      `β must be a number from 0 to 4 (got ${lane.beta}).`,
    );
    need(Number.isFinite(lane.cap) && lane.cap >= 1, f('cap'), `Cap must be a finite number >= 1 (got ${lane.cap}).`);
    need(Number.isFinite(lane.eps) && lane.eps > 0, f('eps'), `ε must be a finite number > 0 (got ${lane.eps}).`);
  });
  return errors;
}
