// Small numerical helpers the charts and the lesson checks share.

/** Least-squares slope of log y against log x over the points where both are positive and finite. */
export function logSlope(xs: number[], ys: number[]): number {
  const pts = xs.map((x, i) => [x, ys[i]]).filter(([x, y]) => x > 0 && y > 0 && Number.isFinite(x * y));
  const n = pts.length;
  if (n < 2) return NaN;
  const lx = pts.map(([x]) => Math.log(x));
  const ly = pts.map(([, y]) => Math.log(y));
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return den > 0 ? num / den : NaN;
}

/**
 * Exponential moving average of log y with weight `weight` on the past, debiased like Adam's
 * moments (divided by 1 − weight^t, so early values are not pulled towards 0), returned as y.
 * Non-positive or non-finite values are skipped (null in the output) and do not enter the average.
 */
export function smoothLog(ys: (number | null)[], weight: number): (number | null)[] {
  let avg = 0;
  let norm = 0;
  return ys.map((y) => {
    if (y === null || !(y > 0) || !Number.isFinite(y)) return null;
    avg = weight * avg + (1 - weight) * Math.log(y);
    norm = weight * norm + (1 - weight);
    return Math.exp(avg / norm);
  });
}

/** Across seeds, per lane: geometric mean of the losses and their range (NaN where a seed diverged). */
export interface SeedSpread {
  mean: number;
  lo: number;
  hi: number;
}

/**
 * `excess` holds K·L losses, seed-major (lane l of seed k at k·L + l). The mean is geometric (the
 * charts are logarithmic); a lane any of whose seeds is not finite has no mean (NaN).
 */
export function seedSpread(excess: ArrayLike<number>, lanes: number): SeedSpread[] {
  const K = Math.floor(excess.length / lanes);
  return Array.from({ length: lanes }, (_, l) => {
    const v = Array.from({ length: K }, (_, k) => excess[k * lanes + l]);
    if (!v.every((x) => x > 0 && Number.isFinite(x))) return { mean: NaN, lo: NaN, hi: NaN };
    const mean = Math.exp(v.reduce((a, x) => a + Math.log(x), 0) / K);
    return { mean, lo: Math.min(...v), hi: Math.max(...v) };
  });
}

/** Frequencies must span at least this ratio (a decade) for a slope against them to mean anything. */
export const SLOPE_MIN_SPAN = 10;

/**
 * Each lane's fitted log-log slope of effective step size against token frequency, over the
 * reported rows that have had a gradient; NaN where their frequencies span less than a decade
 * (uniform tokens: every token equally frequent, so no slope exists).
 */
export function effectiveSlopes(freq: ArrayLike<number>, eff: { effStep: number[][]; counts: number[] }): number[] {
  const seen = Array.from({ length: freq.length }, (_, r) => r).filter((r) => eff.counts[r] > 0);
  const xs = seen.map((r) => freq[r]);
  const span = Math.max(...xs) / Math.min(...xs);
  return eff.effStep.map((steps) =>
    span >= SLOPE_MIN_SPAN
      ? logSlope(
          xs,
          seen.map((r) => steps[r]),
        )
      : NaN,
  );
}
