import { expect, test } from 'vitest';
import { logSlope, smoothLog, seedSpread } from './analysis.ts';

test('logSlope recovers a power law and skips unusable points', () => {
  const xs = [1, 10, 100, 1000, 0, 5];
  const ys = xs.map((x) => 3 * x ** -0.5);
  ys[5] = NaN;
  expect(logSlope(xs, ys)).toBeCloseTo(-0.5, 12);
  expect(logSlope([1], [1])).toBeNaN();
});

test('smoothLog: debiased (a constant stays itself), geometric, skips gaps', () => {
  expect(smoothLog([4, 4, 4], 0.9)).toEqual([4, 4, 4].map((v) => expect.closeTo(v, 12)));
  const s = smoothLog([1, 100], 0.5);
  expect(s[0]).toBeCloseTo(1, 12);
  // second: (0.5·0.5·ln 1 + 0.5·ln 100) / (1 − 0.25) → 100^(2/3)
  expect(s[1]).toBeCloseTo(100 ** (2 / 3), 9);
  expect(smoothLog([null, -1, 2], 0.9)).toEqual([null, null, expect.closeTo(2, 12)]);
});

test('seedSpread: geometric mean and range per lane across seeds; a diverged seed leaves no mean', () => {
  // 2 lanes × 3 seeds, seed-major.
  const s = seedSpread([1, 10, 4, 20, 16, NaN], 2);
  expect(s[0].mean).toBeCloseTo(4, 12); // (1·4·16)^(1/3)
  expect([s[0].lo, s[0].hi]).toEqual([1, 16]);
  expect(s[1].mean).toBeNaN();
});
