import { expect, test } from 'vitest';
import { linearTicks, logTicks, rangeTicks, widenLog } from './chartScale.ts';

test('logTicks cover the range with decades (2, 5 when few decades show; 1–8 within one)', () => {
  expect(logTicks(0.03, 0.4)).toEqual([0.02, 0.05, 0.1, 0.2, 0.5]);
  // Within one decade: every digit that reads well.
  expect(logTicks(0.18, 0.45)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  expect(logTicks(0.003, 0.4)).toEqual([0.001, 0.01, 0.1, 1]);
  expect(logTicks(1e-5, 10)).toEqual([1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10]);
  // 34 decades: every 4th, still covering the range.
  expect(logTicks(1e-4, 1e30)).toEqual([1e-4, 1, 1e4, 1e8, 1e12, 1e16, 1e20, 1e24, 1e28, 1e32]);
});

test('linearTicks: round steps from 0 past the largest value', () => {
  expect(linearTicks(40)).toEqual([0, 10, 20, 30, 40]);
  expect(linearTicks(300)).toEqual([0, 100, 200, 300]);
  expect(linearTicks(0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  expect(linearTicks(0)).toEqual([0, 1]);
});

test('rangeTicks: round steps covering a range that need not start at 0', () => {
  expect(rangeTicks(0.5, 0.74)).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75]);
  expect(rangeTicks(0.62, 0.63)).toEqual([0.62, 0.625, 0.63]);
  expect(rangeTicks(1, 1)).toEqual([1, 2]);
});

test('widenLog: one value alone gets an axis around it; a wide range is kept', () => {
  const [a, b] = widenLog([0.01, 0.01]);
  expect([a * 1.5, b / 1.5].map((v) => v.toPrecision(12))).toEqual(['0.0100000000000', '0.0100000000000']);
  expect(widenLog([1e-4, 1])).toEqual([1e-4, 1]);
  expect(widenLog([0.3, 0.7])).toEqual([0.3, 0.7]);
  const [lo, hi] = widenLog([1, 2]);
  expect(hi / lo).toBeCloseTo(2.25, 12);
  expect(Math.sqrt(lo * hi)).toBeCloseTo(Math.SQRT2, 12);
});
