// The saved-runs slice: runs kept in this browser (IndexedDB in the page), run files opened this
// session, and which of them are drawn over the live charts. Storage failures become messages;
// nothing saved before is lost.

import { agreementRecord } from '../agreementRecord.ts';
import { makeRecord, parseRunRecord } from '../runRecord.ts';
import { storageMessage } from '../savedRuns.ts';
import type { SavedSlice, Slice } from './state.ts';

/** Longest name of a saved run. */
const MAX_NAME = 100;

export const savedSlice: Slice<SavedSlice> =
  ({ storage }) =>
  (set, get) => {
    const say = (text: string, error = true) => set({ runsMessage: { text, error } });
    return {
      saved: [],
      opened: [],
      overlays: [],
      runsMessage: null,

      async loadSaved() {
        try {
          const { runs, unreadable } = await storage.list();
          set({ saved: runs });
          if (unreadable > 0) say(`${unreadable} saved run(s) could not be read and are left out.`);
        } catch (e) {
          say(storageMessage(e, 'read the saved runs'));
        }
      },

      async saveRun(name, link) {
        const { running, points, device, agreementInfo, agreement } = get();
        const clean = name.trim().slice(0, MAX_NAME);
        if (!running || points.length === 0) return say('Run something first: there is nothing to save yet.');
        if (!clean) return say('Give the run a name to save it.');
        const record = makeRecord(clean, running, points, link, device, agreementRecord(agreementInfo, agreement));
        const run = { id: crypto.randomUUID(), record };
        try {
          await storage.put(run);
          set({ saved: [...get().saved, run] });
          say(`Saved “${clean}”.`, false);
        } catch (e) {
          say(storageMessage(e, `save “${clean}”`));
        }
      },

      async renameSaved(id, name) {
        const run = get().saved.find((r) => r.id === id);
        const clean = name.trim().slice(0, MAX_NAME);
        if (!run || !clean) return say('A saved run needs a name.');
        const renamed = { id, record: { ...run.record, name: clean } };
        try {
          await storage.put(renamed);
          set({ saved: get().saved.map((r) => (r.id === id ? renamed : r)) });
          say(`Renamed to “${clean}”.`, false);
        } catch (e) {
          say(storageMessage(e, `rename “${run.record.name}”`));
        }
      },

      async deleteSaved(id) {
        const run = get().saved.find((r) => r.id === id);
        if (!run) return;
        try {
          await storage.remove(id);
          set({ saved: get().saved.filter((r) => r.id !== id), overlays: get().overlays.filter((o) => o !== id) });
          say(`Deleted “${run.record.name}”.`, false);
        } catch (e) {
          say(storageMessage(e, `delete “${run.record.name}”`));
        }
      },

      openRunFile(text, fileName) {
        const parsed = parseRunRecord(text);
        if (!parsed.ok) return say(`${fileName}: ${parsed.error}`);
        const run = { id: crypto.randomUUID(), record: parsed.record };
        set({ opened: [...get().opened, run], overlays: [...get().overlays, run.id] });
        say(`Opened “${run.record.name}” and drew it over the charts.`, false);
      },

      toggleOverlay(id) {
        const o = get().overlays;
        set({ overlays: o.includes(id) ? o.filter((x) => x !== id) : [...o, id] });
      },
    };
  };
