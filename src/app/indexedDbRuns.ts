// Saved runs in IndexedDB (through the small `idb` wrapper): one object store, records by id.
// Failures become StorageError: 'unavailable' when the database cannot be opened (blocked, private
// mode), 'full' on QuotaExceededError. Entries that no longer parse as records are counted, not thrown.

import { openDB, type IDBPDatabase } from 'idb';
import { parseRunRecord } from '../state/runRecord.ts';
import { StorageError, type SavedRun, type SavedRunStorage } from '../state/savedRuns.ts';

const DB = 'fa-sgd-playground';
const STORE = 'runs';

function asStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const name = (e as { name?: string })?.name;
  if (name === 'QuotaExceededError') return new StorageError('full', 'quota exceeded');
  return new StorageError('failed', e instanceof Error ? e.message : String(e));
}

export function indexedDbRuns(): SavedRunStorage {
  let db: Promise<IDBPDatabase> | null = null;
  const open = () =>
    (db ??= (async () => {
      if (typeof indexedDB === 'undefined') throw new StorageError('unavailable', 'no IndexedDB');
      try {
        return await openDB(DB, 1, { upgrade: (d) => void d.createObjectStore(STORE, { keyPath: 'id' }) });
      } catch (e) {
        db = null;
        throw new StorageError('unavailable', e instanceof Error ? e.message : String(e));
      }
    })());
  const run = async <T>(f: (d: IDBPDatabase) => Promise<T>): Promise<T> => {
    const d = await open();
    try {
      return await f(d);
    } catch (e) {
      throw asStorageError(e);
    }
  };
  return {
    list: () =>
      run(async (d) => {
        const rows: unknown[] = await d.getAll(STORE);
        const runs: SavedRun[] = [];
        for (const row of rows) {
          const r = row as { id?: unknown; record?: unknown };
          const parsed = typeof r?.id === 'string' ? parseRunRecord(JSON.stringify(r.record ?? null)) : null;
          if (parsed?.ok) runs.push({ id: r.id as string, record: parsed.record });
        }
        runs.sort((a, b) => a.record.savedAt.localeCompare(b.record.savedAt));
        return { runs, unreadable: rows.length - runs.length };
      }),
    put: (saved) => run(async (d) => void (await d.put(STORE, saved))),
    remove: (id) => run(async (d) => void (await d.delete(STORE, id))),
  };
}
