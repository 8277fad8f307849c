// The first screen tells the story: after Run, without scrolling, the run controls, the loss race
// and the tail (beside head and torso, on one scale) are in sight, on a laptop and a projector;
// a phone never scrolls sideways; in a lesson nothing answers the question before the prediction;
// and the page has no WCAG 2.1 A/AA violation axe can find, in the states a class walks through.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../src/state/lessons.ts';
import { Playground } from './playground.ts';

/** Whether the element lies wholly inside the viewport as the page first shows it (not scrolled). */
async function inFirstViewport(page: Page, selector: string) {
  return page.evaluate((s) => {
    const r = document.querySelector(s)!.getBoundingClientRect();
    return window.scrollY === 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  }, selector);
}

/** Curves drawn in the race (a line's path with at least one segment). */
const drawnCurves = (page: Page) =>
  page
    .locator('section.race path.recharts-line-curve')
    .evaluateAll((paths) => paths.filter((p) => /L/.test(p.getAttribute('d') ?? '')).length);

/** Sideways scrolling: how far the page is wider than the window. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** WCAG 2.1 A and AA violations axe finds on the page as it stands. */
async function violations(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const LOSS = '[aria-label^="Excess loss"]';
const TAIL = '[aria-label^="Tail"]';

for (const [width, height, projector] of [
  [1400, 900, false],
  [1280, 720, false],
  [1280, 720, true],
] as const)
  test(`${width}×${height}${projector ? ', projector view' : ''}: after Run the controls, the loss race and the tail are in the first screen`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    const app = new Playground(page);
    await app.open(`/#v=4&stopAt=150${projector ? '&view=projector' : ''}`);
    await app.runToStop(150);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await inFirstViewport(page, '.run-controls')).toBe(true);
    expect(await inFirstViewport(page, LOSS)).toBe(true);
    expect(await inFirstViewport(page, TAIL)).toBe(true);
    // Head, torso and tail share one scale by default: the tail's height beside the head's is the point.
    const yTicks = (title: string) =>
      page
        .getByRole('figure', { name: new RegExp(`^${title}`) })
        .locator('.recharts-yAxis-tick-labels text')
        .allTextContents();
    const ends = async (title: string) => [(await yTicks(title))[0], (await yTicks(title)).at(-1)];
    expect(await ends('Head')).toEqual(await ends('Tail'));
    await app.screenshot(`first-screen-${width}x${height}${projector ? '-projector' : ''}`);
    expect(app.errors).toEqual([]);
  });

test('a lesson: before the prediction no curve is drawn and no readout answers; after it the maths’ prediction, then the run', async ({
  page,
}) => {
  const app = new Playground(page);
  const lesson = LESSONS.find((l) => l.id === 'tail-starves')!;
  await app.open(`/#v=4&lesson=${lesson.id}`);
  await expect(page.getByTestId('preview')).toContainText('Make your prediction in the lesson first');
  // Give the theory worker time to answer: its curves must stay hidden all the same.
  await page.waitForTimeout(1500);
  expect(await drawnCurves(page)).toBe(0);
  await expect(page.locator('.expected')).toHaveCount(0);
  // Titles ask, they do not tell.
  expect(lesson.title).toMatch(/\?$/);
  await app.screenshot('lesson-before-prediction');
  await page.getByLabel(lesson.choices[0]).check();
  await expect.poll(() => drawnCurves(page)).toBeGreaterThan(0);
  await expect(page.getByTestId('preview')).toContainText('what the maths predicts');
  await app.screenshot('lesson-after-prediction');
  await app.runToStop(300);
  await expect(page.locator('[data-verdict]')).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('phone (390×844): no sideways scrolling on the default page, in a lesson, or after a run', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new Playground(page);
  await app.open('/#v=4&stopAt=40');
  expect(await overflow(page)).toBe(0);
  await app.screenshot('phone-before-run');
  await app.runToStop(40);
  expect(await overflow(page)).toBe(0);
  await app.screenshot('phone-after-run');
  await app.follow('#v=4&lesson=boost-diverges');
  expect(await overflow(page)).toBe(0);
  expect(app.errors).toEqual([]);
});

test('accessibility: no WCAG 2.1 A/AA violation on the default page, a lesson before and after its answer, a finished run and the data panels', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  expect(await violations(page)).toEqual([]);
  await app.follow('#v=4&lesson=uniform-no-gap&stopAt=30');
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('SGD and FA-SGD tie').check();
  await app.runToStop(30);
  await expect(page.locator('[data-verdict]')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await app.follow('#v=4&stopAt=30');
  await app.runToStop(30);
  expect(await violations(page)).toEqual([]);
  await app.button('Make a sample log').click();
  await expect(page.getByTestId('log-summary')).toBeVisible();
  const text = page.locator('section.data').filter({ hasText: 'Your data: a text' });
  await text.getByLabel('Text to train on').fill('the cat sat on the mat and the dog sat on the log '.repeat(20));
  await text.getByRole('button', { name: 'Read the pasted text' }).click();
  await expect(page.getByTestId('text-summary')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  expect(app.errors).toEqual([]);
});
