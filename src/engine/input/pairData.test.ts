import { describe, expect, test } from 'vitest';
import { smallDataRun } from '../testing/gpuHarness.ts';
import { splitHeldOut } from './interactions.ts';
import { NEGATIVE_SHARE, pairFingerprint } from './pairData.ts';
import { sampleStep } from '../sampling/sampleStep.ts';
import { GROUP, METRIC_GROUPS, EVAL_PAIRS } from '../workloads/runData.ts';
import { prepareRun } from '../workloads/registry.ts';

const sum = (a: ArrayLike<number>, from = 0, to = a.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s;
};

describe('data runs: split, frequencies and held-out items', () => {
  test('frequencies are counted on the training part only, and FA-SGD sees them', () => {
    const { config, pairs } = smallDataRun(true);
    const data = prepareRun(config, pairs);
    const { train, heldOut } = splitHeldOut(pairs.a.length, config.data!.heldOut, config.seed);
    expect(data.train!.a.length).toBe(train.length);
    expect(train.length + heldOut.length).toBe(pairs.a.length);
    expect(heldOut.length / pairs.a.length).toBeCloseTo(0.1, 1);
    const user0 = train.filter((j) => pairs.a[j] === 0).length;
    expect(data.rowFreq[0]).toBeCloseTo(user0 / train.length, 12);
    const item3 = train.filter((j) => pairs.b[j] === 3).length;
    expect(data.rowFreq[config.rows + 3]).toBeCloseTo(item3 / train.length, 12);
    // Ratings are centred on the training mean.
    const mean = sum(Float64Array.from(train, (j) => pairs.y![j])) / train.length;
    expect(sum(data.train!.y) / train.length).toBeCloseTo(0, 5);
    expect(data.train!.y[0]).toBeCloseTo(pairs.y![train[0]] - mean, 5);
    expect(data.loss).toBe('squared');
  });

  test('the held-out items are held-out pairs, grouped by user bucket, item bucket and user rank bin', () => {
    const { config, pairs } = smallDataRun(true);
    const data = prepareRun(config, pairs);
    const m = data.metricItems;
    const held = new Set(
      Array.from(
        splitHeldOut(pairs.a.length, config.data!.heldOut, config.seed).heldOut,
        (j) => `${pairs.a[j]},${pairs.b[j]}`,
      ),
    );
    for (let i = 0; i < m.a.length; i++) expect(held.has(`${m.a[i]},${m.b[i] - config.rows}`)).toBe(true);
    expect(m.a.length).toBeLessThanOrEqual(EVAL_PAIRS);
    const mass = m.groupMass;
    expect(sum(mass, GROUP.bucket, GROUP.bucket + 3)).toBeCloseTo(1, 12);
    expect(sum(mass, GROUP.itemBucket, GROUP.itemBucket + 3)).toBeCloseTo(1, 12);
    expect(sum(mass, GROUP.bin, METRIC_GROUPS)).toBeCloseTo(1, 12);
  });

  test('a large held-out part is evaluated on a seeded choice of EVAL_PAIRS pairs', () => {
    const { config, pairs } = smallDataRun(true, {}, { users: 500, items: 300, interactions: 60_000, seed: 4 });
    const a = prepareRun(config, pairs).metricItems;
    expect(a.a.length).toBe(EVAL_PAIRS);
    expect(prepareRun(config, pairs).metricItems).toEqual(a);
    expect(prepareRun({ ...config, seed: 2 }, pairs).metricItems.a).not.toEqual(a.a);
  });

  test('implicit pairs: logistic loss, a negative per held-out positive, NEGATIVE_SHARE of samples negative', () => {
    const { config, pairs } = smallDataRun(false, { batch: 4000 });
    const data = prepareRun(config, pairs);
    expect(data.loss).toBe('logistic');
    const m = data.metricItems;
    expect(sum(m.y)).toBe(m.a.length / 2);
    expect(sum(data.metricItems.groupMass, 0, 3)).toBeCloseTo(1, 12);
    const s = sampleStep(data, 1);
    const negatives = s.y.filter((y) => y === 0).length;
    expect(negatives / config.batch).toBeCloseTo(NEGATIVE_SHARE, 1);
    // Positives are training pairs; negatives are items from the negative sampler.
    const trainPairs = new Set(Array.from(data.train!.a, (u, j) => `${u},${data.train!.b[j]}`));
    for (let i = 0; i < config.batch; i++)
      if (s.y[i] === 1) expect(trainPairs.has(`${s.rows[i]},${s.rows[config.batch + i] - config.rows}`)).toBe(true);
  });

  test('a run refuses data other than the data its configuration names', () => {
    const { config, pairs } = smallDataRun(true);
    const other = { ...pairs, b: pairs.b.map((v) => (v + 1) % pairs.items) };
    expect(pairFingerprint(other)).not.toBe(pairFingerprint(pairs));
    expect(() => prepareRun(config, other)).toThrow(/not "test log"/);
    expect(() => prepareRun(config)).toThrow(/not loaded/);
  });
});

test('the fingerprint tells data apart: a swapped pair, a changed rating, ratings dropped', () => {
  const { pairs } = smallDataRun(true);
  const f = pairFingerprint(pairs);
  expect(f).toMatch(/^[0-9a-f]{8}$/);
  const swapped = { ...pairs, a: pairs.a.slice(), b: pairs.b.slice() };
  [swapped.a[0], swapped.a[1]] = [swapped.a[1], swapped.a[0]];
  [swapped.b[0], swapped.b[1]] = [swapped.b[1], swapped.b[0]];
  const rerated = { ...pairs, y: pairs.y!.map((r, j) => (j === 7 ? r + 1 : r)) };
  const fingerprints = [f, pairFingerprint(swapped), pairFingerprint(rerated), pairFingerprint({ ...pairs, y: null })];
  expect(new Set(fingerprints).size).toBe(4);
  expect(pairFingerprint({ ...pairs })).toBe(f);
});
