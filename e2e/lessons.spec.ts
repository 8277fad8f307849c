// Every lesson link loads, asks for a prediction before Run, runs to its stop step and then shows
// the answer; the Zipf lessons show their effect at their defaults. Screenshots: e2e/screenshots.
// The lessons share one page and follow each other's links, as a class would: the engine's
// compiled kernels carry over (on the software adapter a first compile takes about 7 s).

import { expect, test, type Page } from '@playwright/test';
import type { RunConfig } from '../src/engine/config.ts';
import type { ReportedRows } from '../src/engine/protocol.ts';
import { lessonEnd, LESSONS } from '../src/state/lessons.ts';
import type { MetricPoint } from '../src/state/series.ts';
import { Playground } from './playground.ts';

/** The last recorded excess loss of each lane, by optimizer. */
async function finalExcess(app: Playground): Promise<Record<string, number>> {
  const run = await app.running();
  const last = (await app.points()).at(-1)!;
  return Object.fromEntries(run.lanes.map((l, i) => [l.optimizer as string, last.excess[i]]));
}

test.describe.configure({ mode: 'serial' });
let page: Page;
let app: Playground;
test.beforeAll(async ({ browser }, info) => {
  page = await browser.newPage({ baseURL: info.project.use.baseURL, viewport: info.project.use.viewport });
  app = new Playground(page);
  await app.open('/');
});
test.afterAll(() => page.close());

// The meaning lesson trains on its text: e2e/meaning.spec.ts opens it.
for (const lesson of LESSONS.filter((l) => l.preset !== 'data')) {
  test(`lesson "${lesson.title}" opens from its link, asks first, runs and explains`, async () => {
    await app.follow(`#v=2&lesson=${lesson.id}`);
    const panel = page.getByRole('region', { name: `Lesson ${lesson.title}` });
    await expect(panel).toBeVisible();
    await expect(panel.getByText(lesson.question)).toBeVisible();
    await expect(app.button('Run')).toBeDisabled();
    for (const hidden of lesson.hide)
      if (hidden === 'distribution')
        await expect(page.getByRole('region', { name: 'Token distribution' })).toHaveCount(0);
    await panel.getByLabel(lesson.choices[lesson.answer]).check();
    const stopAt = Number(lesson.fields.stopAt);
    await app.runToStop(stopAt);
    await expect(panel.getByRole('status')).toContainText('Your prediction was right');
    // The words are those computed from this run's own numbers.
    const [running, points, diverged, reported, eff] = await Promise.all([
      app.state<RunConfig>('running'),
      app.state<MetricPoint[]>('points'),
      app.state<(number | null)[]>('diverged'),
      app.state<ReportedRows>('reported'),
      app.state<{ effStep: number[][]; counts: number[] }>('latestEff'),
    ]);
    const point = points.at(-1);
    const said = lesson.lookAt({ config: running, end: lessonEnd(running, points, diverged, reported.freq, eff) });
    await expect(panel.getByRole('status')).toContainText(said);
    await expect(panel).toContainText(lesson.setup({ config: running, end: null }));
    await app.screenshot(`lesson-${lesson.id}`);
    const e = await finalExcess(app);
    if (lesson.id === 'uniform-no-gap') expect(e.fasgd).toBe(e.sgd);
    if (lesson.id === 'fasgd-closes-gap') {
      expect(e.fasgd).toBeLessThan(0.7 * e.sgd);
      expect(e.cfsgd).toBeLessThan(0.7 * e.sgd);
      // The tail readout says it in numbers: FA-SGD below SGD, by a percentage.
      const tail = await page.getByTestId('bucket-readout').locator('[data-bucket="tail"]').innerText();
      const [, sgdTail, faTail, change] = /SGD \(η=[\d.]+\) ([\d.]+) · FA-SGD \(η=[\d.]+\) ([\d.]+), −(\d+)%/.exec(
        tail,
      )!;
      expect(Number(faTail)).toBeLessThan(Number(sgdTail));
      expect(Number(change)).toBe(Math.round((1 - point!.buckets[1][2] / point!.buckets[0][2]) * 100));
    }
    if (lesson.id === 'uniform-no-gap')
      await expect(page.getByTestId('no-slope')).toContainText('every token is equally frequent');
    if (lesson.id === 'boost-diverges') expect(e.fasgd).toBeGreaterThan(e.sgd);
    if (lesson.id === 'tail-starves') {
      const points = await app.state<{ buckets: number[][] }[]>('points');
      const [first, last] = [points[1].buckets[0], points.at(-1)!.buckets[0]];
      expect(last[2] / first[2]).toBeGreaterThan(last[0] / first[0]);
    }
    expect(app.errors).toEqual([]);
  });
}

test('a wrong prediction is answered kindly, and the next lesson is one link away', async () => {
  await app.follow(`#v=2&lesson=uniform-no-gap`);
  const panel = page.getByRole('region', { name: /^Lesson 1\./ });
  await panel.getByLabel('FA-SGD clearly wins').check();
  await app.field('Stop at step').fill('30');
  await app.runToStop(30);
  await expect(panel.getByRole('status')).toContainText('Not quite: SGD and FA-SGD tie.');
  // It does not look like a right answer, and the keyboard is on it.
  const answer = panel.locator('.answer');
  await expect(answer).toHaveAttribute('data-verdict', 'wrong');
  const wrongLook = await answer.evaluate((e) => getComputedStyle(e).backgroundColor);
  await expect(answer).toBeFocused();
  // At 1400×900 the answer sits beside the question: the main chart is still in view.
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const plotTop = await page
    .getByRole('figure', { name: /^Excess loss/ })
    .locator('.plot-box')
    .evaluate((e) => e.getBoundingClientRect().top);
  expect(plotTop).toBeLessThan(900);
  await app.screenshot('lesson-wrong-answer');
  // The right answer, for comparison.
  await app.follow(`#v=2&lesson=uniform-no-gap`);
  await panel.getByLabel('SGD and FA-SGD tie').check();
  await app.runToStop(Number((await app.field('Stop at step').inputValue()) || 0));
  await expect(answer).toHaveAttribute('data-verdict', 'right');
  expect(await answer.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe(wrongLook);
  await panel.getByRole('link', { name: /2\. What happens to rare tokens/ }).click();
  await expect(page.getByRole('region', { name: /^Lesson 2\./ })).toBeVisible();
  await expect.poll(() => app.status()).toBe('idle');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#v=4&lesson=tail-starves');
  expect(app.errors).toEqual([]);
});
