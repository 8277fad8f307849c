// The lesson slice: which lesson is open (its form is the form slice's) and the prediction made.

import { defaultForm } from '../form.ts';
import { freshForm } from './formSlice.ts';
import type { LessonSlice, Slice } from './state.ts';

export const lessonSlice: Slice<LessonSlice> = () => (set, get) => ({
  prediction: null,

  chooseLesson(id) {
    get().reset();
    set(freshForm(defaultForm(get().presetId, id)));
  },

  predict(choice) {
    set({ prediction: choice });
  },
});
