// The theory curves the page draws and exports: the expected excess loss of each lane the theory
// covers (engine/theory.ts: SGD and FA-SGD exactly, CF-SGD by a plug-in approximation; token
// regression only), at steps spaced over a horizon, within a cost budget (the sums run over every
// row at every step: the page computes them on its theory worker, src/app/theory.worker.ts).

import type { RunConfig } from '../engine/config.ts';
import { boost } from '../engine/optimizers.ts';
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

/** Why the theory does not cover a run at all, or null. */
function notCovered(c: RunConfig): string | null {
  if (c.workload !== 'tokenRegression')
    return 'No theory curve: the closed form covers token regression only (not factorisation or the logistic workloads).';
  if (!c.lanes.some((l) => theoryKind(c, l)))
    return 'No theory curve: it covers SGD, FA-SGD and (approximately) CF-SGD, not Adagrad.';
  if (c.lanes.length > 8) return 'No theory curve in a sweep.';
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

/** Why a run has no live theory curves, in words for a chart's caption; null when it has some. */
export function noTheoryReason(c: RunConfig): string | null {
  if (notCovered(c)) return notCovered(c);
  if (pointsWithin(c) > 0) return null;
  const most = Math.floor(BUDGET / MIN_POINTS / constantLanes(c));
  return `No theory curve: ${c.rows.toLocaleString('en-US')} rows are too many to draw it live (up to ${most.toLocaleString('en-US')} here).`;
}

/**
 * The theory of each lane at the given steps; null where it does not cover a lane, or where the
 * lane would take the cost over the budget (a constant η costs rows × steps, a schedule rows ×
 * the last step, per seed).
 */
export function theoryAt(c: RunConfig, steps: number[], budget = BUDGET): (LaneTheory | null)[] {
  if (notCovered(c)) return c.lanes.map(() => null);
  let left = budget;
  const included = c.lanes.map((lane) => {
    const cost = c.rows * c.seeds * (lane.decay ? Math.max(0, ...steps) : steps.length);
    if (!theoryKind(c, lane) || cost > left) return false;
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

/** A lane's largest stable rate and what sets it, for token regression with known frequencies. */
export interface Stability {
  rate: number;
  /** In words: "the most frequent token", or a rarer token at the boost cap. */
  setBy: string;
}

/** The stability limit of lane `l` of configuration c (every lane, switched on or not), or null where theory has none. */
export function stability(c: RunConfig, p: Float64Array | null, l: number): Stability | null {
  const lane = c.lanes[l];
  if (!p || !lane || !theoryKind(c, lane)) return null;
  const { rate, row } = stableRate(p, c, lane);
  if (!Number.isFinite(rate)) return null;
  const pmax = p.reduce((m, x) => Math.max(m, x), 0);
  const m = lane.optimizer === 'sgd' ? 1 : boost(pmax / p[row], lane.beta, lane.cap);
  const setBy =
    row === 0
      ? 'the most frequent token'
      : m >= 0.99 * lane.cap
        ? `the tokens at the boost cap ×${lane.cap} (the most frequent of them: token ${(row + 1).toLocaleString('en-US')})`
        : `token ${(row + 1).toLocaleString('en-US')} (boost ×${+m.toPrecision(3)})`;
  return { rate, setBy };
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
 * its budget) says which lanes are at their noise floor at `step` (floorLanes); null where the
 * check does not apply (several seeds, or a run the theory does not cover).
 */
export function noiseFloorSteps(c: RunConfig, step: number): number[] | null {
  return notCovered(c) || c.seeds > 1 ? null : [step, NEVER];
}

/**
 * The lanes (of those the theory covers exactly, with a constant η) whose expected loss at the
 * first of noiseFloorSteps is within 10% of where they would end after any number of steps: at
 * their noise floor. `curves`: theoryAt at those steps (a schedule's lane is left out by its
 * budget there, and does not count anyway).
 */
export function floorLanes(c: RunConfig, curves: (LaneTheory | null)[]): number[] {
  return c.lanes.flatMap((lane, l) => {
    const curve = curves[l];
    if (!curve || curve.kind !== 'exact' || lane.decay) return [];
    const [now, end] = curve.total;
    return Number.isFinite(now) && now < 1.1 * end ? [l] : [];
  });
}

/** floorLanes here and now (tests; the page asks its theory worker). */
export function atNoiseFloor(c: RunConfig, step: number): number[] {
  const steps = noiseFloorSteps(c, step);
  return steps ? floorLanes(c, theoryAt(c, steps)) : [];
}
