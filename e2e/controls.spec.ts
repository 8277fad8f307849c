import { expect, test } from '@playwright/test';
import { LESSONS } from '../src/state/lessons.ts';
import { Playground } from './playground.ts';

test('Step advances one step at a time, from a fresh start and while paused', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.button('Step').click();
  await expect.poll(() => app.step()).toBe(1);
  await expect.poll(() => app.status()).toBe('paused');
  await app.button('Step').click();
  await expect.poll(() => app.step()).toBe(2);
  expect((await app.points()).map((p) => p.step)).toEqual([0, 1, 2]);
  await app.button('Resume').click();
  await app.waitForStep(30);
  expect(app.errors).toEqual([]);
});

test('Stop at step pauses the run there and says so', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Stop at step').fill('x');
  await expect(app.button('Run')).toBeDisabled();
  await app.field('Stop at step').fill('40');
  await app.button('Run').click();
  await expect.poll(() => app.status()).toBe('atStop');
  await expect(page.getByText('Stopped at step 40, as asked.')).toBeVisible();
  await expect.poll(() => app.step()).toBe(40);
  expect(app.errors).toEqual([]);
});

test('Speed limits the steps per second', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await page.getByLabel('Speed', { exact: true }).selectOption('5');
  await app.button('Run').click();
  await app.waitForStep(10);
  const t0 = Date.now();
  const s0 = await app.step();
  await page.waitForTimeout(4000);
  const rate = ((await app.step()) - s0) / ((Date.now() - t0) / 1000);
  expect(rate).toBeLessThan(8);
  expect(rate).toBeGreaterThan(1);
  expect(app.errors).toEqual([]);
});

test('a hidden tab pauses the run and the page says why', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.button('Run').click();
  await app.waitForStep(20);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => app.status()).toBe('paused');
  await expect(page.getByText('Paused because the tab was hidden')).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('every setup control reaches the run: sizes, seed, learning rates, β, cap, ε, buckets', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  const edits: [string, string][] = [
    ['Vocabulary N', '3000'],
    ['Dimension d', '8'],
    ['Batch B', '256'],
    ['Seed', '9'],
    ['η (SGD)', '5'],
    ['β (FA-SGD)', '0.7'],
    ['cap c (CF-SGD)', '12'],
    ['ε (Adagrad (row-wise))', '0.001'],
    ['Head: top % of ranks', '2'],
    ['Torso ends at % of ranks', '20'],
    ['Stop at step', '20'],
  ];
  for (const [label, value] of edits) await app.field(label).fill(value);
  await app.runToStop(20);
  const run = await app.running();
  expect(run).toMatchObject({ rows: 3000, dim: 8, batch: 256, seed: 9, bucketEnds: [0.02, 0.2] });
  expect(run.lanes[0]).toMatchObject({ optimizer: 'sgd', lr: 5 });
  expect(run.lanes[1]).toMatchObject({ optimizer: 'fasgd', beta: 0.7 });
  expect(run.lanes[2]).toMatchObject({ optimizer: 'cfsgd', cap: 12 });
  expect(run.lanes[3]).toMatchObject({ optimizer: 'adagradRow', eps: 0.001 });
  await expect(page.getByText('Head: top 2% of tokens')).toBeVisible();
  await expect(page.getByText('Tail: the other 80%')).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('the same seed gives the same curves after Reset; another seed gives others', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Stop at step').fill('30');
  await app.runToStop(30);
  const first = await app.points();
  await app.button('Reset').click();
  await app.runToStop(30);
  expect(await app.points()).toEqual(first);
  await app.button('Reset').click();
  await app.field('Seed').fill('2');
  await app.runToStop(30);
  expect((await app.points()).at(-1)!.excess).not.toEqual(first.at(-1)!.excess);
  expect(app.errors).toEqual([]);
});

test('chart options: smoothing adds faint raw curves; reference slopes can be hidden', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Stop at step').fill('60');
  await app.runToStop(60);
  const loss = page.getByRole('figure', { name: /^Excess loss/ });
  // 5 lanes and the theory curves of SGD, FA-SGD and CF-SGD.
  await expect(loss.locator('.line')).toHaveCount(8);
  await page.getByLabel(/Smooth \(debiased/).check();
  await expect(loss.locator('.line')).toHaveCount(13);
  // The legend lists the lanes, and the theory once (the raw curves behind the smoothed are not listed).
  await expect(loss.locator('.legend-item')).toHaveCount(6);
  const steps = page.getByRole('figure', { name: /^Effective step size/ });
  await expect(steps.locator('.line')).toHaveCount(7); // 5 lanes + slopes 0 and −½
  await page.getByLabel(/Reference slopes \(dotted/).uncheck();
  await expect(steps.locator('.line')).toHaveCount(5);
  await expect(page.getByRole('figure', { name: /^Error against rank/ }).locator('.line')).toHaveCount(5);
  await expect(page.getByRole('img', { name: /tracked tokens got a gradient/ })).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('tablet width: one column, preset, lessons and Run first, no sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  const app = new Playground(page);
  await app.open();
  const top = (l: import('@playwright/test').Locator) => l.evaluate((e) => e.getBoundingClientRect().top);
  expect(await top(app.button('Run'))).toBeLessThan(900);
  expect(await top(page.getByRole('link', { name: LESSONS[0].title.replace(/^\d+\.\s*/, '') }))).toBeLessThan(900);
  expect(await top(page.getByRole('figure', { name: /^Excess loss/ }))).toBeLessThan(1180);
  await app.field('Stop at step').fill('40');
  await app.runToStop(40);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
  await app.screenshot('tablet');
  expect(app.errors).toEqual([]);
});

test('keyboard: Run is two keys away (a skip link), Enter runs, Enter again pauses, and focus stays on the button', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to Run' })).toBeFocused();
  await page.keyboard.press('Enter');
  const run = page.locator('.primary-run');
  await expect(run).toBeFocused();
  await expect(run).toHaveText('Run');
  await page.keyboard.press('Enter');
  await expect(run).toHaveText('Pause');
  await expect(run).toBeFocused();
  await app.waitForStep(20);
  await page.keyboard.press('Enter');
  await expect.poll(() => app.status()).toBe('paused');
  await expect(run).toHaveText('Resume');
  await expect(run).toBeFocused();
  // The second skip link (the next Tab stop) goes to the first lesson.
  await page.getByRole('button', { name: 'Skip to Run' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to the lessons' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: LESSONS[0].title.replace(/^\d+\.\s*/, '') })).toBeFocused();
  expect(app.errors).toEqual([]);
});

test('the default run stops at step 1,000, and Continue doubles the stop and goes on', async ({ page }) => {
  const app = new Playground(page);
  await app.open('/');
  await expect(app.field('Stop at step')).toHaveValue('1000');
  await expect(page.locator('.expected')).toContainText(
    'Updates a token can expect by step 1,000, the stop step, 1,024 samples per step',
  );
  await app.runToStop(1000);
  await expect(page.getByText('Stopped at step 1,000, as asked.')).toBeVisible();
  await app.button('Continue to 2,000').click();
  await expect(app.field('Stop at step')).toHaveValue('2000');
  await app.waitForStep(1010);
  await app.button('Pause').click();
  await expect.poll(() => app.status()).toBe('paused');
  expect(app.errors).toEqual([]);
});

test('controls invite play: arrow keys nudge a field (log steps for rates, Shift ten), sliders move rates and β', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open('/');
  const lr = app.field('η (SGD)');
  await lr.focus();
  await page.keyboard.press('ArrowUp');
  await expect(lr).toHaveValue('12');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(lr).toHaveValue('8');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(lr).toHaveValue('80');
  await page.getByLabel('β (FA-SGD), slider').fill('350');
  await expect(app.field('β (FA-SGD)')).toHaveValue('0.7');
  await page.getByLabel('η (FA-SGD), slider (log scale)').fill('750');
  await expect(app.field('η (FA-SGD)')).toHaveValue('100');
  await app.field('Stop at step').fill('10');
  await app.runToStop(10);
  const run = await app.running();
  expect(run.lanes[0]).toMatchObject({ lr: 80 });
  expect(run.lanes[1]).toMatchObject({ lr: 100, beta: 0.7 });
  expect(app.errors).toEqual([]);
});
