// Zipf's law fitted to rank–frequency counts (a text's words, pasted counts).

/** Most head ranks the Zipf fit uses: the law is about the head; the tail's counts are noise. */
export const ZIPF_HEAD_RANKS = 1000;

/**
 * Zipf's law p_r ∝ r^−s fitted to the counts of ranks 1 … `ranks` by maximum likelihood (the
 * counts as draws from a truncated discrete power law), where `ranks` is the head: at most
 * ZIPF_HEAD_RANKS, and only words seen at least 3 times. Least squares on log count over every
 * rank would let the long, noisy tail set s, so s would drift with the text's length. logC: the
 * fitted log count at rank 1; r2: R² of log count against the fitted line over the same ranks.
 */
export interface ZipfFit {
  s: number;
  /** The fitted log count at rank 1. */
  logC: number;
  r2: number;
  /** Ranks fitted: 1 … ranks. */
  ranks: number;
}

export function fitZipf(counts: ArrayLike<number>): ZipfFit {
  let n = 0;
  while (n < Math.min(counts.length, ZIPF_HEAD_RANKS) && counts[n] >= 3) n++;
  if (n < 3) return { s: NaN, logC: NaN, r2: NaN, ranks: n };
  let total = 0;
  let meanLog = 0;
  for (let r = 0; r < n; r++) [total, meanLog] = [total + counts[r], meanLog + counts[r] * Math.log(r + 1)];
  meanLog /= total;
  // The likelihood's maximum: the model's mean log rank equals the counts' (it falls as s grows).
  const modelMeanLog = (s: number) => {
    let [z, zl] = [0, 0];
    for (let r = 1; r <= n; r++) {
      const w = r ** -s;
      [z, zl] = [z + w, zl + w * Math.log(r)];
    }
    return zl / z;
  };
  let [lo, hi] = [0, 8];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (modelMeanLog(mid) > meanLog) lo = mid;
    else hi = mid;
  }
  const fit = (lo + hi) / 2;
  let z = 0;
  for (let r = 1; r <= n; r++) z += r ** -fit;
  const logC = Math.log(total / z);
  let [sse, sy, syy] = [0, 0, 0];
  for (let r = 0; r < n; r++) {
    const y = Math.log(counts[r]);
    sse += (y - (logC - fit * Math.log(r + 1))) ** 2;
    [sy, syy] = [sy + y, syy + y * y];
  }
  const sst = syy - (sy * sy) / n;
  return { s: fit, logC, r2: sst > 0 ? 1 - sse / sst : 1, ranks: n };
}
