import { expect, test } from '@playwright/test';
import { Playground } from './playground.ts';

test('without a WebGPU adapter the page says so and trains on the CPU engine', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  await app.button('Run').click();
  await expect(page.getByRole('status').filter({ hasText: 'no WebGPU adapter' })).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('CPU (JavaScript, float32)');
  await app.waitForStep(50);
  await expect(page.getByRole('figure', { name: /Excess loss/ }).locator('.recharts-line')).toHaveCount(5);
  await app.screenshot('no-webgpu');
  expect(app.errors).toEqual([]);
});
