import { expect, test } from 'vitest';
import { nudge, scaleOf, sliderOf, valueOfSlider } from './fieldScales.ts';

test('log fields step through 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k; Shift goes ten steps', () => {
  const lr = scaleOf('lanes.0.lr')!;
  expect(nudge(10, lr, 1)).toBe(12);
  expect(nudge(10, lr, -1)).toBe(8);
  expect(nudge(3, lr, 1)).toBe(4);
  expect(nudge(3.3, lr, 1)).toBe(4); // off the series: to the next value on it
  expect(nudge(10, lr, 1, true)).toBe(100);
  expect(nudge(1e4, lr, 1)).toBe(1e4); // clamped
  expect(nudge(NaN, lr, 1)).toBe(1e-4);
});

test('whole-number log fields move by at least one; linear fields by their step, tidily', () => {
  expect(nudge(10000, scaleOf('rows')!, 1)).toBe(12000);
  expect(nudge(2, scaleOf('dim')!, 1)).toBe(3);
  expect(nudge(1, scaleOf('dim')!, 1)).toBe(2);
  const beta = scaleOf('lanes.1.beta')!;
  expect(nudge(0.5, beta, 1)).toBe(0.55);
  expect(nudge(0.05, beta, -1)).toBe(0);
  expect(nudge(0, beta, -1)).toBe(0);
  expect(nudge(1.1, scaleOf('tokens.s')!, 1)).toBe(1.15);
  expect(scaleOf('lanes.0.on')).toBeUndefined();
});

test('sliders: log position for rates and sizes, round values back', () => {
  const lr = scaleOf('lanes.0.lr')!;
  expect(sliderOf(1, lr)).toBe(500);
  expect(valueOfSlider(500, lr)).toBe(1);
  expect(valueOfSlider(sliderOf(10, lr), lr)).toBe(10);
  expect(valueOfSlider(1000, scaleOf('rows')!)).toBe(16_777_216);
  expect(valueOfSlider(sliderOf(0.7, scaleOf('lanes.1.beta')!), scaleOf('lanes.1.beta')!)).toBe(0.7);
});
