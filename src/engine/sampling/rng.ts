// Counter-based random numbers, identical in TypeScript and WGSL (shaders/common.wgsl).
//
// Every random u32 is a pure function of (seed, step, index, draw): no state, so results do not
// depend on dispatch shape, and integer arithmetic makes them bit-identical on every device.
// The hash is the 32-bit PCG output permutation (Jarzynski & Olano, JCGT 2020).

/** PCG hash of one u32 (wrapping arithmetic, result in [0, 2^32)). */
export function pcg(v: number): number {
  const state = (Math.imul(v >>> 0, 747796405) + 2891336453) >>> 0;
  const word = Math.imul((state >>> ((state >>> 28) + 4)) ^ state, 277803737) >>> 0;
  return ((word >>> 22) ^ word) >>> 0;
}

/** Base key of one sample slot: hash of (seed, step, index). Draw k of it is pcg(base + k). */
export function sampleKey(seed: number, step: number, index: number): number {
  return pcg((pcg((pcg(seed >>> 0) + step) >>> 0) + index) >>> 0);
}

/** Draw k of a slot: a uniform u32. */
export function draw(base: number, k: number): number {
  return pcg((base + k) >>> 0);
}

/** High 32 bits of the 64-bit product a*b, via 16-bit halves exactly as in WGSL. */
export function mulhi(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (p11 + (p01 >>> 16) + (p10 >>> 16) + Math.floor(mid / 65536)) >>> 0;
}

/**
 * Scale that turns the integer sum of four 16-bit uniforms into a zero-mean, unit-variance
 * value: z = (h0lo + h0hi + h1lo + h1hi + 2 - 131072) * NORMAL_SCALE. It is the f32 nearest to
 * sqrt(3)/65536 so that GPU (one f32 multiply) and CPU give the same bits.
 */
export const NORMAL_SCALE = Math.fround(Math.sqrt(3) / 65536);

/**
 * The integer part of an approximately normal draw from two hashes: the sum of four 16-bit
 * uniforms (Irwin-Hall, n = 4), centred. Variance of the result times NORMAL_SCALE is exactly 1
 * up to the 16-bit quantisation; mean exactly 0. Returned as an integer so callers choose f32/f64.
 */
export function normalInt(h0: number, h1: number): number {
  return (h0 & 0xffff) + (h0 >>> 16) + (h1 & 0xffff) + (h1 >>> 16) + 2 - 131072;
}

/** Approximately N(0,1) value for draws (k, k+1) of a slot, as f32-representable number. */
export function normalDraw(base: number, k: number): number {
  return Math.fround(normalInt(draw(base, k), draw(base, k + 1)) * NORMAL_SCALE);
}
