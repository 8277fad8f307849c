import { expect, test } from 'vitest';
import { SEGMENT } from '../step.ts';
import { reduceRows } from './reduceRows.ts';

test('reduceRows: a run across segments is the sum of its parts in order, at its start position', () => {
  // Runs: row 0 ×10, row 1 × (2·SEGMENT + 10) spanning three segments, row 2 ×5.
  const lengths = [10, 2 * SEGMENT + 10, 5];
  const keys = Uint32Array.from(lengths.flatMap((n, k) => Array(n).fill(k)));
  const O = keys.length;
  // Occurrences in a shuffled order (vals[q]: the occurrence at sorted position q).
  const vals = Uint32Array.from({ length: O }, (_, q) => (q * 37) % O);
  const d = 2;
  const G = Float64Array.from({ length: O * d }, (_, i) => Math.sin(i) * 1e3 + 1 / (i + 1));
  const out = reduceRows(keys, vals, G, d);
  const row = (q: number, j: number) => G[vals[q] * d + j];
  for (let j = 0; j < d; j++) {
    // The long run starts at 10: parts [10, SEGMENT), [SEGMENT, 2·SEGMENT), [2·SEGMENT, its end).
    const part = (a: number, b: number) => {
      let s = 0;
      for (let q = a; q < b; q++) s += row(q, j);
      return s;
    };
    const end = 10 + lengths[1];
    expect(out[10 * d + j]).toBe(part(10, SEGMENT) + part(SEGMENT, 2 * SEGMENT) + part(2 * SEGMENT, end));
    expect(out[0 * d + j]).toBe(part(0, 10));
    expect(out[end * d + j]).toBe(part(end, O));
    // A position that starts no part holds nothing.
    expect(out[11 * d + j]).toBe(0);
  }
});
