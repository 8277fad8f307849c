// Tolerance checks in the style of llm.c: abs + rel tolerance, and the worst mismatches printed.

export interface Comparison {
  maxAbs: number;
  /** Elementwise: max |a − b| / max(|b|, floor). */
  maxRel: number;
  /** Normwise: max |a − b| / max |b|. */
  normRel: number;
  /** The first elements whose elementwise relative error exceeds relTol. */
  mismatches: string[];
}

/** Compares got (e.g. GPU, f32) against want (float64 reference). */
export function compare(got: ArrayLike<number>, want: ArrayLike<number>, floor = 1e-3, relTol = 1e-4): Comparison {
  if (got.length !== want.length) throw new Error(`length ${got.length} != ${want.length}`);
  let maxAbs = 0;
  let maxRel = 0;
  const mismatches: string[] = [];
  for (let i = 0; i < want.length; i++) {
    const abs = Math.abs(got[i] - want[i]);
    const rel = abs / Math.max(Math.abs(want[i]), floor);
    if (!(abs <= maxAbs)) maxAbs = abs;
    if (!(rel <= maxRel)) maxRel = rel;
    if (!(rel <= relTol) && mismatches.length < 5) mismatches.push(`[${i}] got ${got[i]} want ${want[i]}`);
  }
  return { maxAbs, maxRel, normRel: maxAbs / maxMagnitude(want), mismatches };
}

/** Largest magnitude in a reference array: a floor for sums whose terms cancel. */
export function maxMagnitude(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
