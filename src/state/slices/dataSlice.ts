// The data slice: the pairs opened in "Your data" (they never leave this browser) and the check
// that a data run has the data it names.

import type { DataRef } from '../../engine/config.ts';
import { dataRef } from '../../engine/input/pairData.ts';
import { dataForm, freshForm } from './formSlice.ts';
import { formErrors } from '../form.ts';
import type { DataSlice, LoadedData, Slice } from './state.ts';

/** Why a run on the data `want` (null: not a data run) cannot start with the data loaded now, or null. */
export function missingData(want: DataRef | null | undefined, loaded: LoadedData | null): string | null {
  if (!want || loaded?.ref.fingerprint === want.fingerprint) return null;
  const what = want.source === 'text' ? 'text' : 'file';
  return `This run trains on “${want.name}” (${want.pairs.toLocaleString('en-US')} ${want.source === 'text' ? 'word–context pairs' : 'interactions'}), which is not loaded here: data never travels in a link. Open the same ${what} in “Your data” to run it.`;
}

export const dataSlice: Slice<DataSlice> = () => (set, get) => ({
  loaded: null,
  dataRefusal: null,

  trainOn(pairs, source, name, { replace = false, reading, names } = {}) {
    const ref = dataRef(pairs, source, name);
    const s = get();
    // The form of an opened link names data that is not loaded yet: this is it, or it is not.
    const wanted = s.custom.data && s.custom.data.fingerprint !== s.loaded?.ref.fingerprint ? s.custom.data : null;
    if (wanted && !replace) {
      if (wanted.fingerprint === ref.fingerprint && wanted.source === source) {
        // Every setting of the link stays; the run reproduces the linked one.
        set({
          loaded: { ref: wanted, pairs, reading, names },
          dataRefusal: null,
          errors: formErrors(s),
          notice: `“${name}” is the data of this link (same fingerprint): every setting of the link is kept. Press Run to reproduce its run.`,
        });
        return;
      }
      const unit = wanted.source === 'text' ? 'word–context pairs' : 'interactions';
      return set({
        dataRefusal:
          `“${name}” is not the data this link was made with: it has ${ref.pairs.toLocaleString('en-US')} ${unit} ` +
          `(${ref.rows.toLocaleString('en-US')} × ${ref.items.toLocaleString('en-US')}), the link's “${wanted.name}” has ` +
          `${wanted.pairs.toLocaleString('en-US')} (${wanted.rows.toLocaleString('en-US')} × ${wanted.items.toLocaleString('en-US')})` +
          `${wanted.pairs === ref.pairs ? ' with other contents' : ''}${wanted.source !== source ? `, and it is a ${wanted.source === 'text' ? 'text' : 'log'}` : ''}. ` +
          'Open the same file (and, for a text, the same vocabulary and window), or train on this one with fresh settings.',
      });
    }
    s.reset();
    set({ ...freshForm(dataForm(ref)), loaded: { ref, pairs, reading, names }, dataRefusal: null });
  },
});
