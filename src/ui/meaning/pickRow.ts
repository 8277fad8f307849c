// Which row a person means: a word (or user) by its name, a rank ("#12", or "12" when no name is
// 12), or a 0-based id ("id 11"); every other text is refused with a message that says what would
// work. Also the rows offered one click away: a few from each bucket, so a rare word is as easy to
// pick as a frequent one. Pure functions (unit-tested).

import { evenlySpaced } from '../../engine/meaning/agreement.ts';

export type Picked = { ok: true; row: number } | { ok: false; error: string };

const n = (x: number) => x.toLocaleString('en-US');

/** The row `text` names among `rows` rows (names by rank, when the data has them). */
export function pickRow(text: string, rows: number, names: string[] | null, excluded: number[] = []): Picked {
  const t = text.trim().slice(0, 200);
  const unit = names ? 'a word' : 'a row';
  const how = `Type ${names ? 'a word, ' : ''}a rank from 1 to ${n(rows)} (e.g. #12) or an id from 0 to ${n(rows - 1)} (e.g. id 11).`;
  if (t === '') return { ok: false, error: how };
  const checked = (row: number): Picked =>
    excluded.includes(row)
      ? {
          ok: false,
          error: `${names?.[row] ? `“${names[row]}”` : `Row ${n(row)}`} stands for the words outside the vocabulary, not for ${unit}. ${how}`,
        }
      : { ok: true, row };
  if (names) {
    const exact = names.indexOf(t);
    if (exact >= 0) return checked(exact);
  }
  const rank = /^#?\s*(\d+)$/.exec(t);
  const id = /^id\s*(\d+)$/i.exec(t);
  if (rank || id) {
    const v = Number((rank ?? id)![1]);
    const row = rank ? v - 1 : v;
    if (!Number.isSafeInteger(row) || row < 0 || row >= rows)
      return { ok: false, error: `${rank ? `Rank ${n(v)}` : `Id ${n(v)}`} is not in this run. ${how}` };
    return checked(row);
  }
  if (names) {
    const lower = t.toLowerCase();
    const loose = names.findIndex((w) => w.toLowerCase() === lower);
    if (loose >= 0) return checked(loose);
    return {
      ok: false,
      error: `“${t}” is not one of the ${n(rows)} words of this run (rarer words share one row). ${how}`,
    };
  }
  return { ok: false, error: how };
}

/**
 * `perBucket` rows of each bucket (head, torso, tail) evenly spaced in rank, never an excluded
 * row; with names, only names of letters (at least three), which read as words.
 */
export function suggestedRows(
  rows: number,
  bounds: [number, number],
  names: string[] | null,
  excluded: number[],
  perBucket = 3,
): number[][] {
  const ends = [0, bounds[0], bounds[1], rows];
  const wordy = (r: number) => !names || /^\p{L}{3,}$/u.test(names[r] ?? '');
  return [0, 1, 2].map((b) => {
    const all: number[] = [];
    for (let r = ends[b]; r < ends[b + 1]; r++) if (!excluded.includes(r) && wordy(r)) all.push(r);
    return evenlySpaced(all, perBucket);
  });
}
