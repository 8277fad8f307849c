// One row's update at one step, recomputed on the host from the training state just before that
// step: its summed gradient g_k (from the step's samples, which every engine draws alike), and per
// lane the numbers its update rule substitutes (optimizers.ts):
//   SGD       θ ← θ − η·g
//   FA-SGD    θ ← θ − η·min((p_max/p_k)^β, c)·g
//   CF-SGD    n_k ← n_k + r_k;  θ ← θ − η·min((n_ref/n_k)^β, c)·g
//   Adagrad   s_k ← s_k + mean_j g_j²;  θ ← θ − η/(√s_k + ε)·g        (row-wise)
//             s_kj ← s_kj + g_j²;  θ_j ← θ_j − η/(√s_kj + ε)·g_j       (coordinate-wise)
// `applyRule` evaluates a rule from those numbers alone; the tests check that it gives the row
// the engine (CPU and GPU) actually wrote. Computed in float64; the engines add in float32, so the
// two agree to float32 rounding.

import type { LaneConfig } from '../config.ts';
import { boost, laneAt, referenceCount, type OptimizerKind } from '../optimizers.ts';
import { sampleStep, type StepSamples } from '../sampling/sampleStep.ts';
import { prediction } from '../step.ts';
import type { Checkpoint } from '../types.ts';
import { fmScore, isClick, sigmoid } from '../workloads/ctr.ts';
import { tableOf, type RunData } from '../workloads/runData.ts';

/** What multiplies (or divides) the step of a lane, with the numbers it is made of. */
export type StepFactor =
  | { kind: 'none' }
  /** FA-SGD: m = min((p_max/p_k)^β, c) from the true frequencies. */
  | { kind: 'frequency'; pmax: number; pk: number; beta: number; cap: number; m: number }
  /** CF-SGD: m = min((n_ref/n_k)^β, c); n_k after this step's r_k occurrences, n_ref from the table's largest counter. */
  | { kind: 'counter'; nk: number; added: number; nmax: number; nref: number; beta: number; cap: number; m: number }
  /** Row-wise Adagrad: s ← s + mean_j g_j²; the step is η/(√s + ε). */
  | { kind: 'accumulator'; before: number; added: number; after: number; eps: number }
  /** Coordinate-wise Adagrad: s_j ← s_j + g_j² per coordinate. */
  | { kind: 'coordinates'; before: number[]; after: number[]; eps: number };

/** One lane's update of the row. */
export interface LaneUpdate {
  optimizer: OptimizerKind;
  /** The lane had diverged and was frozen: it did not update. */
  frozen: boolean;
  /** η at this step (a schedule's value). */
  lr: number;
  factor: StepFactor;
  /** The row's summed gradient g_k of the mean batch loss ([d]). */
  g: number[];
  /** The row before and after (after: the rule evaluated with these numbers), [d] each. */
  before: number[];
  after: number[];
}

/** The update of `row` (first table) at step `step`, from the state after step − 1. */
export interface RowUpdate {
  step: number;
  row: number;
  /** Samples of the step that hold the row. */
  samples: number;
  lanes: LaneUpdate[];
}

/** Whether the first-table row occurs in step `step` (only the rows are drawn). */
export function stepHolds(data: RunData, step: number, row: number, scratch: StepSamples): boolean {
  sampleStep(data, step, scratch, true);
  const B = data.config.batch;
  for (let i = 0; i < B; i++) if (scratch.rows[i] === row) return true;
  return false;
}

const dot = (t: ArrayLike<number>, a: number, b: number, d: number, u: ArrayLike<number> = t) => {
  let s = 0;
  for (let j = 0; j < d; j++) s += t[a * d + j] * u[b * d + j];
  return s;
};

/** g_k of first-table row k in a lane's table at the step of `s` ([d], float64). */
export function rowGradient(data: RunData, table: ArrayLike<number>, s: StepSamples, k: number): Float64Array {
  const { batch: B, dim: d } = data.config;
  const t = data.teacher;
  const g = new Float64Array(d);
  const F = data.slots;
  const x = new Uint32Array(F);
  for (let i = 0; i < B; i++) {
    if (s.rows[i] !== k) continue;
    if (data.ctr) {
      for (let f = 0; f < F; f++) x[f] = s.rows[f * B + i];
      const y = isClick(sigmoid(fmScore(t, d, x, data.ctr.bias)), s.u[i]) ? 1 : 0;
      const c = (sigmoid(fmScore(table, d, x, data.ctr.bias)) - y) / B;
      for (let j = 0; j < d; j++) {
        let others = 0;
        for (let f = 1; f < F; f++) others += table[x[f] * d + j];
        g[j] += c * others;
      }
    } else if (F === 2) {
      const v = s.rows[B + i];
      const y = data.train ? s.y[i] : Math.fround(dot(t, k, v, d) + data.noise * s.z[i]);
      const c = (prediction(data, dot(table, k, v, d)) - y) / B;
      for (let j = 0; j < d; j++) g[j] += c * table[v * d + j];
    } else {
      const y = Math.fround(dot(t, k, i, d, s.x) + data.noise * s.z[i]);
      const c = (dot(table, k, i, d, s.x) - y) / B;
      for (let j = 0; j < d; j++) g[j] += c * s.x[i * d + j];
    }
  }
  return g;
}

/** CF-SGD's counter inputs of row k after step `s`'s increments, from the counters before it. */
function counterAfter(data: RunData, counters: ArrayLike<number>, s: StepSamples, k: number) {
  const R = data.rows;
  const tbl = tableOf(data.tableStarts, k);
  const from = data.tableStarts[tbl];
  const to = data.tableStarts[tbl + 1];
  const added = new Map<number, number>();
  for (let o = 0; o < data.occurrences; o++) {
    const r = s.rows[o];
    if (r >= from && r < to) added.set(r, (added.get(r) ?? 0) + 1);
  }
  let nmax = counters[R + tbl];
  for (const [r, n] of added) nmax = Math.max(nmax, counters[r] + n);
  return { nk: counters[k] + (added.get(k) ?? 0), added: added.get(k) ?? 0, nmax, rows: to - from };
}

/** The factor of a lane's rule at row k, given g_k and the state before the step. */
function factorOf(
  lane: LaneConfig,
  data: RunData,
  k: number,
  g: Float64Array,
  state: ArrayLike<number>,
  counter: () => ReturnType<typeof counterAfter>,
): StepFactor {
  const d = g.length;
  const { beta, cap, eps } = lane;
  switch (lane.optimizer) {
    case 'sgd':
      return { kind: 'none' };
    case 'fasgd': {
      const pk = data.rowFreq[k];
      return { kind: 'frequency', pmax: data.pmax, pk, beta, cap, m: boost(data.pmax / pk, beta, cap) };
    }
    case 'cfsgd': {
      const c = counter();
      const nref = referenceCount(c.nmax, c.rows);
      const m = c.nk === 0 ? cap : boost(nref / c.nk, beta, cap);
      return { kind: 'counter', nk: c.nk, added: c.added, nmax: c.nmax, nref, beta, cap, m };
    }
    case 'adagradRow': {
      let sq = 0;
      for (let j = 0; j < d; j++) sq += Math.fround(g[j]) ** 2;
      const before = state[k];
      return { kind: 'accumulator', before, added: sq / d, after: Math.fround(before + sq / d), eps };
    }
    case 'adagradCoord': {
      const before = Array.from({ length: d }, (_, j) => state[k * d + j]);
      return { kind: 'coordinates', before, after: before.map((s, j) => Math.fround(s + Math.fround(g[j]) ** 2)), eps };
    }
  }
}

/** The row the rule gives from the substituted numbers: θ − (step size)·g, coordinate by coordinate. */
export function applyRule(u: Pick<LaneUpdate, 'lr' | 'factor' | 'g' | 'before'>): number[] {
  return u.before.map((b, j) => b - stepSizes(u)[j] * u.g[j]);
}

/** The step size of each coordinate: η·m, η/(√s + ε) or η/(√s_j + ε). */
export function stepSizes(u: Pick<LaneUpdate, 'lr' | 'factor' | 'g'>): number[] {
  const f = u.factor;
  return u.g.map((_, j) => {
    if (f.kind === 'frequency' || f.kind === 'counter') return u.lr * f.m;
    if (f.kind === 'accumulator') return u.lr / (Math.sqrt(f.after) + f.eps);
    if (f.kind === 'coordinates') return u.lr / (Math.sqrt(f.after[j]) + f.eps);
    return u.lr;
  });
}

/**
 * The update of first-table row `row` at step `before.step + 1` in each lane of the first seed
 * (`before`: that seed's checkpoint, or a SeededEngine's, whose first L lanes are the first
 * seed's), or null when the step does not hold the row.
 */
export function rowUpdate(
  data: RunData,
  before: Checkpoint,
  row: number,
  frozen: ReadonlySet<number> = new Set(),
): RowUpdate | null {
  const step = before.step + 1;
  const s = sampleStep(data, step);
  const B = data.config.batch;
  let samples = 0;
  for (let i = 0; i < B; i++) if (s.rows[i] === row) samples++;
  if (samples === 0) return null;
  let counter: ReturnType<typeof counterAfter> | null = null;
  const lanes = data.config.lanes.map((configured, l): LaneUpdate => {
    const lane = laneAt(configured, step - 1);
    const table = before.tables[l];
    const d = data.config.dim;
    const g = rowGradient(data, table, s, row);
    const factor = factorOf(
      lane,
      data,
      row,
      g,
      before.states[l],
      () => (counter ??= counterAfter(data, before.counters[0], s, row)),
    );
    const prior = Array.from(table.subarray(row * d, (row + 1) * d));
    const u = {
      optimizer: lane.optimizer,
      frozen: frozen.has(l),
      lr: lane.lr,
      factor,
      g: Array.from(g),
      before: prior,
    };
    return { ...u, after: u.frozen ? prior : applyRule(u) };
  });
  return { step, row, samples, lanes };
}
