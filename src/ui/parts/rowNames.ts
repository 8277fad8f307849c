// Names of the rows the charts show by rank: the words or users (and contexts or items) of a run
// on a person's data. Synthetic tokens have no names; the charts then say the rank alone.

import type { RowNames } from '../../state/slices/state.ts';
import { usePlayground } from './storeContext.ts';

/** The running data run's row names (its data is the one loaded here), else null. */
export function useRowNames(): RowNames | null {
  return usePlayground((s) =>
    s.running?.data && s.loaded?.ref.fingerprint === s.running.data.fingerprint ? (s.loaded.names ?? null) : null,
  );
}

/** “word”, quoted; a long name cut. */
export const quoted = (name: string) => `“${name.length > 40 ? `${name.slice(0, 40)}…` : name}”`;

/** Row k (0-based rank) in words: `rank 37: “the”`, or `rank 37` without names. */
export function rankName(k: number, names: string[] | undefined): string {
  const name = names?.[k];
  return `rank ${(k + 1).toLocaleString('en-US')}${name === undefined ? '' : `: ${quoted(name)}`}`;
}

/** Ranks [start, end) in words, with the first few names: `ranks 501–1,000: “a”, “b”, “c”, …`. */
export function rankRangeName(start: number, end: number, names: string[] | undefined, shown = 3): string {
  const range =
    end - start > 1
      ? `ranks ${(start + 1).toLocaleString('en-US')}–${end.toLocaleString('en-US')}`
      : rankName(start, undefined);
  if (!names) return range;
  const listed = names.slice(start, Math.min(end, start + shown)).map(quoted);
  return `${range}: ${listed.join(', ')}${end - start > shown ? ', …' : ''}`;
}
