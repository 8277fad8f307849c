// What the page tells a person besides its controls, as a list with kinds and lifetimes. Lasting
// notices stand while their cause does: no WebGPU (and why, from page load), the values of an
// opened link that could not be used, the data a link needs, classroom mode, a recovered device,
// a failed engine. Passing notices (stopped at the stop step, paused because the tab was hidden,
// every lane diverged, the data matched the link) replace each other in one fixed-height place.

import { HIDEABLE, type Hideable } from './lessons.ts';

export interface Notice {
  /** What it is about (one notice per id at a time). */
  id: 'noGpu' | 'linkValues' | 'linkInfo' | 'data' | 'classroom' | 'recovery' | 'failure' | 'passing';
  kind: 'info' | 'warn' | 'error';
  text: string;
  lasting: boolean;
}

/** A passing notice (the store holds the latest one; a new one replaces it). */
export const passing = (text: string, kind: Notice['kind'] = 'info'): Notice => ({
  id: 'passing',
  kind,
  text,
  lasting: false,
});

export const stoppedAt = (step: number) => passing(`Stopped at step ${step.toLocaleString('en-US')}, as asked.`);
export const HIDDEN_TAB = passing('Paused because the tab was hidden. Press Resume to go on.');
export const ALL_DIVERGED = passing(
  'Every lane diverged, so training stopped: nothing is left to learn. Try smaller learning rates (or a smaller cap), then Run.',
  'warn',
);

/** The no-GPU notice, from the reason the engine gave at load. */
export const noGpuText = (reason: string) => `${reason} Training runs on the CPU engine instead (same results).`;

/** Groups of controls in words: "preset and lessons, sizes and seed". */
export const groupsText = (groups: Hideable[]) => groups.map((h) => HIDEABLE[h].toLowerCase()).join(', ');

/** Classroom mode, in words: which groups of controls this page hides. */
export const classroomText = (hidden: Hideable[]) => `Classroom mode: this page hides ${groupsText(hidden)}.`;
