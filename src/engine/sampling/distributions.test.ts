import { describe, expect, test } from 'vitest';
import {
  bucketBounds,
  bucketEndsErrors,
  distributionErrors,
  DRAWN_KNOTS,
  drawnCurveErrors,
  knotRank,
  probabilities,
  probabilityFn,
  RANK_BINS,
  rankBinOf,
  rankBinStarts,
  type DistributionSpec,
} from './distributions.ts';

const line = (from: number, to: number) =>
  Array.from({ length: DRAWN_KNOTS }, (_, i) => from + ((to - from) * i) / (DRAWN_KNOTS - 1));

describe('distributions', () => {
  test('probabilities sum to 1, do not increase with rank and are all > 0', () => {
    const specs: DistributionSpec[] = [
      { kind: 'uniform' },
      { kind: 'zipf', s: 0 },
      { kind: 'zipf', s: 1.1 },
      { kind: 'headTail', headSize: 3, headShare: 0.5 },
      { kind: 'powerLaw', s: 1, cutoff: 100 },
      { kind: 'powerLaw', s: 2, cutoff: 1 }, // underflows without the floor
      { kind: 'drawn', knots: line(0, -6).map((y, i) => (i === 5 ? y + 3 : y)) },
      { kind: 'counts', counts: Array.from({ length: 1000 }, (_, k) => 1 + ((k * 7919) % 1000)) },
    ];
    for (const spec of specs) {
      const p = probabilities(spec, 1000);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let k = 1; k < p.length; k++) expect(p[k]).toBeLessThanOrEqual(p[k - 1] * (1 + 1e-12));
      expect(Math.min(...p), spec.kind).toBeGreaterThan(0);
    }
  });

  test('Zipf ratio p_1 / p_k = k^s', () => {
    const p = probabilities({ kind: 'zipf', s: 1.1 }, 100);
    expect(p[0] / p[9]).toBeCloseTo(10 ** 1.1, 9);
  });

  test('power law with cutoff: p_1 / p_k = k^s · e^((k - 1) / cutoff)', () => {
    const p = probabilities({ kind: 'powerLaw', s: 0.8, cutoff: 50 }, 500);
    expect(p[0] / p[99]).toBeCloseTo(100 ** 0.8 * Math.exp(99 / 50), 6);
  });

  test('a drawn straight line of slope -s on log-log is Zipf(s)', () => {
    const n = 10_000;
    const drawn = probabilities({ kind: 'drawn', knots: line(0, -1.1 * Math.log10(n)) }, n);
    const zipf = probabilities({ kind: 'zipf', s: 1.1 }, n);
    for (const k of [0, 9, 99, 4321, n - 1]) expect(drawn[k] / zipf[k]).toBeCloseTo(1, 9);
    expect(knotRank(0, n)).toBe(1);
    expect(knotRank(DRAWN_KNOTS - 1, n)).toBeCloseTo(n, 9);
  });

  test('counts are sorted into ranks and normalised', () => {
    const p = probabilities({ kind: 'counts', counts: [1, 5, 2, 2] }, 4);
    expect(Array.from(p)).toEqual([0.5, 0.2, 0.2, 0.1]);
  });

  test('bad parameters are named', () => {
    expect(distributionErrors({ kind: 'zipf', s: -1 }, 10)[0].message).toMatch(/Zipf exponent/);
    expect(distributionErrors({ kind: 'zipf', s: NaN }, 10)[0].message).toMatch(/Zipf exponent/);
    expect(distributionErrors({ kind: 'headTail', headSize: 10, headShare: 0.5 }, 10)[0].message).toMatch(/Head size/);
    expect(distributionErrors({ kind: 'headTail', headSize: 2, headShare: 1 }, 10)[0].message).toMatch(/Head share/);
    expect(distributionErrors({ kind: 'powerLaw', s: 1, cutoff: 0.5 }, 10)[0].message).toMatch(/Cutoff rank/);
    expect(distributionErrors({ kind: 'powerLaw', s: 11, cutoff: 5 }, 10)[0].message).toMatch(/Power-law exponent/);
    expect(distributionErrors({ kind: 'counts', counts: [3, 0, 1] }, 3)[0].message).toMatch(/Count 2 .*> 0/);
    expect(distributionErrors({ kind: 'counts', counts: [3, 2, 1] }, 4)[0].message).toMatch(/3 tokens.*4/);
    expect(distributionErrors({ kind: 'counts', counts: [3] }, 1)[0].message).toMatch(/from 2/);
    expect(distributionErrors({ kind: 'uniform' }, 10)).toEqual([]);
  });

  test('drawn curves: gaps, loose ends and off-pad points are named by rank', () => {
    const n = 10_000;
    const ok = line(0, -4);
    expect(drawnCurveErrors(ok, n)).toEqual([]);
    expect(drawnCurveErrors(Array(DRAWN_KNOTS).fill(null), n)[0]).toMatch(/Draw a curve first/);
    const gap = ok.map((y, i) => (i >= 8 && i < 12 ? null : y));
    expect(drawnCurveErrors(gap, n)[0]).toBe(
      `The drawn curve has a gap between rank ${Math.round(knotRank(7, n))} and rank ${Math.round(knotRank(12, n)).toLocaleString('en-US')}: draw across it.`,
    );
    expect(drawnCurveErrors([null, ...ok.slice(1)], n)[0]).toMatch(/starts at rank/);
    expect(drawnCurveErrors([...ok.slice(0, -1), null], n)[0]).toMatch(/ends at rank/);
    expect(
      drawnCurveErrors(
        ok.map((y, i) => (i === 3 ? 2 : y)),
        n,
      )[0],
    ).toMatch(/Point 4 .* off the pad/);
    expect(drawnCurveErrors(ok.slice(1), n)[0]).toMatch(/24 points/);
  });

  test('buckets: top 1%, next 9%, rest by default, each non-empty; editable ends', () => {
    expect(bucketBounds(10_000)).toEqual([100, 1000]);
    expect(bucketBounds(10_000, [0.05, 0.5])).toEqual([500, 5000]);
    expect(bucketBounds(3)).toEqual([1, 2]);
    const [h, t] = bucketBounds(2);
    expect(h).toBe(1);
    expect(t).toBeGreaterThanOrEqual(h);
    expect(bucketEndsErrors([0.01, 0.1])).toEqual([]);
    expect(bucketEndsErrors([0, 0.1])[0].index).toBe(0);
    // Either end may be the one to change: both fields get the message.
    const message = 'The head (top 20%) must end before the torso does (10%).';
    expect(bucketEndsErrors([0.2, 0.1])).toEqual([
      { index: 0, message },
      { index: 1, message },
    ]);
    expect(bucketEndsErrors([0.2, NaN])[0].index).toBe(1);
  });

  test('rank bins are log-spaced, cover every token once, in order', () => {
    for (const n of [2, 7, 1000, 10_000]) {
      const starts = rankBinStarts(n);
      expect(starts.length).toBe(RANK_BINS + 1);
      expect(starts[0]).toBe(0);
      expect(starts[RANK_BINS]).toBe(n);
      for (let k = 0; k < n; k++) {
        const b = rankBinOf(k, n);
        expect(k >= starts[b] && k < starts[b + 1]).toBe(true);
      }
    }
    expect(rankBinOf(9_999, 10_000)).toBe(RANK_BINS - 1);
    expect(rankBinOf(99, 10_000)).toBe(8); // ln 100 / ln 10^4 = ½ of 16 bins
  });
});

test('probabilityFn agrees with probabilities', () => {
  const specs: DistributionSpec[] = [
    { kind: 'uniform' },
    { kind: 'zipf', s: 1.1 },
    { kind: 'headTail', headSize: 30, headShare: 0.7 },
    { kind: 'powerLaw', s: 0.5, cutoff: 200 },
  ];
  for (const spec of specs) {
    const p = probabilities(spec, 5000);
    const f = probabilityFn(spec, 5000);
    for (const k of [0, 1, 29, 30, 777, 4999]) expect(f(k) / p[k]).toBeCloseTo(1, 12);
  }
  // Past 2^21 tokens the closed form is used; it still sums to one.
  const n = 3_000_000;
  const f = probabilityFn({ kind: 'zipf', s: 1.1 }, n);
  let total = 0;
  for (let k = 0; k < n; k++) total += f(k);
  expect(total).toBeCloseTo(1, 9);
});
