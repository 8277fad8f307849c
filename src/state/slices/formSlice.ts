// The form slice: the preset or lesson, the fields as typed, applied curves and counts, what the
// form's problems are. Edits to the run controls (stop step, speed) reach a running engine at once.

import { fitZipf } from '../../engine/input/zipfFit.ts';
import { parseCounts } from '../../engine/input/parseCounts.ts';
import { drawnCurveErrors, DRAWN_FLOOR } from '../../engine/sampling/distributions.ts';
import { sizeField } from '../../engine/workloads/workload.ts';
import { dataForm, defaultForm, type Form } from '../form.ts';
import { stoppedAt } from '../notices.ts';
import { hasRun, isTraining, next } from '../runMachine.ts';
import { noRun } from './runSlice.ts';
import type { FormSlice, Slice } from './state.ts';

/** The counts' Zipf exponent in words (engine/input/text.ts fitZipf), or why there is none. */
function zipfNote(counts: number[]): string {
  const sorted = [...counts].sort((a, b) => b - a);
  const fit = fitZipf(sorted);
  return Number.isFinite(fit.s)
    ? `Zipf's law by maximum likelihood over ranks 1–${fit.ranks.toLocaleString('en-US')}: s = ${fit.s.toFixed(2)}.`
    : 'Too few counts of 3 or more to fit Zipf’s law.';
}

export const formSlice =
  (initial: Form, linkNotices: string[], linkInfo: string[] = []): Slice<FormSlice> =>
  ({ send }) =>
  (set, get) => ({
    ...initial,
    designerErrors: {},
    designerNotes: {},
    linkNotices,
    linkInfo,
    rejected: null,
    classroom: [],
    previewing: false,

    replaceForm(form, { linkNotices = [], linkInfo = [], loaded, passing = null } = {}) {
      const s = get();
      if (hasRun(s.status)) send({ type: 'stop' });
      set({
        ...noRun(s.runId),
        ...form,
        designerErrors: {},
        designerNotes: {},
        rejected: null,
        prediction: null,
        linkNotices,
        linkInfo,
        dataRefusal: null,
        passing,
        // Watched rows belong to the data they were chosen in.
        watch: { ...s.watch, query: null, follow: null },
        ...(loaded ? { loaded, read: null } : {}),
      });
    },

    choosePreset(id) {
      // The data preset trains on the data loaded last, if any.
      const loaded = get().loaded;
      get().replaceForm(id === 'data' && loaded ? dataForm(loaded.ref) : defaultForm(id));
    },

    loadForm(form, notices, info = []) {
      get().replaceForm(form, { linkNotices: notices, linkInfo: info });
    },

    editField(path, text) {
      const fields = { ...get().fields, [path]: text };
      // A sweep compares the rates at a stop step: one is set when there is none.
      if (path === 'mode' && text === 'sweep' && (fields.stopAt ?? '').trim() === '') fields.stopAt = '300';
      set({ fields });
      if (path !== 'stopAt' && path !== 'pace') return;
      const s = get();
      if (s.errors.stopAt || s.errors.pace || !hasRun(s.status)) return;
      const { controls } = s;
      send({ type: 'controls', controls });
      // A run standing still is at its (new) stop step, or no longer; a training one finds out itself.
      if (!isTraining(s.status) && path === 'stopAt') {
        const atStop = controls.stopAt !== null && s.step >= controls.stopAt;
        const phase = next(s.status, { type: 'stopStep', atStop });
        if (phase && phase !== s.status) set({ status: phase, passing: phase === 'atStop' ? stoppedAt(s.step) : null });
      }
    },

    applyCounts(target, text) {
      const parsed = parseCounts(text);
      if (!parsed.ok) return set({ designerErrors: { ...get().designerErrors, [target]: parsed.error } });
      const fields = {
        ...get().fields,
        [`${target}.kind`]: 'counts',
        [sizeField(target)]: String(parsed.counts.length),
      };
      const custom = { ...get().custom, [target]: { kind: 'counts', counts: parsed.counts } as const };
      set({
        fields,
        custom,
        designerErrors: { ...get().designerErrors, [target]: undefined },
        designerNotes: { ...get().designerNotes, [target]: [...parsed.notes, zipfNote(parsed.counts)] },
      });
    },

    applyDrawn(target, drawn) {
      // Two decimals of log10 weight: finer than a pixel, and short in a link.
      const knots = drawn.map((y) =>
        y === null ? null : Math.round(Math.min(0, Math.max(DRAWN_FLOOR, y)) * 100) / 100 || 0,
      );
      const n = Number(get().fields[sizeField(target)]);
      const problems = drawnCurveErrors(knots, Number.isInteger(n) && n > 1 ? n : 2);
      if (problems.length > 0) return set({ designerErrors: { ...get().designerErrors, [target]: problems[0] } });
      const fields = { ...get().fields, [`${target}.kind`]: 'drawn' };
      const custom = { ...get().custom, [target]: { kind: 'drawn', knots } as const };
      set({
        fields,
        custom,
        designerErrors: { ...get().designerErrors, [target]: undefined },
        designerNotes: { ...get().designerNotes, [target]: [] },
      });
    },

    setClassroom(classroom) {
      set({ classroom });
    },

    setPreviewing(previewing) {
      set({ previewing });
    },

    dismissLinkNotices() {
      set({ linkNotices: [], linkInfo: [] });
    },
  });
