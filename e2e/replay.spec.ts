// Replay export (issue 30): after the default run, the replay downloads as a video (MP4 where the
// browser encodes H.264, else WebM) and as a GIF that FFmpeg reads back with the asked length,
// frame count and size, a decoded frame matching the figure the page draws for that step; Cancel
// stops an export and leaves the page as it was; every field is checked.
// REPLAY_MEASURE=1 adds the measurement of a 10 s 720p video and GIF of the default run.

import { expect, test, type Download, type Page } from '@playwright/test';
import { mkdir, readFile } from 'node:fs/promises';
import { differingShare, framePng, frameRgba, probe } from './media.ts';
import { Playground } from './playground.ts';

test.describe.configure({ mode: 'serial' });

let page: Page;
let app: Playground;
/** Workers the page started, by script URL, and those that ended. */
const workers: string[] = [];
const ended: string[] = [];
const replayWorkers = (urls: string[]) => urls.filter((u) => /replay\.worker/.test(u));

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('worker', (w) => {
    workers.push(w.url());
    w.on('close', () => ended.push(w.url()));
  });
  // Main-thread tasks over 50 ms, counted from when the test asks.
  await page.addInitScript(() => {
    const w = globalThis as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
      type: 'longtask',
    });
  });
  app = new Playground(page);
  await mkdir('e2e/screenshots', { recursive: true });
  await app.open();
  await app.runToStop(1000); // the default run
});

test.afterAll(() => page.close());

const dialog = () => page.getByRole('dialog', { name: 'Export a replay' });
const field = (label: string) => dialog().getByLabel(label, { exact: true });

/** A short, small replay: 5 s at 10 frames per second, 640 × 360 (50 frames). */
const SHORT = {
  'Length (seconds, 5–20)': '5',
  'Frames per second': '10',
  'Width (pixels, even)': '640',
  'Height (pixels, even)': '360',
};

/** Opens the dialog and fills its fields. */
async function setUp(values: Record<string, string>, format: 'video' | 'gif' = 'video') {
  if (!(await dialog().isVisible())) await app.button('Export replay…').click();
  await dialog()
    .getByRole('radio', { name: format === 'gif' ? /^Animated GIF/ : /^Video/ })
    .check();
  for (const [label, value] of Object.entries(values)) await field(label).fill(value);
}

/** Exports and waits for the file; returns its path and name. */
async function exported(): Promise<{ path: string; name: string }> {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    dialog()
      .getByRole('button', { name: /^Export/ })
      .click(),
  ]);
  return { path: await (d as Download).path(), name: d.suggestedFilename() };
}

/** The preview canvas' RGBA bytes once it shows frame n (from 0), and the step it shows. */
async function preview(n: number): Promise<{ rgba: Buffer; step: number }> {
  await dialog().getByLabel('Preview frame').fill(String(n));
  const label = dialog().getByTestId('replay-frame');
  await expect(label).toHaveText(new RegExp(`^frame ${n + 1} of \\d+: step \\d+$`));
  const step = Number(/step (\d+)$/.exec((await label.textContent())!)![1]);
  const base64 = await dialog()
    .locator('.replay-preview canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let s = '';
      for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode(...d.subarray(i, i + 0x8000));
      return btoa(s);
    });
  return { rgba: Buffer.from(base64, 'base64'), step };
}

/** The frame n of the file matches the page's figure for its step; the first frame (step 0) does not. */
async function expectFrameAsDrawn(file: string, n: number) {
  const { rgba, step } = await preview(n);
  expect(step).toBeGreaterThan(0);
  const same = differingShare(await frameRgba(file, n), rgba);
  const other = differingShare(await frameRgba(file, 0), rgba);
  expect(same).toBeLessThan(0.001);
  expect(other).toBeGreaterThan(0.003);
}

test('the replay exports as a video that FFmpeg reads back: length, frames, size, and a frame as drawn', async () => {
  await setUp(SHORT);
  // MP4 (H.264) where this browser encodes it, else WebM (VP9): the dialog says which.
  const format = await dialog()
    .getByRole('radio', { name: /^Video/ })
    .evaluate((e) => e.parentElement!.textContent!);
  const mp4 = /MP4 \(H\.264\)/.test(format);
  expect(format).toMatch(mp4 ? /MP4 \(H\.264\)/ : /WebM \(VP9\)/);
  await page.evaluate(() => ((globalThis as unknown as { longTasks: number[] }).longTasks.length = 0));
  const file = await exported();
  expect(replayWorkers(workers)).toHaveLength(1); // encoded off the page's thread
  expect(file.name).toBe(`fa-sgd-replay-zipf-step1000.${mp4 ? 'mp4' : 'webm'}`);
  await expect(dialog().getByRole('status')).toHaveText(
    new RegExp(`^Saved ${file.name.replace('.', '\\.')}: [\\d.]+ MB, 50 frames, 640 × 360, made in [\\d.]+ s\\.$`),
  );
  const read = await probe(file.path);
  expect(read).toMatchObject({ codec: mp4 ? 'h264' : 'vp9', width: 640, height: 360, frames: 50 });
  expect(read.seconds).toBeCloseTo(5, 1);
  for (const n of [12, 37]) await expectFrameAsDrawn(file.path, n);
  await framePng(file.path, 49, 'e2e/screenshots/replay-frame.png');
  await page.screenshot({ path: 'e2e/screenshots/replay-dialog.png' });
  const longTasks = await page.evaluate(() => (globalThis as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push({ type: 'long tasks during export', description: JSON.stringify(longTasks) });
  expect(app.errors).toEqual([]);
});

test('the replay exports as a GIF that FFmpeg reads back the same way', async () => {
  await setUp(SHORT, 'gif');
  const file = await exported();
  expect(file.name).toBe('fa-sgd-replay-zipf-step1000.gif');
  expect((await readFile(file.path)).subarray(0, 6).toString()).toBe('GIF89a');
  const read = await probe(file.path);
  expect(read).toMatchObject({ codec: 'gif', width: 640, height: 360, frames: 50 });
  expect(read.seconds).toBeCloseTo(5, 1);
  for (const n of [12, 37]) await expectFrameAsDrawn(file.path, n);
  expect(app.errors).toEqual([]);
});

test('Cancel stops an export: nothing is saved, and the page is as it was', async () => {
  const before = {
    points: await app.points(),
    status: await app.status(),
    step: await app.step(),
    encoders: replayWorkers(workers).length,
  };
  await setUp({
    'Length (seconds, 5–20)': '20',
    'Frames per second': '60',
    'Width (pixels, even)': '1920',
    'Height (pixels, even)': '1080',
  });
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await dialog()
    .getByRole('button', { name: /^Export/ })
    .click();
  const progress = dialog().getByRole('progressbar');
  await expect.poll(() => progress.evaluate((p: HTMLProgressElement) => p.value)).toBeGreaterThan(0);
  expect(await progress.evaluate((p: HTMLProgressElement) => p.max)).toBe(1200);
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog().getByRole('status')).toHaveText('Cancelled: nothing was saved.');
  await expect(progress).toHaveCount(0);
  await expect(dialog().getByRole('button', { name: /^Export/ })).toBeEnabled();
  // Every encoder the page started has ended: none goes on in the background.
  expect(replayWorkers(workers)).toHaveLength(before.encoders + 1);
  await expect.poll(() => replayWorkers(ended).length).toBe(replayWorkers(workers).length);
  await expect(field('Width (pixels, even)')).toHaveValue('1920');
  await page.waitForTimeout(2000);
  expect(downloads).toEqual([]);
  await dialog().getByRole('button', { name: 'Close' }).click();
  await expect(dialog()).toBeHidden();
  expect({ points: await app.points(), status: await app.status(), step: await app.step() }).toEqual({
    points: before.points,
    status: before.status,
    step: before.step,
  });
  expect(app.errors).toEqual([]);
});

test('hostile input: every field of the dialog is checked, with a message and no export', async () => {
  await setUp({
    'Length (seconds, 5–20)': '60',
    'Width (pixels, even)': '641',
    'Height (pixels, even)': 'big',
    'Slow motion around step': '999999',
  });
  await dialog()
    .getByRole('button', { name: /^Export/ })
    .click();
  await expect(dialog().getByRole('alert')).toHaveText([
    'Length: a number of seconds from 5 to 20.',
    'Width: an even whole number of pixels from 160 to 1920.',
    'Height: an even whole number of pixels from 120 to 1080.',
    'Slow motion: a step of this run, from 0 to 1000 (or empty for none).',
  ]);
  await expect(dialog().getByRole('progressbar')).toHaveCount(0);
  await expect(field('Width (pixels, even)')).toHaveAttribute('aria-invalid', 'true');
  // A GIF's rate must be whole hundredths of a second; a frame too small for the charts is said so.
  await setUp(
    {
      'Length (seconds, 5–20)': '5',
      'Width (pixels, even)': '160',
      'Height (pixels, even)': '120',
      'Slow motion around step': '150',
    },
    'gif',
  );
  await field('Frames per second').fill('30');
  await dialog()
    .getByRole('button', { name: /^Export/ })
    .click();
  await expect(dialog().getByRole('alert').first()).toHaveText(/A GIF plays 5, 10, 20, 25 frames per second/);
  await field('Frames per second').fill('10');
  await expect(dialog().getByRole('alert')).toHaveText(/160 × 120 is too small for these charts/);
  await dialog().getByRole('button', { name: 'Close' }).click();
  expect(app.errors).toEqual([]);
});

test('without OffscreenCanvas the replay is encoded on the page, and reads back the same', async ({ browser }) => {
  const own = await browser.newPage();
  const started: string[] = [];
  own.on('worker', (w) => started.push(w.url()));
  await own.addInitScript(() => delete (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas);
  const ownApp = new Playground(own);
  await ownApp.open('/#v=4&stopAt=60');
  await ownApp.runToStop(60);
  await ownApp.button('Export replay…').click();
  const box = own.getByRole('dialog', { name: 'Export a replay' });
  for (const [label, value] of Object.entries(SHORT)) await box.getByLabel(label, { exact: true }).fill(value);
  const [d] = await Promise.all([own.waitForEvent('download'), box.getByRole('button', { name: /^Export/ }).click()]);
  expect(await probe(await d.path())).toMatchObject({ width: 640, height: 360, frames: 50 });
  expect(replayWorkers(started)).toEqual([]);
  expect(ownApp.errors).toEqual([]);
  await own.close();
});

/** Seconds and megabytes of an export, and the main thread's tasks over 50 ms meanwhile. */
async function measure(format: 'video' | 'gif', fps: string) {
  await setUp(
    {
      'Length (seconds, 5–20)': '10',
      'Frames per second': fps,
      'Width (pixels, even)': '1280',
      'Height (pixels, even)': '720',
    },
    format,
  );
  await page.evaluate(() => ((globalThis as unknown as { longTasks: number[] }).longTasks.length = 0));
  const file = await exported();
  const said = (await dialog().getByRole('status').textContent())!;
  const longTasks = await page.evaluate(() => (globalThis as unknown as { longTasks: number[] }).longTasks);
  const read = await probe(file.path);
  expect(read).toMatchObject({ width: 1280, height: 720, frames: 10 * Number(fps) });
  await framePng(file.path, read.frames / 2, `e2e/screenshots/replay-720p-${format}.png`);
  return { file: file.name, said, longTasks: longTasks.map(Math.round), read };
}

test('measure: a 10 s 720p video and GIF of the default run (REPLAY_MEASURE=1)', async () => {
  test.skip(!process.env.REPLAY_MEASURE, 'a measurement, run on request');
  test.setTimeout(300_000);
  const results = [await measure('video', '30'), await measure('gif', '10')];
  console.log(JSON.stringify(results, null, 2));
});
