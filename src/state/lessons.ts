// Guided scenes. Each is a link (#lesson=<id>): a preset with some fields changed, a prediction to
// make before running, and what to look at once it has run. src/app/lessons.test.ts checks on
// the CPU engine that every lesson's answer is what its run shows.

import type { PresetId } from '../engine/config.ts';
import type { Fields } from './fields.ts';

/** Groups of controls a classroom link can hide. */
export const HIDEABLE = {
  preset: 'Preset and lessons',
  sizes: 'Sizes and seed',
  distribution: 'Distribution designer',
  optimizers: 'Optimizer settings',
  speed: 'Speed and stop step',
} as const;
export type Hideable = keyof typeof HIDEABLE;

export interface Lesson {
  id: string;
  title: string;
  preset: PresetId;
  /** Fields that differ from the preset's (lanes by index: 0 SGD, 1 FA-SGD, 2 CF-SGD, 3/4 Adagrad). */
  fields: Fields;
  hide: Hideable[];
  /** What the run shows, told before running. */
  setup: string;
  question: string;
  choices: string[];
  /** Index of the right choice. */
  answer: number;
  /** Shown after the run: where to look and why. */
  lookAt: string;
}

const off = (...lanes: number[]) => Object.fromEntries(lanes.map((i) => [`lanes.${i}.on`, '0']));

export const LESSONS: Lesson[] = [
  {
    id: 'uniform-no-gap',
    title: '1. Uniform tokens: no gap',
    preset: 'uniform',
    fields: { ...off(3, 4), stopAt: '300' },
    hide: ['distribution'],
    setup:
      'Every one of the 10,000 tokens is equally frequent. SGD, FA-SGD and CF-SGD train the same table on the same token stream.',
    question: 'Will frequency-aware SGD beat plain SGD here?',
    choices: ['FA-SGD clearly wins', 'SGD and FA-SGD tie', 'SGD clearly wins'],
    answer: 1,
    lookAt:
      'The SGD and FA-SGD curves lie exactly on top of each other: with p_max / p_k = 1 for every token, FA-SGD’s boost is 1 and it is SGD. CF-SGD is close but not equal: its counters are noisy estimates of equal frequencies.',
  },
  {
    id: 'tail-starves',
    title: '2. Zipf tokens: the tail starves',
    preset: 'zipf',
    fields: { ...off(1, 2, 3, 4), stopAt: '300' },
    hide: ['optimizers'],
    setup:
      'Token frequencies follow Zipf’s law (s = 1.1): the top 1% of tokens get about 65% of the samples, the other 90% share about 16%. Plain SGD trains alone, with one step size for everyone.',
    question: 'Which bucket’s excess loss falls slowest?',
    choices: ['Head (top 1%)', 'Torso (next 9%)', 'Tail (the other 90%)'],
    answer: 2,
    lookAt:
      'In the three small charts the head falls by orders of magnitude while the tail barely moves: a tail token gets a gradient only once every 75 to 160 steps, and each time the same small step as the head. The “Expected updates” readout in the designer says how few.',
  },
  {
    id: 'fasgd-closes-gap',
    title: '3. FA-SGD closes the gap',
    preset: 'zipf',
    fields: { ...off(3, 4), stopAt: '300' },
    hide: ['distribution'],
    setup:
      'Same Zipf tokens. FA-SGD scales each token’s step by (p_max / p_k)^β, capped at c; CF-SGD does the same with counts it keeps itself. Each runs at its own best learning rate.',
    question: 'Which lanes end lowest after 300 steps?',
    choices: ['SGD', 'FA-SGD and CF-SGD', 'All three tie'],
    answer: 1,
    lookAt:
      'FA-SGD and CF-SGD end well below SGD (about 40% lower). The torso and tail charts show where: rare tokens take bigger steps, so they learn in the few updates they get. CF-SGD, with no frequencies given, tracks FA-SGD closely.',
  },
  {
    id: 'adagrad-hidden-frequency',
    title: '4. Adagrad’s hidden frequency',
    preset: 'zipf',
    fields: { ...off(2, 4), stopAt: '300' },
    hide: ['distribution'],
    setup:
      'Row-wise Adagrad divides each token’s step by the root of its summed squared gradients. It is never told how frequent a token is.',
    question: 'On the effective-step chart (step size against token frequency), how does Adagrad’s line run?',
    choices: ['Flat, like SGD', 'Falling as frequency rises', 'Rising as frequency rises'],
    answer: 1,
    lookAt:
      'Adagrad’s line falls with frequency, with a fitted slope well below 0 (it heads to about −½ as the run goes on), alongside FA-SGD’s designed slope −β. Frequent tokens pile up squared gradients faster: Adagrad uses frequency implicitly, and pays one float of memory per row for it. FA-SGD gets the same shape for free.',
  },
  {
    id: 'boost-diverges',
    title: '5. Too big a boost diverges',
    preset: 'zipf',
    fields: { ...off(2, 3, 4), 'lanes.1.cap': '1000', stopAt: '300' },
    hide: ['distribution'],
    setup:
      'FA-SGD’s cap c limits the boost. Here it is raised from 20 to 1000, so the rarest tokens may take steps up to 1000× the base step.',
    question: 'What happens to FA-SGD’s loss?',
    choices: ['It falls faster than before', 'It rises: boosted steps overshoot', 'Nothing changes'],
    answer: 1,
    lookAt:
      'FA-SGD’s curve climbs while SGD’s falls, and the tail chart shows it first: a tail token seen once takes a step so large it overshoots its target, further each time. A boost is only safe while η·boost stays below the stability limit of a single-sample step; the cap is that guard.',
  },
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
