// The lesson slice: which lesson is open (its form is the form slice's), the prediction made
// before its first Run, and its answer once revealed.

import { defaultForm } from '../form.ts';
import { hasRun } from '../runMachine.ts';
import type { LessonSlice, Slice } from './state.ts';

export const lessonSlice: Slice<LessonSlice> = () => (set, get) => ({
  prediction: null,
  answer: null,

  chooseLesson(id) {
    get().replaceForm(defaultForm(get().presetId, id));
  },

  predict(choice) {
    // A prediction is made before the run it is about.
    if (get().lessonId !== null && !hasRun(get().status)) set({ prediction: choice });
  },

  revealAnswer() {
    const s = get();
    if (s.lessonId !== null && s.prediction !== null && hasRun(s.status) && !s.answer) set({ answer: { end: null } });
  },
});
