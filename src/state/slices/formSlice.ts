// The form slice: the preset or lesson, the fields as typed, applied curves and counts, what the
// form's problems are. Edits to the run controls (stop step, speed) reach a running engine at once.

import { PRESETS, IMPLICIT_DATA_RATES, type DataRef } from '../../engine/config.ts';
import { fitZipf } from '../../engine/input/zipfFit.ts';
import { parseCounts } from '../../engine/input/parseCounts.ts';
import { drawnCurveErrors, DRAWN_FLOOR } from '../../engine/sampling/distributions.ts';
import { sizeField } from '../../engine/workloads/workload.ts';
import { controlsFromFields } from '../fields.ts';
import { defaultForm, formErrors, type Form } from '../form.ts';
import type { FormSlice, LessonSlice, Slice } from './state.ts';

/** A new form, and nothing said about an earlier one: its errors, no designer messages, no prediction. */
export function freshForm(
  form: Form,
): Form & Pick<FormSlice, 'errors' | 'designerErrors' | 'designerNotes'> & Pick<LessonSlice, 'prediction'> {
  return { ...form, errors: formErrors(form), designerErrors: {}, designerNotes: {}, prediction: null };
}

/** The counts' Zipf exponent in words (engine/input/text.ts fitZipf), or why there is none. */
function zipfNote(counts: number[]): string {
  const sorted = [...counts].sort((a, b) => b - a);
  const fit = fitZipf(sorted);
  return Number.isFinite(fit.s)
    ? `Zipf's law by maximum likelihood over ranks 1–${fit.ranks.toLocaleString('en-US')}: s = ${fit.s.toFixed(2)}.`
    : 'Too few counts of 3 or more to fit Zipf’s law.';
}

/** The 'data' preset's form for `ref` (implicit data starts from its own rates). */
export function dataForm(ref: DataRef): Form {
  const form = defaultForm('data');
  form.custom = { data: ref };
  if (!ref.ratings)
    PRESETS.data.config.lanes.forEach(
      (l, i) => (form.fields[`lanes.${i}.lr`] = String(IMPLICIT_DATA_RATES[l.optimizer])),
    );
  return form;
}

export const formSlice =
  (initial: Form, linkNotices: string[], linkInfo: string[] = []): Slice<FormSlice> =>
  ({ send }) =>
  (set, get) => ({
    ...initial,
    errors: formErrors(initial),
    designerErrors: {},
    designerNotes: {},
    linkNotices,
    linkInfo,

    choosePreset(id) {
      get().reset();
      // The data preset trains on the data loaded last, if any.
      const loaded = get().loaded;
      set({ ...freshForm(id === 'data' && loaded ? dataForm(loaded.ref) : defaultForm(id)), dataRefusal: null });
    },

    loadForm(form, notices, info = []) {
      get().reset();
      set({ ...freshForm(form), linkNotices: notices, linkInfo: info, dataRefusal: null });
    },

    editField(path, text) {
      const fields = { ...get().fields, [path]: text };
      set({ fields, errors: formErrors({ ...get(), fields }) });
      const { controls, errors: bad } = controlsFromFields(fields);
      if ((path === 'stopAt' || path === 'pace') && bad.length === 0 && get().status !== 'idle')
        send({ type: 'controls', controls });
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
        errors: formErrors({ ...get(), fields, custom }),
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
        errors: formErrors({ ...get(), fields, custom }),
        designerErrors: { ...get().designerErrors, [target]: undefined },
        designerNotes: { ...get().designerNotes, [target]: [] },
      });
    },

    setHidden(hidden) {
      set({ hidden });
    },

    dismissLinkNotices() {
      set({ linkNotices: [], linkInfo: [] });
    },
  });
