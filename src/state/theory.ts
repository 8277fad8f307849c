// The theory curves the page draws and exports: the expected excess loss of each lane the theory
// covers (engine/theory.ts: SGD and FA-SGD exactly, CF-SGD by a plug-in approximation; token
// regression only), at steps spaced over a horizon, within a cost budget (the sums run over every
// row at every step: the page computes them on its theory worker, src/app/theory.worker.ts).

import type { LaneConfig, RunConfig } from '../engine/config.ts';
import { sharedProbabilities } from '../engine/sampling/distributions.ts';
import { runTheory, stableRate, theoryKind, type TheoryCurve, type TheoryKind } from '../engine/theory.ts';
import { validateConfig } from '../engine/validate.ts';

/** Most row-steps (rows × steps × covered lanes × seeds) a live curve may cost: ~0.1 s. */
const BUDGET = 3e7;
/** The same for an export (one action, not every edit): ~1 s. */
export const EXPORT_BUDGET = 3e8;
/** Fewest and most steps of a drawn curve. */
const MIN_POINTS = 30;
const MAX_POINTS = 200;

/** Computes the theory of a configuration at the given steps (theoryAt), perhaps on a worker. */
export type ComputeTheory = (config: RunConfig, steps: number[]) => Promise<(LaneTheory | null)[]>;

/** The theory worker's one method (src/app/theory.worker.ts). */
export type TheoryMethods = {
  theoryAt: { args: { config: RunConfig; steps: number[] }; reply: (LaneTheory | null)[] };
};

/** A lane's expected curve, and how exact it is. */
export interface LaneTheory extends TheoryCurve {
  kind: Exclude<TheoryKind, null>;
}

/** Why the theory draws no curve of a run at all (claims/captions.ts says it in words). */
export type NoTheory = 'workload' | 'lanes' | 'sweep' | 'rows';

/** Why the theory does not cover a run at all, or null. */
function notCovered(c: RunConfig): Exclude<NoTheory, 'rows'> | null {
  if (c.workload !== 'tokenRegression') return 'workload';
  if (!c.lanes.some((l) => theoryKind(c, l))) return 'lanes';
  if (c.lanes.length > 8) return 'sweep';
  return null;
}

/** Lanes the theory covers with a constant η, times the seeds it averages over. */
const constantLanes = (c: RunConfig) =>
  Math.max(1, c.lanes.filter((l) => theoryKind(c, l) && !l.decay).length * c.seeds);

/** How many steps of constant-η curves fit the budget (0: not even MIN_POINTS). */
function pointsWithin(c: RunConfig, budget = BUDGET): number {
  const n = Math.floor(budget / (c.rows * constantLanes(c)));
  return n < MIN_POINTS ? 0 : n;
}

/** Why a run has no live theory curves; null when it has some. */
export function noTheoryReason(c: RunConfig): NoTheory | null {
  return notCovered(c) ?? (pointsWithin(c) > 0 ? null : 'rows');
}

/** The most rows a run of this configuration may have for live curves. */
export const mostLiveRows = (c: RunConfig) => Math.floor(BUDGET / MIN_POINTS / constantLanes(c));

/**
 * Whether a lane's theory has no curve because it diverges: a constant η at or above the lane's
 * stable limit (some A_k ≥ 1), where the expected error grows without bound. A schedule's step
 * falls below the limit in time, so its curve is finite.
 */
export function diverges(c: RunConfig, p: Float64Array, lane: LaneConfig): boolean {
  return !lane.decay && theoryKind(c, lane) !== null && lane.lr >= stableRate(p, c, lane).rate;
}

/**
 * The theory of each lane at the given steps; null where it does not cover a lane, where it
 * diverges (no number is drawn or exported for it), or where the lane would take the cost over the
 * budget (a constant η costs rows × steps, a schedule rows × the last step, per seed).
 */
export function theoryAt(c: RunConfig, steps: number[], budget = BUDGET): (LaneTheory | null)[] {
  if (notCovered(c)) return c.lanes.map(() => null);
  const p = tokenFrequencies(c);
  let left = budget;
  const included = c.lanes.map((lane) => {
    const cost = c.rows * c.seeds * (lane.decay ? Math.max(0, ...steps) : steps.length);
    if (!theoryKind(c, lane) || !p || diverges(c, p, lane) || cost > left) return false;
    left -= cost;
    return true;
  });
  const curves = runTheory({ ...c, lanes: c.lanes.filter((_, l) => included[l]) }, steps);
  let next = 0;
  return c.lanes.map((lane, l) => {
    if (!included[l]) return null;
    const curve = curves[next++];
    return curve ? { ...curve, kind: theoryKind(c, lane)! } : null;
  });
}

/**
 * How far the live curves reach: the stop step, or without one a horizon that doubles as the run
 * goes (so the curves are recomputed rarely).
 */
export const theoryHorizon = (stopAt: number | null, step: number) =>
  stopAt ?? Math.max(300, 2 ** Math.ceil(Math.log2(step * 1.25 + 1)));

/** Steps from 0 to `horizon`, multiples of the metrics interval, at most MAX_POINTS (and the budget). */
export function theorySteps(c: RunConfig, horizon: number): number[] {
  const every = c.metricsEvery;
  const intervals = Math.max(1, Math.ceil(horizon / every));
  const points = Math.min(MAX_POINTS, pointsWithin(c) || MIN_POINTS, intervals + 1);
  const stride = every * Math.ceil(intervals / (points - 1));
  const steps: number[] = [];
  for (let t = 0; t < horizon; t += stride) steps.push(t);
  steps.push(intervals * every);
  return steps;
}

/** What the theory says of a lane's stability (the page: stableRate; the regime sweep: every row). */
export interface LimitFacts {
  lane: LaneConfig;
  /** 'plugIn': CF-SGD, by the plug-in approximation n_k ≈ t·B·p_k. */
  kind: 'exact' | 'plugIn';
  /** The largest stable η: every A_k < 1 below it. */
  rate: number;
  /** The 0-based row that sets it (the first of its frequency). */
  row: number;
  /** That row's boost before the cap, (p_max / p_row)^β (1 for SGD). */
  uncapped: number;
  /** Every row is equally frequent (so every row has the same limit). */
  equal: boolean;
}

/**
 * The stability limit of lane `l` of configuration c (every lane, switched on or not), or null
 * where theory has none: the rate, the row that sets it and that row's boost before the cap.
 */
export function stability(c: RunConfig, p: Float64Array | null, l: number): LimitFacts | null {
  const lane = c.lanes[l];
  const kind = lane && theoryKind(c, lane);
  if (!p || !kind) return null;
  const { rate, row } = stableRate(p, c, lane);
  if (!Number.isFinite(rate)) return null;
  const uncapped = lane.optimizer === 'sgd' ? 1 : (p[0] / p[row]) ** lane.beta;
  return { lane, kind, rate, row, uncapped, equal: p[0] === p[p.length - 1] };
}

/** Token frequencies of a token-regression configuration (null elsewhere or when invalid). */
export function tokenFrequencies(c: RunConfig): Float64Array | null {
  if (c.workload !== 'tokenRegression' || validateConfig(c).length > 0) return null;
  return sharedProbabilities(c.tokens, c.rows);
}

/** A step far enough that the expected loss there is where a constant step ends: its noise floor. */
const NEVER = 1e9;

/**
 * The steps whose theory (theoryAt, e.g. on the page's theory worker, which leaves out lanes over
 * its budget) says which lanes are at their noise floor at `step` (floorsAt); null where the
 * check does not apply (several seeds, or a run the theory does not cover).
 */
export function noiseFloorSteps(c: RunConfig, step: number): number[] | null {
  return notCovered(c) || c.seeds > 1 ? null : [step, NEVER];
}

/**
 * Each lane's expected loss at the first of noiseFloorSteps and where it ends after any number of
 * steps (its noise floor), for the lanes the theory covers exactly with a constant η and a curve;
 * nulls for the others. `curves`: theoryAt at those steps (it leaves out lanes whose theory
 * diverges, and a schedule's lane by its budget there).
 */
export function floorsAt(c: RunConfig, curves: (LaneTheory | null)[]): { now: number | null; end: number | null }[] {
  return c.lanes.map((lane, l) => {
    const curve = curves[l];
    return !curve || curve.kind !== 'exact' || lane.decay
      ? { now: null, end: null }
      : { now: curve.total[0], end: curve.total[1] };
  });
}
