import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('no WebGPU: without an adapter the page says so and trains on the CPU engine', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.button('Run').click();
  await expect(page.getByRole('status').filter({ hasText: 'no WebGPU adapter' })).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('CPU (JavaScript, float32)');
  await app.waitForStep(50);
  await expect(page.getByRole('figure', { name: /Excess loss/ }).locator('.line')).toHaveCount(5);
  await app.screenshot('no-webgpu');
  expect(app.errors).toEqual([]);
});

test('limits: without WebGPU a table too big for the CPU engine is refused with its estimated memory', async ({
  page,
}) => {
  const app = new Playground(page);
  await app.open();
  await app.field('Vocabulary N').fill('10000000');
  await app.field('Dimension d').fill('256');
  await app.button('Run').click();
  await expect(page.getByRole('alert').first()).toHaveText(
    /needs about .* MiB, over the CPU engine's limit of 1024\.0 MiB/,
  );
  await expect.poll(() => app.status()).toBe('idle');
  expect(app.errors).toEqual([]);
});
