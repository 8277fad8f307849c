// Token counts from pasted or uploaded text: one count per line, or `token,count` (comma, tab or
// semicolon; `count token` as printed by `uniq -c` works too). Blank lines and lines starting with
// '#' are skipped; a first line without a number is taken as a header. Nothing is evaluated.

import { MAX_COUNT_TOKENS } from '../sampling/distributions.ts';

/** Largest text accepted, in characters (about bytes for count files). */
export const MAX_COUNTS_TEXT = 20 * 2 ** 20;

export type ParsedCounts = { ok: true; counts: number[]; notes: string[] } | { ok: false; error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const fail = (error: string): ParsedCounts => ({ ok: false, error });
const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** The count and token name of one line, or the reason it has none. */
function splitLine(line: string): { token: string | null; count: string } {
  const fields = line.split(/[,;\t]/).map((s) => s.trim());
  if (fields.length > 1) return { token: fields.slice(0, -1).join(','), count: fields[fields.length - 1] };
  const words = line.trim().split(/\s+/);
  if (words.length === 2 && !NUMBER.test(words[1]) && NUMBER.test(words[0]))
    return { token: words[1], count: words[0] };
  if (words.length === 2) return { token: words[0], count: words[1] };
  return { token: null, count: line.trim() };
}

export function parseCounts(text: string): ParsedCounts {
  if (text.length > MAX_COUNTS_TEXT)
    return fail(`The text is ${(text.length / 2 ** 20).toFixed(1)} MB; the limit is ${MAX_COUNTS_TEXT / 2 ** 20} MB.`);
  if (text.includes('\u0000') || text.includes('\uFFFD'))
    return fail('This looks like a binary file, not text with one count per line.');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const counts: number[] = [];
  const seen = new Map<string, number>();
  const notes: string[] = [];
  let zeros = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = `Line ${i + 1}`;
    const { token, count } = splitLine(line);
    if (!NUMBER.test(count)) {
      if (counts.length === 0 && zeros === 0 && notes.length === 0) {
        notes.push(`Line ${i + 1} ("${clip(line)}") was read as a header.`);
        continue;
      }
      return fail(`${at}: "${clip(count)}" is not a number. Write one count per line, or token,count.`);
    }
    const value = Number(count);
    if (!Number.isFinite(value)) return fail(`${at}: ${clip(count)} is too large.`);
    if (value < 0) return fail(`${at}: the count ${count} is negative; counts must be 0 or more.`);
    if (token !== null) {
      const before = seen.get(token);
      if (before !== undefined) return fail(`${at}: token "${clip(token)}" already appeared on line ${before}.`);
      seen.set(token, i + 1);
    }
    if (value === 0) zeros++;
    else counts.push(value);
    if (counts.length + zeros > MAX_COUNT_TOKENS)
      return fail(`More than ${MAX_COUNT_TOKENS.toLocaleString('en-US')} tokens; that is the limit.`);
  }
  if (counts.length === 0 && zeros === 0) return fail('No counts found. Write one count per line, or token,count.');
  if (counts.length === 0) return fail('All counts are zero: at least two tokens must occur.');
  if (counts.length < 2) return fail(`At least two tokens need a count above 0 (found ${counts.length}).`);
  if (zeros > 0) notes.push(`${zeros} token${zeros > 1 ? 's' : ''} with count 0 left out (never sampled).`);
  return { ok: true, counts, notes };
}
