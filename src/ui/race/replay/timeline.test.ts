import { describe, expect, test } from 'vitest';
import type { PlotInput, Row } from '../../chart/figure/plot.ts';
import { recordedSteps, replaySpec } from './scene.ts';
import { DEFAULT_FIELDS, frameSteps, readReplayOptions, replayFileName, type ReplayOptions } from './timeline.ts';

const run = { first: 0, last: 300 };
const options = (more: Partial<ReplayOptions> = {}): ReplayOptions => ({
  format: 'video',
  seconds: 10,
  fps: 30,
  width: 1280,
  height: 720,
  slowAt: null,
  slowFactor: 4,
  ...more,
});
/** Recorded steps 0, 10, …, 300. */
const steps = Array.from({ length: 31 }, (_, i) => i * 10);

describe('the dialog’s fields', () => {
  test('the defaults are valid: a 10 s 720p video at 30 frames per second', () => {
    expect(readReplayOptions(DEFAULT_FIELDS, run)).toEqual({ ok: true, options: options() });
  });

  test.each([
    ['seconds', '4', /from 5 to 20/],
    ['seconds', '21', /from 5 to 20/],
    ['seconds', 'ten', /from 5 to 20/],
    ['fps', '30.5', /whole number from 10 to 60/],
    ['fps', '0', /whole number from 10 to 60/],
    ['width', '1281', /even whole number of pixels from 160 to 1920/],
    ['width', '4000', /from 160 to 1920/],
    ['height', '', /from 120 to 1080/],
    ['height', '1e3', /from 120 to 1080/],
    ['slowAt', '301', /a step of this run, from 0 to 300/],
    ['slowAt', '12.5', /a step of this run/],
    ['slowAt', '<script>', /a step of this run/],
    ['slowFactor', '3', /2, 4, 8 times/],
  ] as const)('%s = %j is refused with a message', (field, value, message) => {
    const read = readReplayOptions({ ...DEFAULT_FIELDS, [field]: value }, run);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.errors[field]).toMatch(message);
      expect(Object.keys(read.errors)).toEqual([field]);
    }
  });

  test('a GIF plays at whole hundredths of a second per frame', () => {
    expect(readReplayOptions({ ...DEFAULT_FIELDS, format: 'gif', fps: '30' }, run)).toMatchObject({
      ok: false,
      errors: { fps: /A GIF plays 5, 10, 20, 25 frames per second/ },
    });
    expect(readReplayOptions({ ...DEFAULT_FIELDS, format: 'gif', fps: '25' }, run).ok).toBe(true);
  });

  test('slow motion at a step with thousands separators', () => {
    const read = readReplayOptions({ ...DEFAULT_FIELDS, slowAt: '1,200' }, { first: 0, last: 2000 });
    expect(read).toMatchObject({ ok: true, options: { slowAt: 1200 } });
  });
});

describe('frames in time', () => {
  test('one frame per 1/fps: the first shows the first step, the last second holds the last', () => {
    const f = frameSteps(options(), steps);
    expect(f).toHaveLength(300);
    expect(f[0]).toBe(0);
    expect(f.slice(-31)).toEqual(Array(31).fill(300));
    expect(f[f.length - 32]).toBeLessThan(300);
    f.forEach((s, i) => {
      expect(steps).toContain(s);
      if (i > 0) expect(s).toBeGreaterThanOrEqual(f[i - 1]);
    });
    // Evenly over the steps: the middle of the moving frames is near the middle of the run.
    expect(f[134]).toBeGreaterThanOrEqual(140);
    expect(f[134]).toBeLessThanOrEqual(150);
  });

  test('slow motion spends slowFactor times as many frames around its step', () => {
    const every = Array.from({ length: 301 }, (_, i) => i);
    const inWindow = (f: number[]) => f.filter((s) => s >= 120 && s <= 180).length;
    const even = frameSteps(options(), every);
    const slow = frameSteps(options({ slowAt: 150, slowFactor: 4 }), every);
    expect(slow).toHaveLength(300);
    expect(slow[0]).toBe(0);
    expect(slow.at(-1)).toBe(300);
    // Steps 120–180, a fifth of the run: a fifth of the 269 moving frames evenly; slowed 4 times,
    // 4 × 60 of 300 + 3 × 60 = 480 units of time, half of them.
    expect(inWindow(even)).toBeGreaterThanOrEqual(53);
    expect(inWindow(even)).toBeLessThanOrEqual(56);
    expect(inWindow(slow)).toBeGreaterThanOrEqual(133);
    expect(inWindow(slow)).toBeLessThanOrEqual(137);
  });

  test('a GIF at 10 frames per second for 5 s: 50 frames', () => {
    expect(frameSteps(options({ format: 'gif', seconds: 5, fps: 10 }), steps)).toHaveLength(50);
  });
});

describe('what a replay draws', () => {
  const series = [
    { key: 't0', name: 'SGD, theory', color: '#000', dash: '1 5', faint: true },
    { key: 'l0', name: 'SGD', color: '#000', dash: '' },
  ];
  const rows: Row[] = [
    { x: 0, l0: 0.5, t0: 0.5 },
    { x: 10, t0: 0.4 },
    { x: 20, l0: 0.3, t0: 0.3 },
    { x: 1000, t0: 0.1 },
  ];
  const chart: PlotInput = { title: 'Loss', xLabel: 'training step', yLabel: 'loss', rows, series };

  test('the recorded steps are those with measured values (theory curves run ahead)', () => {
    expect(recordedSteps([chart])).toEqual([0, 20]);
  });

  test('rows are cut at the last recorded step, so the x axis spans the run', () => {
    const spec = replaySpec([chart, { ...chart, title: 'Tail' }], ['caption'], { width: 1280, height: 720 });
    expect(spec.panels.map((p) => ('series' in p ? p.rows.map((r) => r.x) : []))).toEqual([
      [0, 10, 20],
      [0, 10, 20],
    ]);
    expect(spec).toMatchObject({ title: 'The optimizer race', counter: true, stacked: false });
    expect(replaySpec([chart], [], { width: 720, height: 1280 })).toMatchObject({ title: 'Loss', stacked: true });
  });

  test('file names come from the run’s name', () => {
    expect(replayFileName('zipf-step300', 'mp4')).toBe('fa-sgd-replay-zipf-step300.mp4');
    expect(replayFileName('η = 10 / “baseline”', 'gif')).toBe('fa-sgd-replay-10-baseline.gif');
    expect(replayFileName('', 'webm')).toBe('fa-sgd-replay-run.webm');
  });
});
