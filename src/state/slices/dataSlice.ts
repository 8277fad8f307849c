// The data slice: the pairs opened in "Your data" (they never leave this browser): what was read
// last (offered beside Run), what the data run trains on, and the check that a link's data run
// gets the data it names.

import { dataRef } from '../../engine/input/pairData.ts';
import { dataForm } from '../form.ts';
import type { DataSlice, Slice } from './state.ts';

export const dataSlice: Slice<DataSlice> = () => (set, get) => ({
  loaded: null,
  read: null,
  dataRefusal: null,

  dataRead(read) {
    const s = get();
    // Data already in use is not offered again.
    const inUse =
      s.custom.data && s.loaded?.ref.fingerprint === dataRef(read.pairs, read.source, read.name).fingerprint;
    set({ read: inUse ? null : read });
  },

  trainOn(pairs, source, name, { replace = false, reading, names } = {}) {
    const ref = { ...dataRef(pairs, source, name), ...(reading ? { reading } : {}) };
    const s = get();
    // The form of an opened link names data that is not loaded yet: this is it, or it is not.
    const wanted = s.custom.data && s.custom.data.fingerprint !== s.loaded?.ref.fingerprint ? s.custom.data : null;
    if (wanted && !replace) {
      if (wanted.fingerprint === ref.fingerprint && wanted.source === source) {
        // Every setting of the link stays; the run reproduces the linked one.
        set({
          loaded: { ref: wanted, pairs, reading, names },
          read: null,
          dataRefusal: null,
          passing: {
            id: 'passing',
            kind: 'info',
            lasting: false,
            text: `“${name}” is the data of this link (same fingerprint): every setting of the link is kept. Press Run to reproduce its run.`,
          },
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
    // A lesson on the data preset (lesson 6) stays open on its data.
    s.replaceForm(dataForm(ref, s.lessonId), { loaded: { ref, pairs, reading, names } });
  },
});
