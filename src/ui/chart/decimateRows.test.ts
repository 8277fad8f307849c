import { expect, test } from 'vitest';
import { decimateRows, lttb } from './decimateRows.ts';

test('lttb keeps the first and last point, at most target points, and a lone spike', () => {
  const n = 5000;
  const xs = Array.from({ length: n }, (_, i) => i);
  const ys = xs.map((i) => (i === 2717 ? 50 : Math.sin(i / 300)));
  const kept = lttb(xs, [ys], 300);
  expect(kept.length).toBe(300);
  expect(kept[0]).toBe(0);
  expect(kept.at(-1)).toBe(n - 1);
  expect(kept).toContain(2717);
  expect([...kept].sort((a, b) => a - b)).toEqual(kept); // in order, no repeats
  expect(new Set(kept).size).toBe(kept.length);
});

test('lttb thins series over the same xs together: one set of rows, each series’ spike kept', () => {
  const xs = Array.from({ length: 3000 }, (_, i) => i);
  const a = xs.map((i) => (i === 700 ? 40 : Math.exp(-i / 900)));
  const b = xs.map((i) => (i === 2100 ? 40 : 2 * Math.exp(-i / 400)));
  const kept = lttb(xs, [a, b], 200);
  expect(kept.length).toBe(200);
  expect(kept).toContain(700);
  expect(kept).toContain(2100);
});

test('lttb leaves short series whole', () => {
  expect(lttb([0, 1, 2], [[3, 1, 2]], 300)).toEqual([0, 1, 2]);
});

test('decimateRows thins each family of series on its own rows, keeps band bounds with their line, drops values a log axis cannot draw', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => ({
    x: i,
    a: Math.exp(-i / 500),
    c: 2 * Math.exp(-i / 300),
    lo: Math.exp(-i / 500) / 2,
    hi: Math.exp(-i / 500) * 2,
    // b: only on every 4th row (another run's steps), one zero and one NaN.
    b: i % 4 === 0 ? (i === 400 ? 0 : i === 800 ? NaN : 1 / (i + 1)) : null,
    none: null,
  }));
  const families = decimateRows(rows, [{ key: 'a', with: ['lo', 'hi'] }, { key: 'b' }, { key: 'c' }, { key: 'none' }], {
    target: 100,
  });
  // a and c share their rows (one family, with a's bounds); b is its own; 'none' has nothing to draw.
  expect(families.map((f) => f.keys)).toEqual([['a', 'lo', 'hi', 'c'], ['b']]);
  const [ac, b] = families;
  expect(ac.rows.length).toBe(100);
  expect(b.rows.length).toBe(100);
  expect(ac.rows.every((r) => r.a != null && r.lo != null && r.hi != null && r.c != null && !('b' in r))).toBe(true);
  expect(b.rows.some((r) => r.x === 400 || r.x === 800)).toBe(false);
  for (const f of families) expect(f.rows.map((r) => r.x)).toEqual([...f.rows.map((r) => r.x!)].sort((p, q) => p - q));
  // Every kept value is the row's own.
  for (const r of ac.rows) expect(r.a).toBe(Math.exp(-r.x! / 500));
  // On a linear axis, the zero is drawable.
  const [linear] = decimateRows(rows, [{ key: 'b' }], { target: 1000, yLog: false });
  expect(linear.rows.some((r) => r.x === 400 && r.b === 0)).toBe(true);
});

test('decimateRows keeps a group its own number of points (a smooth curve needs fewer)', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => ({ x: i, a: Math.exp(-i / 500), t: i % 2 ? null : 1 / (i + 1) }));
  const [a, t] = decimateRows(rows, [{ key: 'a' }, { key: 't', target: 30 }], { target: 300 });
  expect([a.keys, a.rows.length]).toEqual([['a'], 300]);
  expect([t.keys, t.rows.length]).toEqual([['t'], 30]);
  expect([t.rows[0].x, t.rows[29].x]).toEqual([0, 1998]); // first and last kept
});
