import { expect, test } from '@playwright/test';
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
  await expect.poll(() => app.status()).toBe('paused');
  await expect(page.getByText('Stopped at step 40, as asked.')).toBeVisible();
  await expect.poll(() => app.step()).toBe(40);
  expect(app.errors).toEqual([]);
});

test('Speed limits the steps per second', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await page.getByLabel('Speed').selectOption('5');
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
