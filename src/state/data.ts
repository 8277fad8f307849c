// Data a person opened in "Your data" (it never leaves this browser), and whether a data run has
// the data it names.

import type { DataRef } from '../engine/config.ts';
import type { DataReading, PairData } from '../engine/input/pairData.ts';

/** Data opened in "Your data" that a data run can train on (it stays in this browser). */
export interface LoadedData {
  ref: DataRef;
  pairs: PairData;
  /** How the file was read (for the PyTorch export), when known. */
  reading?: DataReading;
  /** Names of the rows by rank (words, users; contexts, items), when known: the charts name them. */
  names?: RowNames;
}

export interface RowNames {
  rows: string[];
  items: string[];
  /** Occurrences of each first-table row in the whole data (words in the text, a user's interactions), when known. */
  rowCounts?: ArrayLike<number>;
}

/** Why a run on the data `want` (null: not a data run) cannot start with the data loaded now, or null. */
export function missingData(want: DataRef | null | undefined, loaded: LoadedData | null): string | null {
  if (!want || loaded?.ref.fingerprint === want.fingerprint) return null;
  const what = want.source === 'text' ? 'text' : 'file';
  return `This run trains on “${want.name}” (${want.pairs.toLocaleString('en-US')} ${want.source === 'text' ? 'word–context pairs' : 'interactions'}), which is not loaded here: data never travels in a link. Open the same ${what} to run it.`;
}
