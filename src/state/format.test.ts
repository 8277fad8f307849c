import { expect, test } from 'vitest';
import { formatNumber } from './format.ts';

test('formatNumber: short, and safe for values that are not finite', () => {
  expect([0, 0.25, 1500, 1e-4, 2.5e-6, 123456].map(formatNumber)).toEqual([
    '0',
    '0.25',
    '1500',
    '1e-4',
    '2.5e-6',
    '1.2e5',
  ]);
  expect([Infinity, -Infinity, NaN].map(formatNumber)).toEqual(['∞', '−∞', '—']);
});
