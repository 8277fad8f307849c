// A person's own data as the engines take it: pairs (first-table row, second-table row) with an
// optional rating. An interaction log gives (user, item[, rating]); a text gives (word, context)
// pairs. Rows are numbered by frequency rank in the whole data (0 = most frequent), so head,
// torso and tail are rank ranges as for the synthetic workloads.

import type { DataRef } from '../config.ts';
import type { InteractionLog } from './interactions.ts';

export interface PairData {
  /** Rows of the first table (users, words) and of the second (items, contexts). */
  rows: number;
  items: number;
  /** [N] first-table row of each pair. */
  a: Uint32Array;
  /** [N] second-table row of each pair (0-based within the second table). */
  b: Uint32Array;
  /** [N] rating of each pair, or null: implicit pairs (every pair a positive). */
  y: Float32Array | null;
}

/** Share of the pairs held out for evaluation unless the person says otherwise. */
export const DEFAULT_HELD_OUT = 0.1;

/**
 * Implicit data: share of samples that are negatives (the item replaced by one drawn from the
 * negative distribution, label 0). 0.8 is four negatives per positive, as in word2vec's k = 4.
 */
export const NEGATIVE_SHARE = 0.8;
/** Negatives are drawn ∝ (training count)^NEGATIVE_POWER (word2vec's unigram^¾). */
export const NEGATIVE_POWER = 0.75;

/**
 * A 32-bit hash of the sizes, rows and rating bits, as 8 hex digits: FNV-1a over 32-bit words
 * (a word at a time, with a shift to spread high bits: 20M pairs hash in well under a second).
 */
export function pairFingerprint(p: PairData): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h = Math.imul(h ^ v, 0x01000193);
    h ^= h >>> 15;
  };
  mix(p.rows);
  mix(p.items);
  mix(p.a.length);
  const bits = p.y ? new Uint32Array(p.y.buffer, p.y.byteOffset, p.y.length) : null;
  for (let j = 0; j < p.a.length; j++) {
    mix(p.a[j]);
    mix(p.b[j]);
    if (bits) mix(bits[j]);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The pairs of a parsed interaction log: (user rank, item rank[, rating]). */
export function logPairs(log: InteractionLog): PairData {
  return { rows: log.users.length, items: log.items.length, a: log.user, b: log.item, y: log.rating };
}

export type { DataReading } from '../config.ts';

/** What a configuration records of a data set. */
export function dataRef(p: PairData, source: DataRef['source'], name: string, heldOut = DEFAULT_HELD_OUT): DataRef {
  return {
    source,
    name,
    fingerprint: pairFingerprint(p),
    pairs: p.a.length,
    ratings: p.y !== null,
    heldOut,
    rows: p.rows,
    items: p.items,
  };
}
