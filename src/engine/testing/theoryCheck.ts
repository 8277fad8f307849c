// The check of the theory curve against an engine (CPU or GPU): the mean over seeds of the measured
// excess loss, total and by bucket, at steps 50, 300 and 2,000, against the expected curve.

import type { RunConfig } from '../config.ts';
import type { TheoryCurve } from '../theory.ts';
import type { Engine } from '../types.ts';

export const SEEDS = 8;
/**
 * Steps 50, 300 and 2,000, each as the recorded steps (every 10th) around it: one seed's head
 * bucket near SGD's stability limit fluctuates by tens of percent from step to step (its few
 * frequent tokens dominate it), so measurement and theory are both averaged over the same window.
 */
const WINDOWS = [
  [30, 70],
  [250, 350],
  [1900, 2100],
].map(([a, b]) => Array.from({ length: (b - a) / 10 + 1 }, (_, i) => a + 10 * i));
export const STEPS = WINDOWS.flat();

/** A curve at STEPS averaged over each window. */
export function windowed(c: TheoryCurve): TheoryCurve {
  const at = (i: number) => STEPS.indexOf(i);
  const mean = (w: number[], f: (i: number) => number) => w.reduce((s, t) => s + f(at(t)), 0) / w.length;
  return {
    steps: WINDOWS.map((w) => w[(w.length - 1) / 2]),
    total: WINDOWS.map((w) => mean(w, (i) => c.total[i])),
    buckets: WINDOWS.map((w) => [0, 1, 2].map((b) => mean(w, (i) => c.buckets[i][b])) as [number, number, number]),
  };
}

/** Mean over `seeds` seeds (from c.seed) of each lane's measured excess loss, total and by bucket, at STEPS, windowed. */
export async function measured(
  c: RunConfig,
  create: (c: RunConfig) => Engine | Promise<Engine>,
  seeds = SEEDS,
): Promise<TheoryCurve[]> {
  const sums = c.lanes.map(() => STEPS.map(() => [0, 0, 0, 0]));
  for (let s = 0; s < seeds; s++) {
    const engine = await create({ ...c, seed: c.seed + s });
    for (const [i, t] of STEPS.entries()) {
      engine.steps(t - engine.stepCount);
      const m = await engine.recordMetrics();
      m.lanes.forEach((l, k) => [l.excess, ...l.buckets].forEach((v, j) => (sums[k][i][j] += v / seeds)));
    }
    engine.destroy();
  }
  return sums.map((at) =>
    windowed({
      steps: STEPS,
      total: at.map((v) => v[0]),
      buckets: at.map((v) => [v[1], v[2], v[3]] as [number, number, number]),
    }),
  );
}

/** Largest relative gap between two curves, over steps, total and buckets. */
export const gap = (a: TheoryCurve, b: TheoryCurve) =>
  Math.max(
    ...a.total.map((v, i) => Math.abs(v / b.total[i] - 1)),
    ...a.buckets.flatMap((bs, i) => bs.map((v, j) => Math.abs(v / b.buckets[i][j] - 1))),
  );
