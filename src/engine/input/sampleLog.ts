// A realistic interaction log to try the "bring your own data" flow without data, and to test and
// benchmark the parser: users and items drawn from Zipf distributions (a few very active users and
// popular items, a long tail of both), ratings 1–5 from a planted low-rank taste model plus noise,
// increasing timestamps. Deterministic for a seed; the same alias sampler and RNG as training.

import { buildAliasTable, sampleAlias } from '../sampling/aliasTable.ts';
import { probabilities } from '../sampling/distributions.ts';
import { draw, normalDraw, sampleKey } from '../sampling/rng.ts';

export interface SampleLogOptions {
  users: number;
  items: number;
  interactions: number;
  seed: number;
  /** Zipf exponents of user activity and item popularity. */
  userS?: number;
  itemS?: number;
}

/**
 * The sample log of the page: about MovieLens-1M's density (each tail user still has a few
 * ratings), small enough to parse in a second.
 */
export const SAMPLE_LOG: SampleLogOptions = { users: 2000, items: 1000, interactions: 200_000, seed: 1 };

/** Rank of the planted taste model behind the ratings. */
const TASTE_DIM = 4;

/** A name that does not give away the rank (an odd multiplier permutes 32-bit ids). */
const name = (k: number, prefix: string) => `${prefix}${(Math.imul(k + 1, 0x9e3779b1) >>> 0).toString(36)}`;

/** CSV text with a header: user_id,item_id,rating,timestamp. Ids are shuffled names, not ranks. */
export function sampleLog(o: SampleLogOptions): string {
  const users = buildAliasTable(probabilities({ kind: 'zipf', s: o.userS ?? 1.1 }, o.users));
  const items = buildAliasTable(probabilities({ kind: 'zipf', s: o.itemS ?? 1.1 }, o.items));
  // Taste vectors, one per user and item rank, from the seed.
  const taste = (table: number, k: number, j: number) =>
    normalDraw(sampleKey(o.seed, table, k), 2 * j) / Math.sqrt(TASTE_DIM);
  const lines = ['user_id,item_id,rating,timestamp'];
  const start = 1_700_000_000;
  // A user rates an item once: a repeated pair is drawn again (a few times at most; after that the
  // repeat stays, as it would in a log that has them).
  const seen = new Set<number>();
  for (let i = 0; i < o.interactions; i++) {
    let base = 0;
    let [u, v] = [0, 0];
    for (let attempt = 0; attempt < 8; attempt++) {
      base = sampleKey(o.seed, 0x10000 + attempt, i);
      u = sampleAlias(users, draw(base, 0), draw(base, 1));
      v = sampleAlias(items, draw(base, 2), draw(base, 3));
      if (!seen.has(u * o.items + v)) break;
    }
    seen.add(u * o.items + v);
    let dot = 0;
    for (let j = 0; j < TASTE_DIM; j++) dot += taste(1, u, j) * taste(2, v, j);
    const rating = Math.min(5, Math.max(1, Math.round(3 + 1.5 * dot + 0.5 * normalDraw(base, 4))));
    lines.push(`${name(u, 'u')},${name(v, 'i')},${rating},${start + i * 7}`);
  }
  return lines.join('\n') + '\n';
}
