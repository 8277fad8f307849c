// The meaning room's pure parts: what a typed row means (and every refusal), the rows offered per
// bucket, the typeset update rules (real updates of every optimizer, rendered by KaTeX without an
// error, with their numbers in them), and the projection's spread.

import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { PRESETS } from '../../engine/config.ts';
import { rowUpdate } from '../../engine/meaning/rowUpdate.ts';
import { stateWordsPerRow } from '../../engine/optimizers.ts';
import { prepareRun } from '../../engine/workloads/registry.ts';
import { pickRow, suggestedRows } from './pickRow.ts';
import { agreementRange, agreementRows, spreadByBucket } from './rows.ts';
import { ruleTex, texNum } from './ruleTex.ts';

const names = ['the', 'of', 'said', '1959', '(other words)', 'wagon', 'Über', 'x'];

describe('picking a row', () => {
  test('a word by its name (exact first, then ignoring case), a rank, an id', () => {
    expect(pickRow('said', 8, names)).toEqual({ ok: true, row: 2 });
    expect(pickRow('  WAGON ', 8, names)).toEqual({ ok: true, row: 5 });
    expect(pickRow('über', 8, names)).toEqual({ ok: true, row: 6 });
    expect(pickRow('#2', 8, names)).toEqual({ ok: true, row: 1 });
    expect(pickRow('id 7', 8, names)).toEqual({ ok: true, row: 7 });
    // A word that looks like a number is the word; '#' makes it a rank.
    expect(pickRow('1959', 8, names)).toEqual({ ok: true, row: 3 });
    expect(pickRow('3', 8, null)).toEqual({ ok: true, row: 2 });
  });

  test('everything else is refused with a message that says what works', () => {
    const refuse = (t: string, ns: string[] | null = names, ex: number[] = [4]) => {
      const p = pickRow(t, 8, ns, ex);
      expect(p.ok).toBe(false);
      return p.ok ? '' : p.error;
    };
    expect(refuse('')).toMatch(/^Type a word, a rank from 1 to 8 \(e\.g\. #12\) or an id from 0 to 7/);
    expect(refuse('#9')).toMatch(/^Rank 9 is not in this run\./);
    expect(refuse('#0')).toMatch(/^Rank 0 is not in this run\./);
    expect(refuse('id 8')).toMatch(/^Id 8 is not in this run\./);
    expect(refuse('qwerty')).toMatch(/^“qwerty” is not one of the 8 words of this run/);
    expect(refuse('(other words)')).toMatch(/stands for the words outside the vocabulary/);
    expect(refuse('#5')).toMatch(/stands for the words outside the vocabulary/);
    expect(refuse('said', null)).toMatch(/^Type a rank from 1 to 8/);
    expect(refuse('#99999999999999999999')).toMatch(/is not in this run/);
  });

  test('suggestions: a few rows of each bucket, never an excluded row, only word-like names', () => {
    // "of" (two letters) and "1959" (digits) are not offered.
    expect(suggestedRows(8, [2, 4], names, [4], 2)).toEqual([[0], [2], [5, 6]]);
    expect(suggestedRows(100, [1, 10], null, [], 3)).toEqual([[0], [2, 5, 8], [25, 55, 85]]);
  });
});

describe('update rules, typeset', () => {
  test('every optimizer’s rule renders, with η, its boost or accumulator and the norms substituted', async () => {
    // The first step from the initial table (the state a run starts in), for a row it holds.
    const config = { ...PRESETS.zipf.config, rows: 300, dim: 8, batch: 256 };
    const data = prepareRun(config);
    const start = {
      step: 0,
      tables: config.lanes.map(() => Float32Array.from(data.init)),
      states: config.lanes.map((l) => new Float32Array(data.rows * stateWordsPerRow(l.optimizer, config.dim))),
      counters: [new Uint32Array(data.rows + 1)],
    };
    const u = rowUpdate(data, start, 40)!;
    expect(u).not.toBeNull();
    const tex = u.lanes.map(ruleTex);
    for (const x of tex) expect(() => katex.renderToString(x, { throwOnError: true, displayMode: true })).not.toThrow();
    const [sgd, fa, cf, row, coord] = tex;
    expect(sgd).toContain(`\\theta_k - ${texNum(config.lanes[0].lr)}\\, g_k`);
    expect(fa).toContain(`(${texNum(data.pmax)}/${texNum(data.rowFreq[40])})^{0.5}, 20`);
    const f = u.lanes[2].factor;
    expect(f.kind === 'counter' && cf.includes(`n_k \\leftarrow ${texNum(f.nk - f.added)} + ${texNum(f.added)}`)).toBe(
      true,
    );
    expect(row).toContain('\\sqrt{s_k}');
    expect(coord).toContain('geometric mean');
    for (const x of tex) expect(x).toMatch(/\\lVert g_k\\rVert = [\d.]+(\\cdot 10\^\{-\d+\})?/);
  });

  test('numbers in TeX: three digits, powers of ten outside [0.001, 100 000)', () => {
    expect(texNum(0.123456)).toBe('0.123');
    expect(texNum(2.5e-5)).toBe('2.5\\cdot 10^{-5}');
    expect(texNum(1e-8)).toBe('10^{-8}');
    expect(texNum(41230)).toBe('41{,}230');
    expect(texNum(NaN)).toBe('\\text{—}');
  });
});

describe('rows and spreads', () => {
  test('agreement rows per lane by step, non-finite values as gaps; a range from 0 past chance', () => {
    const rows = agreementRows(
      [
        {
          step: 10,
          lanes: [
            [0.1, 0.2, 0.3],
            [0.2, NaN, 0.4],
          ],
        },
        {
          step: 20,
          lanes: [
            [0.5, 0.2, 0.3],
            [0.2, 0.1, 0.4],
          ],
        },
      ],
      1,
      2,
    );
    expect(rows).toEqual([
      { x: 10, l0: 0.2, l1: null },
      { x: 20, l0: 0.2, l1: 0.1 },
    ]);
    expect(agreementRange([rows], 0.02)).toEqual([0, 0.3]);
    expect(agreementRange([[]], 0.5)).toEqual([0, 0.9]);
  });

  test('spread: a huddle far from the middle is still a huddle', () => {
    // Tail points (bucket 2) in a tight clump at (10, 10); head points spread around the origin.
    const xy = [1, 0, -1, 0, 0, 1, 0, -1, 10, 10, 10.1, 10, 10, 10.1];
    const spread = spreadByBucket(xy, [0, 0, 0, 0, 2, 2, 2]);
    expect(spread[0]).toBeCloseTo(1, 9);
    expect(spread[2]).toBeLessThan(0.1);
    expect(spread[1]).toBeNaN();
  });
});
