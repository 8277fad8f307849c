// The one store of the page (zustand, framework-free; React reads it through selectors), composed
// of a slice per concern: slices/state.ts gives their shape, slices/<name>Slice.ts their behaviour.

import { createStore } from 'zustand/vanilla';
import type { ToWorker } from '../engine/protocol.ts';
import { runLimitErrors } from '../engine/limits.ts';
import { defaultForm, errorsByField, formConfig, type Form } from './form.ts';
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
  const store = createStore<PlaygroundState>()((...a) => ({
    ...formSlice(initial, linkNotices, linkInfo)(deps)(...a),
    ...lessonSlice(deps)(...a),
    ...runSlice(deps)(...a),
    ...metricsSlice(deps)(...a),
    ...savedSlice(deps)(...a),
    ...dataSlice(deps)(...a),
  }));
  // What the device cannot hold follows the form and the device's limits as they change.
  store.subscribe((s, before) => {
    if (s.fields === before.fields && s.custom === before.custom && s.deviceLimits === before.deviceLimits) return;
    const limitErrors = limitErrorsOf(s);
    if (JSON.stringify(limitErrors) !== JSON.stringify(s.limitErrors)) store.setState({ limitErrors });
  });
  return store;
}

/** The form's limit errors by field: none while the form is invalid or the device is not known yet. */
function limitErrorsOf(s: PlaygroundState): Record<string, string> {
  if (s.deviceLimits === undefined || Object.keys(s.errors).length > 0) return {};
  return errorsByField(runLimitErrors(formConfig(s), s.deviceLimits));
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
