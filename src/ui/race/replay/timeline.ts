// A replay's settings and its frames in time: what the dialog's fields may hold (each one checked,
// with a message naming what is wrong), and which recorded step each frame shows. Pure functions.

import { slug } from '../../chart/exportFigure.ts';

/** Video: MP4 (H.264) where the browser can encode it, else WebM (VP9); or an animated GIF. */
export type ReplayFormat = 'video' | 'gif';

export interface ReplayOptions {
  format: ReplayFormat;
  /** Length of the replay in seconds. */
  seconds: number;
  fps: number;
  /** Frame size in pixels, both even (H.264 stores colour at half resolution). */
  width: number;
  height: number;
  /** The step to slow down around (null: the same speed throughout), and by how much. */
  slowAt: number | null;
  slowFactor: number;
}

/** The dialog's fields, as typed. */
export type ReplayFields = Record<Exclude<keyof ReplayOptions, 'format'>, string> & { format: ReplayFormat };

export const DEFAULT_FIELDS: ReplayFields = {
  format: 'video',
  seconds: '10',
  fps: '30',
  width: '1280',
  height: '720',
  slowAt: '',
  slowFactor: '4',
};

export const SECONDS = [5, 20] as const;
export const VIDEO_FPS = [10, 60] as const;
/** A GIF's frame time is whole hundredths of a second (browsers slow down shorter ones). */
export const GIF_FPS = [5, 10, 20, 25];
export const WIDTH = [160, 1920] as const;
export const HEIGHT = [120, 1080] as const;
export const SLOW_FACTORS = [2, 4, 8];
/** Half-width of the slowed-down stretch, as a fraction of the run's steps. */
const SLOW_SPAN = 0.1;

/** Steps of the run that a replay can show: its first and last recorded ones. */
export interface StepRange {
  first: number;
  last: number;
}

const number = (text: string) => (/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(text) ? Number(text) : NaN);

/** The options the fields describe, or a message per field that is not valid. */
export function readReplayOptions(
  fields: ReplayFields,
  run: StepRange,
): { ok: true; options: ReplayOptions } | { ok: false; errors: Partial<Record<keyof ReplayFields, string>> } {
  const errors: Partial<Record<keyof ReplayFields, string>> = {};
  const seconds = number(fields.seconds);
  if (!(seconds >= SECONDS[0] && seconds <= SECONDS[1]))
    errors.seconds = `Length: a number of seconds from ${SECONDS[0]} to ${SECONDS[1]}.`;
  const fps = number(fields.fps);
  if (
    fields.format === 'gif'
      ? !GIF_FPS.includes(fps)
      : !(Number.isInteger(fps) && fps >= VIDEO_FPS[0] && fps <= VIDEO_FPS[1])
  )
    errors.fps =
      fields.format === 'gif'
        ? `A GIF plays ${GIF_FPS.join(', ')} frames per second (its frame time is whole hundredths of a second).`
        : `Frames per second: a whole number from ${VIDEO_FPS[0]} to ${VIDEO_FPS[1]}.`;
  const size = (text: string, [lo, hi]: readonly [number, number], what: string) => {
    const v = number(text);
    return Number.isInteger(v) && v >= lo && v <= hi && v % 2 === 0
      ? null
      : `${what}: an even whole number of pixels from ${lo} to ${hi}.`;
  };
  const w = size(fields.width, WIDTH, 'Width');
  if (w) errors.width = w;
  const h = size(fields.height, HEIGHT, 'Height');
  if (h) errors.height = h;
  let slowAt: number | null = null;
  if (fields.slowAt.trim() !== '') {
    slowAt = number(fields.slowAt.replaceAll(',', ''));
    if (!(Number.isInteger(slowAt) && slowAt >= run.first && slowAt <= run.last))
      errors.slowAt = `Slow motion: a step of this run, from ${run.first} to ${run.last} (or empty for none).`;
  }
  const slowFactor = number(fields.slowFactor);
  if (!SLOW_FACTORS.includes(slowFactor)) errors.slowFactor = `Slow down ${SLOW_FACTORS.join(', ')} times.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      format: fields.format,
      seconds,
      fps,
      width: number(fields.width),
      height: number(fields.height),
      slowAt,
      slowFactor,
    },
  };
}

/** Frames of a replay: its length times its rate, at least 2. */
export const frameCount = (o: Pick<ReplayOptions, 'seconds' | 'fps'>) => Math.max(2, Math.round(o.seconds * o.fps));

/**
 * The step each frame shows: the last recorded step at or before the frame's moment. Time runs
 * evenly over the steps from the first recorded to the last, `slowFactor` times slower within a
 * tenth of the run either side of `slowAt`; the last second (at most a tenth of the replay) holds
 * the end. `steps`: the recorded steps, increasing.
 */
export function frameSteps(o: ReplayOptions, steps: number[]): number[] {
  const n = frameCount(o);
  if (steps.length === 0) return [];
  const [s0, s1] = [steps[0], steps[steps.length - 1]];
  const hold = Math.min(Math.round(o.fps), Math.floor(n / 10));
  const moving = n - hold;
  // Time spent per step: 1 outside the slowed stretch [a, b], slowFactor inside.
  const span = (s1 - s0) * SLOW_SPAN;
  const [a, b] = o.slowAt === null ? [s1, s1] : [Math.max(s0, o.slowAt - span), Math.min(s1, o.slowAt + span)];
  const k = o.slowAt === null ? 1 : o.slowFactor;
  const total = s1 - s0 + (k - 1) * (b - a);
  const stepAt = (time: number) =>
    time <= a - s0
      ? s0 + time
      : time <= a - s0 + k * (b - a)
        ? a + (time - (a - s0)) / k
        : b + (time - (a - s0) - k * (b - a));
  let j = 0;
  return Array.from({ length: n }, (_, i) => {
    const t = i >= moving - 1 ? s1 : stepAt((total * i) / Math.max(1, moving - 1));
    while (j + 1 < steps.length && steps[j + 1] <= t + 1e-9) j++;
    return steps[j];
  });
}

/** A file name from the run's name: "fa-sgd-replay-zipf-step1000.mp4". */
export const replayFileName = (run: string, extension: string) => `fa-sgd-replay-${slug(run) || 'run'}.${extension}`;
