// The meaning slice: what the meaning views watch (sent to the engine worker with each run and on
// every change) and what the worker reports: the newest report, the agreement by measured step (a
// text run's live curve, exported with the run), and the followed row's own loss over time.

import { OTHER } from '../../engine/input/text.ts';
import { MAX_NEIGHBOURS, NO_WATCH, type MeaningWatch } from '../../engine/meaning/report.ts';
import { withReport } from '../agreementRecord.ts';
import { hasRun } from '../runMachine.ts';
import type { LoadedData, MeaningSlice, PlaygroundState, Slice } from './state.ts';

/** Losses of the followed row kept (oldest dropped first). */
export const FOLLOW_HISTORY = 600;

/** What a run has not reported yet. */
export const noMeaning = () => ({ meaning: null, agreement: [], agreementInfo: null, followed: [] });

/** Rows never listed: a text's bucket of the words outside its vocabulary. */
export function excludedRows(loaded: LoadedData | null): number[] {
  const at = loaded?.ref.source === 'text' ? (loaded.names?.rows.indexOf(OTHER) ?? -1) : -1;
  return at >= 0 ? [at] : [];
}

/** The watch with the rows a run of `rows` rows does not have dropped. */
function inRun(w: MeaningWatch, rows: number): MeaningWatch {
  const ok = (r: number | null) => (r !== null && r >= 0 && r < rows ? r : null);
  return { ...w, query: ok(w.query), follow: ok(w.follow) };
}

/** The watch a run is started with. */
export function watchFor(s: PlaygroundState): MeaningWatch {
  return inRun({ ...s.watch, exclude: excludedRows(s.loaded) }, s.config?.rows ?? 0);
}

export const meaningSlice: Slice<MeaningSlice> =
  ({ send }) =>
  (set, get) => ({
    ...noMeaning(),
    watch: NO_WATCH,

    setWatch(patch) {
      const s = get();
      const k = patch.k === undefined ? s.watch.k : Math.max(1, Math.min(MAX_NEIGHBOURS, Math.round(patch.k)));
      const watch = { ...s.watch, ...patch, k, exclude: excludedRows(s.loaded) };
      // A new row to follow starts its own history.
      const followed = watch.follow === s.watch.follow ? s.followed : [];
      set({ watch, followed });
      if (hasRun(s.status) && s.running) send({ type: 'watch', watch: inRun(watch, s.running.rows) });
    },

    receiveMeaning(r) {
      const s = get();
      if (s.status === 'idle') return;
      const f = r.follow;
      const sameRow = f && s.followed.length > 0 && s.meaning?.follow?.row === f.row;
      set({
        meaning: r,
        agreement: withReport(s.agreement, r),
        agreementInfo: r.agreementInfo ?? s.agreementInfo,
        followed: f
          ? [...(sameRow ? s.followed.filter((p) => p.step < r.step) : []), { step: r.step, loss: f.loss }].slice(
              -FOLLOW_HISTORY,
            )
          : s.followed,
      });
    },
  });
