import { describe, expect, test } from 'vitest';
import { aliasProbabilities, buildAliasTable, sampleAlias } from './aliasTable.ts';
import { probabilities, type DistributionSpec } from './distributions.ts';
import { draw, sampleKey } from './rng.ts';

const specs: [string, DistributionSpec, number][] = [
  ['uniform', { kind: 'uniform' }, 7],
  ['Zipf 1.1', { kind: 'zipf', s: 1.1 }, 10_000],
  ['Zipf 3', { kind: 'zipf', s: 3 }, 500],
  ['head/tail', { kind: 'headTail', headSize: 10, headShare: 0.9 }, 1000],
  ['two tokens', { kind: 'zipf', s: 1 }, 2],
];

describe('alias tables', () => {
  for (const [name, spec, n] of specs)
    test(`${name}: the table encodes p to within 2^-32 per bin`, () => {
      const p = probabilities(spec, n);
      const q = aliasProbabilities(buildAliasTable(p));
      for (let k = 0; k < n; k++) expect(Math.abs(q[k] - p[k])).toBeLessThan(n * 2 ** -31);
    });

  test('sampling frequencies pass a chi-square test', () => {
    const n = 50;
    const p = probabilities({ kind: 'zipf', s: 1.1 }, n);
    const table = buildAliasTable(p);
    const draws = 200_000;
    const counts = new Float64Array(n);
    for (let i = 0; i < draws; i++) {
      const base = sampleKey(3, 1, i);
      counts[sampleAlias(table, draw(base, 0), draw(base, 1))]++;
    }
    let chi2 = 0;
    for (let k = 0; k < n; k++) chi2 += (counts[k] - draws * p[k]) ** 2 / (draws * p[k]);
    // 49 degrees of freedom: the 99.9% quantile is 85.4.
    expect(chi2).toBeLessThan(85.4);
  });

  test('extreme draws stay in range', () => {
    const table = buildAliasTable(probabilities({ kind: 'zipf', s: 2 }, 1000));
    for (const [r0, r1] of [
      [0, 0],
      [0xffffffff, 0xffffffff],
      [0xffffffff, 0],
      [0, 0xffffffff],
    ])
      expect(sampleAlias(table, r0, r1)).toBeLessThan(1000);
  });
});
