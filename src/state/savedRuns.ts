// Where saved runs live (IndexedDB in the page: src/app/indexedDbRuns.ts; memory in tests), and
// the errors a store of them can give. Records are validated again when read back.

import type { RunRecord } from './runRecord.ts';

export interface SavedRun {
  id: string;
  record: RunRecord;
}

export interface SavedRunStorage {
  /** All readable runs, oldest first, and how many stored entries could not be read. */
  list(): Promise<{ runs: SavedRun[]; unreadable: number }>;
  /** Adds or replaces a run. */
  put(run: SavedRun): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Why storage failed: blocked or missing, out of space, or anything else. */
export class StorageError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'full' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** Storage in memory (tests, and the fallback shape of the API). */
export function memoryStorage(): SavedRunStorage {
  const runs = new Map<string, SavedRun>();
  return {
    list: async () => ({ runs: [...runs.values()], unreadable: 0 }),
    put: async (run) => void runs.set(run.id, structuredClone(run)),
    remove: async (id) => void runs.delete(id),
  };
}

/** The message a person sees for a storage failure while doing `what` (e.g. 'save "run 3"'). */
export function storageMessage(e: unknown, what: string): string {
  const kind = e instanceof StorageError ? e.kind : 'failed';
  if (kind === 'unavailable')
    return `Could not ${what}: this browser does not allow local storage here (private mode or blocked site data). Export the run as JSON instead.`;
  if (kind === 'full')
    return `Could not ${what}: local storage is full. Delete saved runs or export this one as JSON; nothing saved before was lost.`;
  return `Could not ${what}: local storage failed (${e instanceof Error ? e.message : String(e)}). Nothing saved before was lost.`;
}
