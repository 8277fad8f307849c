// The one store of the page (zustand, framework-free; React reads it through selectors), composed
// of a slice per concern: slices/state.ts gives their shape, slices/<name>Slice.ts their behaviour.
// Every change passes through `withDerived`, so what the form means (derived.ts) is computed once
// per change of its inputs and is never out of date.

import { createStore, type StateCreator } from 'zustand/vanilla';
import type { ToWorker } from '../engine/protocol.ts';
import { derive, derivedPatch } from './derived.ts';
import { defaultForm, type Form } from './form.ts';
import { memoryStorage, type SavedRunStorage } from './savedRuns.ts';
import { dataSlice } from './slices/dataSlice.ts';
import { formSlice } from './slices/formSlice.ts';
import { lessonSlice } from './slices/lessonSlice.ts';
import { meaningSlice } from './slices/meaningSlice.ts';
import { metricsSlice } from './slices/metricsSlice.ts';
import { runSlice } from './slices/runSlice.ts';
import { savedSlice } from './slices/savedSlice.ts';
import type { PlaygroundState } from './slices/state.ts';

/** The state without what is derived from it. */
type Own = Omit<PlaygroundState, keyof ReturnType<typeof derive>>;

/** Wraps the store's `set` (and `setState`) so each change carries the derived values of its result. */
function withDerived(creator: StateCreator<PlaygroundState, [], [], Own>): StateCreator<PlaygroundState> {
  return (set, get, api) => {
    const setDerived: typeof set = (partial) =>
      set((s) => {
        const patch = typeof partial === 'function' ? partial(s) : partial;
        return { ...patch, ...derivedPatch(s, { ...s, ...patch }) };
      });
    api.setState = setDerived;
    const own = creator(setDerived, get, api);
    return { ...own, ...derive(own) };
  };
}

export function createPlaygroundStore(
  send: (m: ToWorker) => void,
  initial: Form = defaultForm('zipf'),
  linkNotices: string[] = [],
  storage: SavedRunStorage = memoryStorage(),
  linkInfo: string[] = [],
) {
  const deps = { send, storage };
  return createStore<PlaygroundState>()(
    withDerived((...a) => ({
      ...formSlice(initial, linkNotices, linkInfo)(deps)(...a),
      ...lessonSlice(deps)(...a),
      ...runSlice(deps)(...a),
      ...metricsSlice(deps)(...a),
      ...savedSlice(deps)(...a),
      ...dataSlice(deps)(...a),
      ...meaningSlice(deps)(...a),
    })),
  );
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
