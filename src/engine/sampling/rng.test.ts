import { describe, expect, test } from 'vitest';
import { draw, mulhi, normalDraw, normalInt, NORMAL_SCALE, pcg, sampleKey } from './rng.ts';

// Independent BigInt model of the 32-bit PCG hash (Jarzynski & Olano), to check the Math.imul version.
function pcgBig(v: number): number {
  const M = (1n << 32n) - 1n;
  const state = (BigInt(v) * 747796405n + 2891336453n) & M;
  const word = (((state >> ((state >> 28n) + 4n)) ^ state) * 277803737n) & M;
  return Number((word >> 22n) ^ word);
}

describe('rng', () => {
  test('pcg matches a BigInt model on edge and random inputs', () => {
    const inputs = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, ...Array.from({ length: 1000 }, (_, i) => pcgBig(i))];
    for (const v of inputs) expect(pcg(v)).toBe(pcgBig(v));
  });

  test('mulhi is the high word of the exact 64-bit product', () => {
    for (let i = 0; i < 2000; i++) {
      const a = pcg(i);
      const b = i % 3 === 0 ? 0xffffffff : pcg(i + 99991);
      expect(mulhi(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
    }
  });

  test('streams differ by seed, step and index', () => {
    const keys = new Set([sampleKey(1, 1, 0), sampleKey(2, 1, 0), sampleKey(1, 2, 0), sampleKey(1, 1, 1)]);
    expect(keys.size).toBe(4);
  });

  test('normal draws have mean 0 and variance 1 and are f32 values', () => {
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = normalDraw(sampleKey(7, 1, i), 0);
      expect(Math.fround(z)).toBe(z);
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.01);
    // Extremes of the Irwin-Hall sum: ±2·sqrt(3).
    expect(normalInt(0, 0) * NORMAL_SCALE).toBeCloseTo(-2 * Math.sqrt(3), 3);
    expect(normalInt(0xffffffff, 0xffffffff) * NORMAL_SCALE).toBeCloseTo(2 * Math.sqrt(3), 3);
    expect(draw(5, 0)).not.toBe(draw(5, 1));
  });
});
