// React access to the playground store: components read slices through selectors.

import { createContext, useContext, useDeferredValue } from 'react';
import { useStore } from 'zustand';
import { type PlaygroundStore } from '../../state/store.ts';
import { type PlaygroundState } from '../../state/slices/state.ts';

export const StoreContext = createContext<PlaygroundStore | null>(null);

export function usePlayground<T>(selector: (s: PlaygroundState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePlayground outside <StoreContext.Provider>');
  return useStore(store, selector);
}

/**
 * Live training data for a chart. The charts redraw after urgent updates (clicks, typing), in a
 * deferred render that React splits between frames, so redrawing them all never blocks the page in
 * one long task.
 */
export function useLive<T>(selector: (s: PlaygroundState) => T): T {
  return useDeferredValue(usePlayground(selector));
}

/** The store itself, for actions that need the whole state at once (e.g. encoding a link). */
export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePlaygroundStore outside <StoreContext.Provider>');
  return store;
}
