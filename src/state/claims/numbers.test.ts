import { expect, test } from 'vitest';
import { alike, article, count, digitsToTell, percent, print, printEach } from './numbers.ts';

test('print: significant digits, separators, exponents that keep their digits', () => {
  expect([0.09234, 11.86, 1500, 2.5e-6, 1.6e6, -0.287, 0].map((x) => print(x))).toEqual([
    '0.0923',
    '11.9',
    '1,500',
    '2.50e-6',
    '1.60e6',
    '−0.287',
    '0',
  ]);
  expect(print(3.96e-4, 2)).toBe('4.0e-4');
  expect([Infinity, NaN].map((x) => print(x))).toEqual(['∞', '—']);
});

test('values that differ print differently; values alike at six digits are alike', () => {
  expect(digitsToTell([0.056512, 0.056541])).toBe(4);
  expect(digitsToTell([0.0923, 0.0923])).toBe(3);
  expect(alike(0.1234561, 0.1234564)).toBe(true);
  expect(printEach([0.0554, 0.086148, 0.086149, 0.0867])).toEqual(['0.0554', '0.086148', '0.086149', '0.0867']);
});

test('percentages are never 0 for values that differ; counts and articles', () => {
  expect(percent(0.32, 0.43)).toBe('−26%');
  expect(percent(1.004, 1)).toBe('+0.4%');
  expect(count(978.4)).toBe('978');
  expect(count(160_123)).toBe('160,000');
  expect(count(1.853)).toBe('1.85');
  expect([article('token'), article('item'), article('user')]).toEqual(['a token', 'an item', 'a user']);
});
