// The data slice: the pairs opened in "Your data" (they never leave this browser) and the check
// that a data run has the data it names.

import type { DataRef } from '../../engine/config.ts';
import { dataRef } from '../../engine/input/pairData.ts';
import { dataForm, freshForm } from './formSlice.ts';
import type { DataSlice, LoadedData, Slice } from './state.ts';

/** Why a run on the data `want` (null: not a data run) cannot start with the data loaded now, or null. */
export function missingData(want: DataRef | null | undefined, loaded: LoadedData | null): string | null {
  if (!want || loaded?.ref.fingerprint === want.fingerprint) return null;
  const what = want.source === 'text' ? 'text' : 'file';
  return `This run trains on “${want.name}” (${want.pairs.toLocaleString('en-US')} ${want.source === 'text' ? 'word–context pairs' : 'interactions'}), which is not loaded here: data never travels in a link. Open the same ${what} in “Your data” to run it.`;
}

export const dataSlice: Slice<DataSlice> = () => (set, get) => ({
  loaded: null,

  trainOn(pairs, source, name) {
    const ref = dataRef(pairs, source, name);
    get().reset();
    set({ ...freshForm(dataForm(ref)), loaded: { ref, pairs } });
  },
});
