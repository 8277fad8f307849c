// The one store of the page (zustand, framework-free; React reads it through selectors), composed
// of a slice per concern: slices/state.ts gives their shape, slices/<name>Slice.ts their behaviour.

import { createStore } from 'zustand/vanilla';
import type { ToWorker } from '../engine/protocol.ts';
import { defaultForm, type Form } from './form.ts';
import { memoryStorage, type SavedRunStorage } from './savedRuns.ts';
import { dataSlice } from './slices/dataSlice.ts';
import { formSlice } from './slices/formSlice.ts';
import { lessonSlice } from './slices/lessonSlice.ts';
import { metricsSlice } from './slices/metricsSlice.ts';
import { runSlice } from './slices/runSlice.ts';
import { savedSlice } from './slices/savedSlice.ts';
import type { PlaygroundState } from './slices/state.ts';

export function createPlaygroundStore(
  send: (m: ToWorker) => void,
  initial: Form = defaultForm('zipf'),
  linkNotices: string[] = [],
  storage: SavedRunStorage = memoryStorage(),
  linkInfo: string[] = [],
) {
  const deps = { send, storage };
  return createStore<PlaygroundState>()((...a) => ({
    ...formSlice(initial, linkNotices, linkInfo)(deps)(...a),
    ...lessonSlice(deps)(...a),
    ...runSlice(deps)(...a),
    ...metricsSlice(deps)(...a),
    ...savedSlice(deps)(...a),
    ...dataSlice(deps)(...a),
  }));
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
