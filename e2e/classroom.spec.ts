// The path a class walks, as a lecturer and students walk it: each test reproduces one way it
// broke (issue: "The classroom path never breaks") and checks what a person does next. This file
// runs in both projects: with WebGPU (the software adapter here) and without (the CPU engine).

import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../src/state/lessons.ts';
import { Playground } from './playground.ts';

const lessonLink = (id: string) => `/#v=4&lesson=${id}`;
const byId = (id: string) => LESSONS.find((l) => l.id === id)!;

/** What a page shows of an open lesson before its run: intro, question, legend, chart titles, notices. */
async function lessonView(page: Page) {
  const panel = page.getByRole('region', { name: /^Lesson / });
  return {
    title: await panel.getByRole('heading').first().textContent(),
    intro: await panel.locator('p').first().textContent(),
    question: await panel.locator('legend').textContent(),
    legend: await page.locator('.recharts-legend-wrapper').first().textContent(),
    charts: await page.getByRole('figure').evaluateAll((fs) => fs.map((f) => f.getAttribute('aria-label'))),
    passing: await page.getByTestId('passing').count(),
    status: await page.getByTestId('phase').textContent(),
  };
}

test('Resume at the stop step: the highlighted button continues (Enter too), and nothing fails', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Stop at step').fill('30');
  await app.runToStop(30);
  await expect(page.getByTestId('passing')).toHaveText('Stopped at step 30, as asked.');
  const primary = page.locator('.primary-run');
  await expect(primary).toHaveText('Continue to 60');
  await app.screenshot('classroom-at-stop');
  // The keyboard is on the primary button, as after pressing Run with Enter.
  await primary.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => app.status()).toBe('atStop');
  expect(await app.step()).toBe(60);
  await expect(app.field('Stop at step')).toHaveValue('60');
  await expect(primary).toHaveText('Continue to 120');
  await expect(page.getByText(/Training stopped/)).toHaveCount(0);
  // Inside a lesson too.
  await app.open(lessonLink('uniform-no-gap'));
  await page.getByLabel('SGD and FA-SGD tie').check();
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  await page.locator('.primary-run').click();
  await expect.poll(() => app.status()).toBe('atStop');
  expect(await app.step()).toBe(40);
  // The answer, shown at the first stop, stays.
  await expect(page.getByRole('region', { name: /^Lesson / }).locator('[data-verdict=right]')).toBeVisible();
  await app.screenshot('classroom-continue-in-lesson');
  expect(app.errors).toEqual([]);
});

test('a lesson opened after another shows what it shows opened fresh from its link', async ({ page, context }) => {
  const app = new Playground(page);
  await app.open(lessonLink('uniform-no-gap'));
  await page.getByLabel('SGD and FA-SGD tie').check();
  await app.runToStop(300);
  await page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('link', { name: /What happens to rare tokens/ })
    .click();
  await expect(page.getByRole('region', { name: /^Lesson 2\./ })).toBeVisible();
  await app.screenshot('classroom-lesson2-after-lesson1');
  const fresh = new Playground(await context.newPage());
  await fresh.open(lessonLink('tail-starves'));
  // Before the prediction nothing answers the question: no curve, theory included.
  await expect(fresh.page.getByTestId('preview')).toContainText('Make your prediction in the lesson first');
  const want = await lessonView(fresh.page);
  expect(want.legend).not.toContain('theory');
  // Its intro is lesson 2's (Zipf shares), not lesson 1's uniform figures; no stop notice of lesson 1.
  expect(want.intro).toMatch(/Zipf’s law \(s = 1\.1\)/);
  await expect.poll(() => lessonView(page)).toEqual(want);
  // Lesson 5 after lesson 2 names its own cap.
  await page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('link', { name: /much larger boost cap/ })
    .click();
  await expect(page.getByRole('region', { name: /^Lesson 5\./ })).toContainText('Here it is 1000 instead of 20');
  expect(app.errors).toEqual([]);
  expect(fresh.errors).toEqual([]);
});

test('notices: why there is no WebGPU from page load; a stop notice replaces others without moving the charts', async ({
  page,
}, info) => {
  const app = new Playground(page);
  await app.open();
  const noGpu = page.getByTestId('no-gpu');
  if (info.project.name === 'no-webgpu') {
    // Said before Run, with the reason, and where training will run.
    await expect(noGpu).toContainText('offers no WebGPU adapter');
    await expect(noGpu).toContainText('Training runs on the CPU engine instead');
    await expect(page.getByTestId('device')).toHaveText('CPU engine (no WebGPU)');
    await app.screenshot('classroom-no-webgpu-before-run');
  } else {
    await expect(page.getByTestId('device')).not.toHaveText('');
    await expect(noGpu).toHaveCount(0);
  }
  // At 20 steps/s the chart is measured well before the stop notice appears.
  await page.getByLabel('Speed', { exact: true }).selectOption('20');
  await app.field('Stop at step').fill('60');
  await app.button('Run').click();
  await app.waitForStep(20);
  const chart = page.getByRole('figure', { name: /^Excess loss/ });
  expect(await app.status()).toBe('running');
  const before = (await chart.boundingBox())!.y;
  await expect.poll(() => app.status(), { timeout: 90_000 }).toBe('atStop');
  await expect(page.getByTestId('passing')).toHaveText('Stopped at step 60, as asked.');
  expect((await chart.boundingBox())!.y).toBe(before);
  // A hidden tab's pause replaces the stop notice (after Continue), in the same place.
  await page.locator('.primary-run').click();
  await app.waitForStep(70);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByTestId('passing')).toHaveText(/Paused because the tab was hidden/);
  expect((await chart.boundingBox())!.y).toBe(before);
  expect(app.errors).toEqual([]);
});

test('the Preset box tells the truth: custom once edited, counts named, and a student sees what is in use', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  const preset = page.getByLabel('Preset', { exact: true });
  const shown = () => preset.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].textContent);
  expect(await shown()).toBe('Zipf 1.1 (token regression)');
  await app.field('Zipf exponent s (Token distribution)').fill('1.3');
  await expect.poll(shown).toBe('Custom (from Zipf 1.1 (token regression))');
  await expect(page.getByTestId('preset-summary')).toContainText('Zipf s=1.3');
  // Run controls are not the setup: the label stays as it is.
  await app.field('Zipf exponent s (Token distribution)').fill('1.1');
  await app.field('Stop at step').fill('50');
  await expect.poll(shown).toBe('Zipf 1.1 (token regression)');
  // Pasted counts.
  await page.getByLabel('Shape').first().selectOption('counts');
  await page.getByLabel('Counts: one per line, or token,count').fill('50\n30\n10\n5\n3\n2');
  await page.getByRole('button', { name: 'Use these counts' }).click();
  await expect.poll(shown).toBe('Custom (from Zipf 1.1 (token regression))');
  await expect(page.getByTestId('preset-summary')).toContainText('counts');
  // A lesson: set by it, then custom once edited.
  await app.follow('#v=4&lesson=tail-starves');
  await expect.poll(shown).toBe('Set by lesson 2');
  // A student's link that hides the designer still says what the distribution is.
  await app.follow('#v=4&hide=distribution&tokens.s=1.3');
  await expect(page.getByRole('region', { name: 'Token distribution' })).toHaveCount(0);
  await expect.poll(shown).toBe('Custom (from Zipf 1.1 (token regression))');
  await expect(page.getByTestId('preset-summary')).toContainText('Zipf s=1.3');
  expect(app.errors).toEqual([]);
});

test('classroom mode hides controls in the student link, not on the lecturer’s page; a preview has a way back', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new Playground(page);
  await app.open();
  await page.getByText('Classroom mode: a student link that hides controls').click();
  await page.getByLabel('Hide share panel (and this list)').check();
  await page.getByLabel('Hide sizes and seed').check();
  // The lecturer keeps every control, Copy link and the list included.
  await expect(app.button('Copy link')).toBeVisible();
  await expect(app.field('Seed')).toBeVisible();
  await expect(page.getByLabel('Hide share panel (and this list)')).toBeChecked();
  await page.waitForTimeout(600); // past the URL's settle time
  expect(await page.evaluate(() => location.hash)).not.toContain('hide=');
  await app.button('Copy student link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/hide=sizes,share|hide=share,sizes/);
  // A preview of the student's view, and the way back.
  await app.button('Preview the student’s view').click();
  await expect(app.button('Copy link')).toHaveCount(0);
  await expect(app.field('Seed')).toHaveCount(0);
  await expect(page.getByTestId('student-preview')).toContainText('share panel');
  await app.screenshot('classroom-preview');
  await app.button('Back to the full view').click();
  await expect(app.button('Copy link')).toBeVisible();
  await expect(app.field('Seed')).toBeVisible();
  // The student's page hides them, and says so.
  const student = new Playground(await context.newPage());
  await student.open(link.replace(/^http:\/\/localhost:\d+/, ''));
  await expect(student.page.getByTestId('classroom')).toContainText('sizes and seed');
  await expect(student.field('Seed')).toHaveCount(0);
  await expect(student.button('Copy link')).toHaveCount(0);
  await expect(student.button('Run')).toBeEnabled();
  expect(app.errors).toEqual([]);
  expect(student.errors).toEqual([]);
});

test('data next to Run: a text read is offered there, and a data link asks for its file beside Run', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new Playground(page);
  await app.open();
  const text = 'the cat sat on the mat and the dog sat on the log while the bird sang '.repeat(60);
  const panel = page.locator('section.data').filter({ hasText: 'Your data: a text' });
  await panel.getByLabel('Text to train on').fill(text);
  await panel.getByRole('button', { name: 'Read the pasted text' }).click();
  const offer = page.getByTestId('data-offer');
  await expect(offer).toContainText('Run trains Zipf 1.1 (token regression), not “pasted text”.');
  await offer.getByRole('button', { name: 'Train on “pasted text”' }).click();
  await expect(offer).toHaveCount(0);
  await expect(page.locator('.primary-run')).toBeFocused();
  await app.field('Stop at step').fill('20');
  await app.runToStop(20);
  expect((await app.running()).workload).toBe('data');
  await app.button('Copy link').click();
  const link = (await page.evaluate(() => navigator.clipboard.readText())).replace(/^http:\/\/localhost:\d+/, '');

  // A colleague opens the link: Run says why it cannot start, and the file is asked for beside it.
  const other = new Playground(await context.newPage());
  await other.open(link);
  await expect(other.button('Run')).toBeDisabled();
  await expect(other.page.getByTestId('run-blockers')).toContainText('which is not loaded here');
  const needed = other.page.getByTestId('data-needed');
  await expect(needed).toContainText('This link trains on “pasted text”');
  await needed
    .locator('input[type=file]')
    .setInputFiles({ name: 'pasted text', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(other.button('Run')).toBeEnabled();
  await expect(other.page.getByTestId('passing')).toContainText('same fingerprint');
  await other.runToStop(20);
  expect(await other.points()).toEqual(await app.points());
  expect(app.errors).toEqual([]);
  expect(other.errors).toEqual([]);
});

test('keyboard: a lesson opened puts the focus on its question; the race leads back to the lessons', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  const link = page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('link', { name: /What happens to rare tokens/ });
  await link.focus();
  await page.keyboard.press('Enter');
  const lesson = byId('tail-starves');
  await expect(page.getByRole('radio', { name: lesson.choices[0] })).toBeFocused();
  // Arrow keys choose, Tab leaves the question; Run is near.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: lesson.choices[2] })).toBeChecked();
  // From the run controls, a few Tabs reach "Back to the lessons"; it lands on the open lesson's link.
  await page.locator('.primary-run').focus();
  let presses = 0;
  while (presses < 8 && !(await page.evaluate(() => document.activeElement?.textContent === 'Back to the lessons'))) {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(presses).toBeLessThan(8);
  await page.keyboard.press('Enter');
  await expect(link).toBeFocused();
  // From the end of the race, one Tab.
  await page.getByRole('button', { name: 'Back to Run' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Back to the lessons' }).last()).toBeFocused();
  expect(app.errors).toEqual([]);
});
