import { describe, expect, test } from 'vitest';
import { probabilities } from '../sampling/distributions.ts';
import { MAX_TEXT_PAIRS, OTHER, parseText, words } from './text.ts';
import { fitZipf } from './zipfFit.ts';

const options = { vocabulary: 100, window: 2, lowercase: true };

describe('text: words, vocabulary and skip-gram pairs', () => {
  test('words are Unicode words, lower-cased when asked; punctuation and spaces are not words', () => {
    expect(words('Straße, café — NAÏVE! «Über» 3,5 km; don’t', true)).toEqual([
      'straße',
      'café',
      'naïve',
      'über',
      '3,5',
      'km',
      'don’t',
    ]);
    expect(words('Über über', false)).toEqual(['Über', 'über']);
    // Scripts without spaces are segmented by dictionary.
    expect(words('東京は晴れです', true).length).toBeGreaterThan(1);
  });

  test('pairs are (word, context) within the window, rows by frequency rank', () => {
    const r = parseText('a b a c', { ...options, window: 1 });
    if (!r.ok) throw new Error(r.error);
    const c = r.corpus;
    expect(c.rows).toEqual(['a', 'b', 'c']);
    expect(Array.from(c.rowCounts)).toEqual([2, 1, 1]);
    const pairs = Array.from(c.pairs.a, (w, j) => `${c.rows[w]}-${c.rows[c.pairs.b[j]]}`);
    expect(pairs).toEqual(['a-b', 'b-a', 'b-a', 'a-b', 'a-c', 'c-a']);
    expect(c.pairs.y).toBeNull();
    expect(c.pairs.rows).toBe(3);
    expect(c.pairs.items).toBe(3);
    // A window wider than the text.
    const wide = parseText('x y', { ...options, window: 5 });
    expect(wide.ok && Array.from(wide.corpus.pairs.a)).toEqual([0, 1]);
  });

  test('words outside the vocabulary share one row, ranked by its count', () => {
    const text = 'the cat the dog the end a b c d e f';
    const r = parseText(text, { ...options, vocabulary: 2 });
    if (!r.ok) throw new Error(r.error);
    // Kept: "the" (3) and "cat" (1, first seen); the other 8 words are one row of 8.
    expect(r.corpus.rows).toEqual([OTHER, 'the', 'cat']);
    expect(Array.from(r.corpus.rowCounts)).toEqual([8, 3, 1]);
    expect(r.corpus.otherShare).toBeCloseTo(8 / 12, 12);
    expect(r.corpus.wordCounts.length).toBe(10);
  });

  test('refused: no words, binary bytes, too many pairs, bad options', () => {
    expect(parseText('  ,.; ', options)).toEqual({ ok: false, error: 'The text has fewer than two words.' });
    expect(parseText('abc\u0000def', options).ok).toBe(false);
    const long = 'w '.repeat(MAX_TEXT_PAIRS / 4 + 10);
    const r = parseText(long, options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/word–context pairs with a window of 2; the limit is/);
    expect(parseText('a b', { ...options, window: 0 }).ok).toBe(false);
    expect(parseText('a b', { ...options, vocabulary: 1 }).ok).toBe(false);
  });

  test('the Zipf fit finds the exponent of exact Zipf counts', () => {
    const counts = Array.from(probabilities({ kind: 'zipf', s: 1.2 }, 2000), (p) => Math.round(p * 1e7));
    const fit = fitZipf(counts);
    expect(fit.s).toBeCloseTo(1.2, 2);
    expect(Math.exp(fit.logC) / counts[0]).toBeCloseTo(1, 2);
    expect(fit.r2).toBeGreaterThan(0.999);
    expect(fitZipf([5, 1, 1]).s).toBeNaN();
  });

  test('the Zipf fit hardly moves with the length of a text drawn from one law (least squares over every rank drifted)', () => {
    // Word counts of texts of 100k and 800k words drawn from Zipf s = 1.1 over 50,000 words.
    const p = probabilities({ kind: 'zipf', s: 1.1 }, 50_000);
    const cdf = new Float64Array(p.length);
    p.reduce((a, x, i) => (cdf[i] = a + x), 0);
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const draw = (words: number) => {
      const c = new Float64Array(p.length);
      for (let i = 0; i < words; i++) {
        const u = rand();
        let [a, b] = [0, p.length - 1];
        while (a < b) {
          const m = (a + b) >> 1;
          if (cdf[m] < u) a = m + 1;
          else b = m;
        }
        c[a]++;
      }
      return Array.from(c).sort((x, y) => y - x);
    };
    const [short, long] = [fitZipf(draw(100_000)), fitZipf(draw(800_000))];
    expect(short.ranks).toBe(1000);
    expect(Math.abs(short.s - 1.1)).toBeLessThan(0.03);
    expect(Math.abs(long.s - 1.1)).toBeLessThan(0.03);
    expect(Math.abs(short.s - long.s)).toBeLessThan(0.03);
  });
});
