// The reference neighbours (PPMI rows, cosine) against a brute-force computation on a small corpus:
// a dense co-occurrence matrix, PMI with smoothed context probabilities in float64, and every
// cosine; plus top-k, overlap@k and the agreement measure on planted tables.

import { describe, expect, test } from 'vitest';
import { parseText } from '../input/text.ts';
import { sampleText } from '../testing/sampleText.ts';
import { agreement, agreementSetup, evenlySpaced } from './agreement.ts';
import { cosineNeighbours, unitRows } from './cosine.ts';
import { CONTEXT_POWER, ppmiNeighbours, ppmiRows } from './ppmi.ts';
import { overlapAt, topK } from './topK.ts';

const parsed = parseText(sampleText(6000, 400), { vocabulary: 120, window: 2, lowercase: true });
if (!parsed.ok) throw new Error(parsed.error);
const { a, b, rows, items } = parsed.corpus.pairs;

/** Dense PPMI by the definition, then cosines: [rows][rows]. */
function bruteCosines(): number[][] {
  const n = Array.from({ length: rows }, () => new Float64Array(items));
  for (let j = 0; j < a.length; j++) n[a[j]][b[j]]++;
  const rowSum = n.map((r) => r.reduce((s, x) => s + x, 0));
  const colSum = Array.from({ length: items }, (_, c) => n.reduce((s, r) => s + r[c], 0));
  const total = a.length;
  const smoothed = colSum.map((x) => Math.pow(x, CONTEXT_POWER));
  const z = smoothed.reduce((s, x) => s + x, 0);
  const ppmi = n.map((r, w) =>
    Array.from(r, (x, c) => (x > 0 ? Math.max(0, Math.log(x / total / ((rowSum[w] / total) * (smoothed[c] / z)))) : 0)),
  );
  const norm = ppmi.map((r) => Math.hypot(...r));
  return ppmi.map((r, w) =>
    ppmi.map((s, v) => (norm[w] && norm[v] ? r.reduce((acc, x, c) => acc + x * s[c], 0) / (norm[w] * norm[v]) : 0)),
  );
}

describe('reference of meaning: PPMI rows', () => {
  const m = ppmiRows(a, b, rows, items);
  const cos = bruteCosines();

  test('the sparse rows are the unit-normalised PPMI rows of the definition', () => {
    expect(m.start[rows]).toBe(m.col.length);
    for (let w = 0; w < rows; w++) {
      let sq = 0;
      for (let i = m.start[w]; i < m.start[w + 1]; i++) {
        expect(m.val[i]).toBeGreaterThan(0);
        if (i > m.start[w]) expect(m.col[i]).toBeGreaterThan(m.col[i - 1]);
        sq += m.val[i] ** 2;
      }
      if (m.start[w + 1] > m.start[w]) expect(sq).toBeCloseTo(1, 5);
    }
    expect(Array.from(m.count)).toEqual(Array.from({ length: rows }, (_, w) => a.filter((x) => x === w).length));
  });

  test('each word’s k nearest neighbours equal the brute-force ones (where no tie decides)', () => {
    const k = 8;
    let compared = 0;
    for (let q = 0; q < rows; q++) {
      const order = Array.from({ length: rows }, (_, v) => v)
        .filter((v) => v !== q && cos[q][v] > 0)
        .sort((x, y) => cos[q][y] - cos[q][x] || x - y);
      const got = ppmiNeighbours(m, q, k);
      if (order.length <= k || cos[q][order[k - 1]] - cos[q][order[k]] < 1e-5) continue;
      expect(got, `word ${q}`).toEqual(order.slice(0, k));
      compared++;
    }
    expect(compared).toBeGreaterThan(rows / 2);
  });

  test('excluded rows and rows beyond the candidates are never neighbours', () => {
    const got = ppmiNeighbours(m, 5, 10, (r) => r === 0 || r >= 60);
    expect(got).not.toContain(0);
    expect(got.every((r) => r < 60 && r !== 5)).toBe(true);
  });
});

describe('top-k, overlap and agreement', () => {
  test('topK: the k largest, best first, ties by index, NaN and skipped rows never', () => {
    const s = [0.5, 2, NaN, 2, -1, 7, 0.5];
    expect(topK(s.length, 3, (i) => s[i])).toEqual([5, 1, 3]);
    expect(
      topK(
        s.length,
        3,
        (i) => s[i],
        (i) => i === 5,
      ),
    ).toEqual([1, 3, 0]);
    expect(topK(s.length, 0, (i) => s[i])).toEqual([]);
    expect(topK(2, 5, (i) => s[i])).toEqual([1, 0]);
    const random = Array.from(
      { length: 500 },
      (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453),
    );
    const sorted = Array.from(random.keys()).sort((x, y) => random[y] - random[x]);
    expect(topK(500, 20, (i) => random[i])).toEqual(sorted.slice(0, 20));
  });

  test('overlap@k counts shared items; evenly spaced picks', () => {
    expect(overlapAt(4, [1, 2, 3, 4], [4, 3, 9, 8])).toBe(0.5);
    expect(overlapAt(2, [1, 2, 3], [3, 1])).toBe(0.5);
    expect(evenlySpaced([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(
      evenlySpaced(
        Array.from({ length: 10 }, (_, i) => i),
        2,
      ),
    ).toEqual([2, 7]);
  });

  test('a table that is the PPMI rows agrees fully; a scrambled one about as chance', () => {
    const m = ppmiRows(a, b, rows, items);
    const setup = agreementSetup(m, [2, 12], new Set([0]), 5, 20, 60);
    // Row 0 is excluded: the head (rows 0–1) keeps one query.
    expect(setup.queries.map((q) => q.length)).toEqual([1, 10, 20]);
    expect(setup.queries.flat()).not.toContain(0);
    // The PPMI rows themselves as a dense table: its cosines are the reference's.
    const dense = new Float32Array(rows * items);
    for (let w = 0; w < rows; w++)
      for (let i = m.start[w]; i < m.start[w + 1]; i++) dense[w * items + m.col[i]] = m.val[i];
    const same = agreement(setup, unitRows(dense, items, 0, rows), items);
    expect(same).toEqual([1, 1, 1]);
    // Rows shuffled: a word's vector is another word's.
    const shuffled = new Float32Array(dense.length);
    for (let w = 0; w < rows; w++)
      shuffled.set(dense.subarray(((w * 37 + 11) % rows) * items, (((w * 37 + 11) % rows) + 1) * items), w * items);
    const scrambled = agreement(setup, unitRows(shuffled, items, 0, rows), items);
    for (const x of scrambled) expect(x).toBeLessThan(0.4);
    // Neighbours in a table: the same rows as the reference for the dense PPMI table.
    const q = setup.queries[1][0];
    expect(new Set(cosineNeighbours(unitRows(dense, items, 0, rows), items, q, 5, 60, (r) => r === 0).rows)).toEqual(
      new Set(setup.reference[1][0]),
    );
  });
});
