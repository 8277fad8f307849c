import { expect, test } from 'vitest';
import { DEFAULT_LANES } from './config.ts';
import { sweepGroups, sweepLanes, sweepRates, SWEEP_RATES } from './sweep.ts';

test('sweep rates: 8 rates a factor 2 apart, from η/16 to 8η', () => {
  expect(sweepRates(10)).toEqual([0.625, 1.25, 2.5, 5, 10, 20, 40, 80]);
});

test('sweep lanes: every optimizer at every rate, optimizer by optimizer, other settings kept', () => {
  const lanes = sweepLanes(DEFAULT_LANES);
  expect(lanes).toHaveLength(DEFAULT_LANES.length * SWEEP_RATES);
  expect(lanes.slice(8, 16).map((l) => l.optimizer)).toEqual(Array(8).fill('fasgd'));
  expect(lanes[12]).toEqual(DEFAULT_LANES[1]);
});

test('the best rate of each optimizer is its lowest finite loss; diverged rates never win', () => {
  const lanes = sweepLanes(DEFAULT_LANES.slice(0, 2));
  const losses = [0.5, 0.3, 0.2, 0.1, NaN, Infinity, 0.05, NaN, ...Array(8).fill(NaN)];
  const [sgd, fasgd] = sweepGroups(lanes, losses);
  expect(sgd.best).toBe(6);
  expect(sgd.rates).toEqual(sweepRates(10));
  expect(sgd.losses[6]).toBe(0.05);
  expect(fasgd.lanes).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
  expect(fasgd.best).toBeNull();
});
