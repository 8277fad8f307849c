import { describe, expect, test } from 'vitest';
import { bucketBounds, distributionErrors, probabilities } from './distributions.ts';

describe('distributions', () => {
  test('probabilities sum to 1 and do not increase with rank', () => {
    for (const spec of [
      { kind: 'uniform' } as const,
      { kind: 'zipf', s: 0 } as const,
      { kind: 'zipf', s: 1.1 } as const,
      { kind: 'headTail', headSize: 3, headShare: 0.5 } as const,
    ]) {
      const p = probabilities(spec, 1000);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let k = 1; k < p.length; k++) expect(p[k]).toBeLessThanOrEqual(p[k - 1] * (1 + 1e-12));
    }
  });

  test('Zipf ratio p_1 / p_k = k^s', () => {
    const p = probabilities({ kind: 'zipf', s: 1.1 }, 100);
    expect(p[0] / p[9]).toBeCloseTo(10 ** 1.1, 9);
  });

  test('bad parameters are named', () => {
    expect(distributionErrors({ kind: 'zipf', s: -1 }, 10)[0]).toMatch(/Zipf exponent/);
    expect(distributionErrors({ kind: 'zipf', s: NaN }, 10)[0]).toMatch(/Zipf exponent/);
    expect(distributionErrors({ kind: 'headTail', headSize: 10, headShare: 0.5 }, 10)[0]).toMatch(/Head size/);
    expect(distributionErrors({ kind: 'headTail', headSize: 2, headShare: 1 }, 10)[0]).toMatch(/Head share/);
    expect(distributionErrors({ kind: 'uniform' }, 10)).toEqual([]);
  });

  test('buckets: top 1%, next 9%, rest, each non-empty', () => {
    expect(bucketBounds(10_000)).toEqual([100, 1000]);
    expect(bucketBounds(3)).toEqual([1, 2]);
    const [h, t] = bucketBounds(2);
    expect(h).toBe(1);
    expect(t).toBeGreaterThanOrEqual(h);
  });
});
