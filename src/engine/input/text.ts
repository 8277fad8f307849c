// Plain text as training data for skip-gram embeddings: words (Unicode word segmentation,
// optionally lower-cased), the N most frequent kept and every other word in one bucket, and the
// (word, context) pairs within a window. Words are rows by frequency rank in both tables (word
// embeddings, then context embeddings), so head, torso and tail are rank ranges as elsewhere.

import { fitZipf, type ZipfFit } from './zipfFit.ts';
import type { PairData } from './pairData.ts';

export interface TextOptions {
  /** Words kept (the most frequent); the rest share one row, OTHER. */
  vocabulary: number;
  /** Context words on each side of a word. */
  window: number;
  lowercase: boolean;
  /** Called now and then with the fraction of the text read. */
  progress?: (fraction: number) => void;
}

export const DEFAULT_TEXT_OPTIONS: TextOptions = { vocabulary: 5000, window: 2, lowercase: true };

/** Largest text accepted, in characters. */
export const MAX_TEXT_CHARS = 64 * 2 ** 20;
/** Most (word, context) pairs (8 bytes each on the GPU: 64 MiB). */
export const MAX_TEXT_PAIRS = 8 * 2 ** 20;
/** Row name of the bucket of words outside the vocabulary. */
export const OTHER = '(other words)';

export interface TextCorpus {
  /** Row names by rank: the kept words and, when some words were left out, OTHER. */
  rows: string[];
  /** Occurrences of each row (non-increasing). */
  rowCounts: Uint32Array;
  /** Occurrences of every distinct word by rank (for the rank-frequency chart), and the words. */
  wordCounts: Uint32Array;
  words: string[];
  /** Words in the text. */
  tokens: number;
  /** Share of the words that fell into OTHER. */
  otherShare: number;
  /** The skip-gram pairs (implicit: no ratings). */
  pairs: PairData;
  /** Zipf's law fitted to the rank-frequency curve. */
  zipf: ZipfFit;
}

export type ParsedText = { ok: true; corpus: TextCorpus } | { ok: false; error: string };

/** Characters segmented at a time: V8's segmenter slows down quadratically on long strings. */
const SLICE = 512;

/** Words of a text: Unicode word segmentation (UAX #29; dictionaries for scripts without spaces). */
export function words(text: string, lowercase: boolean, progress?: (fraction: number) => void): string[] {
  const out: string[] = [];
  const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
  let reported = 0;
  for (let at = 0; at < text.length;) {
    // Cut at a space shortly after SLICE characters; in scripts without spaces, at SLICE (never
    // inside a surrogate pair), which may split one word in a few hundred.
    let end = Math.min(text.length, at + SLICE);
    const space = text.slice(end, end + 64).search(/\s/);
    if (space >= 0) end += space + 1;
    else if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
    for (const s of segmenter.segment(text.slice(at, end)))
      if (s.isWordLike) out.push(lowercase ? s.segment.toLowerCase() : s.segment);
    at = end;
    if (progress && at - reported > 1 << 20) progress((reported = at) / text.length);
  }
  return out;
}

/** Σ over positions i < n of min(w, i): the context words to the left of every word. */
const leftContexts = (n: number, w: number) => (n <= w ? (n * (n - 1)) / 2 : n * w - (w * (w + 1)) / 2);

/** Reads a text into skip-gram pairs (see the file comment), or says why it cannot. */
export function parseText(text: string, o: TextOptions): ParsedText {
  const fail = (error: string): ParsedText => ({ ok: false, error });
  if (text.length > MAX_TEXT_CHARS)
    return fail(
      `The text has ${(text.length / 2 ** 20).toFixed(0)} M characters; the limit is ${MAX_TEXT_CHARS / 2 ** 20} M.`,
    );
  if (text.includes('\u0000')) return fail('This looks like a binary file, not plain text.');
  if (!Number.isInteger(o.vocabulary) || o.vocabulary < 2 || o.vocabulary > 1_000_000)
    return fail(`The vocabulary must be a whole number from 2 to 1,000,000 (got ${o.vocabulary}).`);
  if (!Number.isInteger(o.window) || o.window < 1 || o.window > 10)
    return fail(`The window must be a whole number from 1 to 10 (got ${o.window}).`);
  const seq = words(text, o.lowercase, o.progress);
  if (seq.length < 2) return fail('The text has fewer than two words.');
  const pairCount = 2 * leftContexts(seq.length, o.window);
  if (pairCount > MAX_TEXT_PAIRS)
    return fail(
      `The text gives ${pairCount.toLocaleString('en-US')} word–context pairs with a window of ${o.window}; the limit is ${MAX_TEXT_PAIRS.toLocaleString('en-US')}. Use a smaller window or a shorter text.`,
    );

  // Distinct words by count (ties: first appearance), then the kept ones and the bucket.
  const idOf = new Map<string, number>();
  const ids = new Uint32Array(seq.length);
  const counts: number[] = [];
  seq.forEach((w, i) => {
    let id = idOf.get(w);
    if (id === undefined) idOf.set(w, (id = counts.push(0) - 1));
    counts[id]++;
    ids[i] = id;
  });
  const names = [...idOf.keys()];
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  const wordCounts = Uint32Array.from(order, (id) => counts[id]);
  const kept = Math.min(o.vocabulary, order.length);
  const otherCount = seq.length - wordCounts.subarray(0, kept).reduce((a, b) => a + b, 0);
  // Rows: kept words and OTHER, by count.
  const rowsUnsorted = [
    ...order.slice(0, kept).map((id) => ({ name: names[id], count: counts[id] })),
    ...(otherCount > 0 ? [{ name: OTHER, count: otherCount }] : []),
  ];
  const rowOrder = rowsUnsorted.map((_, r) => r).sort((a, b) => rowsUnsorted[b].count - rowsUnsorted[a].count || a - b);
  const rowOfSlot = new Uint32Array(rowsUnsorted.length);
  rowOrder.forEach((slot, r) => (rowOfSlot[slot] = r));
  const otherRow = otherCount > 0 ? rowOfSlot[kept] : -1;
  const rowOfId = new Uint32Array(order.length);
  order.forEach((id, rank) => (rowOfId[id] = rank < kept ? rowOfSlot[rank] : otherRow));

  const a = new Uint32Array(pairCount);
  const b = new Uint32Array(pairCount);
  let p = 0;
  for (let i = 0; i < seq.length; i++)
    for (let off = -o.window; off <= o.window; off++) {
      const j = i + off;
      if (off === 0 || j < 0 || j >= seq.length) continue;
      a[p] = rowOfId[ids[i]];
      b[p] = rowOfId[ids[j]];
      p++;
    }
  const rows = rowOrder.map((slot) => rowsUnsorted[slot].name);
  return {
    ok: true,
    corpus: {
      rows,
      rowCounts: Uint32Array.from(rowOrder, (slot) => rowsUnsorted[slot].count),
      wordCounts,
      words: order.map((id) => names[id]),
      tokens: seq.length,
      otherShare: otherCount / seq.length,
      pairs: { rows: rows.length, items: rows.length, a, b, y: null },
      zipf: fitZipf(wordCounts),
    },
  };
}
